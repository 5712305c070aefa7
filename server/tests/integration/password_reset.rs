//! Password rules at sign-up and reset, and the forgotten-password journey.

use crate::common::*;
use app::server::seed::{DEMO_EMAIL, DEMO_PASSWORD};
use chrono::Duration;

const NEWER_PASSWORD: &str = "copper lighthouse meadow 77";

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn sign_up_refuses_common_and_guessable_passwords() {
    let app = spawn_app().await;
    let browser = app.browser();
    let refused = |email: &'static str, password: &'static str| {
        let browser = &browser;
        async move { location(&browser.sign_up(email, password).await) }
    };
    assert_eq!(refused("a@example.com", "1qaz2wsx3edc").await, "/sign-up?error=password_too_common");
    assert_eq!(refused("a@example.com", "QWERTY123456").await, "/sign-up?error=password_too_common");
    assert_eq!(refused("a@example.com", "passwordpassword1").await, "/sign-up?error=password_too_weak");
    assert_eq!(
        refused("valentina.castellanos@example.com", "valentina.castellanos").await,
        "/sign-up?error=password_too_weak",
        "the person's own email counts against the password"
    );
    let page = body(browser.get("/sign-up?error=password_too_common").await).await;
    assert!(page.contains("on a list of passwords that people often use"), "{page}");
    assert!(app.outbox_messages().is_empty(), "nothing was created");
    assert_eq!(refused("someone.else@example.com", "valentina.castellanos").await, "/sign-up/check-email");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_forgotten_password_is_reset_by_a_single_use_link_that_ends_every_session() {
    let app = spawn_app().await;
    let elsewhere = app.browser();
    assert_eq!(app.sign_in(&elsewhere, DEMO_EMAIL, DEMO_PASSWORD).await, "/dashboard");

    let browser = app.browser();
    // Known and unknown addresses get the same answer; only the owner gets mail.
    for email in [DEMO_EMAIL, "nobody@example.com"] {
        let asked = browser.submit("request_password_reset", &[("email", email)]).await;
        assert_eq!(location(&asked), "/forgot-password/check-email");
    }
    let mail = app.wait_for_mail(DEMO_EMAIL, "Reset your Portico password", 1).await.pop().unwrap();
    assert_eq!(app.mail_to("nobody@example.com", "Reset your Portico password").len(), 0);
    let token = reset_token(&mail);
    let form = body(browser.get(&format!("/reset-password?token={token}")).await).await;
    assert!(
        form.contains(&format!("name=\"token\" value=\"{token}\"")),
        "the form carries the token without JavaScript"
    );

    // A weak password is refused and the link still works for the next try.
    let weak = browser.submit("reset_password", &[("token", &token), ("password", "passwordpassword1")]).await;
    assert_eq!(location(&weak), format!("/reset-password?token={token}&error=password_too_weak"));
    let reset = browser.submit("reset_password", &[("token", &token), ("password", NEWER_PASSWORD)]).await;
    assert_eq!(location(&reset), "/sign-in?password_reset=1");
    let again = browser.submit("reset_password", &[("token", &token), ("password", "another fine password 9")]).await;
    assert_eq!(location(&again), format!("/reset-password?token={token}&error=reset_link_invalid"), "single use");

    assert_eq!(location(&elsewhere.get("/dashboard").await), "/sign-in?required=1", "every session ended");
    assert_eq!(app.mail_to(DEMO_EMAIL, "Your Portico password was changed").len(), 1);
    assert_eq!(app.sign_in(&browser, DEMO_EMAIL, DEMO_PASSWORD).await, "/sign-in?error=invalid_credentials");
    // The second factor is still asked for.
    assert_eq!(location(&browser.sign_in_password(DEMO_EMAIL, NEWER_PASSWORD).await), "/sign-in/verify");
    assert_eq!(app.finish_sign_in(&browser, DEMO_EMAIL, "/sign-in/verify").await, "/dashboard");
    let events = body(browser.get("/security-events").await).await;
    assert!(events.contains("Password changed") && events.contains("Password reset link sent"), "{events}");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_reset_link_expires_after_thirty_minutes_and_links_are_limited() {
    let app = spawn_app().await;
    let browser = app.browser();
    browser.submit("request_password_reset", &[("email", DEMO_EMAIL)]).await;
    let token = reset_token(&app.wait_for_mail(DEMO_EMAIL, "Reset your Portico password", 1).await[0]);
    app.advance(Duration::minutes(30));
    let late = browser.submit("reset_password", &[("token", &token), ("password", NEWER_PASSWORD)]).await;
    assert_eq!(location(&late), format!("/reset-password?token={token}&error=reset_link_invalid"));

    for _ in 0..4 {
        browser.submit("request_password_reset", &[("email", DEMO_EMAIL)]).await;
    }
    app.wait_for_mail(DEMO_EMAIL, "Reset your Portico password", 3).await;
    tokio::time::sleep(std::time::Duration::from_millis(300)).await; // let any extra send land, if one were made
    assert_eq!(
        app.mail_to(DEMO_EMAIL, "Reset your Portico password").len(),
        3,
        "at most three links an hour (one before the clock moved on, two after)"
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_reset_lifts_a_sign_in_pause_so_a_lock_never_keeps_the_owner_out() {
    let app = spawn_app().await;
    let browser = app.browser();
    for _ in 0..5 {
        browser.sign_in_password(DEMO_EMAIL, "a wrong password!").await;
    }
    assert_eq!(
        without_until(location(&browser.sign_in_password(DEMO_EMAIL, DEMO_PASSWORD).await)),
        "/sign-in?error=sign_in_paused"
    );
    browser.submit("request_password_reset", &[("email", DEMO_EMAIL)]).await;
    let token = reset_token(&app.wait_for_mail(DEMO_EMAIL, "Reset your Portico password", 1).await[0]);
    browser.submit("reset_password", &[("token", &token), ("password", NEWER_PASSWORD)]).await;
    assert_eq!(app.sign_in(&browser, DEMO_EMAIL, NEWER_PASSWORD).await, "/dashboard");
}

/// The browser's meter asks the server, which answers with the rule's verdict (the dictionaries
/// stay server-side); the answer is what the form's own check would say.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_strength_meter_is_answered_by_the_servers_rule() {
    let app = spawn_app().await;
    let browser = app.browser();
    let ask = |password: &'static str, email: &'static str| {
        let browser = &browser;
        async move {
            let answer = browser
                .client
                .post(format!("{}/api/password_strength", browser.base))
                .header("origin", browser.base.clone())
                .form(&[("password", password), ("email", email)])
                .send()
                .await
                .unwrap();
            assert_eq!(answer.status(), 200);
            assert_eq!(answer.headers()["cache-control"], "private, no-store", "a password's verdict is never cached");
            answer.json::<serde_json::Value>().await.unwrap()
        }
    };
    assert_eq!(ask("1qaz2wsx3edc", "").await, serde_json::json!("Common"));
    assert_eq!(ask("short", "").await, serde_json::json!("TooShort"));
    assert!(ask("passwordpassword1", "").await.get("Weak").is_some());
    assert!(ask("valentina.castellanos", "someone.else@example.com").await.get("Strong").is_some());
    let own = ask("valentina.castellanos", "valentina.castellanos@example.com").await;
    assert!(own.get("Weak").is_some(), "the typed email counts against the password: {own}");
    let long = "x".repeat(300) + "@example.com";
    let answer = browser
        .client
        .post(format!("{}/api/password_strength", browser.base))
        .header("origin", browser.base.clone())
        .form(&[("password", "valentina.castellanos"), ("email", long.as_str())])
        .send()
        .await
        .unwrap();
    assert!(
        answer.json::<serde_json::Value>().await.unwrap().get("Strong").is_some(),
        "an overlong address is ignored"
    );
    assert!(app.outbox_messages().is_empty(), "nothing was created or sent");
}
