//! Housekeeping: rows no rule reads any more are deleted on a schedule, so the tables stay bounded
//! however long Portico runs. Each table is kept for as long as the rule that reads it looks back,
//! with a margin; the record of what happened (security events, the audit log, histories,
//! notices, notifications) is never swept. Every instance may sweep: a delete twice is harmless.

use crate::error::AppError;
use crate::server::entities::{
    caller_verification, email_token, limit_event, one_time_code, outbox_message, session, sign_in_attempt,
};
use crate::server::identity::sign_in_throttle;
use crate::server::AppState;
use chrono::Duration;
use sea_orm::{ColumnTrait, Condition, EntityTrait, QueryFilter};

/// Sessions, live ones last 12 hours at most (`session_policy`); an ended or expired one is kept a
/// month for the devices list's sake, then deleted.
pub const SESSIONS_KEPT: Duration = Duration::days(30);
/// Sign-in attempts: the throttle reads a day back, and a pause lasts 12 hours at most.
pub const ATTEMPTS_KEPT: Duration = Duration::hours(48);
/// Mailed links live 72 hours at most (a staff set-up link).
pub const TOKENS_KEPT: Duration = Duration::days(7);
/// One-time codes live minutes; their hourly counts read an hour back.
pub const CODES_KEPT: Duration = Duration::days(1);
/// A caller check lasts 30 minutes.
pub const CALLER_CHECKS_KEPT: Duration = Duration::days(1);
/// Delivered outbox messages (their idempotency keys keep a change from being sent twice while
/// its delivery may still be retried).
pub const DELIVERED_KEPT: Duration = Duration::days(30);

/// How many rows a sweep deleted, per table.
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub struct Swept {
    pub sessions: u64,
    pub sign_in_attempts: u64,
    pub limit_events: u64,
    pub email_tokens: u64,
    pub one_time_codes: u64,
    pub caller_verifications: u64,
    pub delivered_messages: u64,
}

impl Swept {
    pub fn total(&self) -> u64 {
        self.sessions
            + self.sign_in_attempts
            + self.limit_events
            + self.email_tokens
            + self.one_time_codes
            + self.caller_verifications
            + self.delivered_messages
    }
}

/// Deletes what no rule reads any more (see the figures above).
pub async fn sweep(state: &AppState) -> Result<Swept, AppError> {
    const {
        assert!(
            ATTEMPTS_KEPT.num_seconds()
                >= sign_in_throttle::MEMORY.num_seconds() + sign_in_throttle::LONGEST_PAUSE.num_seconds()
        )
    };
    let now = state.now();
    let db = &state.db;
    let sessions = session::Entity::delete_many()
        .filter(session::Column::CreatedAt.lt(now - SESSIONS_KEPT))
        .exec(db)
        .await?
        .rows_affected;
    let sign_in_attempts = sign_in_attempt::Entity::delete_many()
        .filter(sign_in_attempt::Column::At.lt(now - ATTEMPTS_KEPT))
        .exec(db)
        .await?
        .rows_affected;
    let limit_events = limit_event::Entity::delete_many()
        .filter(limit_event::Column::At.lt(now - crate::server::limits::LONGEST_WINDOW))
        .exec(db)
        .await?
        .rows_affected;
    let email_tokens = email_token::Entity::delete_many()
        .filter(email_token::Column::CreatedAt.lt(now - TOKENS_KEPT))
        .exec(db)
        .await?
        .rows_affected;
    let one_time_codes = one_time_code::Entity::delete_many()
        .filter(one_time_code::Column::CreatedAt.lt(now - CODES_KEPT))
        .exec(db)
        .await?
        .rows_affected;
    let caller_verifications = caller_verification::Entity::delete_many()
        .filter(caller_verification::Column::VerifiedAt.lt(now - CALLER_CHECKS_KEPT))
        .exec(db)
        .await?
        .rows_affected;
    let delivered_messages = outbox_message::Entity::delete_many()
        .filter(
            Condition::all()
                .add(outbox_message::Column::DeliveredAt.is_not_null())
                .add(outbox_message::Column::DeliveredAt.lt(now - DELIVERED_KEPT)),
        )
        .exec(db)
        .await?
        .rows_affected;
    Ok(Swept {
        sessions,
        sign_in_attempts,
        limit_events,
        email_tokens,
        one_time_codes,
        caller_verifications,
        delivered_messages,
    })
}
