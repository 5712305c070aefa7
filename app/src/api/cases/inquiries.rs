//! Inquiries, as the applicant reads and sends them (see `server::cases::inquiries`): the form for
//! a new one, a thread, and a reply. A refused form keeps what was typed (a session draft).

use crate::error::AppError;
use leptos::prelude::*;
use serde::{Deserialize, Serialize};

/// An inquiry type as a radio button reads it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct KindChoice {
    pub key: String,
    pub label: String,
    /// Why it may not be chosen now, when it may not.
    pub not_now: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct AskView {
    pub receipt_number: String,
    pub case_path: String,
    pub kinds: Vec<KindChoice>,
    /// The case has as many open inquiries as allowed: the page says so instead of the form.
    pub at_limit: bool,
    /// What was chosen and typed when the last try was refused, else empty.
    pub kind: String,
    pub message: String,
}

/// One inquiry in the case page's list.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct InquirySummary {
    pub path: String,
    pub kind: String,
    pub sent: String,
    /// "Waiting for USCIS", "Answered", "Closed".
    pub state: String,
    /// "1 new answer", when there are unread answers.
    pub unread: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct MessageView {
    /// "You" or "USCIS" (or, for staff, the staff member).
    pub from: String,
    pub from_staff: bool,
    pub when: String,
    pub body: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ThreadView {
    pub receipt_number: String,
    pub case_path: String,
    pub inquiry_id: i32,
    pub kind: String,
    pub state: String,
    pub closed: bool,
    pub messages: Vec<MessageView>,
    /// A refused reply, as typed.
    pub draft: String,
}

#[cfg(feature = "ssr")]
#[derive(Debug, Clone, Serialize, Deserialize)]
struct AskDraft {
    receipt_number: String,
    kind: String,
    message: String,
}

#[cfg(feature = "ssr")]
#[derive(Debug, Clone, Serialize, Deserialize)]
struct ReplyDraft {
    inquiry: i32,
    message: String,
}

#[cfg(feature = "ssr")]
const ASK_DRAFT: &str = "inquiry";
#[cfg(feature = "ssr")]
const REPLY_DRAFT: &str = "inquiry_reply";

/// Where an inquiry stands, in the reader's words.
#[cfg(feature = "ssr")]
pub(crate) fn state_words(t: crate::i18n::T, line: &crate::server::cases::inquiries::InquiryLine) -> String {
    let key = match (line.closed, line.awaiting_staff) {
        (true, _) => key!("inquiry.state.closed"),
        (false, true) => key!("inquiry.state.waiting"),
        (false, false) => key!("inquiry.state.answered"),
    };
    t.get(key).to_owned()
}

/// The case page's list of inquiries.
#[cfg(feature = "ssr")]
pub(crate) fn summaries(
    lines: &[crate::server::cases::inquiries::InquiryLine],
    receipt: &str,
    lang: crate::i18n::Lang,
) -> Vec<InquirySummary> {
    let t = crate::i18n::T(lang);
    lines
        .iter()
        .map(|line| InquirySummary {
            path: crate::routes::inquiry(receipt, line.id),
            kind: t.get(line.kind.label_key()).to_owned(),
            sent: lang.format_date(line.opened_at.date_naive()),
            state: state_words(t, line),
            unread: (line.unread > 0).then(|| t.fmt(key!("inquiry.unread"), &[("count", &line.unread.to_string())])),
        })
        .collect()
}

#[server(prefix = "/api", endpoint = "inquiry_form")]
pub async fn load_inquiry_form(receipt_number: String) -> Result<AskView, AppError> {
    use crate::i18n::T;
    use crate::server::cases::inquiries;
    use crate::server::identity::sessions;
    use crate::server::{web::request, web::responses};
    let state = request::app_state()?;
    let session = request::require_session()?;
    let read = inquiries::ask_form(&state, &session, &receipt_number).await.map_err(responses::with_status)?;
    let draft = sessions::take_draft::<AskDraft>(&state, session.session_id, ASK_DRAFT)
        .await?
        .filter(|d| d.receipt_number == read.receipt_number);
    let lang = request::page_lang();
    let t = T(lang);
    let form = read.form.code();
    Ok(AskView {
        case_path: crate::routes::case(&read.receipt_number),
        kinds: read
            .kinds
            .iter()
            .map(|(kind, refused)| KindChoice {
                key: kind.key().to_owned(),
                label: t.get(kind.label_key()).to_owned(),
                not_now: refused.map(|_| match read.inquiry_from {
                    Some(date) => t.fmt(key!("inquiry.too_early_until"), &[("date", &lang.format_date(date))]),
                    None => t.fmt(key!("inquiry.too_early_unknown"), &[("form", form)]),
                }),
            })
            .collect(),
        at_limit: read.at_limit,
        kind: draft.as_ref().map(|d| d.kind.clone()).unwrap_or_default(),
        message: draft.map(|d| d.message).unwrap_or_default(),
        receipt_number: read.receipt_number,
    })
}

#[server(prefix = "/api", endpoint = "send_inquiry")]
pub async fn send_inquiry(receipt_number: String, kind: Option<String>, message: String) -> Result<(), AppError> {
    use crate::server::cases::inquiries;
    use crate::server::identity::sessions;
    use crate::server::{web::request, web::responses};
    let state = request::app_state()?;
    let session = request::require_session()?;
    let receipt_number = super::posted_receipt(&receipt_number)?;
    let kind = kind.unwrap_or_default();
    let outcome = inquiries::ask(&state, &session, &receipt_number, &kind, &message)
        .await
        .map(|id| crate::routes::with_query(&crate::routes::inquiry(&receipt_number, id), "sent=1"));
    if matches!(outcome, Err(AppError::Form(_))) {
        let draft = AskDraft { receipt_number: receipt_number.clone(), kind, message };
        sessions::put_draft(&state, session.session_id, ASK_DRAFT, &draft).await?;
    }
    responses::finish_form(outcome, &crate::routes::inquiries(&receipt_number))
}

#[server(prefix = "/api", endpoint = "inquiry_thread")]
pub async fn load_inquiry(receipt_number: String, inquiry: i32) -> Result<ThreadView, AppError> {
    use crate::domain::InquiryId;
    use crate::i18n::T;
    use crate::server::cases::inquiries;
    use crate::server::identity::sessions;
    use crate::server::{web::request, web::responses};
    let state = request::app_state()?;
    let session = request::require_session()?;
    let read = inquiries::thread(&state, &session, &receipt_number, InquiryId(inquiry))
        .await
        .map_err(responses::with_status)?;
    let draft = sessions::take_draft::<ReplyDraft>(&state, session.session_id, REPLY_DRAFT)
        .await?
        .filter(|d| d.inquiry == inquiry);
    let lang = request::page_lang();
    let t = T(lang);
    Ok(ThreadView {
        case_path: crate::routes::case(&read.receipt_number),
        inquiry_id: inquiry,
        kind: t.get(read.inquiry.kind.label_key()).to_owned(),
        state: state_words(t, &read.inquiry),
        closed: read.inquiry.closed,
        messages: read
            .messages
            .into_iter()
            .map(|m| MessageView {
                from: t
                    .get(if m.from_staff.is_some() { key!("inquiry.from_uscis") } else { key!("inquiry.from_you") })
                    .to_owned(),
                from_staff: m.from_staff.is_some(),
                when: lang.format_datetime(m.sent_at),
                body: m.body,
            })
            .collect(),
        draft: draft.map(|d| d.message).unwrap_or_default(),
        receipt_number: read.receipt_number,
    })
}

#[server(prefix = "/api", endpoint = "reply_to_inquiry")]
pub async fn reply_to_inquiry(receipt_number: String, inquiry: i32, message: String) -> Result<(), AppError> {
    use crate::domain::InquiryId;
    use crate::server::cases::inquiries;
    use crate::server::identity::sessions;
    use crate::server::{web::request, web::responses};
    let state = request::app_state()?;
    let session = request::require_session()?;
    let receipt_number = super::posted_receipt(&receipt_number)?;
    let path = crate::routes::inquiry(&receipt_number, InquiryId(inquiry));
    let outcome = inquiries::reply(&state, &session, &receipt_number, InquiryId(inquiry), &message)
        .await
        .map(|()| crate::routes::with_query(&path, "sent=1"));
    if matches!(outcome, Err(AppError::Form(_))) {
        sessions::put_draft(&state, session.session_id, REPLY_DRAFT, &ReplyDraft { inquiry, message }).await?;
    }
    responses::finish_form(outcome, &path)
}
