//! Second factors: the settings page's rules (what it shows, and that changing a factor needs a
//! recent password and second factor) here; the sign-in challenge, authenticator apps, phones and
//! recovery of a lost factor in the modules below.

pub mod challenge;
pub mod one_time_codes;
pub mod phone;
pub mod recovery;
pub mod totp;

use crate::domain::{Password, PhoneNumber};
use crate::error::{AppError, FormError};
use crate::server::client::ClientInfo;
use crate::server::identity::security_events::SecurityEventKind;
use crate::server::identity::session_policy::recently_authenticated;
use crate::server::identity::sessions::{self, ActiveSession};
use crate::server::{identity::accounts, identity::sign_in_throttle, AppState};
use challenge::Method;

/// What the sign-in settings page shows about the account's second factors.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FactorsRead {
    /// When an authenticator app was set up, if one is.
    pub authenticator_since: Option<chrono::NaiveDate>,
    pub backup_codes_left: u64,
    /// The confirmed phone codes are texted to, masked.
    pub phone_hint: Option<String>,
    /// A phone added but not yet confirmed, masked.
    pub phone_unconfirmed_hint: Option<String>,
    pub email_codes: bool,
    pub recently_authenticated: bool,
    /// When an open lost-factor recovery can be finished.
    pub recovery_ready_at: Option<chrono::DateTime<chrono::Utc>>,
}

pub async fn settings(state: &AppState, session: &ActiveSession) -> Result<FactorsRead, AppError> {
    let owner = accounts::signed_in_owner(state, session).await?;
    Ok(FactorsRead {
        authenticator_since: owner.totp_enrolled_at.map(|at| at.date_naive()),
        backup_codes_left: challenge::backup_codes_left(state, owner.id).await?,
        phone_hint: owner.verified_phone().map(PhoneNumber::hint),
        phone_unconfirmed_hint: owner
            .phone_number
            .as_deref()
            .filter(|_| owner.phone_verified_at.is_none())
            .map(PhoneNumber::hint),
        email_codes: challenge::email_codes_allowed(&owner),
        recently_authenticated: session.authenticated_at.is_some_and(|at| recently_authenticated(at, state.now())),
        recovery_ready_at: recovery::open(state, owner.id).await?.map(|r| recovery::ready_at(&r)),
    })
}

/// Checks password and second factor again for a signed-in session. Failures count against the
/// same limits as at sign-in.
pub async fn reauthenticate(
    state: &AppState,
    session: &ActiveSession,
    password: &str,
    method: Method,
    code: &str,
    client: &ClientInfo,
) -> Result<(), AppError> {
    let owner = accounts::signed_in_owner(state, session).await?;
    let key = sign_in_throttle::email_key(&owner.email);
    let attempt = sign_in_throttle::begin(state, &key, client.ip.as_deref()).await?;
    let password_ok =
        match state.passwords.verify(Password::for_verification(password), Some(owner.password_hash.clone())).await {
            Ok(ok) => ok,
            Err(error) => {
                attempt.not_counted(state).await?;
                return Err(error);
            }
        };
    let code_ok = password_ok && challenge::check(state, &owner, method, code, client).await?;
    if !code_ok {
        let kind = if password_ok { SecurityEventKind::SecondFactorFailed } else { SecurityEventKind::SignInFailed };
        let paused = accounts::record_failure(state, attempt, Some(&owner), kind, client).await?;
        return Err(if paused { FormError::SignInPaused } else { FormError::InvalidCredentials }.into());
    }
    attempt.succeeded(state).await?;
    sessions::mark_authenticated(state, session.session_id).await
}

/// Sends a code for "Confirm it is you": by text to the confirmed phone, or by email (accounts
/// without an authenticator app).
pub async fn send_code(state: &AppState, session: &ActiveSession, method: Method) -> Result<(), AppError> {
    let owner = accounts::signed_in_owner(state, session).await?;
    match method {
        Method::TextMessage => challenge::send_text_code(state, &owner).await,
        _ => challenge::send_email_code(state, &owner).await,
    }
}
