//! An applicant moves their own biometrics or interview appointment to an open slot at the same
//! place or a nearby one (`domain::office::Place::may_move_to`), giving a reason. The rules live
//! here: [`may_reschedule`] says whether an appointment may move at all, [`offered`] which slots it
//! may move to; [`reschedule`] checks both again inside the move.
//!
//! A move is one transaction: the new slot's seat is taken by a conditional update
//! (`booked < capacity`: of two applicants racing for the last seat, the second updates no row and
//! is told the time was just taken), the appointment is updated only if it is still as it was read
//! (so the same appointment cannot be moved twice at once past the limit), the old slot's seat is
//! freed, the case's version moves (an officer's form opened before the move is refused as
//! changed), a moved interview makes the case "Interview Was Rescheduled", and a new appointment
//! notice is issued in both languages. The owner is mailed and their open pages are told.

use crate::domain::office::{place, Place};
use crate::domain::{case_workflow, AppointmentId, AppointmentKind, CaseStatus};
use crate::error::{AppError, FormError};
use crate::server::cases::notice_words;
use crate::server::cases::queries::{self, AppointmentRead};
use crate::server::entities::{account, appointment, appointment_slot, case, case_event};
use crate::server::identity::sessions::ActiveSession;
use crate::server::notify::live::News;
use crate::server::notify::messages::identity::Mail;
use crate::server::AppState;
use chrono::{DateTime, Duration, Utc};
use sea_orm::sea_query::{Expr, ExprTrait};
use sea_orm::{ColumnTrait, EntityTrait, QueryFilter, QueryOrder, QuerySelect};

/// No move within this long before the appointment (nor to a slot starting sooner than this).
pub const MIN_NOTICE: Duration = Duration::hours(12);
/// How many times an applicant may move one appointment.
pub const MAX_RESCHEDULES: i32 = 2;
/// How far ahead the page offers slots.
pub const SLOTS_AHEAD: Duration = Duration::days(60);
/// How many of each place's soonest open slots the page lists.
pub const SLOTS_PER_PLACE: u64 = 12;

/// Whether the applicant may move `appointment` at `now`, and if so the place it is at. Only
/// biometrics and interviews at a known place move online; not within [`MIN_NOTICE`] of it, and at
/// most [`MAX_RESCHEDULES`] times.
pub fn may_reschedule(appointment: &appointment::Model, now: DateTime<Utc>) -> Result<&'static Place, FormError> {
    let at_known_place = appointment.place_code.as_deref().and_then(place);
    let place = match (appointment.kind, at_known_place) {
        (AppointmentKind::Biometrics | AppointmentKind::Interview, Some(place))
            if appointment.cancelled_at.is_none() =>
        {
            place
        }
        _ => return Err(FormError::RescheduleNotOffered),
    };
    if appointment.scheduled_at - now < MIN_NOTICE {
        return Err(FormError::RescheduleTooLate);
    }
    if appointment.times_rescheduled >= MAX_RESCHEDULES {
        return Err(FormError::RescheduleLimitReached);
    }
    Ok(place)
}

/// Whether `slot` is one `appointment` (at `from`) may move to at `now`: the same kind, a nearby
/// place, far enough ahead and not too far, not the slot (or the place and time) it already has —
/// `SlotInvalid` otherwise — and a seat left (`SlotTaken`: someone was quicker).
fn may_take(
    slot: &appointment_slot::Model,
    appointment: &appointment::Model,
    from: &Place,
    now: DateTime<Utc>,
) -> Result<&'static Place, FormError> {
    let to = place(&slot.place_code).ok_or(FormError::SlotInvalid)?;
    let fits = slot.kind == appointment.kind
        && from.may_move_to(to, appointment.kind)
        && slot.starts_at - now >= MIN_NOTICE
        && slot.starts_at - now <= SLOTS_AHEAD
        && Some(slot.id) != appointment.slot_id
        && !(Some(to.code) == appointment.place_code.as_deref() && slot.starts_at == appointment.scheduled_at);
    match (fits, slot.booked < slot.capacity) {
        (false, _) => Err(FormError::SlotInvalid),
        (true, false) => Err(FormError::SlotTaken),
        (true, true) => Ok(to),
    }
}

/// An open time the appointment may move to.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SlotRead {
    pub id: i32,
    pub place: &'static Place,
    pub starts_at: DateTime<Utc>,
    pub seats_left: i32,
}

/// What the reschedule page shows.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RescheduleRead {
    pub appointment: AppointmentRead,
    pub moves_left: i32,
    /// By place (the appointment's own first, then the others nearby), each soonest first.
    pub slots: Vec<(&'static Place, Vec<SlotRead>)>,
}

/// The viewer's own appointment `id` of their case `receipt`, not cancelled and still to come;
/// anything else (someone else's, a malformed receipt) is "not found".
async fn own_appointment(
    state: &AppState,
    session: &ActiveSession,
    receipt: &str,
    id: AppointmentId,
) -> Result<(case::Model, appointment::Model), AppError> {
    let record_id = session.record_id.ok_or(AppError::NotFound)?;
    let row = queries::case_of_record(state, record_id, receipt).await?;
    let found = appointment::Entity::find_by_id(id)
        .filter(appointment::Column::CaseId.eq(row.id))
        .filter(appointment::Column::CancelledAt.is_null())
        .one(&state.db)
        .await?
        .filter(|a| a.scheduled_at > state.now())
        .ok_or(AppError::NotFound)?;
    Ok((row, found))
}

/// The slots `appointment` (at `from`) may move to, by place (its own first), soonest first.
async fn offered(
    state: &AppState,
    appointment: &appointment::Model,
    from: &'static Place,
) -> Result<Vec<(&'static Place, Vec<SlotRead>)>, AppError> {
    let now = state.now();
    let places = std::iter::once(from).chain(from.nearby(appointment.kind).filter(|p| p.code != from.code));
    let mut offered = Vec::new();
    for place in places.filter(|p| p.holds.contains(&appointment.kind)) {
        let rows = appointment_slot::Entity::find()
            .filter(appointment_slot::Column::Kind.eq(appointment.kind))
            .filter(appointment_slot::Column::PlaceCode.eq(place.code))
            .filter(appointment_slot::Column::StartsAt.gte(now + MIN_NOTICE))
            .filter(appointment_slot::Column::StartsAt.lte(now + SLOTS_AHEAD))
            .filter(Expr::col(appointment_slot::Column::Booked).lt(Expr::col(appointment_slot::Column::Capacity)))
            .order_by_asc(appointment_slot::Column::StartsAt)
            .order_by_asc(appointment_slot::Column::Id)
            .limit(SLOTS_PER_PLACE + 1)
            .all(&state.db)
            .await?;
        let slots: Vec<SlotRead> = rows
            .iter()
            .filter_map(|slot| {
                may_take(slot, appointment, from, now).ok().map(|place| SlotRead {
                    id: slot.id,
                    place,
                    starts_at: slot.starts_at,
                    seats_left: slot.capacity - slot.booked,
                })
            })
            .take(SLOTS_PER_PLACE as usize)
            .collect();
        if !slots.is_empty() {
            offered.push((place, slots));
        }
    }
    Ok(offered)
}

/// The reschedule page of the viewer's appointment: refused with the rule's reason when it may
/// not move.
pub async fn options(
    state: &AppState,
    session: &ActiveSession,
    receipt: &str,
    id: AppointmentId,
) -> Result<RescheduleRead, AppError> {
    let (row, found) = own_appointment(state, session, receipt, id).await?;
    let from = may_reschedule(&found, state.now())?;
    Ok(RescheduleRead {
        appointment: queries::appointment_read(&found, &row.receipt_number, state.now()),
        moves_left: MAX_RESCHEDULES - found.times_rescheduled,
        slots: offered(state, &found, from).await?,
    })
}

/// Moves the viewer's appointment `id` of case `receipt` to `slot_id`, for `reason`.
pub async fn reschedule(
    state: &AppState,
    session: &ActiveSession,
    receipt: &str,
    id: AppointmentId,
    slot_id: i32,
    reason: &str,
) -> Result<AppointmentRead, AppError> {
    let (row, found) = own_appointment(state, session, receipt, id).await?;
    let now = state.now();
    let from = may_reschedule(&found, now)?;
    let reason = crate::server::staff::audit::reason(reason)?;
    let slot = appointment_slot::Entity::find_by_id(slot_id).one(&state.db).await?.ok_or(FormError::SlotInvalid)?;
    let to = may_take(&slot, &found, from, now)?;
    let new_status = (found.kind == AppointmentKind::Interview
        && case_workflow::may_follow(row.status, CaseStatus::InterviewWasRescheduled))
    .then_some(CaseStatus::InterviewWasRescheduled);
    let words = notice_words::for_reschedule(&row, now.date_naive(), found.kind, new_status, slot.starts_at, to);

    let tx = crate::server::begin_write(&state.db).await?;
    let seat = appointment_slot::Entity::update_many()
        .col_expr(appointment_slot::Column::Booked, Expr::col(appointment_slot::Column::Booked).add(1))
        .filter(appointment_slot::Column::Id.eq(slot.id))
        .filter(Expr::col(appointment_slot::Column::Booked).lt(Expr::col(appointment_slot::Column::Capacity)))
        .exec(&tx)
        .await?;
    if seat.rows_affected != 1 {
        tx.rollback().await?;
        return Err(FormError::SlotTaken.into());
    }
    let moved = appointment::Entity::update_many()
        .col_expr(appointment::Column::ScheduledAt, Expr::value(slot.starts_at))
        .col_expr(appointment::Column::TimeZone, Expr::value(to.time_zone))
        .col_expr(appointment::Column::PlaceName, Expr::value(to.name))
        .col_expr(appointment::Column::PlaceAddress, Expr::value(to.address))
        .col_expr(appointment::Column::PlaceCode, Expr::value(to.code))
        .col_expr(appointment::Column::SlotId, Expr::value(slot.id))
        .col_expr(appointment::Column::TimesRescheduled, Expr::col(appointment::Column::TimesRescheduled).add(1))
        .col_expr(appointment::Column::RescheduleReason, Expr::value(reason))
        .filter(appointment::Column::Id.eq(found.id))
        .filter(appointment::Column::TimesRescheduled.eq(found.times_rescheduled))
        .filter(appointment::Column::ScheduledAt.eq(found.scheduled_at))
        .filter(appointment::Column::CancelledAt.is_null())
        .exec(&tx)
        .await?;
    if moved.rows_affected != 1 {
        tx.rollback().await?;
        return Err(FormError::CaseChanged.into());
    }
    if let Some(old) = found.slot_id {
        appointment_slot::Entity::update_many()
            .col_expr(appointment_slot::Column::Booked, Expr::col(appointment_slot::Column::Booked).sub(1))
            .filter(appointment_slot::Column::Id.eq(old))
            .filter(appointment_slot::Column::Booked.gt(0))
            .exec(&tx)
            .await?;
    }
    let mut case_update = case::Entity::update_many()
        .col_expr(case::Column::Version, Expr::col(case::Column::Version).add(1))
        .filter(case::Column::Id.eq(row.id));
    if let Some(status) = new_status {
        case_update = case_update
            .col_expr(case::Column::Status, Expr::value(status))
            .col_expr(case::Column::StatusUpdatedAt, Expr::value(now));
        case_event::append(&tx, row.id, status, now).await?;
    }
    case_update.exec(&tx).await?;
    words.issue(&tx, row.id, now.date_naive(), None).await?;
    tx.commit().await?;
    tracing::info!(
        case = row.id.0,
        appointment = found.id.0,
        slot = slot.id,
        "appointment rescheduled by its applicant"
    );

    let after = appointment::Entity::find_by_id(found.id).one(&state.db).await?.ok_or(AppError::NotFound)?;
    if let Some(owner) = account::Entity::find_by_id(session.account_id).one(&state.db).await? {
        let mail = Mail::AppointmentRescheduled {
            receipt: row.receipt_number.clone(),
            kind: found.kind,
            at: slot.starts_at,
            time_zone: to.time_zone.to_owned(),
            place: to.name.to_owned(),
        };
        state.mailer.notify_owner(&owner, mail).await;
    }
    state.live.publish(&state.db, News::CasesChanged(session.account_id)).await;
    Ok(queries::appointment_read(&after, &row.receipt_number, now))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::CaseId;

    fn at(hours_from_now: i64, now: DateTime<Utc>) -> appointment::Model {
        appointment::Model {
            id: AppointmentId(1),
            case_id: CaseId(1),
            kind: AppointmentKind::Biometrics,
            scheduled_at: now + Duration::hours(hours_from_now),
            time_zone: "America/Los_Angeles".into(),
            place_name: "Los Angeles Application Support Center".into(),
            place_address: "3000 Wilshire Blvd".into(),
            cancelled_at: None,
            place_code: Some("LAA".into()),
            slot_id: None,
            times_rescheduled: 0,
            reschedule_reason: None,
        }
    }

    #[test]
    fn an_appointment_moves_until_twelve_hours_before_and_twice_at_most() {
        let now = Utc::now();
        assert_eq!(may_reschedule(&at(13, now), now).map(|p| p.code), Ok("LAA"));
        assert_eq!(may_reschedule(&at(12, now), now).map(|p| p.code), Ok("LAA"), "exactly 12 hours ahead still moves");
        assert_eq!(may_reschedule(&at(11, now), now), Err(FormError::RescheduleTooLate));
        let twice = appointment::Model { times_rescheduled: MAX_RESCHEDULES, ..at(48, now) };
        assert_eq!(may_reschedule(&twice, now), Err(FormError::RescheduleLimitReached));
        let oath = appointment::Model { kind: AppointmentKind::Oath, ..at(48, now) };
        assert_eq!(may_reschedule(&oath, now), Err(FormError::RescheduleNotOffered));
        let elsewhere = appointment::Model { place_code: None, ..at(48, now) };
        assert_eq!(may_reschedule(&elsewhere, now), Err(FormError::RescheduleNotOffered));
    }

    #[test]
    fn a_slot_must_be_nearby_open_of_the_kind_and_far_enough_ahead() {
        let now = Utc::now();
        let appointment = at(48, now);
        let from = place("LAA").unwrap();
        let slot = |code: &str, kind, hours: i64, booked| appointment_slot::Model {
            id: 7,
            place_code: code.into(),
            kind,
            starts_at: now + Duration::hours(hours),
            capacity: 2,
            booked,
        };
        let bio = AppointmentKind::Biometrics;
        assert_eq!(may_take(&slot("SAA", bio, 72, 1), &appointment, from, now).map(|p| p.code), Ok("SAA"));
        assert_eq!(may_take(&slot("SAA", bio, 72, 2), &appointment, from, now), Err(FormError::SlotTaken), "full");
        assert_eq!(
            may_take(&slot("HIA", bio, 72, 0), &appointment, from, now),
            Err(FormError::SlotInvalid),
            "not nearby"
        );
        assert_eq!(
            may_take(&slot("LOS", AppointmentKind::Interview, 72, 0), &appointment, from, now),
            Err(FormError::SlotInvalid),
            "kind"
        );
        assert_eq!(
            may_take(&slot("LAA", bio, 11, 0), &appointment, from, now),
            Err(FormError::SlotInvalid),
            "too soon"
        );
        assert_eq!(
            may_take(&slot("LAA", bio, 24 * 61, 0), &appointment, from, now),
            Err(FormError::SlotInvalid),
            "too far ahead"
        );
        assert_eq!(
            may_take(&slot("LAA", bio, 48, 0), &appointment, from, now),
            Err(FormError::SlotInvalid),
            "the time it already has"
        );
        let same_time_elsewhere = may_take(&slot("SAA", bio, 48, 0), &appointment, from, now).map(|p| p.code);
        assert_eq!(same_time_elsewhere, Ok("SAA"), "the same time at another place is a move");
    }
}
