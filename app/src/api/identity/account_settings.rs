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
    /// There is a confirmed phone to text.
    pub has_phone: bool,
    /// Each kind of news and how it comes: (kind key, its label, channel key chosen).
    pub choices: Vec<NotificationChoice>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct NotificationChoice {
    pub kind: String,
    pub label: String,
    pub channel: String,
}

#[server(prefix = "/api", endpoint = "account_settings")]
pub async fn load_account_settings() -> Result<AccountSettings, AppError> {
    use crate::server::{identity::account_settings, web::request, web::responses};
    let state = request::app_state()?;
    let session = request::require_session()?;
    let lang = request::page_lang();
    responses::finish(
        account_settings::settings(&state, &session).await.map(|read| super::words::account_settings(read, lang)),
    )
}

/// Saves how each kind of news comes (each field a channel key; one not sent keeps its choice).
#[server(prefix = "/api", endpoint = "set_notification_choices")]
pub async fn set_notification_choices(
    status_change: Option<String>,
    notice: Option<String>,
    appointment: Option<String>,
    reminder: Option<String>,
) -> Result<(), AppError> {
    use crate::domain::{Channel, NotificationKind};
    use crate::server::{notify::choices, web::request, web::responses};
    let state = request::app_state()?;
    let session = request::require_session()?;
    let given = [
        (NotificationKind::StatusChange, status_change),
        (NotificationKind::Notice, notice),
        (NotificationKind::Appointment, appointment),
        (NotificationKind::Reminder, reminder),
    ];
    // A value that is not a channel is not a choice: it is ignored (the form offers only channels).
    let chosen: Vec<(NotificationKind, Channel)> =
        given.into_iter().filter_map(|(kind, value)| Some((kind, Channel::from_key(value?.trim()).ok()?))).collect();
    let outcome = choices::set(&state, &session, &chosen)
        .await
        .map(|()| crate::routes::with_query(crate::routes::ACCOUNT, "choices_saved=1"));
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
