//! The operators' metrics, scraped as Prometheus would: from the admin listener only, with
//! requests by route pattern and status (latency histograms), sign-in outcomes, the hashing
//! queue and its refusals, the outbox backlog and failed deliveries, and the database pool.
//! The recorder is one per process and the tests run side by side, so counters are compared
//! before and after (they only grow); gauges read this instance's own state.

use crate::common::*;
use app::server::entities::outbox_message;
use app::server::seed::{DEMO_EMAIL, DEMO_PASSWORD};
use sea_orm::{ActiveModelTrait, Set};

/// The sum of the samples of `name` whose labels include every one of `labels`.
fn sample(text: &str, name: &str, labels: &[(&str, &str)]) -> f64 {
    text.lines()
        .filter(|line| !line.starts_with('#'))
        .filter_map(|line| line.rsplit_once(' '))
        .filter(|(series, _)| {
            let (series_name, series_labels) = series.split_once('{').unwrap_or((series, ""));
            series_name == name && labels.iter().all(|(k, v)| series_labels.contains(&format!("{k}=\"{v}\"")))
        })
        .filter_map(|(_, value)| value.parse::<f64>().ok())
        .sum()
}

async fn scrape(admin: &str) -> String {
    let response = reqwest::get(format!("{admin}/metrics")).await.unwrap();
    assert_eq!(response.status(), 200);
    assert!(response.headers()["content-type"].to_str().unwrap().starts_with("text/plain"));
    response.text().await.unwrap()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_operator_scrapes_what_the_instance_is_doing() {
    let app = spawn_app().await;
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let admin = format!("http://{}", listener.local_addr().unwrap());
    let stop = tokio_util::sync::CancellationToken::new();
    tokio::spawn(portico_server::metrics::serve_admin(listener, app.state.clone(), stop.clone()));
    let before = scrape(&admin).await;

    // A wrong password, a whole sign-in, a page, a probe of a random path.
    let browser = app.browser();
    assert_eq!(
        location(&browser.sign_in_password(DEMO_EMAIL, "not the password at all").await),
        "/sign-in?error=invalid_credentials"
    );
    let signed_in = app.sign_in(&browser, DEMO_EMAIL, DEMO_PASSWORD).await;
    assert!(!signed_in.starts_with("/sign-in"), "{signed_in}");
    assert_eq!(browser.get(&format!("/cases/{}", app::server::seed::PAPER_CASE_WITH_CODE)).await.status(), 404);
    browser.get("/probe-8f7a6s5d.php").await;
    // The hashing pool full: one caller is told "busy".
    let tiny = app::server::identity::password::PasswordHasher::new(1, 0);
    let tries = (0..3).map(|_| tiny.verify(app::domain::Password::for_verification("whatever it is"), None));
    let answers = futures::future::join_all(tries).await;
    assert!(answers.iter().any(|a| matches!(a, Err(app::error::AppError::Busy))));
    // A message that cannot be sent.
    outbox_message::ActiveModel {
        idempotency_key: Set(format!("metrics-test-{}", rand::random::<u64>())),
        kind: Set("case_updated".to_owned()),
        account_id: Set(app.account_id(DEMO_EMAIL).await),
        case_id: Set(None),
        payload: Set("not a message".to_owned()),
        created_at: Set(app.clock_now()),
        attempts: Set(0),
        next_attempt_at: Set(app.clock_now()),
        claimed_until: Set(None),
        delivered_at: Set(None),
        last_error: Set(None),
        ..Default::default()
    }
    .insert(&app.state.db)
    .await
    .unwrap();
    let pass = app::server::notify::outbox::deliver_due(&app.state).await.unwrap();
    assert!(pass.failed >= 1);

    let after = scrape(&admin).await;
    let grew = |name: &str, labels: &[(&str, &str)]| sample(&after, name, labels) - sample(&before, name, labels);
    let sign_in = "portico_sign_in_steps_total";
    assert!(grew(sign_in, &[("step", "password"), ("outcome", "wrong_password")]) >= 1.0, "{after}");
    assert!(grew(sign_in, &[("step", "password"), ("outcome", "password_accepted")]) >= 1.0);
    assert!(grew(sign_in, &[("step", "second_factor"), ("outcome", "signed_in")]) >= 1.0);
    let requests = "portico_http_requests_total";
    assert!(grew(requests, &[("route", "/api/sign_in"), ("method", "POST")]) >= 2.0);
    assert!(grew(requests, &[("route", "/cases/:receipt"), ("status", "404")]) >= 1.0);
    assert!(grew(requests, &[("route", "(other)")]) >= 1.0);
    assert!(!after.contains("probe-8f7a6s5d") && !after.contains(app::server::seed::PAPER_CASE_WITH_CODE));
    let buckets = "portico_http_request_duration_seconds_bucket";
    assert!(grew(buckets, &[("route", "/api/sign_in"), ("le", "+Inf")]) >= 2.0, "{after}");
    assert!(sample(&after, "portico_http_request_duration_seconds_count", &[("route", "/api/sign_in")]) >= 2.0);
    assert!(grew("portico_password_hashing_refused_total", &[]) >= 1.0);
    assert!(grew("portico_outbox_deliveries_total", &[("outcome", "failed")]) >= 1.0);
    // Gauges: this instance's own state.
    assert!(sample(&after, "portico_outbox_backlog", &[]) >= 1.0);
    assert_eq!(sample(&after, "portico_password_hashing_in_flight", &[]), 0.0);
    assert!(sample(&after, "portico_password_hashing_capacity", &[]) >= 17.0);
    let max = if app.backend == "sqlite" { 5.0 } else { 20.0 };
    assert_eq!(sample(&after, "portico_db_pool_max_connections", &[]), max);
    assert!(sample(&after, "portico_db_pool_connections", &[("state", "idle")]) >= 1.0);

    // The public site does not serve them.
    assert_eq!(browser.get("/metrics").await.status(), 404);
    stop.cancel();
}
