//! Changing password, sign-in email and language while signed in: the first two only after
//! confirming it is you, each recorded and mailed, and none of them a way to probe who has an
//! account.

use crate::common::*;
use app::server::seed::{DEMO_EMAIL, DEMO_PASSWORD};
use chrono::Duration;

const NEW_PASSWORD: &str = "Quiet-Harbor-Lantern-42";
const NEW_EMAIL: &str = "maria.new@example.com";

/// Lets the sign-in grow older than the 15-minute re-authentication window, staying active.
async fn let_sign_in_age(app: &TestApp, browser: &Browser) {
    for _ in 0..2 {
        app.advance(Duration::minutes(8));
        assert_eq!(browser.get("/dashboard").await.status(), 200);
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn changing_the_password_needs_confirmation_and_signs_out_every_other_device() {
    let app = spawn_app().await;
    let other_device = app.browser();
    app.sign_in(&other_device, DEMO_EMAIL, DEMO_PASSWORD).await;
    let browser = app.browser();
    app.sign_in(&browser, DEMO_EMAIL, DEMO_PASSWORD).await;
    let_sign_in_age(&app, &browser).await;
    assert_eq!(
        location(&browser.submit("change_password", &[("password", NEW_PASSWORD)]).await),
        "/account?error=reauth_required"
    );
    let page = body(browser.get("/account").await).await;
    assert!(page.contains("Confirm it is you") && !page.contains("New password"), "{page}");

    let code = app.fresh_totp_code(DEMO_EMAIL).await;
    let confirm =
        [("password", DEMO_PASSWORD), ("method", "authenticator"), ("code", code.as_str()), ("page", "account")];
    assert_eq!(location(&browser.submit("reauthenticate", &confirm).await), "/account?confirmed=1");
    assert_eq!(
        location(&browser.submit("change_password", &[("password", "password1234")]).await),
        "/account?error=password_too_common"
    );
    assert_eq!(
        location(&browser.submit("change_password", &[("password", NEW_PASSWORD)]).await),
        "/account?password_changed=1"
    );

    assert_eq!(browser.get("/dashboard").await.status(), 200, "this device stays signed in");
    assert_eq!(location(&other_device.get("/dashboard").await), "/sign-in?required=1");
    assert_eq!(app.mail_to(DEMO_EMAIL, "Your Portico password was changed").len(), 1);
    let third = app.browser();
    assert_eq!(app.sign_in(&third, DEMO_EMAIL, DEMO_PASSWORD).await, "/sign-in?error=invalid_credentials");
    assert_eq!(app.sign_in(&third, DEMO_EMAIL, NEW_PASSWORD).await, "/dashboard");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_sign_in_email_changes_only_when_the_link_sent_to_the_new_address_is_used() {
    let app = spawn_app().await;
    let browser = app.browser();
    app.sign_in(&browser, DEMO_EMAIL, DEMO_PASSWORD).await;
    assert_eq!(
        location(&browser.submit("request_email_change", &[("email", DEMO_EMAIL)]).await),
        "/account?error=email_unchanged"
    );
    assert_eq!(
        location(&browser.submit("request_email_change", &[("email", NEW_EMAIL)]).await),
        "/account?email_sent=1"
    );
    let warned = app.mail_to(DEMO_EMAIL, "A change of your sign-in email was requested");
    assert_eq!(warned.len(), 1);
    assert!(warned[0].contains("m•••@example.com"), "the old address sees only a hint: {}", warned[0]);
    let link_mail = app.mail_to(NEW_EMAIL, "Confirm your new email address").pop().expect("a link to the new address");
    let token = token_in(&link_mail, "/account/confirm-email-change?token=");

    // Until the link is used nothing changes.
    assert_eq!(app.sign_in(&app.browser(), DEMO_EMAIL, DEMO_PASSWORD).await, "/dashboard");
    // Opening the link (a GET, as a mail scanner would) changes nothing either; the page needs no sign-in.
    let stranger = app.browser();
    assert_eq!(stranger.get(&format!("/account/confirm-email-change?token={token}")).await.status(), 200);
    assert_eq!(
        location(&stranger.submit("confirm_email_change", &[("token", &token)]).await),
        "/account/confirm-email-change?done=1"
    );
    assert_eq!(
        location(&stranger.submit("confirm_email_change", &[("token", &token)]).await),
        "/account/confirm-email-change?error=email_change_link_invalid",
        "a link works once"
    );
    assert_eq!(app.mail_to(DEMO_EMAIL, "Your sign-in email was changed").len(), 1);
    assert_eq!(app.sign_in(&app.browser(), DEMO_EMAIL, DEMO_PASSWORD).await, "/sign-in?error=invalid_credentials");
    assert_eq!(app.sign_in(&app.browser(), NEW_EMAIL, DEMO_PASSWORD).await, "/dashboard");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn asking_for_an_address_that_has_an_account_looks_the_same_and_changes_nothing() {
    let app = spawn_app().await;
    let taken = "taken@example.com";
    let other = app.browser();
    app.sign_up_confirmed(&other, taken, NEW_PASSWORD).await;

    let browser = app.browser();
    app.sign_in(&browser, DEMO_EMAIL, DEMO_PASSWORD).await;
    assert_eq!(
        location(&browser.submit("request_email_change", &[("email", taken)]).await),
        "/account?email_sent=1",
        "same answer as for a free address"
    );
    assert!(app.mail_to(taken, "Confirm your new email address").is_empty());
    assert_eq!(app.mail_to(taken, "You already have a Portico account").len(), 1);
    assert_eq!(app.sign_in(&app.browser(), DEMO_EMAIL, DEMO_PASSWORD).await, "/dashboard");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_older_link_cannot_confirm_a_newer_address() {
    let app = spawn_app().await;
    let browser = app.browser();
    app.sign_in(&browser, DEMO_EMAIL, DEMO_PASSWORD).await;
    browser.submit("request_email_change", &[("email", "first@example.com")]).await;
    let first = token_in(
        &app.mail_to("first@example.com", "Confirm your new email address").pop().unwrap(),
        "/account/confirm-email-change?token=",
    );
    browser.submit("request_email_change", &[("email", "second@example.com")]).await;
    assert_eq!(
        location(&browser.submit("confirm_email_change", &[("token", &first)]).await),
        "/account/confirm-email-change?error=email_change_link_invalid"
    );
    assert_eq!(app.sign_in(&app.browser(), DEMO_EMAIL, DEMO_PASSWORD).await, "/dashboard");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn changing_the_email_needs_a_recent_confirmation_that_it_is_you() {
    let app = spawn_app().await;
    let browser = app.browser();
    app.sign_in(&browser, DEMO_EMAIL, DEMO_PASSWORD).await;
    let_sign_in_age(&app, &browser).await;
    assert_eq!(
        location(&browser.submit("request_email_change", &[("email", NEW_EMAIL)]).await),
        "/account?error=reauth_required"
    );
    assert!(app.mail_to(NEW_EMAIL, "Confirm your new email address").is_empty());
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn mail_and_texts_follow_the_language_the_owner_chose() {
    let app = spawn_app().await;
    let browser = app.browser();
    app.sign_in(&browser, DEMO_EMAIL, DEMO_PASSWORD).await;
    assert_eq!(location(&browser.submit("set_language", &[("language", "es")]).await), "/account?language=1");
    browser.submit("add_phone", &[("phone", "(202) 555-0143")]).await;
    let text = app.texts_to("+12025550143").pop().unwrap();
    assert!(text.contains("es su código de Portico para confirmar este teléfono"), "{text}");
    browser.submit("confirm_phone", &[("code", &app.latest_text_code("+12025550143"))]).await;
    let mail = app
        .outbox_messages()
        .into_iter()
        .rfind(|m| m.contains(&format!("To: {DEMO_EMAIL}\r\n")))
        .expect("the phone-added mail");
    assert!(mail.contains("Content-Language: es"), "{mail}");
    assert!(mail.contains("ahora puede recibir por mensaje de texto"), "{mail}");

    // The pages follow too.
    let events = body(browser.get("/security-events").await).await;
    assert!(events.contains("<html lang=\"es\""), "{events}");
    assert!(events.contains("Se cambió el idioma") && events.contains("Eventos de seguridad"), "{events}");
    // Case content too: USCIS's Spanish status titles, dates written the Spanish way.
    let dashboard = body(browser.get("/dashboard").await).await;
    assert!(
        dashboard
            .contains("Se Envió una Solicitud de Evidencia Adicional: responda a más tardar el 6 de febrero de 2027."),
        "{dashboard}"
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn visitors_get_their_browsers_language_or_the_one_they_choose() {
    let app = spawn_app().await;
    let client = reqwest::Client::builder().redirect(reqwest::redirect::Policy::none()).build().unwrap();
    let home = |lang: &'static str| {
        let (client, base) = (client.clone(), app.base.clone());
        async move {
            client.get(format!("{base}/")).header("accept-language", lang).send().await.unwrap().text().await.unwrap()
        }
    };
    let spanish = home("es-US,es;q=0.9").await;
    assert!(spanish.contains("<html lang=\"es\"") && spanish.contains("Siga sus casos de inmigración"), "{spanish}");
    let english = home("en-US,en;q=0.9").await;
    assert!(english.contains("<html lang=\"en\"") && english.contains("Follow your immigration cases"));

    // An explicit choice (the header's switch) wins over the browser, kept in a cookie.
    let browser = app.browser();
    assert_eq!(
        location(&browser.submit("set_language", &[("language", "es"), ("back", "/sign-in")]).await),
        "/sign-in"
    );
    let page = body(browser.get("/sign-in").await).await;
    assert!(page.contains("<html lang=\"es\"") && page.contains("¿Olvidó su contraseña?"), "{page}");
    // Only paths on this site are followed back.
    assert_eq!(
        location(&browser.submit("set_language", &[("language", "en"), ("back", "//evil.example/x")]).await),
        "/account?language=1"
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_visitor_whose_browser_prefers_spanish_gets_the_confirmation_in_spanish() {
    let app = spawn_app().await;
    let email = "lucia@example.com";
    let response = reqwest::Client::builder()
        .redirect(reqwest::redirect::Policy::none())
        .build()
        .unwrap()
        .post(format!("{}/api/sign_up", app.base))
        .header("accept", "text/html")
        .header("origin", app.base.clone())
        .header("accept-language", "es-MX,es;q=0.9,en;q=0.5")
        .form(&[("email", email), ("password", NEW_PASSWORD)])
        .send()
        .await
        .unwrap();
    assert!(response.status().is_redirection());
    // Sign-up mail goes out in the background: wait for it.
    let mut mail = None;
    for _ in 0..100 {
        mail = app.outbox_messages().into_iter().find(|m| m.contains(&format!("To: {email}\r\n")));
        if mail.is_some() {
            break;
        }
        tokio::time::sleep(std::time::Duration::from_millis(50)).await;
    }
    let mail = mail.expect("a confirmation mail");
    assert!(mail.contains("Content-Language: es"), "{mail}");
    assert!(mail.contains("Para terminar de crear su cuenta"), "{mail}");
    assert!(mail.contains("/confirm-email?token="), "{mail}");
}
