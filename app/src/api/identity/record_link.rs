//! Linking the account to an immigration record: the details, the access code from the mailed
//! Account Access Notice, and a dispute when another account holds the record.
// A server function takes one argument per form field, as a plain HTML form posts them, so the
// record-link form's eight fields are eight arguments (the `#[server]` macro's generated client
// function does not carry an item-level `allow`).
#![allow(clippy::too_many_arguments)]

use crate::error::AppError;
use leptos::prelude::*;
use serde::{Deserialize, Serialize};

#[server(prefix = "/api", endpoint = "link_record")]
pub async fn link_record(
    id_kind: String,
    id_number: String,
    full_name: String,
    dob_month: String,
    dob_day: String,
    dob_year: String,
    country_of_birth: String,
    access_code: Option<String>,
) -> Result<(), AppError> {
    use crate::server::identity::record_link::{self, LinkOutcome};
    use crate::server::{identity::accounts, web::request, web::responses};
    let state = request::app_state()?;
    let session = request::require_session()?;
    let claim = accounts::IdentityClaim::parse(
        &id_kind,
        &id_number,
        &full_name,
        (&dob_year, &dob_month, &dob_day),
        &country_of_birth,
    );
    let outcome = match claim {
        Ok(claim) => record_link::link(&state, &session, &claim, access_code.as_deref(), &request::client_info())
            .await
            .map(|outcome| match outcome {
                LinkOutcome::Linked => crate::routes::DASHBOARD.to_owned(),
                LinkOutcome::AwaitingAccessCode => crate::routes::LINK_RECORD_ACCESS_CODE.to_owned(),
            }),
        Err(e) => Err(e),
    };
    responses::finish_form(outcome, crate::routes::LINK_RECORD)
}

/// Where the account's record link stands, for the link pages.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct LinkProgressView {
    /// "November 27, 2026 at 14:05 UTC": when the details matched and a notice was mailed.
    pub awaiting_code_since: Option<String>,
    pub can_dispute: bool,
}

#[server(prefix = "/api", endpoint = "link_progress")]
pub async fn load_link_progress() -> Result<LinkProgressView, AppError> {
    use crate::server::{identity::record_link, web::request, web::responses};
    let state = request::app_state()?;
    let session = request::require_session()?;
    responses::finish(record_link::progress(&state, &session).await.map(|p| LinkProgressView {
        awaiting_code_since: p.awaiting_code_since.map(|at| session.lang.format_datetime(at)),
        can_dispute: p.can_dispute,
    }))
}

/// The online access code from the mailed Account Access Notice finishes a pending link.
#[server(prefix = "/api", endpoint = "enter_access_code")]
pub async fn enter_access_code(access_code: String) -> Result<(), AppError> {
    use crate::server::{identity::record_link, web::request, web::responses};
    let state = request::app_state()?;
    let session = request::require_session()?;
    let outcome = record_link::enter_access_code(&state, &session, &access_code, &request::client_info())
        .await
        .map(|_| crate::routes::DASHBOARD.to_owned());
    responses::finish_form(outcome, crate::routes::LINK_RECORD_ACCESS_CODE)
}

/// "My record is linked to someone else": a report for the contact center.
#[server(prefix = "/api", endpoint = "dispute_record")]
pub async fn dispute_record(details: String) -> Result<(), AppError> {
    use crate::server::{identity::record_link, web::request, web::responses};
    let state = request::app_state()?;
    let session = request::require_session()?;
    let outcome = record_link::dispute(&state, &session, &details, &request::client_info())
        .await
        .map(|_| crate::routes::with_query(crate::routes::LINK_RECORD_DISPUTE, "sent=1").to_owned());
    responses::finish_form(outcome, crate::routes::LINK_RECORD_DISPUTE)
}
