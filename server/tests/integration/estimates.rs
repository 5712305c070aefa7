//! Processing-time estimates, from known data: a form and office with too few decided cases says
//! so; the officer's decision is counted in the same transaction; at 30 the pending case's page
//! says what 80% of them took, in months, what that rests on, and from which day the case is
//! outside normal processing time (the 93rd percentile); decided cases show none; the counts can
//! be rebuilt from the case histories.

use crate::common::*;
use crate::staff::staff_browser;
use app::domain::{CaseStatus, FormType, Role};
use app::server::cases::estimates;
use app::server::entities::{case, processing_time};
use app::server::seed::{DEMO_EMAIL, DEMO_PASSWORD};
use chrono::Duration;
use sea_orm::{ActiveModelTrait, ColumnTrait, EntityTrait, QueryFilter, Set};

const MARIA_I131: &str = "EAC2290123403";

async fn case_row(app: &TestApp, receipt: &str) -> case::Model {
    case::Entity::find().filter(case::Column::ReceiptNumber.eq(receipt)).one(&app.state.db).await.unwrap().unwrap()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_pending_case_shows_what_80_percent_took_once_30_were_decided() {
    let app = spawn_app().await;
    let maria = app.browser();
    assert!(!app.sign_in(&maria, DEMO_EMAIL, DEMO_PASSWORD).await.starts_with("/sign-in"));
    let page = body(maria.get(&format!("/cases/{MARIA_I131}")).await).await;
    assert!(page.contains("Too few Form I-131 cases at the New York City Field Office have been decided"), "{page}");

    // 29 decided already: 20 after 100 days, 6 after 300, 3 after 400. Still too few.
    let db = &app.state.db;
    for (days, count) in [(100, 20), (300, 6), (400, 3)] {
        estimates::record_decisions(db, FormType::I131, "NYC", days, count).await.unwrap();
    }
    let page = body(maria.get(&format!("/cases/{MARIA_I131}")).await).await;
    assert!(page.contains("Too few Form I-131 cases"), "29 is too few: {page}");

    // The 30th: an officer approves an I-131 at New York filed 250 days ago.
    let mine = case_row(&app, MARIA_I131).await;
    let today = app.clock_now().date_naive();
    let decided = case::ActiveModel {
        receipt_number: Set("EAC2290999001".into()),
        record_id: Set(mine.record_id),
        form_type: Set(FormType::I131),
        status: Set(CaseStatus::InterviewWasCompleted),
        filed_on: Set(today - Duration::days(250)),
        status_updated_at: Set(app.clock_now()),
        office: Set("NYC".into()),
        ..Default::default()
    }
    .insert(db)
    .await
    .unwrap();
    let officer = staff_browser(&app, Role::Officer).await;
    let version = decided.version.to_string();
    let approved = officer
        .submit(
            "staff_decide",
            &[("receipt", "EAC2290999001"), ("version", &version), ("decision", "approve"), ("reason", "")],
        )
        .await;
    assert!(location(&approved).ends_with("?done=1"), "{}", location(&approved));
    let counted = estimates::estimate(db, FormType::I131, "NYC").await.unwrap().expect("30 decided");
    // Ordered: 20 × 100, 1 × 250, 6 × 300, 3 × 400. The 24th (80%) took 300 days, the 28th (93%) 400.
    assert_eq!(counted, estimates::Estimate { decided: 30, within_days: 300, inquiry_after_days: 400 });

    let page = body(maria.get(&format!("/cases/{MARIA_I131}")).await).await;
    let from = mine.filed_on + Duration::days(401);
    let from = app::i18n::Lang::En.format_date(from);
    for sentence in [
        "80% of Form I-131 cases at the New York City Field Office were decided within 10 months.",
        "Based on 30 decided cases in Portico.",
        &format!("If your case is not decided by {from}, it is outside normal processing time"),
    ] {
        assert!(page.contains(sentence), "{sentence}: {page}");
    }
    // A decided case shows no estimate.
    let decided_page = body(maria.get("/cases/EAC2290999001").await).await;
    assert!(decided_page.contains("Case Was Approved") && !decided_page.contains("Processing time"), "{decided_page}");

    // The counts rebuild from the case histories: the 29 made-up ones are gone, the seeded
    // I-485s at the National Benefits Center and the officer's approval are counted again.
    processing_time::Entity::delete_many().exec(db).await.unwrap();
    assert!(estimates::rebuild_if_empty(db).await.unwrap() > 0);
    assert_eq!(estimates::estimate(db, FormType::I131, "NYC").await.unwrap(), None, "one decision is too few");
    let i485 = estimates::estimate(db, FormType::I485, "NBC").await.unwrap().expect("the demo's decided I-485s");
    assert_eq!(i485.decided, 45);
    assert_eq!(estimates::rebuild_if_empty(db).await.unwrap(), 0, "only while nothing is counted");
}
