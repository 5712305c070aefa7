//! `GET /live`: the Server-Sent Events stream an applicant's open page listens to (see
//! `app::server::notify::live`). It says only "your cases changed" (`event: cases`); the page then
//! reads them again through the usual access rules. The stream closes when the session ends —
//! checked at once when the account's sessions change (sign-out, disabling), and every 30 seconds
//! otherwise (an idle timeout) — without itself counting as activity.

use app::domain::AccountId;
use app::error::AppError;
use app::server::identity::{session_policy, sessions};
use app::server::notify::live::News;
use app::server::web::access::Viewer;
use app::server::AppState;
use axum::extract::State;
use axum::response::sse::{Event, KeepAlive, Sse};
use axum::response::{IntoResponse, Response};
use axum::Extension;
use std::convert::Infallible;
use std::time::Duration;
use tokio::sync::broadcast::error::RecvError;
use tokio_util::sync::CancellationToken;
use tower_cookies::Cookies;

/// How often a quiet stream checks that its session is still live.
pub const SESSION_CHECK: Duration = Duration::from_secs(30);

struct Listening {
    state: AppState,
    token: String,
    account: AccountId,
    news: tokio::sync::broadcast::Receiver<News>,
    greeted: bool,
    /// Cancelled when the server stops: the stream ends, so the stop need not wait for it (the
    /// browser's EventSource reconnects, to another instance behind a balancer).
    shutdown: CancellationToken,
}

pub async fn stream(
    State(state): State<AppState>,
    Extension(viewer): Extension<Viewer>,
    Extension(shutdown): Extension<CancellationToken>,
    cookies: Cookies,
) -> Response {
    let Some(session) = viewer.signed_in() else { return AppError::SignInRequired.into_response() };
    let Some(token) = cookies.get(session_policy::cookie_name(state.config.environment)).map(|c| c.value().to_owned())
    else {
        return AppError::SignInRequired.into_response();
    };
    let listening =
        Listening { news: state.live.subscribe(), account: session.account_id, token, state, greeted: false, shutdown };
    let events = futures_util::stream::unfold(listening, |mut l| async move {
        if !l.greeted {
            l.greeted = true;
            return Some((Ok::<_, Infallible>(Event::default().event("ready").data("listening")), l));
        }
        loop {
            let heard = tokio::select! {
                _ = l.shutdown.cancelled() => return None,
                heard = tokio::time::timeout(SESSION_CHECK, l.news.recv()) => heard,
            };
            let changed = match heard {
                Ok(Ok(news)) if news.account() != l.account => continue,
                Ok(Ok(News::CasesChanged(_))) => true,
                Ok(Ok(News::SessionsChanged(_))) | Err(_) => false,
                // Missed news: say "changed", and the page reads everything again.
                Ok(Err(RecvError::Lagged(_))) => true,
                Ok(Err(RecvError::Closed)) => return None,
            };
            if !sessions::still_live(&l.state, &l.token).await.unwrap_or(false) {
                return None;
            }
            if changed {
                return Some((Ok(Event::default().event("cases").data("changed")), l));
            }
        }
    });
    Sse::new(events).keep_alive(KeepAlive::default()).into_response()
}
