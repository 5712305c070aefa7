//! The second factor, in one place: an authenticator app (TOTP), ten single-use backup codes, a
//! code texted to a verified phone, and a one-time code by email as the fallback. Codes are
//! checked here; how many wrong ones are tolerated is `sign_in_throttle`'s rule, shared with wrong
//! passwords.

use crate::domain::AccountId;
use crate::error::{AppError, FormError};
use crate::server::entities::{account, backup_code, one_time_code};
use crate::server::identity::accounts::signed_in_owner;
use crate::server::identity::security_events::{self, SecurityEventKind};
use crate::server::identity::sessions::{ActiveSession, ClientInfo};
use crate::server::notify::messages::identity::{Mail, Text};
use crate::server::notify::sms;
use crate::server::{identity::second_factors::totp, secrets, AppState};
use chrono::Duration;
use rand::Rng;
use sea_orm::sea_query::Expr;
use sea_orm::{ActiveModelTrait, ColumnTrait, EntityTrait, PaginatorTrait, QueryFilter, QueryOrder, Set};

pub const BACKUP_CODE_COUNT: usize = 10;
/// An emailed or texted code works for 10 minutes, once.
pub const CODE_LIFETIME: Duration = Duration::minutes(10);
/// At most this many codes of one kind are sent to one account in an hour.
pub const CODES_PER_HOUR: u64 = 5;
/// Tries of one emailed or texted code; after this many wrong ones it is void and a new one must be sent.
pub const WRONG_TRIES_PER_CODE: i32 = 5;

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

/// What the set-up page shows: the QR code and the secret to type, or `None` if set-up was not
/// started (or its 15 minutes are over). Like every change of factors, only within 15 minutes of
/// giving password and second factor: the secret is as good as the app itself.
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

/// A new 6-digit code for `purpose`, bound to `bound_to` (e.g. the phone it is texted to), replacing
/// any earlier unused one of that purpose. At most `CODES_PER_HOUR` per purpose per account.
pub async fn issue_code(
    state: &AppState,
    account_id: AccountId,
    purpose: &str,
    bound_to: &str,
) -> Result<String, AppError> {
    let now = state.now();
    let sent_last_hour = one_time_code::Entity::find()
        .filter(one_time_code::Column::AccountId.eq(account_id))
        .filter(one_time_code::Column::Purpose.eq(purpose))
        .filter(one_time_code::Column::CreatedAt.gt(now - Duration::hours(1)))
        .count(&state.db)
        .await?;
    if sent_last_hour >= CODES_PER_HOUR {
        return Err(FormError::TooManyCodesSent.into());
    }
    one_time_code::Entity::update_many()
        .col_expr(one_time_code::Column::UsedAt, Expr::value(now))
        .filter(one_time_code::Column::AccountId.eq(account_id))
        .filter(one_time_code::Column::Purpose.eq(purpose))
        .filter(one_time_code::Column::UsedAt.is_null())
        .exec(&state.db)
        .await?;
    let code = format!("{:06}", rand::rngs::OsRng.gen_range(0..1_000_000u32));
    one_time_code::ActiveModel {
        account_id: Set(account_id),
        purpose: Set(purpose.to_owned()),
        code_hash: Set(state.config.secret_key.lookup_hash(purpose, account_id, &format!("{bound_to}:{code}"))),
        created_at: Set(now),
        used_at: Set(None),
        failed_attempts: Set(0),
        sealed_code: Set(Some(state.config.secret_key.seal(code.as_bytes()))),
        ..Default::default()
    }
    .insert(&state.db)
    .await?;
    Ok(code)
}

/// The newest code of `purpose` that still works and is bound to `bound_to`, to send again instead
/// of a new one.
async fn still_valid_code(
    state: &AppState,
    account_id: AccountId,
    purpose: &str,
    bound_to: &str,
) -> Result<Option<String>, AppError> {
    let Some(latest) = newest_unused_code(state, account_id, purpose).await? else { return Ok(None) };
    // A code about to expire is not worth sending again.
    let fresh = state.now() - latest.created_at < CODE_LIFETIME - Duration::minutes(2);
    if !fresh || latest.failed_attempts >= WRONG_TRIES_PER_CODE {
        return Ok(None);
    }
    let Some(sealed) = latest.sealed_code else { return Ok(None) };
    let code = String::from_utf8_lossy(&state.config.secret_key.open(&sealed).map_err(seal_error)?).into_owned();
    let expected = state.config.secret_key.lookup_hash(purpose, account_id, &format!("{bound_to}:{code}"));
    Ok(secrets::constant_time_eq(&expected, &latest.code_hash).then_some(code))
}

/// Whether `typed` is the newest unused, unexpired code of `purpose` bound to `bound_to`; if so it
/// is used up (a conditional update, so two racing requests cannot both use it). Every try is
/// counted on the code, and a fifth wrong one voids it: six digits are a million guesses, not five.
pub async fn use_code(
    state: &AppState,
    account_id: AccountId,
    purpose: &str,
    bound_to: &str,
    typed: &str,
) -> Result<bool, AppError> {
    let now = state.now();
    let typed: String = typed.chars().filter(|c| c.is_ascii_digit()).collect();
    let Some(latest) = newest_unused_code(state, account_id, purpose).await? else { return Ok(false) };
    if now - latest.created_at >= CODE_LIFETIME {
        return Ok(false);
    }
    // The try is counted before the code is compared (a conditional update), so simultaneous
    // tries cannot get more than five comparisons out of one code.
    let counted = one_time_code::Entity::update_many()
        .col_expr(
            one_time_code::Column::FailedAttempts,
            sea_orm::sea_query::ExprTrait::add(Expr::col(one_time_code::Column::FailedAttempts), 1),
        )
        .filter(one_time_code::Column::Id.eq(latest.id))
        .filter(one_time_code::Column::UsedAt.is_null())
        .filter(one_time_code::Column::FailedAttempts.lt(WRONG_TRIES_PER_CODE))
        .exec(&state.db)
        .await?;
    if counted.rows_affected != 1 {
        return Ok(false);
    }
    let expected = state.config.secret_key.lookup_hash(purpose, account_id, &format!("{bound_to}:{typed}"));
    let right = secrets::constant_time_eq(&expected, &latest.code_hash);
    // A right code is used up; after the fifth try a wrong one leaves the code void.
    let mut finishing = one_time_code::Entity::update_many()
        .col_expr(one_time_code::Column::UsedAt, Expr::value(now))
        .filter(one_time_code::Column::Id.eq(latest.id))
        .filter(one_time_code::Column::UsedAt.is_null());
    if !right {
        finishing = finishing.filter(one_time_code::Column::FailedAttempts.gte(WRONG_TRIES_PER_CODE));
    }
    let finished = finishing.exec(&state.db).await?;
    Ok(right && finished.rows_affected == 1)
}

/// The newest unused code of `purpose` of the account (expired or not).
async fn newest_unused_code(
    state: &AppState,
    account_id: AccountId,
    purpose: &str,
) -> Result<Option<one_time_code::Model>, AppError> {
    Ok(one_time_code::Entity::find()
        .filter(one_time_code::Column::AccountId.eq(account_id))
        .filter(one_time_code::Column::Purpose.eq(purpose))
        .filter(one_time_code::Column::UsedAt.is_null())
        .order_by_desc(one_time_code::Column::CreatedAt)
        .one(&state.db)
        .await?)
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
            let hash = state.config.secret_key.lookup_hash(BACKUP_PURPOSE, owner.id, &normalise_backup_code(code));
            let used = backup_code::Entity::update_many()
                .col_expr(backup_code::Column::UsedAt, Expr::value(now))
                .filter(backup_code::Column::AccountId.eq(owner.id))
                .filter(backup_code::Column::CodeHash.eq(hash))
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
