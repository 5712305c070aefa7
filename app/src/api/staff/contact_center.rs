//! The contact center: check a caller, see their record's accounts, and help.

use crate::error::AppError;
use leptos::prelude::*;
use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CallerAccountView {
    pub id: crate::domain::AccountId,
    pub email: String,
    pub relation: String,
    pub state: Vec<String>,
    pub paused: bool,
    pub confirmed: bool,
    pub has_authenticator: bool,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct DisputeView {
    pub id: i32,
    pub by: String,
    pub details: String,
    pub filed: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CallerView {
    pub verification_id: i32,
    pub full_name: String,
    pub identifier: String,
    pub verified_at: String,
    pub cases: Vec<(String, String, String)>,
    pub accounts: Vec<CallerAccountView>,
    pub disputes: Vec<DisputeView>,
}

/// Checks a caller; on a match, goes to their page.
#[server(prefix = "/api", endpoint = "staff_verify_caller")]
pub async fn verify_caller(
    identifier: String,
    full_name: String,
    dob_month: String,
    dob_day: String,
    dob_year: String,
) -> Result<(), AppError> {
    use crate::server::staff::contact_center::{self, CallerClaim};
    use crate::server::{web::request, web::responses};
    let state = request::app_state()?;
    let agent = request::require_staff()?;
    let number = |s: &str| s.trim().parse::<u32>().ok();
    let date_of_birth = match (number(&dob_year), number(&dob_month), number(&dob_day)) {
        (Some(y), Some(m), Some(d)) => chrono::NaiveDate::from_ymd_opt(y as i32, m, d),
        _ => None,
    };
    let claim = CallerClaim { identifier, full_name, date_of_birth };
    let outcome = contact_center::verify_caller(&state, &agent, &claim).await.map(crate::routes::staff_caller);
    responses::finish_form(outcome, crate::routes::STAFF_CONTACT_CENTER)
}

#[server(prefix = "/api", endpoint = "staff_caller")]
pub async fn load_caller(verification: i32) -> Result<CallerView, AppError> {
    use crate::server::staff::contact_center;
    use crate::server::{web::request, web::responses};
    let state = request::app_state()?;
    let agent = request::require_staff()?;
    let read = contact_center::caller(&state, &agent, verification).await.map_err(responses::with_status)?;
    Ok(super::words::caller(read, state.now()))
}

/// One of the agent's actions for a checked caller: `action` is `lift_pause`, `reset_factor`,
/// `resend_confirmation` (with `account_id`), or `unlink` / `keep_link` (with `dispute_id`).
#[server(prefix = "/api", endpoint = "staff_help_caller")]
pub async fn help_caller(
    verification: i32,
    action: String,
    account_id: Option<crate::domain::AccountId>,
    dispute_id: Option<i32>,
    identity_checked: Option<String>,
    reason: String,
) -> Result<(), AppError> {
    use crate::server::staff::contact_center::{self, Help};
    use crate::server::{web::request, web::responses};
    let state = request::app_state()?;
    let agent = request::require_staff()?;
    let page = crate::routes::staff_caller(verification);
    let outcome = async {
        let help = match (action.as_str(), account_id, dispute_id) {
            ("lift_pause", Some(account), _) => Help::LiftPause { account },
            ("reset_factor", Some(account), _) => {
                Help::ResetSecondFactor { account, identity_checked: identity_checked.is_some() }
            }
            ("resend_confirmation", Some(account), _) => Help::ResendConfirmation { account },
            ("unlink", _, Some(dispute)) => Help::SettleDispute { dispute, unlink: true },
            ("keep_link", _, Some(dispute)) => Help::SettleDispute { dispute, unlink: false },
            _ => return Err(AppError::NotFound),
        };
        contact_center::help(&state, &agent, verification, help, &reason).await?;
        Ok(crate::routes::with_query(&page, &format!("done={action}")))
    }
    .await;
    responses::finish_form(outcome, &page)
}
