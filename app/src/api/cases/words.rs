//! Cases in words: the read models of `server::cases::queries` as the views pages show and as
//! the words of a notice's PDF, in the reader's language. Dates and times are formatted here and
//! nowhere earlier.

use super::{AppointmentSummary, AttentionItem, CaseDetail, CaseSummary, Dashboard, HistoryEntry, NoticeSummary};
use crate::i18n::{Lang, T};
use crate::server::cases::notice_pdf::NoticeDocument;
use crate::server::cases::queries::{
    AppointmentRead, Attention, CaseDetailRead, CaseRead, DashboardRead, NoticeDocumentRead, NoticeRead, ProcessingRead,
};
use chrono::NaiveDate;

pub fn format_date(lang: Lang, date: NaiveDate) -> String {
    lang.format_date(date)
}

fn summary(lang: Lang, case: &CaseRead) -> CaseSummary {
    CaseSummary {
        receipt_number: case.receipt_number.clone(),
        form_code: case.form.code().to_owned(),
        form_title: case.form.title(lang).to_owned(),
        status_title: case.status.title(lang).to_owned(),
        stage: case.status.stage(),
        status_date: format_date(lang, case.status_updated_on),
        needs_action: case.status.needs_applicant_action(),
    }
}

fn notice(lang: Lang, notice: &NoticeRead) -> NoticeSummary {
    NoticeSummary {
        receipt_number: notice.receipt_number.clone(),
        pdf_path: crate::routes::notice(&notice.receipt_number, notice.id),
        notice_type: notice.notice_type.code().to_owned(),
        title: notice.title.get(lang).to_owned(),
        notice_date: format_date(lang, notice.notice_date),
        response_due: notice.response_due_on.map(|due| format_date(lang, due)),
    }
}

fn appointment(lang: Lang, a: &AppointmentRead) -> AppointmentSummary {
    AppointmentSummary {
        receipt_number: a.receipt_number.clone(),
        kind: T(lang).get(a.kind.label_key()).to_owned(),
        when: lang.format_place_time(a.scheduled_at, &a.time_zone),
        place_name: a.place_name.clone(),
        place_address: a.place_address.clone(),
        reschedule_path: a.reschedulable.then(|| crate::routes::reschedule(&a.receipt_number, a.id)),
    }
}

fn attention(lang: Lang, item: &Attention) -> AttentionItem {
    let t = T(lang);
    match item {
        Attention::Respond { receipt_number, status, due: Some(due) } => AttentionItem {
            receipt_number: receipt_number.clone(),
            message: t.fmt(
                key!("attention.respond_by"),
                &[("status", status.title(lang)), ("date", &format_date(lang, *due))],
            ),
        },
        Attention::Respond { receipt_number, status, due: None } => AttentionItem {
            receipt_number: receipt_number.clone(),
            message: t.fmt(key!("attention.read_notice"), &[("status", status.title(lang))]),
        },
        Attention::Attend(a) => AttentionItem {
            receipt_number: a.receipt_number.clone(),
            message: t.fmt(
                key!("attention.appointment"),
                &[
                    ("kind", t.get(a.kind.label_key())),
                    ("when", &lang.format_place_time(a.scheduled_at, &a.time_zone)),
                    ("place", &a.place_name),
                ],
            ),
        },
        Attention::Answered { receipt_number, unread } => AttentionItem {
            receipt_number: receipt_number.clone(),
            message: t.fmt(key!("attention.inquiry_answered"), &[("count", &unread.to_string())]),
        },
    }
}

/// The dashboard in `lang`.
pub fn dashboard(read: &DashboardRead, lang: Lang) -> Dashboard {
    Dashboard {
        full_name: read.full_name.clone(),
        cases: read.cases.iter().map(|c| summary(lang, c)).collect(),
        attention: read.attention.iter().map(|a| attention(lang, a)).collect(),
        latest_notices: read.latest_notices.iter().map(|n| notice(lang, n)).collect(),
        upcoming_appointments: read.upcoming_appointments.iter().map(|a| appointment(lang, a)).collect(),
    }
}

/// One case's page in `lang`.
pub fn case_detail(read: &CaseDetailRead, lang: Lang) -> CaseDetail {
    let summary = summary(lang, &read.case);
    let description =
        read.case.status.describe(lang, &summary.status_date, &summary.receipt_number, &summary.form_code);
    let history = read
        .history
        .iter()
        .map(|entry| {
            let date = format_date(lang, entry.on);
            HistoryEntry {
                status_title: entry.status.title(lang).to_owned(),
                stage: entry.status.stage(),
                description: entry.status.describe(lang, &date, &summary.receipt_number, &summary.form_code),
                date,
            }
        })
        .collect();
    CaseDetail {
        notices: read.notices.iter().map(|n| notice(lang, n)).collect(),
        appointments: read.appointments.iter().map(|a| appointment(lang, a)).collect(),
        processing: read.processing.as_ref().map(|p| processing(lang, p, &summary.form_code)),
        inquiries: super::inquiries::summaries(&read.inquiries, &summary.receipt_number, lang),
        inquiry_path: crate::routes::inquiries(&summary.receipt_number),
        evidence_path: read.evidence.then(|| crate::routes::evidence(&summary.receipt_number)),
        summary,
        description,
        history,
    }
}

/// A pending case's processing time in sentences: the estimate, what it rests on and when the case
/// is outside normal processing time — or that too few cases were decided to say.
fn processing(lang: Lang, read: &ProcessingRead, form: &str) -> Vec<String> {
    use crate::server::cases::estimates::SHARE_PERCENT;
    let t = T(lang);
    let office = read.office_name.as_str();
    let Some(estimate) = read.estimate else {
        return vec![t.fmt(key!("case.processing_unknown"), &[("form", form), ("office", office)])];
    };
    let months = match estimate.within_months() {
        1 => t.get(key!("common.months_one")).to_owned(),
        n => t.fmt(key!("common.months"), &[("count", &n.to_string())]),
    };
    vec![
        t.fmt(
            key!("case.processing_estimate"),
            &[("percent", &SHARE_PERCENT.to_string()), ("form", form), ("office", office), ("months", &months)],
        ),
        t.fmt(key!("case.processing_based_on"), &[("count", &estimate.decided.to_string())]),
        t.fmt(key!("case.processing_inquiry"), &[("date", &lang.format_date(estimate.inquiry_from(read.filed_on)))]),
    ]
}

/// The words of a notice's PDF in `lang`, and the file's name; `today` is the day it is made.
pub fn notice_document(read: &NoticeDocumentRead, lang: Lang, today: NaiveDate) -> (NoticeDocument, String) {
    let t = T(lang);
    let n = &read.notice;
    let mut fields = vec![
        (t.get(key!("notice.receipt")).to_owned(), read.case.receipt_number.clone()),
        (
            t.get(key!("notice.case_type")).to_owned(),
            format!("{} — {}", read.case.form.code(), read.case.form.title(lang)),
        ),
        (t.get(key!("notice.date")).to_owned(), format_date(lang, n.notice_date)),
        (t.get(key!("notice.applicant")).to_owned(), read.applicant.clone()),
    ];
    if let Some(due) = n.response_due_on {
        fields.push((t.get(key!("notice.respond_by")).to_owned(), format_date(lang, due)));
    }
    let document = NoticeDocument {
        lang,
        title: n.title.get(lang).to_owned(),
        kind_line: t.fmt(key!("notice.kind_line"), &[("type", n.notice_type.code())]),
        fields,
        body: read.body.get(lang).to_owned(),
        footer: t.fmt(key!("notice.footer"), &[("date", &format_date(lang, today))]),
    };
    let file_name = format!("{}-{}-{}.pdf", n.notice_type.code(), read.case.receipt_number, n.notice_date);
    (document, file_name)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn appointment_times_follow_the_place_and_daylight_saving() {
        let winter = "2027-01-15T15:30:00Z".parse().unwrap();
        let summer = "2027-07-15T15:30:00Z".parse().unwrap();
        let en = Lang::En;
        assert_eq!(en.format_place_time(winter, "America/New_York"), "January 15, 2027 at 10:30 AM EST");
        assert_eq!(en.format_place_time(summer, "America/New_York"), "July 15, 2027 at 11:30 AM EDT");
        assert_eq!(en.format_place_time(summer, "America/Los_Angeles"), "July 15, 2027 at 8:30 AM PDT");
        assert_eq!(en.format_place_time(summer, "Mars/Olympus"), "July 15, 2027 at 3:30 PM UTC");
        assert_eq!(
            Lang::Es.format_place_time(summer, "America/Los_Angeles"),
            "15 de julio de 2027, 8:30\u{a0}a.\u{a0}m. PDT"
        );
        assert_eq!(Lang::Es.format_place_time(summer, "Mars/Olympus"), "15 de julio de 2027, 3:30\u{a0}p.\u{a0}m. UTC");
        assert_eq!(format_date(en, NaiveDate::from_ymd_opt(2025, 3, 3).unwrap()), "March 3, 2025");
    }
}
