//! Responding to a Request for Evidence: the applicant uploads files, sees them listed, removes any
//! before submitting, signs with their full name and submits before the due date. The rules live
//! here:
//!
//! - **Which files.** PDF, JPEG, PNG or TIFF, decided by the file's bytes ([`sniff`]), never by
//!   its name or the type the browser claims; each 1 byte to [`MAX_FILE_BYTES`]; at most
//!   [`MAX_FILES`] per response. An empty file, or one whose structure is broken (a PDF that does
//!   not open, an image cut short), is refused with a message. Names are cleaned ([`clean_name`]):
//!   no path, no control or direction characters, the extension the bytes say.
//! - **All or nothing.** The files of one upload are stored one by one as they arrive (one in
//!   memory at a time) and written to the database together at the end; if the upload is refused
//!   or cut half-way, the files already stored are removed again, so nothing is left behind.
//! - **Once, in time.** Only while the case waits on the applicant's response and until the end
//!   of the due date; the signature must match the record's name (accents and case aside); one
//!   response per request (a unique index: two submissions racing, one wins). Submitting moves the
//!   case to "Response To USCIS' Request For Evidence Was Received", adds it to the history, issues
//!   a receipt notice in both languages and tells the owner's open pages.
//! - **Who reads them.** The case's owner and staff who read cases (audited); downloads are
//!   attachments, never cached.

use crate::domain::{case_workflow, CaseStatus, NoticeId, PersonName};
use crate::error::{AppError, FormError};
use crate::server::cases::{notice_words, queries};
use crate::server::entities::{case, case_event, evidence_file, evidence_response, immigration_record, notice};
use crate::server::identity::sessions::ActiveSession;
use crate::server::notify::live::News;
use crate::server::staff::audit::{self, AuditAction, AuditEntry};
use crate::server::AppState;
use bytes::Bytes;
use chrono::{DateTime, NaiveDate, Utc};
use sea_orm::sea_query::{Expr, ExprTrait};
use sea_orm::{ActiveModelTrait, ColumnTrait, EntityTrait, PaginatorTrait, QueryFilter, QueryOrder, QuerySelect, Set};
use sha2::{Digest, Sha256};

pub use crate::inbound::files::{clean_name, sniff, FileKind, NAME_MAX};

/// The largest file accepted: 6 MB.
pub const MAX_FILE_BYTES: usize = 6 * 1024 * 1024;
/// Files one response may hold.
pub const MAX_FILES: usize = 20;

/// A file of a response, as lists show it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FileRead {
    pub id: i32,
    pub name: String,
    pub kind: FileKind,
    pub size: i64,
    pub uploaded_at: DateTime<Utc>,
}

fn file_read(row: &evidence_file::Model) -> FileRead {
    FileRead {
        id: row.id,
        name: row.file_name.clone(),
        kind: FileKind::from_key(&row.kind).unwrap_or(FileKind::Pdf),
        size: row.size,
        uploaded_at: row.uploaded_at,
    }
}

/// A Request for Evidence and its response so far.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RequestRead {
    pub receipt_number: String,
    pub notice_id: NoticeId,
    /// What the notice asks, in English and Spanish (as issued).
    pub asked: (String, Option<String>),
    pub due_on: NaiveDate,
    pub files: Vec<FileRead>,
    /// When it was submitted and with which signature.
    pub submitted: Option<(DateTime<Utc>, String)>,
    /// The due date has passed without a response.
    pub late: bool,
}

/// Whether the case waits on the applicant's response to a request.
pub fn awaits_response(status: CaseStatus) -> bool {
    matches!(
        status,
        CaseStatus::RequestForEvidenceWasSent
            | CaseStatus::RequestForInitialEvidenceWasSent
            | CaseStatus::NoticeOfIntentToDenyWasSent
    )
}

/// Past the end of the due date.
fn is_late(due_on: NaiveDate, now: DateTime<Utc>) -> bool {
    now >= crate::server::cases::reminders::response_deadline(due_on)
}

/// The viewer's case `receipt` with its latest request notice, and the response to it if sent.
/// A case with no request the applicant can answer (or answered) is "not found".
async fn own_request(
    state: &AppState,
    session: &ActiveSession,
    receipt: &str,
) -> Result<(case::Model, notice::Model, Option<evidence_response::Model>), AppError> {
    let record_id = session.record_id.ok_or(AppError::NotFound)?;
    let row = queries::case_of_record(state, record_id, receipt).await?;
    let request = notice::Entity::find()
        .filter(notice::Column::CaseId.eq(row.id))
        .filter(notice::Column::ResponseDueOn.is_not_null())
        .order_by_desc(notice::Column::Id)
        .one(&state.db)
        .await?
        .ok_or(AppError::NotFound)?;
    let response = evidence_response::Entity::find()
        .filter(evidence_response::Column::NoticeId.eq(request.id))
        .one(&state.db)
        .await?;
    if response.is_none() && !awaits_response(row.status) {
        return Err(AppError::NotFound);
    }
    Ok((row, request, response))
}

/// Uploads to one request and its submission take turns: on PostgreSQL two uploads could each
/// count 19 files and both add theirs, past [`MAX_FILES`], or add files to a request being
/// answered; the request's row is locked first (`FOR UPDATE`). On SQLite the write transaction
/// (`begin_write`) already has every writer take turns, and the lock clause is left out.
async fn lock_request(tx: &sea_orm::DatabaseTransaction, notice_id: NoticeId) -> Result<(), AppError> {
    notice::Entity::find_by_id(notice_id).lock_exclusive().one(tx).await?;
    Ok(())
}

async fn files_of(state: &AppState, notice_id: NoticeId) -> Result<Vec<evidence_file::Model>, AppError> {
    Ok(evidence_file::Entity::find()
        .filter(evidence_file::Column::NoticeId.eq(notice_id))
        .order_by_asc(evidence_file::Column::Id)
        .all(&state.db)
        .await?)
}

/// The open (or answered) request of the viewer's case, with its files.
pub async fn request(state: &AppState, session: &ActiveSession, receipt: &str) -> Result<RequestRead, AppError> {
    let (row, request, response) = own_request(state, session, receipt).await?;
    let due_on = request.response_due_on.ok_or(AppError::NotFound)?;
    Ok(RequestRead {
        receipt_number: row.receipt_number,
        notice_id: request.id,
        asked: (request.body, request.body_es),
        due_on,
        files: files_of(state, request.id).await?.iter().map(file_read).collect(),
        late: response.is_none() && is_late(due_on, state.now()),
        submitted: response.map(|r| (r.submitted_at, r.signed_name)),
    })
}

/// Whether files may still be added to or removed from the request's response.
fn may_change(
    request: &notice::Model,
    response: &Option<evidence_response::Model>,
    now: DateTime<Utc>,
) -> Result<(), FormError> {
    if response.is_some() {
        return Err(FormError::EvidenceAlreadySubmitted);
    }
    match request.response_due_on {
        Some(due_on) if !is_late(due_on, now) => Ok(()),
        _ => Err(FormError::EvidenceLate),
    }
}

/// One upload under way: its files are stored as they come and recorded together by
/// [`Upload::finish`]; [`Upload::abandon`] (or any refusal) removes what was stored.
pub struct Upload {
    case_id: crate::domain::CaseId,
    notice_id: NoticeId,
    account_id: crate::domain::AccountId,
    room: usize,
    stored: Vec<evidence_file::ActiveModel>,
    keys: Vec<String>,
}

/// Starts an upload to the open request of the viewer's case.
pub async fn start_upload(state: &AppState, session: &ActiveSession, receipt: &str) -> Result<Upload, AppError> {
    let (row, request, response) = own_request(state, session, receipt).await?;
    may_change(&request, &response, state.now())?;
    let already =
        evidence_file::Entity::find().filter(evidence_file::Column::NoticeId.eq(request.id)).count(&state.db).await?
            as usize;
    Ok(Upload {
        case_id: row.id,
        notice_id: request.id,
        account_id: session.account_id,
        room: MAX_FILES.saturating_sub(already),
        stored: Vec::new(),
        keys: Vec::new(),
    })
}

impl Upload {
    /// Checks one file and stores it. On a refusal the upload should be abandoned.
    pub async fn add(&mut self, state: &AppState, name: &str, bytes: Bytes) -> Result<(), AppError> {
        if self.stored.len() >= self.room {
            return Err(FormError::TooManyFiles.into());
        }
        if bytes.len() > MAX_FILE_BYTES {
            return Err(FormError::FileTooLarge.into());
        }
        let kind = sniff(&bytes)?;
        let key = format!("evidence/{}/{}/{}", self.case_id, self.notice_id, random_name());
        let sha256 = hex::encode(Sha256::digest(&bytes));
        let size = bytes.len() as i64;
        state.files.put(&key, bytes).await?;
        self.keys.push(key.clone());
        self.stored.push(evidence_file::ActiveModel {
            case_id: Set(self.case_id),
            notice_id: Set(self.notice_id),
            account_id: Set(self.account_id),
            object_key: Set(key),
            file_name: Set(clean_name(name, kind)),
            kind: Set(kind.key().to_owned()),
            size: Set(size),
            sha256: Set(sha256),
            uploaded_at: Set(state.now()),
            response_id: Set(None),
            ..Default::default()
        });
        Ok(())
    }

    /// Records every stored file (none: "choose a file"). Checked again inside: the request may
    /// have been answered, or other uploads may have filled it, meanwhile.
    pub async fn finish(self, state: &AppState) -> Result<usize, AppError> {
        if self.stored.is_empty() {
            return Err(FormError::FileMissing.into());
        }
        let count = self.stored.len();
        let recorded = async {
            let tx = crate::server::begin_write(&state.db).await?;
            lock_request(&tx, self.notice_id).await?;
            let answered = evidence_response::Entity::find()
                .filter(evidence_response::Column::NoticeId.eq(self.notice_id))
                .count(&tx)
                .await?;
            if answered > 0 {
                return Err(AppError::from(FormError::EvidenceAlreadySubmitted));
            }
            let already = evidence_file::Entity::find()
                .filter(evidence_file::Column::NoticeId.eq(self.notice_id))
                .count(&tx)
                .await? as usize;
            if already + count > MAX_FILES {
                return Err(FormError::TooManyFiles.into());
            }
            evidence_file::Entity::insert_many(self.stored.clone()).exec(&tx).await?;
            tx.commit().await?;
            Ok(())
        }
        .await;
        match recorded {
            Ok(()) => Ok(count),
            Err(error) => {
                self.abandon(state).await;
                Err(error)
            }
        }
    }

    /// Removes the files stored so far (the upload was refused or cut).
    pub async fn abandon(self, state: &AppState) {
        for key in &self.keys {
            if let Err(error) = state.files.delete(key).await {
                tracing::warn!(%error, key, "could not remove a file of an abandoned upload");
            }
        }
    }
}

fn random_name() -> String {
    use rand::RngCore;
    let mut bytes = [0u8; 16];
    rand::thread_rng().fill_bytes(&mut bytes);
    hex::encode(bytes)
}

/// Removes a file not yet submitted.
pub async fn remove(state: &AppState, session: &ActiveSession, receipt: &str, file_id: i32) -> Result<(), AppError> {
    let (_, request, response) = own_request(state, session, receipt).await?;
    may_change(&request, &response, state.now())?;
    let file = evidence_file::Entity::find_by_id(file_id)
        .filter(evidence_file::Column::NoticeId.eq(request.id))
        .one(&state.db)
        .await?
        .ok_or(AppError::NotFound)?;
    // With the request locked, so that a submission at the same moment (another tab) either
    // includes the file or finds it gone, never a response counted with files it no longer has.
    let tx = crate::server::begin_write(&state.db).await?;
    lock_request(&tx, request.id).await?;
    let removed = evidence_file::Entity::delete_many()
        .filter(evidence_file::Column::Id.eq(file.id))
        .filter(evidence_file::Column::ResponseId.is_null())
        .exec(&tx)
        .await?;
    if removed.rows_affected != 1 {
        return Err(FormError::EvidenceAlreadySubmitted.into());
    }
    tx.commit().await?;
    state.files.delete(&file.object_key).await?;
    Ok(())
}

/// Submits the response: the files uploaded, signed with the record's full name.
pub async fn submit(state: &AppState, session: &ActiveSession, receipt: &str, signature: &str) -> Result<(), AppError> {
    let (row, request, response) = own_request(state, session, receipt).await?;
    let now = state.now();
    may_change(&request, &response, now)?;
    let record =
        immigration_record::Entity::find_by_id(row.record_id).one(&state.db).await?.ok_or(AppError::NotFound)?;
    let signed = PersonName::parse(signature).map_err(|_| FormError::SignatureMismatch)?;
    let on_record = PersonName::parse(&record.full_name).map_err(|_| FormError::SignatureMismatch)?;
    if signed.match_key() != on_record.match_key() {
        return Err(FormError::SignatureMismatch.into());
    }
    let status = CaseStatus::ResponseToEvidenceRequestWasReceived;
    let moves = case_workflow::may_follow(row.status, status);
    let tx = crate::server::begin_write(&state.db).await?;
    lock_request(&tx, request.id).await?;
    // Counted with the request locked, so that a file removed at this moment (another tab) is
    // either counted or gone.
    let count =
        evidence_file::Entity::find().filter(evidence_file::Column::NoticeId.eq(request.id)).count(&tx).await? as usize;
    if count == 0 {
        return Err(FormError::FileMissing.into());
    }
    // One response per request: the unique index refuses the second of two racing submissions.
    let inserted = evidence_response::ActiveModel {
        case_id: Set(row.id),
        notice_id: Set(request.id),
        account_id: Set(session.account_id),
        signed_name: Set(signed.as_str().to_owned()),
        submitted_at: Set(now),
        ..Default::default()
    }
    .insert(&tx)
    .await;
    let response = match inserted {
        Ok(response) => response,
        Err(error) => {
            // Refused by the unique index (another submission won), or something else failed.
            drop(tx);
            let answered = evidence_response::Entity::find()
                .filter(evidence_response::Column::NoticeId.eq(request.id))
                .count(&state.db)
                .await?;
            return Err(if answered > 0 { FormError::EvidenceAlreadySubmitted.into() } else { error.into() });
        }
    };
    evidence_file::Entity::update_many()
        .col_expr(evidence_file::Column::ResponseId, Expr::value(response.id))
        .filter(evidence_file::Column::NoticeId.eq(request.id))
        .filter(evidence_file::Column::ResponseId.is_null())
        .exec(&tx)
        .await?;
    let mut case_update = case::Entity::update_many()
        .col_expr(case::Column::Version, Expr::col(case::Column::Version).add(1))
        .filter(case::Column::Id.eq(row.id));
    if moves {
        case_update = case_update
            .col_expr(case::Column::Status, Expr::value(status))
            .col_expr(case::Column::StatusUpdatedAt, Expr::value(now));
        case_event::append(&tx, row.id, status, now).await?;
    }
    case_update.exec(&tx).await?;
    notice_words::for_evidence_received(&row, now.date_naive(), count, signed.as_str())
        .issue(&tx, row.id, now.date_naive(), None)
        .await?;
    tx.commit().await?;
    tracing::info!(case = row.id.0, files = count, "evidence submitted");
    state.live.publish(&state.db, News::CasesChanged(session.account_id)).await;
    Ok(())
}

/// One of the viewer's files of case `receipt`, with its bytes.
pub async fn owner_file(
    state: &AppState,
    session: &ActiveSession,
    receipt: &str,
    file_id: i32,
) -> Result<(FileRead, Bytes), AppError> {
    let record_id = session.record_id.ok_or(AppError::NotFound)?;
    let row = queries::case_of_record(state, record_id, receipt).await?;
    let file = evidence_file::Entity::find_by_id(file_id)
        .filter(evidence_file::Column::CaseId.eq(row.id))
        .one(&state.db)
        .await?
        .ok_or(AppError::NotFound)?;
    let bytes = state.files.get(&file.object_key).await?;
    Ok((file_read(&file), bytes))
}

/// A case's evidence files for staff, with whether each was submitted (a file still being
/// gathered is shown as such).
pub async fn staff_files(state: &AppState, case_id: crate::domain::CaseId) -> Result<Vec<(FileRead, bool)>, AppError> {
    Ok(evidence_file::Entity::find()
        .filter(evidence_file::Column::CaseId.eq(case_id))
        .order_by_asc(evidence_file::Column::Id)
        .all(&state.db)
        .await?
        .iter()
        .map(|f| (file_read(f), f.response_id.is_some()))
        .collect())
}

/// One evidence file of case `receipt` for staff. Audited.
pub async fn staff_file(
    state: &AppState,
    staff: &ActiveSession,
    receipt: &str,
    file_id: i32,
) -> Result<(FileRead, Bytes), AppError> {
    let row = queries::case_by_receipt(state, receipt).await?;
    let file = evidence_file::Entity::find_by_id(file_id)
        .filter(evidence_file::Column::CaseId.eq(row.id))
        .one(&state.db)
        .await?
        .ok_or(AppError::NotFound)?;
    audit::record(
        &state.db,
        state.now(),
        staff,
        AuditEntry {
            record_id: Some(row.record_id),
            case_id: Some(row.id),
            detail: Some(format!("evidence file #{} {}", file.id, file.sha256)),
            ..AuditEntry::new(AuditAction::ReadEvidence)
        },
    )
    .await?;
    let bytes = state.files.get(&file.object_key).await?;
    Ok((file_read(&file), bytes))
}

#[cfg(test)]
mod tests {
    use super::*;

    pub(crate) fn tiny_pdf() -> Vec<u8> {
        use lopdf::{dictionary, Document, Object, Stream};
        let mut doc = Document::with_version("1.5");
        let pages_id = doc.new_object_id();
        let content = doc.add_object(Stream::new(dictionary! {}, b"BT ET".to_vec()));
        let page = doc.add_object(dictionary! {
            "Type" => "Page", "Parent" => pages_id, "Contents" => content,
            "MediaBox" => vec![0.into(), 0.into(), 612.into(), 792.into()],
        });
        doc.objects.insert(
            pages_id,
            Object::Dictionary(dictionary! { "Type" => "Pages", "Kids" => vec![page.into()], "Count" => 1 }),
        );
        let catalog = doc.add_object(dictionary! { "Type" => "Catalog", "Pages" => pages_id });
        doc.trailer.set("Root", catalog);
        let mut out = Vec::new();
        doc.save_to(&mut out).unwrap();
        out
    }

    fn png() -> Vec<u8> {
        let mut bytes = vec![0x89, b'P', b'N', b'G', 0x0D, 0x0A, 0x1A, 0x0A, 0, 0, 0, 13];
        bytes.extend_from_slice(b"IHDR");
        bytes.extend_from_slice(&[0; 17]);
        bytes.extend_from_slice(&[0, 0, 0, 0]);
        bytes.extend_from_slice(b"IEND");
        bytes.extend_from_slice(&[0xAE, 0x42, 0x60, 0x82]);
        bytes
    }

    #[test]
    fn a_file_is_what_its_bytes_say_and_must_be_whole() {
        assert_eq!(sniff(&tiny_pdf()), Ok(FileKind::Pdf));
        assert_eq!(sniff(&png()), Ok(FileKind::Png));
        assert_eq!(sniff(&[0xFF, 0xD8, 0xFF, 0xE0, 1, 2, 3, 0xFF, 0xD9]), Ok(FileKind::Jpeg));
        assert_eq!(sniff(&[0xFF, 0xD8, 0xFF, 0xE0, 1, 2, 3, 4]), Err(FormError::FileCorrupt), "a JPEG cut short");
        let mut tiff = b"II*\0\x08\0\0\0".to_vec();
        tiff.extend_from_slice(&[1, 0]);
        tiff.extend_from_slice(&[0; 12 + 4]);
        assert_eq!(sniff(&tiff), Ok(FileKind::Tiff));
        assert_eq!(sniff(b"II*\0\xFF\0\0\0"), Err(FormError::FileCorrupt), "a directory outside the file");
        assert_eq!(sniff(b""), Err(FormError::FileEmpty));
        assert_eq!(sniff(b"%PDF-1.7 and then nothing"), Err(FormError::FileCorrupt));
        assert_eq!(sniff(b"MZ\x90\0 a program named invoice.pdf"), Err(FormError::FileTypeRefused));
        assert_eq!(sniff(b"<html><script>alert(1)</script>"), Err(FormError::FileTypeRefused));
        let pdf = tiny_pdf();
        assert_eq!(sniff(&pdf[..pdf.len() / 2]), Err(FormError::FileCorrupt), "a PDF cut half-way");
        assert_eq!(sniff(&png()[..30]), Err(FormError::FileCorrupt), "a PNG cut short");
    }

    #[test]
    fn names_are_cleaned_and_take_the_extension_the_bytes_say() {
        assert_eq!(clean_name("C:\\Users\\ana\\Lease 2024.PDF", FileKind::Pdf), "Lease 2024.pdf");
        assert_eq!(clean_name("../../etc/passwd", FileKind::Png), "passwd.png");
        assert_eq!(clean_name("photo.exe", FileKind::Jpeg), "photo.jpg");
        assert_eq!(clean_name("bank\u{202E}fdp.exe", FileKind::Pdf), "bankfdp.pdf", "no direction override");
        assert_eq!(clean_name("<script>.pdf", FileKind::Pdf), "_script_.pdf");
        assert_eq!(clean_name("", FileKind::Tiff), "evidence.tif");
        assert_eq!(clean_name("Nguyễn Văn Đức — hộ chiếu.jpg", FileKind::Jpeg), "Nguyễn Văn Đức _ hộ chiếu.jpg");
        assert_eq!(clean_name(&"a".repeat(500), FileKind::Pdf).chars().count(), NAME_MAX);
        // A cut that ends on a dot does not leave it before the extension.
        let cut_on_a_dot = format!("{}.x", "a".repeat(NAME_MAX - 5));
        assert_eq!(
            clean_name(&format!("{cut_on_a_dot}.pdf"), FileKind::Pdf),
            format!("{}.pdf", "a".repeat(NAME_MAX - 5))
        );
    }
}
