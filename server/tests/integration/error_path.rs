//! One error path: a refusal answered by middleware or a plain route carries its status and reads
//! in the reader's language — a page for browsers, JSON for clients that ask for it.

use crate::common::*;
use app::i18n::{Lang, T};
use app::server::seed::{DEMO_EMAIL, DEMO_PASSWORD};
use sea_orm::ConnectionTrait;

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_missing_notice_is_not_found_in_the_account_owners_language() {
    let app = spawn_app().await;
    let owner = app.browser();
    app.sign_in(&owner, DEMO_EMAIL, DEMO_PASSWORD).await;
    assert_eq!(location(&owner.submit("set_language", &[("language", "es")]).await), "/account?language=1");

    let page = owner.get("/cases/IOE0912345601/notices/999999").await;
    assert_eq!(page.status(), 404);
    assert_eq!(page.headers()["content-type"], "text/html; charset=utf-8");
    assert_eq!(page.headers()["cache-control"], "private, no-store");
    let html = body(page).await;
    assert!(html.contains("<html lang=\"es\">"), "{html}");
    assert!(html.contains(T(Lang::Es).lookup("app_error.not_found")), "{html}");

    let answer = owner
        .client
        .get(format!("{}/cases/IOE0912345601/notices/not-a-number", app.base))
        .header("accept", "application/json")
        .send()
        .await
        .unwrap();
    assert_eq!(answer.status(), 404);
    let json: serde_json::Value = answer.json().await.unwrap();
    assert_eq!(json["error"], "NotFound");
    assert_eq!(json["message"], T(Lang::Es).lookup("app_error.not_found"));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_failure_in_the_session_layer_shows_a_reference_in_the_visitors_language() {
    let app = spawn_app().await;
    let browser = app.browser();
    app.sign_in(&browser, DEMO_EMAIL, DEMO_PASSWORD).await;
    // The sessions table goes away under the running server: looking the cookie up now fails.
    app.state.db.execute_unprepared("ALTER TABLE sessions RENAME TO sessions_gone").await.unwrap();

    let answer = dashboard_in_spanish(&app, &browser).await;
    assert_eq!(answer.status(), 500);
    let id = answer.headers().get("x-request-id").unwrap().to_str().unwrap().to_owned();
    let html = body(answer).await;
    assert!(html.contains(&id), "the reference is the request's id: {html}");
    assert!(html.contains("<html lang=\"es\">"), "{html}");
    let words = T(Lang::Es).lookup("app_error.internal");
    let before_reference = &words[..words.find("{reference}").unwrap()];
    assert!(html.contains(before_reference), "{html}");
    assert!(!html.to_lowercase().contains("sessions"), "no internal detail reaches the visitor: {html}");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_refused_form_names_the_rule_that_was_broken_in_the_readers_language() {
    let app = spawn_app().await;
    let browser = app.browser();
    app.sign_up_confirmed(&browser, "nuevo@example.com", NEW_PASSWORD).await;
    app.sign_in(&browser, "nuevo@example.com", NEW_PASSWORD).await;
    browser.submit("set_language", &[("language", "es")]).await;
    let all_zeros = [
        ("id_kind", "a_number"),
        ("id_number", "A000000000"),
        ("full_name", "Ahmed Hassan Ali"),
        ("dob_month", "11"),
        ("dob_day", "2"),
        ("dob_year", "1979"),
        ("country_of_birth", "Egypt"),
    ];
    let back = location(&browser.submit("link_record", &all_zeros).await);
    assert_eq!(back, "/link-record?error=identifier_invalid&reason=a_number_all_zeros");
    let page = body(browser.get(&back).await).await;
    assert!(page.contains("Un Número A no puede ser solo ceros."), "{page}");
    // An address that pairs an error with a reason about another field shows the error's own words.
    let page = body(browser.get("/link-record?error=identifier_invalid&reason=email_shape").await).await;
    assert!(page.contains(T(Lang::Es).lookup("error.identifier_invalid")), "{page}");
    assert!(!page.contains(T(Lang::Es).lookup("parse.email_shape")), "{page}");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_forged_cross_site_post_is_refused_in_the_visitors_language() {
    let app = spawn_app().await;
    let forged = app
        .browser()
        .client
        .post(format!("{}/api/sign_in", app.base))
        .header("origin", "https://evil.example")
        .header("accept", "text/html")
        .header("accept-language", "es")
        .form(&[("email", DEMO_EMAIL), ("password", DEMO_PASSWORD)])
        .send()
        .await
        .unwrap();
    assert_eq!(forged.status(), 403);
    assert!(forged.headers().get("set-cookie").is_none());
    let html = body(forged).await;
    assert!(html.contains("<html lang=\"es\">"), "{html}");
    assert!(html.contains(T(Lang::Es).lookup("app_error.cross_site")), "{html}");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_refused_cross_site_request_does_not_keep_a_session_alive() {
    use app::server::entities::session;
    use sea_orm::EntityTrait;
    let app = spawn_app().await;
    let browser = app.browser();
    app.sign_in(&browser, DEMO_EMAIL, DEMO_PASSWORD).await;
    let last_seen = || async {
        session::Entity::find().all(&app.state.db).await.unwrap().iter().map(|s| s.last_seen_at).max().unwrap()
    };
    let before = last_seen().await;
    app.advance(chrono::Duration::minutes(5));
    // A sibling site's forged post carries the Lax session cookie; it must not touch the session.
    let forged = browser
        .client
        .post(format!("{}/api/sign_out", app.base))
        .header("origin", "https://evil.example")
        .header("sec-fetch-site", "same-site")
        .send()
        .await
        .unwrap();
    assert_eq!(forged.status(), 403);
    assert_eq!(last_seen().await, before);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_unreachable_database_is_answered_503_with_retry_after_in_the_readers_language() {
    let app = spawn_app().await;
    let browser = app.browser();
    app.sign_in(&browser, DEMO_EMAIL, DEMO_PASSWORD).await;
    // The pool is closed under the running server, as when the database cannot be reached: every
    // request that needs it (here the session lookup first) fails to get a connection.
    app.state.db.close_by_ref().await.unwrap();

    let started = std::time::Instant::now();
    let page = dashboard_in_spanish(&app, &browser).await;
    assert_eq!(page.status(), 503);
    assert_eq!(page.headers()["retry-after"], "5");
    let html = body(page).await;
    assert!(html.contains(T(Lang::Es).lookup("app_error.unavailable")), "{html}");

    let answer = browser
        .client
        .post(format!("{}/api/dashboard", app.base))
        .header("accept", "application/json")
        .header("origin", &app.base)
        .send()
        .await
        .unwrap();
    assert_eq!(answer.status(), 503);
    assert_eq!(answer.headers()["retry-after"], "5");
    let json: serde_json::Value = answer.json().await.unwrap();
    assert_eq!(json["error"], "Unavailable");
    assert!(started.elapsed() < std::time::Duration::from_secs(5), "answered at once, not after a wait");
    // Health says so too, for the load balancer.
    assert_eq!(browser.get("/readyz").await.status(), 503);
}

/// The dashboard asked for as a page by a browser set to Spanish.
async fn dashboard_in_spanish(app: &TestApp, browser: &Browser) -> reqwest::Response {
    browser
        .client
        .get(format!("{}/dashboard", app.base))
        .header("accept", "text/html")
        .header("accept-language", "es-MX,es;q=0.9")
        .send()
        .await
        .unwrap()
}
