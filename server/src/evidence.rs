//! The evidence files' own routes (plain axum, not server functions: a file upload is a multipart
//! form, a download is a file): the upload the evidence page posts, and the downloads of its
//! owner and of staff. The rules are `app::server::cases::evidence`'s; this reads the request and
//! answers.
//!
//! The upload reads one file at a time, never more than 6 MB of it (a larger one is refused as it
//! arrives), and hands it to the service, which stores it; at the end the files are recorded
//! together. A refusal, or a connection cut half-way, abandons the upload: what was stored of it is
//! removed. The answer is a redirect back to the page, with `?uploaded=<n>` or `?error=<code>`,
//! so the form works without JavaScript; a script asking for JSON gets the error as JSON.

use app::error::{AppError, FormError, Refusal};
use app::server::cases::evidence::{self, FileRead, MAX_FILE_BYTES};
use app::server::web::access::Viewer;
use app::server::web::authorization::{self, Action, Actor};
use app::server::AppState;
use axum::extract::{Multipart, Path, State};
use axum::http::{header, HeaderValue};
use axum::response::{IntoResponse, Redirect, Response};
use axum::Extension;
use bytes::Bytes;

/// The most an upload request may carry: every file at its largest, and room for the form's parts.
pub const UPLOAD_BODY_LIMIT: usize = evidence::MAX_FILES * (MAX_FILE_BYTES + 64 * 1024);

/// Why reading a file part stopped.
enum Read {
    Whole(Bytes),
    TooLarge,
}

/// Reads one part, never holding more than [`MAX_FILE_BYTES`] + 1 bytes of it.
async fn read_limited(field: &mut axum::extract::multipart::Field<'_>) -> Result<Read, AppError> {
    let mut bytes = Vec::new();
    loop {
        match field.chunk().await {
            Ok(Some(chunk)) => {
                if bytes.len() + chunk.len() > MAX_FILE_BYTES {
                    return Ok(Read::TooLarge);
                }
                bytes.extend_from_slice(&chunk);
            }
            Ok(None) => return Ok(Read::Whole(Bytes::from(bytes))),
            // The connection was cut, or the body is not the multipart it claimed to be.
            Err(error) => {
                tracing::info!(%error, "an evidence upload ended before its end");
                return Err(FormError::FileMissing.into());
            }
        }
    }
}

/// `POST /cases/{receipt}/evidence/files`: the files of the evidence form.
pub async fn upload(
    State(state): State<AppState>,
    Extension(viewer): Extension<Viewer>,
    Path(receipt): Path<String>,
    mut multipart: Multipart,
) -> Result<Response, AppError> {
    let session = viewer.signed_in().ok_or(AppError::SignInRequired)?;
    // The page's own address, from a well-formed receipt number only.
    let receipt = app::domain::ReceiptNumber::parse(&receipt).map_err(|_| AppError::NotFound)?.as_str().to_owned();
    let page = app::routes::evidence(&receipt);
    let mut upload = evidence::start_upload(&state, session, &receipt).await;
    let outcome = match &mut upload {
        Err(error) => Err(error.clone()),
        Ok(upload) => {
            async {
                loop {
                    let mut field = match multipart.next_field().await {
                        Ok(Some(field)) => field,
                        Ok(None) => break Ok(()),
                        Err(error) => {
                            tracing::info!(%error, "an evidence upload ended before its end");
                            break Err(AppError::from(FormError::FileMissing));
                        }
                    };
                    if field.name() != Some("files") {
                        continue;
                    }
                    let name = field.file_name().unwrap_or_default().to_owned();
                    let bytes = match read_limited(&mut field).await? {
                        Read::TooLarge => break Err(FormError::FileTooLarge.into()),
                        Read::Whole(bytes) => bytes,
                    };
                    // A file input left empty sends a part with no name and no bytes.
                    if name.is_empty() && bytes.is_empty() {
                        continue;
                    }
                    upload.add(&state, &name, bytes).await?;
                }
            }
            .await
        }
    };
    let finished = match (upload, outcome) {
        (Ok(upload), Ok(())) => upload.finish(&state).await,
        (Ok(upload), Err(error)) => {
            upload.abandon(&state).await;
            Err(error)
        }
        (Err(_), Err(error)) => Err(error),
        (Err(error), Ok(())) => Err(error),
    };
    match finished {
        Ok(count) => Ok(Redirect::to(&app::routes::with_query(&page, &format!("uploaded={count}"))).into_response()),
        Err(AppError::Form(error)) => {
            Ok(Redirect::to(&app::routes::with_query(&page, &Refusal::from(error).query())).into_response())
        }
        Err(other) => Err(other),
    }
}

/// A file as a download: an attachment of its own type, never sniffed, never kept.
fn download(file: FileRead, bytes: Bytes) -> Response {
    let ascii: String =
        file.name.chars().map(|c| if c.is_ascii_alphanumeric() || "-_.() ".contains(c) { c } else { '_' }).collect();
    let encoded: String = file
        .name
        .bytes()
        .map(|b| match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'_' | b'.' => (b as char).to_string(),
            _ => format!("%{b:02X}"),
        })
        .collect();
    let disposition = format!("attachment; filename=\"{ascii}\"; filename*=UTF-8''{encoded}");
    (
        [
            (header::CONTENT_TYPE, HeaderValue::from_static(file.kind.content_type())),
            (
                header::CONTENT_DISPOSITION,
                HeaderValue::from_str(&disposition).unwrap_or_else(|_| HeaderValue::from_static("attachment")),
            ),
            (header::X_CONTENT_TYPE_OPTIONS, HeaderValue::from_static("nosniff")),
            (header::CACHE_CONTROL, HeaderValue::from_static("private, no-store")),
        ],
        bytes,
    )
        .into_response()
}

/// `GET /cases/{receipt}/evidence/files/{file}`: the owner's own file.
pub async fn owner_download(
    State(state): State<AppState>,
    Extension(viewer): Extension<Viewer>,
    Path((receipt, file)): Path<(String, String)>,
) -> Result<Response, AppError> {
    let session = viewer.signed_in().ok_or(AppError::SignInRequired)?;
    let file = file.parse::<i32>().map_err(|_| AppError::NotFound)?;
    let (read, bytes) = evidence::owner_file(&state, session, &receipt, file).await?;
    Ok(download(read, bytes))
}

/// `GET /staff/cases/{receipt}/evidence/{file}`: staff who read cases (audited).
pub async fn staff_download(
    State(state): State<AppState>,
    Extension(viewer): Extension<Viewer>,
    Path((receipt, file)): Path<(String, String)>,
) -> Result<Response, AppError> {
    let staff = viewer.staff().ok_or(AppError::SignInRequired)?;
    if !authorization::permits(Actor::of(&viewer), Action::ReadCase) {
        return Err(AppError::Forbidden);
    }
    let file = file.parse::<i32>().map_err(|_| AppError::NotFound)?;
    let (read, bytes) = evidence::staff_file(&state, staff, &receipt, file).await?;
    Ok(download(read, bytes))
}
