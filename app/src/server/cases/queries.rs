//! The applicant's side of cases. Every query here starts from the signed-in account's linked
//! record, so a handler cannot forget to scope it: a case of someone else is indistinguishable
//! from one that does not exist.

use crate::api::cases::{
    AppointmentSummary, AttentionItem, CaseDetail, CaseSummary, Dashboard, HistoryEntry, NoticeSummary,
};
use crate::error::AppError;
use crate::domain::{CaseStatus, FormType, ReceiptNumber};
use crate::i18n::{Lang, T};
use crate::server::entities::{appointment, case, case_event, immigration_record, notice};
use crate::server::web::access::{self, Viewer};
use crate::server::AppState;
use chrono::{DateTime, Duration, NaiveDate, Utc};
use sea_orm::{ColumnTrait, EntityTrait, QueryFilter, QueryOrder, QuerySelect};
use std::collections::HashMap;

/// How far ahead an appointment shows under "needs your attention".
pub const APPOINTMENT_ATTENTION_WINDOW: Duration = Duration::days(30);
/// How many notices the dashboard lists.
pub const LATEST_NOTICES: u64 = 5;

pub fn format_date(lang: Lang, date: NaiveDate) -> String {
    lang.format_date(date)
}

/// An appointment's time as the clock on the wall of the place shows it (`time_zone` is the
/// place's IANA zone); an unknown zone falls back to UTC, labelled as such.
pub fn format_time(lang: Lang, at: DateTime<Utc>, time_zone: &str) -> String {
    let (date, clock) = match time_zone.parse::<chrono_tz::Tz>() {
        Ok(tz) => {
            let local = at.with_timezone(&tz);
            (local.date_naive(), local.format("%-I:%M %p %Z").to_string())
        }
        Err(_) => (at.date_naive(), at.format("%-I:%M %p UTC").to_string()),
    };
    T(lang).fmt("case.date_at_time", &[("date", &lang.format_date(date)), ("time", &clock)])
}

fn reader_lang(viewer: &Viewer) -> Lang {
    viewer.signed_in().map(|s| s.lang).unwrap_or_default()
}

/// A stored status key as a status; a key the catalog does not know is an internal error.
fn status_of(key: &str) -> Result<CaseStatus, AppError> {
    CaseStatus::from_key(key).map_err(|e| crate::server::internal_error("case status", e))
}

fn summary(lang: Lang, row: &case::Model) -> Result<CaseSummary, AppError> {
    let status = status_of(&row.status)?;
    let form = FormType::parse(&row.form_type).map_err(|e| crate::server::internal_error("form type", e))?;
    Ok(CaseSummary {
        receipt_number: row.receipt_number.clone(),
        form_code: form.code().to_owned(),
        form_title: form.title(lang).to_owned(),
        status_title: status.title(lang).to_owned(),
        stage: status.stage(),
        status_date: format_date(lang, row.status_updated_at.date_naive()),
        needs_action: status.needs_applicant_action(),
    })
}

fn notice_summary(lang: Lang, row: &notice::Model, receipt: &str) -> NoticeSummary {
    NoticeSummary {
        receipt_number: receipt.to_owned(),
        pdf_path: crate::routes::notice(receipt, row.id),
        notice_type: row.notice_type.clone(),
        title: row.title_in(lang).to_owned(),
        notice_date: format_date(lang, row.notice_date),
        response_due: row.response_due_on.map(|due| format_date(lang, due)),
    }
}

fn appointment_summary(lang: Lang, row: &appointment::Model, receipt: &str) -> AppointmentSummary {
    AppointmentSummary {
        receipt_number: receipt.to_owned(),
        kind: appointment_kind_label(lang, &row.kind).to_owned(),
        when: format_time(lang, row.scheduled_at, &row.time_zone),
        place_name: row.place_name.clone(),
        place_address: row.place_address.clone(),
    }
}

pub fn appointment_kind_label(lang: Lang, kind: &str) -> &'static str {
    let t = T(lang);
    match kind {
        "biometrics" => t.get("appointment.biometrics"),
        "interview" => t.get("appointment.interview"),
        "oath" => t.get("appointment.oath"),
        _ => t.get("appointment.other"),
    }
}

pub async fn dashboard_for(state: &AppState, viewer: &Viewer) -> Result<Option<Dashboard>, AppError> {
    let Some(record_id) = access::readable_record(viewer)? else { return Ok(None) };
    let lang = reader_lang(viewer);
    let Some(record) = immigration_record::Entity::find_by_id(record_id).one(&state.db).await? else {
        return Ok(None);
    };
    let rows = case::Entity::find()
        .filter(case::Column::RecordId.eq(record_id))
        .order_by_desc(case::Column::StatusUpdatedAt)
        .all(&state.db)
        .await?;
    let receipts: HashMap<i32, String> = rows.iter().map(|c| (c.id, c.receipt_number.clone())).collect();
    let case_ids: Vec<i32> = rows.iter().map(|c| c.id).collect();
    let now = state.now();
    let today = now.date_naive();

    let notices = notice::Entity::find()
        .filter(notice::Column::CaseId.is_in(case_ids.clone()))
        .order_by_desc(notice::Column::NoticeDate)
        .order_by_desc(notice::Column::Id)
        .all(&state.db)
        .await?;
    let appointments = appointment::Entity::find()
        .filter(appointment::Column::CaseId.is_in(case_ids))
        .filter(appointment::Column::ScheduledAt.gte(now))
        .order_by_asc(appointment::Column::ScheduledAt)
        .all(&state.db)
        .await?;

    let mut attention: Vec<(DateTime<Utc>, AttentionItem)> = Vec::new();
    for row in &rows {
        let status = status_of(&row.status)?;
        if !status.needs_applicant_action() {
            continue;
        }
        let due = notices
            .iter()
            .filter(|n| n.case_id == row.id)
            .filter_map(|n| n.response_due_on)
            .filter(|due| *due >= today)
            .min();
        let message = match due {
            Some(due) => T(lang)
                .fmt("attention.respond_by", &[("status", status.title(lang)), ("date", &format_date(lang, due))]),
            None => T(lang).fmt("attention.read_notice", &[("status", status.title(lang))]),
        };
        let sort_key = due.and_then(|d| d.and_hms_opt(23, 59, 0)).map(|d| d.and_utc()).unwrap_or(now);
        attention.push((sort_key, AttentionItem { receipt_number: row.receipt_number.clone(), message }));
    }
    for a in appointments.iter().filter(|a| a.scheduled_at - now <= APPOINTMENT_ATTENTION_WINDOW) {
        let receipt = receipts.get(&a.case_id).cloned().unwrap_or_default();
        let message = T(lang).fmt(
            "attention.appointment",
            &[
                ("kind", appointment_kind_label(lang, &a.kind)),
                ("when", &format_time(lang, a.scheduled_at, &a.time_zone)),
                ("place", &a.place_name),
            ],
        );
        attention.push((a.scheduled_at, AttentionItem { receipt_number: receipt, message }));
    }
    attention.sort_by_key(|(when, _)| *when);

    Ok(Some(Dashboard {
        full_name: record.full_name,
        cases: rows.iter().map(|row| summary(lang, row)).collect::<Result<_, _>>()?,
        attention: attention.into_iter().map(|(_, item)| item).collect(),
        latest_notices: notices
            .iter()
            .take(LATEST_NOTICES as usize)
            .map(|n| notice_summary(lang, n, receipts.get(&n.case_id).map(String::as_str).unwrap_or_default()))
            .collect(),
        upcoming_appointments: appointments
            .iter()
            .map(|a| appointment_summary(lang, a, receipts.get(&a.case_id).map(String::as_str).unwrap_or_default()))
            .collect(),
    }))
}

/// The case with this receipt number, only if it belongs to the signed-in account's record:
/// someone else's case, a malformed number and no case at all are the same "not found".
async fn owned_case(state: &AppState, viewer: &Viewer, receipt: &str) -> Result<case::Model, AppError> {
    let record_id = access::readable_record(viewer)?.ok_or(AppError::NotFound)?;
    let receipt = ReceiptNumber::parse(receipt).map_err(|_| AppError::NotFound)?;
    case::Entity::find()
        .filter(case::Column::ReceiptNumber.eq(receipt.as_str()))
        .filter(case::Column::RecordId.eq(record_id))
        .one(&state.db)
        .await?
        .ok_or(AppError::NotFound)
}

/// One case with its whole history, only if it belongs to the signed-in account's record.
pub async fn case_for(state: &AppState, viewer: &Viewer, receipt: &str) -> Result<CaseDetail, AppError> {
    let lang = reader_lang(viewer);
    let row = owned_case(state, viewer, receipt).await?;
    let events = case_event::Entity::find()
        .filter(case_event::Column::CaseId.eq(row.id))
        .order_by_asc(case_event::Column::OccurredAt)
        .order_by_asc(case_event::Column::Id)
        .all(&state.db)
        .await?;
    let notices = notice::Entity::find()
        .filter(notice::Column::CaseId.eq(row.id))
        .order_by_desc(notice::Column::NoticeDate)
        .all(&state.db)
        .await?;
    let appointments = appointment::Entity::find()
        .filter(appointment::Column::CaseId.eq(row.id))
        .order_by_asc(appointment::Column::ScheduledAt)
        .limit(20)
        .all(&state.db)
        .await?;
    let summary = summary(lang, &row)?;
    let status = status_of(&row.status)?;
    let description = status.describe(lang, &summary.status_date, &summary.receipt_number, &summary.form_code);
    let history = events
        .iter()
        .map(|event| {
            let status = status_of(&event.status)?;
            let date = format_date(lang, event.occurred_at.date_naive());
            Ok(HistoryEntry {
                status_title: status.title(lang).to_owned(),
                stage: status.stage(),
                description: status.describe(lang, &date, &summary.receipt_number, &summary.form_code),
                date,
            })
        })
        .collect::<Result<Vec<_>, AppError>>()?;
    Ok(CaseDetail {
        notices: notices.iter().map(|n| notice_summary(lang, n, &row.receipt_number)).collect(),
        appointments: appointments.iter().map(|a| appointment_summary(lang, a, &row.receipt_number)).collect(),
        summary,
        description,
        history,
    })
}

/// A notice as a PDF file, ready to send.
pub struct NoticePdf {
    pub file_name: String,
    pub bytes: Vec<u8>,
}

/// One notice of one case as a PDF in the session's language, only if the case belongs to the
/// signed-in account's record (anything else is "not found", as for case pages).
pub async fn notice_pdf_for(
    state: &AppState,
    viewer: &Viewer,
    receipt: &str,
    notice_id: i32,
) -> Result<NoticePdf, AppError> {
    let lang = reader_lang(viewer);
    let t = T(lang);
    let row = owned_case(state, viewer, receipt).await?;
    let notice = notice::Entity::find_by_id(notice_id)
        .filter(notice::Column::CaseId.eq(row.id))
        .one(&state.db)
        .await?
        .ok_or(AppError::NotFound)?;
    let record =
        immigration_record::Entity::find_by_id(row.record_id).one(&state.db).await?.ok_or(AppError::NotFound)?;
    let form = FormType::parse(&row.form_type).map_err(|e| crate::server::internal_error("form type", e))?;
    let mut fields = vec![
        (t.get("notice.receipt").to_owned(), row.receipt_number.clone()),
        (t.get("notice.case_type").to_owned(), format!("{} — {}", form.code(), form.title(lang))),
        (t.get("notice.date").to_owned(), format_date(lang, notice.notice_date)),
        (t.get("notice.applicant").to_owned(), record.full_name.clone()),
    ];
    if let Some(due) = notice.response_due_on {
        fields.push((t.get("notice.respond_by").to_owned(), format_date(lang, due)));
    }
    let document = crate::server::cases::notice_pdf::NoticeDocument {
        lang,
        title: notice.title_in(lang).to_owned(),
        kind_line: t.fmt("notice.kind_line", &[("type", &notice.notice_type)]),
        fields,
        body: notice.body_in(lang).to_owned(),
        footer: t.fmt("notice.footer", &[("date", &format_date(lang, state.now().date_naive()))]),
    };
    Ok(NoticePdf {
        file_name: format!("{}-{}-{}.pdf", notice.notice_type, row.receipt_number, notice.notice_date),
        bytes: crate::server::cases::notice_pdf::render(&document),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn appointment_times_follow_the_place_and_daylight_saving() {
        let winter = "2027-01-15T15:30:00Z".parse().unwrap();
        let summer = "2027-07-15T15:30:00Z".parse().unwrap();
        let en = Lang::En;
        assert_eq!(format_time(en, winter, "America/New_York"), "January 15, 2027 at 10:30 AM EST");
        assert_eq!(format_time(en, summer, "America/New_York"), "July 15, 2027 at 11:30 AM EDT");
        assert_eq!(format_time(en, summer, "America/Los_Angeles"), "July 15, 2027 at 8:30 AM PDT");
        assert_eq!(format_time(en, summer, "Mars/Olympus"), "July 15, 2027 at 3:30 PM UTC");
        assert_eq!(format_time(Lang::Es, summer, "America/Los_Angeles"), "15 de julio de 2027, 8:30 AM PDT");
        assert_eq!(format_date(en, NaiveDate::from_ymd_opt(2025, 3, 3).unwrap()), "March 3, 2025");
    }
}
