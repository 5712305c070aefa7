//! Server-side sessions: started at sign-in, looked up on every request, ended at sign-out.

use crate::domain::{AccountId, RecordId, SessionId};
use crate::error::{AppError, FormError};
use crate::server::client::ClientInfo;
use crate::server::entities::{account, session};
use crate::server::identity::session_policy::{
    self, is_live, recently_authenticated, second_factor_still_allowed, token_hash, LAST_SEEN_RESOLUTION,
};
use crate::server::AppState;
use chrono::{DateTime, Utc};
use sea_orm::sea_query::Expr;
use sea_orm::{ActiveModelTrait, ColumnTrait, EntityTrait, JoinType, QueryFilter, QueryOrder, QuerySelect, Set};

/// A live session and the account behind it, as request handlers see it.
#[derive(Debug, Clone)]
pub struct ActiveSession {
    pub session_id: SessionId,
    pub account_id: AccountId,
    pub email: String,
    pub record_id: Option<RecordId>,
    /// When password and second factor were last given; `None` while the second factor is still
    /// awaited (such a session may do nothing but finish signing in).
    pub authenticated_at: Option<DateTime<Utc>>,
    pub last_seen_at: DateTime<Utc>,
    /// The language the account owner chose.
    pub lang: crate::i18n::Lang,
    /// When the session ends unless it is used again (see `session_policy::ends_at`).
    pub ends_at: DateTime<Utc>,
    /// Applicant or a staff role.
    pub role: crate::domain::Role,
    /// A staff member's name (for the audit log and the console's header).
    pub display_name: Option<String>,
    /// An officer's office.
    pub office: Option<String>,
}

impl ActiveSession {
    pub fn awaiting_second_factor(&self) -> bool {
        self.authenticated_at.is_none()
    }
}

/// Starts a session and returns the token for the cookie (the database keeps only its hash).
/// `second_factor_given`: false right after the password, true once the second factor is given.
pub async fn start(
    state: &AppState,
    account_id: AccountId,
    client: &ClientInfo,
    second_factor_given: bool,
) -> Result<String, AppError> {
    let token = session_policy::new_token();
    let now = state.now();
    session::ActiveModel {
        token_hash: Set(token_hash(&token)),
        account_id: Set(account_id),
        created_at: Set(now),
        last_seen_at: Set(now),
        ended_at: Set(None),
        ip_address: Set(client.ip.clone()),
        user_agent: Set(client.user_agent.clone()),
        second_factor_at: Set(second_factor_given.then_some(now)),
        flash: Set(None),
        ..Default::default()
    }
    .insert(&state.db)
    .await?;
    Ok(token)
}

/// The live session for `token`, if any. Touches `last_seen_at` so that activity keeps it alive.
pub async fn resolve(state: &AppState, token: &str) -> Result<Option<ActiveSession>, AppError> {
    if let Some(memory) = &state.from_memory {
        return Ok(Some(memory.session.clone()));
    }
    if token.len() != 64 || !token.bytes().all(|b| b.is_ascii_hexdigit()) {
        return Ok(None);
    }
    let Some((found, owner)) = open_row(state, token).await? else { return Ok(None) };
    let now = state.now();
    let awaiting = found.second_factor_at.is_none();
    if !is_live(found.created_at, found.last_seen_at, now)
        || (awaiting && !second_factor_still_allowed(found.created_at, now))
    {
        return Ok(None);
    }
    // A disabled account's sessions end with it (they are also ended when it is disabled).
    if owner.disabled_at.is_some() {
        return Ok(None);
    }
    if now - found.last_seen_at >= LAST_SEEN_RESOLUTION {
        let mut touched: session::ActiveModel = found.clone().into();
        touched.last_seen_at = Set(now);
        touched.update(&state.db).await?;
    }
    Ok(Some(ActiveSession {
        session_id: found.id,
        account_id: owner.id,
        lang: owner.lang(),
        email: owner.email,
        record_id: owner.record_id,
        authenticated_at: found.second_factor_at,
        last_seen_at: if now - found.last_seen_at >= LAST_SEEN_RESOLUTION { now } else { found.last_seen_at },
        ends_at: session_policy::ends_at(found.created_at, now),
        role: owner.role,
        display_name: owner.display_name,
        office: owner.office,
    }))
}

/// The session row of `token` that has not been ended, with its account: one statement, since
/// every request that sends a cookie asks it (`session_layer`).
async fn open_row(state: &AppState, token: &str) -> Result<Option<(session::Model, account::Model)>, AppError> {
    let owner =
        session::Entity::belongs_to(account::Entity).from(session::Column::AccountId).to(account::Column::Id).into();
    let found = session::Entity::find()
        .join(JoinType::InnerJoin, owner)
        .select_also(account::Entity)
        .filter(session::Column::TokenHash.eq(token_hash(token)))
        .filter(session::Column::EndedAt.is_null())
        .one(&state.db)
        .await?;
    Ok(found.and_then(|(session, owner)| Some((session, owner?))))
}

/// Whether the session of `token` is still live, without counting this as activity (a live
/// stream asking must not keep an idle session alive).
pub async fn still_live(state: &AppState, token: &str) -> Result<bool, AppError> {
    let Some((found, owner)) = open_row(state, token).await? else { return Ok(false) };
    Ok(is_live(found.created_at, found.last_seen_at, state.now())
        && found.second_factor_at.is_some()
        && owner.disabled_at.is_none())
}

/// Records that password and second factor were just given again (re-authentication).
pub async fn mark_authenticated(state: &AppState, session_id: SessionId) -> Result<(), AppError> {
    session::Entity::update_many()
        .col_expr(session::Column::SecondFactorAt, Expr::value(state.now()))
        .filter(session::Column::Id.eq(session_id))
        .exec(&state.db)
        .await?;
    Ok(())
}

/// Ends every live session of the account except `keep` (e.g. after a password reset, or "sign
/// out everywhere else"). Returns how many were ended.
pub async fn end_all_for_account(
    state: &AppState,
    account_id: AccountId,
    keep: Option<SessionId>,
) -> Result<u64, AppError> {
    let mut update = session::Entity::update_many()
        .col_expr(session::Column::EndedAt, Expr::value(state.now()))
        .filter(session::Column::AccountId.eq(account_id))
        .filter(session::Column::EndedAt.is_null());
    if let Some(keep) = keep {
        update = update.filter(session::Column::Id.ne(keep));
    }
    Ok(update.exec(&state.db).await?.rows_affected)
}

/// Ends one session of the account (from the devices page). `false` if it was not theirs or not live.
pub async fn end_one_for_account(
    state: &AppState,
    account_id: AccountId,
    session_id: SessionId,
) -> Result<bool, AppError> {
    let ended = session::Entity::update_many()
        .col_expr(session::Column::EndedAt, Expr::value(state.now()))
        .filter(session::Column::AccountId.eq(account_id))
        .filter(session::Column::Id.eq(session_id))
        .filter(session::Column::EndedAt.is_null())
        .exec(&state.db)
        .await?;
    Ok(ended.rows_affected == 1)
}

/// The account's signed-in sessions that are still live, most recently used first.
/// A signed-in session of the account, as the devices page lists it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DeviceRead {
    pub session_id: SessionId,
    pub user_agent: Option<String>,
    pub ip_address: Option<String>,
    /// When the second factor was given (when signing in finished).
    pub signed_in_at: DateTime<Utc>,
    pub last_seen_at: DateTime<Utc>,
}

/// The account's live signed-in sessions, most recently used first.
pub async fn live_for_account(state: &AppState, account_id: AccountId) -> Result<Vec<DeviceRead>, AppError> {
    let now = state.now();
    let rows = session::Entity::find()
        .filter(session::Column::AccountId.eq(account_id))
        .filter(session::Column::EndedAt.is_null())
        .filter(session::Column::SecondFactorAt.is_not_null())
        .order_by_desc(session::Column::LastSeenAt)
        .all(&state.db)
        .await?;
    Ok(rows
        .into_iter()
        .filter(|s| is_live(s.created_at, s.last_seen_at, now))
        .map(|s| DeviceRead {
            session_id: s.id,
            user_agent: s.user_agent,
            ip_address: s.ip_address,
            signed_in_at: s.second_factor_at.unwrap_or(s.created_at),
            last_seen_at: s.last_seen_at,
        })
        .collect())
}

/// Ends the session for `token` on the server: the cookie, if replayed, finds nothing.
pub async fn end(state: &AppState, token: &str) -> Result<(), AppError> {
    session::Entity::update_many()
        .col_expr(session::Column::EndedAt, sea_orm::sea_query::Expr::value(state.now()))
        .filter(session::Column::TokenHash.eq(token_hash(token)))
        .filter(session::Column::EndedAt.is_null())
        .exec(&state.db)
        .await?;
    Ok(())
}

/// Refuses a change of sign-in factors unless password and second factor were given within 15 minutes.
pub fn require_recent_authentication(state: &AppState, session: &ActiveSession) -> Result<(), AppError> {
    match session.authenticated_at {
        Some(at) if recently_authenticated(at, state.now()) => Ok(()),
        _ => Err(FormError::ReauthRequired.into()),
    }
}

/// What a session keeps (sealed) for one page to show once.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub enum Flash {
    /// Backup codes just created: shown once, never again.
    BackupCodes(Vec<String>),
    /// A refused form's fields as typed (JSON), for `form`'s page to show again.
    Draft { form: String, json: String },
}

pub async fn put_flash(state: &AppState, session_id: SessionId, flash: &Flash) -> Result<(), AppError> {
    let text = serde_json::to_vec(flash).map_err(|e| crate::server::internal_error("writing a session flash", e))?;
    session::Entity::update_many()
        .col_expr(session::Column::Flash, Expr::value(state.config.secret_key.seal(&text)))
        .filter(session::Column::Id.eq(session_id))
        .exec(&state.db)
        .await?;
    Ok(())
}

/// Takes what `wanted` picks from the session's flash; a second call finds nothing. A flash of
/// another kind stays for its own page (a refused form's draft is never shown as backup codes).
pub async fn take_flash<T>(
    state: &AppState,
    session_id: SessionId,
    wanted: impl Fn(Flash) -> Option<T>,
) -> Result<Option<T>, AppError> {
    let Some(found) = session::Entity::find_by_id(session_id).one(&state.db).await? else { return Ok(None) };
    let Some(sealed) = found.flash else { return Ok(None) };
    let plain = state
        .config
        .secret_key
        .open(&sealed)
        .map_err(|error| crate::server::internal_error("opening a session flash", error))?;
    let Some(picked) = serde_json::from_slice::<Flash>(&plain).ok().and_then(wanted) else { return Ok(None) };
    // Only the flash that was read is cleared: two loads at once show it once.
    let cleared = session::Entity::update_many()
        .col_expr(session::Column::Flash, Expr::value(Option::<String>::None))
        .filter(session::Column::Id.eq(session_id))
        .filter(session::Column::Flash.eq(sealed))
        .exec(&state.db)
        .await?;
    Ok((cleared.rows_affected == 1).then_some(picked))
}

/// Keeps a refused form's fields for its page (`form` names the form).
pub async fn put_draft(
    state: &AppState,
    session_id: SessionId,
    form: &str,
    draft: &impl serde::Serialize,
) -> Result<(), AppError> {
    let json = serde_json::to_string(draft).map_err(|e| crate::server::internal_error("keeping a form draft", e))?;
    put_flash(state, session_id, &Flash::Draft { form: form.to_owned(), json }).await
}

/// The fields `form` kept when it was last refused, once.
pub async fn take_draft<T: serde::de::DeserializeOwned>(
    state: &AppState,
    session_id: SessionId,
    form: &str,
) -> Result<Option<T>, AppError> {
    let picked = take_flash(state, session_id, |flash| match flash {
        Flash::Draft { form: kept, json } if kept == form => Some(json),
        _ => None,
    })
    .await?;
    Ok(picked.and_then(|json| serde_json::from_str(&json).ok()))
}
