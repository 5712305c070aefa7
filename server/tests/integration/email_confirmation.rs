//! An account is usable only after its owner follows the mailed link; signing up never reveals
//! whether an address already has an account.

use crate::common::*;
use app::server::seed::DEMO_EMAIL;
use chrono::Duration;

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_unconfirmed_account_cannot_sign_in_until_the_link_is_followed_once() {
    let app = spawn_app().await;
    let browser = app.browser();
    assert_eq!(location(&browser.sign_up("new@example.com", NEW_PASSWORD).await), "/sign-up/check-email");
    assert_eq!(app.sign_in(&browser, "new@example.com", NEW_PASSWORD).await, "/sign-in?error=email_not_confirmed");

    let token = app.confirmation_token("new@example.com").await;
    // Opening the link (a GET, as a mail scanner would) confirms nothing by itself.
    let page = body(browser.get(&format!("/confirm-email?token={token}")).await).await;
    assert!(page.contains("Confirm my email") && page.contains(&token), "{page}");
    assert_eq!(app.sign_in(&browser, "new@example.com", NEW_PASSWORD).await, "/sign-in?error=email_not_confirmed");

    let confirm = [("token", token.as_str())];
    assert_eq!(location(&browser.submit("confirm_email", &confirm).await), "/sign-in?confirmed=1");
    assert_eq!(
        location(&browser.submit("confirm_email", &confirm).await),
        "/confirm-email?error=confirmation_link_invalid",
        "a link works once"
    );
    assert_eq!(app.sign_in(&browser, "new@example.com", NEW_PASSWORD).await, "/link-record");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_confirmation_link_expires_after_24_hours() {
    let app = spawn_app().await;
    let browser = app.browser();
    browser.sign_up("late@example.com", NEW_PASSWORD).await;
    let token = app.confirmation_token("late@example.com").await;
    app.advance(Duration::hours(24));
    assert_eq!(
        location(&browser.submit("confirm_email", &[("token", &token)]).await),
        "/confirm-email?error=confirmation_link_invalid"
    );
    assert_eq!(
        location(&browser.submit("confirm_email", &[("token", &"0".repeat(64))]).await),
        "/confirm-email?error=confirmation_link_invalid"
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn signing_up_with_a_registered_address_looks_the_same_and_mails_the_owner() {
    let app = spawn_app().await;
    let browser = app.browser();
    let new = browser.sign_up("someone.new@example.com", NEW_PASSWORD).await;
    let taken = browser.sign_up(&DEMO_EMAIL.to_uppercase(), NEW_PASSWORD).await;
    assert_eq!(new.status(), taken.status());
    assert_eq!(location(&new), location(&taken));
    assert_eq!(app.wait_for_mail(DEMO_EMAIL, "You already have a Portico account", 1).await.len(), 1);
    assert_eq!(app.wait_for_mail("someone.new@example.com", "Confirm your email address", 1).await.len(), 1);
    assert!(app.mail_to(DEMO_EMAIL, "Confirm your email address").is_empty());
}
