//! Adding a case filed on paper to the account (see `server::cases::paper_cases`).

use crate::error::AppError;
use leptos::prelude::*;

/// The form posts the receipt number, and either the case's online access code or the date of
/// birth (the memorable-date fields); an access code, when given, is what is checked.
#[server(prefix = "/api", endpoint = "add_paper_case")]
pub async fn add_paper_case(
    receipt_number: String,
    access_code: Option<String>,
    dob_month: Option<String>,
    dob_day: Option<String>,
    dob_year: Option<String>,
) -> Result<(), AppError> {
    use crate::server::cases::paper_cases::{self, CaseProof};
    use crate::server::identity::accounts::parse_date_of_birth;
    use crate::server::{web::request, web::responses};
    let state = request::app_state()?;
    let session = request::require_session()?;
    let code = access_code.map(|c| c.trim().to_owned()).filter(|c| !c.is_empty());
    let proof = match code {
        Some(code) => Ok(CaseProof::AccessCode(code)),
        None => parse_date_of_birth(
            dob_year.as_deref().unwrap_or_default(),
            dob_month.as_deref().unwrap_or_default(),
            dob_day.as_deref().unwrap_or_default(),
        )
        .map(CaseProof::DateOfBirth)
        .map_err(AppError::from),
    };
    let outcome = match proof {
        Ok(proof) => paper_cases::add(&state, &session, &receipt_number, proof)
            .await
            .map(|receipt| crate::routes::with_query(&crate::routes::case(receipt.as_str()), "added=1")),
        Err(e) => Err(e),
    };
    responses::finish_form(outcome, crate::routes::ADD_CASE)
}
