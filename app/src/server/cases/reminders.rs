//! Reminders: 7 days and 1 day before a response is due (a Request for Evidence) or an appointment,
//! sent by the owner's choice for reminders (`notify::choices`) — mail, text, both, or none (the
//! dashboard lists both under "Needs your attention" anyway).
//!
//! **Sent once each, with any number of instances.** Every instance runs [`send_due`] each minute;
//! a reminder is a message in the outbox under a key naming what it reminds of and which reminder
//! it is (`reminder:notice:<id>:7d`; an appointment's key holds its time too, so a moved appointment
//! is reminded of again at its new time). The key is unique in the table and inserted with
//! `ON CONFLICT DO NOTHING`, so two instances sweeping at the same moment queue it once, and the
//! outbox's claim sends it once. Keys stay [`housekeeping::DELIVERED_KEPT`] (30 days), longer than
//! the week a reminder can be due in, so a sweep never sends one again.
//!
//! A reminder found late is still sent, but only the one that fits: an appointment booked for
//! tomorrow gets the 1-day reminder, not both. A response already sent (the case no longer waits
//! on the applicant) or a cancelled appointment gets none.

use crate::domain::{AccountId, AppointmentKind, CaseId, NotificationKind, RecordId};
use crate::error::AppError;
use crate::server::cases::paper_cases::shown_online;
use crate::server::entities::{account, appointment, case, notice, outbox_message};
use crate::server::notify::{choices, outbox};
use crate::server::AppState;
use chrono::{DateTime, Duration, NaiveDate, Utc};
use sea_orm::{ColumnTrait, EntityTrait, QueryFilter, QuerySelect};
use serde::{Deserialize, Serialize};
use std::collections::{HashMap, HashSet};

/// The first reminder, this long before.
pub const FIRST: Duration = Duration::days(7);
/// The last reminder, this long before.
pub const LAST: Duration = Duration::days(1);

/// Which of the two reminders.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Ahead {
    Week,
    Day,
}

impl Ahead {
    pub fn key(self) -> &'static str {
        match self {
            Ahead::Week => "7d",
            Ahead::Day => "1d",
        }
    }
}

/// The reminder due for something `left` away: the last within [`LAST`], the first within
/// [`FIRST`], none once it has passed or while it is further.
pub fn due(left: Duration) -> Option<Ahead> {
    if left <= Duration::zero() {
        None
    } else if left <= LAST {
        Some(Ahead::Day)
    } else if left <= FIRST {
        Some(Ahead::Week)
    } else {
        None
    }
}

/// A response due on `due_on` is due by the end of that day (UTC).
pub fn response_deadline(due_on: NaiveDate) -> DateTime<Utc> {
    (due_on + Duration::days(1)).and_hms_opt(0, 0, 0).expect("midnight exists").and_utc()
}

/// The most values one statement of the sweep carries in a list (PostgreSQL takes 65,535 in all,
/// SQLite 32,766).
pub const IN_CHUNK: usize = 1000;

/// What a reminder is about.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "about", rename_all = "snake_case")]
pub enum Reminded {
    Response { due_on: NaiveDate },
    Appointment { kind: AppointmentKind, at: DateTime<Utc>, time_zone: String, place: String },
}

/// One reminder to queue.
struct Due {
    key: String,
    account_id: AccountId,
    case_id: CaseId,
    receipt: String,
    ahead: Ahead,
    reminded: Reminded,
}

/// Queues every reminder due now that is not queued yet; returns how many were queued.
pub async fn send_due(state: &AppState) -> Result<usize, AppError> {
    let now = state.now();
    let today = now.date_naive();
    let notices = notice::Entity::find()
        .filter(notice::Column::ResponseDueOn.gte(today))
        .filter(notice::Column::ResponseDueOn.lte(today + FIRST))
        .all(&state.db)
        .await?;
    let appointments = appointment::Entity::find()
        .filter(appointment::Column::CancelledAt.is_null())
        .filter(appointment::Column::ScheduledAt.gt(now))
        .filter(appointment::Column::ScheduledAt.lte(now + FIRST))
        .all(&state.db)
        .await?;
    let case_ids: Vec<CaseId> = notices
        .iter()
        .map(|n| n.case_id)
        .chain(appointments.iter().map(|a| a.case_id))
        .collect::<HashSet<_>>()
        .into_iter()
        .collect();
    if case_ids.is_empty() {
        return Ok(0);
    }
    // Every list of values below goes a chunk at a time: a busy week has more appointments than
    // one statement may carry values (found at five million cases, where every sweep failed).
    let mut cases: HashMap<CaseId, case::Model> = HashMap::new();
    for chunk in case_ids.chunks(IN_CHUNK) {
        let found = case::Entity::find()
            .filter(case::Column::Id.is_in(chunk.iter().copied()))
            .filter(shown_online())
            .all(&state.db)
            .await?;
        cases.extend(found.into_iter().map(|c| (c.id, c)));
    }
    let record_ids: Vec<RecordId> = cases.values().map(|c| c.record_id).collect::<HashSet<_>>().into_iter().collect();
    let mut owners: HashMap<RecordId, account::Model> = HashMap::new();
    for chunk in record_ids.chunks(IN_CHUNK) {
        let found = account::Entity::find()
            .filter(account::Column::RecordId.is_in(chunk.iter().copied()))
            .all(&state.db)
            .await?;
        owners.extend(found.into_iter().filter_map(|a| Some((a.record_id?, a))));
    }
    let owner_of = |case_id: CaseId| cases.get(&case_id).and_then(|c| Some((c, owners.get(&c.record_id)?)));

    let mut wanted: Vec<(Due, &account::Model)> = Vec::new();
    for n in &notices {
        let (Some((row, owner)), Some(due_on)) = (owner_of(n.case_id), n.response_due_on) else { continue };
        if !row.status.needs_applicant_action() {
            continue;
        }
        let Some(ahead) = due(response_deadline(due_on) - now) else { continue };
        let due = Due {
            key: format!("reminder:notice:{}:{}", n.id, ahead.key()),
            account_id: owner.id,
            case_id: row.id,
            receipt: row.receipt_number.clone(),
            ahead,
            reminded: Reminded::Response { due_on },
        };
        wanted.push((due, owner));
    }
    for a in &appointments {
        let Some((row, owner)) = owner_of(a.case_id) else { continue };
        let Some(ahead) = due(a.scheduled_at - now) else { continue };
        let due = Due {
            key: format!("reminder:appointment:{}:{}:{}", a.id, a.scheduled_at.timestamp(), ahead.key()),
            account_id: owner.id,
            case_id: row.id,
            receipt: row.receipt_number.clone(),
            ahead,
            reminded: Reminded::Appointment {
                kind: a.kind,
                at: a.scheduled_at,
                time_zone: a.time_zone.clone(),
                place: a.place_name.clone(),
            },
        };
        wanted.push((due, owner));
    }

    // One read for the keys already queued, so a sweep with nothing new writes nothing.
    let keys: Vec<String> = wanted.iter().map(|(d, _)| d.key.clone()).collect();
    let mut queued: HashSet<String> = HashSet::new();
    for chunk in keys.chunks(IN_CHUNK) {
        let found: Vec<String> = outbox_message::Entity::find()
            .select_only()
            .column(outbox_message::Column::IdempotencyKey)
            .filter(outbox_message::Column::IdempotencyKey.is_in(chunk.iter().cloned()))
            .into_tuple()
            .all(&state.db)
            .await?;
        queued.extend(found);
    }
    let mut sent = 0;
    for (due, owner) in wanted.into_iter().filter(|(d, _)| !queued.contains(&d.key)) {
        let (mail, text) = choices::deliveries(&state.db, owner, NotificationKind::Reminder).await?;
        // The mail's key is the reminder's own: with nothing to mail, a marker of the same key
        // records that this reminder was handled.
        let message = outbox::Message::Reminder {
            receipt: due.receipt.clone(),
            ahead: due.ahead,
            reminded: due.reminded.clone(),
            mail,
        };
        outbox::enqueue(&state.db, now, due.account_id, Some(due.case_id), &due.key, &message).await?;
        if text {
            let text = outbox::Message::ReminderText { receipt: due.receipt, ahead: due.ahead, reminded: due.reminded };
            outbox::enqueue(&state.db, now, due.account_id, Some(due.case_id), &format!("{}:text", due.key), &text)
                .await?;
        }
        sent += 1;
    }
    Ok(sent)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_week_and_the_day_before_and_nothing_after() {
        assert_eq!(due(Duration::days(8)), None);
        assert_eq!(due(Duration::days(7)), Some(Ahead::Week));
        assert_eq!(due(Duration::days(2)), Some(Ahead::Week));
        assert_eq!(due(Duration::hours(24)), Some(Ahead::Day));
        assert_eq!(due(Duration::minutes(5)), Some(Ahead::Day));
        assert_eq!(due(Duration::zero()), None);
        assert_eq!(due(Duration::hours(-3)), None);
    }

    #[test]
    fn a_sent_reminder_is_remembered_longer_than_it_can_be_due() {
        assert!(crate::server::housekeeping::DELIVERED_KEPT > FIRST + LAST);
    }

    #[test]
    fn a_response_is_due_by_the_end_of_its_day() {
        let due_on = NaiveDate::from_ymd_opt(2027, 2, 6).unwrap();
        assert_eq!(response_deadline(due_on).to_rfc3339(), "2027-02-07T00:00:00+00:00");
    }
}
