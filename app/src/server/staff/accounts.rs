//! Staff accounts. They are made only from the command line (`portico staff add`), which prints a
//! one-time set-up link; following it, the staff member chooses a password and sets up an
//! authenticator app (staff never sign in with emailed codes) in one form. Staff sign in at
//! `/staff/sign-in` with email, password and authenticator code together, under the same pauses,
//! timeouts and single-use code rules as applicants. An administrator can disable an account,
//! which ends its sessions at once.

use crate::domain::{AccountId, EmailAddress, Role};
use crate::error::{AppError, FormError};
use crate::routes;
use crate::server::client::ClientInfo;
use crate::server::entities::account;
use crate::server::identity::accounts::{self, new_password};
use crate::server::identity::email_tokens::{self, TokenPurpose};
use crate::server::identity::second_factors::challenge::{self, Method};
use crate::server::identity::second_factors::totp;
use crate::server::identity::security_events::{self, SecurityEventKind};
use crate::server::identity::sessions::{self, ActiveSession};
use crate::server::identity::sign_in_throttle;
use crate::server::staff::audit::{self, AuditAction, AuditEntry};
use crate::server::AppState;
use chrono::{DateTime, Utc};
use sea_orm::{ActiveModelTrait, ColumnTrait, EntityTrait, QueryFilter, QueryOrder, Set};

/// Why `portico staff add` refused.
#[derive(Debug, thiserror::Error)]
pub enum AddStaffError {
    #[error("{0} is not an email address")]
    Email(String),
    #[error("the role must be one of officer, contact_center, administrator")]
    Role,
    #[error("the name must be 2 to 200 characters")]
    Name,
    #[error("unknown office {0}; known offices: {1}")]
    Office(String, String),
    #[error("{0} already has an applicant account; staff need an address of their own")]
    ApplicantAddress(String),
    #[error(transparent)]
    App(#[from] AppError),
}

/// Adds a staff member (or, for one who exists, issues a fresh set-up link, which also replaces
/// their password and authenticator once used). Returns the set-up link to hand over.
pub async fn add(
    state: &AppState,
    email: &str,
    name: &str,
    role: &str,
    office: Option<&str>,
) -> Result<String, AddStaffError> {
    let email = EmailAddress::parse(email).map_err(|_| AddStaffError::Email(email.to_owned()))?;
    let role = Role::from_key(role).ok().filter(|r| r.is_staff()).ok_or(AddStaffError::Role)?;
    let name = name.trim();
    if !(2..=200).contains(&name.chars().count()) {
        return Err(AddStaffError::Name);
    }
    if let Some(code) = office {
        if crate::domain::office::office(code).is_none() {
            let known: Vec<_> = crate::domain::office::OFFICES.iter().map(|o| o.code).collect();
            return Err(AddStaffError::Office(code.to_owned(), known.join(", ")));
        }
    }
    let now = state.now();
    let existing = account::Entity::find()
        .filter(account::Column::Email.eq(email.as_str()))
        .one(&state.db)
        .await
        .map_err(AppError::from)?;
    let id = match existing {
        Some(found) if !found.role.is_staff() => {
            return Err(AddStaffError::ApplicantAddress(email.as_str().to_owned()))
        }
        Some(found) => {
            let mut changed: account::ActiveModel = found.clone().into();
            changed.role = Set(role);
            changed.display_name = Set(Some(name.to_owned()));
            changed.office = Set(office.map(str::to_owned));
            changed.update(&state.db).await.map_err(AppError::from)?;
            found.id
        }
        None => {
            // No password yet: a random one nobody knows, replaced at set-up.
            let unknown = crate::server::identity::session_policy::new_token();
            let password_hash = state.passwords.hash(crate::domain::Password::for_verification(&unknown)).await?;
            account::ActiveModel {
                email: Set(email.as_str().to_owned()),
                password_hash: Set(password_hash),
                created_at: Set(now),
                email_confirmed_at: Set(Some(now)),
                role: Set(role),
                display_name: Set(Some(name.to_owned())),
                office: Set(office.map(str::to_owned)),
                ..Default::default()
            }
            .insert(&state.db)
            .await
            .map_err(AppError::from)?
            .id
        }
    };
    email_tokens::revoke_unused(&state.db, now, id, &[TokenPurpose::StaffSetUp]).await?;
    let token = email_tokens::issue(&state.db, now, id, TokenPurpose::StaffSetUp, email.as_str()).await?;
    Ok(format!("{}{}?token={token}", state.config.public_url, routes::STAFF_SET_UP))
}

/// What the set-up page shows: who is being set up, and the authenticator secret to scan.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SetUpRead {
    pub email: String,
    pub name: String,
    pub role: Role,
    pub otpauth_url: String,
    pub secret_base32: String,
}

async fn set_up_account(state: &AppState, token: &str) -> Result<account::Model, AppError> {
    let id =
        email_tokens::peek(state, token, TokenPurpose::StaffSetUp).await?.ok_or(FormError::StaffSetupLinkInvalid)?;
    account::Entity::find_by_id(id)
        .one(&state.db)
        .await?
        .filter(|a| a.role.is_staff() && a.disabled_at.is_none())
        .ok_or_else(|| FormError::StaffSetupLinkInvalid.into())
}

/// The set-up link's details, with an authenticator secret waiting for its first code (a new one
/// once the last has waited 15 minutes).
pub async fn set_up_details(state: &AppState, token: &str) -> Result<SetUpRead, AppError> {
    let owner = set_up_account(state, token).await?;
    let fresh = owner
        .totp_pending_at
        .is_some_and(|at| state.now() - at < challenge::PENDING_SECRET_LIFETIME)
        .then(|| owner.totp_pending_secret.clone())
        .flatten();
    let sealed = match fresh {
        Some(sealed) => sealed,
        None => {
            let sealed = state.config.secret_key.seal(&totp::new_secret());
            let mut pending: account::ActiveModel = owner.clone().into();
            pending.totp_pending_secret = Set(Some(sealed.clone()));
            pending.totp_pending_at = Set(Some(state.now()));
            pending.update(&state.db).await?;
            sealed
        }
    };
    let secret = open(state, &sealed)?;
    let (otpauth_url, secret_base32) = totp::provisioning(&secret, &owner.email);
    Ok(SetUpRead {
        email: owner.email,
        name: owner.display_name.unwrap_or_default(),
        role: owner.role,
        otpauth_url,
        secret_base32,
    })
}

fn open(state: &AppState, sealed: &str) -> Result<Vec<u8>, AppError> {
    state.config.secret_key.open(sealed).map_err(|e| crate::server::internal_error("opening a staff secret", e))
}

/// Finishes set-up: the password (under the same rules as everyone's) and the authenticator's
/// first code. The link is used up only when both are right; every earlier session ends.
pub async fn complete_set_up(
    state: &AppState,
    token: &str,
    password: &str,
    code: &str,
    client: &ClientInfo,
) -> Result<(), AppError> {
    let owner = set_up_account(state, token).await?;
    let name = owner.display_name.clone().unwrap_or_default();
    let password = new_password(password, &[owner.email.as_str(), name.as_str()])?;
    let Some(sealed) = owner
        .totp_pending_at
        .is_some_and(|at| state.now() - at < challenge::PENDING_SECRET_LIFETIME)
        .then(|| owner.totp_pending_secret.clone())
        .flatten()
    else {
        return Err(FormError::SetupNotStarted.into());
    };
    let secret = open(state, &sealed)?;
    let step = totp::verify(&secret, code, state.now().timestamp(), None).map_err(|_| FormError::CodeInvalid)?;
    let password_hash = state.passwords.hash(password).await?;
    if email_tokens::redeem(state, token, TokenPurpose::StaffSetUp).await?.is_none() {
        return Err(FormError::StaffSetupLinkInvalid.into());
    }
    let now = state.now();
    let mut set_up: account::ActiveModel = owner.clone().into();
    set_up.password_hash = Set(password_hash);
    set_up.totp_secret = Set(Some(sealed));
    set_up.totp_enrolled_at = Set(Some(now));
    set_up.totp_last_step = Set(Some(step));
    set_up.totp_pending_secret = Set(None);
    set_up.totp_pending_at = Set(None);
    set_up.update(&state.db).await?;
    sessions::end_all_for_account(state, owner.id, None).await?;
    security_events::record(state, owner.id, SecurityEventKind::AuthenticatorAdded, client).await;
    Ok(())
}

/// Signs a staff member in: email, password and authenticator code, checked in that order under
/// the sign-in pauses (a wrong code counts like a wrong password). Every refusal reads the same,
/// so nothing tells which of the three was wrong, or whether the address is staff at all.
/// Returns the new session's token.
pub async fn sign_in(
    state: &AppState,
    email: &str,
    password: &str,
    code: &str,
    client: &ClientInfo,
) -> Result<String, AppError> {
    let signed_in = check_staff_sign_in(state, email, password, code, client).await;
    crate::server::metrics::sign_in_step("staff", &signed_in);
    signed_in
}

async fn check_staff_sign_in(
    state: &AppState,
    email: &str,
    password: &str,
    code: &str,
    client: &ClientInfo,
) -> Result<String, AppError> {
    let owner = match accounts::authenticate(state, email, password, client).await {
        Ok(owner) if owner.role.is_staff() && owner.totp_secret.is_some() => owner,
        Ok(_) | Err(AppError::Form(FormError::InvalidCredentials | FormError::EmailNotConfirmed)) => {
            return Err(FormError::StaffSignInFailed.into())
        }
        Err(other) => return Err(other),
    };
    let key = sign_in_throttle::email_key(&owner.email);
    let attempt = sign_in_throttle::begin(state, &key, client.ip.as_deref()).await?;
    if !challenge::check(state, &owner, Method::Authenticator, code, client).await? {
        let paused =
            accounts::record_failure(state, attempt, Some(&owner), SecurityEventKind::SecondFactorFailed, client)
                .await?;
        return Err(if paused { FormError::SignInPaused } else { FormError::StaffSignInFailed }.into());
    }
    attempt.succeeded(state).await?;
    let token = sessions::start(state, owner.id, client, true).await?;
    security_events::record(state, owner.id, SecurityEventKind::SignedIn, client).await;
    Ok(token)
}

/// A staff account as the administrators' list shows it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StaffRead {
    pub id: AccountId,
    pub email: String,
    pub name: String,
    pub role: Role,
    pub office: Option<String>,
    /// `false` until the set-up link was used.
    pub set_up: bool,
    pub disabled_at: Option<DateTime<Utc>>,
}

/// Every staff account, by name.
pub async fn list(state: &AppState) -> Result<Vec<StaffRead>, AppError> {
    let rows = account::Entity::find()
        .filter(account::Column::Role.ne(Role::Applicant))
        .order_by_asc(account::Column::DisplayName)
        .all(&state.db)
        .await?;
    Ok(rows
        .into_iter()
        .map(|a| StaffRead {
            id: a.id,
            email: a.email,
            name: a.display_name.unwrap_or_default(),
            role: a.role,
            office: a.office,
            set_up: a.totp_secret.is_some(),
            disabled_at: a.disabled_at,
        })
        .collect())
}

/// Disables (ending every session at once) or enables a staff account. An administrator cannot
/// disable themself (so the last one cannot lock everyone out by mistake). Audited with the reason.
pub async fn set_disabled(
    state: &AppState,
    actor: &ActiveSession,
    target: AccountId,
    disabled: bool,
    reason: &str,
) -> Result<(), AppError> {
    let reason = audit::reason(reason)?;
    if target == actor.account_id {
        return Err(AppError::Forbidden);
    }
    let found = account::Entity::find_by_id(target)
        .one(&state.db)
        .await?
        .filter(|a| a.role.is_staff())
        .ok_or(AppError::NotFound)?;
    let mut changed: account::ActiveModel = found.into();
    changed.disabled_at = Set(disabled.then(|| state.now()));
    changed.update(&state.db).await?;
    if disabled {
        sessions::end_all_for_account(state, target, None).await?;
        let news = crate::server::notify::live::News::SessionsChanged(target);
        state.live.publish(&state.db, news).await;
    }
    let action = if disabled { AuditAction::DisableStaff } else { AuditAction::EnableStaff };
    audit::record(
        &state.db,
        state.now(),
        actor,
        AuditEntry { account_id: Some(target), reason: Some(reason), ..AuditEntry::new(action) },
    )
    .await
}
