//! `portico generate` on PostgreSQL: the made-up people and cases read like any others — an
//! officer opens a generated case and finds generated people by name — and running it again adds
//! nothing. On SQLite it refuses with the reason.

use crate::common::{body, spawn_app};
use crate::staff::staff_browser;
use app::domain::{Password, Role};

#[tokio::test]
async fn generated_people_and_cases_read_like_any_others() {
    let app = spawn_app().await;
    let hash = app.state.passwords.hash(Password::for_verification("no one knows this")).await.unwrap();
    let generate = || portico_server::generate::generate(&app.state.db, &hash, 100, 500, app.clock_now());
    let done = generate().await;
    if app.backend == "sqlite" {
        let refusal = done.unwrap_err().to_string();
        assert!(refusal.contains("PostgreSQL only"), "{refusal}");
        return;
    }
    let done = done.unwrap();
    assert_eq!(
        (done.records, done.accounts, done.cases, done.events, done.notices, done.appointments),
        (100, 100, 500, 1_500, 500, 50)
    );
    let officer = staff_browser(&app, Role::Officer).await;
    let case = officer.get("/staff/cases/MSC0000000007").await;
    assert_eq!(case.status(), 200);
    let case = body(case).await;
    assert!(case.contains("Receipt Notice") && case.contains("A700000007"), "its history, notice and record");
    // The first generated person is "Bashir Abernathy": found by the words of his name.
    let found = body(officer.get("/staff?q=bash+abern").await).await;
    assert!(found.contains("MSC0000000001") && found.contains("Bashir Abernathy"), "found by name");
    let again = generate().await.unwrap();
    assert_eq!((again.records, again.accounts, again.cases), (0, 0, 0), "nothing added twice");
}
