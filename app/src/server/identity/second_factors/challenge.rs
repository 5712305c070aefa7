//! The second factor at sign-in and when confirming it is you: an authenticator app (TOTP), ten
//! single-use backup codes, a code texted to a verified phone, and a one-time code by email as the
//! fallback (those codes are issued and checked by `one_time_codes`). How many wrong ones are
//! tolerated is `sign_in_throttle`'s rule, shared with wrong passwords.

use crate::domain::AccountId;
use crate::error::{AppError, FormError};
use crate::server::client::ClientInfo;
use crate::server::entities::{account, backup_code};
use crate::server::identity::accounts::signed_in_owner;
use crate::server::identity::second_factors::one_time_codes::{issue_code, still_valid_code, use_code};
use crate::server::identity::security_events::{self, SecurityEventKind};
use crate::server::identity::sessions::ActiveSession;
use crate::server::notify::messages::identity::{Mail, Text};
use crate::server::notify::sms;
use crate::server::{identity::second_factors::totp, secrets, AppState};
use chrono::Duration;
use rand::Rng;
use sea_orm::sea_query::Expr;
use sea_orm::{ActiveModelTrait, ColumnTrait, EntityTrait, PaginatorTrait, QueryFilter, Set};

pub const BACKUP_CODE_COUNT: usize = 10;

const BACKUP_PURPOSE: &str = "backup_code";
const EMAIL_SIGN_IN_PURPOSE: &str = "email_sign_in";
const TEXT_SIGN_IN_PURPOSE: &str = "text_sign_in";
/// Backup codes avoid letters and digits that are easily mistaken for each other (0/O, 1/I/L).
const BACKUP_ALPHABET: &[u8] = b"23456789ABCDEFGHJKMNPQRSTUVWXYZ";

/// How a person proves the second factor.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Method {
    Authenticator,
    BackupCode,
    Email,
    /// A code texted to the account's verified phone.
    TextMessage,
}

impl Method {
    pub fn parse(key: &str) -> Option<Self> {
        match key {
            "authenticator" => Some(Method::Authenticator),
            "backup_code" => Some(Method::BackupCode),
            "email" => Some(Method::Email),
            "text" => Some(Method::TextMessage),
            _ => None,
        }
    }

    pub fn key(self) -> &'static str {
        match self {
            Method::Authenticator => "authenticator",
            Method::BackupCode => "backup_code",
            Method::Email => "email",
            Method::TextMessage => "text",
        }
    }
}

/// `XXXXX-XXXXX`: 10 characters from a 31-letter alphabet, about 49.5 bits each.
fn new_backup_code() -> String {
    let mut rng = rand::rngs::OsRng;
    let chars: String = (0..10).map(|_| BACKUP_ALPHABET[rng.gen_range(0..BACKUP_ALPHABET.len())] as char).collect();
    format!("{}-{}", &chars[..5], &chars[5..])
}

/// Backup codes as typed: case, spaces and the dash do not matter.
fn normalise_backup_code(typed: &str) -> String {
    let plain: String = typed.chars().filter(|c| c.is_ascii_alphanumeric()).map(|c| c.to_ascii_uppercase()).collect();
    if plain.len() == 10 {
        format!("{}-{}", &plain[..5], &plain[5..])
    } else {
        plain
    }
}

fn unix_now(state: &AppState) -> i64 {
    state.now().timestamp()
}

fn seal_error(error: secrets::OpenError) -> AppError {
    crate::server::internal_error("opening a stored second-factor secret", error)
}

/// An authenticator secret waiting for its first code is shown and accepted for 15 minutes.
pub const PENDING_SECRET_LIFETIME: Duration = Duration::minutes(15);

/// Starts setting up an authenticator app: a new secret waits, sealed, for its first code.
pub async fn start_totp_setup(state: &AppState, session: &ActiveSession) -> Result<(), AppError> {
    crate::server::identity::sessions::require_recent_authentication(state, session)?;
    let mut pending: account::ActiveModel = signed_in_owner(state, session).await?.into();
    pending.totp_pending_secret = Set(Some(state.config.secret_key.seal(&totp::new_secret())));
    pending.totp_pending_at = Set(Some(state.now()));
    pending.update(&state.db).await?;
    Ok(())
}

/// The sealed secret waiting for its first code, while it has not expired.
fn live_pending_secret(state: &AppState, owner: &account::Model) -> Option<String> {
    let started = owner.totp_pending_at?;
    (state.now() - started < PENDING_SECRET_LIFETIME).then(|| owner.totp_pending_secret.clone()).flatten()
}

/// An authenticator app set-up in progress: what the app must be given.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TotpSetupRead {
    /// The `otpauth://` link (shown as a QR code).
    pub otpauth_url: String,
    /// The same secret in base32, for typing in by hand.
    pub secret_base32: String,
    /// Set-up replaces an app that is already set up.
    pub already_enrolled: bool,
}

/// What the set-up page shows: the QR code and the secret to type, or `None` if set-up was not
/// started (or its 15 minutes are over). Like every change of factors, only within 15 minutes of
/// giving password and second factor: the secret is as good as the app itself.
pub async fn totp_setup(state: &AppState, session: &ActiveSession) -> Result<Option<TotpSetupRead>, AppError> {
    crate::server::identity::sessions::require_recent_authentication(state, session)?;
    let owner = signed_in_owner(state, session).await?;
    let Some(sealed) = live_pending_secret(state, &owner) else { return Ok(None) };
    let secret = state.config.secret_key.open(&sealed).map_err(seal_error)?;
    let (otpauth_url, secret_base32) = totp::provisioning(&secret, &owner.email);
    Ok(Some(TotpSetupRead { otpauth_url, secret_base32, already_enrolled: owner.totp_secret.is_some() }))
}

/// Confirms the pending secret with a first code. Returns new backup codes when the account had
/// none (they are shown once).
pub async fn confirm_totp_setup(
    state: &AppState,
    session: &ActiveSession,
    code: &str,
    client: &ClientInfo,
) -> Result<Option<Vec<String>>, AppError> {
    let owner = signed_in_owner(state, session).await?;
    let Some(sealed) = live_pending_secret(state, &owner) else { return Err(FormError::SetupNotStarted.into()) };
    let secret = state.config.secret_key.open(&sealed).map_err(seal_error)?;
    let step = totp::verify(&secret, code, unix_now(state), None).map_err(|_| FormError::CodeInvalid)?;
    let replacing = owner.totp_secret.is_some();
    let (email, lang) = (owner.email.clone(), owner.lang());
    let mut enrolling: account::ActiveModel = owner.into();
    enrolling.totp_secret = Set(Some(sealed));
    enrolling.totp_pending_secret = Set(None);
    enrolling.totp_pending_at = Set(None);
    enrolling.totp_enrolled_at = Set(Some(state.now()));
    enrolling.totp_last_step = Set(Some(step));
    enrolling.update(&state.db).await?;
    security_events::record(state, session.account_id, SecurityEventKind::AuthenticatorAdded, client).await;
    state.mailer.notify(&email, lang, Mail::AuthenticatorAdded { replacing }).await;
    let has_codes = backup_code::Entity::find()
        .filter(backup_code::Column::AccountId.eq(session.account_id))
        .filter(backup_code::Column::UsedAt.is_null())
        .count(&state.db)
        .await?
        > 0;
    if has_codes {
        return Ok(None);
    }
    Ok(Some(regenerate_backup_codes(state, session.account_id, client).await?))
}

/// Replaces every backup code of the account with 10 new ones and returns them (only hashes are kept).
pub async fn regenerate_backup_codes(
    state: &AppState,
    account_id: AccountId,
    client: &ClientInfo,
) -> Result<Vec<String>, AppError> {
    backup_code::Entity::delete_many().filter(backup_code::Column::AccountId.eq(account_id)).exec(&state.db).await?;
    let codes: Vec<String> = (0..BACKUP_CODE_COUNT).map(|_| new_backup_code()).collect();
    let now = state.now();
    backup_code::Entity::insert_many(codes.iter().map(|code| backup_code::ActiveModel {
        account_id: Set(account_id),
        code_hash: Set(state.config.secret_key.lookup_hash(BACKUP_PURPOSE, account_id, code)),
        created_at: Set(now),
        used_at: Set(None),
        ..Default::default()
    }))
    .exec(&state.db)
    .await?;
    security_events::record(state, account_id, SecurityEventKind::BackupCodesCreated, client).await;
    Ok(codes)
}

pub async fn backup_codes_left(state: &AppState, account_id: AccountId) -> Result<u64, AppError> {
    Ok(backup_code::Entity::find()
        .filter(backup_code::Column::AccountId.eq(account_id))
        .filter(backup_code::Column::UsedAt.is_null())
        .count(&state.db)
        .await?)
}

/// Emailed codes are the fallback for accounts without an authenticator app. Once an app is set
/// up they are not offered: access to the mailbox alone must not stand in for the app (a lost app
/// is recovered through `factor_recovery`, with its waiting period).
pub fn email_codes_allowed(owner: &account::Model) -> bool {
    owner.totp_secret.is_none()
}

/// Emails a new sign-in code, replacing any earlier unused one. Limited per hour per account.
pub async fn send_email_code(state: &AppState, owner: &account::Model) -> Result<(), AppError> {
    if !email_codes_allowed(owner) {
        return Err(FormError::EmailCodeUnavailable.into());
    }
    let code = issue_code(state, owner.id, EMAIL_SIGN_IN_PURPOSE, &owner.email).await?;
    state.mailer.notify_owner(owner, Mail::SignInCode { code }).await;
    Ok(())
}

/// At the start of a sign-in: emails the code still valid if there is one (so sign-ins started
/// again and again by someone who knows the password do not use up the owner's hourly budget of
/// new codes), else a new one.
pub async fn send_email_code_for_sign_in(state: &AppState, owner: &account::Model) -> Result<(), AppError> {
    if !email_codes_allowed(owner) {
        return Err(FormError::EmailCodeUnavailable.into());
    }
    match still_valid_code(state, owner.id, EMAIL_SIGN_IN_PURPOSE, &owner.email).await? {
        Some(code) => {
            use crate::server::limits::{self, Limit};
            // Past its hourly limit the code is not sent again: the last mail still holds it.
            if limits::reserve(state, &[(Limit::SignInCodeResends, &owner.id.to_string())]).await?.is_ok() {
                state.mailer.notify_owner(owner, Mail::SignInCode { code }).await;
            }
            Ok(())
        }
        None => send_email_code(state, owner).await,
    }
}

/// Texts a new sign-in code to the account's verified phone.
pub async fn send_text_code(state: &AppState, owner: &account::Model) -> Result<(), AppError> {
    let Some(phone) = owner.verified_phone() else { return Err(FormError::TextCodeUnavailable.into()) };
    sms::check_destination(state, phone)?;
    let code = issue_code(state, owner.id, TEXT_SIGN_IN_PURPOSE, phone).await?;
    sms::send_limited(state, phone, owner.lang(), &Text::SignInCode { code }).await
}

/// Whether `code` is a valid second factor of `owner` by `method`. Accepted codes are used up (an
/// authenticator step, a backup code, an emailed code) with a conditional update, so two racing
/// requests cannot both use one.
pub async fn check(
    state: &AppState,
    owner: &account::Model,
    method: Method,
    code: &str,
    client: &ClientInfo,
) -> Result<bool, AppError> {
    let now = state.now();
    match method {
        Method::Authenticator => {
            let Some(sealed) = &owner.totp_secret else { return Ok(false) };
            let secret = state.config.secret_key.open(sealed).map_err(seal_error)?;
            match totp::verify(&secret, code, now.timestamp(), owner.totp_last_step) {
                Ok(step) => {
                    let used = account::Entity::update_many()
                        .col_expr(account::Column::TotpLastStep, Expr::value(step))
                        .filter(account::Column::Id.eq(owner.id))
                        .filter(
                            sea_orm::Condition::any()
                                .add(account::Column::TotpLastStep.is_null())
                                .add(account::Column::TotpLastStep.lt(step)),
                        )
                        .exec(&state.db)
                        .await?;
                    if used.rows_affected == 1 {
                        return Ok(true);
                    }
                    report_replay(state, owner, client).await;
                    Ok(false)
                }
                Err(totp::Refusal::Replayed) => {
                    report_replay(state, owner, client).await;
                    Ok(false)
                }
                Err(totp::Refusal::Wrong) => Ok(false),
            }
        }
        Method::BackupCode => {
            // Codes made before a key rotation match while the old key is listed.
            let hashes = state.config.secret_key.lookup_hashes(BACKUP_PURPOSE, owner.id, &normalise_backup_code(code));
            let used = backup_code::Entity::update_many()
                .col_expr(backup_code::Column::UsedAt, Expr::value(now))
                .filter(backup_code::Column::AccountId.eq(owner.id))
                .filter(backup_code::Column::CodeHash.is_in(hashes))
                .filter(backup_code::Column::UsedAt.is_null())
                .exec(&state.db)
                .await?;
            if used.rows_affected == 0 {
                return Ok(false);
            }
            security_events::record(state, owner.id, SecurityEventKind::BackupCodeUsed, client).await;
            let left = backup_codes_left(state, owner.id).await?;
            state.mailer.notify_owner(owner, Mail::BackupCodeUsed { left }).await;
            Ok(true)
        }
        Method::Email => {
            Ok(email_codes_allowed(owner)
                && use_code(state, owner.id, EMAIL_SIGN_IN_PURPOSE, &owner.email, code).await?)
        }
        Method::TextMessage => match owner.verified_phone() {
            Some(phone) => use_code(state, owner.id, TEXT_SIGN_IN_PURPOSE, phone, code).await,
            None => Ok(false),
        },
    }
}

/// A code for a step that was already used: someone may have watched it being typed.
async fn report_replay(state: &AppState, owner: &account::Model, client: &ClientInfo) {
    security_events::record(state, owner.id, SecurityEventKind::AuthenticatorCodeReused, client).await;
    state.mailer.notify_owner(owner, Mail::AuthenticatorCodeReused).await;
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn backup_codes_are_grouped_unambiguous_and_forgiving_to_type() {
        let code = new_backup_code();
        assert_eq!(code.len(), 11);
        assert_eq!(&code[5..6], "-");
        assert!(code.chars().filter(|c| *c != '-').all(|c| BACKUP_ALPHABET.contains(&(c as u8))));
        assert_eq!(normalise_backup_code(&code.to_lowercase().replace('-', " ")), code);
        assert_ne!(new_backup_code(), new_backup_code());
    }
}
