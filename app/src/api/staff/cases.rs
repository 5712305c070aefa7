//! Case search, the queue, one case, and the changes an officer makes.

use crate::error::AppError;
use leptos::prelude::*;
use serde::{Deserialize, Serialize};

/// One case in a list.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct StaffCaseRow {
    pub receipt_number: String,
    pub href: String,
    pub form: String,
    pub status: String,
    pub full_name: String,
    pub office: String,
    pub updated: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct StaffCaseList {
    /// What the list is ("Queue of the New York City Field Office", "Search results").
    pub heading: String,
    pub rows: Vec<StaffCaseRow>,
    /// "25 cases; page 1 of 1.", or "More than 1000 cases; page 3." past the count's limit.
    pub summary: String,
    /// 1-based, for people.
    pub page: u64,
    pub has_next: bool,
}

/// A status an officer may choose next.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct StatusChoice {
    pub key: String,
    pub title: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct StaffHistoryEntry {
    pub status: String,
    pub date: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct StaffNotice {
    pub notice_type: String,
    pub title: String,
    pub date: String,
    pub due: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct StaffAppointment {
    pub id: i32,
    pub kind: String,
    pub when: String,
    pub place: String,
    /// Still to come and not cancelled: it may be moved or cancelled.
    pub coming: bool,
    pub cancelled: bool,
    /// "Rescheduled by the applicant (1 of 2): <their reason>".
    pub rescheduled: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct StaffCaseView {
    pub row: StaffCaseRow,
    pub version: i32,
    pub filed_on: String,
    pub full_name: String,
    pub a_number: String,
    pub date_of_birth: String,
    pub country_of_birth: String,
    pub linked_account: Option<String>,
    pub history: Vec<StaffHistoryEntry>,
    pub notices: Vec<StaffNotice>,
    pub appointments: Vec<StaffAppointment>,
    pub next_statuses: Vec<StatusChoice>,
    /// Whether the workflow allows each of the detailed changes now.
    pub may_request_evidence: bool,
    pub may_schedule_biometrics: bool,
    pub may_schedule_interview: bool,
    pub may_decide: bool,
    /// The default due date of a Request for Evidence (YYYY-MM-DD).
    pub default_due_on: String,
    /// The viewer may change the case (an officer).
    pub may_change: bool,
    /// Files the applicant uploaded in answer to a Request for Evidence.
    pub evidence: Vec<StaffEvidenceFile>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct StaffEvidenceFile {
    pub name: String,
    /// "1.2 MB, PDF, uploaded …; submitted" (or "not submitted yet").
    pub about: String,
    pub href: String,
}

/// The queue of an office (the officer's own by default), the longest waiting first.
#[server(prefix = "/api", endpoint = "staff_queue")]
pub async fn load_queue(office: Option<String>, page: Option<u64>) -> Result<StaffCaseList, AppError> {
    use crate::server::{cases::search, web::request, web::responses};
    let state = request::app_state()?;
    let staff = request::require_staff()?;
    let page = page.unwrap_or(1).max(1) - 1;
    let (code, found) = search::queue(&state, &staff, office.as_deref().filter(|o| !o.is_empty()), page)
        .await
        .map_err(responses::with_status)?;
    let name = crate::domain::office::office(&code).map_or(code.clone(), |o| o.name.to_owned());
    Ok(super::words::case_list(format!("Open cases at the {name}, longest waiting first"), found))
}

/// Cases matching a search. A refused search answers with the refusal (the page shows it).
#[server(prefix = "/api", endpoint = "staff_search")]
pub async fn search_cases(
    q: String,
    form: Option<String>,
    status: Option<String>,
    office: Option<String>,
    page: Option<u64>,
) -> Result<StaffCaseList, AppError> {
    use crate::server::{cases::search, web::request, web::responses};
    let state = request::app_state()?;
    let staff = request::require_staff()?;
    let some = |v: Option<String>| v.filter(|s| !s.trim().is_empty());
    let query = search::CaseQuery {
        text: q,
        form: some(form).and_then(|f| crate::domain::FormType::parse(&f).ok()),
        status: some(status).and_then(|s| crate::domain::CaseStatus::from_key(&s).ok()),
        office: some(office),
        page: page.unwrap_or(1).max(1) - 1,
    };
    let found = search::search(&state, &staff, &query).await.map_err(responses::with_status)?;
    Ok(super::words::case_list("Search results".to_owned(), found))
}

#[server(prefix = "/api", endpoint = "staff_case")]
pub async fn load_staff_case(receipt: String) -> Result<StaffCaseView, AppError> {
    use crate::server::{cases::search, web::request, web::responses};
    let state = request::app_state()?;
    let staff = request::require_staff()?;
    let read = search::open_case(&state, &staff, &receipt).await.map_err(responses::with_status)?;
    let files = crate::server::cases::evidence::staff_files(&state, read.id).await.map_err(responses::with_status)?;
    let mut view = super::words::staff_case(read, &staff, state.now());
    view.evidence = files
        .into_iter()
        .map(|(file, submitted)| StaffEvidenceFile {
            href: crate::routes::staff_evidence_file(&view.row.receipt_number, file.id),
            about: format!(
                "{} KB, {}, uploaded {}; {}",
                (file.size + 1023) / 1024,
                file.kind.key().to_uppercase(),
                crate::i18n::Lang::En.format_datetime(file.uploaded_at),
                if submitted { "submitted" } else { "not submitted yet" }
            ),
            name: file.name,
        })
        .collect();
    Ok(view)
}

/// Runs one change and answers like every form: back to the case, with `?done=…` or `?error=…`.
#[cfg(feature = "ssr")]
async fn change_case(
    receipt: &str,
    version: i32,
    make: impl FnOnce(chrono::DateTime<chrono::Utc>) -> Result<crate::server::cases::changes::Change, AppError>,
) -> Result<(), AppError> {
    use crate::server::{cases::changes, web::request, web::responses};
    let state = request::app_state()?;
    let staff = request::require_staff()?;
    let case_path = crate::routes::staff_case(receipt);
    let outcome = async {
        let change = make(state.now())?;
        changes::apply(&state, &staff, receipt, version, change).await?;
        Ok(crate::routes::with_query(&case_path, "done=1"))
    }
    .await;
    responses::finish_form(outcome, &case_path)
}

#[server(prefix = "/api", endpoint = "staff_change_status")]
pub async fn change_status(receipt: String, version: i32, status: String) -> Result<(), AppError> {
    use crate::server::cases::changes::Change;
    change_case(&receipt, version, |_| {
        crate::domain::CaseStatus::from_key(&status)
            .map(Change::Status)
            .map_err(|_| crate::error::FormError::StatusNotAllowed.into())
    })
    .await
}

#[server(prefix = "/api", endpoint = "staff_request_evidence")]
pub async fn request_evidence(
    receipt: String,
    version: i32,
    requested: String,
    due_on: String,
) -> Result<(), AppError> {
    use crate::server::cases::changes::Change;
    change_case(&receipt, version, |now| Change::request_evidence(&requested, &due_on, now.date_naive())).await
}

#[server(prefix = "/api", endpoint = "staff_schedule")]
pub async fn schedule(
    receipt: String,
    version: i32,
    kind: String,
    office: String,
    scheduled_at: String,
) -> Result<(), AppError> {
    use crate::server::cases::changes::Change;
    change_case(&receipt, version, |now| Change::schedule(&kind, &office, &scheduled_at, now)).await
}

#[server(prefix = "/api", endpoint = "staff_move_appointment")]
pub async fn move_appointment(
    receipt: String,
    version: i32,
    appointment: i32,
    scheduled_at: String,
) -> Result<(), AppError> {
    use crate::server::cases::changes::Change;
    change_case(&receipt, version, |_| Change::move_appointment(appointment, &scheduled_at)).await
}

#[server(prefix = "/api", endpoint = "staff_cancel_appointment")]
pub async fn cancel_appointment(
    receipt: String,
    version: i32,
    appointment: i32,
    reason: String,
) -> Result<(), AppError> {
    use crate::server::cases::changes::Change;
    change_case(&receipt, version, |_| Change::cancel_appointment(appointment, &reason)).await
}

#[server(prefix = "/api", endpoint = "staff_decide")]
pub async fn decide(receipt: String, version: i32, decision: String, reason: String) -> Result<(), AppError> {
    use crate::server::cases::changes::Change;
    change_case(&receipt, version, |_| Change::decide(&decision, &reason)).await
}
