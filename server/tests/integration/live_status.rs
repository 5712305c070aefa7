//! Live status: an applicant's open page hears of a change to their case at once (within 2 s),
//! nobody else's does; the stream closes at sign-out; on PostgreSQL a change made on one instance
//! reaches a page streamed from another. And the in-app notifications with their unread count.

use crate::common::{body, location, spawn_app, Browser, TestApp};
use crate::staff::staff_browser;
use app::domain::Role;
use app::server::entities::case;
use app::server::seed::{DEMO_EMAIL, DEMO_PASSWORD};
use sea_orm::{ColumnTrait, EntityTrait, QueryFilter};
use std::time::Duration;

const MARIA_I131: &str = "EAC2290123403";

/// An open `/live` stream, read event by event.
pub(crate) struct Stream {
    response: reqwest::Response,
    buffer: String,
}

impl Stream {
    pub(crate) async fn open(browser: &Browser, base: &str) -> Stream {
        let response =
            browser.client.get(format!("{base}/live")).header("accept", "text/event-stream").send().await.unwrap();
        assert_eq!(response.status(), 200);
        let mut stream = Stream { response, buffer: String::new() };
        assert_eq!(stream.next_event(Duration::from_secs(2)).await.as_deref(), Some("ready"));
        stream
    }

    /// The name of the next event within `wait` (keep-alive comments skipped); `None` if none came,
    /// `Some("closed")` if the stream ended.
    pub(crate) async fn next_event(&mut self, wait: Duration) -> Option<String> {
        let deadline = tokio::time::Instant::now() + wait;
        loop {
            while let Some(end) = self.buffer.find("\n\n") {
                let block: String = self.buffer.drain(..end + 2).collect();
                if let Some(name) = block.lines().find_map(|l| l.strip_prefix("event:")) {
                    return Some(name.trim().to_owned());
                }
            }
            match tokio::time::timeout_at(deadline, self.response.chunk()).await {
                Ok(Ok(Some(bytes))) => self.buffer.push_str(&String::from_utf8_lossy(&bytes)),
                Ok(_) => return Some("closed".to_owned()),
                Err(_) => return None,
            }
        }
    }
}

async fn change_maria(app: &TestApp, officer: &Browser) {
    let row = case::Entity::find()
        .filter(case::Column::ReceiptNumber.eq(MARIA_I131))
        .one(&app.state.db)
        .await
        .unwrap()
        .unwrap();
    let next = app::domain::case_workflow::next_statuses(row.status)[0];
    let answer = officer
        .submit(
            "staff_change_status",
            &[("receipt", MARIA_I131), ("version", &row.version.to_string()), ("status", next.key())],
        )
        .await;
    assert!(location(&answer).ends_with("?done=1"));
}

#[tokio::test]
async fn an_open_page_hears_of_its_case_changing_and_nobody_elses_does() {
    let app = spawn_app().await;
    // Without an applicant's session there is no stream.
    assert_eq!(app.browser().get("/live").await.status(), 401);
    let maria = app.browser();
    app.sign_in(&maria, DEMO_EMAIL, DEMO_PASSWORD).await;
    let mut maria_stream = Stream::open(&maria, &app.base).await;
    let someone = app.new_account("someone.else@example.com").await;
    let mut other_stream = Stream::open(&someone, &app.base).await;
    let officer = staff_browser(&app, Role::Officer).await;
    assert_eq!(officer.get("/live").await.status(), 401, "staff sessions have no applicant stream");

    change_maria(&app, &officer).await;
    assert_eq!(maria_stream.next_event(Duration::from_secs(2)).await.as_deref(), Some("cases"));
    assert_eq!(other_stream.next_event(Duration::from_millis(500)).await, None);

    // Signing out closes the stream at once.
    maria.submit("sign_out", &[]).await;
    assert_eq!(maria_stream.next_event(Duration::from_secs(2)).await.as_deref(), Some("closed"));
}

#[tokio::test]
async fn notifications_count_unread_changes_until_the_case_or_the_list_is_opened() {
    let app = spawn_app().await;
    let officer = staff_browser(&app, Role::Officer).await;
    change_maria(&app, &officer).await;
    change_maria(&app, &officer).await;
    let maria = app.browser();
    app.sign_in(&maria, DEMO_EMAIL, DEMO_PASSWORD).await;
    let dashboard = body(maria.get("/dashboard").await).await;
    assert!(dashboard.contains("2 new"), "the header counts unread changes");
    let list = body(maria.get("/notifications").await).await;
    assert!(list.contains(MARIA_I131) && list.contains("Fingerprints Were Taken"));
    let after = body(maria.get("/dashboard").await).await;
    assert!(!after.contains(" new<"), "read once listed");
    // A further change is unread until its case is opened.
    change_maria(&app, &officer).await;
    assert!(body(maria.get("/dashboard").await).await.contains("1 new"));
    maria.get(&format!("/cases/{MARIA_I131}")).await;
    assert!(!body(maria.get("/dashboard").await).await.contains("1 new"));
}

#[tokio::test]
async fn on_postgresql_a_change_on_one_instance_reaches_a_page_streamed_from_another() {
    let app = spawn_app().await;
    if app.backend != "postgres" {
        // One process on SQLite: the in-process channel is the whole path (tested above).
        return;
    }
    let second = app.second_instance().await;
    let maria = Browser { client: app.browser().client, base: second.clone() };
    app.sign_in(&maria, DEMO_EMAIL, DEMO_PASSWORD).await;
    let mut stream = Stream::open(&maria, &second).await;
    let officer = staff_browser(&app, Role::Officer).await;
    change_maria(&app, &officer).await;
    assert_eq!(stream.next_event(Duration::from_secs(2)).await.as_deref(), Some("cases"));
}
