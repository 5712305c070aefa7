//! Responding to a Request for Evidence (see `server::cases::evidence`): the page's data, removing
//! a file and submitting. Files are uploaded by a plain multipart form to its own route (the
//! server crate's `evidence::upload`).

use crate::error::AppError;
use leptos::prelude::*;
use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct EvidenceFileView {
    pub id: i32,
    pub name: String,
    /// "1.2 MB, PDF".
    pub about: String,
    pub href: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct EvidenceView {
    pub receipt_number: String,
    pub case_path: String,
    /// Where the upload form posts.
    pub upload_path: String,
    /// What the notice asks, in the reader's language.
    pub asked: String,
    pub due: String,
    pub files: Vec<EvidenceFileView>,
    /// "Received on …, signed by …" once submitted.
    pub submitted: Option<String>,
    pub late: bool,
    /// How many more files fit.
    pub room: usize,
    /// The signature typed when the last submission was refused.
    pub signature: String,
}

/// A refused submission's signature, kept for the form (`sessions::put_draft`).
#[cfg(feature = "ssr")]
#[derive(Debug, Clone, Serialize, Deserialize)]
struct Draft {
    receipt_number: String,
    signature: String,
}

#[cfg(feature = "ssr")]
const DRAFT: &str = "evidence";

/// "1.2 MB" / "340 KB".
#[cfg(feature = "ssr")]
fn size_words(bytes: i64) -> String {
    if bytes >= 1024 * 1024 {
        format!("{:.1} MB", bytes as f64 / (1024.0 * 1024.0))
    } else {
        format!("{} KB", (bytes + 1023) / 1024)
    }
}

#[server(prefix = "/api", endpoint = "evidence_page")]
pub async fn load_evidence(receipt_number: String) -> Result<EvidenceView, AppError> {
    use crate::i18n::{Lang, T};
    use crate::server::cases::evidence::{self, MAX_FILES};
    use crate::server::{web::request, web::responses};
    let state = request::app_state()?;
    let session = request::require_session()?;
    let read = evidence::request(&state, &session, &receipt_number).await.map_err(responses::with_status)?;
    let draft = crate::server::identity::sessions::take_draft::<Draft>(&state, session.session_id, DRAFT)
        .await?
        .filter(|d| d.receipt_number == read.receipt_number);
    let lang = request::page_lang();
    let t = T(lang);
    let receipt = &read.receipt_number;
    Ok(EvidenceView {
        case_path: crate::routes::case(receipt),
        upload_path: crate::routes::evidence_files(receipt),
        asked: match (lang, &read.asked.1) {
            (Lang::Es, Some(es)) => es.clone(),
            _ => read.asked.0.clone(),
        },
        due: lang.format_date(read.due_on),
        room: MAX_FILES.saturating_sub(read.files.len()),
        files: read
            .files
            .iter()
            .map(|f| EvidenceFileView {
                id: f.id,
                about: format!("{}, {}", size_words(f.size), f.kind.key().to_uppercase()),
                href: crate::routes::evidence_file(receipt, f.id),
                name: f.name.clone(),
            })
            .collect(),
        submitted: read.submitted.as_ref().map(|(at, name)| {
            t.fmt(key!("evidence.submitted"), &[("date", &lang.format_datetime(*at)), ("name", name)])
        }),
        late: read.late,
        signature: draft.map(|d| d.signature).unwrap_or_default(),
        receipt_number: read.receipt_number,
    })
}

#[server(prefix = "/api", endpoint = "remove_evidence_file")]
pub async fn remove_evidence_file(receipt_number: String, file: i32) -> Result<(), AppError> {
    use crate::server::{cases::evidence, web::request, web::responses};
    let state = request::app_state()?;
    let session = request::require_session()?;
    let receipt = super::posted_receipt(&receipt_number)?;
    let page = crate::routes::evidence(&receipt);
    let outcome = evidence::remove(&state, &session, &receipt, file)
        .await
        .map(|()| crate::routes::with_query(&page, "removed=1"));
    responses::finish_form(outcome, &page)
}

#[server(prefix = "/api", endpoint = "submit_evidence")]
pub async fn submit_evidence(receipt_number: String, signature: String) -> Result<(), AppError> {
    use crate::server::{cases::evidence, web::request, web::responses};
    let state = request::app_state()?;
    let session = request::require_session()?;
    let receipt = super::posted_receipt(&receipt_number)?;
    let outcome = evidence::submit(&state, &session, &receipt, &signature)
        .await
        .map(|()| crate::routes::with_query(&crate::routes::case(&receipt), "responded=1"));
    if matches!(outcome, Err(AppError::Form(_))) {
        let draft = Draft { receipt_number: receipt.clone(), signature };
        crate::server::identity::sessions::put_draft(&state, session.session_id, DRAFT, &draft).await?;
    }
    responses::finish_form(outcome, &crate::routes::evidence(&receipt))
}
