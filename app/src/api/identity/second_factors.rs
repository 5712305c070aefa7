//! The account's sign-in settings: the authenticator app, backup codes and a phone for texted codes. Changing them needs a
//! recent password and second factor (see `session_policy::REAUTHENTICATION_WINDOW`).

use crate::error::AppError;
use leptos::prelude::*;
use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct FactorSettings {
    /// "November 26, 2026" when an authenticator app is set up.
    pub authenticator_since: Option<String>,
    pub backup_codes_left: u64,
    /// Whether settings can be changed now without confirming password and code again.
    pub recently_authenticated: bool,
    /// "•••-•••-0143": the confirmed phone codes are texted to.
    pub phone_hint: Option<String>,
    /// A phone added but not yet confirmed with the code texted to it.
    pub phone_unconfirmed_hint: Option<String>,
    /// Emailed codes can confirm it is you (only without an authenticator app).
    pub email_codes: bool,
    /// A lost-factor recovery is under way; it can be finished from this time on.
    pub recovery_ready_at: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct TotpSetupView {
    /// The `otpauth://` link as a QR code image (SVG data URL).
    pub qr_data_url: String,
    /// The same secret in base32, in groups of four, for typing in by hand.
    pub secret_grouped: String,
    /// Set-up replaces an app that is already set up.
    pub already_enrolled: bool,
}

#[server(prefix = "/api", endpoint = "factor_settings")]
pub async fn load_factor_settings() -> Result<FactorSettings, AppError> {
    use crate::server::{identity::second_factors, web::request, web::responses};
    let state = request::app_state()?;
    let session = request::require_session()?;
    let read = second_factors::settings(&state, &session).await;
    responses::finish(read.map(|read| super::words::factor_settings(read, session.lang)))
}

#[server(prefix = "/api", endpoint = "start_authenticator_setup")]
pub async fn start_authenticator_setup() -> Result<(), AppError> {
    use crate::server::{identity::second_factors::challenge, web::request, web::responses};
    let state = request::app_state()?;
    let session = request::require_session()?;
    let outcome = async {
        crate::server::identity::sessions::require_recent_authentication(&state, &session)?;
        challenge::start_totp_setup(&state, &session).await?;
        Ok(crate::routes::AUTHENTICATOR.to_owned())
    }
    .await;
    responses::finish_form(outcome, crate::routes::SIGN_IN_SETTINGS)
}

#[server(prefix = "/api", endpoint = "authenticator_setup")]
pub async fn load_authenticator_setup() -> Result<Option<TotpSetupView>, AppError> {
    use crate::server::{identity::second_factors::challenge, web::request, web::responses};
    let state = request::app_state()?;
    let session = request::require_session()?;
    let read = challenge::totp_setup(&state, &session).await;
    responses::finish(read.and_then(|read| read.map(super::words::totp_setup).transpose()))
}

#[server(prefix = "/api", endpoint = "confirm_authenticator")]
pub async fn confirm_authenticator(code: String) -> Result<(), AppError> {
    use crate::server::identity::sessions::Flash;
    use crate::server::{identity::second_factors::challenge, web::request, web::responses};
    let state = request::app_state()?;
    let session = request::require_session()?;
    let outcome = async {
        crate::server::identity::sessions::require_recent_authentication(&state, &session)?;
        match challenge::confirm_totp_setup(&state, &session, &code, &request::client_info()).await? {
            Some(codes) => {
                crate::server::identity::sessions::put_flash(&state, session.session_id, &Flash::BackupCodes(codes))
                    .await?;
                Ok(crate::routes::with_query(crate::routes::BACKUP_CODES, "new=1").to_owned())
            }
            None => Ok(crate::routes::with_query(crate::routes::SIGN_IN_SETTINGS, "authenticator=1").to_owned()),
        }
    }
    .await;
    responses::finish_form(outcome, crate::routes::AUTHENTICATOR)
}

#[server(prefix = "/api", endpoint = "create_backup_codes")]
pub async fn create_backup_codes() -> Result<(), AppError> {
    use crate::server::identity::sessions::Flash;
    use crate::server::{identity::second_factors::challenge, web::request, web::responses};
    let state = request::app_state()?;
    let session = request::require_session()?;
    let outcome = async {
        crate::server::identity::sessions::require_recent_authentication(&state, &session)?;
        let codes = challenge::regenerate_backup_codes(&state, session.account_id, &request::client_info()).await?;
        crate::server::identity::sessions::put_flash(&state, session.session_id, &Flash::BackupCodes(codes)).await?;
        Ok(crate::routes::with_query(crate::routes::BACKUP_CODES, "new=1").to_owned())
    }
    .await;
    responses::finish_form(outcome, crate::routes::SIGN_IN_SETTINGS)
}

/// The backup codes just created, once: a second load (or another tab) gets an empty list.
#[server(prefix = "/api", endpoint = "new_backup_codes")]
pub async fn take_new_backup_codes() -> Result<Vec<String>, AppError> {
    use crate::server::identity::sessions::Flash;
    use crate::server::web::{request, responses};
    let state = request::app_state()?;
    let session = request::require_session()?;
    let codes = crate::server::identity::sessions::take_flash(&state, session.session_id, |flash| match flash {
        Flash::BackupCodes(codes) => Some(codes),
        Flash::Draft { .. } => None,
    })
    .await;
    responses::finish(codes.map(Option::unwrap_or_default))
}

/// Confirms password and a second factor again, so settings can be changed for the next 15 minutes.
#[server(prefix = "/api", endpoint = "reauthenticate")]
pub async fn reauthenticate(
    password: String,
    method: String,
    code: String,
    page: Option<String>,
) -> Result<(), AppError> {
    use crate::server::identity::second_factors::challenge::Method;
    use crate::server::{identity::second_factors, web::request, web::responses};
    let state = request::app_state()?;
    let session = request::require_session()?;
    let method = Method::parse(&method).unwrap_or(Method::Authenticator);
    let back = settings_page(page.as_deref());
    let outcome = second_factors::reauthenticate(&state, &session, &password, method, &code, &request::client_info())
        .await
        .map(|_| format!("{back}?confirmed=1"));
    responses::finish_form(outcome, back)
}

/// The settings page a "Confirm it is you" form returns to: one of a fixed list, never a path
/// taken from the request (no open redirect).
pub fn settings_page(page: Option<&str>) -> &'static str {
    match page {
        Some("account") => crate::routes::ACCOUNT,
        _ => crate::routes::SIGN_IN_SETTINGS,
    }
}

/// Cancels a lost-factor recovery (someone else may have started it).
#[server(prefix = "/api", endpoint = "cancel_factor_recovery")]
pub async fn cancel_factor_recovery() -> Result<(), AppError> {
    use crate::server::{identity::second_factors::recovery, web::request, web::responses};
    let state = request::app_state()?;
    let session = request::require_session()?;
    let outcome = recovery::cancel(&state, &session, &request::client_info())
        .await
        .map(|_| crate::routes::with_query(crate::routes::SIGN_IN_SETTINGS, "recovery_cancelled=1").to_owned());
    responses::finish_form(outcome, crate::routes::SIGN_IN_SETTINGS)
}

/// Emails a code for confirming it is you (accounts without an authenticator app).
#[server(prefix = "/api", endpoint = "send_reauthentication_code")]
pub async fn send_reauthentication_code(page: Option<String>) -> Result<(), AppError> {
    send_reauthentication(crate::server::identity::second_factors::challenge::Method::Email, "code_sent", page).await
}

/// Texts a code for confirming it is you (accounts with a confirmed phone).
#[server(prefix = "/api", endpoint = "send_reauthentication_text")]
pub async fn send_reauthentication_text(page: Option<String>) -> Result<(), AppError> {
    send_reauthentication(crate::server::identity::second_factors::challenge::Method::TextMessage, "text_sent", page)
        .await
}

#[cfg(feature = "ssr")]
async fn send_reauthentication(
    method: crate::server::identity::second_factors::challenge::Method,
    notice: &str,
    page: Option<String>,
) -> Result<(), AppError> {
    use crate::server::{identity::second_factors, web::request, web::responses};
    let state = request::app_state()?;
    let session = request::require_session()?;
    let back = settings_page(page.as_deref());
    let outcome = second_factors::send_code(&state, &session, method).await.map(|_| format!("{back}?{notice}=1"));
    responses::finish_form(outcome, back)
}

/// Adds (or replaces) the phone for texted codes and texts it a code to confirm it.
#[server(prefix = "/api", endpoint = "add_phone")]
pub async fn add_phone(phone: String) -> Result<(), AppError> {
    use crate::server::{identity::second_factors::phone as phones, web::request, web::responses};
    let state = request::app_state()?;
    let session = request::require_session()?;
    let outcome = phones::add(&state, &session, &phone, &request::client_info())
        .await
        .map(|_| crate::routes::with_query(crate::routes::SIGN_IN_SETTINGS, "phone_sent=1").to_owned());
    responses::finish_form(outcome, crate::routes::SIGN_IN_SETTINGS)
}

#[server(prefix = "/api", endpoint = "confirm_phone")]
pub async fn confirm_phone(code: String) -> Result<(), AppError> {
    use crate::server::{identity::second_factors::phone as phones, web::request, web::responses};
    let state = request::app_state()?;
    let session = request::require_session()?;
    let outcome = phones::confirm(&state, &session, &code, &request::client_info())
        .await
        .map(|_| crate::routes::with_query(crate::routes::SIGN_IN_SETTINGS, "phone=1").to_owned());
    responses::finish_form(outcome, crate::routes::SIGN_IN_SETTINGS)
}

#[server(prefix = "/api", endpoint = "remove_phone")]
pub async fn remove_phone() -> Result<(), AppError> {
    use crate::server::{identity::second_factors::phone as phones, web::request, web::responses};
    let state = request::app_state()?;
    let session = request::require_session()?;
    let outcome = phones::remove(&state, &session, &request::client_info())
        .await
        .map(|_| crate::routes::with_query(crate::routes::SIGN_IN_SETTINGS, "phone_removed=1").to_owned());
    responses::finish_form(outcome, crate::routes::SIGN_IN_SETTINGS)
}
