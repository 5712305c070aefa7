//! The inquiry queue and one inquiry, as staff answer them (see `server::cases::inquiries`).

use crate::api::cases::inquiries::MessageView;
use crate::error::AppError;
use leptos::prelude::*;
use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct StaffInquiryRow {
    pub href: String,
    pub receipt_number: String,
    pub form: String,
    pub kind: String,
    pub full_name: String,
    pub office: String,
    pub waiting_since: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct StaffInquiryList {
    pub heading: String,
    pub rows: Vec<StaffInquiryRow>,
    /// 1-based, for people.
    pub page: u64,
    pub pages: u64,
    pub total: u64,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct StaffInquiryView {
    pub id: i32,
    pub receipt_number: String,
    pub case_href: String,
    pub form: String,
    pub status: String,
    pub full_name: String,
    pub kind: String,
    pub state: String,
    pub closed: bool,
    /// "Outside normal processing time from 12/1/2026", when known.
    pub inquiry_from: Option<String>,
    pub messages: Vec<MessageView>,
    /// A refused answer, as typed.
    pub draft: String,
}

#[cfg(feature = "ssr")]
#[derive(Debug, Clone, Serialize, Deserialize)]
struct AnswerDraft {
    inquiry: i32,
    message: String,
}

#[cfg(feature = "ssr")]
const ANSWER_DRAFT: &str = "inquiry_answer";

#[server(prefix = "/api", endpoint = "staff_inquiries")]
pub async fn load_inquiry_queue(page: Option<u64>) -> Result<StaffInquiryList, AppError> {
    use crate::i18n::Lang;
    use crate::server::{cases::inquiries, web::request, web::responses};
    let state = request::app_state()?;
    let staff = request::require_staff()?;
    let read = inquiries::queue(&state, &staff, page.unwrap_or(1).max(1) - 1).await.map_err(responses::with_status)?;
    let office_name = |code: &str| crate::domain::office::office(code).map_or(code.to_owned(), |o| o.name.to_owned());
    let t = crate::i18n::T(Lang::En);
    Ok(StaffInquiryList {
        heading: match &read.office {
            Some(code) => format!("Inquiries about cases at the {}, longest waiting first", office_name(code)),
            None => "Inquiries awaiting an answer, longest waiting first".to_owned(),
        },
        rows: read
            .lines
            .into_iter()
            .map(|line| StaffInquiryRow {
                href: crate::routes::staff_inquiry(line.id),
                form: line.form.code().to_owned(),
                kind: t.get(line.kind.label_key()).to_owned(),
                full_name: line.full_name,
                office: office_name(&line.office),
                waiting_since: Lang::En.format_datetime(line.waiting_since),
                receipt_number: line.receipt_number,
            })
            .collect(),
        page: read.page + 1,
        pages: read.pages,
        total: read.total,
    })
}

#[server(prefix = "/api", endpoint = "staff_inquiry")]
pub async fn load_staff_inquiry(inquiry: i32) -> Result<StaffInquiryView, AppError> {
    use crate::api::cases::inquiries::state_words;
    use crate::domain::InquiryId;
    use crate::i18n::{Lang, T};
    use crate::server::identity::sessions;
    use crate::server::{cases::inquiries, web::request, web::responses};
    let state = request::app_state()?;
    let staff = request::require_staff()?;
    let read = inquiries::staff_thread(&state, &staff, InquiryId(inquiry)).await.map_err(responses::with_status)?;
    let draft = sessions::take_draft::<AnswerDraft>(&state, staff.session_id, ANSWER_DRAFT)
        .await?
        .filter(|d| d.inquiry == inquiry);
    let t = T(Lang::En);
    Ok(StaffInquiryView {
        id: inquiry,
        case_href: crate::routes::staff_case(&read.receipt_number),
        form: read.form.code().to_owned(),
        status: read.status.title_en().to_owned(),
        kind: t.get(read.inquiry.kind.label_key()).to_owned(),
        state: state_words(t, &read.inquiry),
        closed: read.inquiry.closed,
        inquiry_from: read
            .inquiry_from
            .map(|date| format!("This case is outside normal processing time from {}.", Lang::En.format_date(date))),
        messages: read
            .messages
            .into_iter()
            .map(|m| MessageView {
                from_staff: m.from_staff.is_some(),
                from: match m.from_staff {
                    Some(name) => name,
                    None => format!("{} (applicant)", read.full_name),
                },
                when: Lang::En.format_datetime(m.sent_at),
                body: m.body,
            })
            .collect(),
        draft: draft.map(|d| d.message).unwrap_or_default(),
        receipt_number: read.receipt_number,
        full_name: read.full_name,
    })
}

#[server(prefix = "/api", endpoint = "staff_answer_inquiry")]
pub async fn answer_inquiry(inquiry: i32, message: String, close: Option<String>) -> Result<(), AppError> {
    use crate::domain::InquiryId;
    use crate::server::identity::sessions;
    use crate::server::{cases::inquiries, web::request, web::responses};
    let state = request::app_state()?;
    let staff = request::require_staff()?;
    let path = crate::routes::staff_inquiry(InquiryId(inquiry));
    let outcome = inquiries::answer(&state, &staff, InquiryId(inquiry), &message, close.is_some())
        .await
        .map(|()| crate::routes::with_query(crate::routes::STAFF_INQUIRIES, "answered=1"));
    if matches!(outcome, Err(AppError::Form(_))) {
        sessions::put_draft(&state, staff.session_id, ANSWER_DRAFT, &AnswerDraft { inquiry, message }).await?;
    }
    responses::finish_form(outcome, &path)
}
