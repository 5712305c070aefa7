//! What the browser needs to keep Portico readable offline: the service worker script, with the
//! names of this build's files filled in (so a new build is a new worker with a fresh shell cache).

use app::server::web::assets::{site_assets, uswds_files};
use app::server::AppState;
use axum::extract::State;
use axum::http::{header, HeaderValue};
use axum::response::IntoResponse;

const TEMPLATE: &str = include_str!("service_worker.js");

/// Files cached when the worker installs: enough to open a saved page with its look, offline.
fn shell_files(site_root: &str) -> Vec<String> {
    let assets = site_assets();
    let mut files = vec![
        assets.js.clone(),
        assets.wasm.clone(),
        assets.css.clone(),
        "/assets/offline.js".to_owned(),
        "/assets/icon-192.png".to_owned(),
        "/manifest.webmanifest".to_owned(),
    ];
    files.extend(uswds_files(site_root));
    files
}

pub fn service_worker_source(site_root: &str) -> String {
    // The paths are our own file names (letters, digits, dots, slashes): quoting is enough.
    let shell = shell_files(site_root).iter().map(|p| format!("'{p}'")).collect::<Vec<_>>().join(", ");
    TEMPLATE.replace("__VERSION__", &site_assets().version).replace("__SHELL__", &format!("[{shell}]"))
}

pub async fn service_worker(State(state): State<AppState>) -> impl IntoResponse {
    (
        [
            (header::CONTENT_TYPE, HeaderValue::from_static("text/javascript; charset=utf-8")),
            // Browsers check for a new worker on each visit; never serve a stale one.
            (header::CACHE_CONTROL, HeaderValue::from_static("no-cache")),
            // A worker's own policy governs what it may fetch: only Portico.
            (header::CONTENT_SECURITY_POLICY, HeaderValue::from_static("default-src 'self'")),
        ],
        service_worker_source(&state.config.site_root),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_worker_lists_this_builds_files_and_leaves_no_placeholder() {
        let source = service_worker_source("target/site");
        assert!(!source.contains("__VERSION__") && !source.contains("__SHELL__"));
        assert!(source.contains(&format!("'{}'", site_assets().wasm)));
    }
}
