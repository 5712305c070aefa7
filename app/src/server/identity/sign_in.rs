//! The second step of signing in: a session whose password was accepted gives its second factor
//! and is replaced by a signed-in session under a new id (so an id seen before the second factor,
//! or planted by someone else, never becomes a signed-in one).

use crate::domain::email_hint;
use crate::error::{AppError, FormError};
use crate::routes;
use crate::server::client::ClientInfo;
use crate::server::entities::account;
use crate::server::identity::accounts;
use crate::server::identity::second_factors::challenge::{self, Method};
use crate::server::identity::second_factors::recovery;
use crate::server::identity::security_events::{self, SecurityEventKind};
use crate::server::identity::sessions::{self, ActiveSession};
use crate::server::{identity::sign_in_throttle, AppState};
use sea_orm::EntityTrait;

async fn owner_of(state: &AppState, pending: &ActiveSession) -> Result<account::Model, AppError> {
    account::Entity::find_by_id(pending.account_id).one(&state.db).await?.ok_or(FormError::SignInExpired.into())
}

/// The ways a sign-in awaiting its second factor can finish.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ChoicesRead {
    pub authenticator: bool,
    pub backup_codes: bool,
    pub email: bool,
    /// The masked address emailed codes go to.
    pub email_hint: String,
    /// The masked verified phone texted codes go to.
    pub phone_hint: Option<String>,
    pub recovery_ready: bool,
    pub recovery_ready_at: Option<chrono::DateTime<chrono::Utc>>,
}

pub async fn choices(state: &AppState, pending: &ActiveSession) -> Result<ChoicesRead, AppError> {
    let owner = owner_of(state, pending).await?;
    let recovery = recovery::open(state, owner.id).await?;
    Ok(ChoicesRead {
        authenticator: owner.totp_secret.is_some(),
        backup_codes: challenge::backup_codes_left(state, owner.id).await? > 0,
        email: challenge::email_codes_allowed(&owner),
        email_hint: email_hint(&owner.email),
        phone_hint: owner.verified_phone().map(crate::domain::PhoneNumber::hint),
        recovery_ready: recovery.as_ref().is_some_and(|r| recovery::is_ready(r, state.now())),
        recovery_ready_at: recovery.as_ref().map(recovery::ready_at),
    })
}

/// Right after the password: accounts without an authenticator app are emailed a code at once.
/// Returns the path of the second-factor page.
pub async fn after_password(state: &AppState, owner: &account::Model) -> Result<String, AppError> {
    if owner.totp_secret.is_some() {
        return Ok(routes::SIGN_IN_VERIFY.to_owned());
    }
    match challenge::send_email_code_for_sign_in(state, owner).await {
        Ok(()) | Err(AppError::Form(FormError::TooManyCodesSent)) => {
            Ok(routes::with_query(routes::SIGN_IN_VERIFY, "method=email").to_owned())
        }
        Err(other) => Err(other),
    }
}

pub async fn send_email_code(state: &AppState, pending: &ActiveSession) -> Result<(), AppError> {
    challenge::send_email_code(state, &owner_of(state, pending).await?).await
}

/// Checks the second factor. On success the pending session is ended and a signed-in one started;
/// returns its token and the page to go to. Wrong codes count against the same limit as wrong passwords.
pub async fn finish(
    state: &AppState,
    pending: &ActiveSession,
    method: Method,
    code: &str,
    client: &ClientInfo,
) -> Result<(String, String), AppError> {
    let finished = check_second_factor(state, pending, method, code, client).await;
    crate::server::metrics::sign_in_step("second_factor", &finished);
    finished
}

async fn check_second_factor(
    state: &AppState,
    pending: &ActiveSession,
    method: Method,
    code: &str,
    client: &ClientInfo,
) -> Result<(String, String), AppError> {
    let owner = owner_of(state, pending).await?;
    let key = sign_in_throttle::email_key(&owner.email);
    let attempt = sign_in_throttle::begin(state, &key, client.ip.as_deref()).await?;
    if !challenge::check(state, &owner, method, code, client).await? {
        let paused =
            accounts::record_failure(state, attempt, Some(&owner), SecurityEventKind::SecondFactorFailed, client)
                .await?;
        if paused {
            sessions::end_one_for_account(state, owner.id, pending.session_id).await?;
            return Err(FormError::SignInPaused.into());
        }
        return Err(FormError::CodeInvalid.into());
    }
    attempt.succeeded(state).await?;
    recovery::cancel_after_second_factor(state, &owner, client).await?;
    sessions::end_one_for_account(state, owner.id, pending.session_id).await?;
    let token = sessions::start(state, owner.id, client, true).await?;
    security_events::record(state, owner.id, SecurityEventKind::SignedIn, client).await;
    let next = if owner.record_id.is_some() { routes::DASHBOARD } else { routes::LINK_RECORD };
    Ok((token, next.to_owned()))
}

/// Password-only sessions whose second step was never finished within its window: each is ended
/// and recorded as "password accepted, second step not finished" — a guessed password must not be
/// confirmed unnoticed — and the owner is mailed, at most once a day. Run every minute by the
/// server; each session is claimed by a conditional update, so with several instances it is
/// reported once. Returns how many were reported.
pub async fn report_unfinished_sign_ins(state: &AppState) -> Result<usize, AppError> {
    use crate::server::entities::{security_event, session};
    use crate::server::identity::session_policy::SECOND_FACTOR_WINDOW;
    use sea_orm::sea_query::Expr;
    use sea_orm::{ColumnTrait, PaginatorTrait, QueryFilter};
    let now = state.now();
    let stale = session::Entity::find()
        .filter(session::Column::SecondFactorAt.is_null())
        .filter(session::Column::EndedAt.is_null())
        .filter(session::Column::CreatedAt.lte(now - SECOND_FACTOR_WINDOW))
        .all(&state.db)
        .await?;
    let mut reported = 0;
    for pending in stale {
        let claimed = session::Entity::update_many()
            .col_expr(session::Column::EndedAt, Expr::value(now))
            .filter(session::Column::Id.eq(pending.id))
            .filter(session::Column::EndedAt.is_null())
            .exec(&state.db)
            .await?;
        if claimed.rows_affected == 0 {
            continue;
        }
        let kind = SecurityEventKind::PasswordAcceptedSecondStepUnfinished;
        let told_today = security_event::Entity::find()
            .filter(security_event::Column::AccountId.eq(pending.account_id))
            .filter(security_event::Column::Kind.eq(kind.key()))
            .filter(security_event::Column::At.gt(now - chrono::Duration::hours(24)))
            .count(&state.db)
            .await?
            > 0;
        let client = ClientInfo { ip: pending.ip_address.clone(), user_agent: pending.user_agent.clone() };
        security_events::record(state, pending.account_id, kind, &client).await;
        if !told_today {
            if let Some(owner) = account::Entity::find_by_id(pending.account_id).one(&state.db).await? {
                let reset_url = format!("{}{}", state.config.public_url, routes::FORGOT_PASSWORD);
                state
                    .mailer
                    .notify_owner(
                        &owner,
                        crate::server::notify::messages::identity::Mail::PasswordMayBeKnown { reset_url },
                    )
                    .await;
            }
        }
        reported += 1;
    }
    Ok(reported)
}

pub async fn send_text_code(state: &AppState, pending: &ActiveSession) -> Result<(), AppError> {
    challenge::send_text_code(state, &owner_of(state, pending).await?).await
}
