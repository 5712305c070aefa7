//! Cross-site request forgery: no GET changes state (server functions that change state are POST
//! only), the session cookie is SameSite=Lax, and this check refuses any state-changing request
//! that a browser says came from another site. It runs before the session layer, so a refused
//! request never touches a session (looking one up keeps it alive); its refusal is written in the
//! visitor's language by the same `responses::render_error` the session layer uses.

use crate::error::AppError;
use crate::server::web::{cookies, request, responses};
use crate::server::AppState;
use axum::extract::{Request, State};
use axum::http::{header, Method};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use tower_cookies::Cookies;

/// Whether a request with these headers may change state. Browsers send `Sec-Fetch-Site` on every
/// request and `Origin` on every POST; a request with neither is not from a browser page, so a
/// forged cross-site request cannot come without them.
///
/// `Sec-Fetch-Site: same-origin` is believed first: the browser writes it and no page can. Failing
/// that, `Origin` must be the origin Portico is published at (`PORTICO_PUBLIC_URL`) — a reverse
/// proxy rewrites `Host`, so behind one `Host` says nothing about the browser's address bar — or,
/// for a server reached directly, the origin of the `Host` it was asked for.
pub fn is_same_origin(
    method: &Method,
    host: Option<&str>,
    origin: Option<&str>,
    fetch_site: Option<&str>,
    public_origin: &str,
) -> bool {
    if matches!(*method, Method::GET | Method::HEAD | Method::OPTIONS) {
        return true;
    }
    match fetch_site {
        Some("same-origin") => return true,
        Some("cross-site") | Some("same-site") => return false,
        _ => {}
    }
    match origin {
        None => true,
        Some("null") => false,
        Some(origin) if origin.trim_end_matches('/').eq_ignore_ascii_case(public_origin) => true,
        Some(origin) => match (origin.split_once("://"), host) {
            (Some((_, authority)), Some(host)) => authority.trim_end_matches('/').eq_ignore_ascii_case(host),
            _ => false,
        },
    }
}

/// The origin (`scheme://host[:port]`) of a public URL such as `https://portico.example.gov/app`.
pub fn origin_of(public_url: &str) -> String {
    let (scheme, rest) = public_url.split_once("://").unwrap_or(("https", public_url));
    let authority = rest.split(['/', '?', '#']).next().unwrap_or_default();
    format!("{scheme}://{authority}").to_ascii_lowercase()
}

pub async fn refuse_cross_site(
    State(state): State<AppState>,
    cookies: Cookies,
    request: Request,
    next: Next,
) -> Response {
    let headers = request.headers();
    let text = |name: &str| headers.get(name).and_then(|v| v.to_str().ok());
    if is_same_origin(
        request.method(),
        text(header::HOST.as_str()),
        text(header::ORIGIN.as_str()),
        text("sec-fetch-site"),
        &state.config.public_origin,
    ) {
        next.run(request).await
    } else {
        tracing::warn!(path = %request.uri().path(), "refused a cross-site request");
        let lang = request::visitor_lang_of(cookies::chosen_language(&cookies), request.headers());
        responses::render_error(AppError::CrossSite.into_response(), lang, responses::wants_json(request.headers()))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const PUBLIC: &str = "https://portico.example.gov";

    fn posted(host: Option<&str>, origin: Option<&str>, fetch_site: Option<&str>) -> bool {
        is_same_origin(&Method::POST, host, origin, fetch_site, PUBLIC)
    }

    #[test]
    fn same_origin_posts_pass_and_cross_site_ones_do_not() {
        let host = Some("127.0.0.1:3000");
        assert!(posted(host, Some("http://127.0.0.1:3000"), Some("same-origin")));
        assert!(posted(host, Some("http://127.0.0.1:3000"), None));
        assert!(posted(host, None, None));
        assert!(!posted(host, Some("https://evil.example"), None));
        assert!(!posted(host, Some("http://127.0.0.1:3000"), Some("cross-site")));
        assert!(!posted(host, Some("https://portico.example.gov"), Some("same-site")));
        assert!(!posted(host, Some("null"), None));
        assert!(!posted(host, Some("http://127.0.0.1:30000"), None));
        assert!(is_same_origin(&Method::GET, host, Some("https://evil.example"), Some("cross-site"), PUBLIC));
    }

    #[test]
    fn behind_a_proxy_the_public_origin_is_trusted_whatever_the_host() {
        // nginx passed the request on to "portico-upstream": Host no longer names the public address.
        let host = Some("portico-upstream");
        assert!(posted(host, Some("https://portico.example.gov"), None));
        assert!(posted(host, Some("https://PORTICO.example.gov/"), Some("none")));
        assert!(posted(host, None, Some("same-origin")));
        assert!(!posted(host, Some("https://portico.example.gov.evil.example"), None));
        assert!(!posted(host, Some("http://portico.example.gov"), None));
    }

    #[test]
    fn public_origins_drop_paths() {
        assert_eq!(origin_of("https://Portico.example.gov/app/"), "https://portico.example.gov");
        assert_eq!(origin_of("http://127.0.0.1:3000"), "http://127.0.0.1:3000");
    }
}
