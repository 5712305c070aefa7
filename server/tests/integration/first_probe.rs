//! The first outside probe's findings, each performed as the attacker did (record take-over has
//! its own file, `record_link.rs`).

use crate::common::*;
use app::server::entities::sign_in_attempt;
use app::server::identity::sign_in_throttle::{email_key, FAILURES_BEFORE_PAUSE};
use app::server::seed::{DEMO_EMAIL, DEMO_PASSWORD};
use chrono::Duration;
use sea_orm::{ColumnTrait, EntityTrait, PaginatorTrait, QueryFilter};

const WRONG: &str = "not the right password";

async fn failures_counted(app: &TestApp, email: &str) -> u64 {
    sign_in_attempt::Entity::find()
        .filter(sign_in_attempt::Column::EmailKey.eq(email_key(email)))
        .filter(sign_in_attempt::Column::Succeeded.eq(false))
        .count(&app.state.db)
        .await
        .unwrap()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn thirty_simultaneous_passwords_evaluate_at_most_five() {
    let app = spawn_app().await;
    // 29 wrong passwords and the right one in the middle, all at once, each from its own browser.
    let tries = (0..30).map(|i| {
        let browser = app.browser();
        async move {
            let password = if i == 15 { DEMO_PASSWORD } else { WRONG };
            location(&browser.sign_in_password(DEMO_EMAIL, password).await)
        }
    });
    let answers = futures::future::join_all(tries).await;
    let evaluated = answers.iter().filter(|a| !a.contains("error=sign_in_paused")).count();
    assert!(evaluated <= FAILURES_BEFORE_PAUSE, "{evaluated} of 30 were checked: {answers:?}");
    assert!(failures_counted(&app, DEMO_EMAIL).await <= FAILURES_BEFORE_PAUSE as u64);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn simultaneous_second_factor_codes_evaluate_at_most_five() {
    let app = spawn_app().await;
    let browser = app.browser();
    assert_eq!(location(&browser.sign_in_password(DEMO_EMAIL, DEMO_PASSWORD).await), "/sign-in/verify");
    let tries = (0..12).map(|i| {
        let browser = &browser;
        async move {
            let code = format!("{:06}", 100_000 + i);
            location(&browser.submit("verify_sign_in", &[("method", "authenticator"), ("code", &code)]).await)
        }
    });
    let answers = futures::future::join_all(tries).await;
    let wrong = answers.iter().filter(|a| a.ends_with("error=code_invalid")).count();
    assert!(wrong < FAILURES_BEFORE_PAUSE, "{answers:?}");
    assert!(failures_counted(&app, DEMO_EMAIL).await <= FAILURES_BEFORE_PAUSE as u64);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_language_switch_never_panics_and_never_leaves_the_site() {
    let app = spawn_app().await;
    let client = reqwest::Client::builder().redirect(reqwest::redirect::Policy::none()).build().unwrap();
    for (back, expected) in [
        ("/%0D%0ASet-Cookie:%20x=1", "/account?language=1"),
        ("/%7F", "/account?language=1"),
        ("/%09/evil.example", "/account?language=1"),
        ("//evil.example", "/account?language=1"),
        ("/sign-in?required=1", "/sign-in?required=1"),
    ] {
        let answer = client
            .post(format!("{}/api/set_language", app.base))
            .header("origin", app.base.clone())
            .header("accept", "text/html")
            .header("content-type", "application/x-www-form-urlencoded")
            .body(format!("language=es&back={back}"))
            .send()
            .await
            .unwrap();
        assert_eq!(answer.status(), 302, "{back}");
        assert_eq!(location(&answer), expected, "{back}");
    }
    // The switch in the header sends the page back with its query, `?` included.
    let page = body(app.browser().get("/sign-in?required=1").await).await;
    assert!(page.contains(r#"name="back" value="/sign-in?required=1""#), "{page}");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_used_reset_link_revokes_every_other_one() {
    let app = spawn_app().await;
    let browser = app.browser();
    for _ in 0..2 {
        browser.submit("request_password_reset", &[("email", DEMO_EMAIL)]).await;
        tokio::time::sleep(std::time::Duration::from_millis(200)).await;
    }
    let mails = app.wait_for_mail(DEMO_EMAIL, "Reset your Portico password", 2).await;
    let (first, second) = (reset_token(&mails[0]), reset_token(&mails[1]));
    let used = browser.submit("reset_password", &[("token", &first), ("password", NEW_PASSWORD)]).await;
    assert_eq!(location(&used), "/sign-in?password_reset=1");
    let other =
        browser.submit("reset_password", &[("token", &second), ("password", "copper lighthouse meadow 77")]).await;
    assert_eq!(location(&other), format!("/reset-password?token={second}&error=reset_link_invalid"));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn sign_up_mails_to_one_address_are_capped_without_telling_who_has_an_account() {
    let app = spawn_app().await;
    for n in 0..12 {
        // From several clients in turn would be the same; one client suffices here.
        let answer = app.browser().sign_up(DEMO_EMAIL, NEW_PASSWORD).await;
        assert_eq!(location(&answer), "/sign-up/check-email", "attempt {n}: the same page every time");
    }
    app.wait_for_mail(DEMO_EMAIL, "You already have a Portico account", 3).await;
    tokio::time::sleep(std::time::Duration::from_millis(300)).await; // let any extra send land, if one were made
    assert_eq!(app.mail_to(DEMO_EMAIL, "You already have a Portico account").len(), 3);
    // A new address: its confirmation and then "already registered" mails share the same cap.
    for _ in 0..5 {
        app.browser().sign_up("fresh@example.com", NEW_PASSWORD).await;
    }
    tokio::time::sleep(std::time::Duration::from_millis(500)).await;
    let to_fresh = app.outbox_messages().iter().filter(|m| m.contains("To: fresh@example.com\r\n")).count();
    assert_eq!(to_fresh, 3);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn sign_ups_from_one_client_are_limited() {
    let app = spawn_app().await;
    let browser = app.browser();
    for n in 0..30 {
        assert_eq!(
            location(&browser.sign_up(&format!("bulk{n}@example.com"), NEW_PASSWORD).await),
            "/sign-up/check-email"
        );
    }
    let refused = browser.sign_up("bulk30@example.com", NEW_PASSWORD).await;
    assert_eq!(refused.status(), 429);
    assert!(refused.headers().contains_key("retry-after"));
    app.advance(Duration::hours(1));
    assert_eq!(location(&browser.sign_up("bulk31@example.com", NEW_PASSWORD).await), "/sign-up/check-email");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn personal_answers_are_never_stored_by_caches() {
    let app = spawn_app().await;
    let browser = app.browser();
    assert_eq!(app.sign_in(&browser, DEMO_EMAIL, DEMO_PASSWORD).await, "/dashboard");
    for path in ["/dashboard", "/cases/IOE0912345601", "/security-events", "/account"] {
        let answer = browser.get(path).await;
        assert_eq!(answer.status(), 200, "{path}");
        assert_eq!(answer.headers().get("cache-control").unwrap(), "private, no-store", "{path}");
        // When the session ends unless used again: the service worker deletes its offline copies then.
        let ends: chrono::DateTime<chrono::Utc> =
            answer.headers().get("x-portico-session-ends").unwrap().to_str().unwrap().parse().unwrap();
        assert_eq!(ends, app.clock_now() + Duration::minutes(15), "{path}");
    }
    let signed_out = app.browser().get("/sign-in").await;
    assert!(signed_out.headers().get("x-portico-session-ends").is_none());
    let data = browser
        .client
        .post(format!("{}/api/dashboard", app.base))
        .header("origin", app.base.clone())
        .send()
        .await
        .unwrap();
    assert_eq!(data.status(), 200);
    assert_eq!(data.headers().get("cache-control").unwrap(), "private, no-store");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_failure_that_starts_a_pause_mails_the_owner_in_the_background() {
    // An SMTP server that takes three seconds to greet: mail sent inside the request would show.
    let slow = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let slow_url = format!("smtp://{}", slow.local_addr().unwrap());
    tokio::spawn(async move {
        loop {
            let Ok((socket, _)) = slow.accept().await else { return };
            tokio::spawn(async move {
                tokio::time::sleep(std::time::Duration::from_secs(3)).await;
                drop(socket);
            });
        }
    });
    let app = spawn_app_with(&[("PORTICO_SMTP_URL", &slow_url)]).await;
    let timed = |email: &'static str| {
        let browser = app.browser();
        async move {
            for _ in 0..4 {
                browser.sign_in_password(email, WRONG).await;
            }
            let started = std::time::Instant::now();
            let answer = location(&browser.sign_in_password(email, WRONG).await);
            (answer, started.elapsed())
        }
    };
    let (unknown_answer, unknown_took) = timed("nobody@example.com").await;
    let (owner_answer, owner_took) = timed(DEMO_EMAIL).await;
    assert_eq!(owner_answer, unknown_answer);
    assert!(owner_answer.starts_with("/sign-in?error=sign_in_paused"), "{owner_answer}");
    assert!(
        owner_took < unknown_took + std::time::Duration::from_millis(1500),
        "the owner's pausing failure took {owner_took:?}, an unknown email's {unknown_took:?}"
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_pause_says_until_when() {
    let app = spawn_app().await;
    let browser = app.browser();
    for _ in 0..4 {
        browser.sign_in_password(DEMO_EMAIL, WRONG).await;
    }
    let paused = location(&browser.sign_in_password(DEMO_EMAIL, WRONG).await);
    let until = app.clock_now() + Duration::minutes(10);
    assert!(paused.starts_with("/sign-in?error=sign_in_paused&until="), "{paused}");
    let page = body(browser.get(&paused).await).await;
    let shown = app::i18n::Lang::En.format_datetime(until);
    assert!(page.contains(&shown), "{shown} in {page}");
    let mail = app.wait_for_mail(DEMO_EMAIL, "Sign-in to your account was paused", 1).await;
    assert!(mail[0].contains(&format!("paused until {shown}")), "{}", mail[0]);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn oversized_and_malformed_requests_are_the_clients_mistake() {
    let app = spawn_app().await;
    // A 10 MB body: the answer comes as soon as the headers are read, so this client (like curl
    // with `Expect: 100-continue`) sends the headers and reads the answer before the body.
    use tokio::io::{AsyncReadExt, AsyncWriteExt};
    let host = app.base.trim_start_matches("http://").to_owned();
    let mut socket = tokio::net::TcpStream::connect(&host).await.unwrap();
    let head = format!(
        "POST /api/sign_in HTTP/1.1\r\nHost: {host}\r\nOrigin: {}\r\nContent-Type: application/x-www-form-urlencoded\r\n\
         Content-Length: {}\r\n\r\nemail=a%40example.com&password=",
        app.base,
        10 * 1024 * 1024
    );
    socket.write_all(head.as_bytes()).await.unwrap();
    let mut answer = vec![0u8; 1024];
    let read =
        tokio::time::timeout(std::time::Duration::from_secs(5), socket.read(&mut answer)).await.unwrap().unwrap();
    let answer = String::from_utf8_lossy(&answer[..read]).into_owned();
    assert!(answer.starts_with("HTTP/1.1 413"), "{answer}");
    // Sent without a length, a body over the limit is cut off all the same. The body is one byte
    // over the limit and the last chunk is left open, so the server has read everything sent by the
    // time it can know: its answer is not lost to a reset of a connection with unread bytes (which
    // is what a streaming HTTP client here ran into now and then).
    let mut socket = tokio::net::TcpStream::connect(&host).await.unwrap();
    let mut request = format!(
        "POST /api/sign_in HTTP/1.1\r\nHost: {host}\r\nOrigin: {}\r\nContent-Type: application/x-www-form-urlencoded\r\n\
         Transfer-Encoding: chunked\r\n\r\n",
        app.base
    )
    .into_bytes();
    for _ in 0..portico_server::SERVER_FN_BODY_LIMIT / 1024 {
        request.extend_from_slice(b"400\r\n");
        request.extend_from_slice(&[b'x'; 1024]);
        request.extend_from_slice(b"\r\n");
    }
    request.extend_from_slice(b"1\r\nx");
    socket.write_all(&request).await.unwrap();
    let mut answer = Vec::new();
    let read = tokio::time::timeout(std::time::Duration::from_secs(5), socket.read_to_end(&mut answer)).await;
    let answer = String::from_utf8_lossy(&answer).into_owned();
    assert!(read.is_ok(), "the server neither answered nor closed: {answer}");
    assert!(answer.starts_with("HTTP/1.1 413"), "{answer}");
    let client = reqwest::Client::new();
    let malformed = client
        .post(format!("{}/api/sign_in", app.base))
        .header("origin", app.base.clone())
        .header("content-type", "application/x-www-form-urlencoded")
        .body("emial=a")
        .send()
        .await
        .unwrap();
    assert_eq!(malformed.status(), 400);
    let text = malformed.text().await.unwrap();
    assert!(text.contains("could not be read"), "{text}");
}

#[test]
fn the_seed_refuses_production_unless_told_otherwise() {
    let database = std::env::temp_dir().join(format!("portico-seed-{}.db", std::process::id()));
    let run = |extra: &[&str]| {
        std::process::Command::new(env!("CARGO_BIN_EXE_portico"))
            .arg("seed")
            .args(extra)
            .env("DATABASE_URL", format!("sqlite://{}?mode=rwc", database.display()))
            .env("PORTICO_ENV", "production")
            .env("PORTICO_SECRET_KEY", "ab".repeat(32))
            .env("PORTICO_PUBLIC_URL", "https://portico.example.gov")
            .output()
            .expect("run portico seed")
    };
    let refused = run(&[]);
    assert!(!refused.status.success());
    let said = String::from_utf8_lossy(&refused.stderr);
    assert!(said.contains("--allow-demo-data-in-production"), "{said}");
    let allowed = run(&["--allow-demo-data-in-production"]);
    assert!(allowed.status.success(), "{}", String::from_utf8_lossy(&allowed.stderr));
    let _ = std::fs::remove_file(&database);
}

#[test]
fn a_server_whose_site_files_are_missing_refuses_to_start_and_says_what_is_missing() {
    let database = std::env::temp_dir().join(format!("portico-site-{}.db", std::process::id()));
    let output = std::process::Command::new(env!("CARGO_BIN_EXE_portico"))
        .arg("serve")
        .env("DATABASE_URL", format!("sqlite://{}?mode=rwc", database.display()))
        .env("LEPTOS_SITE_ROOT", "/nonexistent/portico-site")
        .env("PORTICO_ADDR", "127.0.0.1:0")
        .output()
        .expect("run portico serve");
    assert!(!output.status.success());
    let said = String::from_utf8_lossy(&output.stderr);
    assert!(said.contains("/nonexistent/portico-site/pkg/portico") && said.contains("hash.txt"), "{said}");
    let _ = std::fs::remove_file(&database);
}

/// Sends `GET <path>` exactly as written (an HTTP client would resolve the dot segments itself) and
/// returns the status line and headers, lower-cased.
async fn raw_get(app: &TestApp, path: &str) -> String {
    use tokio::io::{AsyncReadExt, AsyncWriteExt};
    let host = app.base.trim_start_matches("http://");
    let mut stream = tokio::net::TcpStream::connect(host).await.unwrap();
    let request = format!("GET {path} HTTP/1.1\r\nHost: {host}\r\nAccept: text/html\r\nConnection: close\r\n\r\n");
    stream.write_all(request.as_bytes()).await.unwrap();
    let mut answer = Vec::new();
    stream.read_to_end(&mut answer).await.unwrap();
    let answer = String::from_utf8_lossy(&answer).to_lowercase();
    answer.split("\r\n\r\n").next().unwrap_or_default().to_owned()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_private_page_spelled_with_dot_segments_is_sent_to_its_one_spelling_first() {
    // The router resolves `.`, `..` and `%2e` as a URL parser does; the access rules judged the
    // path as sent, so these showed the dashboard's page to a visitor (its data still refused) —
    // "/uswds/../dashboard" even skipped the session layer as a static file.
    let app = spawn_app().await;
    for (sent, canonical) in [
        ("/./dashboard", "/dashboard"),
        ("/x/../dashboard", "/dashboard"),
        ("/%2e/dashboard", "/dashboard"),
        ("/sign-in/%2E%2E/dashboard?tab=1", "/dashboard?tab=1"),
        ("/uswds/../dashboard", "/dashboard"),
        ("/healthz/../staff", "/staff"),
        ("/x/..//evil.example/", "/evil.example/"),
    ] {
        let answer = raw_get(&app, sent).await;
        assert!(answer.starts_with("http/1.1 308"), "{sent}: {answer}");
        assert!(answer.contains(&format!("\r\nlocation: {canonical}\r\n")), "{sent}: {answer}");
    }
    // And the one spelling of a private page asks a visitor to sign in, as ever.
    let answer = raw_get(&app, "/dashboard").await;
    assert!(answer.starts_with("http/1.1 303") && answer.contains("location: /sign-in?required=1"), "{answer}");
}
