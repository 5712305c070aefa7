//! Portico behind a reverse proxy (issue 15): the client's address comes from the header a
//! trusted proxy writes, never from one anybody can send; and the cross-site check trusts the
//! published origin although the proxy rewrote `Host`.

use crate::common::*;
use app::server::seed::{DEMO_EMAIL, DEMO_PASSWORD};
use reqwest::header::{HeaderMap, HeaderValue};

const WRONG: &str = "not the right password";

/// A browser whose requests reach Portico carrying `X-Forwarded-For: <forwarded_for>`, as through
/// nginx (or as a client forging the header).
fn browser_forwarded_for(app: &TestApp, forwarded_for: &str) -> Browser {
    let mut headers = HeaderMap::new();
    headers.insert("x-forwarded-for", HeaderValue::from_str(forwarded_for).unwrap());
    Browser {
        client: reqwest::Client::builder()
            .cookie_store(true)
            .redirect(reqwest::redirect::Policy::none())
            .default_headers(headers)
            .build()
            .unwrap(),
        base: app.base.clone(),
    }
}

/// Fails the password for 50 different emails, each from the address `forwarded_for(i)`; then
/// tries the demo account's right password from `from` and returns the answer's status.
async fn flood_then_sign_in(app: &TestApp, forwarded_for: impl Fn(usize) -> String, from: &str) -> u16 {
    for i in 0..50 {
        let browser = browser_forwarded_for(app, &forwarded_for(i));
        assert_eq!(
            app.sign_in(&browser, &format!("guess{i}@example.com"), WRONG).await,
            "/sign-in?error=invalid_credentials"
        );
    }
    browser_forwarded_for(app, from).sign_in_password(DEMO_EMAIL, DEMO_PASSWORD).await.status().as_u16()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn behind_a_trusted_proxy_one_flooding_client_pauses_only_itself() {
    // The test connects from 127.0.0.1, which is the default trusted proxy.
    let app = spawn_app_with(&[("PORTICO_CLIENT_IP", "x-forwarded-for")]).await;
    // The flood comes from 198.51.100.9, through the proxy; the owner signs in from elsewhere.
    let owner_status = flood_then_sign_in(&app, |_| "198.51.100.9".to_owned(), "203.0.113.20").await;
    assert_eq!(owner_status, 302, "another client is not paused by the flood (sent on to the second step)");
    let flooder = browser_forwarded_for(&app, "203.0.113.77, 198.51.100.9");
    assert_eq!(flooder.sign_in_password(DEMO_EMAIL, DEMO_PASSWORD).await.status(), 429, "the flooder is paused");

    // The devices list shows the address the proxy saw, not the proxy.
    let owner = browser_forwarded_for(&app, "203.0.113.20");
    assert_eq!(app.sign_in(&owner, DEMO_EMAIL, DEMO_PASSWORD).await, "/dashboard");
    let devices = body(owner.get("/account/devices").await).await;
    assert!(devices.contains("203.0.113.20") && !devices.contains("127.0.0.1"), "{devices}");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_forged_forwarding_header_does_not_spread_a_flood_over_many_addresses() {
    // Portico faces the browsers itself (the default): the header is anybody's to write.
    let app = spawn_app().await;
    let status = flood_then_sign_in(&app, |i| format!("198.51.100.{i}"), "203.0.113.20").await;
    assert_eq!(status, 429, "fifty forged addresses are still one client");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_forwarding_header_from_a_peer_that_is_not_a_trusted_proxy_is_ignored() {
    // Read from X-Forwarded-For, but only when the connection comes from 10.0.0.0/8; the test
    // connects from 127.0.0.1, so its header is a forgery.
    let app =
        spawn_app_with(&[("PORTICO_CLIENT_IP", "x-forwarded-for"), ("PORTICO_TRUSTED_PROXIES", "10.0.0.0/8")]).await;
    let status = flood_then_sign_in(&app, |i| format!("198.51.100.{i}"), "203.0.113.20").await;
    assert_eq!(status, 429);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_proxy_that_rewrites_host_still_gets_same_origin_posts_through() {
    let app = spawn_app_with(&[("PORTICO_PUBLIC_URL", "https://portico.example.gov")]).await;
    let post = |origin: Option<&'static str>, fetch_site: Option<&'static str>| {
        let client = app.browser().client;
        let url = format!("{}/api/sign_in", app.base);
        async move {
            // nginx passed the request on with the upstream's name as Host.
            let mut request = client.post(url).header("host", "portico-upstream").header("accept", "text/html");
            if let Some(origin) = origin {
                request = request.header("origin", origin);
            }
            if let Some(site) = fetch_site {
                request = request.header("sec-fetch-site", site);
            }
            request.form(&[("email", DEMO_EMAIL), ("password", WRONG)]).send().await.unwrap().status().as_u16()
        }
    };
    // A wrong password is answered by a redirect back to the form with its error: the check let it through.
    const PASSED: u16 = 302;
    assert_eq!(post(Some("https://portico.example.gov"), None).await, PASSED, "the published origin");
    assert_eq!(post(None, Some("same-origin")).await, PASSED, "the browser says same-origin");
    assert_eq!(post(Some("https://portico.example.gov"), Some("same-origin")).await, PASSED);
    assert_eq!(post(Some("https://evil.example"), None).await, 403);
    assert_eq!(post(Some("https://evil.example"), Some("cross-site")).await, 403);
    assert_eq!(post(Some("https://portico.example.gov"), Some("same-site")).await, 403, "a sibling site");
    assert_eq!(post(Some("http://portico.example.gov"), None).await, 403, "plain http is another origin");
}
