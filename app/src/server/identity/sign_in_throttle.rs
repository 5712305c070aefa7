//! How many wrong sign-ins are tolerated, in one place. Figures from NIST SP 800-63B §5.2.2 and
//! Login.gov: after 5 failures an email is paused for 10 minutes, and each further pause within a
//! day doubles (capped at 12 hours); never more than 100 failures per email per hour; one IP may
//! fail 50 times in 10 minutes before it is told 429. Pauses always end by themselves, so a lock
//! can never keep the real owner out for good.
//!
//! Failures are counted per *email typed*, whether or not an account has it, so the lock itself
//! reveals nothing about who has an account. Only a hash of the email is stored.

use crate::error::{AppError, FormError};
use crate::server::entities::sign_in_attempt;
use crate::server::AppState;
use chrono::{DateTime, Duration, Utc};
use sea_orm::{ActiveModelTrait, ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, QueryOrder, Set};
use sha2::{Digest, Sha256};

pub const FAILURES_BEFORE_PAUSE: usize = 5;
pub const FIRST_PAUSE: Duration = Duration::minutes(10);
pub const LONGEST_PAUSE: Duration = Duration::hours(12);
pub const HOURLY_FAILURE_CAP: usize = 100;
pub const IP_FAILURE_LIMIT: u64 = 50;
pub const IP_WINDOW: Duration = Duration::minutes(10);
/// How far back failures are read to work out the growing pauses.
pub const MEMORY: Duration = Duration::hours(24);

/// The key failures are counted under: a hash of the trimmed, lower-cased email as typed.
pub fn email_key(typed: &str) -> String {
    hex::encode(Sha256::digest(typed.trim().to_lowercase().as_bytes()))
}

/// When the pause on an email ends, given its failures since its last success (oldest first).
/// Failures made while paused are never recorded, so an attacker cannot stretch a pause.
pub fn paused_until(failures: &[DateTime<Utc>], now: DateTime<Utc>) -> Option<DateTime<Utc>> {
    let mut streak = 0;
    let mut pauses = 0u32;
    let mut until: Option<DateTime<Utc>> = None;
    for &at in failures {
        streak += 1;
        if streak == FAILURES_BEFORE_PAUSE {
            streak = 0;
            pauses += 1;
            let length = FIRST_PAUSE * 2i32.saturating_pow(pauses - 1).min(1 << 10);
            until = Some(at + length.min(LONGEST_PAUSE));
        }
    }
    let hour_ago = now - Duration::hours(1);
    let last_hour: Vec<_> = failures.iter().filter(|at| **at > hour_ago).collect();
    if last_hour.len() >= HOURLY_FAILURE_CAP {
        let cap_ends = *last_hour[last_hour.len() - HOURLY_FAILURE_CAP] + Duration::hours(1);
        until = Some(until.map_or(cap_ends, |u| u.max(cap_ends)));
    }
    until.filter(|u| *u > now)
}

/// An attempt counted before its password or code is checked: written as a failure, so that
/// simultaneous guesses each see the ones before them. Settle it with [`Attempt::failed`],
/// [`Attempt::succeeded`] or [`Attempt::not_counted`].
#[derive(Debug)]
#[must_use = "an attempt is settled as failed, succeeded or not counted"]
pub struct Attempt {
    id: i32,
    key: String,
}

/// Reserves one guess for `key` (and `ip`), or refuses when the IP or the email is paused. The
/// reservation and the count happen in one transaction serialized per email and per IP (see
/// `limits::serialize_on`), so N simultaneous wrong passwords evaluate at most the allowed number
/// — the rest are refused before any hashing.
pub async fn begin(state: &AppState, key: &str, ip: Option<&str>) -> Result<Attempt, AppError> {
    let now = state.now();
    let txn = crate::server::begin_write(&state.db).await?;
    let mut lock_keys = vec![format!("sign_in_email:{key}")];
    if let Some(ip) = ip {
        lock_keys.push(format!("sign_in_ip:{ip}"));
    }
    crate::server::limits::serialize_on(&txn, &lock_keys).await?;
    let mine = sign_in_attempt::ActiveModel {
        email_key: Set(key.to_owned()),
        ip_address: Set(ip.map(str::to_owned)),
        succeeded: Set(false),
        at: Set(now),
        ..Default::default()
    }
    .insert(&txn)
    .await?;
    if let Some(ip) = ip {
        let recent = sign_in_attempt::Entity::find()
            .filter(sign_in_attempt::Column::IpAddress.eq(ip))
            .filter(sign_in_attempt::Column::Succeeded.eq(false))
            .filter(sign_in_attempt::Column::At.gt(now - IP_WINDOW))
            .filter(sign_in_attempt::Column::Id.ne(mine.id))
            .order_by_asc(sign_in_attempt::Column::At)
            .all(&txn)
            .await?;
        if recent.len() as u64 >= IP_FAILURE_LIMIT {
            txn.rollback().await?;
            let oldest = recent[recent.len() - IP_FAILURE_LIMIT as usize].at;
            let retry_after = (oldest + IP_WINDOW - now).num_seconds().max(1) as u64;
            return Err(AppError::TooManyRequests { retry_after_seconds: retry_after });
        }
    }
    let before_mine = failures_since_last_success(&txn, key, now, Some(mine.id)).await?;
    if paused_until(&before_mine, now).is_some() {
        // Refused attempts are not counted, so an attacker cannot stretch a pause.
        txn.rollback().await?;
        return Err(FormError::SignInPaused.into());
    }
    txn.commit().await?;
    Ok(Attempt { id: mine.id, key: key.to_owned() })
}

impl Attempt {
    /// The guess was wrong: it stays counted. Returns when the pause it started ends, if it did.
    pub async fn failed(self, state: &AppState) -> Result<Option<DateTime<Utc>>, AppError> {
        let now = state.now();
        Ok(paused_until(&failures_since_last_success(&state.db, &self.key, now, None).await?, now))
    }

    /// Signing in finished: the count for this email starts again.
    pub async fn succeeded(self, state: &AppState) -> Result<(), AppError> {
        sign_in_attempt::Entity::update_many()
            .col_expr(sign_in_attempt::Column::Succeeded, sea_orm::sea_query::Expr::value(true))
            .filter(sign_in_attempt::Column::Id.eq(self.id))
            .exec(&state.db)
            .await?;
        Ok(())
    }

    /// A right password that still awaits its second factor: neither a failure nor yet a success
    /// (knowing the password must not buy more code guesses by clearing the count).
    pub async fn not_counted(self, state: &AppState) -> Result<(), AppError> {
        sign_in_attempt::Entity::delete_by_id(self.id).exec(&state.db).await?;
        Ok(())
    }
}

/// When the pause on `key` ends, if it is paused now.
pub async fn paused_until_now(state: &AppState, key: &str) -> Result<Option<DateTime<Utc>>, AppError> {
    let now = state.now();
    Ok(paused_until(&failures_since_last_success(&state.db, key, now, None).await?, now))
}

async fn failures_since_last_success(
    db: &impl ConnectionTrait,
    key: &str,
    now: DateTime<Utc>,
    leaving_out: Option<i32>,
) -> Result<Vec<DateTime<Utc>>, AppError> {
    let mut query = sign_in_attempt::Entity::find()
        .filter(sign_in_attempt::Column::EmailKey.eq(key))
        .filter(sign_in_attempt::Column::At.gt(now - MEMORY));
    if let Some(id) = leaving_out {
        query = query.filter(sign_in_attempt::Column::Id.ne(id));
    }
    let rows =
        query.order_by_asc(sign_in_attempt::Column::At).order_by_asc(sign_in_attempt::Column::Id).all(db).await?;
    let after_success = rows.iter().rposition(|r| r.succeeded).map_or(0, |i| i + 1);
    Ok(rows[after_success..].iter().map(|r| r.at).collect())
}

/// Records a success that did not go through [`begin`] (a password reset, a finished recovery):
/// the count for this email starts again.
pub async fn record_success(state: &AppState, key: &str, ip: Option<&str>) -> Result<(), AppError> {
    sign_in_attempt::ActiveModel {
        email_key: Set(key.to_owned()),
        ip_address: Set(ip.map(str::to_owned)),
        succeeded: Set(true),
        at: Set(state.now()),
        ..Default::default()
    }
    .insert(&state.db)
    .await?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn at(minutes: i64) -> DateTime<Utc> {
        "2026-11-26T12:00:00Z".parse::<DateTime<Utc>>().unwrap() + Duration::minutes(minutes)
    }

    #[test]
    fn five_failures_pause_for_ten_minutes() {
        let four: Vec<_> = (0..4).map(at).collect();
        assert_eq!(paused_until(&four, at(4)), None);
        let five: Vec<_> = (0..5).map(at).collect();
        assert_eq!(paused_until(&five, at(5)), Some(at(14)));
        assert_eq!(paused_until(&five, at(14)), None, "the pause ends by itself");
    }

    #[test]
    fn each_further_pause_in_a_day_doubles_up_to_twelve_hours() {
        let mut failures: Vec<_> = (0..5).map(at).collect(); // pause until 14
        failures.extend((20..25).map(at)); // second pause: 20 minutes from 24
        assert_eq!(paused_until(&failures, at(25)), Some(at(44)));
        let many: Vec<_> = (0..60).map(|i| at(i * 1000)).collect();
        let until = paused_until(&many, at(59_000)).unwrap();
        assert_eq!(until - at(59_000), LONGEST_PAUSE);
    }

    #[test]
    fn never_more_than_a_hundred_failures_an_hour() {
        // Even if failures somehow arrived without pauses (e.g. rows from several app instances
        // racing), the hourly cap holds.
        let burst: Vec<_> = (0..100).map(|i| at(0) + Duration::seconds(i)).collect();
        let until = paused_until(&burst, at(2)).unwrap();
        assert!(until >= at(60), "{until}");
    }

    #[test]
    fn the_key_ignores_case_and_spaces_and_hides_the_address() {
        assert_eq!(email_key(" Maria@Example.com "), email_key("maria@example.com"));
        assert!(!email_key("maria@example.com").contains("maria"));
    }
}
