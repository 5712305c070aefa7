//! The second outside probe's findings — second factors, re-authentication, email change,
//! recovery — each performed as the attacker did (its findings about phones and texts are in
//! `second_probe_phones.rs`).

use crate::common::*;
use app::server::entities::email_token;
use app::server::seed::{DEMO_EMAIL, DEMO_PASSWORD};
use chrono::Duration;
use sea_orm::{ColumnTrait, EntityTrait, PaginatorTrait, QueryFilter};

const NEW_EMAIL: &str = "maria.new@example.com";

/// Changes the demo account's sign-in email to `new_email` through the link mailed to it.
async fn change_email(app: &TestApp, browser: &Browser, new_email: &str) {
    assert_eq!(
        location(&browser.submit("request_email_change", &[("email", new_email)]).await),
        "/account?email_sent=1"
    );
    let mail = app.mail_to(new_email, "Confirm your new email address").pop().expect("a link to the new address");
    let token = token_in(&mail, "/account/confirm-email-change?token=");
    assert_eq!(
        location(&browser.submit("confirm_email_change", &[("token", &token)]).await),
        "/account/confirm-email-change?done=1"
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn links_mailed_to_the_old_address_die_when_the_address_changes() {
    let app = spawn_app().await;
    let old_mailbox = app.browser();
    old_mailbox.submit("request_password_reset", &[("email", DEMO_EMAIL)]).await;
    let reset =
        token_in(&app.wait_for_mail(DEMO_EMAIL, "Reset your Portico password", 1).await[0], "/reset-password?token=");
    // A lost-factor recovery link, also mailed to the old address.
    assert_eq!(location(&old_mailbox.sign_in_password(DEMO_EMAIL, DEMO_PASSWORD).await), "/sign-in/verify");
    old_mailbox.submit("request_factor_recovery", &[]).await;
    let recovery =
        token_in(&app.wait_for_mail(DEMO_EMAIL, "Recover your Portico account", 1).await[0], "/recover-sign-in?token=");

    let owner = app.browser();
    assert_eq!(app.sign_in(&owner, DEMO_EMAIL, DEMO_PASSWORD).await, "/dashboard");
    change_email(&app, &owner, NEW_EMAIL).await;

    let used = old_mailbox.submit("reset_password", &[("token", &reset), ("password", NEW_PASSWORD)]).await;
    assert_eq!(location(&used), format!("/reset-password?token={reset}&error=reset_link_invalid"));
    assert_eq!(owner.get("/dashboard").await.status(), 200, "the owner was not signed out");
    let started = old_mailbox.submit("start_factor_recovery", &[("token", &recovery)]).await;
    assert_eq!(location(&started), "/recover-sign-in?error=recovery_link_invalid");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_password_change_revokes_reset_links_asked_for_before_it() {
    let app = spawn_app().await;
    let browser = app.browser();
    browser.submit("request_password_reset", &[("email", DEMO_EMAIL)]).await;
    let reset =
        token_in(&app.wait_for_mail(DEMO_EMAIL, "Reset your Portico password", 1).await[0], "/reset-password?token=");
    assert_eq!(app.sign_in(&browser, DEMO_EMAIL, DEMO_PASSWORD).await, "/dashboard");
    assert_eq!(
        location(&browser.submit("change_password", &[("password", "Quiet-Harbor-Lantern-42")]).await),
        "/account?password_changed=1"
    );
    let used = app.browser().submit("reset_password", &[("token", &reset), ("password", NEW_PASSWORD)]).await;
    assert_eq!(location(&used), format!("/reset-password?token={reset}&error=reset_link_invalid"));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn simultaneous_email_changes_leave_one_link_and_a_link_changes_to_its_own_address() {
    let app = spawn_app().await;
    let browser = app.browser();
    assert_eq!(app.sign_in(&browser, DEMO_EMAIL, DEMO_PASSWORD).await, "/dashboard");
    let addresses: Vec<String> = (0..8).map(|n| format!("change{n}@example.com")).collect();
    let requests = addresses.iter().map(|address| {
        let browser = &browser;
        async move { browser.submit("request_email_change", &[("email", address.as_str())]).await }
    });
    let answers = futures::future::join_all(requests).await;
    // An account starts five email changes a day (`limits::Limit::EmailChangesPerAccount`).
    assert_eq!(answers.iter().filter(|a| location(a) == "/account?email_sent=1").count(), 5);
    assert_eq!(answers.iter().filter(|a| a.status() == 429).count(), 3);
    let live = email_token::Entity::find()
        .filter(email_token::Column::Purpose.eq("change_email"))
        .filter(email_token::Column::UsedAt.is_null())
        .count(&app.state.db)
        .await
        .unwrap();
    assert_eq!(live, 1, "one live change request per account");

    // Two requests in turn: the link mailed to the first address no longer works, and the link
    // mailed to the second changes the account to the second — whatever `pending_email` says.
    app.advance(chrono::Duration::hours(24));
    assert_eq!(app.sign_in(&browser, DEMO_EMAIL, DEMO_PASSWORD).await, "/dashboard");
    browser.submit("request_email_change", &[("email", "a@example.com")]).await;
    let to_a = token_in(
        &app.mail_to("a@example.com", "Confirm your new email address").pop().unwrap(),
        "/account/confirm-email-change?token=",
    );
    browser.submit("request_email_change", &[("email", "b@example.com")]).await;
    let to_b = token_in(
        &app.mail_to("b@example.com", "Confirm your new email address").pop().unwrap(),
        "/account/confirm-email-change?token=",
    );
    assert_eq!(
        location(&browser.submit("confirm_email_change", &[("token", &to_a)]).await),
        "/account/confirm-email-change?error=email_change_link_invalid"
    );
    // The account's pending address is moved under the link, as a racing request would.
    use sea_orm::{ActiveModelTrait, Set};
    let owner = app::server::entities::account::Entity::find()
        .filter(app::server::entities::account::Column::Email.eq(DEMO_EMAIL))
        .one(&app.state.db)
        .await
        .unwrap()
        .unwrap();
    let mut moved: app::server::entities::account::ActiveModel = owner.into();
    moved.pending_email = Set(Some("never-confirmed@example.com".to_owned()));
    moved.update(&app.state.db).await.unwrap();
    assert_eq!(
        location(&browser.submit("confirm_email_change", &[("token", &to_b)]).await),
        "/account/confirm-email-change?done=1"
    );
    assert_eq!(app.sign_in(&app.browser(), "b@example.com", DEMO_PASSWORD).await, "/dashboard");
    assert_eq!(
        app.sign_in(&app.browser(), "never-confirmed@example.com", DEMO_PASSWORD).await,
        "/sign-in?error=invalid_credentials"
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn cancelling_a_recovery_revokes_its_other_start_links() {
    let app = spawn_app().await;
    let owner = app.browser();
    assert_eq!(app.sign_in(&owner, DEMO_EMAIL, DEMO_PASSWORD).await, "/dashboard");
    let attacker = app.browser();
    assert_eq!(location(&attacker.sign_in_password(DEMO_EMAIL, DEMO_PASSWORD).await), "/sign-in/verify");
    for _ in 0..2 {
        attacker.submit("request_factor_recovery", &[]).await;
    }
    // Two links, both asked for before the recovery began.
    let mails = app.wait_for_mail(DEMO_EMAIL, "Recover your Portico account", 2).await;
    let (first, spare) = (recovery_token(&mails[0]), recovery_token(&mails[1]));
    assert_eq!(
        location(&attacker.submit("start_factor_recovery", &[("token", &first)]).await),
        "/recover-sign-in/started"
    );
    // The owner, still signed in elsewhere, cancels it.
    let settings = body(owner.get("/account/sign-in-settings").await).await;
    assert!(settings.contains("An account recovery is under way"), "{settings}");
    assert_eq!(
        location(&owner.submit("cancel_factor_recovery", &[]).await),
        "/account/sign-in-settings?recovery_cancelled=1"
    );
    assert_eq!(
        location(&attacker.submit("start_factor_recovery", &[("token", &spare)]).await),
        "/recover-sign-in?error=recovery_link_invalid",
        "no fresh 24-hour wait from a spare link"
    );

    // A sign-in with the second factor cancels an open recovery too, and the owner is told.
    assert_eq!(location(&attacker.sign_in_password(DEMO_EMAIL, DEMO_PASSWORD).await), "/sign-in/verify");
    attacker.submit("request_factor_recovery", &[]).await;
    let third = recovery_token(&app.wait_for_mail(DEMO_EMAIL, "Recover your Portico account", 3).await[2]);
    assert_eq!(
        location(&attacker.submit("start_factor_recovery", &[("token", &third)]).await),
        "/recover-sign-in/started"
    );
    assert_eq!(app.sign_in(&app.browser(), DEMO_EMAIL, DEMO_PASSWORD).await, "/dashboard");
    assert_eq!(app.wait_for_mail(DEMO_EMAIL, "Account recovery cancelled", 2).await.len(), 2);
    assert!(app::server::identity::second_factors::recovery::open(&app.state, owner_id(&app).await)
        .await
        .unwrap()
        .is_none());
}

async fn owner_id(app: &TestApp) -> app::domain::AccountId {
    app::server::entities::account::Entity::find()
        .filter(app::server::entities::account::Column::Email.eq(DEMO_EMAIL))
        .one(&app.state.db)
        .await
        .unwrap()
        .unwrap()
        .id
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_finished_recovery_ends_every_other_session() {
    let app = spawn_app().await;
    let elsewhere = app.browser();
    assert_eq!(app.sign_in(&elsewhere, DEMO_EMAIL, DEMO_PASSWORD).await, "/dashboard");
    let browser = app.browser();
    browser.sign_in_password(DEMO_EMAIL, DEMO_PASSWORD).await;
    browser.submit("request_factor_recovery", &[]).await;
    let token = recovery_token(&app.wait_for_mail(DEMO_EMAIL, "Recover your Portico account", 1).await[0]);
    browser.submit("start_factor_recovery", &[("token", &token)]).await;
    app.advance(Duration::hours(24));
    browser.sign_in_password(DEMO_EMAIL, DEMO_PASSWORD).await;
    assert_eq!(
        location(&browser.submit("complete_factor_recovery", &[]).await),
        "/account/sign-in-settings?recovered=1"
    );
    assert_eq!(location(&elsewhere.get("/dashboard").await), "/sign-in?required=1");
}

/// What the authenticator set-up page loads: the pending secret, as the server function answers it.
async fn authenticator_setup_data(app: &TestApp, browser: &Browser) -> reqwest::Response {
    browser
        .client
        .post(format!("{}/api/authenticator_setup", app.base))
        .header("origin", app.base.clone())
        .send()
        .await
        .unwrap()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_pending_authenticator_secret_needs_recent_authentication_and_expires() {
    let app = spawn_app().await;
    let browser = app.browser();
    assert_eq!(app.sign_in(&browser, DEMO_EMAIL, DEMO_PASSWORD).await, "/dashboard");
    assert_eq!(location(&browser.submit("start_authenticator_setup", &[]).await), "/account/authenticator");
    let page = body(browser.get("/account/authenticator").await).await;
    assert!(page.contains("data:image/svg+xml"), "shown while recent");
    // 40 minutes on, still active: the secret is not shown.
    for _ in 0..5 {
        app.advance(Duration::minutes(8));
        assert_eq!(browser.get("/dashboard").await.status(), 200);
    }
    let data = authenticator_setup_data(&app, &browser).await;
    assert_eq!(data.status(), 422);
    let text = data.text().await.unwrap();
    assert!(!text.contains("otpauth") && !text.contains("data:image"), "{text}");
    let page = body(browser.get("/account/authenticator").await).await;
    assert!(!page.contains("data:image/svg+xml"), "{page}");

    // Confirming it is you again does not bring back a secret set up 40 minutes ago.
    let code = app.fresh_totp_code(DEMO_EMAIL).await;
    let confirm = [("password", DEMO_PASSWORD), ("method", "authenticator"), ("code", code.as_str())];
    browser.submit("reauthenticate", &confirm).await;
    let data = authenticator_setup_data(&app, &browser).await;
    assert_eq!(data.status(), 200);
    assert_eq!(data.text().await.unwrap(), "null", "the pending secret expired after 15 minutes");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn sign_ins_started_again_and_again_re_send_the_code_instead_of_spending_the_budget() {
    let app = spawn_app().await;
    let owner = app.new_account("codes@example.com").await;
    drop(owner);
    let attacker = app.browser();
    for _ in 0..8 {
        assert_eq!(
            location(&attacker.sign_in_password("codes@example.com", NEW_PASSWORD).await),
            "/sign-in/verify?method=email"
        );
    }
    let mails = app.mail_to("codes@example.com", "Your Portico sign-in code");
    let codes: std::collections::HashSet<String> = mails
        .iter()
        .map(|m| {
            m.split("Your one-time sign-in code is:").nth(1).unwrap().split_whitespace().next().unwrap().to_owned()
        })
        .collect();
    assert_eq!(codes.len(), 2, "the first sign-in's code, then the one still valid, again and again");
    assert_eq!(mails.len(), 1 + 1 + 5, "re-sending the valid code is limited too (5 an hour)");
    // The owner can still ask for a new code: the hourly budget was not spent.
    let owner = app.browser();
    owner.sign_in_password("codes@example.com", NEW_PASSWORD).await;
    assert_eq!(location(&owner.submit("send_sign_in_code", &[]).await), "/sign-in/verify?method=email&sent=1");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_right_password_without_the_second_step_is_recorded_and_the_owner_told_once_a_day() {
    let app = spawn_app().await;
    for _ in 0..2 {
        let stranger = app.browser();
        assert_eq!(location(&stranger.sign_in_password(DEMO_EMAIL, DEMO_PASSWORD).await), "/sign-in/verify");
    }
    assert_eq!(
        app::server::identity::sign_in::report_unfinished_sign_ins(&app.state).await.unwrap(),
        0,
        "still in its window"
    );
    app.advance(Duration::minutes(11));
    assert_eq!(app::server::identity::sign_in::report_unfinished_sign_ins(&app.state).await.unwrap(), 2);
    assert_eq!(
        app::server::identity::sign_in::report_unfinished_sign_ins(&app.state).await.unwrap(),
        0,
        "reported once"
    );
    assert_eq!(app.mail_to(DEMO_EMAIL, "Someone may know your password").len(), 1, "once a day at most");
    let owner = app.browser();
    assert_eq!(app.sign_in(&owner, DEMO_EMAIL, DEMO_PASSWORD).await, "/dashboard");
    let events = body(owner.get("/security-events").await).await;
    assert!(events.contains("Your password was entered correctly, but the second step was not finished"), "{events}");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_failed_form_post_never_redirects_off_site() {
    let app = spawn_app().await;
    // Signed out, an action that needs a session fails; without JavaScript Leptos sends the browser
    // back to the Referer.
    let answer = app
        .browser()
        .client
        .post(format!("{}/api/change_password", app.base))
        .header("accept", "text/html")
        .header("origin", app.base.clone())
        .header("referer", "https://evil.example/x")
        .form(&[("password", NEW_PASSWORD)])
        .send()
        .await
        .unwrap();
    if let Some(target) = answer.headers().get("location") {
        let target = target.to_str().unwrap();
        assert!(target.starts_with('/') && !target.starts_with("//"), "{target}");
    }
}
