//! The account's own details: sign-in email, password and language.

use crate::error::AppError;
use crate::i18n::Lang;
use leptos::prelude::*;
use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct AccountSettings {
    pub email: String,
    /// A new address waiting for its confirmation link.
    pub pending_email: Option<String>,
    pub language: Lang,
    /// Whether email and password can be changed now without confirming it is you again.
    pub recently_authenticated: bool,
    /// Case changes are texted too (`None`: no confirmed phone to text).
    pub case_texts: Option<bool>,
}

#[server(prefix = "/api", endpoint = "account_settings")]
pub async fn load_account_settings() -> Result<AccountSettings, AppError> {
    use crate::server::{identity::account_settings, web::request, web::responses};
    let state = request::app_state()?;
    let session = request::require_session()?;
    responses::finish(account_settings::settings(&state, &session).await.map(super::words::account_settings))
}

/// Turns texts about case changes on (`case_texts` sent, a checked box) or off.
#[server(prefix = "/api", endpoint = "set_case_texts")]
pub async fn set_case_texts(case_texts: Option<String>) -> Result<(), AppError> {
    use crate::server::{identity::account_settings, web::request, web::responses};
    let state = request::app_state()?;
    let session = request::require_session()?;
    let outcome = account_settings::set_case_texts(&state, &session, case_texts.is_some())
        .await
        .map(|()| crate::routes::with_query(crate::routes::ACCOUNT, "texts_saved=1"));
    responses::finish_form(outcome, crate::routes::ACCOUNT)
}

#[server(prefix = "/api", endpoint = "change_password")]
pub async fn change_password(password: String) -> Result<(), AppError> {
    use crate::server::{identity::account_settings, web::request, web::responses};
    let state = request::app_state()?;
    let session = request::require_session()?;
    let outcome = account_settings::change_password(&state, &session, &password, &request::client_info())
        .await
        .map(|_| crate::routes::with_query(crate::routes::ACCOUNT, "password_changed=1").to_owned());
    responses::finish_form(outcome, crate::routes::ACCOUNT)
}

#[server(prefix = "/api", endpoint = "request_email_change")]
pub async fn request_email_change(email: String) -> Result<(), AppError> {
    use crate::server::{identity::account_settings, web::request, web::responses};
    let state = request::app_state()?;
    let session = request::require_session()?;
    let outcome = account_settings::request_email_change(&state, &session, &email, &request::client_info())
        .await
        .map(|_| crate::routes::with_query(crate::routes::ACCOUNT, "email_sent=1").to_owned());
    responses::finish_form(outcome, crate::routes::ACCOUNT)
}

/// The button on the page the new address's link opens (a POST, so a mail scanner changes nothing).
#[server(prefix = "/api", endpoint = "confirm_email_change")]
pub async fn confirm_email_change(token: String) -> Result<(), AppError> {
    use crate::server::{identity::account_settings, web::request, web::responses};
    let state = request::app_state()?;
    let outcome = account_settings::confirm_email_change(&state, &token, &request::client_info())
        .await
        .map(|_| crate::routes::with_query(crate::routes::CONFIRM_EMAIL_CHANGE, "done=1").to_owned());
    responses::finish_form(outcome, crate::routes::CONFIRM_EMAIL_CHANGE)
}

/// Chooses the language: kept in the account when signed in, in a cookie for visitors.
#[server(prefix = "/api", endpoint = "set_language")]
pub async fn set_language(language: String, back: Option<String>) -> Result<(), AppError> {
    use crate::server::{identity::account_settings, web::cookies, web::request, web::responses};
    let state = request::app_state()?;
    let lang = Lang::from_tag(&language).unwrap_or_default();
    cookies::remember_language(lang);
    let outcome = async {
        if let Some(session) = request::current_session()? {
            account_settings::set_language(&state, &session, lang, &request::client_info()).await?;
        }
        // Only a plain path on this site (`finish_form` checks again before redirecting).
        let back = back.filter(|b| responses::same_site_path(b).is_some());
        Ok(back.unwrap_or_else(|| crate::routes::with_query(crate::routes::ACCOUNT, "language=1").to_owned()))
    }
    .await;
    responses::finish_form(outcome, crate::routes::ACCOUNT)
}
