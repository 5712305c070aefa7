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
    ResetPassword,
    StartRecovery,
    ChangeEmail,
}

impl TokenPurpose {
    fn key(self) -> &'static str {
        match self {
            TokenPurpose::ConfirmEmail => "confirm_email",
            TokenPurpose::ResetPassword => "reset_password",
            TokenPurpose::StartRecovery => "start_recovery",
            TokenPurpose::ChangeEmail => "change_email",
        }
    }

    /// Login.gov: a confirmation link works for 24 hours; a password reset link for 30 minutes; the
    /// link that starts a second-factor recovery for an hour; the link confirming a new sign-in
    /// address, like the first confirmation, for 24 hours.
    pub fn lifetime(self) -> Duration {
        match self {
            TokenPurpose::ConfirmEmail => Duration::hours(24),
            TokenPurpose::ResetPassword => Duration::minutes(30),
            TokenPurpose::StartRecovery => Duration::hours(1),
            TokenPurpose::ChangeEmail => Duration::hours(24),
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

/// The account of `token` if it is of this purpose, unused and not expired, without using it up.
pub async fn peek(state: &AppState, token: &str, purpose: TokenPurpose) -> Result<Option<i32>, AppError> {
    let found = email_token::Entity::find()
        .filter(email_token::Column::TokenHash.eq(token_hash(token.trim())))
        .filter(email_token::Column::Purpose.eq(purpose.key()))
        .filter(email_token::Column::UsedAt.is_null())
        .one(&state.db)
        .await?;
    Ok(found.filter(|t| state.now() - t.created_at < purpose.lifetime()).map(|t| t.account_id))
}

/// How many tokens of this purpose were issued to the account since `since`.
pub async fn issued_since(
    state: &AppState,
    account_id: i32,
    purpose: TokenPurpose,
    since: chrono::DateTime<chrono::Utc>,
) -> Result<u64, AppError> {
    use sea_orm::PaginatorTrait;
    Ok(email_token::Entity::find()
        .filter(email_token::Column::AccountId.eq(account_id))
        .filter(email_token::Column::Purpose.eq(purpose.key()))
        .filter(email_token::Column::CreatedAt.gt(since))
        .count(&state.db)
        .await?)
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

/// Uses up every unused token of this purpose of the account, e.g. an older link to confirm a new
/// address once a different address was asked for (that link must not confirm the newer one).
pub async fn revoke_unused(state: &AppState, account_id: i32, purpose: TokenPurpose) -> Result<(), AppError> {
    email_token::Entity::update_many()
        .col_expr(email_token::Column::UsedAt, Expr::value(state.now()))
        .filter(email_token::Column::AccountId.eq(account_id))
        .filter(email_token::Column::Purpose.eq(purpose.key()))
        .filter(email_token::Column::UsedAt.is_null())
        .exec(&state.db)
        .await?;
    Ok(())
}
