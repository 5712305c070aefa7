//! The sign-in throttle as an attacker meets it: guessing passwords for one email, probing
//! whether emails exist, and flooding from one address. Time moves by the test clock.

use crate::common::*;
use app::server::seed::{DEMO_EMAIL, DEMO_PASSWORD};
use chrono::Duration;

const WRONG: &str = "not the right password";

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn five_wrong_passwords_pause_the_email_for_ten_minutes_then_the_owner_gets_back_in() {
    let app = spawn_app().await;
    let browser = app.browser();
    for attempt in 1..=4 {
        assert_eq!(
            app.sign_in(&browser, DEMO_EMAIL, WRONG).await,
            "/sign-in?error=invalid_credentials",
            "attempt {attempt}"
        );
    }
    assert_eq!(without_until(app.sign_in(&browser, DEMO_EMAIL, WRONG).await), "/sign-in?error=sign_in_paused");
    assert_eq!(
        without_until(app.sign_in(&browser, DEMO_EMAIL, DEMO_PASSWORD).await),
        "/sign-in?error=sign_in_paused",
        "even the right password waits out the pause"
    );
    app.advance(Duration::minutes(9));
    assert_eq!(without_until(app.sign_in(&browser, DEMO_EMAIL, DEMO_PASSWORD).await), "/sign-in?error=sign_in_paused");
    app.advance(Duration::minutes(1));
    assert_eq!(app.sign_in(&browser, DEMO_EMAIL, DEMO_PASSWORD).await, "/dashboard");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_second_pause_is_longer() {
    let app = spawn_app().await;
    let browser = app.browser();
    for _ in 0..5 {
        app.sign_in(&browser, DEMO_EMAIL, WRONG).await;
    }
    app.advance(Duration::minutes(10));
    for _ in 0..5 {
        app.sign_in(&browser, DEMO_EMAIL, WRONG).await;
    }
    app.advance(Duration::minutes(15));
    assert_eq!(without_until(app.sign_in(&browser, DEMO_EMAIL, DEMO_PASSWORD).await), "/sign-in?error=sign_in_paused");
    app.advance(Duration::minutes(5));
    assert_eq!(app.sign_in(&browser, DEMO_EMAIL, DEMO_PASSWORD).await, "/dashboard");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_email_without_an_account_is_paused_the_same_way() {
    let app = spawn_app().await;
    let browser = app.browser();
    let answers_for = |email: &'static str| {
        let (app, browser) = (&app, &browser);
        async move {
            let mut answers = Vec::new();
            for _ in 0..6 {
                answers.push(app.sign_in(browser, email, WRONG).await);
            }
            answers
        }
    };
    assert_eq!(answers_for("nobody@example.com").await, answers_for(DEMO_EMAIL).await);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_success_resets_the_count() {
    let app = spawn_app().await;
    let browser = app.browser();
    for _ in 0..4 {
        app.sign_in(&browser, DEMO_EMAIL, WRONG).await;
    }
    assert_eq!(app.sign_in(&browser, DEMO_EMAIL, DEMO_PASSWORD).await, "/dashboard");
    for _ in 0..4 {
        assert_eq!(app.sign_in(&browser, DEMO_EMAIL, WRONG).await, "/sign-in?error=invalid_credentials");
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn one_address_failing_across_many_emails_is_told_to_retry_later() {
    let app = spawn_app().await;
    let browser = app.browser();
    for i in 0..50 {
        let email = format!("guess{i}@example.com");
        assert_eq!(app.sign_in(&browser, &email, WRONG).await, "/sign-in?error=invalid_credentials");
    }
    let refused = browser
        .client
        .post(format!("{}/api/sign_in", app.base))
        .form(&[("email", DEMO_EMAIL), ("password", DEMO_PASSWORD)])
        .send()
        .await
        .unwrap();
    assert_eq!(refused.status(), 429);
    let retry_after: u64 = refused.headers().get("retry-after").unwrap().to_str().unwrap().parse().unwrap();
    assert!((1..=600).contains(&retry_after), "{retry_after}");
    app.advance(Duration::minutes(10));
    assert_eq!(app.sign_in(&browser, DEMO_EMAIL, DEMO_PASSWORD).await, "/dashboard");
}
