//! What the service worker relies on to keep offline copies to their owner: every page says who it
//! was rendered for (an opaque id, different per account, "none" when signed out), and signing out
//! tells the browser to delete what the site stored.

use crate::common::*;
use app::server::seed::{DEMO_EMAIL, DEMO_PASSWORD};

fn viewer(response: &reqwest::Response) -> String {
    response.headers().get("x-portico-viewer").expect("a viewer header").to_str().unwrap().to_owned()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn pages_name_their_viewer_and_signing_out_clears_the_device() {
    let app = spawn_app().await;
    let browser = app.browser();
    assert_eq!(viewer(&browser.get("/").await), "none");
    app.sign_in(&browser, DEMO_EMAIL, DEMO_PASSWORD).await;
    let demo = viewer(&browser.get("/dashboard").await);
    assert_eq!(demo.len(), 16);
    assert!(!demo.contains(&DEMO_EMAIL[..4]), "opaque");
    assert_eq!(viewer(&browser.get("/cases/IOE0912345601").await), demo, "stable for one account");

    let other = app.browser();
    app.sign_up_confirmed(&other, "someone@example.com", "Quiet-Harbor-Lantern-42").await;
    app.sign_in(&other, "someone@example.com", "Quiet-Harbor-Lantern-42").await;
    assert_ne!(viewer(&other.get("/link-record").await), demo, "each account its own");

    let signed_out = browser.submit("sign_out", &[]).await;
    assert_eq!(
        signed_out.headers().get("clear-site-data").expect("Clear-Site-Data at sign-out").to_str().unwrap(),
        "\"cache\", \"storage\""
    );
    assert_eq!(viewer(&browser.get("/sign-in").await), "none");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_service_worker_is_served_fresh_and_may_fetch_only_portico() {
    let app = spawn_app().await;
    let response = app.browser().get("/sw.js").await;
    assert_eq!(response.status(), 200);
    let headers = response.headers().clone();
    assert_eq!(headers["cache-control"], "no-cache");
    assert_eq!(headers["content-security-policy"], "default-src 'self'");
    assert!(headers["content-type"].to_str().unwrap().starts_with("text/javascript"));
    let source = body(response).await;
    assert!(source.contains("portico-pages-") && !source.contains("__SHELL__"));
}
