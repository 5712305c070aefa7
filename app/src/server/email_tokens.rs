//! Single-use links sent by email, and how long each kind stays valid — in one place.

use super::entities::email_token;
use super::session_policy::{new_token, token_hash};
use super::AppState;
use crate::api::AppError;
use chrono::Duration;
use sea_orm::sea_query::Expr;
use sea_orm::{ActiveModelTrait, ColumnTrait, EntityTrait, QueryFilter, Set};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TokenPurpose {
    ConfirmEmail,
}

impl TokenPurpose {
    fn key(self) -> &'static str {
        match self {
            TokenPurpose::ConfirmEmail => "confirm_email",
        }
    }

    /// Login.gov: a confirmation link works for 24 hours.
    pub fn lifetime(self) -> Duration {
        match self {
            TokenPurpose::ConfirmEmail => Duration::hours(24),
        }
    }
}

/// Creates a token for `account_id` and returns it (only its hash is stored).
pub async fn issue(state: &AppState, account_id: i32, purpose: TokenPurpose) -> Result<String, AppError> {
    let token = new_token();
    email_token::ActiveModel {
        account_id: Set(account_id),
        purpose: Set(purpose.key().to_owned()),
        token_hash: Set(token_hash(&token)),
        created_at: Set(state.now()),
        used_at: Set(None),
        ..Default::default()
    }
    .insert(&state.db)
    .await?;
    Ok(token)
}

/// Uses up `token` and returns its account, if it is of this purpose, unused and not expired.
/// The update is conditional on `used_at` still being empty, so two racing uses cannot both win.
pub async fn redeem(state: &AppState, token: &str, purpose: TokenPurpose) -> Result<Option<i32>, AppError> {
    let now = state.now();
    let hash = token_hash(token.trim());
    let Some(found) = email_token::Entity::find()
        .filter(email_token::Column::TokenHash.eq(hash.as_str()))
        .filter(email_token::Column::Purpose.eq(purpose.key()))
        .filter(email_token::Column::UsedAt.is_null())
        .one(&state.db)
        .await?
    else {
        return Ok(None);
    };
    if now - found.created_at >= purpose.lifetime() {
        return Ok(None);
    }
    let used = email_token::Entity::update_many()
        .col_expr(email_token::Column::UsedAt, Expr::value(now))
        .filter(email_token::Column::Id.eq(found.id))
        .filter(email_token::Column::UsedAt.is_null())
        .exec(&state.db)
        .await?;
    Ok((used.rows_affected == 1).then_some(found.account_id))
}
