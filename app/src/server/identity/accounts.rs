//! Accounts: creating one, checking a password, and linking an account to the immigration record
//! of the person who owns it.

use crate::domain::{ANumber, AccountId, CountryName, EmailAddress, Password, PersonName, UscisNumber};
use crate::error::{AppError, FormError};
use crate::i18n::Lang;
use crate::routes;
use crate::server::client::ClientInfo;
use crate::server::entities::account;
use crate::server::identity::email_tokens::{self, TokenPurpose};
use crate::server::identity::security_events::{self, SecurityEventKind};
use crate::server::identity::sessions::ActiveSession;
use crate::server::identity::sign_in_throttle;
use crate::server::limits::{self, Limit};
use crate::server::notify::messages::identity::Mail;
use crate::server::AppState;
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
    let email = EmailAddress::parse(email).map_err(|reason| FormError::EmailInvalid.because(reason))?;
    let password = new_password(password, &[email.as_str()])?;
    // Counted before the hashing work, per client address (whatever the email).
    let client_key = limits::client_key(client);
    limits::count_or_refuse(state, &[(Limit::SignUpsPerClient, client_key.as_str())]).await?;
    let password_hash = state.passwords.hash(password).await?;
    // Mail to one address is capped whichever mail it is, so the cap says nothing about whether
    // the address has an account; the page answers the same either way.
    let may_mail = limits::reserve(state, &[(Limit::SignUpMailsPerAddress, email.as_str())]).await?.is_ok();
    let inserted = account::ActiveModel {
        email: Set(email.as_str().to_owned()),
        password_hash: Set(password_hash),
        record_id: Set(None),
        record_linked_at: Set(None),
        created_at: Set(state.now()),
        email_confirmed_at: Set(None),
        language: Set(lang),
        ..Default::default()
    }
    .insert(&state.db)
    .await;
    // What follows the insert — the security event, the link, the lookup of an owner's language
    // and the mail — happens in the background for both kinds, so neither that work nor the cap
    // shows in how long the page takes.
    let created = match inserted {
        Ok(model) => Some(model.id),
        Err(error) if is_unique_violation(&error) => None,
        Err(error) => return Err(error.into()),
    };
    if !may_mail {
        tracing::info!("sign-up mail to an address over its hourly cap not sent");
    }
    let (state, client) = (state.clone(), client.clone());
    tokio::spawn(async move {
        if let Err(error) = mail_after_sign_up(&state, created, email.as_str(), lang, may_mail, &client).await {
            tracing::warn!(%error, "could not send the sign-up mail");
        }
    });
    Ok(())
}

async fn mail_after_sign_up(
    state: &AppState,
    created: Option<AccountId>,
    email: &str,
    lang: Lang,
    may_mail: bool,
    client: &ClientInfo,
) -> Result<(), AppError> {
    let (mail_lang, mail) = match created {
        Some(account_id) => {
            security_events::record(state, account_id, SecurityEventKind::AccountCreated, client).await;
            if !may_mail {
                return Ok(());
            }
            (lang, confirmation_mail(state, account_id, email).await?)
        }
        None => {
            if !may_mail {
                return Ok(());
            }
            // The owner's own language, not the one of whoever typed their address.
            let existing = account::Entity::find()
                .filter(account::Column::Email.eq(email))
                .one(&state.db)
                .await?
                .map(|a| a.lang())
                .unwrap_or(lang);
            let sign_in_url = format!("{}{}", state.config.public_url, routes::SIGN_IN);
            (existing, Mail::AlreadyRegistered { sign_in_url })
        }
    };
    state.mailer.send(email, mail_lang, &mail).await.map_err(|e| crate::server::internal_error("sign-up mail", e))
}

/// A new confirmation link for the account's address, as the mail that carries it.
async fn confirmation_mail(state: &AppState, account_id: AccountId, email: &str) -> Result<Mail, AppError> {
    let token = email_tokens::issue(&state.db, state.now(), account_id, TokenPurpose::ConfirmEmail, email).await?;
    let link = format!("{}{}?token={token}", state.config.public_url, routes::CONFIRM_EMAIL);
    Ok(Mail::Confirmation { link })
}

/// Mails a fresh confirmation link to an applicant who signed in with the right password before
/// confirming their address — within `Limit::ConfirmationResendsPerAccount`, and in the background
/// so the answer takes as long as any other.
fn resend_confirmation(state: &AppState, account: &account::Model, client: ClientInfo) {
    if account.role.is_staff() {
        return;
    }
    let (state, account) = (state.clone(), account.clone());
    tokio::spawn(async move {
        let resent = async {
            let account_key = account.id.to_string();
            if limits::reserve(&state, &[(Limit::ConfirmationResendsPerAccount, &account_key)]).await?.is_err() {
                return Ok::<_, AppError>(());
            }
            let mail = confirmation_mail(&state, account.id, &account.email).await?;
            security_events::record(&state, account.id, SecurityEventKind::ConfirmationResent, &client).await;
            state.mailer.notify_owner(&account, mail).await;
            Ok(())
        };
        if let Err(error) = resent.await {
            tracing::warn!(%error, "could not resend a confirmation link");
        }
    });
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
    let Some(account_id) = email_tokens::redeem(state, token, TokenPurpose::ConfirmEmail).await?.map(|t| t.account_id)
    else {
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
    let checked = check_password(state, email, password, client).await;
    crate::server::metrics::sign_in_step("password", &checked);
    checked
}

async fn check_password(
    state: &AppState,
    email: &str,
    password: &str,
    client: &ClientInfo,
) -> Result<account::Model, AppError> {
    let key = sign_in_throttle::email_key(email);
    // A place in the hashing queue first: when the server is too busy to check the password the
    // answer is "busy" at once, before any database work (a flood's refusals cost next to nothing).
    let slot = state.passwords.reserve()?;
    // Counted before the hash is checked, so simultaneous guesses cannot all slip past the pause.
    let attempt = sign_in_throttle::begin(state, &key, client.ip.as_deref()).await?;
    let password = Password::for_verification(password);
    let found = match EmailAddress::parse(email) {
        Ok(email) => account::Entity::find().filter(account::Column::Email.eq(email.as_str())).one(&state.db).await?,
        Err(_) => None,
    };
    let stored = found.as_ref().map(|a| a.password_hash.clone());
    let verified = match slot.verify(password, stored).await {
        Ok(verified) => verified,
        Err(error) => {
            // Not evaluated (the hashing pool was full): not a guess.
            attempt.not_counted(state).await?;
            return Err(error);
        }
    };
    // A right password is not yet a success for the throttle: only a finished sign-in (second
    // factor given) clears the failure count, so knowing the password does not buy more code guesses.
    if verified {
        if let Some(account) = found {
            attempt.not_counted(state).await?;
            if account.email_confirmed_at.is_none() {
                // Whoever knows the password may have a fresh link (the first may have expired
                // or been lost): mailed in the background, at most 3 an hour.
                resend_confirmation(state, &account, client.clone());
                return Err(FormError::EmailNotConfirmed.into());
            }
            // A disabled (staff) account reads like a wrong password: nothing tells it apart.
            if account.disabled_at.is_some() {
                return Err(FormError::InvalidCredentials.into());
            }
            return Ok(account);
        }
    }
    let paused = record_failure(state, attempt, found.as_ref(), SecurityEventKind::SignInFailed, client).await?;
    Err(if paused { FormError::SignInPaused } else { FormError::InvalidCredentials }.into())
}

/// Settles a wrong password or code as a failure, records it on the account's security log, and
/// — when it starts a pause — mails the owner until when. The mail goes out in the background, so
/// an existing account's pausing failure takes no longer than an unknown email's. Returns whether
/// sign-in is now paused.
pub async fn record_failure(
    state: &AppState,
    attempt: sign_in_throttle::Attempt,
    account: Option<&account::Model>,
    kind: SecurityEventKind,
    client: &ClientInfo,
) -> Result<bool, AppError> {
    let paused_until = attempt.failed(state).await?;
    if let Some(account) = account {
        let kind = if paused_until.is_some() { SecurityEventKind::SignInPaused } else { kind };
        security_events::record(state, account.id, kind, client).await;
        if let Some(until) = paused_until {
            let reset_url = format!("{}{}", state.config.public_url, routes::FORGOT_PASSWORD);
            let (state, owner) = (state.clone(), account.clone());
            tokio::spawn(async move {
                state.mailer.notify_owner(&owner, Mail::SignInPaused { reset_url, until }).await;
            });
        }
    }
    Ok(paused_until.is_some())
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
            "uscis_number" => RecordIdentifier::UscisNumber(
                UscisNumber::parse(id_number).map_err(|reason| FormError::IdentifierInvalid.because(reason))?,
            ),
            _ => RecordIdentifier::ANumber(
                ANumber::parse(id_number).map_err(|reason| FormError::IdentifierInvalid.because(reason))?,
            ),
        };
        let full_name = PersonName::parse(full_name).map_err(|reason| FormError::NameInvalid.because(reason))?;
        let date_of_birth = parse_date_of_birth(year, month, day)?;
        let country_of_birth =
            CountryName::parse(country_of_birth).map_err(|reason| FormError::CountryInvalid.because(reason))?;
        Ok(Self { identifier, full_name, date_of_birth, country_of_birth })
    }
}

/// A date of birth typed as year, month and day (the memorable-date fields).
pub fn parse_date_of_birth(year: &str, month: &str, day: &str) -> Result<NaiveDate, FormError> {
    let number = |s: &str| s.trim().parse::<u32>().ok();
    match (number(year), number(month), number(day)) {
        (Some(y), Some(m), Some(d)) if (1900..=2100).contains(&y) => NaiveDate::from_ymd_opt(y as i32, m, d),
        _ => None,
    }
    .ok_or(FormError::DateOfBirthInvalid)
}

/// The account behind a signed-in session; an account gone meanwhile means signed out.
pub async fn signed_in_owner(state: &AppState, session: &ActiveSession) -> Result<account::Model, AppError> {
    account::Entity::find_by_id(session.account_id).one(&state.db).await?.ok_or(AppError::SignInRequired)
}

/// A unique index refused the write (an email or a record already taken).
pub fn is_unique_violation(error: &sea_orm::DbErr) -> bool {
    matches!(error.sql_err(), Some(SqlErr::UniqueConstraintViolation(_)))
}
