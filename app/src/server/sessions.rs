//! Server-side sessions: started at sign-in, looked up on every request, ended at sign-out.

use super::entities::{account, session};
use super::session_policy::{self, is_live, token_hash, LAST_SEEN_RESOLUTION};
use super::AppState;
use crate::api::AppError;
use sea_orm::{ActiveModelTrait, ColumnTrait, EntityTrait, QueryFilter, Set};

/// A live session and the account behind it, as request handlers see it.
#[derive(Debug, Clone)]
pub struct ActiveSession {
    pub session_id: i32,
    pub account_id: i32,
    pub email: String,
    pub record_id: Option<i32>,
}

/// Where a request came from, kept with the session for the devices list and audit.
#[derive(Debug, Clone, Default)]
pub struct ClientInfo {
    pub ip: Option<String>,
    pub user_agent: Option<String>,
}

/// Starts a session and returns the token for the cookie (the database keeps only its hash).
pub async fn start(state: &AppState, account_id: i32, client: &ClientInfo) -> Result<String, AppError> {
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
        ..Default::default()
    }
    .insert(&state.db)
    .await?;
    Ok(token)
}

/// The live session for `token`, if any. Touches `last_seen_at` so that activity keeps it alive.
pub async fn resolve(state: &AppState, token: &str) -> Result<Option<ActiveSession>, AppError> {
    if token.len() != 64 || !token.bytes().all(|b| b.is_ascii_hexdigit()) {
        return Ok(None);
    }
    let Some(found) = session::Entity::find()
        .filter(session::Column::TokenHash.eq(token_hash(token)))
        .filter(session::Column::EndedAt.is_null())
        .one(&state.db)
        .await?
    else {
        return Ok(None);
    };
    let now = state.now();
    if !is_live(found.created_at, found.last_seen_at, now) {
        return Ok(None);
    }
    let Some(owner) = account::Entity::find_by_id(found.account_id).one(&state.db).await? else {
        return Ok(None);
    };
    if now - found.last_seen_at >= LAST_SEEN_RESOLUTION {
        let mut touched: session::ActiveModel = found.clone().into();
        touched.last_seen_at = Set(now);
        touched.update(&state.db).await?;
    }
    Ok(Some(ActiveSession {
        session_id: found.id,
        account_id: owner.id,
        email: owner.email,
        record_id: owner.record_id,
    }))
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
