//! Reporting a new address (AR-11): the change reaches every pending case of the record in one
//! go — a history entry and an AR-11 confirmation notice each — and the owner is mailed; decided
//! cases and paper cases not yet added are left alone; a refused form keeps what was typed.

use crate::common::*;
use app::domain::case_workflow::is_open;
use app::domain::CaseStatus;
use app::server::entities::{case, case_event, notice};
use app::server::seed::{DEMO_EMAIL, DEMO_PASSWORD};
use sea_orm::{ColumnTrait, EntityTrait, QueryFilter};

fn houston(which: &'static str) -> Vec<(&'static str, &'static str)> {
    vec![
        ("which", which),
        ("line1", "12 Elm St"),
        ("line2", "Apt 4"),
        ("city", "Houston"),
        ("region", "tx"),
        ("postal_code", "77002"),
        ("country", ""),
    ]
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_new_address_reaches_every_pending_case_and_only_those() {
    let app = spawn_app().await;
    let browser = app.browser();
    assert!(!app.sign_in(&browser, DEMO_EMAIL, DEMO_PASSWORD).await.starts_with("/sign-in"));
    let page = body(browser.get("/account/address").await).await;
    assert!(page.contains("within 10 days of moving") && page.contains("Not on file"), "{page}");

    // A ZIP code that is not one: said beside the field, and what was typed is still there.
    let mut wrong = houston("both");
    wrong[5] = ("postal_code", "7700");
    let refused = browser.submit("change_address", &wrong).await;
    assert_eq!(location(&refused), "/account/address?error=address_invalid&reason=address_zip_shape");
    let page = body(browser.get(&location(&refused)).await).await;
    assert!(page.contains("Enter a 5-digit ZIP code, or ZIP+4"), "{page}");
    assert!(page.contains(r#"value="12 Elm St""#) && page.contains(r#"value="7700""#), "nothing typed is lost: {page}");

    let demo = app.account_id(DEMO_EMAIL).await;
    let record = app::server::entities::account::Entity::find_by_id(demo)
        .one(&app.state.db)
        .await
        .unwrap()
        .unwrap()
        .record_id
        .unwrap();
    let cases = case::Entity::find().filter(case::Column::RecordId.eq(record)).all(&app.state.db).await.unwrap();
    let pending: Vec<&case::Model> =
        cases.iter().filter(|c| is_open(c.status) && (!c.filed_on_paper || c.added_online_at.is_some())).collect();
    assert!(!pending.is_empty() && pending.len() < cases.len(), "the demo record has cases of both kinds");

    let changed = browser.submit("change_address", &houston("both")).await;
    assert_eq!(location(&changed), format!("/account/address?changed={}", pending.len()));
    let page = body(browser.get(&location(&changed)).await).await;
    assert!(page.contains("12 Elm St") && page.contains("Houston TX 77002"), "{page}");
    assert!(page.contains(&format!("recorded on {} pending case(s)", pending.len())), "{page}");

    for row in &cases {
        let events = case_event::Entity::find()
            .filter(case_event::Column::CaseId.eq(row.id))
            .filter(case_event::Column::Status.eq(CaseStatus::AddressWasUpdated))
            .all(&app.state.db)
            .await
            .unwrap();
        let notices = notice::Entity::find()
            .filter(notice::Column::CaseId.eq(row.id))
            .filter(notice::Column::Title.eq("Change of Address Confirmation (AR-11)"))
            .all(&app.state.db)
            .await
            .unwrap();
        let expected = usize::from(pending.iter().any(|p| p.id == row.id));
        assert_eq!((events.len(), notices.len()), (expected, expected), "{}", row.receipt_number);
        if expected == 1 {
            assert!(notices[0].body.contains("12 Elm St\nApt 4\nHouston TX 77002"), "{}", notices[0].body);
            assert!(notices[0].body_es.as_deref().unwrap().contains("Número de Recibo"));
        }
        let now = case::Entity::find_by_id(row.id).one(&app.state.db).await.unwrap().unwrap();
        assert_eq!(now.status, row.status, "the case's own status does not move");
    }
    // The case page's history shows it first (newest first).
    let case_page = body(browser.get(&format!("/cases/{}", pending[0].receipt_number)).await).await;
    let update = case_page.find("Case Was Updated To Show That Address Was Changed").expect("in the history");
    let received = case_page.rfind("Case Was Received").unwrap();
    assert!(update < received, "newest first");
    let mail = app.wait_for_mail(DEMO_EMAIL, "Your change of address was received (AR-11)", 1).await;
    assert!(decode_quoted_printable(&mail[0]).contains("Houston TX 77002"), "{}", mail[0]);
    let events = body(browser.get("/security-events").await).await;
    assert!(events.contains("Address changed (AR-11)"), "{events}");

    // Only the mailing address, abroad.
    let abroad = [
        ("which", "mailing"),
        ("line1", "Calle 5 de Mayo 10"),
        ("line2", ""),
        ("city", "Oaxaca"),
        ("region", "Oax."),
        ("postal_code", "68000"),
        ("country", "Mexico"),
    ];
    assert!(location(&browser.submit("change_address", &abroad).await).starts_with("/account/address?changed="));
    let page = body(browser.get("/account/address").await).await;
    let (mailing, physical) = page.split_once("Physical address").unwrap();
    let physical = &physical[..physical.find("</dd>").unwrap()];
    assert!(
        mailing.contains("MEXICO") && !physical.contains("MEXICO") && physical.contains("Houston TX 77002"),
        "{mailing} / {physical}"
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn addresses_need_a_linked_record_and_changes_are_limited() {
    let app = spawn_app().await;
    let browser = app.new_account("mover@example.com").await;
    let page = body(browser.get("/account/address").await).await;
    assert!(page.contains("Link your immigration record first"), "{page}");
    assert_eq!(
        location(&browser.submit("change_address", &houston("both")).await),
        "/account/address?error=record_not_linked_yet"
    );
    assert_eq!(location(&browser.link_ahmed().await), "/dashboard");
    for _ in 0..5 {
        assert_eq!(location(&browser.submit("change_address", &houston("both")).await), "/account/address?changed=2");
    }
    assert_eq!(browser.submit("change_address", &houston("both")).await.status(), 429, "5 changes a day");
    assert_eq!(app.mail_to("mover@example.com", "Your change of address was received (AR-11)").len(), 5);
}
