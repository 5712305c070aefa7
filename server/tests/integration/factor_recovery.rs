//! A lost authenticator app without backup codes: recovery by email after a 24-hour wait that any
//! signed-in session can cancel. Email codes never stand in for an app that is set up.

use crate::common::*;
use app::server::identity::second_factors::recovery;
use app::server::seed::{DEMO_EMAIL, DEMO_PASSWORD};
use chrono::Duration;

/// Password, then "I lost my app": returns the token of the mailed link.
async fn ask_for_recovery(app: &TestApp, browser: &Browser, already: usize) -> String {
    assert_eq!(location(&browser.sign_in_password(DEMO_EMAIL, DEMO_PASSWORD).await), "/sign-in/verify");
    assert_eq!(location(&browser.submit("request_factor_recovery", &[]).await), "/sign-in/recover?sent=1");
    recovery_token(&app.wait_for_mail(DEMO_EMAIL, "Recover your Portico account", already + 1).await[already])
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_account_with_an_authenticator_app_is_never_let_in_by_an_emailed_code() {
    let app = spawn_app().await;
    let browser = app.browser();
    browser.sign_in_password(DEMO_EMAIL, DEMO_PASSWORD).await;
    assert_eq!(
        location(&browser.submit("send_sign_in_code", &[]).await),
        "/sign-in/verify?method=email&error=email_code_unavailable"
    );
    assert!(app.mail_to(DEMO_EMAIL, "Your Portico sign-in code").is_empty());
    let guess = browser.submit("verify_sign_in", &[("method", "email"), ("code", "123456")]).await;
    assert_eq!(location(&guess), "/sign-in/verify?method=email&error=code_invalid");
    let page = body(browser.get("/sign-in/verify?method=email").await).await;
    assert!(page.contains("Enter the code from your authenticator app") && !page.contains("Email me a code"), "{page}");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_recovery_waits_24_hours_can_be_cancelled_and_then_replaces_the_lost_app() {
    let app = spawn_app().await;
    let attacker = app.browser();
    let token = ask_for_recovery(&app, &attacker, 0).await;
    let page = body(attacker.get(&format!("/recover-sign-in?token={token}")).await).await;
    assert!(page.contains("Start the 24-hour recovery"), "opening the link starts nothing by itself");
    assert_eq!(
        location(&attacker.submit("start_factor_recovery", &[("token", &token)]).await),
        "/recover-sign-in/started"
    );
    assert_eq!(app.mail_to(DEMO_EMAIL, "Account recovery started").len(), 1);

    // Too early: the password alone does not get in.
    app.advance(Duration::hours(23));
    attacker.sign_in_password(DEMO_EMAIL, DEMO_PASSWORD).await;
    assert_eq!(
        location(&attacker.submit("complete_factor_recovery", &[]).await),
        "/sign-in/verify?error=recovery_not_ready"
    );

    // The real owner signs in with the app: that alone cancels the recovery (the app is not lost),
    // and the owner is told.
    let owner = app.browser();
    assert_eq!(app.sign_in(&owner, DEMO_EMAIL, DEMO_PASSWORD).await, "/dashboard");
    let settings = body(owner.get("/account/sign-in-settings").await).await;
    assert!(!settings.contains("An account recovery is under way"), "{settings}");
    assert_eq!(app.mail_to(DEMO_EMAIL, "Account recovery cancelled").len(), 1);
    app.advance(Duration::hours(2));
    assert_eq!(recovery::notify_ready(&app.state).await.unwrap(), 0, "a cancelled recovery never becomes ready");
    attacker.sign_in_password(DEMO_EMAIL, DEMO_PASSWORD).await;
    assert_eq!(
        location(&attacker.submit("complete_factor_recovery", &[]).await),
        "/sign-in/verify?error=recovery_not_ready"
    );
    assert_eq!(
        location(&attacker.submit("start_factor_recovery", &[("token", &token)]).await),
        "/recover-sign-in?error=recovery_link_invalid",
        "the link worked once"
    );

    // A recovery nobody cancels: after 24 hours the owner is mailed once, and the password then
    // signs in once to set up a new app. The account keeps its record and cases.
    let person = app.browser();
    let token = ask_for_recovery(&app, &person, 1).await;
    person.submit("start_factor_recovery", &[("token", &token)]).await;
    app.advance(Duration::hours(24));
    assert_eq!(recovery::notify_ready(&app.state).await.unwrap(), 1);
    assert_eq!(recovery::notify_ready(&app.state).await.unwrap(), 0, "mailed once");
    assert_eq!(app.mail_to(DEMO_EMAIL, "Your account recovery is ready").len(), 1);
    person.sign_in_password(DEMO_EMAIL, DEMO_PASSWORD).await;
    assert!(body(person.get("/sign-in/verify").await).await.contains("Your account recovery is ready"));
    assert_eq!(
        location(&person.submit("complete_factor_recovery", &[]).await),
        "/account/sign-in-settings?recovered=1"
    );
    let dashboard = body(person.get("/dashboard").await).await;
    assert!(dashboard.contains("IOE0912345601"), "the linked record and its cases are kept");
    let settings = body(person.get("/account/sign-in-settings").await).await;
    assert!(settings.contains("Not set up") && settings.contains("You have 0 unused backup codes"), "{settings}");
    assert_eq!(app.mail_to(DEMO_EMAIL, "Your account was recovered").len(), 1);
    let events = body(person.get("/security-events").await).await;
    assert!(events.contains("Account recovered: old authenticator app removed"), "{events}");

    // From now on the old app's codes are useless, and sign-in falls back to emailed codes.
    person.submit("sign_out", &[]).await;
    assert_eq!(app.sign_in(&person, DEMO_EMAIL, DEMO_PASSWORD).await, "/dashboard");
    assert!(!app.mail_to(DEMO_EMAIL, "Your Portico sign-in code").is_empty(), "signed in with an emailed code");
}
