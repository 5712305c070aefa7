//! What an applicant reads about their cases, as read models built from domain types; the `api`
//! layer words and formats them in the reader's language (so a JSON API or an officer's console
//! can read the same). Every query starts from the record the viewer may read
//! (`access::readable_record`), so a handler cannot forget to scope it: a case of someone else is
//! indistinguishable from one that does not exist.

use crate::domain::{
    AppointmentId, AppointmentKind, CaseId, CaseStatus, FormType, NoticeId, NoticeType, ReceiptNumber,
};
use crate::error::AppError;
use crate::i18n::Localized;
use crate::server::cases::paper_cases::shown_online;
use crate::server::entities::{appointment, case, case_event, immigration_record, notice};
use crate::server::web::access::{self, Viewer};
use crate::server::AppState;
use chrono::{DateTime, Duration, NaiveDate, Utc};
use sea_orm::{ColumnTrait, EntityTrait, JoinType, QueryFilter, QueryOrder, QuerySelect};
use std::collections::HashMap;

/// How far ahead an appointment shows under "needs your attention".
pub const APPOINTMENT_ATTENTION_WINDOW: Duration = Duration::days(30);
/// How many notices the dashboard lists.
pub const LATEST_NOTICES: u64 = 5;
/// How many appointments a case's page lists.
const CASE_APPOINTMENTS: u64 = 20;

/// One case as it stands.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CaseRead {
    pub receipt_number: String,
    pub form: FormType,
    pub status: CaseStatus,
    pub status_updated_on: NaiveDate,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NoticeRead {
    pub id: NoticeId,
    pub receipt_number: String,
    pub notice_type: NoticeType,
    pub title: Localized,
    pub notice_date: NaiveDate,
    pub response_due_on: Option<NaiveDate>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AppointmentRead {
    pub id: AppointmentId,
    pub receipt_number: String,
    pub kind: AppointmentKind,
    pub scheduled_at: DateTime<Utc>,
    /// The place's IANA zone: times are shown as its clocks show them.
    pub time_zone: String,
    pub place_name: String,
    pub place_address: String,
    /// Whether its applicant may move it now (`rescheduling::may_reschedule`).
    pub reschedulable: bool,
}

/// Something the applicant must do or attend.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Attention {
    /// A case waits on the applicant (a Request for Evidence …), by `due` when a notice says so.
    Respond { receipt_number: String, status: CaseStatus, due: Option<NaiveDate> },
    /// An appointment within [`APPOINTMENT_ATTENTION_WINDOW`].
    Attend(AppointmentRead),
    /// USCIS answered an inquiry about the case and the answer is unread (`inquiries`).
    Answered { receipt_number: String, unread: u64 },
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DashboardRead {
    pub full_name: String,
    /// Most recently changed first.
    pub cases: Vec<CaseRead>,
    /// Soonest first.
    pub attention: Vec<Attention>,
    pub latest_notices: Vec<NoticeRead>,
    pub upcoming_appointments: Vec<AppointmentRead>,
}

/// A status a case passed through, and when.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct HistoryRead {
    pub status: CaseStatus,
    pub on: NaiveDate,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CaseDetailRead {
    pub case_id: CaseId,
    pub case: CaseRead,
    /// Oldest first: the order things happened in.
    pub history: Vec<HistoryRead>,
    pub notices: Vec<NoticeRead>,
    pub appointments: Vec<AppointmentRead>,
    /// For a pending case: how long its form takes at its office, when enough were decided.
    pub processing: Option<ProcessingRead>,
    /// Its inquiries (`inquiries`), the latest active first.
    pub inquiries: Vec<super::inquiries::InquiryLine>,
    /// It waits on the applicant's response to a request, or has had one (`evidence`).
    pub evidence: bool,
}

/// A pending case's processing-time estimate (`estimates`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ProcessingRead {
    pub office_name: String,
    /// `None` while too few cases were decided to say.
    pub estimate: Option<super::estimates::Estimate>,
    pub filed_on: NaiveDate,
}

/// Everything a notice's document says.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NoticeDocumentRead {
    pub case: CaseRead,
    pub notice: NoticeRead,
    pub body: Localized,
    pub applicant: String,
}

fn case_read(row: &case::Model) -> CaseRead {
    CaseRead {
        receipt_number: row.receipt_number.clone(),
        form: row.form_type,
        status: row.status,
        status_updated_on: row.status_updated_at.date_naive(),
    }
}

pub(crate) fn notice_read(row: &notice::Line, receipt: &str) -> NoticeRead {
    NoticeRead {
        id: row.id,
        receipt_number: receipt.to_owned(),
        notice_type: row.notice_type,
        title: Localized { en: row.title.clone(), es: row.title_es.clone() },
        notice_date: row.notice_date,
        response_due_on: row.response_due_on,
    }
}

pub(crate) fn appointment_read(row: &appointment::Model, receipt: &str, now: DateTime<Utc>) -> AppointmentRead {
    AppointmentRead {
        id: row.id,
        receipt_number: receipt.to_owned(),
        kind: row.kind,
        scheduled_at: row.scheduled_at,
        time_zone: row.time_zone.clone(),
        place_name: row.place_name.clone(),
        place_address: row.place_address.clone(),
        reschedulable: super::rescheduling::may_reschedule(row, now).is_ok(),
    }
}

/// The viewer's cases, what needs their attention, their latest notices and coming appointments;
/// `None` while the account is not linked to a record.
pub async fn dashboard(state: &AppState, viewer: &Viewer) -> Result<Option<DashboardRead>, AppError> {
    if let Some(memory) = &state.from_memory {
        return Ok(memory.dashboard.clone());
    }
    let Some(record_id) = access::readable_record(viewer)? else { return Ok(None) };
    // The cases with their record (its name) in one statement; the record alone only when no
    // case of it is shown.
    let of_record = case::Entity::belongs_to(immigration_record::Entity)
        .from(case::Column::RecordId)
        .to(immigration_record::Column::Id)
        .into();
    let joined = case::Entity::find()
        .join(JoinType::InnerJoin, of_record)
        .select_also(immigration_record::Entity)
        .filter(case::Column::RecordId.eq(record_id))
        .filter(shown_online())
        .order_by_desc(case::Column::StatusUpdatedAt)
        .all(&state.db)
        .await?;
    let full_name = match joined.first() {
        Some((_, Some(record))) => record.full_name.clone(),
        _ => match immigration_record::Entity::find_by_id(record_id).one(&state.db).await? {
            Some(record) => record.full_name,
            None => return Ok(None),
        },
    };
    let rows: Vec<case::Model> = joined.into_iter().map(|(row, _)| row).collect();
    let receipts: HashMap<CaseId, &str> = rows.iter().map(|c| (c.id, c.receipt_number.as_str())).collect();
    let receipt_of = |case_id: CaseId| receipts.get(&case_id).copied().unwrap_or_default();
    let case_ids: Vec<CaseId> = rows.iter().map(|c| c.id).collect();
    let now = state.now();
    let today = now.date_naive();

    let notices = notice::Entity::find()
        .filter(notice::Column::CaseId.is_in(case_ids.clone()))
        .order_by_desc(notice::Column::NoticeDate)
        .order_by_desc(notice::Column::Id)
        .into_partial_model::<notice::Line>()
        .all(&state.db)
        .await?;
    let appointments = appointment::Entity::find()
        .filter(appointment::Column::CaseId.is_in(case_ids))
        .filter(appointment::Column::CancelledAt.is_null())
        .filter(appointment::Column::ScheduledAt.gte(now))
        .order_by_asc(appointment::Column::ScheduledAt)
        .all(&state.db)
        .await?;

    let mut attention: Vec<(DateTime<Utc>, Attention)> = Vec::new();
    for row in rows.iter().filter(|row| row.status.needs_applicant_action()) {
        let due = notices
            .iter()
            .filter(|n| n.case_id == row.id)
            .filter_map(|n| n.response_due_on)
            .filter(|due| *due >= today)
            .min();
        let sort_key = due.and_then(|d| d.and_hms_opt(23, 59, 0)).map(|d| d.and_utc()).unwrap_or(now);
        attention.push((
            sort_key,
            Attention::Respond { receipt_number: row.receipt_number.clone(), status: row.status, due },
        ));
    }
    for a in appointments.iter().filter(|a| a.scheduled_at - now <= APPOINTMENT_ATTENTION_WINDOW) {
        attention.push((a.scheduled_at, Attention::Attend(appointment_read(a, receipt_of(a.case_id), now))));
    }
    if let Viewer::Applicant(session) = viewer {
        for (case_id, unread) in super::inquiries::unread_by_case(state, session.account_id).await? {
            let receipt_number = receipt_of(case_id).to_owned();
            if !receipt_number.is_empty() {
                attention.push((now, Attention::Answered { receipt_number, unread }));
            }
        }
    }
    attention.sort_by_key(|(when, _)| *when);

    Ok(Some(DashboardRead {
        full_name,
        cases: rows.iter().map(case_read).collect(),
        attention: attention.into_iter().map(|(_, item)| item).collect(),
        latest_notices: notices
            .iter()
            .take(LATEST_NOTICES as usize)
            .map(|n| notice_read(n, receipt_of(n.case_id)))
            .collect(),
        upcoming_appointments: appointments.iter().map(|a| appointment_read(a, receipt_of(a.case_id), now)).collect(),
    }))
}

/// The case with this receipt number, only if it belongs to the record the viewer may read:
/// someone else's case, a malformed number and no case at all are the same "not found".
async fn owned_case(state: &AppState, viewer: &Viewer, receipt: &str) -> Result<case::Model, AppError> {
    let record_id = access::readable_record(viewer)?.ok_or(AppError::NotFound)?;
    case_of_record(state, record_id, receipt).await
}

/// The case `receipt` of the record `record_id`, if the record's account is shown it.
pub(crate) async fn case_of_record(
    state: &AppState,
    record_id: crate::domain::RecordId,
    receipt: &str,
) -> Result<case::Model, AppError> {
    let receipt = ReceiptNumber::parse(receipt).map_err(|_| AppError::NotFound)?;
    case::Entity::find()
        .filter(case::Column::ReceiptNumber.eq(receipt.as_str()))
        .filter(case::Column::RecordId.eq(record_id))
        .filter(shown_online())
        .one(&state.db)
        .await?
        .ok_or(AppError::NotFound)
}

/// The case with this receipt number, whoever's it is — only for callers that have already
/// decided the asker may see any case (staff); a malformed number is "not found".
pub(crate) async fn case_by_receipt(state: &AppState, receipt: &str) -> Result<case::Model, AppError> {
    let receipt = ReceiptNumber::parse(receipt).map_err(|_| AppError::NotFound)?;
    case::Entity::find()
        .filter(case::Column::ReceiptNumber.eq(receipt.as_str()))
        .one(&state.db)
        .await?
        .ok_or(AppError::NotFound)
}

/// A case's history and its notices, both newest first: every list of past things on a page runs
/// in one order (appointments, which lie ahead, run soonest first).
pub(crate) async fn history_and_notices(
    state: &AppState,
    row: &case::Model,
) -> Result<(Vec<HistoryRead>, Vec<NoticeRead>), AppError> {
    let events = case_event::Entity::find()
        .filter(case_event::Column::CaseId.eq(row.id))
        .order_by_desc(case_event::Column::OccurredAt)
        .order_by_desc(case_event::Column::Id)
        .all(&state.db)
        .await?;
    let notices = notice::Entity::find()
        .filter(notice::Column::CaseId.eq(row.id))
        .order_by_desc(notice::Column::NoticeDate)
        .order_by_desc(notice::Column::Id)
        .into_partial_model::<notice::Line>()
        .all(&state.db)
        .await?;
    Ok((
        events.iter().map(|e| HistoryRead { status: e.status, on: e.occurred_at.date_naive() }).collect(),
        notices.iter().map(|n| notice_read(n, &row.receipt_number)).collect(),
    ))
}

/// One case with its whole history, its notices and appointments.
pub async fn case_detail(state: &AppState, viewer: &Viewer, receipt: &str) -> Result<CaseDetailRead, AppError> {
    let row = owned_case(state, viewer, receipt).await?;
    let (history, notices) = history_and_notices(state, &row).await?;
    let appointments = appointment::Entity::find()
        .filter(appointment::Column::CaseId.eq(row.id))
        .filter(appointment::Column::CancelledAt.is_null())
        .order_by_asc(appointment::Column::ScheduledAt)
        .limit(CASE_APPOINTMENTS)
        .all(&state.db)
        .await?;
    Ok(CaseDetailRead {
        case_id: row.id,
        history,
        notices,
        appointments: appointments.iter().map(|a| appointment_read(a, &row.receipt_number, state.now())).collect(),
        processing: match crate::domain::case_workflow::is_open(row.status) {
            true => Some(ProcessingRead {
                office_name: crate::domain::office::office(&row.office)
                    .map_or(row.office.clone(), |o| o.name.to_owned()),
                estimate: super::estimates::estimate(&state.db, row.form_type, &row.office).await?,
                filed_on: row.filed_on,
            }),
            false => None,
        },
        inquiries: super::inquiries::of_case(state, row.id).await?,
        evidence: super::evidence::awaits_response(row.status)
            || crate::server::entities::evidence_response::Entity::find()
                .filter(crate::server::entities::evidence_response::Column::CaseId.eq(row.id))
                .one(&state.db)
                .await?
                .is_some(),
        case: case_read(&row),
    })
}

/// One notice of one case, only if the case belongs to the record the viewer may read (anything
/// else is "not found", as for case pages).
pub async fn notice_document(
    state: &AppState,
    viewer: &Viewer,
    receipt: &str,
    notice_id: NoticeId,
) -> Result<NoticeDocumentRead, AppError> {
    let row = owned_case(state, viewer, receipt).await?;
    let found = notice::Entity::find_by_id(notice_id)
        .filter(notice::Column::CaseId.eq(row.id))
        .one(&state.db)
        .await?
        .ok_or(AppError::NotFound)?;
    let record =
        immigration_record::Entity::find_by_id(row.record_id).one(&state.db).await?.ok_or(AppError::NotFound)?;
    Ok(NoticeDocumentRead {
        notice: notice_read(&(&found).into(), &row.receipt_number),
        body: Localized { en: found.body, es: found.body_es },
        applicant: record.full_name,
        case: case_read(&row),
    })
}
