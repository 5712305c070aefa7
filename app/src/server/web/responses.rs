//! How Portico answers. One mapping from an [`AppError`] to an HTTP answer — status,
//! `Retry-After`, and words in the reader's language — serves server functions ([`with_status`]),
//! middleware and plain axum routes (`impl IntoResponse for AppError`, whose body the session
//! layer fills in through [`render_error`]). Also: redirects that never leave the site, and the
//! answers of server functions behind forms.

use crate::error::{AppError, Refusal};
use crate::i18n::{Lang, T};
use axum::http::{header, HeaderMap, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};
use leptos::prelude::use_context;
use leptos_axum::ResponseOptions;

/// The HTTP status an error answers with (each variant of `AppError` documents its own).
pub fn status_of(error: &AppError) -> StatusCode {
    StatusCode::from_u16(error.status_code()).unwrap_or(StatusCode::INTERNAL_SERVER_ERROR)
}

/// After how many seconds the client may try again, for the errors that pass.
fn retry_after(error: &AppError) -> Option<u64> {
    match error {
        AppError::TooManyRequests { retry_after_seconds } => Some(*retry_after_seconds),
        AppError::Busy | AppError::Unavailable => Some(5),
        _ => None,
    }
}

/// Marks an answer given because the database could not be reached, for the session layer (which
/// tells `DatabaseHealth` and takes the header off before the answer leaves).
pub const UNREACHABLE_HEADER: &str = "x-portico-unreachable";

/// Whether `response` was given because the database could not be reached (and takes its mark off).
pub fn take_unreachable_mark(response: &mut Response) -> bool {
    let marked = response.headers_mut().remove(UNREACHABLE_HEADER).is_some();
    marked || matches!(response.extensions().get::<UnwrittenError>(), Some(UnwrittenError(AppError::Unavailable)))
}

/// Sets the HTTP status (and `Retry-After`) that `error` stands for on the response of the server
/// function or page being built, and returns it; Leptos writes the error itself as the body.
pub fn with_status(error: AppError) -> AppError {
    if let Some(response) = use_context::<ResponseOptions>() {
        response.set_status(status_of(&error));
        if error == AppError::Unavailable {
            response.insert_header(
                header::HeaderName::from_static(UNREACHABLE_HEADER),
                HeaderValue::from_static("database"),
            );
        }
        if let Some(seconds) = retry_after(&error) {
            response.insert_header(header::RETRY_AFTER, HeaderValue::from(seconds));
        }
    }
    error
}

/// An error answer whose body is still to be written in the reader's language; carried in the
/// response's extensions from `into_response` to the session layer.
#[derive(Debug, Clone)]
pub struct UnwrittenError(pub AppError);

impl IntoResponse for AppError {
    fn into_response(self) -> Response {
        let mut response = status_of(&self).into_response();
        if let Some(seconds) = retry_after(&self) {
            response.headers_mut().insert(header::RETRY_AFTER, HeaderValue::from(seconds));
        }
        response.extensions_mut().insert(UnwrittenError(self));
        response
    }
}

/// Whether the client asked for JSON (an API client, a `fetch`) rather than a page.
pub fn wants_json(headers: &HeaderMap) -> bool {
    headers
        .get(header::ACCEPT)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|accept| accept.contains("application/json") && !accept.contains("text/html"))
}

/// Writes the body of an error answer built by `into_response`, in `lang`: for a JSON client
/// `{"error": <AppError>, "message": "<words>"}`, else a small page of its own (a stylesheet-free
/// document: these answers come from outside the app's router, under the non-page CSP). Other
/// responses pass untouched.
pub fn render_error(mut response: Response, lang: Lang, json: bool) -> Response {
    let Some(UnwrittenError(error)) = response.extensions_mut().remove::<UnwrittenError>() else { return response };
    let t = T(lang);
    let message = error.message_in(t);
    let (content_type, body) = if json {
        let body = serde_json::json!({ "error": error, "message": message }).to_string();
        ("application/json", body)
    } else {
        let page = format!(
            "<!DOCTYPE html>\n<html lang=\"{lang}\"><head><meta charset=\"utf-8\">\
             <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\
             <title>{title} | Portico</title></head>\
             <body><main><h1>{title}</h1><p><a href=\"/\">{home}</a></p></main></body></html>\n",
            lang = lang.tag(),
            title = escape_html(&message),
            home = escape_html(t.get(key!("not_found.home_link"))),
        );
        ("text/html; charset=utf-8", page)
    };
    let (mut parts, _) = response.into_parts();
    parts.headers.insert(header::CONTENT_TYPE, HeaderValue::from_static(content_type));
    parts.headers.remove(header::CONTENT_LENGTH);
    Response::from_parts(parts, axum::body::Body::from(body))
}

fn escape_html(text: &str) -> String {
    text.replace('&', "&amp;").replace('<', "&lt;").replace('>', "&gt;").replace('"', "&quot;")
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
        Err(AppError::Form(error)) => {
            redirect_within_site(&crate::routes::with_query(form_path, &Refusal::from(error).query()), "/");
            Ok(())
        }
        Err(AppError::Refused { error, reason }) => {
            let refusal = Refusal { error, reason: Some(reason) };
            redirect_within_site(&crate::routes::with_query(form_path, &refusal.query()), "/");
            Ok(())
        }
        Err(other) => Err(with_status(other)),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

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

    async fn body_of(response: Response) -> String {
        let bytes = axum::body::to_bytes(response.into_body(), 1 << 16).await.expect("body");
        String::from_utf8(bytes.to_vec()).expect("utf-8")
    }

    #[tokio::test]
    async fn an_error_answers_with_its_status_and_words_in_the_readers_language() {
        let response = render_error(AppError::NotFound.into_response(), Lang::Es, false);
        assert_eq!(response.status(), StatusCode::NOT_FOUND);
        assert_eq!(response.headers()[header::CONTENT_TYPE], "text/html; charset=utf-8");
        let page = body_of(response).await;
        assert!(page.contains("<html lang=\"es\">"), "{page}");
        assert!(page.contains(T(Lang::Es).get(key!("app_error.not_found"))), "{page}");

        let response =
            render_error(AppError::TooManyRequests { retry_after_seconds: 61 }.into_response(), Lang::En, true);
        assert_eq!(response.status(), StatusCode::TOO_MANY_REQUESTS);
        assert_eq!(response.headers()[header::RETRY_AFTER], "61");
        let json: serde_json::Value = serde_json::from_str(&body_of(response).await).expect("json");
        assert_eq!(json["error"], serde_json::json!({ "TooManyRequests": { "retry_after_seconds": 61 } }));
        assert_eq!(json["message"], "Too many attempts from your network. Try again in 2 minutes.");
    }

    #[tokio::test]
    async fn an_internal_error_shows_only_its_reference_and_markup_is_escaped() {
        let error = AppError::Internal { reference: "<b>ab12</b>".into() };
        let page = body_of(render_error(error.into_response(), Lang::En, false)).await;
        assert!(page.contains("&lt;b&gt;ab12&lt;/b&gt;"), "{page}");
        assert!(!page.contains("<b>"), "{page}");
    }

    #[tokio::test]
    async fn responses_that_are_not_errors_pass_untouched() {
        let response = render_error((StatusCode::OK, "fine").into_response(), Lang::Es, false);
        assert_eq!(response.status(), StatusCode::OK);
        assert_eq!(body_of(response).await, "fine");
    }

    #[test]
    fn json_is_for_clients_that_ask_for_it_and_not_for_browsers() {
        let mut headers = HeaderMap::new();
        assert!(!wants_json(&headers));
        headers.insert(header::ACCEPT, HeaderValue::from_static("application/json"));
        assert!(wants_json(&headers));
        headers.insert(header::ACCEPT, HeaderValue::from_static("text/html,application/json;q=0.9"));
        assert!(!wants_json(&headers));
    }
}
