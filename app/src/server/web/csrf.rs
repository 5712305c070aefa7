//! Cross-site request forgery: no GET changes state (server functions that change state are POST
//! only), the session cookie is SameSite=Lax, and this check refuses any state-changing request
//! that a browser says came from another site. It runs before the session layer, so a refused
//! request never touches a session (looking one up keeps it alive); its refusal is written in the
//! visitor's language by the same `responses::render_error` the session layer uses.

use crate::error::AppError;
use crate::server::web::{cookies, request, responses};
use axum::extract::Request;
use axum::http::{header, Method};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use tower_cookies::Cookies;

/// Whether a request with these headers may change state. Browsers send `Origin` on every POST
/// and `Sec-Fetch-Site` on every request; a request with neither is not from a browser page, so a
/// forged cross-site request cannot come without them.
pub fn is_same_origin(method: &Method, host: Option<&str>, origin: Option<&str>, fetch_site: Option<&str>) -> bool {
    if matches!(*method, Method::GET | Method::HEAD | Method::OPTIONS) {
        return true;
    }
    if let Some(site) = fetch_site {
        if site == "cross-site" || site == "same-site" {
            return false;
        }
    }
    match (origin, host) {
        (Some("null"), _) => false,
        (Some(origin), Some(host)) => {
            origin.split_once("://").map(|(_, authority)| authority.trim_end_matches('/') == host).unwrap_or(false)
        }
        (Some(_), None) => false,
        (None, _) => true,
    }
}

pub async fn refuse_cross_site(cookies: Cookies, request: Request, next: Next) -> Response {
    let headers = request.headers();
    let text = |name: &str| headers.get(name).and_then(|v| v.to_str().ok());
    if is_same_origin(
        request.method(),
        text(header::HOST.as_str()),
        text(header::ORIGIN.as_str()),
        text("sec-fetch-site"),
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

    #[test]
    fn same_origin_posts_pass_and_cross_site_ones_do_not() {
        let host = Some("127.0.0.1:3000");
        assert!(is_same_origin(&Method::POST, host, Some("http://127.0.0.1:3000"), Some("same-origin")));
        assert!(is_same_origin(&Method::POST, host, None, None));
        assert!(!is_same_origin(&Method::POST, host, Some("https://evil.example"), None));
        assert!(!is_same_origin(&Method::POST, host, Some("http://127.0.0.1:3000"), Some("cross-site")));
        assert!(!is_same_origin(&Method::POST, host, Some("null"), None));
        assert!(!is_same_origin(&Method::POST, host, Some("http://127.0.0.1:30000"), None));
        assert!(is_same_origin(&Method::GET, host, Some("https://evil.example"), Some("cross-site")));
    }
}
