//! The cookies Portico sets — the session's (with the flags `session_policy` decides) and a
//! visitor's language choice — and the header that clears what the site stored at sign-out.

use crate::i18n::Lang;
use crate::server::web::request;
use crate::server::{identity::session_policy, AppState};
use axum::http::{header, HeaderValue};
use leptos::prelude::use_context;
use leptos_axum::ResponseOptions;
use tower_cookies::{cookie::SameSite, Cookie, Cookies};

/// The cookie a visitor's language choice is kept in (signed-in people keep theirs in the account).
pub const LANGUAGE_COOKIE: &str = "portico_lang";

/// The cookies of the request being served (from a page or server function).
pub(crate) fn of_request() -> Option<Cookies> {
    request::extension::<Cookies>()
}

/// The language a visitor chose with the language switch, if they did.
pub fn chosen_language(cookies: &Cookies) -> Option<Lang> {
    cookies.get(LANGUAGE_COOKIE).and_then(|c| Lang::from_tag(c.value()))
}

pub fn session_cookie() -> Option<String> {
    let state = request::app_state().ok()?;
    of_request()?.get(session_policy::cookie_name(state.config.environment)).map(|c| c.value().to_owned())
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
    if let Some(cookies) = of_request() {
        cookies.add(session_cookie_named(state, token.to_owned()));
    }
}

pub fn clear_session_cookie(state: &AppState) {
    if let Some(cookies) = of_request() {
        cookies.remove(session_cookie_named(state, String::new()));
    }
}

/// Keeps a visitor's language choice for a year (not a secret; readable by the page is fine, but
/// there is no need, so HttpOnly all the same).
pub fn remember_language(lang: Lang) {
    if let (Some(cookies), Ok(state)) = (of_request(), request::app_state()) {
        let mut cookie = Cookie::new(LANGUAGE_COOKIE, lang.tag());
        cookie.set_path("/");
        cookie.set_http_only(true);
        cookie.set_secure(session_policy::cookie_is_secure(state.config.environment));
        cookie.set_same_site(SameSite::Lax);
        cookie.set_max_age(tower_cookies::cookie::time::Duration::days(365));
        cookies.add(cookie);
    }
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
