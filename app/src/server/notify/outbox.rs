//! The transactional outbox. A change that must reach the applicant writes its message here in the
//! same transaction as the change itself, so a message exists exactly when the change does; a
//! worker (`deliver_due`, run by every instance) mails it afterwards. A failed delivery never undoes
//! the change: the message is retried with growing pauses, and one that keeps failing is logged as
//! stuck. Each message is claimed before it is sent — with `FOR UPDATE SKIP LOCKED` on PostgreSQL,
//! by a conditional update on SQLite — so instances never send the same one together, and its
//! idempotency key keeps a retried change from queuing it twice.

use crate::domain::{AccountId, CaseId, CaseStatus, InquiryId};
use crate::error::AppError;
use crate::server::cases::reminders::{Ahead, Reminded};
use crate::server::entities::{account, outbox_message};
use crate::server::notify::messages::cases::CaseMail;
use crate::server::AppState;
use chrono::{DateTime, Duration, Utc};
use sea_orm::sea_query::{Expr, OnConflict};
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, DbBackend, EntityTrait, FromQueryResult, QueryFilter, QueryOrder,
    QuerySelect, Set, Statement,
};
use serde::{Deserialize, Serialize};

/// How long a worker holds a claimed message before another may take it over (a worker that died
/// mid-send).
pub const CLAIM_LEASE: Duration = Duration::minutes(2);
/// Messages one pass claims at most.
pub const BATCH: u64 = 20;
/// After this many failed attempts a message is reported as stuck (it is still retried).
pub const STUCK_AFTER: i32 = 5;

/// The pause before the next attempt after `attempts` failures: 30 s, doubling, at most an hour.
pub fn backoff(attempts: i32) -> Duration {
    let seconds = 30i64.saturating_mul(1i64 << attempts.clamp(0, 20));
    Duration::seconds(seconds.min(3600))
}

/// What a message says, stored as JSON.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum Message {
    CaseUpdated {
        receipt: String,
        status: CaseStatus,
    },
    /// The same news as a text, to the owner's confirmed phone (when they chose texts).
    CaseUpdatedText {
        receipt: String,
        status: CaseStatus,
    },
    /// Staff answered an inquiry (`inquiry` of case `receipt`): mailed without the answer.
    InquiryAnswered {
        receipt: String,
        inquiry: InquiryId,
    },
    InquiryAnsweredText {
        receipt: String,
    },
    /// A reminder (`cases::reminders`); `mail: false` records a reminder handled for an owner who
    /// chose not to be mailed (it is sent once, whatever they choose).
    Reminder {
        receipt: String,
        ahead: Ahead,
        reminded: Reminded,
        mail: bool,
    },
    ReminderText {
        receipt: String,
        ahead: Ahead,
        reminded: Reminded,
    },
}

impl Message {
    fn kind(&self) -> &'static str {
        match self {
            Message::CaseUpdated { .. } => "case_updated",
            Message::CaseUpdatedText { .. } => "case_updated_text",
            Message::InquiryAnswered { .. } => "inquiry_answered",
            Message::InquiryAnsweredText { .. } => "inquiry_answered_text",
            Message::Reminder { .. } => "reminder",
            Message::ReminderText { .. } => "reminder_text",
        }
    }
}

/// Queues `message` for `account_id` on `db` (the change's transaction). A second message with
/// the same `key` is not queued.
pub async fn enqueue(
    db: &impl ConnectionTrait,
    now: DateTime<Utc>,
    account_id: AccountId,
    case_id: Option<CaseId>,
    key: &str,
    message: &Message,
) -> Result<(), AppError> {
    let payload =
        serde_json::to_string(message).map_err(|e| crate::server::internal_error("writing an outbox message", e))?;
    // A key already queued is left as it is: `ON CONFLICT DO NOTHING`, so two writers racing with
    // the same key (two instances queuing one reminder) queue it once, and neither fails (on
    // PostgreSQL a failed insert would abort the writer's whole transaction).
    let row = outbox_message::ActiveModel {
        idempotency_key: Set(key.to_owned()),
        kind: Set(message.kind().to_owned()),
        account_id: Set(account_id),
        case_id: Set(case_id),
        payload: Set(payload),
        created_at: Set(now),
        attempts: Set(0),
        next_attempt_at: Set(now),
        claimed_until: Set(None),
        delivered_at: Set(None),
        last_error: Set(None),
        ..Default::default()
    };
    outbox_message::Entity::insert(row)
        .on_conflict(OnConflict::column(outbox_message::Column::IdempotencyKey).do_nothing().to_owned())
        .exec_without_returning(db)
        .await?;
    Ok(())
}

/// What one pass of the worker did.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Pass {
    pub delivered: usize,
    pub failed: usize,
}

#[derive(Debug, FromQueryResult)]
struct ClaimedId {
    id: i32,
}

/// Claims the messages due now; the ones returned are this worker's until the lease ends.
async fn claim(state: &AppState, now: DateTime<Utc>) -> Result<Vec<outbox_message::Model>, AppError> {
    let until = now + CLAIM_LEASE;
    let ids: Vec<i32> = if state.db.get_database_backend() == DbBackend::Postgres {
        let statement = Statement::from_sql_and_values(
            DbBackend::Postgres,
            "UPDATE outbox SET claimed_until = $1 WHERE id IN (
                 SELECT id FROM outbox
                 WHERE delivered_at IS NULL AND next_attempt_at <= $2
                   AND (claimed_until IS NULL OR claimed_until < $2)
                 ORDER BY id LIMIT $3
                 FOR UPDATE SKIP LOCKED)
             RETURNING id",
            [until.into(), now.into(), (BATCH as i64).into()],
        );
        ClaimedId::find_by_statement(statement).all(&state.db).await?.into_iter().map(|c| c.id).collect()
    } else {
        let due: Vec<i32> = outbox_message::Entity::find()
            .select_only()
            .column(outbox_message::Column::Id)
            .filter(outbox_message::Column::DeliveredAt.is_null())
            .filter(outbox_message::Column::NextAttemptAt.lte(now))
            .filter(
                sea_orm::Condition::any()
                    .add(outbox_message::Column::ClaimedUntil.is_null())
                    .add(outbox_message::Column::ClaimedUntil.lt(now)),
            )
            .order_by_asc(outbox_message::Column::Id)
            .limit(BATCH)
            .into_tuple()
            .all(&state.db)
            .await?;
        let mut claimed = Vec::new();
        for id in due {
            let taken = outbox_message::Entity::update_many()
                .col_expr(outbox_message::Column::ClaimedUntil, Expr::value(until))
                .filter(outbox_message::Column::Id.eq(id))
                .filter(outbox_message::Column::DeliveredAt.is_null())
                .filter(
                    sea_orm::Condition::any()
                        .add(outbox_message::Column::ClaimedUntil.is_null())
                        .add(outbox_message::Column::ClaimedUntil.lt(now)),
                )
                .exec(&state.db)
                .await?;
            if taken.rows_affected == 1 {
                claimed.push(id);
            }
        }
        claimed
    };
    Ok(outbox_message::Entity::find()
        .filter(outbox_message::Column::Id.is_in(ids))
        .order_by_asc(outbox_message::Column::Id)
        .all(&state.db)
        .await?)
}

/// Messages not delivered yet, and among them those that failed [`STUCK_AFTER`] times or more
/// (for the operators' metrics).
pub async fn backlog(state: &AppState) -> Result<(u64, u64), AppError> {
    use sea_orm::PaginatorTrait;
    let waiting = outbox_message::Entity::find().filter(outbox_message::Column::DeliveredAt.is_null());
    let stuck = waiting.clone().filter(outbox_message::Column::Attempts.gte(STUCK_AFTER));
    Ok((waiting.count(&state.db).await?, stuck.count(&state.db).await?))
}

/// Sends what is due. Run every few seconds by each instance.
pub async fn deliver_due(state: &AppState) -> Result<Pass, AppError> {
    let now = state.now();
    let mut pass = Pass::default();
    for message in claim(state, now).await? {
        let outcome = send(state, &message).await;
        let mut settled: outbox_message::ActiveModel = message.clone().into();
        settled.claimed_until = Set(None);
        match outcome {
            Ok(()) => {
                settled.delivered_at = Set(Some(state.now()));
                pass.delivered += 1;
                crate::server::metrics::outbox_delivery("delivered");
            }
            Err(error) => {
                let attempts = message.attempts + 1;
                settled.attempts = Set(attempts);
                settled.next_attempt_at = Set(state.now() + backoff(attempts));
                settled.last_error = Set(Some(error.chars().take(500).collect()));
                pass.failed += 1;
                crate::server::metrics::outbox_delivery("failed");
                if attempts >= STUCK_AFTER {
                    tracing::error!(id = message.id, attempts, %error, "outbox message stuck: it keeps failing to send");
                } else {
                    tracing::warn!(id = message.id, attempts, %error, "outbox message not sent; will retry");
                }
            }
        }
        settled.update(&state.db).await?;
    }
    Ok(pass)
}

async fn send(state: &AppState, message: &outbox_message::Model) -> Result<(), String> {
    let parsed: Message = serde_json::from_str(&message.payload).map_err(|e| format!("unreadable message: {e}"))?;
    let owner = account::Entity::find_by_id(message.account_id)
        .one(&state.db)
        .await
        .map_err(|e| e.to_string())?
        .ok_or("the account is gone")?;
    match parsed {
        Message::CaseUpdated { receipt, status } => {
            let rendered = CaseMail::Updated {
                case_url: format!("{}{}", state.config.public_url, crate::routes::case(&receipt)),
                receipt,
                status,
            }
            .render(owner.lang());
            state.mailer.send_rendered(&owner.email, owner.lang(), rendered).await
        }
        Message::CaseUpdatedText { receipt, status } => {
            let words = crate::server::notify::messages::cases::case_updated_text(&receipt, status, owner.lang());
            text(state, &owner, &words).await
        }
        Message::InquiryAnswered { receipt, inquiry } => {
            let link = format!("{}{}", state.config.public_url, crate::routes::inquiry(&receipt, inquiry));
            let mail = crate::server::notify::messages::identity::Mail::InquiryAnswered { receipt, link };
            state.mailer.send(&owner.email, owner.lang(), &mail).await
        }
        Message::InquiryAnsweredText { receipt } => {
            text(state, &owner, &crate::server::notify::messages::cases::inquiry_answered_text(&receipt, owner.lang()))
                .await
        }
        Message::Reminder { mail: false, .. } => Ok(()),
        Message::Reminder { receipt, ahead, reminded, mail: true } => {
            let rendered = CaseMail::Reminder {
                case_url: format!("{}{}", state.config.public_url, crate::routes::case(&receipt)),
                receipt,
                ahead,
                reminded,
            }
            .render(owner.lang());
            state.mailer.send_rendered(&owner.email, owner.lang(), rendered).await
        }
        Message::ReminderText { receipt, ahead, reminded } => {
            let words = crate::server::notify::messages::cases::reminder_text(&receipt, ahead, &reminded, owner.lang());
            text(state, &owner, &words).await
        }
    }
}

/// A text to the owner's phone as it is now: one removed since the news was queued gets nothing.
async fn text(state: &AppState, owner: &account::Model, words: &str) -> Result<(), String> {
    let Some(phone) = owner.verified_phone() else { return Ok(()) };
    crate::server::notify::sms::send_limited_words(state, phone, words).await.map_err(|e| e.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn retries_wait_longer_each_time_up_to_an_hour() {
        assert_eq!(backoff(1), Duration::seconds(60));
        assert_eq!(backoff(2), Duration::seconds(120));
        assert!(backoff(3) > backoff(2));
        assert_eq!(backoff(10), Duration::hours(1));
        assert_eq!(backoff(i32::MAX), Duration::hours(1));
    }

    #[test]
    fn messages_round_trip_as_json() {
        let message = Message::CaseUpdated { receipt: "IOE0912345601".into(), status: CaseStatus::CaseWasApproved };
        let text = serde_json::to_string(&message).unwrap();
        assert!(text.contains("\"kind\":\"case_updated\""), "{text}");
        assert_eq!(serde_json::from_str::<Message>(&text).unwrap(), message);
    }
}
