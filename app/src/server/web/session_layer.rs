//! The middleware every page, server function and file route passes: resolves who is asking once
//! per request (`access::Viewer`), sends signed-out visitors of private pages to sign in, marks
//! personal answers uncacheable, tells the service worker whose page it is and when the session
//! ends, and writes error answers in the reader's language.

use crate::domain::AccountId;
use crate::error::AppError;
use crate::server::identity::session_policy;
use crate::server::identity::sessions;
use crate::server::web::access::{self, is_health_check, is_static_asset, PageAccess, Viewer};
use crate::server::web::authorization;
use crate::server::web::{cookies, request, responses};
use crate::server::AppState;
use axum::extract::{Request, State};
use axum::http::{header, HeaderValue, Method};
use axum::middleware::Next;
use axum::response::{IntoResponse, Redirect, Response};
use tower_cookies::Cookies;

/// The response header naming who a page was rendered for: an opaque, key-derived id per account
/// (or `none`). The service worker keeps offline copies of pages under it and drops every copy of
/// anyone else the moment a page is rendered for a different viewer or for nobody.
pub const VIEWER_HEADER: &str = "x-portico-viewer";

/// The response header saying when the viewer's session ends if unused (RFC 3339). The service
/// worker keeps it with each offline copy and deletes the copies once that time has passed: a
/// session ended by timeout leaves nothing readable on the device, online or not.
pub const SESSION_ENDS_HEADER: &str = "x-portico-session-ends";

/// Marks an answer refused by the authorization table (before any server function ran), so the
/// authorization matrix test can tell that refusal from a function's own.
pub const REFUSED_BY_HEADER: &str = "x-portico-refused-by";

pub fn viewer_id(state: &AppState, account_id: AccountId) -> String {
    state.config.secret_key.lookup_hash("offline_viewer", account_id, "")[..16].to_owned()
}

/// Axum middleware: see the module's first line.
pub async fn session_layer(
    State(state): State<AppState>,
    cookies: Cookies,
    mut request: Request,
    next: Next,
) -> Response {
    let path = request.uri().path().to_owned();
    // One spelling per path, before anything judges it: the router resolves dot segments, so
    // `/uswds/../dashboard` would otherwise pass as a static file and render the dashboard.
    if let Some(canonical) = access::canonical_path(&path) {
        let query = request.uri().query().map(|query| format!("?{query}")).unwrap_or_default();
        return Redirect::permanent(&format!("{canonical}{query}")).into_response();
    }
    if is_static_asset(&path) || is_health_check(&path) {
        return next.run(request).await;
    }
    let json = responses::wants_json(request.headers());
    let visitor_lang = request::visitor_lang_of(cookies::chosen_language(&cookies), request.headers());
    let name = session_policy::cookie_name(state.config.environment);
    // While the database is known to be down, what needs it is answered 503 at once (see
    // `database_health`).
    let needs_database = cookies.get(name).is_some() || path.starts_with("/api/");
    if needs_database && !state.database.admit() {
        return responses::render_error(AppError::Unavailable.into_response(), visitor_lang, json);
    }
    let viewer = match cookies.get(name) {
        Some(cookie) => match sessions::resolve(&state, cookie.value()).await {
            // Staff never sign in in two steps (their one form asks for the code too), so a
            // staff account's half-finished session is no session at all.
            Ok(Some(session)) if session.awaiting_second_factor() && session.role.is_staff() => Viewer::Anonymous,
            Ok(Some(session)) if session.awaiting_second_factor() => Viewer::SigningIn(session),
            Ok(Some(session)) if session.role.is_staff() => Viewer::Staff(session),
            Ok(Some(session)) => Viewer::Applicant(session),
            Ok(None) => Viewer::Anonymous,
            Err(error) => {
                let mut response = error.into_response();
                note_database(&state, &mut response, true);
                return responses::render_error(response, visitor_lang, json);
            }
        },
        None => Viewer::Anonymous,
    };
    let area = crate::routes::area_of(&path);
    if request.method() == Method::GET && access::page(&viewer, area) == PageAccess::SignInFirst {
        let sign_in = if area == crate::routes::Area::Staff {
            crate::routes::STAFF_SIGN_IN_REQUIRED
        } else {
            crate::routes::SIGN_IN_REQUIRED
        };
        return Redirect::to(sign_in).into_response();
    }
    // Every server function is checked against the one table of who may do what, before it runs.
    if path.starts_with("/api/") {
        let actor = authorization::Actor::of(&viewer);
        let refused = match authorization::action_of(&path) {
            None => Some(AppError::NotFound),
            Some(action) if !authorization::permits(actor, action) => Some(match actor {
                authorization::Actor::Visitor | authorization::Actor::SigningIn => AppError::SignInRequired,
                authorization::Actor::SignedIn(_) => AppError::Forbidden,
            }),
            Some(_) => None,
        };
        if let Some(error) = refused {
            let lang = viewer.signed_in().map_or(visitor_lang, |s| s.lang);
            let mut response = responses::render_error(error.into_response(), lang, json);
            response.headers_mut().insert(header::CACHE_CONTROL, HeaderValue::from_static("private, no-store"));
            response
                .headers_mut()
                .insert(header::HeaderName::from_static(REFUSED_BY_HEADER), HeaderValue::from_static("authorization"));
            return response;
        }
    }
    let signed_in = viewer.any_session();
    let reader_lang = signed_in.map_or(visitor_lang, |s| s.lang);
    let viewer_header = signed_in.map_or_else(|| "none".to_owned(), |s| viewer_id(&state, s.account_id));
    let session_ends = signed_in.map(|s| s.ends_at.to_rfc3339_opts(chrono::SecondsFormat::Secs, true));
    // Whatever is rendered for a session — or answered by a server function, or under a private
    // path — is personal: no browser or shared cache keeps it. (The service worker's offline copy
    // is the one copy meant to exist; the Cache API it uses ignores these headers.)
    let personal = access::is_personal(&viewer, &path);
    request.extensions_mut().insert(viewer);
    let mut response = next.run(request).await;
    note_database(&state, &mut response, needs_database);
    let mut response = responses::render_error(response, reader_lang, json);
    if personal && !response.headers().contains_key(header::CACHE_CONTROL) {
        response.headers_mut().insert(header::CACHE_CONTROL, HeaderValue::from_static("private, no-store"));
    }
    if let Ok(value) = HeaderValue::from_str(&viewer_header) {
        response.headers_mut().insert(header::HeaderName::from_static(VIEWER_HEADER), value);
    }
    if let Some(Ok(value)) = session_ends.map(|ends| HeaderValue::from_str(&ends)) {
        response.headers_mut().insert(header::HeaderName::from_static(SESSION_ENDS_HEADER), value);
    }
    response
}

/// Tells the database's health what an answer showed: given because the database could not be
/// reached, it is down; any other answer to a request that used it, it answers.
fn note_database(state: &AppState, response: &mut Response, used_database: bool) {
    if responses::take_unreachable_mark(response) {
        state.database.unreachable();
    } else if used_database && response.status() != axum::http::StatusCode::SERVICE_UNAVAILABLE {
        state.database.reachable();
    }
}
