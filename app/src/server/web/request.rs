//! The request a page or server function serves: the shared state, who is asking (resolved once
//! per request by the session layer), the client, and the reader's language.

use crate::error::AppError;
use crate::i18n::Lang;
use crate::server::client::{ClientAddress, ClientInfo};
use crate::server::identity::sessions::ActiveSession;
use crate::server::web::access::Viewer;
use crate::server::web::{cookies, responses};
use crate::server::AppState;
use axum::extract::ConnectInfo;
use axum::http::{header, request::Parts, HeaderMap, HeaderValue};
use leptos::prelude::use_context;
use leptos_axum::ResponseOptions;
use std::net::SocketAddr;

fn parts() -> Result<Parts, AppError> {
    use_context::<Parts>()
        .ok_or_else(|| crate::server::internal_error("request context", "no request parts in context"))
}

/// A value the middleware put in the request's extensions.
pub(crate) fn extension<T: Clone + Send + Sync + 'static>() -> Option<T> {
    parts().ok()?.extensions.get::<T>().cloned()
}

pub fn app_state() -> Result<AppState, AppError> {
    use_context::<AppState>().ok_or_else(|| crate::server::internal_error("request context", "no AppState in context"))
}

/// Who is asking (see `access::Viewer`); anonymous outside a request.
pub fn viewer() -> Viewer {
    extension::<Viewer>().unwrap_or_default()
}

pub fn current_session() -> Result<Option<ActiveSession>, AppError> {
    Ok(viewer().signed_in().cloned())
}

/// The session awaiting its second factor, if this request has one.
pub fn pending_sign_in() -> Result<Option<ActiveSession>, AppError> {
    Ok(viewer().signing_in().cloned())
}

/// The signed-in session, or a 401 "sign in to continue".
pub fn require_session() -> Result<ActiveSession, AppError> {
    current_session()?.ok_or_else(|| responses::with_status(AppError::SignInRequired))
}

/// The signed-in staff member's session, or a 401 "sign in to continue".
pub fn require_staff() -> Result<ActiveSession, AppError> {
    viewer().staff().cloned().ok_or_else(|| responses::with_status(AppError::SignInRequired))
}

pub fn client_info() -> ClientInfo {
    let Ok(parts) = parts() else { return ClientInfo::default() };
    ClientInfo {
        // Decided once by `resolve_client_address`; the socket peer where that layer did not run.
        ip: parts
            .extensions
            .get::<ClientAddress>()
            .map(|c| c.0)
            .or_else(|| parts.extensions.get::<ConnectInfo<SocketAddr>>().map(|c| c.0.ip()))
            .map(|ip| ip.to_string()),
        // Kept with sessions and security events; bounded so a huge header cannot bloat either table.
        user_agent: parts
            .headers
            .get(axum::http::header::USER_AGENT)
            .and_then(|v| v.to_str().ok())
            .map(|ua| ua.chars().take(300).collect()),
    }
}

/// Decides once who the request's client is (see `client::ClientAddressRule`) and keeps it in the
/// request for `client_info`, the limits and the logs.
pub async fn resolve_client_address(
    axum::extract::State(state): axum::extract::State<AppState>,
    mut request: axum::extract::Request,
    next: axum::middleware::Next,
) -> axum::response::Response {
    if let Some(peer) = request.extensions().get::<ConnectInfo<SocketAddr>>().map(|c| c.0.ip()) {
        let client = state.config.client_address.client(peer, request.headers());
        request.extensions_mut().insert(ClientAddress(client));
    }
    next.run(request).await
}

/// The language of the page being rendered: the signed-in person's choice, else the visitor's.
pub fn page_lang() -> Lang {
    match current_session() {
        Ok(Some(session)) => session.lang,
        _ => visitor_lang(),
    }
}

/// The language of a visitor who is not signed in (see [`visitor_lang_of`]).
pub fn visitor_lang() -> Lang {
    let Ok(parts) = parts() else { return Lang::default() };
    visitor_lang_of(cookies::of_request().as_ref().and_then(cookies::chosen_language), &parts.headers)
}

/// A visitor's language: their explicit choice (the language cookie), else the browser's
/// `Accept-Language`, else English.
pub fn visitor_lang_of(chosen: Option<Lang>, headers: &HeaderMap) -> Lang {
    chosen.unwrap_or_else(|| {
        headers
            .get(header::ACCEPT_LANGUAGE)
            .and_then(|v| v.to_str().ok())
            .map(Lang::from_accept_language)
            .unwrap_or_default()
    })
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
