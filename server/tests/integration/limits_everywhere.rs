//! Every action that mails, texts or probes who someone is has a limit — per account, per address
//! and per client — counted in the database, so every instance counts the same (issue 15). The
//! figures live in `app::server::limits`.

use crate::common::*;
use app::server::seed::{DEMO_EMAIL, DEMO_PASSWORD};
use chrono::Duration;

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn one_client_asking_for_many_password_resets_is_told_to_wait() {
    let app = spawn_app().await;
    let browser = app.browser();
    for i in 0..30 {
        let asked = browser.submit("request_password_reset", &[("email", &format!("someone{i}@example.com"))]).await;
        assert_eq!(asked.status(), 302, "request {i}");
    }
    let refused = browser.submit("request_password_reset", &[("email", DEMO_EMAIL)]).await;
    assert_eq!(refused.status(), 429);
    assert!(refused.headers().get("retry-after").is_some());
    // A second instance on the same database counts the same requests.
    let other = Browser { client: app.browser().client, base: app.second_instance().await };
    assert_eq!(other.submit("request_password_reset", &[("email", DEMO_EMAIL)]).await.status(), 429);
    app.advance(Duration::hours(1));
    assert_eq!(browser.submit("request_password_reset", &[("email", DEMO_EMAIL)]).await.status(), 302);
    app.wait_for_mail(DEMO_EMAIL, "Reset your Portico password", 1).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn signing_in_before_confirming_mails_a_fresh_link_three_times_an_hour() {
    let app = spawn_app().await;
    let browser = app.browser();
    browser.sign_up("late@example.com", NEW_PASSWORD).await;
    app.wait_for_mail("late@example.com", "Confirm your email address", 1).await;
    // The first link expired unused.
    app.advance(Duration::hours(25));
    for _ in 0..5 {
        assert_eq!(app.sign_in(&browser, "late@example.com", NEW_PASSWORD).await, "/sign-in?error=email_not_confirmed");
    }
    let mails = app.wait_for_mail("late@example.com", "Confirm your email address", 4).await;
    tokio::time::sleep(std::time::Duration::from_millis(300)).await; // let any extra send land, if one were made
    assert_eq!(
        app.mail_to("late@example.com", "Confirm your email address").len(),
        4,
        "the first and three fresh ones"
    );
    // A wrong password gets nothing mailed.
    app.advance(Duration::hours(1));
    app.sign_in(&browser, "late@example.com", "not the right password").await;
    tokio::time::sleep(std::time::Duration::from_millis(300)).await;
    assert_eq!(app.mail_to("late@example.com", "Confirm your email address").len(), 4);

    let fresh = token_in(mails.last().unwrap(), "/confirm-email?token=");
    assert_eq!(location(&browser.submit("confirm_email", &[("token", &fresh)]).await), "/sign-in?confirmed=1");
    assert_eq!(app.sign_in(&browser, "late@example.com", NEW_PASSWORD).await, "/link-record");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_account_starts_at_most_five_email_changes_a_day() {
    let app = spawn_app().await;
    let browser = app.browser();
    app.sign_in(&browser, DEMO_EMAIL, DEMO_PASSWORD).await;
    for i in 0..5 {
        let asked = browser.submit("request_email_change", &[("email", &format!("new{i}@example.com"))]).await;
        assert_eq!(location(&asked), "/account?email_sent=1");
    }
    let refused = browser.submit("request_email_change", &[("email", "new5@example.com")]).await;
    assert_eq!(refused.status(), 429);
    assert!(app.mail_to("new5@example.com", "Confirm your new email address").is_empty());
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_account_adds_at_most_five_phones_a_day() {
    let app = spawn_app().await;
    let browser = app.browser();
    app.sign_in(&browser, DEMO_EMAIL, DEMO_PASSWORD).await;
    for i in 0..5 {
        let asked = browser.submit("add_phone", &[("phone", &format!("(202) 555-014{i}"))]).await;
        assert_eq!(location(&asked), "/account/sign-in-settings?phone_sent=1");
    }
    let refused = browser.submit("add_phone", &[("phone", "(202) 555-0149")]).await;
    assert_eq!(refused.status(), 429);
    assert!(app.texts_to("+12025550149").is_empty(), "nothing texted past the limit");
}
