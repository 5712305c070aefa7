//! Notices as PDF files: each in the reader's language, read back here by an independent PDF
//! reader (lopdf), and only ever for the owner of the case.

use crate::common::*;
use app::server::seed::{DEMO_EMAIL, DEMO_PASSWORD};

/// The notice links a page shows, in order: `/cases/<receipt>/notices/<id>`.
fn notice_links(page: &str) -> Vec<String> {
    page.match_indices("href=\"/cases/")
        .filter_map(|(at, _)| {
            let href = page[at + 6..].split('"').next()?;
            href.contains("/notices/").then(|| href.to_owned())
        })
        .collect()
}

fn pdf_text(bytes: &[u8]) -> String {
    let document = lopdf::Document::load_mem(bytes).expect("a PDF lopdf can read");
    let pages: Vec<u32> = document.get_pages().keys().copied().collect();
    document.extract_text(&pages).expect("text")
}

async fn request_for_evidence_link(browser: &Browser) -> String {
    let case = body(browser.get("/cases/IOE0912345601").await).await;
    notice_links(&case).into_iter().next().expect("the case page links its newest notice, the RFE")
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_notice_opens_as_a_pdf_in_english_and_in_spanish() {
    let app = spawn_app().await;
    let browser = app.browser();
    app.sign_in(&browser, DEMO_EMAIL, DEMO_PASSWORD).await;
    let dashboard = body(browser.get("/dashboard").await).await;
    assert_eq!(notice_links(&dashboard).len(), 5, "every listed notice links its PDF");

    let link = request_for_evidence_link(&browser).await;
    let response = browser.get(&link).await;
    assert_eq!(response.status(), 200);
    assert_eq!(response.headers()["content-type"], "application/pdf");
    assert_eq!(response.headers()["cache-control"], "private, no-store");
    let disposition = response.headers()["content-disposition"].to_str().unwrap().to_owned();
    assert!(disposition.starts_with("inline; filename=\"I-797E-IOE0912345601-"), "{disposition}");
    let text = pdf_text(&response.bytes().await.unwrap());
    for expected in [
        "Request for Evidence",
        "Form I-797E, Notice of Action",
        "Receipt number: IOE0912345601",
        "Case type: I-485 — Application to Register Permanent Residence or Adjust Status",
        "Applicant: María Elena García López",
        "Respond by: ",
        "Submit Form I-864",
    ] {
        assert!(text.contains(expected), "{expected:?} missing from {text:?}");
    }

    assert_eq!(location(&browser.submit("set_language", &[("language", "es")]).await), "/account?language=1");
    let case = body(browser.get("/cases/IOE0912345601").await).await;
    assert!(case.contains("I-797E Solicitud de Evidencia (PDF)"), "the notice's own title in Spanish");
    let text = pdf_text(&browser.get(&link).await.bytes().await.unwrap());
    for expected in [
        "Solicitud de Evidencia",
        "Formulario I-797E, Aviso de Acción",
        "Número de recibo: IOE0912345601",
        "Solicitante: María Elena García López",
        "Responda antes del: ",
        "Envíe el Formulario I-864",
        "Generado por Portico",
    ] {
        assert!(text.contains(expected), "{expected:?} missing from {text:?}");
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn only_the_owner_of_the_case_gets_its_notices() {
    let app = spawn_app().await;
    let owner = app.browser();
    app.sign_in(&owner, DEMO_EMAIL, DEMO_PASSWORD).await;
    let link = request_for_evidence_link(&owner).await;
    let notice_id = link.rsplit('/').next().unwrap().to_owned();

    // Signed out: sent to sign in, no file.
    let visitor = app.browser();
    assert_eq!(location(&visitor.get(&link).await), "/sign-in?required=1");

    // Another applicant, signed in and linked to their own record: as if it did not exist.
    let other = app.browser();
    app.sign_up_confirmed(&other, "ahmed@example.com", NEW_PASSWORD).await;
    app.sign_in(&other, "ahmed@example.com", NEW_PASSWORD).await;
    assert_eq!(location(&other.link_ahmed().await), "/dashboard");
    assert_eq!(other.get(&link).await.status(), 404);
    // Nor through one of their own cases.
    assert_eq!(other.get(&format!("/cases/LIN2190123404/notices/{notice_id}")).await.status(), 404);

    // The owner's notice under another of the owner's cases is not that case's notice.
    assert_eq!(owner.get(&format!("/cases/IOE0912345602/notices/{notice_id}")).await.status(), 404);
    assert_eq!(owner.get("/cases/IOE0912345601/notices/not-a-number").await.status(), 404);
    assert_eq!(owner.get(&link).await.status(), 200);
}

/// The text poppler's `pdftotext` reads from a PDF (it maps embedded glyphs back to letters).
fn poppler_text(bytes: &[u8]) -> String {
    use rand::Rng;
    let path = std::env::temp_dir().join(format!("portico-notice-{:x}.pdf", rand::thread_rng().gen::<u64>()));
    std::fs::write(&path, bytes).unwrap();
    let out = std::process::Command::new("pdftotext")
        .args([path.to_str().unwrap(), "-"])
        .output()
        .expect("pdftotext (poppler-utils, installed by scripts/setup.sh)");
    std::fs::remove_file(&path).ok();
    String::from_utf8(out.stdout).unwrap()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_name_in_vietnamese_is_printed_on_its_notice() {
    use crate::staff::staff_browser;
    use app::domain::Role;
    use app::server::entities::case;
    use sea_orm::{ColumnTrait, EntityTrait, QueryFilter};
    let app = spawn_app().await;
    // The demo's Nguyễn Văn An (A-Number A050000103) links a new account, typing his name without
    // its diacritics as many keyboards do, with the access code mailed to his record's address.
    let nguyen = app.new_account("an@example.com").await;
    let fields = [
        ("id_kind", "a_number"),
        ("id_number", "A050000103"),
        ("full_name", "NGUYEN VAN AN"),
        ("dob_month", "6"),
        ("dob_day", "21"),
        ("dob_year", "1982"),
        ("country_of_birth", "Vietnam"),
    ];
    nguyen.submit("link_record", &fields).await;
    let code = app.mailed_access_code("A050000103");
    assert_eq!(location(&nguyen.submit("enter_access_code", &[("access_code", &code)]).await), "/dashboard");
    // An officer moves one of his cases on: a notice is issued.
    let record = app::server::entities::immigration_record::Entity::find()
        .filter(app::server::entities::immigration_record::Column::ANumber.eq("A050000103"))
        .one(&app.state.db)
        .await
        .unwrap()
        .unwrap();
    let row =
        case::Entity::find().filter(case::Column::RecordId.eq(record.id)).one(&app.state.db).await.unwrap().unwrap();
    let officer = staff_browser(&app, Role::Officer).await;
    let next = app::domain::case_workflow::next_statuses(row.status)[0];
    let version = row.version.to_string();
    let fields = [("receipt", row.receipt_number.as_str()), ("version", &version), ("status", next.key())];
    assert!(location(&officer.submit("staff_change_status", &fields).await).ends_with("?done=1"));
    let page = body(nguyen.get(&format!("/cases/{}", row.receipt_number)).await).await;
    let link = notice_links(&page).into_iter().next().expect("the new notice");
    let pdf = nguyen.get(&link).await.bytes().await.unwrap();
    let text = poppler_text(&pdf);
    assert!(text.contains("Nguyễn Văn An"), "{text}");
    assert!(!text.contains("Nguy?n"), "{text}");
}
