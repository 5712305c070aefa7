//! Recovering an account whose owner lost the authenticator app and every backup code, in one
//! place. The password and a link mailed to the account's address start a 24-hour waiting period;
//! any signed-in session can cancel it, and the owner is mailed when it starts and when it ends.
//! After the wait, the password alone finishes signing in once, the old app and codes are removed,
//! and the owner sets up a new factor. The account and its linked record are kept.

use crate::domain::AccountId;
use crate::error::{AppError, FormError};
use crate::routes;
use crate::server::client::ClientInfo;
use crate::server::entities::{account, backup_code, factor_recovery};
use crate::server::identity::email_tokens::{self, TokenPurpose};
use crate::server::identity::security_events::{self, SecurityEventKind};
use crate::server::identity::sessions::{self, ActiveSession};
use crate::server::notify::messages::identity::Mail;
use crate::server::{identity::sign_in_throttle, AppState};
use chrono::{DateTime, Duration, Utc};
use sea_orm::sea_query::Expr;
use sea_orm::{ActiveModelTrait, ColumnTrait, EntityTrait, QueryFilter, QueryOrder, Set};

/// How long a recovery waits before it can be finished.
pub const WAITING_PERIOD: Duration = Duration::hours(24);

async fn owner_of(state: &AppState, account_id: AccountId) -> Result<account::Model, AppError> {
    account::Entity::find_by_id(account_id).one(&state.db).await?.ok_or(FormError::SignInExpired.into())
}

/// The account's recovery that is neither cancelled nor finished, if any.
pub async fn open(state: &AppState, account_id: AccountId) -> Result<Option<factor_recovery::Model>, AppError> {
    Ok(factor_recovery::Entity::find()
        .filter(factor_recovery::Column::AccountId.eq(account_id))
        .filter(factor_recovery::Column::CancelledAt.is_null())
        .filter(factor_recovery::Column::CompletedAt.is_null())
        .order_by_desc(factor_recovery::Column::StartedAt)
        .one(&state.db)
        .await?)
}

/// When the recovery may be finished: 24 hours after it started, or at once when a
/// contact-center agent checked the owner's identity.
pub fn ready_at(recovery: &factor_recovery::Model) -> DateTime<Utc> {
    match recovery.wait_waived_at {
        Some(_) => recovery.started_at,
        None => recovery.started_at + WAITING_PERIOD,
    }
}

pub fn is_ready(recovery: &factor_recovery::Model, now: DateTime<Utc>) -> bool {
    now >= ready_at(recovery)
}

/// From a sign-in whose password was accepted: mails a link that starts the recovery. Accounts
/// without an authenticator app have nothing to recover (they sign in with emailed codes).
pub async fn request(state: &AppState, pending: &ActiveSession, client: &ClientInfo) -> Result<(), AppError> {
    let owner = owner_of(state, pending.account_id).await?;
    if owner.totp_secret.is_none() || open(state, owner.id).await?.is_some() {
        return Ok(());
    }
    let sent_recently =
        email_tokens::issued_since(state, owner.id, TokenPurpose::StartRecovery, state.now() - Duration::hours(1))
            .await?;
    if sent_recently >= 3 {
        return Err(FormError::TooManyCodesSent.into());
    }
    let token =
        email_tokens::issue(&state.db, state.now(), owner.id, TokenPurpose::StartRecovery, &owner.email).await?;
    let link = format!("{}{}?token={token}", state.config.public_url, routes::RECOVER_SIGN_IN);
    security_events::record(state, owner.id, SecurityEventKind::RecoveryRequested, client).await;
    state.mailer.notify_owner(&owner, Mail::RecoveryLink { link }).await;
    Ok(())
}

/// Following the mailed link starts the waiting period. Returns when it ends. A link the contact
/// center sent after checking the caller's identity starts a recovery without the wait.
pub async fn start(state: &AppState, token: &str, client: &ClientInfo) -> Result<DateTime<Utc>, AppError> {
    let (account_id, waived) =
        match email_tokens::redeem(state, token, TokenPurpose::StartRecovery).await?.map(|t| t.account_id) {
            Some(id) => (id, false),
            None => match email_tokens::redeem(state, token, TokenPurpose::StartCheckedRecovery).await? {
                Some(live) => (live.account_id, true),
                None => return Err(FormError::RecoveryLinkInvalid.into()),
            },
        };
    if let Some(existing) = open(state, account_id).await? {
        return Ok(ready_at(&existing));
    }
    let owner = owner_of(state, account_id).await?;
    let started = factor_recovery::ActiveModel {
        account_id: Set(account_id),
        started_at: Set(state.now()),
        cancelled_at: Set(None),
        ready_notified_at: Set(None),
        completed_at: Set(None),
        wait_waived_at: Set(waived.then(|| state.now())),
        ..Default::default()
    }
    .insert(&state.db)
    .await?;
    security_events::record(state, account_id, SecurityEventKind::RecoveryStarted, client).await;
    let ready = ready_at(&started);
    state.mailer.notify_owner(&owner, Mail::RecoveryStarted { ready_at: ready }).await;
    Ok(ready)
}

/// Cancels the account's open recovery (from any signed-in session). `false` if there was none.
pub async fn cancel(state: &AppState, session: &ActiveSession, client: &ClientInfo) -> Result<bool, AppError> {
    cancel_for(state, session.account_id, &session.email, session.lang, client).await
}

/// Signing in with a second factor shows the owner still has it: an open recovery is cancelled
/// (and the owner told, as Login.gov does).
pub async fn cancel_after_second_factor(
    state: &AppState,
    owner: &account::Model,
    client: &ClientInfo,
) -> Result<bool, AppError> {
    cancel_for(state, owner.id, &owner.email, owner.lang(), client).await
}

/// Cancels the open recovery and every unused link that would start another one.
async fn cancel_for(
    state: &AppState,
    account_id: AccountId,
    email: &str,
    lang: crate::i18n::Lang,
    client: &ClientInfo,
) -> Result<bool, AppError> {
    let cancelled = factor_recovery::Entity::update_many()
        .col_expr(factor_recovery::Column::CancelledAt, Expr::value(state.now()))
        .filter(factor_recovery::Column::AccountId.eq(account_id))
        .filter(factor_recovery::Column::CancelledAt.is_null())
        .filter(factor_recovery::Column::CompletedAt.is_null())
        .exec(&state.db)
        .await?
        .rows_affected
        > 0;
    if cancelled {
        email_tokens::revoke_unused(
            &state.db,
            state.now(),
            account_id,
            &[TokenPurpose::StartRecovery, TokenPurpose::StartCheckedRecovery],
        )
        .await?;
        security_events::record(state, account_id, SecurityEventKind::RecoveryCancelled, client).await;
        state.mailer.notify(email, lang, Mail::RecoveryCancelled).await;
    }
    Ok(cancelled)
}

/// Mails every owner whose waiting period has ended (once each). Run every minute by the server.
pub async fn notify_ready(state: &AppState) -> Result<usize, AppError> {
    let now = state.now();
    let ready = factor_recovery::Entity::find()
        .filter(factor_recovery::Column::CancelledAt.is_null())
        .filter(factor_recovery::Column::CompletedAt.is_null())
        .filter(factor_recovery::Column::ReadyNotifiedAt.is_null())
        .filter(
            sea_orm::Condition::any()
                .add(factor_recovery::Column::StartedAt.lte(now - WAITING_PERIOD))
                .add(factor_recovery::Column::WaitWaivedAt.is_not_null()),
        )
        .all(&state.db)
        .await?;
    let mut notified = 0;
    for recovery in ready {
        let claimed = factor_recovery::Entity::update_many()
            .col_expr(factor_recovery::Column::ReadyNotifiedAt, Expr::value(now))
            .filter(factor_recovery::Column::Id.eq(recovery.id))
            .filter(factor_recovery::Column::ReadyNotifiedAt.is_null())
            .exec(&state.db)
            .await?;
        if claimed.rows_affected == 0 {
            continue; // another instance mailed it
        }
        let Some(owner) = account::Entity::find_by_id(recovery.account_id).one(&state.db).await? else { continue };
        let sign_in = format!("{}{}", state.config.public_url, routes::SIGN_IN);
        state.mailer.notify_owner(&owner, Mail::RecoveryReady { sign_in_url: sign_in }).await;
        notified += 1;
    }
    Ok(notified)
}

/// After the wait: removes the lost app and backup codes, ends the password-only session and
/// starts a signed-in one. Returns its token and the page to go to (sign-in settings, to set up a
/// new factor).
pub async fn complete(
    state: &AppState,
    pending: &ActiveSession,
    client: &ClientInfo,
) -> Result<(String, String), AppError> {
    let now = state.now();
    let recovery = open(state, pending.account_id).await?.ok_or(FormError::RecoveryNotReady)?;
    if !is_ready(&recovery, now) {
        return Err(FormError::RecoveryNotReady.into());
    }
    let finished = factor_recovery::Entity::update_many()
        .col_expr(factor_recovery::Column::CompletedAt, Expr::value(now))
        .filter(factor_recovery::Column::Id.eq(recovery.id))
        .filter(factor_recovery::Column::CompletedAt.is_null())
        .filter(factor_recovery::Column::CancelledAt.is_null())
        .exec(&state.db)
        .await?;
    if finished.rows_affected != 1 {
        return Err(FormError::RecoveryNotReady.into());
    }
    let owner = owner_of(state, pending.account_id).await?;
    let (email, lang) = (owner.email.clone(), owner.lang());
    let mut clearing: account::ActiveModel = owner.into();
    clearing.totp_secret = Set(None);
    clearing.totp_pending_secret = Set(None);
    clearing.totp_enrolled_at = Set(None);
    clearing.totp_last_step = Set(None);
    clearing.update(&state.db).await?;
    backup_code::Entity::delete_many()
        .filter(backup_code::Column::AccountId.eq(pending.account_id))
        .exec(&state.db)
        .await?;
    sign_in_throttle::record_success(state, &sign_in_throttle::email_key(&email), client.ip.as_deref()).await?;
    // Whoever else was signed in — or half signed in — is out: the account starts over from here.
    sessions::end_all_for_account(state, pending.account_id, None).await?;
    let token = sessions::start(state, pending.account_id, client, true).await?;
    security_events::record(state, pending.account_id, SecurityEventKind::RecoveryCompleted, client).await;
    state.mailer.notify(&email, lang, Mail::RecoveryCompleted).await;
    Ok((token, routes::with_query(routes::SIGN_IN_SETTINGS, "recovered=1").to_owned()))
}
