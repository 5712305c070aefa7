//! Staff set-up, sign-in, who is signed in, and the administrators' list of staff.

use crate::error::AppError;
use leptos::prelude::*;
use serde::{Deserialize, Serialize};

/// What the set-up page shows.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct StaffSetUpView {
    pub email: String,
    pub name: String,
    pub role: String,
    /// The authenticator's `otpauth://` link as a QR code (SVG data URL).
    pub qr_data_url: String,
    pub secret_grouped: String,
}

/// The signed-in staff member, for the console's header.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct StaffMember {
    pub name: String,
    pub email: String,
    pub role: crate::domain::Role,
    pub role_title: String,
    pub office: Option<String>,
}

/// One staff account in the administrators' list.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct StaffAccountView {
    pub id: crate::domain::AccountId,
    pub name: String,
    pub email: String,
    pub role_title: String,
    pub office: String,
    /// "Active", "Disabled since …" or "Waiting for set-up".
    pub state: String,
    pub disabled: bool,
}

/// The set-up link's details; `None` when the link is not (or no longer) valid.
#[server(prefix = "/api", endpoint = "staff_setup")]
pub async fn load_staff_setup(token: String) -> Result<Option<StaffSetUpView>, AppError> {
    use crate::server::{staff::accounts, web::request, web::responses};
    let state = request::app_state()?;
    match accounts::set_up_details(&state, &token).await {
        Ok(read) => Ok(Some(super::words::set_up(read)?)),
        Err(AppError::Form(_)) => Ok(None),
        Err(other) => Err(responses::with_status(other)),
    }
}

#[server(prefix = "/api", endpoint = "staff_complete_setup")]
pub async fn complete_staff_setup(token: String, password: String, code: String) -> Result<(), AppError> {
    use crate::server::{staff::accounts, web::request, web::responses};
    let state = request::app_state()?;
    let outcome = accounts::complete_set_up(&state, &token, &password, &code, &request::client_info())
        .await
        .map(|()| crate::routes::with_query(crate::routes::STAFF_SIGN_IN, "set_up=1"));
    // Tokens are hex; anything else is dropped rather than carried into the address.
    let token: String = token.chars().filter(char::is_ascii_alphanumeric).collect();
    responses::finish_form(outcome, &crate::routes::with_query(crate::routes::STAFF_SET_UP, &format!("token={token}")))
}

#[server(prefix = "/api", endpoint = "staff_sign_in")]
pub async fn staff_sign_in(email: String, password: String, code: String) -> Result<(), AppError> {
    use crate::server::{identity::sessions, staff::accounts, web::cookies, web::request, web::responses};
    let state = request::app_state()?;
    let outcome = async {
        let client = request::client_info();
        let token = accounts::sign_in(&state, &email, &password, &code, &client).await?;
        // Whatever session this browser had ends: a planted id never becomes a staff session.
        if let Some(old) = cookies::session_cookie() {
            sessions::end(&state, &old).await?;
        }
        cookies::set_session_cookie(&state, &token);
        Ok(crate::routes::STAFF.to_owned())
    }
    .await;
    responses::finish_form(outcome, crate::routes::STAFF_SIGN_IN)
}

/// The signed-in staff member, or `None`.
#[server(prefix = "/api", endpoint = "staff_whoami")]
pub async fn current_staff() -> Result<Option<StaffMember>, AppError> {
    use crate::server::web::request;
    Ok(request::viewer().staff().map(|s| StaffMember {
        name: s.display_name.clone().unwrap_or_default(),
        email: s.email.clone(),
        role: s.role,
        role_title: s.role.title().to_owned(),
        office: s.office.clone(),
    }))
}

#[server(prefix = "/api", endpoint = "staff_accounts")]
pub async fn load_staff_accounts() -> Result<Vec<StaffAccountView>, AppError> {
    use crate::server::{staff::accounts, web::request, web::responses};
    let state = request::app_state()?;
    request::require_staff()?;
    let list = accounts::list(&state).await.map_err(responses::with_status)?;
    Ok(list.into_iter().map(super::words::staff_account).collect())
}

/// Disables (`disabled` = true) or enables a staff account, with the reason.
#[server(prefix = "/api", endpoint = "staff_set_disabled")]
pub async fn set_staff_disabled(
    account_id: crate::domain::AccountId,
    disabled: bool,
    reason: String,
) -> Result<(), AppError> {
    use crate::server::{staff::accounts, web::request, web::responses};
    let state = request::app_state()?;
    let staff = request::require_staff()?;
    let outcome = accounts::set_disabled(&state, &staff, account_id, disabled, &reason).await.map(|()| {
        crate::routes::with_query(crate::routes::STAFF_ACCOUNTS, if disabled { "disabled=1" } else { "enabled=1" })
    });
    responses::finish_form(outcome, crate::routes::STAFF_ACCOUNTS)
}
