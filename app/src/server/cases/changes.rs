//! How a case changes: an officer moves it to a status the workflow allows
//! (`domain::case_workflow`), asks for evidence, schedules an appointment, or decides. Each change
//! is one transaction: the case's new status (only if nobody changed it since the officer looked —
//! `cases.version`), its history entry, the notice in English and Spanish, the appointment, the
//! applicant's in-app notification, the outbox message that will mail them, and the audit entry.
//! Either all of it happens or none of it.

use crate::domain::office::{office, Office};
use crate::domain::{case_workflow, AppointmentId, AppointmentKind, CaseId, CaseStatus, NoticeId};
use crate::error::{AppError, FormError};
use crate::server::cases::notice_words;
use crate::server::entities::{account, appointment, case, case_event, notification};
use crate::server::identity::sessions::ActiveSession;
use crate::server::notify::live::News;
use crate::server::notify::outbox;
use crate::server::staff::audit::{self, AuditAction, AuditEntry};
use crate::server::AppState;
use chrono::{DateTime, Duration, NaiveDate, NaiveDateTime, TimeZone, Utc};
use sea_orm::sea_query::{Expr, ExprTrait};
use sea_orm::{ActiveModelTrait, ColumnTrait, EntityTrait, QueryFilter, Set};

/// A Request for Evidence is due this many days after it is sent unless the officer says
/// otherwise (USCIS's usual 84 days plus 3 for mailing).
pub const RFE_DEFAULT_DAYS: i64 = 87;
/// The latest due date an officer may set.
pub const RFE_LONGEST_DAYS: i64 = 365;
/// What an evidence request may say.
pub const EVIDENCE_REQUEST_CHARS: std::ops::RangeInclusive<usize> = 10..=4000;

/// What an officer does to a case.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Change {
    /// Any status the workflow allows next (without a notice-specific detail).
    Status(CaseStatus),
    /// Ask for evidence by a date.
    RequestEvidence { requested: String, due_on: NaiveDate },
    /// A biometrics or interview appointment at an office, at its local time.
    Schedule { kind: AppointmentKind, office: &'static Office, at: DateTime<Utc> },
    /// Approve, or deny with the reason.
    Decide { approve: bool, reason: Option<String> },
    /// Move an appointment to another time at the same place (`at` in the place's wall-clock
    /// time, `YYYY-MM-DDTHH:MM`; it must be in the future).
    MoveAppointment { appointment: AppointmentId, local: NaiveDateTime },
    /// Cancel an appointment, with the reason the notice gives.
    CancelAppointment { appointment: AppointmentId, reason: String },
}

impl Change {
    /// The status the case moves to; `None` when its status stays (an appointment moved or
    /// cancelled — except that a moved interview is "Interview Was Rescheduled"). `moving` is the
    /// kind of the appointment a move or cancellation is about.
    pub fn status(&self, moving: Option<AppointmentKind>) -> Option<CaseStatus> {
        Some(match self {
            Change::Status(status) => *status,
            Change::RequestEvidence { .. } => CaseStatus::RequestForEvidenceWasSent,
            Change::Schedule { kind: AppointmentKind::Biometrics, .. } => CaseStatus::BiometricsAppointmentWasScheduled,
            Change::Schedule { .. } => CaseStatus::InterviewWasScheduled,
            Change::Decide { approve: true, .. } => CaseStatus::CaseWasApproved,
            Change::Decide { approve: false, .. } => CaseStatus::CaseWasDenied,
            Change::MoveAppointment { .. } if moving == Some(AppointmentKind::Interview) => {
                CaseStatus::InterviewWasRescheduled
            }
            Change::MoveAppointment { .. } | Change::CancelAppointment { .. } => return None,
        })
    }

    /// A move from the form's fields.
    pub fn move_appointment(appointment: i32, local: &str) -> Result<Change, AppError> {
        let local =
            NaiveDateTime::parse_from_str(local.trim(), "%Y-%m-%dT%H:%M").map_err(|_| FormError::AppointmentInvalid)?;
        Ok(Change::MoveAppointment { appointment: AppointmentId(appointment), local })
    }

    /// A cancellation from the form's fields.
    pub fn cancel_appointment(appointment: i32, reason: &str) -> Result<Change, AppError> {
        Ok(Change::CancelAppointment { appointment: AppointmentId(appointment), reason: audit::reason(reason)? })
    }

    /// The kind of news it is for its applicant (their notification choice for it applies).
    pub fn news(&self) -> crate::domain::NotificationKind {
        use crate::domain::NotificationKind;
        match self {
            Change::Status(_) | Change::Decide { .. } => NotificationKind::StatusChange,
            Change::RequestEvidence { .. } => NotificationKind::Notice,
            Change::Schedule { .. } | Change::MoveAppointment { .. } | Change::CancelAppointment { .. } => {
                NotificationKind::Appointment
            }
        }
    }

    fn audit_action(&self) -> AuditAction {
        match self {
            Change::Status(_) => AuditAction::ChangeStatus,
            Change::RequestEvidence { .. } => AuditAction::RequestEvidence,
            Change::Schedule { .. } => AuditAction::ScheduleAppointment,
            Change::Decide { .. } => AuditAction::DecideCase,
            Change::MoveAppointment { .. } => AuditAction::MoveAppointment,
            Change::CancelAppointment { .. } => AuditAction::CancelAppointment,
        }
    }

    /// A Request for Evidence from the form's fields; an empty due date means the default.
    pub fn request_evidence(requested: &str, due_on: &str, today: NaiveDate) -> Result<Change, AppError> {
        let requested = requested.trim();
        if !EVIDENCE_REQUEST_CHARS.contains(&requested.chars().count()) {
            return Err(FormError::EvidenceRequestInvalid.into());
        }
        let due_on = match due_on.trim() {
            "" => today + Duration::days(RFE_DEFAULT_DAYS),
            typed => NaiveDate::parse_from_str(typed, "%Y-%m-%d").map_err(|_| FormError::DueDateInvalid)?,
        };
        if due_on <= today || due_on > today + Duration::days(RFE_LONGEST_DAYS) {
            return Err(FormError::DueDateInvalid.into());
        }
        Ok(Change::RequestEvidence { requested: requested.to_owned(), due_on })
    }

    /// An appointment from the form's fields: the time is the office's wall-clock time
    /// (`YYYY-MM-DDTHH:MM`, as `<input type="datetime-local">` sends it), and must be in the future.
    pub fn schedule(kind: &str, office_code: &str, local: &str, now: DateTime<Utc>) -> Result<Change, AppError> {
        let kind = match AppointmentKind::from_key(kind) {
            Ok(kind @ (AppointmentKind::Biometrics | AppointmentKind::Interview)) => kind,
            _ => return Err(FormError::AppointmentInvalid.into()),
        };
        let office = office(office_code).ok_or(FormError::AppointmentInvalid)?;
        let local =
            NaiveDateTime::parse_from_str(local.trim(), "%Y-%m-%dT%H:%M").map_err(|_| FormError::AppointmentInvalid)?;
        let at = wall_clock_time(office.time_zone, local, now)?;
        Ok(Change::Schedule { kind, office, at })
    }

    /// A decision from the form's fields: `approve` or `deny` (with its reason).
    pub fn decide(decision: &str, reason: &str) -> Result<Change, AppError> {
        match decision {
            "approve" => Ok(Change::Decide { approve: true, reason: None }),
            "deny" => {
                let reason = audit::reason(reason).map_err(|_| FormError::DecisionInvalid)?;
                Ok(Change::Decide { approve: false, reason: Some(reason) })
            }
            _ => Err(FormError::DecisionInvalid.into()),
        }
    }
}

/// `local` on the clocks of `time_zone`, as an instant that must be in the future. A time that
/// does not exist there (the spring-forward hour) is refused; one that exists twice (the fall-back
/// hour) is the first.
fn wall_clock_time(time_zone: &str, local: NaiveDateTime, now: DateTime<Utc>) -> Result<DateTime<Utc>, AppError> {
    let zone: chrono_tz::Tz = time_zone.parse().map_err(|_| FormError::AppointmentInvalid)?;
    let at = zone.from_local_datetime(&local).earliest().ok_or(FormError::AppointmentInvalid)?.with_timezone(&Utc);
    if at <= now {
        return Err(FormError::AppointmentInvalid.into());
    }
    Ok(at)
}

/// The appointment a move or cancellation is about: one of this case's, not cancelled, still
/// to come. Anything else is "not found".
async fn coming_appointment(
    state: &AppState,
    case_id: CaseId,
    id: AppointmentId,
) -> Result<appointment::Model, AppError> {
    appointment::Entity::find_by_id(id)
        .filter(appointment::Column::CaseId.eq(case_id))
        .filter(appointment::Column::CancelledAt.is_null())
        .one(&state.db)
        .await?
        .filter(|a| a.scheduled_at > state.now())
        .ok_or(AppError::NotFound)
}

/// What a change did.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ChangeMade {
    pub case_id: CaseId,
    pub status: CaseStatus,
    pub version: i32,
    pub notice_id: NoticeId,
}

/// An appointment a change moves or cancels, and (for a move) its new time.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AppointmentChange {
    pub appointment: appointment::Model,
    pub moved_to: Option<DateTime<Utc>>,
}

/// Makes `change` to the case `receipt`, which the officer saw at `seen_version`. Refused with
/// `CaseChanged` if anyone changed the case since, and with `StatusNotAllowed` if the workflow
/// does not let the new status follow the current one.
pub async fn apply(
    state: &AppState,
    officer: &ActiveSession,
    receipt: &str,
    seen_version: i32,
    change: Change,
) -> Result<ChangeMade, AppError> {
    let row = crate::server::cases::queries::case_by_receipt(state, receipt).await?;
    if row.version != seen_version {
        return Err(FormError::CaseChanged.into());
    }
    let now = state.now();
    let today = now.date_naive();
    let touched = match &change {
        Change::MoveAppointment { appointment, local } => {
            let found = coming_appointment(state, row.id, *appointment).await?;
            let at = wall_clock_time(&found.time_zone, *local, now)?;
            Some(AppointmentChange { appointment: found, moved_to: Some(at) })
        }
        Change::CancelAppointment { appointment, .. } => Some(AppointmentChange {
            appointment: coming_appointment(state, row.id, *appointment).await?,
            moved_to: None,
        }),
        _ => None,
    };
    let new_status = change.status(touched.as_ref().map(|t| t.appointment.kind));
    if new_status.is_some_and(|status| !case_workflow::may_follow(row.status, status)) {
        return Err(FormError::StatusNotAllowed.into());
    }
    let status = new_status.unwrap_or(row.status);
    // The record's account hears of the change only about a case it shows (a paper-filed case
    // joins it when its owner adds it, see `paper_cases`).
    let shown = !row.filed_on_paper || row.added_online_at.is_some();
    let owner = match shown {
        true => account::Entity::find().filter(account::Column::RecordId.eq(row.record_id)).one(&state.db).await?,
        false => None,
    };
    let words = notice_words::for_change(&change, &row, today, touched.as_ref());
    let tx = crate::server::begin_write(&state.db).await?;
    // The version in the condition is what makes two officers' changes exclusive: the second
    // finds no row at the version it saw, and nothing of its change is written.
    let mut update = case::Entity::update_many()
        .col_expr(case::Column::Version, Expr::col(case::Column::Version).add(1))
        .filter(case::Column::Id.eq(row.id));
    if new_status.is_some() {
        update = update
            .col_expr(case::Column::Status, Expr::value(status))
            .col_expr(case::Column::StatusUpdatedAt, Expr::value(now));
    }
    let updated = update.filter(case::Column::Version.eq(seen_version)).exec(&tx).await?;
    if updated.rows_affected != 1 {
        tx.rollback().await?;
        return Err(FormError::CaseChanged.into());
    }
    if new_status.is_some_and(case_workflow::is_decision) && case_workflow::is_open(row.status) {
        let days = (today - row.filed_on).num_days();
        super::estimates::record_decision(&tx, row.form_type, &row.office, days).await?;
    }
    if new_status.is_some() {
        case_event::append(&tx, row.id, status, now).await?;
    }
    if let Some(AppointmentChange { appointment, moved_to }) = &touched {
        let mut changed: appointment::ActiveModel = appointment.clone().into();
        match moved_to {
            Some(at) => changed.scheduled_at = Set(*at),
            None => changed.cancelled_at = Set(Some(now)),
        }
        changed.update(&tx).await?;
    }
    let due_on = match &change {
        Change::RequestEvidence { due_on, .. } => Some(*due_on),
        _ => None,
    };
    let issued = words.issue(&tx, row.id, today, due_on).await?;
    if let Change::Schedule { kind, office, at } = &change {
        appointment::ActiveModel {
            case_id: Set(row.id),
            kind: Set(*kind),
            scheduled_at: Set(*at),
            time_zone: Set(office.time_zone.to_owned()),
            place_name: Set(office.name.to_owned()),
            place_address: Set(office.address.to_owned()),
            place_code: Set(Some(office.code.to_owned())),
            ..Default::default()
        }
        .insert(&tx)
        .await?;
    }
    let version = seen_version + 1;
    if let Some(owner) = &owner {
        notification::ActiveModel {
            account_id: Set(owner.id),
            case_id: Set(row.id),
            status: Set(status),
            notice_id: Set(Some(issued.id)),
            created_at: Set(now),
            read_at: Set(None),
            ..Default::default()
        }
        .insert(&tx)
        .await?;
        let (mail, text) = crate::server::notify::choices::deliveries(&tx, owner, change.news()).await?;
        if mail {
            let message = outbox::Message::CaseUpdated { receipt: row.receipt_number.clone(), status };
            outbox::enqueue(&tx, now, owner.id, Some(row.id), &format!("case:{}:v{version}", row.id), &message).await?;
        }
        if text {
            let text = outbox::Message::CaseUpdatedText { receipt: row.receipt_number.clone(), status };
            let key = format!("case:{}:v{version}:text", row.id);
            outbox::enqueue(&tx, now, owner.id, Some(row.id), &key, &text).await?;
        }
    }
    let detail = match &change {
        Change::Status(_) | Change::Decide { approve: true, .. } => format!("{} → {}", row.status.key(), status.key()),
        Change::RequestEvidence { due_on, .. } => format!("{} → {}, due {due_on}", row.status.key(), status.key()),
        Change::Schedule { kind, office, at } => {
            format!("{} → {}, {} at {} {}", row.status.key(), status.key(), kind.key(), office.code, at.to_rfc3339())
        }
        Change::Decide { approve: false, .. } => format!("{} → {}", row.status.key(), status.key()),
        Change::MoveAppointment { appointment, .. } => format!(
            "appointment #{appointment} moved to {}",
            touched.as_ref().and_then(|t| t.moved_to).map(|at| at.to_rfc3339()).unwrap_or_default()
        ),
        Change::CancelAppointment { appointment, .. } => format!("appointment #{appointment} cancelled"),
    };
    audit::record(
        &tx,
        now,
        officer,
        AuditEntry {
            record_id: Some(row.record_id),
            case_id: Some(row.id),
            account_id: owner.as_ref().map(|o| o.id),
            reason: match &change {
                Change::Decide { reason, .. } => reason.clone(),
                Change::CancelAppointment { reason, .. } => Some(reason.clone()),
                _ => None,
            },
            detail: Some(detail),
            ..AuditEntry::new(change.audit_action())
        },
    )
    .await?;
    tx.commit().await?;
    if let Some(owner) = &owner {
        state.live.publish(&state.db, News::CasesChanged(owner.id)).await;
    }
    Ok(ChangeMade { case_id: row.id, status, version, notice_id: issued.id })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn today() -> NaiveDate {
        NaiveDate::from_ymd_opt(2026, 11, 27).expect("a date")
    }

    #[test]
    fn an_evidence_request_is_due_in_87_days_unless_the_officer_says_otherwise() {
        let change = Change::request_evidence("Proof of continuous residence since 2019.", "", today()).unwrap();
        assert_eq!(
            change,
            Change::RequestEvidence {
                requested: "Proof of continuous residence since 2019.".into(),
                due_on: NaiveDate::from_ymd_opt(2027, 2, 22).unwrap()
            }
        );
        assert!(Change::request_evidence("Proof of continuous residence.", "2027-01-05", today()).is_ok());
        for bad_date in ["2026-11-27", "2020-01-01", "2028-01-01", "soon"] {
            assert_eq!(
                Change::request_evidence("Proof of continuous residence.", bad_date, today()),
                Err(FormError::DueDateInvalid.into()),
                "{bad_date}"
            );
        }
        assert_eq!(Change::request_evidence("short", "", today()), Err(FormError::EvidenceRequestInvalid.into()));
    }

    #[test]
    fn an_appointment_is_at_the_offices_wall_clock_time_and_in_the_future() {
        let now = Utc.with_ymd_and_hms(2026, 11, 27, 12, 0, 0).unwrap();
        let Change::Schedule { at, office, .. } =
            Change::schedule("interview", "NYC", "2026-12-15T09:30", now).unwrap()
        else {
            panic!("a schedule")
        };
        assert_eq!(office.code, "NYC");
        // 09:30 in New York in December is 14:30 UTC.
        assert_eq!(at, Utc.with_ymd_and_hms(2026, 12, 15, 14, 30, 0).unwrap());
        let refused = Err(FormError::AppointmentInvalid.into());
        assert_eq!(Change::schedule("oath", "NYC", "2026-12-15T09:30", now), refused);
        assert_eq!(Change::schedule("interview", "XXX", "2026-12-15T09:30", now), refused);
        assert_eq!(Change::schedule("interview", "NYC", "2026-11-01T09:30", now), refused);
        // 02:30 on 2027-03-14 does not exist in New York.
        assert_eq!(Change::schedule("interview", "NYC", "2027-03-14T02:30", now), refused);
    }

    #[test]
    fn a_denial_needs_its_reason() {
        assert_eq!(Change::decide("approve", ""), Ok(Change::Decide { approve: true, reason: None }));
        assert_eq!(Change::decide("deny", ""), Err(FormError::DecisionInvalid.into()));
        assert_eq!(
            Change::decide("deny", "Not eligible: no qualifying relationship."),
            Ok(Change::Decide { approve: false, reason: Some("Not eligible: no qualifying relationship.".into()) })
        );
        assert_eq!(Change::decide("maybe", "x"), Err(FormError::DecisionInvalid.into()));
    }
}
