//! Every request's id: generated here, or taken from `X-Request-Id` when a trusted proxy sent it
//! (so nginx's log and ours name a request alike). It is on every log line of the request (the
//! tracing span the server opens with it), in the answer's `X-Request-Id`, and it is the reference
//! an error page shows (`server::internal_error`), so a reference quoted by a user finds the log.

use crate::routes;
use crate::server::client::ClientAddressSource;
use crate::server::web::access::is_static_asset;
use crate::server::AppState;
use axum::extract::{ConnectInfo, Request, State};
use axum::http::HeaderValue;
use axum::middleware::Next;
use axum::response::Response;
use std::net::SocketAddr;

pub const HEADER: &str = "x-request-id";

/// The request's id, in its extensions.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RequestId(pub String);

tokio::task_local! {
    /// The id of the request this task serves (set around the whole request by [`assign`]).
    static CURRENT: String;
}

/// The id of the request being served: from the task serving it (middleware, server functions),
/// else from the page's request context (Leptos renders some pages on tasks of their own).
pub fn current() -> Option<String> {
    CURRENT.try_with(Clone::clone).ok().or_else(|| {
        leptos::prelude::use_context::<axum::http::request::Parts>()
            .and_then(|parts| parts.extensions.get::<RequestId>().map(|id| id.0.clone()))
    })
}

/// An id from a proxy is used only if it is short and plain (it goes into logs and a header).
pub fn acceptable(id: &str) -> bool {
    (8..=64).contains(&id.len()) && id.bytes().all(|b| b.is_ascii_alphanumeric() || matches!(b, b'-' | b'_' | b'.'))
}

/// 16 random hex digits.
pub fn new_id() -> String {
    use rand::Rng;
    format!("{:016x}", rand::thread_rng().gen::<u64>())
}

/// What of a path may be logged: a page's route pattern (`/cases/:receipt`, never the receipt
/// number), a server function's or a file's path as it is, anything else as `(other)` — a path
/// can carry what somebody typed.
pub fn loggable_path(path: &str) -> String {
    if let Some(pattern) = routes::pattern_of(path) {
        return pattern.to_owned();
    }
    let plain = path.len() <= 120 && path.bytes().all(|b| b.is_ascii_alphanumeric() || b"/-_.".contains(&b));
    if plain && (path.starts_with("/api/") || is_static_asset(path) || !path[1..].contains('/')) {
        return path.to_owned();
    }
    "(other)".to_owned()
}

/// Gives the request its id (see the module comment) and puts it on the answer.
pub async fn assign(State(state): State<AppState>, mut request: Request, next: Next) -> Response {
    let rule = &state.config.client_address;
    let from_proxy = rule.source != ClientAddressSource::Socket
        && request.extensions().get::<ConnectInfo<SocketAddr>>().is_some_and(|peer| rule.trusts(peer.0.ip()));
    let given = request.headers().get(HEADER).and_then(|v| v.to_str().ok()).filter(|id| acceptable(id));
    let id = match (from_proxy, given) {
        (true, Some(id)) => id.to_owned(),
        _ => new_id(),
    };
    request.extensions_mut().insert(RequestId(id.clone()));
    let mut response = CURRENT.scope(id.clone(), next.run(request)).await;
    if let Ok(value) = HeaderValue::from_str(&id) {
        response.headers_mut().insert(HEADER, value);
    }
    response
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_plain_ids_are_taken_and_paths_are_logged_without_what_was_typed() {
        assert!(acceptable("0f3a9c1e2b4d5a6f") && acceptable("nginx-req.42_a"));
        assert!(!acceptable("short") && !acceptable("has space in it") && !acceptable(&"a".repeat(65)));
        assert_eq!(new_id().len(), 16);
        assert_eq!(loggable_path("/cases/IOE0912345601"), "/cases/:receipt");
        assert_eq!(loggable_path("/dashboard"), "/dashboard");
        assert_eq!(loggable_path("/api/sign_in"), "/api/sign_in");
        assert_eq!(loggable_path("/pkg/portico.wasm"), "/pkg/portico.wasm");
        assert_eq!(loggable_path("/no-such-page"), "/no-such-page");
        assert_eq!(loggable_path("/maria@example.com/x"), "(other)");
        assert_eq!(loggable_path("/a/b/c"), "(other)");
    }
}
