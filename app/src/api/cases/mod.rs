//! What an applicant reads about their cases, as views in the reader's language. The service
//! (`crate::server::cases::queries`) scopes every read to the viewer's record and returns read
//! models; `words` turns them into these views. Another person's case answers "not found".

pub mod address_change;
pub mod evidence;
pub mod inquiries;
pub mod paper_cases;
pub mod rescheduling;
#[cfg(feature = "ssr")]
pub mod words;

use crate::domain::CaseStage;

/// A receipt number as a form posted it, when the form's own address is built from it: only a
/// well-formed one (anything else is "not found", with its status).
#[cfg(feature = "ssr")]
pub(crate) fn posted_receipt(receipt: &str) -> Result<String, AppError> {
    crate::domain::ReceiptNumber::parse(receipt)
        .map(|r| r.as_str().to_owned())
        .map_err(|_| crate::server::web::responses::with_status(AppError::NotFound))
}
use crate::error::AppError;
use leptos::prelude::*;
use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CaseSummary {
    pub receipt_number: String,
    pub form_code: String,
    pub form_title: String,
    pub status_title: String,
    pub stage: CaseStage,
    pub status_date: String,
    pub needs_action: bool,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct NoticeSummary {
    pub receipt_number: String,
    /// Where the notice opens as a PDF in the reader's language.
    pub pdf_path: String,
    pub notice_type: String,
    pub title: String,
    pub notice_date: String,
    pub response_due: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct AppointmentSummary {
    pub receipt_number: String,
    pub kind: String,
    pub when: String,
    pub place_name: String,
    pub place_address: String,
    /// Where its applicant may move it, when they may.
    pub reschedule_path: Option<String>,
}

/// Something the applicant must do or attend, soonest first.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct AttentionItem {
    pub receipt_number: String,
    pub message: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Dashboard {
    pub full_name: String,
    pub cases: Vec<CaseSummary>,
    pub attention: Vec<AttentionItem>,
    pub latest_notices: Vec<NoticeSummary>,
    pub upcoming_appointments: Vec<AppointmentSummary>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct HistoryEntry {
    pub status_title: String,
    pub stage: CaseStage,
    pub date: String,
    pub description: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CaseDetail {
    pub summary: CaseSummary,
    pub description: String,
    /// Newest first, like the notices.
    pub history: Vec<HistoryEntry>,
    pub notices: Vec<NoticeSummary>,
    pub appointments: Vec<AppointmentSummary>,
    /// For a pending case: how long such cases take, in sentences.
    pub processing: Option<Vec<String>>,
    /// Its inquiries, the latest active first.
    pub inquiries: Vec<inquiries::InquirySummary>,
    /// Where a new inquiry is sent from.
    pub inquiry_path: String,
    /// Where the applicant responds to a Request for Evidence (or sees their response).
    pub evidence_path: Option<String>,
}

/// `None` when the account is not yet linked to an immigration record.
#[server(prefix = "/api", endpoint = "dashboard")]
pub async fn load_dashboard() -> Result<Option<Dashboard>, AppError> {
    use crate::server::{cases::queries, web::request, web::responses};
    let state = request::app_state()?;
    let viewer = request::viewer();
    let result = queries::dashboard(&state, &viewer).await;
    responses::finish(result.map(|read| read.map(|read| words::dashboard(&read, request::page_lang()))))
}

#[server(prefix = "/api", endpoint = "case_detail")]
pub async fn load_case(receipt_number: String) -> Result<CaseDetail, AppError> {
    use crate::server::{cases::notifications, cases::queries, web::request, web::responses};
    let state = request::app_state()?;
    let result = queries::case_detail(&state, &request::viewer(), &receipt_number).await;
    // Opening the case reads its notifications.
    if let (Ok(read), Some(session)) = (&result, request::viewer().signed_in()) {
        notifications::mark_case_read(&state, session, read.case_id).await?;
    }
    responses::finish(result.map(|read| words::case_detail(&read, request::page_lang())))
}

/// One notification as the list shows it, in the reader's language.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct NotificationView {
    pub receipt_number: String,
    pub case_path: String,
    pub status_title: String,
    pub when: String,
    pub unread: bool,
}

/// The newest notifications (then all are read).
#[server(prefix = "/api", endpoint = "notifications")]
pub async fn load_notifications() -> Result<Vec<NotificationView>, AppError> {
    use crate::server::{cases::notifications, web::request, web::responses};
    let state = request::app_state()?;
    let session = request::require_session()?;
    let lang = request::page_lang();
    let read = notifications::read_all(&state, &session).await.map_err(responses::with_status)?;
    Ok(read
        .into_iter()
        .map(|n| NotificationView {
            case_path: crate::routes::case(&n.receipt_number),
            receipt_number: n.receipt_number,
            status_title: n.status.title(lang).to_owned(),
            when: lang.format_datetime(n.created_at),
            unread: n.unread,
        })
        .collect())
}
