//! A phone for texted codes: added only after confirming it is you, used only once a texted code
//! comes back, and then a way to sign in — including when the authenticator app is lost, without
//! the 24-hour wait. Texts are read from the log-only sender's outbox, as a phone would read them.

use crate::common::*;
use app::server::seed::{DEMO_EMAIL, DEMO_PASSWORD};
use chrono::Duration;

const PHONE_TYPED: &str = "(202) 555-0143";
const PHONE: &str = "+12025550143";

/// Signs in as the demo applicant and adds and confirms `PHONE`.
async fn demo_with_phone(app: &TestApp) -> Browser {
    let browser = app.browser();
    assert_eq!(app.sign_in(&browser, DEMO_EMAIL, DEMO_PASSWORD).await, "/dashboard");
    assert_eq!(
        location(&browser.submit("add_phone", &[("phone", PHONE_TYPED)]).await),
        "/account/sign-in-settings?phone_sent=1"
    );
    let code = app.latest_text_code(PHONE);
    assert_eq!(
        location(&browser.submit("confirm_phone", &[("code", &code)]).await),
        "/account/sign-in-settings?phone=1"
    );
    browser
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_phone_is_confirmed_by_the_code_texted_to_it_and_the_owner_is_told() {
    let app = spawn_app().await;
    let browser = app.browser();
    app.sign_in(&browser, DEMO_EMAIL, DEMO_PASSWORD).await;
    assert_eq!(
        location(&browser.submit("add_phone", &[("phone", "555-0143")]).await),
        "/account/sign-in-settings?error=phone_invalid&reason=phone_shape"
    );
    browser.submit("add_phone", &[("phone", PHONE_TYPED)]).await;
    let texts = app.texts_to(PHONE);
    assert_eq!(texts.len(), 1);
    assert!(texts[0].contains("is your Portico code to confirm this phone"), "{}", texts[0]);
    let page = body(browser.get("/account/sign-in-settings").await).await;
    assert!(page.contains("We texted a code to •••-•••-0143"), "{page}");

    assert_eq!(
        location(&browser.submit("confirm_phone", &[("code", "000000")]).await),
        "/account/sign-in-settings?error=code_invalid"
    );
    let code = app.latest_text_code(PHONE);
    assert_eq!(
        location(&browser.submit("confirm_phone", &[("code", &code)]).await),
        "/account/sign-in-settings?phone=1"
    );
    let page = body(browser.get("/account/sign-in-settings").await).await;
    assert!(page.contains("Codes can be texted to •••-•••-0143"), "{page}");
    assert_eq!(app.mail_to(DEMO_EMAIL, "A phone was added to your account").len(), 1);
    let events = body(browser.get("/security-events").await).await;
    assert!(events.contains("Phone for text-message codes added"));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn adding_a_phone_needs_a_recent_confirmation_that_it_is_you() {
    let app = spawn_app().await;
    let browser = app.browser();
    app.sign_in(&browser, DEMO_EMAIL, DEMO_PASSWORD).await;
    for _ in 0..2 {
        app.advance(Duration::minutes(8));
        assert_eq!(browser.get("/dashboard").await.status(), 200);
    }
    assert_eq!(
        location(&browser.submit("add_phone", &[("phone", PHONE_TYPED)]).await),
        "/account/sign-in-settings?error=reauth_required"
    );
    assert!(app.texts_to(PHONE).is_empty());
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_code_sent_to_an_earlier_number_cannot_confirm_a_later_one() {
    let app = spawn_app().await;
    let browser = app.browser();
    app.sign_in(&browser, DEMO_EMAIL, DEMO_PASSWORD).await;
    browser.submit("add_phone", &[("phone", PHONE_TYPED)]).await;
    let first_code = app.latest_text_code(PHONE);
    browser.submit("add_phone", &[("phone", "+52 55 1234 5678")]).await;
    assert_eq!(
        location(&browser.submit("confirm_phone", &[("code", &first_code)]).await),
        "/account/sign-in-settings?error=code_invalid"
    );
    let code = app.latest_text_code("+525512345678");
    assert_eq!(
        location(&browser.submit("confirm_phone", &[("code", &code)]).await),
        "/account/sign-in-settings?phone=1"
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_confirmed_phone_signs_in_when_the_authenticator_app_is_lost() {
    let app = spawn_app().await;
    let first = demo_with_phone(&app).await;
    first.submit("sign_out", &[]).await;

    let browser = app.browser();
    assert_eq!(location(&browser.sign_in_password(DEMO_EMAIL, DEMO_PASSWORD).await), "/sign-in/verify");
    let verify = body(browser.get("/sign-in/verify").await).await;
    assert!(verify.contains("Text a code to •••-•••-0143"), "{verify}");
    let recover = body(browser.get("/sign-in/recover").await).await;
    assert!(recover.contains("Text me a code"), "the lost-app page offers the phone first: {recover}");

    assert_eq!(location(&browser.submit("send_sign_in_text", &[]).await), "/sign-in/verify?method=text&sent=1");
    let page = body(browser.get("/sign-in/verify?method=text&sent=1").await).await;
    assert!(page.contains("We sent a 6-digit code by text message to •••-•••-0143"), "{page}");
    let code = app.latest_text_code(PHONE);
    assert_eq!(
        location(&browser.submit("verify_sign_in", &[("method", "text"), ("code", "999999")]).await),
        "/sign-in/verify?method=text&error=code_invalid"
    );
    assert_eq!(location(&browser.submit("verify_sign_in", &[("method", "text"), ("code", &code)]).await), "/dashboard");

    // The code works once.
    let other = app.browser();
    other.sign_in_password(DEMO_EMAIL, DEMO_PASSWORD).await;
    assert_eq!(
        location(&other.submit("verify_sign_in", &[("method", "text"), ("code", &code)]).await),
        "/sign-in/verify?method=text&error=code_invalid"
    );

    // Signed in by phone, the owner confirms it is you with a texted code and sets up a new app.
    for _ in 0..2 {
        app.advance(Duration::minutes(8));
        browser.get("/dashboard").await;
    }
    browser.submit("send_reauthentication_text", &[]).await;
    let code = app.latest_text_code(PHONE);
    let confirm = [("password", DEMO_PASSWORD), ("method", "text"), ("code", code.as_str())];
    assert_eq!(location(&browser.submit("reauthenticate", &confirm).await), "/account/sign-in-settings?confirmed=1");
    assert_eq!(location(&browser.submit("start_authenticator_setup", &[]).await), "/account/authenticator");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn no_code_is_texted_to_an_unconfirmed_phone_or_without_a_phone() {
    let app = spawn_app().await;
    let browser = app.browser();
    app.sign_in(&browser, DEMO_EMAIL, DEMO_PASSWORD).await;
    browser.submit("add_phone", &[("phone", PHONE_TYPED)]).await; // never confirmed
    browser.submit("sign_out", &[]).await;

    let browser = app.browser();
    browser.sign_in_password(DEMO_EMAIL, DEMO_PASSWORD).await;
    assert!(!body(browser.get("/sign-in/verify").await).await.contains("Text a code"));
    assert_eq!(
        location(&browser.submit("send_sign_in_text", &[]).await),
        "/sign-in/verify?method=text&error=text_code_unavailable"
    );
    assert_eq!(app.texts_to(PHONE).len(), 1, "only the confirmation text");
    let code = app.latest_text_code(PHONE);
    assert_eq!(
        location(&browser.submit("verify_sign_in", &[("method", "text"), ("code", &code)]).await),
        "/sign-in/verify?method=text&error=code_invalid",
        "a phone-confirmation code is not a sign-in code"
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn wrong_texted_codes_count_towards_the_sign_in_pause() {
    let app = spawn_app().await;
    demo_with_phone(&app).await;
    let browser = app.browser();
    browser.sign_in_password(DEMO_EMAIL, DEMO_PASSWORD).await;
    browser.submit("send_sign_in_text", &[]).await;
    let mut last = String::new();
    for _ in 0..5 {
        last = location(&browser.submit("verify_sign_in", &[("method", "text"), ("code", "000000")]).await);
    }
    assert_eq!(without_until(last), "/sign-in?error=sign_in_paused");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_removed_phone_gets_no_more_codes() {
    let app = spawn_app().await;
    let browser = demo_with_phone(&app).await;
    assert_eq!(location(&browser.submit("remove_phone", &[]).await), "/account/sign-in-settings?phone_removed=1");
    assert_eq!(app.mail_to(DEMO_EMAIL, "A phone was removed from your account").len(), 1);
    browser.submit("sign_out", &[]).await;
    let browser = app.browser();
    browser.sign_in_password(DEMO_EMAIL, DEMO_PASSWORD).await;
    assert_eq!(
        location(&browser.submit("send_sign_in_text", &[]).await),
        "/sign-in/verify?method=text&error=text_code_unavailable"
    );
}
