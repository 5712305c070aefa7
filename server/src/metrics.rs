//! Prometheus metrics for operators, served on a separate address (`PORTICO_ADMIN_ADDR`, off by
//! default) so they are never reachable from the public site. What is counted and under which
//! names is `app::server::metrics`; this module installs the recorder (once per process), times
//! every request by its route *pattern* (never a receipt number; unknown paths are one series,
//! so probing random paths cannot grow the series without end), and adds, at each scrape, the
//! gauges read from the instance: its database pool, the outbox backlog, the hashing queue.

use app::server::metrics as names;
use app::server::AppState;
use axum::extract::{Request, State};
use axum::http::{header, HeaderValue, StatusCode};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use axum::Router;
use metrics_exporter_prometheus::{PrometheusBuilder, PrometheusHandle};
use sea_orm::DbBackend;
use std::sync::OnceLock;
use std::time::Instant;
use tokio_util::sync::CancellationToken;

/// Request latency buckets, in seconds: from a cached asset to a slow report.
const LATENCY_BUCKETS: [f64; 12] = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 2.5, 5.0, 10.0, 30.0];

/// The process's Prometheus recorder, installed on first use.
pub fn handle() -> &'static PrometheusHandle {
    static HANDLE: OnceLock<PrometheusHandle> = OnceLock::new();
    HANDLE.get_or_init(|| {
        let handle = PrometheusBuilder::new()
            .set_buckets_for_metric(
                metrics_exporter_prometheus::Matcher::Full(names::REQUEST_SECONDS.to_owned()),
                &LATENCY_BUCKETS,
            )
            .expect("the latency buckets are not empty")
            .install_recorder()
            .expect("no other metrics recorder is installed");
        names::describe();
        handle
    })
}

/// The label a request is counted under: its route's pattern, a server function's path (a fixed
/// set), `(static)` for the site's files, the health checks by name, or `(other)`.
pub fn route_label(path: &str) -> String {
    if let Some(pattern) = app::routes::pattern_of(path) {
        return pattern.to_owned();
    }
    if let Some(name) = path.strip_prefix("/api/") {
        if app::server::web::authorization::ENDPOINTS.iter().any(|(endpoint, _)| *endpoint == name) {
            return path.to_owned();
        }
    }
    if app::server::web::access::is_static_asset(path) || path == "/sw.js" || path == "/manifest.webmanifest" {
        return "(static)".to_owned();
    }
    if matches!(path, "/healthz" | "/readyz") {
        return path.to_owned();
    }
    "(other)".to_owned()
}

/// Counts and times every request (middleware, outermost but for the request id).
pub async fn record_request(request: Request, next: Next) -> Response {
    let route = route_label(request.uri().path());
    let method = request.method().as_str().to_owned();
    let started = Instant::now();
    let response = next.run(request).await;
    let status = response.status().as_u16().to_string();
    metrics::counter!(names::REQUESTS, "route" => route.clone(), "method" => method.clone(), "status" => status)
        .increment(1);
    metrics::histogram!(names::REQUEST_SECONDS, "route" => route, "method" => method)
        .record(started.elapsed().as_secs_f64());
    response
}

/// The admin router: `GET /metrics` in Prometheus' text format.
pub fn admin_router(state: AppState) -> Router {
    handle();
    Router::new().route("/metrics", get(scrape)).with_state(state)
}

async fn scrape(State(state): State<AppState>) -> impl IntoResponse {
    let (in_flight, capacity) = state.passwords.load();
    metrics::gauge!(names::PASSWORD_HASHING_IN_FLIGHT).set(in_flight as f64);
    metrics::gauge!(names::PASSWORD_HASHING_CAPACITY).set(capacity as f64);
    let (size, idle, max) = match state.db.get_database_backend() {
        DbBackend::Postgres => {
            let pool = state.db.get_postgres_connection_pool();
            (pool.size(), pool.num_idle(), pool.options().get_max_connections())
        }
        _ => {
            let pool = state.db.get_sqlite_connection_pool();
            (pool.size(), pool.num_idle(), pool.options().get_max_connections())
        }
    };
    let idle = idle as f64;
    metrics::gauge!(names::DB_POOL_CONNECTIONS, "state" => "idle").set(idle);
    metrics::gauge!(names::DB_POOL_CONNECTIONS, "state" => "in_use").set((f64::from(size) - idle).max(0.0));
    metrics::gauge!(names::DB_POOL_MAX).set(f64::from(max));
    match app::server::notify::outbox::backlog(&state).await {
        Ok((waiting, stuck)) => {
            metrics::gauge!(names::OUTBOX_BACKLOG).set(waiting as f64);
            metrics::gauge!(names::OUTBOX_STUCK).set(stuck as f64);
        }
        Err(error) => tracing::warn!(%error, "metrics: could not count the outbox backlog"),
    }
    let handle = handle();
    handle.run_upkeep();
    (
        StatusCode::OK,
        [(header::CONTENT_TYPE, HeaderValue::from_static("text/plain; version=0.0.4; charset=utf-8"))],
        handle.render(),
    )
}

/// Serves the admin router on `listener` until `shutdown` is cancelled.
pub async fn serve_admin(
    listener: tokio::net::TcpListener,
    state: AppState,
    shutdown: CancellationToken,
) -> std::io::Result<()> {
    axum::serve(listener, admin_router(state)).with_graceful_shutdown(shutdown.cancelled_owned()).await
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn requests_are_labelled_by_pattern_and_unknown_paths_share_one_label() {
        assert_eq!(route_label("/cases/IOE0912345601"), "/cases/:receipt");
        assert_eq!(route_label("/api/sign_in"), "/api/sign_in");
        assert_eq!(route_label("/api/no_such_function"), "(other)");
        assert_eq!(route_label("/pkg/portico.abc.wasm"), "(static)");
        assert_eq!(route_label("/healthz"), "/healthz");
        assert_eq!(route_label("/wp-admin.php"), "(other)");
        assert_eq!(route_label("/x8f7a6s5d"), "(other)");
    }
}
