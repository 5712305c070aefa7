//! What a running instance says about itself (issue 15): every request has an id, answered in
//! `X-Request-Id`, taken from a trusted proxy, on every log line of the request, and quoted as the
//! reference of an error page; and a whole journey leaves no personal data in the log.

use crate::common::*;
use std::io::Write;
use std::sync::{Mutex, OnceLock};

/// Everything logged by this test binary from the first call on (the tests run in one process).
static LOG: Mutex<Vec<u8>> = Mutex::new(Vec::new());

struct Captured;

impl Write for Captured {
    fn write(&mut self, bytes: &[u8]) -> std::io::Result<usize> {
        LOG.lock().unwrap().extend_from_slice(bytes);
        Ok(bytes.len())
    }

    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

fn capture_log() {
    static ONCE: OnceLock<()> = OnceLock::new();
    ONCE.get_or_init(|| {
        let _ = tracing_subscriber::fmt()
            .with_env_filter("info,sqlx=warn,sea_orm=warn")
            .with_ansi(false)
            .with_writer(|| Captured)
            .try_init();
    });
}

fn log_text() -> String {
    String::from_utf8_lossy(&LOG.lock().unwrap()).into_owned()
}

fn request_id(response: &reqwest::Response) -> String {
    response.headers().get("x-request-id").expect("an x-request-id").to_str().unwrap().to_owned()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn every_answer_names_its_request_and_only_a_trusted_proxy_may_name_it() {
    capture_log();
    let app = spawn_app().await;
    let answer = app
        .browser()
        .client
        .get(format!("{}/sign-in", app.base))
        .header("x-request-id", "chosen-by-me-1")
        .send()
        .await
        .unwrap();
    let id = request_id(&answer);
    assert!(id.len() == 16 && id != "chosen-by-me-1", "without a proxy the id is Portico's own: {id}");
    let lines: Vec<String> = log_text().lines().filter(|l| l.contains(&id)).map(str::to_owned).collect();
    assert!(lines.iter().any(|l| l.contains("path=/sign-in") && l.contains("status=200")), "{lines:?}");

    let proxied = spawn_app_with(&[("PORTICO_CLIENT_IP", "x-forwarded-for")]).await;
    let answer = proxied
        .browser()
        .client
        .get(format!("{}/sign-in", proxied.base))
        .header("x-request-id", "nginx-0123456789")
        .send()
        .await
        .unwrap();
    assert_eq!(request_id(&answer), "nginx-0123456789", "nginx's id is kept");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_error_page_quotes_the_request_id_as_its_reference() {
    use sea_orm::ConnectionTrait;
    capture_log();
    let app = spawn_app().await;
    let browser = app.browser();
    assert_eq!(
        app.sign_in(&browser, app::server::seed::DEMO_EMAIL, app::server::seed::DEMO_PASSWORD).await,
        "/dashboard"
    );
    // Break the database under the dashboard.
    app.state.db.execute_unprepared("DROP TABLE appointments").await.unwrap();
    let answer = browser.get("/dashboard").await;
    let id = request_id(&answer);
    let page = body(answer).await;
    assert!(page.contains(&format!("quote reference {id}")), "{page}");
    let logged = log_text();
    assert!(
        logged.lines().any(|l| l.contains("internal error") && l.contains(&id)),
        "the reference finds the log line"
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_whole_journey_leaves_no_personal_data_in_the_log() {
    capture_log();
    let app = spawn_app().await;
    let email = "log-probe-7f3e@example.com";
    let browser = app.browser();
    browser.sign_up(email, NEW_PASSWORD).await;
    let confirmation = app.confirmation_token(email).await;
    assert_eq!(location(&browser.submit("confirm_email", &[("token", &confirmation)]).await), "/sign-in?confirmed=1");
    assert_eq!(app.sign_in(&browser, email, NEW_PASSWORD).await, "/link-record");
    let sign_in_code = app.latest_sign_in_code(email);
    assert_eq!(location(&browser.link_ahmed().await), "/dashboard");
    browser.get("/cases/LIN2190123404").await;
    browser.submit("request_password_reset", &[("email", email)]).await;
    let reset = reset_token(&app.wait_for_mail(email, "Reset your Portico password", 1).await[0]);
    browser.submit("add_phone", &[("phone", "(202) 555-0177")]).await;

    let logged = log_text();
    for secret in [
        email,
        "log-probe-7f3e",
        NEW_PASSWORD,
        &confirmation,
        &reset,
        &format!("code={sign_in_code}"),
        "Ahmed",
        "Hassan",
        "A123456789",
        "123456789",
        "LIN2190123404",
        "2025550177",
        "AHMD",
    ] {
        assert!(
            !logged.contains(secret),
            "{secret:?} is in the log:\n{}",
            logged.lines().filter(|l| l.contains(secret)).collect::<Vec<_>>().join("\n")
        );
    }
    assert!(logged.contains("path=/cases/:receipt"), "the journey was logged");
}
