//! What the browser needs to keep Portico readable offline: the service worker script, with the
//! names of this build's files filled in (so a new build is a new worker with a fresh shell cache).

use app::i18n::{Lang, T};
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

/// The words of pages shown offline, per language tag, from the catalogues (`offline.*`).
fn offline_words() -> String {
    let words: serde_json::Map<String, serde_json::Value> = Lang::ALL
        .into_iter()
        .map(|lang| {
            let t = T(lang);
            let text = serde_json::json!({
                "banner": t.lookup("offline.banner"),
                "detail": t.lookup("offline.detail"),
                "no_copy_title": t.lookup("offline.no_copy_title"),
                "no_copy": t.lookup("offline.no_copy"),
                "ended_title": t.lookup("offline.ended_title"),
                "ended": t.lookup("offline.ended"),
            });
            (lang.tag().to_owned(), text)
        })
        .collect();
    serde_json::Value::Object(words).to_string()
}

pub fn service_worker_source(site_root: &str) -> String {
    // The paths are our own file names (letters, digits, dots, slashes): quoting is enough.
    let shell = shell_files(site_root).iter().map(|p| format!("'{p}'")).collect::<Vec<_>>().join(", ");
    TEMPLATE
        .replace("__VERSION__", &site_assets().version)
        .replace("__SHELL__", &format!("[{shell}]"))
        .replace("__TEXT__", &offline_words())
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
        assert!(!source.contains("__VERSION__") && !source.contains("__SHELL__") && !source.contains("__TEXT__"));
        // The offline words come from the catalogues, in every language, none missing.
        assert!(source.contains("No tiene conexión: se muestran sus casos al {when}."));
        assert!(source.contains(T(Lang::En).lookup("offline.ended")));
        assert!(!source.contains("\"\""), "no empty words");
        assert!(source.contains(&format!("'{}'", site_assets().wasm)));
    }
}
