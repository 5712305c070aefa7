//! Creating an account, signing in and out. Form functions answer with a redirect: to the next
//! page on success, back to the form with `?error=<code>` on a refused form, so plain HTML forms
//! and hydrated ones behave the same.

use crate::error::AppError;
use leptos::prelude::*;
use serde::{Deserialize, Serialize};

/// Who is signed in, as the header needs it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SignedInUser {
    pub email: String,
    pub record_linked: bool,
    /// The session's idle timeout and how long before it the page warns, from `session_policy`.
    pub idle_timeout_seconds: u64,
    pub idle_warning_seconds: u64,
    /// A staff member's role (the header shows the console's links instead of an applicant's).
    pub staff_role: Option<crate::domain::Role>,
    /// An applicant's unread notifications.
    pub unread_notifications: u64,
}

#[server(prefix = "/api", endpoint = "whoami")]
pub async fn current_user() -> Result<Option<SignedInUser>, AppError> {
    use crate::server::{cases::notifications, identity::session_policy, web::request};
    let state = request::app_state()?;
    let viewer = request::viewer();
    let unread_notifications = match viewer.signed_in() {
        Some(session) => notifications::unread_count(&state, session).await?,
        None => 0,
    };
    Ok(viewer.any_session().cloned().map(|s| SignedInUser {
        unread_notifications,
        staff_role: s.role.is_staff().then_some(s.role),
        email: s.email,
        record_linked: s.record_id.is_some(),
        idle_timeout_seconds: session_policy::IDLE_TIMEOUT.num_seconds() as u64,
        idle_warning_seconds: session_policy::IDLE_WARNING_BEFORE.num_seconds() as u64,
    }))
}

/// "Stay signed in": the request itself is the activity that keeps the session alive (the session
/// layer records it); 401 if the session already ended.
#[server(prefix = "/api", endpoint = "keep_session_alive")]
pub async fn keep_session_alive() -> Result<(), AppError> {
    use crate::server::web::{request, responses};
    let alive = request::viewer().any_session().is_some();
    responses::finish(if alive { Ok(()) } else { Err(AppError::SignInRequired) })
}

#[server(prefix = "/api", endpoint = "sign_up")]
pub async fn sign_up(email: String, password: String) -> Result<(), AppError> {
    use crate::server::{identity::accounts, web::request, web::responses};
    let state = request::app_state()?;
    let client = request::client_info();
    let outcome = accounts::create_account(&state, &email, &password, request::visitor_lang(), &client)
        .await
        .map(|_| crate::routes::SIGN_UP_CHECK_EMAIL.to_owned());
    responses::finish_form(outcome, crate::routes::SIGN_UP)
}

/// The live strength meter's question: how does the password being typed fare against the rule?
/// The rule's dictionaries stay on the server (in the browser they were most of its download).
/// Nothing is stored or logged; a form that submits the password is still checked in full.
/// `email`: the one typed into the form, or the account's.
#[server(prefix = "/api", endpoint = "password_strength")]
pub async fn password_strength(
    password: String,
    email: String,
) -> Result<crate::domain::password_strength::Strength, AppError> {
    use crate::domain::{password_strength, EmailAddress};
    // The person's own details only count against the password; an address too long to be one is
    // not worth the estimate's time.
    let email = if email.len() <= EmailAddress::MAX_LEN { email } else { String::new() };
    Ok(password_strength::assess(&password, &[email.as_str()]))
}

#[server(prefix = "/api", endpoint = "confirm_email")]
pub async fn confirm_email(token: String) -> Result<(), AppError> {
    use crate::error::FormError;
    use crate::server::{identity::accounts, web::request, web::responses};
    let state = request::app_state()?;
    let outcome = match accounts::confirm_email(&state, &token).await {
        Ok(true) => Ok(crate::routes::with_query(crate::routes::SIGN_IN, "confirmed=1").to_owned()),
        Ok(false) => Err(FormError::ConfirmationLinkInvalid.into()),
        Err(error) => Err(error),
    };
    responses::finish_form(outcome, crate::routes::CONFIRM_EMAIL)
}

#[server(prefix = "/api", endpoint = "sign_in")]
pub async fn sign_in(email: String, password: String) -> Result<(), AppError> {
    use crate::server::{
        identity::accounts, identity::sessions, identity::sign_in, web::cookies, web::request, web::responses,
    };
    let state = request::app_state()?;
    let outcome = async {
        let client = request::client_info();
        let account = match accounts::authenticate(&state, &email, &password, &client).await {
            Err(AppError::Form(crate::error::FormError::SignInPaused)) => {
                return Ok(paused_page(&state, &email).await);
            }
            other => other?,
        };
        // Staff sign in at their own door, with their authenticator in the same form; here their
        // right password reads like a wrong one.
        if account.role.is_staff() {
            return Err(crate::error::FormError::InvalidCredentials.into());
        }
        // A fresh session id once the password is accepted, and whatever session this browser had
        // is ended: an id planted before sign-in (session fixation) never becomes a signed-in one.
        if let Some(old) = cookies::session_cookie() {
            sessions::end(&state, &old).await?;
        }
        let token = sessions::start(&state, account.id, &client, false).await?;
        cookies::set_session_cookie(&state, &token);
        sign_in::after_password(&state, &account).await
    }
    .await;
    responses::finish_form(outcome, crate::routes::SIGN_IN)
}

/// The sign-in page saying that sign-in for `email` is paused, and until when.
#[cfg(feature = "ssr")]
async fn paused_page(state: &crate::server::AppState, email: &str) -> String {
    use crate::server::identity::sign_in_throttle;
    match sign_in_throttle::paused_until_now(state, &sign_in_throttle::email_key(email)).await {
        Ok(Some(until)) => crate::routes::with_query(
            crate::routes::SIGN_IN,
            &format!("error=sign_in_paused&until={}", until.timestamp()),
        ),
        _ => crate::routes::with_query(crate::routes::SIGN_IN, "error=sign_in_paused"),
    }
}

/// Which second factors the person finishing sign-in can use.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SecondFactorChoices {
    pub authenticator: bool,
    pub backup_codes: bool,
    /// Emailed codes: only for accounts without an authenticator app.
    pub email: bool,
    /// The masked address emailed codes go to.
    pub email_hint: String,
    /// "•••-•••-0143" when the account has a verified phone for texted codes.
    pub phone_hint: Option<String>,
    /// A lost-factor recovery has waited its 24 hours and can be finished now.
    pub recovery_ready: bool,
    /// When the open recovery (if any) can be finished.
    pub recovery_ready_at: Option<String>,
}

/// `None` when there is no sign-in waiting for a second factor (it expired, or never started).
#[server(prefix = "/api", endpoint = "second_factor_choices")]
pub async fn load_second_factor_choices() -> Result<Option<SecondFactorChoices>, AppError> {
    use crate::server::{identity::sign_in, web::request, web::responses};
    let state = request::app_state()?;
    let Some(pending) = request::pending_sign_in()? else { return Ok(None) };
    let read = sign_in::choices(&state, &pending).await;
    responses::finish(read.map(|read| Some(super::words::second_factor_choices(read, pending.lang))))
}

#[server(prefix = "/api", endpoint = "send_sign_in_code")]
pub async fn send_sign_in_code() -> Result<(), AppError> {
    use crate::error::FormError;
    use crate::server::{identity::sign_in, web::request, web::responses};
    let state = request::app_state()?;
    let outcome = match request::pending_sign_in()? {
        Some(pending) => sign_in::send_email_code(&state, &pending)
            .await
            .map(|_| crate::routes::with_query(crate::routes::SIGN_IN_VERIFY, "method=email&sent=1").to_owned()),
        None => return responses::finish_form(Err(FormError::SignInExpired.into()), crate::routes::SIGN_IN),
    };
    responses::finish_form(outcome, &crate::routes::with_query(crate::routes::SIGN_IN_VERIFY, "method=email"))
}

#[server(prefix = "/api", endpoint = "send_sign_in_text")]
pub async fn send_sign_in_text() -> Result<(), AppError> {
    use crate::error::FormError;
    use crate::server::{identity::sign_in, web::request, web::responses};
    let state = request::app_state()?;
    let outcome = match request::pending_sign_in()? {
        Some(pending) => sign_in::send_text_code(&state, &pending)
            .await
            .map(|_| crate::routes::with_query(crate::routes::SIGN_IN_VERIFY, "method=text&sent=1").to_owned()),
        None => return responses::finish_form(Err(FormError::SignInExpired.into()), crate::routes::SIGN_IN),
    };
    responses::finish_form(outcome, &crate::routes::with_query(crate::routes::SIGN_IN_VERIFY, "method=text"))
}

#[server(prefix = "/api", endpoint = "verify_sign_in")]
pub async fn verify_sign_in(method: String, code: String) -> Result<(), AppError> {
    use crate::error::FormError;
    use crate::server::identity::second_factors::challenge::Method;
    use crate::server::{identity::sign_in, web::cookies, web::request, web::responses};
    let state = request::app_state()?;
    let Some(pending) = request::pending_sign_in()? else {
        return responses::finish_form(Err(FormError::SignInExpired.into()), crate::routes::SIGN_IN);
    };
    let method = Method::parse(&method).unwrap_or(Method::Authenticator);
    let form_path = crate::routes::with_query(crate::routes::SIGN_IN_VERIFY, &format!("method={}", method.key()));
    let outcome = match sign_in::finish(&state, &pending, method, &code, &request::client_info()).await {
        Ok((token, next)) => {
            cookies::set_session_cookie(&state, &token);
            Ok(next)
        }
        Err(AppError::Form(FormError::SignInPaused)) => {
            cookies::clear_session_cookie(&state);
            return responses::finish_form(Ok(paused_page(&state, &pending.email).await), crate::routes::SIGN_IN);
        }
        Err(other) => Err(other),
    };
    responses::finish_form(outcome, &form_path)
}

/// "I lost my app and my backup codes": mails a link that starts the 24-hour recovery.
#[server(prefix = "/api", endpoint = "request_factor_recovery")]
pub async fn request_factor_recovery() -> Result<(), AppError> {
    use crate::error::FormError;
    use crate::server::{identity::second_factors::recovery, web::request, web::responses};
    let state = request::app_state()?;
    let Some(pending) = request::pending_sign_in()? else {
        return responses::finish_form(Err(FormError::SignInExpired.into()), crate::routes::SIGN_IN);
    };
    let outcome = recovery::request(&state, &pending, &request::client_info())
        .await
        .map(|_| crate::routes::with_query(crate::routes::SIGN_IN_RECOVER, "sent=1").to_owned());
    responses::finish_form(outcome, crate::routes::SIGN_IN_RECOVER)
}

#[server(prefix = "/api", endpoint = "start_factor_recovery")]
pub async fn start_factor_recovery(token: String) -> Result<(), AppError> {
    use crate::server::{identity::second_factors::recovery, web::request, web::responses};
    let state = request::app_state()?;
    let outcome = recovery::start(&state, &token, &request::client_info())
        .await
        .map(|_| crate::routes::RECOVER_SIGN_IN_STARTED.to_owned());
    responses::finish_form(outcome, crate::routes::RECOVER_SIGN_IN)
}

/// After the 24-hour wait: signs in with the password alone, once, to set up a new factor.
#[server(prefix = "/api", endpoint = "complete_factor_recovery")]
pub async fn complete_factor_recovery() -> Result<(), AppError> {
    use crate::error::FormError;
    use crate::server::{identity::second_factors::recovery, web::cookies, web::request, web::responses};
    let state = request::app_state()?;
    let Some(pending) = request::pending_sign_in()? else {
        return responses::finish_form(Err(FormError::SignInExpired.into()), crate::routes::SIGN_IN);
    };
    let outcome = match recovery::complete(&state, &pending, &request::client_info()).await {
        Ok((token, next)) => {
            cookies::set_session_cookie(&state, &token);
            Ok(next)
        }
        Err(error) => Err(error),
    };
    responses::finish_form(outcome, crate::routes::SIGN_IN_VERIFY)
}

#[server(prefix = "/api", endpoint = "request_password_reset")]
pub async fn request_password_reset(email: String) -> Result<(), AppError> {
    use crate::server::{identity::password_reset, web::request, web::responses};
    let state = request::app_state()?;
    let outcome = password_reset::request(&state, &email, &request::client_info())
        .await
        .map(|_| crate::routes::FORGOT_PASSWORD_CHECK_EMAIL.to_owned());
    responses::finish_form(outcome, crate::routes::FORGOT_PASSWORD)
}

#[server(prefix = "/api", endpoint = "reset_password")]
pub async fn reset_password(token: String, password: String) -> Result<(), AppError> {
    use crate::server::{identity::password_reset, web::request, web::responses};
    let state = request::app_state()?;
    let outcome = password_reset::reset(&state, &token, &password, &request::client_info())
        .await
        .map(|_| crate::routes::with_query(crate::routes::SIGN_IN, "password_reset=1").to_owned());
    // The token goes back into the form's address, so a refused password can be tried again.
    let token: String = token.chars().filter(char::is_ascii_hexdigit).take(64).collect();
    responses::finish_form(
        outcome,
        &crate::routes::with_query(crate::routes::RESET_PASSWORD, &format!("token={token}")),
    )
}

#[server(prefix = "/api", endpoint = "sign_out")]
pub async fn sign_out() -> Result<(), AppError> {
    use crate::server::identity::security_events::{self, SecurityEventKind};
    use crate::server::{identity::sessions, web::cookies, web::request, web::responses};
    let state = request::app_state()?;
    let viewer = request::viewer();
    if let Some(session) = viewer.any_session() {
        security_events::record(&state, session.account_id, SecurityEventKind::SignedOut, &request::client_info())
            .await;
    }
    let signed_out = if viewer.staff().is_some() { crate::routes::STAFF_SIGN_IN } else { crate::routes::SIGN_IN };
    if let Some(token) = cookies::session_cookie() {
        sessions::end(&state, &token).await?;
    }
    // Open live streams of this account check their sessions now, and this one's closes.
    if let Some(session) = viewer.any_session() {
        use crate::server::notify::live::News;
        state.live.publish(&state.db, News::SessionsChanged(session.account_id)).await;
    }
    cookies::clear_session_cookie(&state);
    cookies::forget_offline_copies();
    responses::finish_form(Ok(crate::routes::with_query(signed_out, "signed_out=1")), "/")
}
