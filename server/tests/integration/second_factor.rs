//! Every sign-in needs a second factor: an authenticator app (TOTP), a backup code, or a code by
//! email. Time moves with the test clock, never by sleeping.

use crate::common::*;
use app::server::identity::second_factors::totp;
use app::server::seed::{DEMO_EMAIL, DEMO_PASSWORD};
use chrono::Duration;

const OWNER: &str = "owner@example.com";

fn session_cookie(response: &reqwest::Response) -> Option<String> {
    response
        .headers()
        .get_all("set-cookie")
        .iter()
        .map(|v| v.to_str().unwrap().to_owned())
        .find(|c| c.starts_with("portico_session=") && !c.starts_with("portico_session=;"))
        .map(|c| c.split(';').next().unwrap().to_owned())
}

fn client_with_cookie() -> reqwest::Client {
    reqwest::Client::builder().redirect(reqwest::redirect::Policy::none()).build().unwrap()
}

/// The base32 secret shown on the set-up page, without its spaces.
fn shown_secret(page: &str) -> String {
    let start = page.find("<p class=\"secret-key\"><code>").expect("the secret is shown") + 28;
    let end = start + page[start..].find("</code>").unwrap();
    page[start..end].replace(' ', "")
}

fn base32_decode(text: &str) -> Vec<u8> {
    const ALPHABET: &[u8] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";
    let (mut bits, mut count, mut out) = (0u64, 0, Vec::new());
    for c in text.bytes() {
        bits = (bits << 5) | ALPHABET.iter().position(|a| *a == c).unwrap() as u64;
        count += 5;
        if count >= 8 {
            count -= 8;
            out.push((bits >> count) as u8);
            bits &= (1 << count) - 1;
        }
    }
    out
}

/// Signs up, signs in with an emailed code, and sets up an authenticator app. Returns the secret
/// (as the app would have it) and the backup codes shown.
async fn enrol(app: &TestApp, browser: &Browser) -> (Vec<u8>, Vec<String>) {
    app.sign_up_confirmed(browser, OWNER, NEW_PASSWORD).await;
    assert_eq!(app.sign_in(browser, OWNER, NEW_PASSWORD).await, "/link-record");
    assert_eq!(location(&browser.submit("start_authenticator_setup", &[]).await), "/account/authenticator");
    let page = body(browser.get("/account/authenticator").await).await;
    assert!(page.contains("src=\"data:image/svg+xml;base64,"), "a QR code is shown");
    let secret = base32_decode(&shown_secret(&page));
    assert_eq!(secret.len() * 8, 160);
    let code = app.totp_code_now(&secret);
    assert_eq!(
        location(&browser.submit("confirm_authenticator", &[("code", &code)]).await),
        "/account/backup-codes?new=1"
    );
    let codes_page = body(browser.get("/account/backup-codes?new=1").await).await;
    let codes: Vec<String> =
        codes_page.split("<li><code>").skip(1).map(|rest| rest.split("</code>").next().unwrap().to_owned()).collect();
    assert_eq!(codes.len(), 10, "{codes_page}");
    (secret, codes)
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_password_alone_opens_nothing_and_the_second_factor_brings_a_new_session_id() {
    let app = spawn_app().await;
    let browser = app.browser();
    let after_password = browser.sign_in_password(DEMO_EMAIL, DEMO_PASSWORD).await;
    assert_eq!(location(&after_password), "/sign-in/verify");
    let pending = session_cookie(&after_password).expect("a session for the second step");

    assert_eq!(location(&browser.get("/dashboard").await), "/sign-in?required=1", "password alone opens nothing");
    assert_eq!(browser.submit("dashboard", &[]).await.status(), 401);
    let page = body(browser.get("/sign-in/verify").await).await;
    assert!(page.contains("Enter the code from your authenticator app"), "{page}");

    app.advance(Duration::seconds(30));
    let code = app.totp_code_now(&app.totp_secret(DEMO_EMAIL).await);
    let verified = browser.submit("verify_sign_in", &[("method", "authenticator"), ("code", &code)]).await;
    assert_eq!(location(&verified), "/dashboard");
    let signed_in = session_cookie(&verified).expect("a new session cookie after the second factor");
    assert_ne!(signed_in, pending, "a new session id after the second factor");
    assert_eq!(browser.get("/dashboard").await.status(), 200);

    let replayed = client_with_cookie().get(format!("{}/dashboard", app.base)).header("cookie", pending).send().await;
    assert_eq!(location(&replayed.unwrap()), "/sign-in?required=1", "the pre-second-factor id is dead");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_second_step_must_come_within_ten_minutes() {
    let app = spawn_app().await;
    let browser = app.browser();
    browser.sign_in_password(DEMO_EMAIL, DEMO_PASSWORD).await;
    app.advance(Duration::minutes(10));
    let code = app.totp_code_now(&app.totp_secret(DEMO_EMAIL).await);
    let late = browser.submit("verify_sign_in", &[("method", "authenticator"), ("code", &code)]).await;
    assert_eq!(location(&late), "/sign-in?error=sign_in_expired");
    assert!(body(browser.get("/sign-in/verify").await).await.contains("Sign in again"));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn authenticator_codes_allow_one_step_of_drift_and_never_work_twice() {
    let app = spawn_app().await;
    let secret = app.totp_secret(DEMO_EMAIL).await;
    let verify = |browser: &Browser, code: String| {
        let browser = browser.client.clone();
        let base = app.base.clone();
        async move {
            let response = browser
                .post(format!("{base}/api/verify_sign_in"))
                .header("origin", base.clone())
                .form(&[("method", "authenticator"), ("code", code.as_str())])
                .send()
                .await
                .unwrap();
            location(&response)
        }
    };
    let step = |offset: i64| totp::code_for_step(&secret, totp::step_at(app.clock_now().timestamp()) + offset);

    // Two steps away is refused; one step behind is accepted.
    let browser = app.browser();
    browser.sign_in_password(DEMO_EMAIL, DEMO_PASSWORD).await;
    let (too_old, one_behind) = (step(-2), step(-1));
    if too_old != one_behind && too_old != step(0) && too_old != step(1) {
        assert_eq!(verify(&browser, too_old).await, "/sign-in/verify?method=authenticator&error=code_invalid");
    }
    assert_eq!(verify(&browser, one_behind.clone()).await, "/dashboard");

    // The same code again, from another browser that knows the password: refused, and the owner is told.
    let attacker = app.browser();
    browser.submit("sign_out", &[]).await;
    attacker.sign_in_password(DEMO_EMAIL, DEMO_PASSWORD).await;
    assert_eq!(verify(&attacker, one_behind).await, "/sign-in/verify?method=authenticator&error=code_invalid");
    assert_eq!(app.mail_to(DEMO_EMAIL, "An authenticator code was used twice").len(), 1);
    let ahead = step(1);
    assert_eq!(verify(&attacker, ahead).await, "/dashboard", "a newer step still works");
    let events = body(attacker.get("/security-events").await).await;
    assert!(events.contains("An authenticator code was used a second time and refused"), "{events}");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn wrong_codes_count_with_wrong_passwords_and_pause_sign_in() {
    let app = spawn_app().await;
    let browser = app.browser();
    browser.sign_in_password(DEMO_EMAIL, "a wrong password!").await;
    browser.sign_in_password(DEMO_EMAIL, "a wrong password!").await;
    // The right password does not reset the count: only a finished sign-in does.
    assert_eq!(location(&browser.sign_in_password(DEMO_EMAIL, DEMO_PASSWORD).await), "/sign-in/verify");
    for _ in 0..2 {
        let wrong = browser.submit("verify_sign_in", &[("method", "authenticator"), ("code", "000000")]).await;
        assert_eq!(location(&wrong), "/sign-in/verify?method=authenticator&error=code_invalid");
    }
    let fifth = browser.submit("verify_sign_in", &[("method", "authenticator"), ("code", "000000")]).await;
    assert_eq!(without_until(location(&fifth)), "/sign-in?error=sign_in_paused");
    assert_eq!(
        without_until(location(&browser.sign_in_password(DEMO_EMAIL, DEMO_PASSWORD).await)),
        "/sign-in?error=sign_in_paused",
        "paused for the right password too"
    );
    let mail = app.wait_for_mail(DEMO_EMAIL, "Sign-in to your account was paused", 1).await;
    assert_eq!(mail.len(), 1);
    assert!(mail[0].contains("/forgot-password"), "the owner is told how to recover by email");
    app.advance(Duration::minutes(10));
    assert_eq!(app.sign_in(&browser, DEMO_EMAIL, DEMO_PASSWORD).await, "/dashboard");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn emailed_codes_work_once_for_ten_minutes_and_are_limited() {
    let app = spawn_app().await;
    let browser = app.browser();
    app.sign_up_confirmed(&browser, OWNER, NEW_PASSWORD).await;
    assert_eq!(location(&browser.sign_in_password(OWNER, NEW_PASSWORD).await), "/sign-in/verify?method=email");
    let code = app.latest_sign_in_code(OWNER);
    assert_eq!(code.len(), 6);
    app.advance(Duration::minutes(9));
    assert_eq!(
        location(&browser.submit("verify_sign_in", &[("method", "email"), ("code", &code)]).await),
        "/link-record"
    );
    browser.submit("sign_out", &[]).await;

    // Used once: a second sign-in with the same code fails.
    browser.sign_in_password(OWNER, NEW_PASSWORD).await;
    assert_eq!(
        location(&browser.submit("verify_sign_in", &[("method", "email"), ("code", &code)]).await),
        "/sign-in/verify?method=email&error=code_invalid"
    );
    // Expired after 10 minutes (the pending sign-in lasts as long, so start it again).
    let fresh = app.latest_sign_in_code(OWNER);
    app.advance(Duration::minutes(10));
    browser.sign_in_password(OWNER, NEW_PASSWORD).await;
    let newest = app.latest_sign_in_code(OWNER);
    assert_ne!(fresh, newest);
    app.advance(Duration::minutes(9) + Duration::seconds(59));
    assert_eq!(
        location(&browser.submit("verify_sign_in", &[("method", "email"), ("code", &fresh)]).await),
        "/sign-in/verify?method=email&error=code_invalid",
        "an older code is replaced by the newer one"
    );
    assert_eq!(
        location(&browser.submit("verify_sign_in", &[("method", "email"), ("code", &newest)]).await),
        "/link-record"
    );

    // At most five codes an hour.
    browser.submit("sign_out", &[]).await;
    browser.sign_in_password(OWNER, NEW_PASSWORD).await;
    let sent_before = app.mail_to(OWNER, "Your Portico sign-in code").len();
    let mut answers = Vec::new();
    for _ in 0..5 {
        answers.push(location(&browser.submit("send_sign_in_code", &[]).await));
    }
    let sent = app.mail_to(OWNER, "Your Portico sign-in code").len() - sent_before;
    assert!(answers.last().unwrap().ends_with("error=too_many_codes_sent"), "{answers:?}");
    assert!(sent < 5, "{sent} more codes were mailed within the hour");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn enrolling_an_authenticator_shows_backup_codes_once_and_each_works_once() {
    let app = spawn_app().await;
    let browser = app.browser();
    let (secret, codes) = enrol(&app, &browser).await;
    assert_eq!(app.mail_to(OWNER, "An authenticator app was set up for your account").len(), 1, "the owner is told");
    let again = body(browser.get("/account/backup-codes?new=1").await).await;
    assert!(!again.contains(&codes[0]) && again.contains("shown only once"), "codes are shown once");

    // The secret is stored sealed: neither its bytes nor its base32 are in the database row.
    let stored = {
        use app::server::entities::account;
        use sea_orm::{ColumnTrait, EntityTrait, QueryFilter};
        account::Entity::find().filter(account::Column::Email.eq(OWNER)).one(&app.state.db).await.unwrap().unwrap()
    };
    let sealed = stored.totp_secret.unwrap();
    assert!(sealed.starts_with("v2.") && !sealed.contains(&hex_of(&secret)));

    // Next sign-in asks for the app's code; a backup code works instead, once.
    browser.submit("sign_out", &[]).await;
    assert_eq!(location(&browser.sign_in_password(OWNER, NEW_PASSWORD).await), "/sign-in/verify");
    let with_backup = [("method", "backup_code"), ("code", codes[3].as_str())];
    assert_eq!(location(&browser.submit("verify_sign_in", &with_backup).await), "/link-record");
    assert_eq!(app.mail_to(OWNER, "A backup code was used to sign in").len(), 1);
    browser.submit("sign_out", &[]).await;
    browser.sign_in_password(OWNER, NEW_PASSWORD).await;
    let lower = codes[3].to_lowercase();
    let reused = [("method", "backup_code"), ("code", lower.as_str())];
    assert_eq!(
        location(&browser.submit("verify_sign_in", &reused).await),
        "/sign-in/verify?method=backup_code&error=code_invalid",
        "a backup code works once"
    );
    let typed_loosely = codes[4].to_lowercase().replace('-', " ");
    let other = [("method", "backup_code"), ("code", typed_loosely.as_str())];
    assert_eq!(location(&browser.submit("verify_sign_in", &other).await), "/link-record");

    // Making new codes cancels the old ones.
    assert_eq!(location(&browser.submit("create_backup_codes", &[]).await), "/account/backup-codes?new=1");
    let page = body(browser.get("/account/backup-codes?new=1").await).await;
    assert_eq!(page.matches("<li><code>").count(), 10);
    browser.submit("sign_out", &[]).await;
    browser.sign_in_password(OWNER, NEW_PASSWORD).await;
    let old = [("method", "backup_code"), ("code", codes[5].as_str())];
    assert_eq!(
        location(&browser.submit("verify_sign_in", &old).await),
        "/sign-in/verify?method=backup_code&error=code_invalid"
    );
    // And the app itself still works, a step later than the one used at set-up.
    app.advance(Duration::seconds(30));
    let code = app.totp_code_now(&secret);
    let with_app = [("method", "authenticator"), ("code", code.as_str())];
    assert_eq!(location(&browser.submit("verify_sign_in", &with_app).await), "/link-record");
}

fn hex_of(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn changing_factors_needs_password_and_code_from_the_last_fifteen_minutes() {
    let app = spawn_app().await;
    let browser = app.browser();
    assert_eq!(app.sign_in(&browser, DEMO_EMAIL, DEMO_PASSWORD).await, "/dashboard");
    // Stay active (the session lives) but let the sign-in grow older than 15 minutes.
    for _ in 0..2 {
        app.advance(Duration::minutes(8));
        assert_eq!(browser.get("/dashboard").await.status(), 200);
    }
    assert_eq!(
        location(&browser.submit("create_backup_codes", &[]).await),
        "/account/sign-in-settings?error=reauth_required"
    );
    assert_eq!(
        location(&browser.submit("start_authenticator_setup", &[]).await),
        "/account/sign-in-settings?error=reauth_required"
    );
    let settings = body(browser.get("/account/sign-in-settings").await).await;
    assert!(settings.contains("Confirm it is you"), "{settings}");

    let wrong = [("password", "not my password!"), ("method", "authenticator"), ("code", "123456")];
    assert_eq!(
        location(&browser.submit("reauthenticate", &wrong).await),
        "/account/sign-in-settings?error=invalid_credentials"
    );
    let code = app.fresh_totp_code(DEMO_EMAIL).await;
    let right = [("password", DEMO_PASSWORD), ("method", "authenticator"), ("code", code.as_str())];
    assert_eq!(location(&browser.submit("reauthenticate", &right).await), "/account/sign-in-settings?confirmed=1");
    assert_eq!(location(&browser.submit("create_backup_codes", &[]).await), "/account/backup-codes?new=1");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn codes_from_oathtool_an_independent_totp_client_are_accepted() {
    let app = spawn_app().await;
    let browser = app.browser();
    app.sign_up_confirmed(&browser, OWNER, NEW_PASSWORD).await;
    app.sign_in(&browser, OWNER, NEW_PASSWORD).await;
    browser.submit("start_authenticator_setup", &[]).await;
    let secret = shown_secret(&body(browser.get("/account/authenticator").await).await);
    let now = app.clock_now().format("%Y-%m-%d %H:%M:%S UTC").to_string();
    let output = std::process::Command::new("oathtool")
        .args(["--totp", "-b", &secret, "--now", &now])
        .output()
        .expect("oathtool is installed by scripts/setup.sh --test (apt package oathtool)");
    assert!(output.status.success(), "{}", String::from_utf8_lossy(&output.stderr));
    let code = String::from_utf8(output.stdout).unwrap().trim().to_owned();
    assert_eq!(code, app.totp_code_now(&base32_decode(&secret)), "both clients agree");
    assert_eq!(
        location(&browser.submit("confirm_authenticator", &[("code", &code)]).await),
        "/account/backup-codes?new=1"
    );
}

/// The `<input>` tag named `name` on `page`.
fn input_named<'a>(page: &'a str, name: &str) -> &'a str {
    let at = page.find(&format!("name=\"{name}\"")).expect("the field");
    let start = page[..at].rfind("<input").expect("an input");
    &page[start..at + page[at..].find('>').unwrap()]
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn code_fields_bring_up_the_keyboard_their_codes_need() {
    let app = spawn_app().await;
    let demo = app.account_id(DEMO_EMAIL).await;
    app::server::identity::second_factors::challenge::regenerate_backup_codes(&app.state, demo, &Default::default())
        .await
        .unwrap();
    let browser = app.browser();
    assert_eq!(location(&browser.sign_in_password(DEMO_EMAIL, DEMO_PASSWORD).await), "/sign-in/verify");
    let page = body(browser.get("/sign-in/verify").await).await;
    let field = input_named(&page, "code");
    assert!(field.contains(r#"inputmode="numeric""#) && field.contains(r#"autocomplete="one-time-code""#), "{field}");
    let page = body(browser.get("/sign-in/verify?method=backup_code").await).await;
    let field = input_named(&page, "code");
    assert!(field.contains(r#"inputmode="text""#), "backup codes have letters: {field}");
}
