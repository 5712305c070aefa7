//! The security events an account's owner reads, and the mail that tells them of a pause.

use crate::common::*;
use app::server::seed::{DEMO_EMAIL, DEMO_PASSWORD};

fn rows(page: &str) -> Vec<String> {
    page.split("<td data-label=\"What happened\">")
        .skip(1)
        .map(|row| row.split("</td>").next().unwrap().to_owned())
        .collect()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_owner_sees_their_own_sign_ins_failures_and_changes_newest_first() {
    let app = spawn_app().await;
    let browser = app.browser();
    app.sign_up_confirmed(&browser, "owner@example.com", NEW_PASSWORD).await;
    app.sign_in(&browser, "owner@example.com", "a wrong password!").await;
    app.advance(chrono::Duration::seconds(1));
    app.sign_in(&browser, "owner@example.com", NEW_PASSWORD).await;
    app.advance(chrono::Duration::seconds(1));
    browser.link_ahmed().await;

    let page = body(browser.get("/security-events").await).await;
    assert_eq!(
        rows(&page),
        ["Account linked to an immigration record", "Signed in", "Sign-in failed: wrong password", "Account created"],
        "{page}"
    );
    assert!(page.contains("127.0.0.1"));

    let demo = app.browser();
    app.sign_in(&demo, DEMO_EMAIL, DEMO_PASSWORD).await;
    assert_eq!(rows(&body(demo.get("/security-events").await).await), ["Signed in"], "only the account's own events");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_pause_is_recorded_and_mailed_to_the_owner_only() {
    let app = spawn_app().await;
    let browser = app.browser();
    for _ in 0..5 {
        app.sign_in(&browser, DEMO_EMAIL, "a wrong password!").await;
        app.sign_in(&browser, "nobody@example.com", "a wrong password!").await;
    }
    // The notice is mailed in the background (so its timing tells nothing); wait for it.
    app.wait_for_mail(DEMO_EMAIL, "Sign-in to your account was paused", 1).await;
    tokio::time::sleep(std::time::Duration::from_millis(200)).await;
    let mail = app.outbox_messages();
    assert_eq!(mail.len(), 1, "one notice, to the real owner; nothing for an email without an account");
    assert_eq!(app.mail_to(DEMO_EMAIL, "Sign-in to your account was paused").len(), 1);

    app.advance(chrono::Duration::minutes(10));
    app.sign_in(&browser, DEMO_EMAIL, DEMO_PASSWORD).await;
    let page = body(browser.get("/security-events").await).await;
    let events = rows(&page);
    assert_eq!(events[0], "Signed in");
    assert_eq!(events[1], "Sign-in paused after too many failed attempts");
    assert_eq!(events.iter().filter(|e| e.starts_with("Sign-in failed")).count(), 4);
}
