//! What a server function or page needs from the request it serves: the shared state, the session
//! (resolved once per request by [`session_layer`]), cookies, and the helpers that turn a result
//! into the right HTTP answer.

use crate::api::AppError;
use crate::i18n::Lang;
use crate::server::identity::sessions::{self, ActiveSession, ClientInfo};
use crate::server::web::access::{is_static_asset, page_requires_sign_in};
use crate::server::{identity::session_policy, AppState};
use axum::extract::{ConnectInfo, Request, State};
use axum::http::{header, request::Parts, HeaderValue, Method, StatusCode};
use axum::middleware::Next;
use axum::response::{IntoResponse, Redirect, Response};
use leptos::prelude::use_context;
use leptos_axum::ResponseOptions;
use std::net::SocketAddr;
use tower_cookies::{cookie::SameSite, Cookie, Cookies};

/// The signed-in session found for this request (or none), put in the request's extensions by
/// [`session_layer`]. A session still awaiting its second factor is never one of these.
#[derive(Clone, Debug)]
pub struct CurrentSession(pub Option<ActiveSession>);

/// A session whose password was accepted and which awaits the second factor: it can finish
/// signing in and nothing else.
#[derive(Clone, Debug)]
pub struct PendingSignIn(pub Option<ActiveSession>);

/// Axum middleware: resolves the session cookie once, stores the result for pages and server
/// functions, and sends anonymous visitors of private pages to the sign-in page.
pub async fn session_layer(
    State(state): State<AppState>,
    cookies: Cookies,
    mut request: Request,
    next: Next,
) -> Response {
    let path = request.uri().path().to_owned();
    if is_static_asset(&path) {
        return next.run(request).await;
    }
    let name = session_policy::cookie_name(state.config.environment);
    let session = match cookies.get(name) {
        Some(cookie) => match sessions::resolve(&state, cookie.value()).await {
            Ok(found) => found,
            Err(error) => {
                return (
                    StatusCode::from_u16(error.status_code()).unwrap_or(StatusCode::INTERNAL_SERVER_ERROR),
                    error.to_string(),
                )
                    .into_response()
            }
        },
        None => None,
    };
    let (session, pending) = match session {
        Some(s) if s.awaiting_second_factor() => (None, Some(s)),
        other => (other, None),
    };
    if session.is_none() && request.method() == Method::GET && page_requires_sign_in(&path) {
        return Redirect::to("/sign-in?required=1").into_response();
    }
    let viewer = match &session {
        Some(s) => viewer_id(&state, s.account_id),
        None => "none".to_owned(),
    };
    let session_ends = session.as_ref().map(|s| s.ends_at.to_rfc3339_opts(chrono::SecondsFormat::Secs, true));
    // Whatever is rendered for a session — or answered by a server function, or under a private
    // path — is personal: no browser or shared cache keeps it. (The service worker's offline copy
    // is the one copy meant to exist; the Cache API it uses ignores these headers.)
    let personal = session.is_some() || pending.is_some() || path.starts_with("/api/") || page_requires_sign_in(&path);
    request.extensions_mut().insert(CurrentSession(session));
    request.extensions_mut().insert(PendingSignIn(pending));
    let mut response = next.run(request).await;
    if personal && !response.headers().contains_key(header::CACHE_CONTROL) {
        response.headers_mut().insert(header::CACHE_CONTROL, HeaderValue::from_static("private, no-store"));
    }
    if let Ok(value) = HeaderValue::from_str(&viewer) {
        response.headers_mut().insert(header::HeaderName::from_static(VIEWER_HEADER), value);
    }
    if let Some(Ok(value)) = session_ends.map(|ends| HeaderValue::from_str(&ends)) {
        response.headers_mut().insert(header::HeaderName::from_static(SESSION_ENDS_HEADER), value);
    }
    response
}

fn parts() -> Result<Parts, AppError> {
    use_context::<Parts>()
        .ok_or_else(|| crate::server::internal_error("request context", "no request parts in context"))
}

pub fn app_state() -> Result<AppState, AppError> {
    use_context::<AppState>().ok_or_else(|| crate::server::internal_error("request context", "no AppState in context"))
}

pub fn current_session() -> Result<Option<ActiveSession>, AppError> {
    Ok(parts()?.extensions.get::<CurrentSession>().and_then(|s| s.0.clone()))
}

/// The session awaiting its second factor, if this request has one.
pub fn pending_sign_in() -> Result<Option<ActiveSession>, AppError> {
    Ok(parts()?.extensions.get::<PendingSignIn>().and_then(|s| s.0.clone()))
}

/// The signed-in session, or a 401 "sign in to continue".
pub fn require_session() -> Result<ActiveSession, AppError> {
    current_session()?.ok_or_else(|| with_status(AppError::SignInRequired))
}

fn cookies() -> Option<Cookies> {
    parts().ok()?.extensions.get::<Cookies>().cloned()
}

pub fn session_cookie() -> Option<String> {
    let state = app_state().ok()?;
    cookies()?.get(session_policy::cookie_name(state.config.environment)).map(|c| c.value().to_owned())
}

/// The session cookie with the flags `session_policy` decides: HttpOnly, SameSite=Lax, Path=/,
/// and Secure with the `__Host-` name in production.
fn session_cookie_named(state: &AppState, value: String) -> Cookie<'static> {
    let env = state.config.environment;
    let mut cookie = Cookie::new(session_policy::cookie_name(env), value);
    cookie.set_path("/");
    cookie.set_http_only(true);
    cookie.set_secure(session_policy::cookie_is_secure(env));
    cookie.set_same_site(SameSite::Lax);
    cookie
}

pub fn set_session_cookie(state: &AppState, token: &str) {
    if let Some(cookies) = cookies() {
        cookies.add(session_cookie_named(state, token.to_owned()));
    }
}

pub fn clear_session_cookie(state: &AppState) {
    if let Some(cookies) = cookies() {
        cookies.remove(session_cookie_named(state, String::new()));
    }
}

pub fn client_info() -> ClientInfo {
    let Ok(parts) = parts() else { return ClientInfo::default() };
    ClientInfo {
        ip: parts.extensions.get::<ConnectInfo<SocketAddr>>().map(|c| c.0.ip().to_string()),
        // Kept with sessions and security events; bounded so a huge header cannot bloat either table.
        user_agent: parts
            .headers
            .get(axum::http::header::USER_AGENT)
            .and_then(|v| v.to_str().ok())
            .map(|ua| ua.chars().take(300).collect()),
    }
}

/// The cookie a visitor's language choice is kept in (signed-in people keep theirs in the account).
pub const LANGUAGE_COOKIE: &str = "portico_lang";

/// The language of the page being rendered: the signed-in person's choice, else the visitor's.
pub fn page_lang() -> Lang {
    match current_session() {
        Ok(Some(session)) => session.lang,
        _ => visitor_lang(),
    }
}

/// The language of a visitor who is not signed in: their explicit choice (cookie), else the
/// browser's `Accept-Language`, else English.
pub fn visitor_lang() -> Lang {
    let Ok(parts) = parts() else { return Lang::default() };
    if let Some(chosen) = cookies().and_then(|c| c.get(LANGUAGE_COOKIE).and_then(|c| Lang::from_tag(c.value()))) {
        return chosen;
    }
    parts
        .headers
        .get(header::ACCEPT_LANGUAGE)
        .and_then(|v| v.to_str().ok())
        .map(Lang::from_accept_language)
        .unwrap_or_default()
}

/// The response header naming who a page was rendered for: an opaque, key-derived id per account
/// (or `none`). The service worker keeps offline copies of pages under it and drops every copy of
/// anyone else the moment a page is rendered for a different viewer or for nobody.
pub const VIEWER_HEADER: &str = "x-portico-viewer";

/// The response header saying when the viewer's session ends if unused (RFC 3339). The service
/// worker keeps it with each offline copy and deletes the copies once that time has passed: a
/// session ended by timeout leaves nothing readable on the device, online or not.
pub const SESSION_ENDS_HEADER: &str = "x-portico-session-ends";

pub fn viewer_id(state: &AppState, account_id: i32) -> String {
    state.config.secret_key.lookup_hash("offline_viewer", account_id, "")[..16].to_owned()
}

/// At sign-out: tell the browser to delete what this site stored (the offline copies of pages, the
/// service worker with them), so nothing of the account stays readable on the device.
pub fn forget_offline_copies() {
    if let Some(response) = use_context::<ResponseOptions>() {
        response.insert_header(
            header::HeaderName::from_static("clear-site-data"),
            HeaderValue::from_static("\"cache\", \"storage\""),
        );
    }
}

/// Keeps a visitor's language choice for a year (not a secret; readable by the page is fine, but
/// there is no need, so HttpOnly all the same).
pub fn remember_language(lang: Lang) {
    if let (Some(cookies), Ok(state)) = (cookies(), app_state()) {
        let mut cookie = Cookie::new(LANGUAGE_COOKIE, lang.tag());
        cookie.set_path("/");
        cookie.set_http_only(true);
        cookie.set_secure(session_policy::cookie_is_secure(state.config.environment));
        cookie.set_same_site(SameSite::Lax);
        cookie.set_max_age(tower_cookies::cookie::time::Duration::days(365));
        cookies.add(cookie);
    }
}

/// Sets the HTTP status that `error` stands for on the response being built, and returns it.
pub fn with_status(error: AppError) -> AppError {
    if let Some(response) = use_context::<ResponseOptions>() {
        response.set_status(StatusCode::from_u16(error.status_code()).unwrap_or(StatusCode::INTERNAL_SERVER_ERROR));
        let retry_after = match &error {
            AppError::TooManyRequests { retry_after_seconds } => Some(*retry_after_seconds),
            AppError::Busy => Some(5),
            _ => None,
        };
        if let Some(seconds) = retry_after {
            response.insert_header(header::RETRY_AFTER, HeaderValue::from(seconds));
        }
    }
    error
}

/// The answer of a server function that returns data: errors carry their HTTP status.
pub fn finish<T>(result: Result<T, AppError>) -> Result<T, AppError> {
    result.map_err(with_status)
}

/// `target` if it is a path on this site that is safe to put in a `Location` header: it starts
/// with one `/` (never `//host` or `/\host`, which browsers read as another site) and holds no
/// control characters, whitespace or backslashes (`/%09/evil.example` would arrive as
/// `/\t/evil.example`, which browsers also read as `//evil.example`).
pub fn same_site_path(target: &str) -> Option<&str> {
    let mut chars = target.chars();
    let safe = chars.next() == Some('/')
        && !matches!(chars.next(), Some('/') | Some('\\'))
        && !target.chars().any(|c| c.is_control() || c.is_whitespace() || c == '\\')
        && HeaderValue::from_str(target).is_ok();
    safe.then_some(target)
}

/// Redirects to `target` when it is a safe same-site path (see [`same_site_path`]), else to
/// `fallback`. Never panics, whatever a visitor sent.
pub fn redirect_within_site(target: &str, fallback: &str) {
    let chosen = same_site_path(target).or_else(|| same_site_path(fallback)).unwrap_or("/");
    leptos_axum::redirect(chosen);
}

/// The answer of a server function behind a form: on success redirect to the path it returned;
/// a refused form goes back to `form_path` with `?error=<code>`; anything else is an error status.
pub fn finish_form(result: Result<String, AppError>, form_path: &str) -> Result<(), AppError> {
    match result {
        Ok(next) => {
            redirect_within_site(&next, form_path);
            Ok(())
        }
        Err(AppError::Form(form_error)) => {
            let joiner = if form_path.contains('?') { '&' } else { '?' };
            redirect_within_site(&format!("{form_path}{joiner}error={}", form_error.code()), "/");
            Ok(())
        }
        Err(other) => Err(with_status(other)),
    }
}

/// Provides the state to pages and server functions (used with `leptos_routes_with_context`), and
/// sets the page's Content-Security-Policy with the nonce Leptos made for this response.
pub fn provide_state(state: AppState) {
    if let (Some(nonce), Some(response)) = (leptos::nonce::use_nonce(), use_context::<ResponseOptions>()) {
        if let Ok(policy) = HeaderValue::from_str(&crate::server::web::csp::page_policy(&nonce)) {
            response.insert_header(header::CONTENT_SECURITY_POLICY, policy);
        }
    }
    leptos::prelude::provide_context(state);
}

#[cfg(test)]
mod tests {
    use super::same_site_path;

    #[test]
    fn only_plain_paths_on_this_site_are_redirect_targets() {
        for ok in ["/", "/sign-in?required=1", "/reset-password?token=ab12", "/cases/EAC2212345678"] {
            assert_eq!(same_site_path(ok), Some(ok), "{ok}");
        }
        for refused in [
            "//evil.example",
            "/\\evil.example",
            "/\t/evil.example",
            "/\r\nSet-Cookie: x=1",
            "/\u{7f}",
            "/a b",
            "https://evil.example/",
            "evil",
            "",
        ] {
            assert_eq!(same_site_path(refused), None, "{refused:?}");
        }
    }
}
