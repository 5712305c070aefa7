//! Adding a case filed on paper (issue 13): only a case of the account's own record joins it,
//! with the case's access code or the record's date of birth; every other try reads the same;
//! ten tries a day; a case already there is answered kindly.

use crate::common::*;
use app::server::seed::{
    DEMO_EMAIL, DEMO_PASSWORD, PAPER_CASE_ACCESS_CODE, PAPER_CASE_BY_DATE_OF_BIRTH, PAPER_CASE_WITH_CODE,
};
use chrono::Duration;

const NOT_ADDED: &str = "/add-case?error=case_not_added";

async fn demo(app: &TestApp) -> Browser {
    let browser = app.browser();
    assert_eq!(app.sign_in(&browser, DEMO_EMAIL, DEMO_PASSWORD).await, "/dashboard");
    browser
}

async fn add_with_code(browser: &Browser, receipt: &str, code: &str) -> String {
    location(&browser.submit("add_paper_case", &[("receipt_number", receipt), ("access_code", code)]).await)
}

async fn add_with_birth_date(browser: &Browser, receipt: &str, (month, day, year): (&str, &str, &str)) -> String {
    let fields =
        [("receipt_number", receipt), ("access_code", ""), ("dob_month", month), ("dob_day", day), ("dob_year", year)];
    location(&browser.submit("add_paper_case", &fields).await)
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_paper_case_joins_the_account_with_its_access_code_once() {
    let app = spawn_app().await;
    let browser = demo(&app).await;
    // Not shown, not opened, not on the dashboard until added.
    assert!(!body(browser.get("/dashboard").await).await.contains(PAPER_CASE_WITH_CODE));
    let hidden = body(browser.get(&format!("/cases/{PAPER_CASE_WITH_CODE}")).await).await;
    assert!(hidden.contains("We could not find a case"), "{hidden}");

    // Typed as people type it: lower case, spaces.
    let added = add_with_code(&browser, "ioe 0912345609", "papr 4k7n 2qxd").await;
    assert_eq!(added, format!("/cases/{PAPER_CASE_WITH_CODE}?added=1"));
    let page = body(browser.get(&added).await).await;
    assert!(page.contains("The case was added to your account") && page.contains("Form I-130"), "{page}");
    assert!(body(browser.get("/dashboard").await).await.contains(PAPER_CASE_WITH_CODE));

    // A second time: kindly, whatever the code.
    let again = add_with_code(&browser, PAPER_CASE_WITH_CODE, PAPER_CASE_ACCESS_CODE).await;
    assert_eq!(again, "/add-case?error=case_already_added");
    assert!(body(browser.get(&again).await).await.contains("This case is already on your account"));
    // A case filed online is on the account already.
    assert_eq!(add_with_code(&browser, "IOE0912345601", "ANYC-ODE2-3456").await, "/add-case?error=case_already_added");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn without_a_code_the_date_of_birth_on_the_record_adds_it() {
    let app = spawn_app().await;
    let browser = demo(&app).await;
    assert_eq!(add_with_birth_date(&browser, PAPER_CASE_BY_DATE_OF_BIRTH, ("4", "29", "1986")).await, NOT_ADDED);
    assert_eq!(
        add_with_birth_date(&browser, PAPER_CASE_BY_DATE_OF_BIRTH, ("13", "1", "1986")).await,
        "/add-case?error=date_of_birth_invalid"
    );
    assert_eq!(
        add_with_birth_date(&browser, PAPER_CASE_BY_DATE_OF_BIRTH, ("4", "28", "1986")).await,
        format!("/cases/{PAPER_CASE_BY_DATE_OF_BIRTH}?added=1")
    );
    assert_eq!(
        add_with_birth_date(&browser, "nonsense", ("4", "28", "1986")).await,
        "/add-case?error=receipt_invalid&reason=receipt_number_shape"
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn someone_elses_case_an_unknown_one_and_a_wrong_code_read_the_same() {
    let app = spawn_app().await;
    let browser = demo(&app).await;
    // Li's case (another record), a receipt number nobody has, and María's own case with a wrong
    // or someone else's code: one answer.
    assert_eq!(add_with_code(&browser, "SRC2290123406", PAPER_CASE_ACCESS_CODE).await, NOT_ADDED);
    assert_eq!(add_with_code(&browser, "EAC9999999999", PAPER_CASE_ACCESS_CODE).await, NOT_ADDED);
    assert_eq!(add_with_code(&browser, PAPER_CASE_WITH_CODE, "WRNG-CODE-2345").await, NOT_ADDED);
    assert_eq!(add_with_code(&browser, PAPER_CASE_BY_DATE_OF_BIRTH, PAPER_CASE_ACCESS_CODE).await, NOT_ADDED);
    assert_eq!(
        add_with_birth_date(&browser, "SRC2290123406", ("7", "15", "1992")).await,
        NOT_ADDED,
        "Li's own birth date"
    );
    let page = body(browser.get(NOT_ADDED).await).await;
    assert!(page.contains("We could not add this case"), "{page}");

    // Another applicant with the right code still cannot add María's case.
    let ahmed = app.new_account("ahmed@example.com").await;
    assert_eq!(location(&ahmed.link_ahmed().await), "/dashboard");
    assert_eq!(add_with_code(&ahmed, PAPER_CASE_WITH_CODE, PAPER_CASE_ACCESS_CODE).await, NOT_ADDED);
    // And the code was not used up by those tries.
    assert_eq!(
        add_with_code(&browser, PAPER_CASE_WITH_CODE, PAPER_CASE_ACCESS_CODE).await,
        format!("/cases/{PAPER_CASE_WITH_CODE}?added=1")
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn ten_tries_a_day_then_wait_and_an_old_code_is_refused() {
    let app = spawn_app().await;
    let browser = demo(&app).await;
    // The code on the notice works for 90 days.
    app.advance(Duration::days(91));
    let browser = {
        drop(browser);
        demo(&app).await
    };
    assert_eq!(add_with_code(&browser, PAPER_CASE_WITH_CODE, PAPER_CASE_ACCESS_CODE).await, NOT_ADDED);
    for _ in 0..9 {
        assert_eq!(add_with_code(&browser, "EAC9999999999", "WRNG-CODE-2345").await, NOT_ADDED);
    }
    let right =
        [("receipt_number", PAPER_CASE_BY_DATE_OF_BIRTH), ("dob_month", "4"), ("dob_day", "28"), ("dob_year", "1986")];
    let refused = browser.submit("add_paper_case", &right).await;
    assert_eq!(refused.status(), 429, "the eleventh try in a day, right or not");
    app.advance(Duration::days(1));
    let browser = demo(&app).await;
    assert_eq!(
        add_with_birth_date(&browser, PAPER_CASE_BY_DATE_OF_BIRTH, ("4", "28", "1986")).await,
        format!("/cases/{PAPER_CASE_BY_DATE_OF_BIRTH}?added=1")
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_officers_change_to_a_paper_case_reaches_the_account_only_once_added() {
    use app::server::entities::{case, notification, outbox_message};
    use sea_orm::{ColumnTrait, EntityTrait, PaginatorTrait, QueryFilter};
    let app = spawn_app().await;
    let browser = demo(&app).await;
    let officer = crate::staff::staff_browser(&app, app::domain::Role::Officer).await;
    let count = || async {
        (
            notification::Entity::find().count(&app.state.db).await.unwrap(),
            outbox_message::Entity::find().count(&app.state.db).await.unwrap(),
        )
    };
    let change = |status: &'static str| {
        let officer = &officer;
        let app = &app;
        async move {
            let row = case::Entity::find()
                .filter(case::Column::ReceiptNumber.eq(PAPER_CASE_WITH_CODE))
                .one(&app.state.db)
                .await
                .unwrap()
                .unwrap();
            let version = row.version.to_string();
            let fields = [("receipt", PAPER_CASE_WITH_CODE), ("version", version.as_str()), ("status", status)];
            let done = location(&officer.submit("staff_change_status", &fields).await);
            assert!(done.ends_with("?done=1"), "{done}");
        }
    };
    let before = count().await;
    // The demo's paper case waits on initial evidence; its response came by post.
    change("response_to_evidence_request_was_received").await;
    assert_eq!(count().await, before, "nobody is told of a case not on an account");
    assert_eq!(
        add_with_code(&browser, PAPER_CASE_WITH_CODE, PAPER_CASE_ACCESS_CODE).await,
        format!("/cases/{PAPER_CASE_WITH_CODE}?added=1")
    );
    change("case_is_being_actively_reviewed").await;
    let after = count().await;
    assert!(after.0 == before.0 + 1 && after.1 > before.1, "{before:?} → {after:?}");
    let page = body(browser.get(&format!("/cases/{PAPER_CASE_WITH_CODE}")).await).await;
    assert!(
        page.contains("Response To USCIS&#x27; Request For Evidence Was Received")
            || page.contains("Response To USCIS' Request For Evidence Was Received"),
        "the history from before it was added shows too: {page}"
    );
}
