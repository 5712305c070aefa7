//! Accounts: creating one, checking a password, and linking an account to the immigration record
//! of the person who owns it.

use super::email_tokens::{self, TokenPurpose};
use super::entities::{account, immigration_record};
use super::messages::Mail;
use super::security_events::{self, SecurityEventKind};
use super::sessions::{ActiveSession, ClientInfo};
use super::sign_in_throttle;
use super::AppState;
use crate::api::{AppError, FormError};
use crate::domain::{ANumber, CountryName, EmailAddress, Password, PersonName, UscisNumber};
use crate::i18n::Lang;
use chrono::NaiveDate;
use sea_orm::{ActiveModelTrait, ColumnTrait, EntityTrait, QueryFilter, Set, SqlErr};

/// Starts an account and mails a confirmation link. Signing up with an address that already has
/// an account looks exactly the same on screen (and costs the same hashing work): the owner is
/// mailed instead, so the form cannot be used to find out who has an account.
pub async fn create_account(
    state: &AppState,
    email: &str,
    password: &str,
    lang: Lang,
    client: &ClientInfo,
) -> Result<(), AppError> {
    let email = EmailAddress::parse(email).map_err(|_| FormError::EmailInvalid)?;
    let password = new_password(password, &[email.as_str()])?;
    let password_hash = state.passwords.hash(password).await?;
    let inserted = account::ActiveModel {
        email: Set(email.as_str().to_owned()),
        password_hash: Set(password_hash),
        record_id: Set(None),
        record_linked_at: Set(None),
        created_at: Set(state.now()),
        email_confirmed_at: Set(None),
        language: Set(lang.tag().to_owned()),
        ..Default::default()
    }
    .insert(&state.db)
    .await;
    let sent = match inserted {
        Ok(model) => {
            security_events::record(state, model.id, SecurityEventKind::AccountCreated, client).await;
            let token = email_tokens::issue(state, model.id, TokenPurpose::ConfirmEmail).await?;
            let link = format!("{}/confirm-email?token={token}", state.config.public_url);
            state.mailer.send(email.as_str(), lang, &Mail::Confirmation { link }).await
        }
        Err(error) if is_unique_violation(&error) => {
            // The owner's own language, not the one of whoever typed their address.
            let existing = account::Entity::find()
                .filter(account::Column::Email.eq(email.as_str()))
                .one(&state.db)
                .await?
                .map(|a| a.lang())
                .unwrap_or(lang);
            let sign_in_url = format!("{}/sign-in", state.config.public_url);
            state.mailer.send(email.as_str(), existing, &Mail::AlreadyRegistered { sign_in_url }).await
        }
        Err(error) => return Err(error.into()),
    };
    if let Err(error) = sent {
        tracing::warn!(%error, "could not send the sign-up mail");
    }
    Ok(())
}

/// A new password that passes the whole rule (length, not common, zxcvbn score with the person's
/// own details counted against it), or the form error saying why not.
pub fn new_password(typed: &str, personal: &[&str]) -> Result<Password, FormError> {
    use crate::domain::password_strength::{assess, Strength};
    match assess(typed, personal) {
        Strength::TooShort => Err(FormError::PasswordTooShort),
        Strength::TooLong => Err(FormError::PasswordTooLong),
        Strength::Common => Err(FormError::PasswordTooCommon),
        Strength::Weak { .. } => Err(FormError::PasswordTooWeak),
        Strength::Strong { .. } => Password::parse_new(typed).map_err(|_| FormError::PasswordTooShort),
    }
}

/// Marks the email of the token's account as confirmed. `false` for an unknown, used or expired link.
pub async fn confirm_email(state: &AppState, token: &str) -> Result<bool, AppError> {
    let Some(account_id) = email_tokens::redeem(state, token, TokenPurpose::ConfirmEmail).await? else {
        return Ok(false);
    };
    let Some(found) = account::Entity::find_by_id(account_id).one(&state.db).await? else { return Ok(false) };
    if found.email_confirmed_at.is_none() {
        let mut confirming: account::ActiveModel = found.into();
        confirming.email_confirmed_at = Set(Some(state.now()));
        confirming.update(&state.db).await?;
    }
    Ok(true)
}

/// The account whose email and password these are, or "not correct" — the same answer, after the
/// same amount of hashing work, whether or not the email has an account. Throttled per email and
/// per IP by [`sign_in_throttle`] before any hashing happens.
pub async fn authenticate(
    state: &AppState,
    email: &str,
    password: &str,
    client: &ClientInfo,
) -> Result<account::Model, AppError> {
    let ip = client.ip.as_deref();
    let key = sign_in_throttle::email_key(email);
    sign_in_throttle::check(state, &key, ip).await?;
    let password = Password::for_verification(password);
    let found = match EmailAddress::parse(email) {
        Ok(email) => account::Entity::find().filter(account::Column::Email.eq(email.as_str())).one(&state.db).await?,
        Err(_) => None,
    };
    let stored = found.as_ref().map(|a| a.password_hash.clone());
    let verified = state.passwords.verify(password, stored).await?;
    // A right password is not yet a success for the throttle: only a finished sign-in (second
    // factor given) clears the failure count, so knowing the password does not buy more code guesses.
    if verified {
        if let Some(account) = found {
            if account.email_confirmed_at.is_none() {
                return Err(FormError::EmailNotConfirmed.into());
            }
            return Ok(account);
        }
    }
    let paused = record_failure(state, &key, found.as_ref(), SecurityEventKind::SignInFailed, client).await?;
    Err(if paused { FormError::SignInPaused } else { FormError::InvalidCredentials }.into())
}

/// Counts a failed password or code against the email (and IP), records it on the account's
/// security log, and mails the owner when it starts a pause. Returns whether sign-in is now paused.
pub async fn record_failure(
    state: &AppState,
    key: &str,
    account: Option<&account::Model>,
    kind: SecurityEventKind,
    client: &ClientInfo,
) -> Result<bool, AppError> {
    let paused = sign_in_throttle::record(state, key, client.ip.as_deref(), false).await?;
    if let Some(account) = account {
        security_events::record(state, account.id, if paused { SecurityEventKind::SignInPaused } else { kind }, client)
            .await;
        if paused {
            let reset = format!("{}/forgot-password", state.config.public_url);
            state.mailer.notify_owner(account, Mail::SignInPaused { reset_url: reset }).await;
        }
    }
    Ok(paused)
}

/// The identifier a person proves who they are with.
#[derive(Debug, Clone)]
pub enum RecordIdentifier {
    ANumber(ANumber),
    UscisNumber(UscisNumber),
}

/// What a person typed to claim an immigration record, parsed. All four parts must match.
#[derive(Debug, Clone)]
pub struct IdentityClaim {
    pub identifier: RecordIdentifier,
    pub full_name: PersonName,
    pub date_of_birth: NaiveDate,
    pub country_of_birth: CountryName,
}

impl IdentityClaim {
    pub fn parse(
        id_kind: &str,
        id_number: &str,
        full_name: &str,
        (year, month, day): (&str, &str, &str),
        country_of_birth: &str,
    ) -> Result<Self, AppError> {
        let identifier = match id_kind {
            "uscis_number" => {
                RecordIdentifier::UscisNumber(UscisNumber::parse(id_number).map_err(|_| FormError::IdentifierInvalid)?)
            }
            _ => RecordIdentifier::ANumber(ANumber::parse(id_number).map_err(|_| FormError::IdentifierInvalid)?),
        };
        let full_name = PersonName::parse(full_name).map_err(|_| FormError::NameInvalid)?;
        let number = |s: &str| s.trim().parse::<u32>().ok();
        let date_of_birth = match (number(year), number(month), number(day)) {
            (Some(y), Some(m), Some(d)) if (1900..=2100).contains(&y) => NaiveDate::from_ymd_opt(y as i32, m, d),
            _ => None,
        }
        .ok_or(FormError::DateOfBirthInvalid)?;
        let country_of_birth = CountryName::parse(country_of_birth).map_err(|_| FormError::CountryInvalid)?;
        Ok(Self { identifier, full_name, date_of_birth, country_of_birth })
    }
}

/// Links the signed-in account to the record the claim describes. A record links to one account
/// only (enforced by a unique index, so two racing requests cannot both win).
pub async fn link_record(
    state: &AppState,
    session: &ActiveSession,
    claim: &IdentityClaim,
    client: &ClientInfo,
) -> Result<(), AppError> {
    if session.record_id.is_some() {
        return Err(FormError::AccountAlreadyLinked.into());
    }
    let by_identifier = match &claim.identifier {
        RecordIdentifier::ANumber(n) => immigration_record::Column::ANumber.eq(n.as_str()),
        RecordIdentifier::UscisNumber(n) => immigration_record::Column::UscisNumber.eq(n.as_str()),
    };
    let record = immigration_record::Entity::find()
        .filter(by_identifier)
        .filter(immigration_record::Column::NameKey.eq(claim.full_name.match_key()))
        .filter(immigration_record::Column::DateOfBirth.eq(claim.date_of_birth))
        .filter(immigration_record::Column::CountryKey.eq(claim.country_of_birth.match_key()))
        .one(&state.db)
        .await?
        .ok_or(FormError::RecordNotMatched)?;
    let owner = signed_in_owner(state, session).await?;
    let (email, lang) = (owner.email.clone(), owner.lang());
    let mut linking: account::ActiveModel = owner.into();
    linking.record_id = Set(Some(record.id));
    linking.record_linked_at = Set(Some(state.now()));
    match linking.update(&state.db).await {
        Ok(_) => {}
        Err(error) if is_unique_violation(&error) => return Err(FormError::RecordAlreadyLinked.into()),
        Err(error) => return Err(error.into()),
    }
    tracing::info!(account_id = session.account_id, "account linked to an immigration record");
    security_events::record(state, session.account_id, SecurityEventKind::RecordLinked, client).await;
    state.mailer.notify(&email, lang, Mail::RecordLinked { full_name: record.full_name.clone() }).await;
    Ok(())
}

/// The account behind a signed-in session; an account gone meanwhile means signed out.
pub async fn signed_in_owner(state: &AppState, session: &ActiveSession) -> Result<account::Model, AppError> {
    account::Entity::find_by_id(session.account_id).one(&state.db).await?.ok_or(AppError::SignInRequired)
}

/// A unique index refused the write (an email or a record already taken).
pub fn is_unique_violation(error: &sea_orm::DbErr) -> bool {
    matches!(error.sql_err(), Some(SqlErr::UniqueConstraintViolation(_)))
}
