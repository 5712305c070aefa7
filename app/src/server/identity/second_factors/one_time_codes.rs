//! One-time codes sent by email or text: six digits, bound to where they were sent, working once
//! for ten minutes, at most five sent an hour and five tries each. Issued and checked here; which
//! message carries them is the caller's.

use crate::domain::AccountId;
use crate::error::{AppError, FormError};
use crate::server::entities::one_time_code;
use crate::server::AppState;
use chrono::Duration;
use rand::Rng;
use sea_orm::sea_query::Expr;
use sea_orm::{ActiveModelTrait, ColumnTrait, EntityTrait, PaginatorTrait, QueryFilter, QueryOrder, Set};

/// An emailed or texted code works for 10 minutes, once.
pub const CODE_LIFETIME: Duration = Duration::minutes(10);
/// At most this many codes of one kind are sent to one account in an hour.
pub const CODES_PER_HOUR: u64 = 5;
/// Tries of one emailed or texted code; after this many wrong ones it is void and a new one must be sent.
pub const WRONG_TRIES_PER_CODE: i32 = 5;

/// A new 6-digit code for `purpose`, bound to `bound_to` (e.g. the phone it is texted to), replacing
/// any earlier unused one of that purpose. At most `CODES_PER_HOUR` per purpose per account.
pub async fn issue_code(
    state: &AppState,
    account_id: AccountId,
    purpose: &str,
    bound_to: &str,
) -> Result<String, AppError> {
    let now = state.now();
    let sent_last_hour = one_time_code::Entity::find()
        .filter(one_time_code::Column::AccountId.eq(account_id))
        .filter(one_time_code::Column::Purpose.eq(purpose))
        .filter(one_time_code::Column::CreatedAt.gt(now - Duration::hours(1)))
        .count(&state.db)
        .await?;
    if sent_last_hour >= CODES_PER_HOUR {
        return Err(FormError::TooManyCodesSent.into());
    }
    one_time_code::Entity::update_many()
        .col_expr(one_time_code::Column::UsedAt, Expr::value(now))
        .filter(one_time_code::Column::AccountId.eq(account_id))
        .filter(one_time_code::Column::Purpose.eq(purpose))
        .filter(one_time_code::Column::UsedAt.is_null())
        .exec(&state.db)
        .await?;
    let code = format!("{:06}", rand::rngs::OsRng.gen_range(0..1_000_000u32));
    one_time_code::ActiveModel {
        account_id: Set(account_id),
        purpose: Set(purpose.to_owned()),
        code_hash: Set(state.config.secret_key.lookup_hash(purpose, account_id, &format!("{bound_to}:{code}"))),
        created_at: Set(now),
        used_at: Set(None),
        failed_attempts: Set(0),
        sealed_code: Set(Some(state.config.secret_key.seal(code.as_bytes()))),
        ..Default::default()
    }
    .insert(&state.db)
    .await?;
    Ok(code)
}

/// The newest code of `purpose` that still works and is bound to `bound_to`, to send again instead
/// of a new one.
pub(super) async fn still_valid_code(
    state: &AppState,
    account_id: AccountId,
    purpose: &str,
    bound_to: &str,
) -> Result<Option<String>, AppError> {
    let Some(latest) = newest_unused_code(state, account_id, purpose).await? else { return Ok(None) };
    // A code about to expire is not worth sending again.
    let fresh = state.now() - latest.created_at < CODE_LIFETIME - Duration::minutes(2);
    if !fresh || latest.failed_attempts >= WRONG_TRIES_PER_CODE {
        return Ok(None);
    }
    let Some(sealed) = latest.sealed_code else { return Ok(None) };
    let code = String::from_utf8_lossy(
        &state
            .config
            .secret_key
            .open(&sealed)
            .map_err(|error| crate::server::internal_error("opening a stored one-time code", error))?,
    )
    .into_owned();
    let bound = format!("{bound_to}:{code}");
    Ok(state.config.secret_key.lookup_matches(&latest.code_hash, purpose, account_id, &bound).then_some(code))
}

/// Whether `typed` is the newest unused, unexpired code of `purpose` bound to `bound_to`; if so it
/// is used up (a conditional update, so two racing requests cannot both use it). Every try is
/// counted on the code, and a fifth wrong one voids it: six digits are a million guesses, not five.
pub async fn use_code(
    state: &AppState,
    account_id: AccountId,
    purpose: &str,
    bound_to: &str,
    typed: &str,
) -> Result<bool, AppError> {
    let now = state.now();
    let typed: String = typed.chars().filter(|c| c.is_ascii_digit()).collect();
    let Some(latest) = newest_unused_code(state, account_id, purpose).await? else { return Ok(false) };
    if now - latest.created_at >= CODE_LIFETIME {
        return Ok(false);
    }
    // The try is counted before the code is compared (a conditional update), so simultaneous
    // tries cannot get more than five comparisons out of one code.
    let counted = one_time_code::Entity::update_many()
        .col_expr(
            one_time_code::Column::FailedAttempts,
            sea_orm::sea_query::ExprTrait::add(Expr::col(one_time_code::Column::FailedAttempts), 1),
        )
        .filter(one_time_code::Column::Id.eq(latest.id))
        .filter(one_time_code::Column::UsedAt.is_null())
        .filter(one_time_code::Column::FailedAttempts.lt(WRONG_TRIES_PER_CODE))
        .exec(&state.db)
        .await?;
    if counted.rows_affected != 1 {
        return Ok(false);
    }
    let right =
        state.config.secret_key.lookup_matches(&latest.code_hash, purpose, account_id, &format!("{bound_to}:{typed}"));
    // A right code is used up; after the fifth try a wrong one leaves the code void.
    let mut finishing = one_time_code::Entity::update_many()
        .col_expr(one_time_code::Column::UsedAt, Expr::value(now))
        .filter(one_time_code::Column::Id.eq(latest.id))
        .filter(one_time_code::Column::UsedAt.is_null());
    if !right {
        finishing = finishing.filter(one_time_code::Column::FailedAttempts.gte(WRONG_TRIES_PER_CODE));
    }
    let finished = finishing.exec(&state.db).await?;
    Ok(right && finished.rows_affected == 1)
}

/// The newest unused code of `purpose` of the account (expired or not).
async fn newest_unused_code(
    state: &AppState,
    account_id: AccountId,
    purpose: &str,
) -> Result<Option<one_time_code::Model>, AppError> {
    Ok(one_time_code::Entity::find()
        .filter(one_time_code::Column::AccountId.eq(account_id))
        .filter(one_time_code::Column::Purpose.eq(purpose))
        .filter(one_time_code::Column::UsedAt.is_null())
        .order_by_desc(one_time_code::Column::CreatedAt)
        .one(&state.db)
        .await?)
}
