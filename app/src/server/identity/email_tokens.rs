//! Single-use links sent by email, and how long each kind stays valid — in one place.

use crate::domain::AccountId;
use crate::error::AppError;
use crate::server::entities::{account, email_token};
use crate::server::identity::session_policy::{new_token, token_hash};
use crate::server::AppState;
use chrono::{DateTime, Duration, Utc};
use sea_orm::sea_query::Expr;
use sea_orm::{ActiveModelTrait, ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, Set};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TokenPurpose {
    ConfirmEmail,
    ResetPassword,
    StartRecovery,
    ChangeEmail,
    /// A new staff member's first password and authenticator (`portico staff add`).
    StaffSetUp,
    /// A recovery link the contact center sent after checking the caller's identity: the
    /// recovery it starts skips the 24-hour wait.
    StartCheckedRecovery,
}

impl TokenPurpose {
    fn key(self) -> &'static str {
        match self {
            TokenPurpose::ConfirmEmail => "confirm_email",
            TokenPurpose::ResetPassword => "reset_password",
            TokenPurpose::StartRecovery => "start_recovery",
            TokenPurpose::ChangeEmail => "change_email",
            TokenPurpose::StaffSetUp => "staff_set_up",
            TokenPurpose::StartCheckedRecovery => "start_checked_recovery",
        }
    }

    /// Login.gov: a confirmation link works for 24 hours; a password reset link for 30 minutes; the
    /// link that starts a second-factor recovery for an hour; the link confirming a new sign-in
    /// address, like the first confirmation, for 24 hours; a staff set-up link (handed over by an
    /// administrator, perhaps before a weekend) for 72 hours.
    pub fn lifetime(self) -> Duration {
        match self {
            TokenPurpose::ConfirmEmail => Duration::hours(24),
            TokenPurpose::ResetPassword => Duration::minutes(30),
            TokenPurpose::StartRecovery => Duration::hours(1),
            TokenPurpose::ChangeEmail => Duration::hours(24),
            TokenPurpose::StaffSetUp => Duration::hours(72),
            TokenPurpose::StartCheckedRecovery => Duration::hours(1),
        }
    }
}

/// Creates a token for `account_id`, mailed to `sent_to`, and returns it (only its hash is
/// stored). For an email change, `sent_to` is the new address, and the link changes the account to
/// exactly that address.
pub async fn issue(
    db: &impl ConnectionTrait,
    now: DateTime<Utc>,
    account_id: AccountId,
    purpose: TokenPurpose,
    sent_to: &str,
) -> Result<String, AppError> {
    let token = new_token();
    email_token::ActiveModel {
        account_id: Set(account_id),
        purpose: Set(purpose.key().to_owned()),
        token_hash: Set(token_hash(&token)),
        created_at: Set(now),
        used_at: Set(None),
        sent_to: Set(Some(sent_to.to_owned())),
        new_email: Set((purpose == TokenPurpose::ChangeEmail).then(|| sent_to.to_owned())),
        ..Default::default()
    }
    .insert(db)
    .await?;
    Ok(token)
}

/// A live token, as found.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LiveToken {
    pub account_id: AccountId,
    /// For an email change: the address to change to.
    pub new_email: Option<String>,
}

/// The unused, unexpired token of this purpose — and, except for an email change (mailed to the
/// new address), only while the account's address is still the one it was mailed to: a link sent
/// to an old address is no key once the address changed.
async fn find_live(
    state: &AppState,
    token: &str,
    purpose: TokenPurpose,
) -> Result<Option<email_token::Model>, AppError> {
    let Some(found) = email_token::Entity::find()
        .filter(email_token::Column::TokenHash.eq(token_hash(token.trim())))
        .filter(email_token::Column::Purpose.eq(purpose.key()))
        .filter(email_token::Column::UsedAt.is_null())
        .one(&state.db)
        .await?
    else {
        return Ok(None);
    };
    if state.now() - found.created_at >= purpose.lifetime() {
        return Ok(None);
    }
    if purpose != TokenPurpose::ChangeEmail {
        let owner = account::Entity::find_by_id(found.account_id).one(&state.db).await?;
        let bound = match (&owner, &found.sent_to) {
            (Some(owner), Some(sent_to)) => owner.email.eq_ignore_ascii_case(sent_to),
            _ => false,
        };
        if !bound {
            return Ok(None);
        }
    }
    Ok(Some(found))
}

/// The account of `token` if it is live (see `find_live`), without using it up.
pub async fn peek(state: &AppState, token: &str, purpose: TokenPurpose) -> Result<Option<AccountId>, AppError> {
    Ok(find_live(state, token, purpose).await?.map(|t| t.account_id))
}

/// How many tokens of this purpose were issued to the account since `since`.
pub async fn issued_since(
    state: &AppState,
    account_id: AccountId,
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

/// Uses up `token` if it is live (see `find_live`). The update is conditional on `used_at` still
/// being empty, so two racing uses cannot both win.
pub async fn redeem(state: &AppState, token: &str, purpose: TokenPurpose) -> Result<Option<LiveToken>, AppError> {
    let Some(found) = find_live(state, token, purpose).await? else { return Ok(None) };
    let used = email_token::Entity::update_many()
        .col_expr(email_token::Column::UsedAt, Expr::value(state.now()))
        .filter(email_token::Column::Id.eq(found.id))
        .filter(email_token::Column::UsedAt.is_null())
        .exec(&state.db)
        .await?;
    Ok((used.rows_affected == 1).then_some(LiveToken { account_id: found.account_id, new_email: found.new_email }))
}

/// Uses up every unused token of these purposes of the account.
pub async fn revoke_unused(
    db: &impl ConnectionTrait,
    now: DateTime<Utc>,
    account_id: AccountId,
    purposes: &[TokenPurpose],
) -> Result<(), AppError> {
    email_token::Entity::update_many()
        .col_expr(email_token::Column::UsedAt, Expr::value(now))
        .filter(email_token::Column::AccountId.eq(account_id))
        .filter(email_token::Column::Purpose.is_in(purposes.iter().map(|p| p.key())))
        .filter(email_token::Column::UsedAt.is_null())
        .exec(db)
        .await?;
    Ok(())
}

/// What a change of the account's email or password revokes: every outstanding reset, recovery
/// and email-change link (whoever holds an old mailbox or an old password holds no key).
pub const REVOKED_BY_CREDENTIAL_CHANGE: [TokenPurpose; 4] = [
    TokenPurpose::ResetPassword,
    TokenPurpose::StartRecovery,
    TokenPurpose::StartCheckedRecovery,
    TokenPurpose::ChangeEmail,
];
