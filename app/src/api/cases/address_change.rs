//! The change-of-address page (AR-11; see `server::cases::address_change`).

use crate::domain::AddressForm;
use crate::error::AppError;
use leptos::prelude::*;
use serde::{Deserialize, Serialize};

/// The addresses on file, line by line, and the form's starting values: what was typed when the
/// last try was refused (so nothing is lost), else the mailing address on file.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct AddressesView {
    pub mailing: Option<Vec<String>>,
    pub physical: Option<Vec<String>>,
    pub changed_on: Option<String>,
    pub pending_cases: Vec<String>,
    pub form: AddressForm,
    /// mailing, physical or both.
    pub which: String,
}

/// What a refused change keeps on the session for the form to show again.
#[cfg(feature = "ssr")]
#[derive(Debug, Clone, Serialize, Deserialize)]
struct Draft {
    which: String,
    form: AddressForm,
}

/// The name its kept draft goes by (`sessions::put_draft`).
#[cfg(feature = "ssr")]
const DRAFT: &str = "address";

#[server(prefix = "/api", endpoint = "address_page")]
pub async fn load_addresses() -> Result<AddressesView, AppError> {
    use crate::server::cases::address_change;
    use crate::server::identity::sessions;
    use crate::server::{web::request, web::responses};
    let state = request::app_state()?;
    let session = request::require_session()?;
    let read = address_change::addresses(&state, &session).await.map_err(responses::with_status)?;
    let draft = sessions::take_draft::<Draft>(&state, session.session_id, DRAFT).await?;
    let on_file = read.mailing.as_ref().map(|a| a.to_form()).unwrap_or_default();
    let (which, form) = match draft {
        Some(draft) => (draft.which, draft.form),
        None => ("both".to_owned(), on_file),
    };
    let lang = request::page_lang();
    Ok(AddressesView {
        mailing: read.mailing.map(|a| a.lines()),
        physical: read.physical.map(|a| a.lines()),
        changed_on: read.changed_at.map(|at| lang.format_date(at.date_naive())),
        pending_cases: read.pending_cases,
        form,
        which,
    })
}

#[server(prefix = "/api", endpoint = "change_address")]
pub async fn change_address(
    which: String,
    line1: String,
    line2: String,
    city: String,
    region: String,
    postal_code: String,
    country: String,
) -> Result<(), AppError> {
    use crate::domain::PostalAddress;
    use crate::error::FormError;
    use crate::server::cases::address_change::{self, Which};
    use crate::server::identity::sessions;
    use crate::server::{web::request, web::responses};
    let state = request::app_state()?;
    let session = request::require_session()?;
    let form = AddressForm { line1, line2, city, region, postal_code, country };
    let target = Which::from_key(&which).unwrap_or(Which::Both);
    let outcome = match PostalAddress::parse(&form) {
        Ok(address) => address_change::change(&state, &session, target, address, &request::client_info())
            .await
            .map(|cases| crate::routes::with_query(crate::routes::ADDRESS, &format!("changed={cases}"))),
        Err(reason) => Err(FormError::AddressInvalid.because(reason)),
    };
    if outcome.is_err() {
        // The form shows again with what was typed.
        let draft = Draft { which: target.key().to_owned(), form };
        sessions::put_draft(&state, session.session_id, DRAFT, &draft).await?;
    }
    responses::finish_form(outcome, crate::routes::ADDRESS)
}
