//! Responding to a Request for Evidence, on the local file store and on an S3-protocol server run
//! here (s3s-fs): files are typed by their bytes, limited in size and number, cleaned of their
//! names, stored all or nothing (an upload refused or cut half-way leaves nothing behind), listed,
//! removable until the response is submitted, fetched only by their owner and staff (as
//! attachments, never sniffed or cached); the response is signed with the record's name, submitted
//! once before the due date, moves the case, adds its history and issues a receipt notice.

use crate::common::*;
use crate::staff::staff_browser;
use app::domain::{CaseStatus, Role};
use app::server::entities::{audit_entry, case, evidence_file, notice};
use app::server::seed::{DEMO_EMAIL, DEMO_PASSWORD};
use sea_orm::{ColumnTrait, EntityTrait, PaginatorTrait, QueryFilter, QueryOrder};

const RFE_CASE: &str = "IOE0912345601";

fn page() -> String {
    format!("/cases/{RFE_CASE}/evidence")
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

fn jpeg() -> Vec<u8> {
    let mut bytes = vec![0xFF, 0xD8, 0xFF, 0xE0];
    bytes.extend_from_slice(&[7; 2000]);
    bytes.extend_from_slice(&[0xFF, 0xD9]);
    bytes
}

/// A real PDF: one of the case's own notices, as Portico renders it.
async fn pdf(app: &TestApp, browser: &Browser) -> Vec<u8> {
    let row = case_row(app, RFE_CASE).await;
    let first = notice::Entity::find()
        .filter(notice::Column::CaseId.eq(row.id))
        .order_by_asc(notice::Column::Id)
        .one(&app.state.db)
        .await
        .unwrap()
        .unwrap();
    let bytes = browser.get(&app::routes::notice(RFE_CASE, first.id)).await.bytes().await.unwrap().to_vec();
    assert!(bytes.starts_with(b"%PDF-"));
    bytes
}

async fn case_row(app: &TestApp, receipt: &str) -> case::Model {
    case::Entity::find().filter(case::Column::ReceiptNumber.eq(receipt)).one(&app.state.db).await.unwrap().unwrap()
}

/// Posts files to the evidence form the way a browser does (multipart).
async fn upload(browser: &Browser, files: &[(&str, Vec<u8>)]) -> reqwest::Response {
    let mut form = reqwest::multipart::Form::new();
    for (name, bytes) in files {
        form = form.part("files", reqwest::multipart::Part::bytes(bytes.clone()).file_name(name.to_string()));
    }
    browser
        .client
        .post(format!("{}/cases/{RFE_CASE}/evidence/files", browser.base))
        .header("accept", "text/html")
        .header("origin", browser.base.clone())
        .multipart(form)
        .send()
        .await
        .unwrap()
}

/// Rows and stored files of the case's request so far.
async fn kept(app: &TestApp) -> (u64, usize) {
    let row = case_row(app, RFE_CASE).await;
    let rows = evidence_file::Entity::find().filter(evidence_file::Column::CaseId.eq(row.id)).all(&app.state.db).await;
    let rows = rows.unwrap();
    let request = notice::Entity::find()
        .filter(notice::Column::CaseId.eq(row.id))
        .filter(notice::Column::ResponseDueOn.is_not_null())
        .one(&app.state.db)
        .await
        .unwrap()
        .unwrap();
    let stored = app.state.files.count_under(&format!("evidence/{}/{}", row.id, request.id)).await.unwrap();
    (rows.len() as u64, stored)
}

async fn respond_with_two_files(app: &TestApp) {
    let maria = app.browser();
    assert!(!app.sign_in(&maria, DEMO_EMAIL, DEMO_PASSWORD).await.starts_with("/sign-in"));
    let case_page = body(maria.get(&format!("/cases/{RFE_CASE}")).await).await;
    assert!(case_page.contains("Respond to the Request for Evidence") && case_page.contains(&page()), "{case_page}");
    let form = body(maria.get(&page()).await).await;
    assert!(form.contains("What we asked for") && form.contains("due by February 6, 2027"), "{form}");
    let pdf = pdf(app, &maria).await;

    // Refused, each with its reason, and nothing kept — not even the good file sent alongside.
    let too_large = {
        let mut bytes = pdf.clone();
        bytes.resize(6 * 1024 * 1024 + 1, b' ');
        bytes
    };
    for (files, error) in [
        (vec![("invoice.pdf", b"MZ\x90\0 a program".to_vec())], "file_type_refused"),
        (vec![("lease.pdf", pdf.clone()), ("empty.png", Vec::new())], "file_empty"),
        (vec![("lease.pdf", pdf.clone()), ("cut.pdf", pdf[..pdf.len() / 2].to_vec())], "file_corrupt"),
        (vec![("big.pdf", too_large)], "file_too_large"),
        (vec![], "file_missing"),
    ] {
        let refused = upload(&maria, &files).await;
        assert_eq!(location(&refused), format!("{}?error={error}", page()), "{error}");
        assert_eq!(kept(app).await, (0, 0), "{error}: nothing left behind");
    }
    let page_now = body(maria.get(&format!("{}?error=file_corrupt", page())).await).await;
    assert!(page_now.contains("damaged or incomplete"), "{page_now}");

    // Two files in one upload: typed by their bytes, names cleaned.
    let uploaded = upload(&maria, &[("../../Lease 2024.PDF", pdf.clone()), ("photo<1>.exe", png())]).await;
    assert_eq!(location(&uploaded), format!("{}?uploaded=2", page()));
    assert_eq!(kept(app).await, (2, 2));
    let listed = body(maria.get(&location(&uploaded)).await).await;
    assert!(listed.contains("Lease 2024.pdf") && listed.contains("photo_1_.png"), "{listed}");
    assert!(listed.contains("Files uploaded: 2"), "{listed}");

    // Downloads: the owner's own, as an attachment of its real type, never sniffed or kept.
    let files = evidence_file::Entity::find().order_by_asc(evidence_file::Column::Id).all(&app.state.db).await.unwrap();
    let (lease, photo) = (&files[0], &files[1]);
    let own = maria.get(&app::routes::evidence_file(RFE_CASE, lease.id)).await;
    assert_eq!(own.status(), 200);
    let headers = own.headers().clone();
    assert_eq!(headers["content-type"], "application/pdf");
    assert!(headers["content-disposition"].to_str().unwrap().starts_with("attachment; filename=\"Lease 2024.pdf\""));
    assert_eq!(headers["x-content-type-options"], "nosniff");
    assert_eq!(headers["cache-control"], "private, no-store");
    assert_eq!(own.bytes().await.unwrap().to_vec(), pdf);

    // Someone else gets "not found"; staff who read cases get it (audited); the applicant has no
    // staff door.
    let ahmed = app.new_account("ahmed@example.com").await;
    assert_eq!(location(&ahmed.link_ahmed().await), "/dashboard");
    assert_eq!(ahmed.get(&app::routes::evidence_file(RFE_CASE, lease.id)).await.status(), 404);
    assert_eq!(upload(&ahmed, &[("x.png", png())]).await.status(), 404);
    let officer = staff_browser(app, Role::Officer).await;
    let staff_copy = officer.get(&app::routes::staff_evidence_file(RFE_CASE, photo.id)).await;
    assert_eq!(staff_copy.status(), 200);
    assert_eq!(staff_copy.headers()["content-type"], "image/png");
    assert_eq!(staff_copy.bytes().await.unwrap().to_vec(), png());
    let audited = audit_entry::Entity::find()
        .filter(audit_entry::Column::Action.eq("read_evidence"))
        .count(&app.state.db)
        .await
        .unwrap();
    assert_eq!(audited, 1);
    let applicant_at_staff_door = maria.get(&app::routes::staff_evidence_file(RFE_CASE, photo.id)).await;
    assert_ne!(applicant_at_staff_door.status(), 200);

    // Removed before submitting: gone from the list and from the store.
    let id = photo.id.to_string();
    let removed = maria.submit("remove_evidence_file", &[("receipt_number", RFE_CASE), ("file", &id)]).await;
    assert_eq!(location(&removed), format!("{}?removed=1", page()));
    assert_eq!(kept(app).await, (1, 1));
    assert_eq!(location(&upload(&maria, &[("scan.jpeg", jpeg())]).await), format!("{}?uploaded=1", page()));

    // Signed with the record's name (accents and case aside), once.
    let wrong = maria.submit("submit_evidence", &[("receipt_number", RFE_CASE), ("signature", "Maria Lopez")]).await;
    assert_eq!(location(&wrong), format!("{}?error=signature_mismatch", page()));
    let again = body(maria.get(&location(&wrong)).await).await;
    assert!(again.contains(r#"value="Maria Lopez""#), "the signature typed stays: {again}");
    let version_before = case_row(app, RFE_CASE).await.version;
    let signed = [("receipt_number", RFE_CASE), ("signature", "maria elena garcia lopez")];
    let submitted = maria.submit("submit_evidence", &signed).await;
    assert_eq!(location(&submitted), format!("/cases/{RFE_CASE}?responded=1"));
    let row = case_row(app, RFE_CASE).await;
    assert_eq!(row.status, CaseStatus::ResponseToEvidenceRequestWasReceived);
    assert_eq!(row.version, version_before + 1);
    let receipt = notice::Entity::find()
        .filter(notice::Column::CaseId.eq(row.id))
        .order_by_desc(notice::Column::Id)
        .one(&app.state.db)
        .await
        .unwrap()
        .unwrap();
    assert!(receipt.title.contains("Response To"), "{}", receipt.title);
    assert!(receipt.body.contains("We received 2 file(s)") && receipt.body.contains("maria elena garcia lopez"));
    let case_page = body(maria.get(&location(&submitted)).await).await;
    assert!(case_page.contains("We received your response.") && case_page.contains("Response To"), "{case_page}");
    let done = body(maria.get(&page()).await).await;
    assert!(done.contains("We received your response on") && !done.contains("Upload files"), "{done}");

    // Late or second: refused with the reason.
    let twice = maria.submit("submit_evidence", &signed).await;
    assert_eq!(location(&twice), format!("{}?error=evidence_already_submitted", page()));
    let more = upload(&maria, &[("more.png", png())]).await;
    assert_eq!(location(&more), format!("{}?error=evidence_already_submitted", page()));
    let lease_id = lease.id.to_string();
    let remove_late = maria.submit("remove_evidence_file", &[("receipt_number", RFE_CASE), ("file", &lease_id)]).await;
    assert_eq!(location(&remove_late), format!("{}?error=evidence_already_submitted", page()));
    assert_eq!(kept(app).await, (2, 2));

    // The officer sees the files on the case.
    let staff_page = body(officer.get(&format!("/staff/cases/{RFE_CASE}")).await).await;
    assert!(staff_page.contains("Lease 2024.pdf") && staff_page.contains("scan.jpg"), "{staff_page}");
    assert!(staff_page.contains("; submitted") && !staff_page.contains("not submitted yet"), "{staff_page}");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_response_with_two_files_is_submitted_once_on_the_local_store() {
    let app = spawn_app().await;
    respond_with_two_files(&app).await;
}

/// An S3-protocol server on a fresh directory, with bucket `portico-evidence`; its address.
async fn s3_server() -> String {
    use hyper_util::rt::{TokioExecutor, TokioIo};
    use rand::Rng;
    let suffix: u64 = rand::thread_rng().gen();
    let root = std::env::temp_dir().join(format!("portico-s3-{suffix:x}"));
    std::fs::create_dir_all(root.join("portico-evidence")).unwrap();
    let mut builder = s3s::service::S3ServiceBuilder::new(s3s_fs::FileSystem::new(&root).unwrap());
    builder.set_auth(s3s::auth::SimpleAuth::from_single("portico-test", "portico-test-secret"));
    let service = builder.build();
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let address = format!("http://{}", listener.local_addr().unwrap());
    tokio::spawn(async move {
        loop {
            let Ok((socket, _)) = listener.accept().await else { continue };
            let service = service.clone();
            tokio::spawn(async move {
                let builder = hyper_util::server::conn::auto::Builder::new(TokioExecutor::new());
                let _ = builder.serve_connection(TokioIo::new(socket), service).await;
            });
        }
    });
    address
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_response_with_two_files_is_submitted_once_on_s3() {
    let endpoint = s3_server().await;
    let app = spawn_app_with(&[
        ("PORTICO_S3_BUCKET", "portico-evidence"),
        ("PORTICO_S3_ENDPOINT", &endpoint),
        ("PORTICO_S3_ACCESS_KEY_ID", "portico-test"),
        ("PORTICO_S3_SECRET_ACCESS_KEY", "portico-test-secret"),
    ])
    .await;
    respond_with_two_files(&app).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_upload_cut_half_way_leaves_nothing_and_a_late_response_is_refused() {
    let app = spawn_app().await;
    let maria = app.browser();
    assert!(!app.sign_in(&maria, DEMO_EMAIL, DEMO_PASSWORD).await.starts_with("/sign-in"));
    let pdf = pdf(&app, &maria).await;

    // The body stops after a whole first file and part of a second: the connection ends there.
    let boundary = "portico-cut-boundary";
    let mut head = Vec::new();
    head.extend_from_slice(
        format!(
            "--{boundary}\r\nContent-Disposition: form-data; name=\"files\"; filename=\"a.pdf\"\r\n\
             Content-Type: application/pdf\r\n\r\n"
        )
        .as_bytes(),
    );
    head.extend_from_slice(&pdf);
    head.extend_from_slice(
        format!(
            "\r\n--{boundary}\r\nContent-Disposition: form-data; name=\"files\"; filename=\"b.pdf\"\r\n\
             Content-Type: application/pdf\r\n\r\n"
        )
        .as_bytes(),
    );
    head.extend_from_slice(&pdf[..pdf.len() / 2]);
    let chunks: Vec<Result<Vec<u8>, std::io::Error>> =
        vec![Ok(head), Err(std::io::Error::new(std::io::ErrorKind::ConnectionReset, "cut"))];
    let cut = maria
        .client
        .post(format!("{}/cases/{RFE_CASE}/evidence/files", maria.base))
        .header("accept", "text/html")
        .header("origin", maria.base.clone())
        .header("content-type", format!("multipart/form-data; boundary={boundary}"))
        .body(reqwest::Body::wrap_stream(futures::stream::iter(chunks)))
        .send()
        .await;
    assert!(cut.is_err() || cut.as_ref().is_ok_and(|r| r.status() != 303 || location(r).contains("error")));
    // The server notices the cut body in its own time.
    let mut left = (1, 1);
    for _ in 0..50 {
        left = kept(&app).await;
        if left == (0, 0) {
            break;
        }
        tokio::time::sleep(std::time::Duration::from_millis(100)).await;
    }
    assert_eq!(left, (0, 0), "nothing of the cut upload is kept");

    // After the due date: refused with the reason.
    let due_end: chrono::DateTime<chrono::Utc> = "2027-02-07T00:00:00Z".parse().unwrap();
    app.advance(due_end - app.clock_now());
    let maria = app.browser();
    assert!(!app.sign_in(&maria, DEMO_EMAIL, DEMO_PASSWORD).await.starts_with("/sign-in"));
    let late = upload(&maria, &[("late.png", png())]).await;
    assert_eq!(location(&late), format!("{}?error=evidence_late", page()));
    let signed = [("receipt_number", RFE_CASE), ("signature", "María Elena García López")];
    assert_eq!(location(&maria.submit("submit_evidence", &signed).await), format!("{}?error=evidence_late", page()));
    let shown = body(maria.get(&page()).await).await;
    assert!(shown.contains("The due date has passed") && !shown.contains("Upload files"), "{shown}");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn of_two_submissions_at_once_one_is_received_and_the_other_told() {
    let app = spawn_app().await;
    let maria = app.browser();
    assert!(!app.sign_in(&maria, DEMO_EMAIL, DEMO_PASSWORD).await.starts_with("/sign-in"));
    assert_eq!(location(&upload(&maria, &[("scan.png", png())]).await), format!("{}?uploaded=1", page()));
    let notices_before = notice::Entity::find().count(&app.state.db).await.unwrap();
    let signed = [("receipt_number", RFE_CASE), ("signature", "María Elena García López")];
    let (one, other) = tokio::join!(maria.submit("submit_evidence", &signed), maria.submit("submit_evidence", &signed));
    let mut answers = vec![location(&one), location(&other)];
    answers.sort();
    assert_eq!(
        answers,
        vec![format!("{}?error=evidence_already_submitted", page()), format!("/cases/{RFE_CASE}?responded=1")]
    );
    let responses = app::server::entities::evidence_response::Entity::find().count(&app.state.db).await.unwrap();
    assert_eq!(responses, 1);
    assert_eq!(notice::Entity::find().count(&app.state.db).await.unwrap(), notices_before + 1, "one receipt notice");
}

/// Many uploads to one request at once (several tabs, or a browser retrying on a poor
/// connection): each is answered — saved, or refused as one too many — never with a server error,
/// and the request never holds more than its limit. On SQLite some of them were answered
/// "database is locked" (500), found by `make soak`: a transaction that read before it wrote could
/// not wait for another writer (`app::server::begin_write`). On PostgreSQL two could each count
/// the files before either added its own (the request's row is now locked first).
#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn uploads_at_once_to_one_request_are_each_saved_or_refused_and_never_pass_the_limit() {
    use app::server::cases::evidence::MAX_FILES;
    let app = spawn_app().await;
    let maria = app.browser();
    assert!(!app.sign_in(&maria, DEMO_EMAIL, DEMO_PASSWORD).await.starts_with("/sign-in"));
    let tries = MAX_FILES + 8;
    let files: Vec<(String, Vec<u8>)> = (0..tries)
        .map(|k| {
            let mut bytes = png();
            bytes[16..20].copy_from_slice(&(k as u32 + 1).to_be_bytes());
            (format!("page-{k}.png"), bytes)
        })
        .collect();
    let maria = &maria;
    let answers = futures::future::join_all(
        files.iter().map(|(name, bytes)| async move { upload(maria, &[(name, bytes.clone())]).await }),
    )
    .await;
    let mut saved = 0;
    for answer in &answers {
        let to = location(answer);
        if to == format!("{}?uploaded=1", page()) {
            saved += 1;
        } else {
            assert_eq!(to, format!("{}?error=too_many_files", page()), "{}", answer.status());
        }
    }
    assert_eq!(saved, MAX_FILES, "every upload that fits is saved");
    assert_eq!(
        kept(&app).await,
        (MAX_FILES as u64, MAX_FILES),
        "and no more than the limit, rows and stored files alike"
    );
}
