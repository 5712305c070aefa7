//! Portico's server: builds the shared state from configuration, connects and migrates the
//! database, and assembles the axum router (pages, server functions, assets, health checks).
//! `main.rs` is the command line around it; the integration tests start it the same way.

#![recursion_limit = "256"]
pub mod backup;
pub mod evidence;
pub mod generate;
pub mod live;
pub mod metrics;
pub mod offline;
pub mod settings;
pub mod smtp_sink;

use app::domain::NoticeId;
use app::server::clock::Clock;
use app::server::config::{Config, ConfigError, Environment};
use app::server::identity::password::PasswordHasher;
use app::server::notify::mail::Mailer;
use app::server::notify::sms::OutboxTexts;
use app::server::web::access::Viewer;
use app::server::web::request::provide_state;
use app::server::web::request_id::{self, RequestId};
use app::server::web::session_layer::session_layer;
use app::server::{web::csrf, AppState};
use app::{shell, App};
use axum::body::Body;
use axum::extract::{Path, Request, State};
use axum::http::{header, HeaderValue, StatusCode};
use axum::response::IntoResponse;
use axum::routing::get;
use axum::Extension;
use axum::Router;
use leptos::prelude::LeptosOptions;
use leptos_axum::{generate_route_list, handle_server_fns_with_context, LeptosRoutes};
use migration::{Migrator, MigratorTrait};
use sea_orm::{ConnectOptions, ConnectionTrait, Database, DatabaseConnection};
use std::net::SocketAddr;
use std::sync::Arc;
use tokio_util::sync::CancellationToken;
use tower_cookies::CookieManagerLayer;
use tower_http::classify::ServerErrorsFailureClass;
use tower_http::compression::CompressionLayer;
use tower_http::services::{ServeDir, ServeFile};
use tower_http::set_header::SetResponseHeaderLayer;
use tower_http::trace::{DefaultOnResponse, TraceLayer};
use tower_http::LatencyUnit;

#[derive(Debug, thiserror::Error)]
pub enum StartError {
    #[error(transparent)]
    Config(#[from] ConfigError),
    #[error("cannot open the database ({0}); check DATABASE_URL and that the server is reachable")]
    Database(sea_orm::DbErr),
    #[error("migrating the database failed: {0}")]
    Migration(sea_orm::DbErr),
    #[error("loading the demo data failed: {0}")]
    Seed(String),
    #[error("{0}")]
    Refused(String),
    #[error("cannot listen on {addr}: {error}")]
    Listen { addr: SocketAddr, error: std::io::Error },
}

/// How long a request waits for a PostgreSQL connection before it is answered 503.
pub const DATABASE_WAIT: std::time::Duration = std::time::Duration::from_secs(5);

/// A pooled connection idle at least this long is pinged before it is handed out (see `connect`).
pub const POOL_PING_AFTER_IDLE: std::time::Duration = std::time::Duration::from_secs(1);

/// How long start-up waits for an unreachable database before giving up.
const START_WAIT: std::time::Duration = std::time::Duration::from_secs(30);

/// Opens the database named by the configuration. For SQLite the folder of the file is created.
pub async fn connect(config: &Config) -> Result<DatabaseConnection, StartError> {
    if config.is_sqlite() {
        let path = config.database_url.trim_start_matches("sqlite://").trim_start_matches("sqlite:");
        let path = path.split('?').next().unwrap_or_default();
        if let Some(parent) = std::path::Path::new(path).parent().filter(|p| !p.as_os_str().is_empty()) {
            let _ = std::fs::create_dir_all(parent);
        }
    }
    let mut options = ConnectOptions::new(config.database_url.clone());
    options.max_connections(if config.is_sqlite() { 5 } else { 20 }).sqlx_logging(false);
    // sqlx pings a pooled connection before handing it out, by default on every acquire: a round
    // trip to PostgreSQL (or to SQLite's worker thread) before each statement, 6 of them on the
    // dashboard. Only a connection idle this long is pinged now; one in steady use has just
    // answered, and sqlx pings it anyway when it comes back to the pool and drops it if it
    // does not answer. After PostgreSQL restarts, a connection that failed a request is dropped
    // that way, and `DatabaseHealth` keeps requests away until its own ping gets an answer.
    options.test_before_acquire_if_idle_for(POOL_PING_AFTER_IDLE);
    if !config.is_sqlite() {
        // A request waits at most this long for a PostgreSQL connection, then is answered 503
        // with Retry-After (`AppError::Unavailable`), instead of sqlx's default 30 s. Once a
        // request has found the database down, `DatabaseHealth` answers 503 at once until its
        // own pings find it back, so few wait this long. Not shorter: bursts that serialise on a lock (the record-link guesses of one
        // account, say) can hold every connection for a second or two on a busy machine.
        options.acquire_timeout(DATABASE_WAIT).connect_timeout(DATABASE_WAIT);
    }
    // At start-up PostgreSQL may still be coming up beside us (a restart of both, a container
    // started first): keep trying for a while, since each attempt gives up after DATABASE_WAIT.
    // (A SQLite file that cannot be opened will not become openable by waiting.)
    let started = std::time::Instant::now();
    let db = loop {
        match Database::connect(options.clone()).await {
            Ok(db) => break db,
            Err(error)
                if !config.is_sqlite()
                    && app::server::database_unreachable(&error)
                    && started.elapsed() < START_WAIT =>
            {
                tracing::warn!(%error, "the database is not reachable yet; trying again");
                tokio::time::sleep(std::time::Duration::from_millis(500)).await;
            }
            Err(error) => return Err(StartError::Database(error)),
        }
    };
    if config.is_sqlite() {
        // WAL lets pages read while a write is in progress; a busy timeout waits out short locks.
        for pragma in ["PRAGMA journal_mode=WAL", "PRAGMA busy_timeout=5000", "PRAGMA foreign_keys=ON"] {
            db.execute_unprepared(pragma).await.map_err(StartError::Database)?;
        }
    }
    Ok(db)
}

/// The PostgreSQL advisory lock that lets one instance at a time migrate (an arbitrary constant:
/// "portico" in ASCII).
const MIGRATION_LOCK: i64 = 0x0070_6f72_7469_636f;

/// Applies pending migrations. On PostgreSQL several instances may start with `--migrate` at
/// once: each waits for an advisory lock held on a connection of its own while the migrations run,
/// so one migrates and the others then find nothing to do. (SQLite has one instance.)
pub async fn migrate(db: &DatabaseConnection) -> Result<(), StartError> {
    // After the schema, the processing-time counts of the decisions made before they existed, and
    // the records' match keys as names are matched now.
    let up = || async {
        Migrator::up(db, None).await?;
        app::server::cases::estimates::rebuild_if_empty(db).await?;
        app::server::identity::record_link::refresh_match_keys(db).await.map(drop)
    };
    if db.get_database_backend() != sea_orm::DbBackend::Postgres {
        return up().await.map_err(StartError::Migration);
    }
    let to_err = |error: sea_orm::sqlx::Error| StartError::Migration(sea_orm::DbErr::Custom(error.to_string()));
    let mut holder = db.get_postgres_connection_pool().acquire().await.map_err(to_err)?;
    sea_orm::sqlx::query("SELECT pg_advisory_lock($1)")
        .bind(MIGRATION_LOCK)
        .execute(&mut *holder)
        .await
        .map_err(to_err)?;
    let migrated = up().await.map_err(StartError::Migration);
    let unlocked =
        sea_orm::sqlx::query("SELECT pg_advisory_unlock($1)").bind(MIGRATION_LOCK).execute(&mut *holder).await;
    if unlocked.is_err() {
        // The lock ends with its connection; close that one rather than hand it back locked.
        holder.detach();
    }
    migrated
}

pub fn leptos_options(config: &Config) -> LeptosOptions {
    LeptosOptions::builder()
        .output_name("portico")
        .site_root(config.site_root.as_str())
        .site_pkg_dir("pkg")
        .site_addr(config.addr)
        .hash_files(app::server::web::assets::hash_file_path().is_some())
        .build()
}

pub fn build_state(config: Config, db: DatabaseConnection, clock: Arc<dyn Clock>) -> Result<AppState, StartError> {
    let workers = std::thread::available_parallelism().map(|n| n.get()).unwrap_or(2);
    Ok(AppState {
        leptos_options: leptos_options(&config),
        mailer: Mailer::from_config(&config)?,
        texts: Arc::new(OutboxTexts::new(config.texts_outbox_dir.clone())),
        // Up to 32 waiting per core: about a quarter of a second of hashing each, so a burst of
        // sign-ins waits briefly instead of being refused; beyond that, "busy" at once.
        passwords: PasswordHasher::new(workers, workers * 32),
        live: app::server::notify::live::Live::new(),
        files: app::server::files::FileStore::from_config(&config.files)
            .map_err(|e| StartError::Refused(format!("cannot open the file store: {e}")))?,
        database: Arc::default(),
        from_memory: None,
        db,
        config: Arc::new(config),
        clock,
    })
}

async fn healthz() -> &'static str {
    "ok"
}

async fn readyz(State(state): State<AppState>) -> impl IntoResponse {
    match state.db.ping().await {
        Ok(()) => (StatusCode::OK, "ready"),
        Err(error) => {
            tracing::warn!(%error, "database not reachable");
            (StatusCode::SERVICE_UNAVAILABLE, "database unreachable")
        }
    }
}

/// The largest server-function request accepted (forms and small JSON; uploads will have routes
/// of their own). Larger ones are answered 413 before any of it is read.
pub const SERVER_FN_BODY_LIMIT: usize = 64 * 1024;

async fn server_fn_handler(State(state): State<AppState>, request: Request<Body>) -> impl IntoResponse {
    handle_server_fns_with_context(move || provide_state(state.clone()), request).await
}

/// Middleware for every server-function request (`/api/…`; Leptos registers each function at its
/// own path, so this cannot live in one handler): bodies over the limit are refused before they are
/// read, and the answers Leptos gives to requests it could not read are mended (see
/// [`answer_refused_requests`]).
async fn guard_server_fns(request: Request<Body>, next: axum::middleware::Next) -> axum::response::Response {
    if !request.uri().path().starts_with("/api/") {
        return next.run(request).await;
    }
    let declared = request
        .headers()
        .get(header::CONTENT_LENGTH)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.parse::<usize>().ok());
    if declared.is_some_and(|length| length > SERVER_FN_BODY_LIMIT) {
        return too_large();
    }
    // A body sent without its length is cut off at the limit all the same.
    let request = request.map(|body| Body::new(http_body_util::Limited::new(body, SERVER_FN_BODY_LIMIT)));
    answer_refused_requests(next.run(request).await).await
}

fn too_large() -> axum::response::Response {
    let message = format!("The request is larger than {} KB.", SERVER_FN_BODY_LIMIT / 1024);
    let answer = serde_json::to_vec(&app::error::AppError::Transport(message)).unwrap_or_default();
    (StatusCode::PAYLOAD_TOO_LARGE, [(header::CONTENT_TYPE, HeaderValue::from_static("application/json"))], answer)
        .into_response()
}

/// Leptos answers every request it could not read — a body over the limit, arguments that do not
/// deserialize — with 500 and `{"Transport": …}`. Those are the client's mistakes, not ours: 413
/// for a body too large, 400 with a message for malformed arguments. And a redirect Leptos built
/// from the `Referer` of a failed form post never leaves this site: another origin's address is
/// cut down to its path here.
async fn answer_refused_requests(response: axum::response::Response) -> axum::response::Response {
    let (mut parts, body) = response.into_parts();
    if let Some(location) = parts.headers.get(header::LOCATION).and_then(|v| v.to_str().ok()) {
        if app::server::web::responses::same_site_path(location).is_none() {
            let path = location
                .split_once("://")
                .and_then(|(_, rest)| rest.find('/').map(|i| &rest[i..]))
                .and_then(app::server::web::responses::same_site_path)
                .unwrap_or("/");
            parts
                .headers
                .insert(header::LOCATION, HeaderValue::from_str(path).unwrap_or(HeaderValue::from_static("/")));
        }
    }
    if parts.status != StatusCode::INTERNAL_SERVER_ERROR {
        return axum::response::Response::from_parts(parts, body);
    }
    let Ok(bytes) = axum::body::to_bytes(body, 64 * 1024).await else {
        return axum::response::Response::from_parts(parts, Body::empty());
    };
    if let Ok(app::error::AppError::Transport(detail)) = serde_json::from_slice::<app::error::AppError>(&bytes) {
        if detail.contains("length limit") {
            return too_large();
        }
        parts.status = StatusCode::BAD_REQUEST;
        let message = format!("The request could not be read: {}", detail.chars().take(300).collect::<String>());
        let answer = serde_json::to_vec(&app::error::AppError::Transport(message)).unwrap_or_default();
        parts.headers.remove(header::CONTENT_LENGTH);
        return axum::response::Response::from_parts(parts, Body::from(answer));
    }
    axum::response::Response::from_parts(parts, Body::from(bytes))
}

/// The app's routes, generated once per process. Generating them renders the app with resource
/// loading suppressed through a process-wide flag, and a resource first polled by a page being
/// served meanwhile would never load (leptos issue #4773); doing it once, before anything is
/// served, keeps that from ever overlapping a request (it did when tests started several servers).
fn route_list() -> Vec<leptos_axum::AxumRouteListing> {
    static ROUTES: std::sync::OnceLock<Vec<leptos_axum::AxumRouteListing>> = std::sync::OnceLock::new();
    ROUTES.get_or_init(|| generate_route_list(App)).clone()
}

/// A notice of one of the signed-in person's cases, as a PDF in their language. Signed out, the
/// session layer has already sent the visitor to sign in; someone else's notice is not found.
/// Errors answer through `AppError`'s one path (status, words in the reader's language).
async fn notice_pdf(
    State(state): State<AppState>,
    Extension(viewer): Extension<Viewer>,
    Path((receipt, notice)): Path<(String, String)>,
) -> Result<axum::response::Response, app::error::AppError> {
    let notice = notice.parse::<i32>().map(NoticeId).map_err(|_| app::error::AppError::NotFound)?;
    let read = app::server::cases::queries::notice_document(&state, &viewer, &receipt, notice).await?;
    let lang = viewer.signed_in().map(|s| s.lang).unwrap_or_default();
    let (document, file_name) = app::api::cases::words::notice_document(&read, lang, state.now().date_naive());
    let bytes = app::server::cases::notice_pdf::render(&document, state.config.fonts_dir.as_deref());
    Ok((
        [
            (header::CONTENT_TYPE, HeaderValue::from_static("application/pdf")),
            (
                header::CONTENT_DISPOSITION,
                HeaderValue::from_str(&format!("inline; filename=\"{file_name}\""))
                    .unwrap_or_else(|_| HeaderValue::from_static("inline")),
            ),
            // A personal document: never kept by shared caches, nor by the browser's.
            (header::CACHE_CONTROL, HeaderValue::from_static("private, no-store")),
        ],
        bytes,
    )
        .into_response())
}

/// The router, with streams that end when `shutdown` is cancelled.
pub fn router(state: AppState) -> Router {
    router_stopped_by(state, CancellationToken::new())
}

/// How long in-flight requests may run on after a stop is asked for (SIGTERM), before the process
/// ends anyway. Below systemd's default stop timeout (90 s) and most orchestrators' (30 s).
pub const SHUTDOWN_GRACE: std::time::Duration = std::time::Duration::from_secs(20);

pub fn router_stopped_by(state: AppState, shutdown: CancellationToken) -> Router {
    let routes = route_list();
    let pkg_dir = format!("{}/pkg", state.config.site_root);
    let assets_dir = format!("{}/assets", state.config.site_root);
    // Hashed names change with their content, so they are cached for a year; without hashes
    // (debug builds) the browser checks each time.
    let pkg_cache = if app::server::web::assets::site_assets().hashed() {
        HeaderValue::from_static("public, max-age=31536000, immutable")
    } else {
        HeaderValue::from_static("no-cache")
    };
    // USWDS's files sit under a path naming its release (see `assets::USWDS_VERSION`): a new
    // release is a new URL, so they too are cached for a year, and sent precompressed.
    let uswds_dir = format!("{}/uswds/{}", state.config.site_root, app::server::web::assets::USWDS_VERSION);
    let uswds = Router::new()
        .nest_service(
            app::server::web::assets::uswds("").trim_end_matches('/'),
            ServeDir::new(uswds_dir).precompressed_br().precompressed_gzip(),
        )
        .layer(SetResponseHeaderLayer::overriding(
            header::CACHE_CONTROL,
            HeaderValue::from_static("public, max-age=31536000, immutable"),
        ));
    let assets = Router::new()
        .nest_service("/pkg", ServeDir::new(pkg_dir).precompressed_br().precompressed_gzip())
        .layer(SetResponseHeaderLayer::overriding(header::CACHE_CONTROL, pkg_cache))
        .merge(uswds)
        .merge(
            Router::new()
                .nest_service("/assets", ServeDir::new(assets_dir))
                .route_service(
                    "/manifest.webmanifest",
                    ServeFile::new(format!("{}/manifest.webmanifest", state.config.site_root)),
                )
                .layer(SetResponseHeaderLayer::overriding(
                    header::CACHE_CONTROL,
                    HeaderValue::from_static("public, max-age=86400"),
                ))
                .layer(CompressionLayer::new()),
        )
        .route("/sw.js", get(offline::service_worker));
    // HSTS only where Portico is served over https (PORTICO_ENV=production); on plain-http
    // development servers it would be ignored at best.
    let hsts = (state.config.environment == Environment::Production)
        .then(|| HeaderValue::from_static("max-age=63072000; includeSubDomains"));
    let context_state = state.clone();
    let shell_options = state.leptos_options.clone();
    let fallback_state = state.clone();
    Router::new()
        .route("/healthz", get(healthz))
        .route("/readyz", get(readyz))
        .route("/api/{*fn_name}", get(server_fn_handler).post(server_fn_handler))
        .route(&app::routes::axum_pattern(app::routes::NOTICE), get(notice_pdf))
        .route(
            &app::routes::axum_pattern(app::routes::EVIDENCE_FILES),
            axum::routing::post(evidence::upload)
                .layer(axum::extract::DefaultBodyLimit::max(evidence::UPLOAD_BODY_LIMIT)),
        )
        .route(&app::routes::axum_pattern(app::routes::EVIDENCE_FILE), get(evidence::owner_download))
        .route(&app::routes::axum_pattern(app::routes::STAFF_EVIDENCE_FILE), get(evidence::staff_download))
        .route(app::routes::LIVE, get(live::stream))
        .leptos_routes_with_context(
            &state,
            routes,
            move || provide_state(context_state.clone()),
            move || shell(shell_options.clone()),
        )
        .fallback(leptos_axum::file_and_error_handler_with_context::<AppState, _>(
            move || provide_state(fallback_state.clone()),
            shell,
        ))
        .layer(axum::middleware::from_fn(guard_server_fns))
        .layer(Extension(shutdown))
        .layer(axum::middleware::from_fn_with_state(state.clone(), session_layer))
        // Before the session layer: a forged request never looks up (and so never keeps alive) a session.
        .layer(axum::middleware::from_fn_with_state(state.clone(), csrf::refuse_cross_site))
        .layer(axum::middleware::from_fn_with_state(state.clone(), app::server::web::request::resolve_client_address))
        .layer(CookieManagerLayer::new())
        .merge(assets)
        .layer(SetResponseHeaderLayer::if_not_present(
            header::STRICT_TRANSPORT_SECURITY,
            move |_: &axum::response::Response| hsts.clone(),
        ))
        .layer(SetResponseHeaderLayer::if_not_present(
            header::X_CONTENT_TYPE_OPTIONS,
            HeaderValue::from_static("nosniff"),
        ))
        .layer(SetResponseHeaderLayer::if_not_present(header::X_FRAME_OPTIONS, HeaderValue::from_static("DENY")))
        .layer(SetResponseHeaderLayer::if_not_present(
            header::CONTENT_SECURITY_POLICY,
            HeaderValue::from_static(app::server::web::csp::NON_PAGE_POLICY),
        ))
        .layer(SetResponseHeaderLayer::if_not_present(
            header::REFERRER_POLICY,
            HeaderValue::from_static("strict-origin-when-cross-origin"),
        ))
        // Every log line of a request carries its id; the path is logged as its route's pattern.
        .layer(
            TraceLayer::new_for_http()
                .make_span_with(|request: &Request| {
                    let id = request.extensions().get::<RequestId>().map(|r| r.0.as_str()).unwrap_or_default();
                    tracing::info_span!(
                        "request",
                        id = %id,
                        method = %request.method(),
                        path = %request_id::loggable_path(request.uri().path()),
                    )
                })
                .on_response(DefaultOnResponse::new().level(tracing::Level::INFO).latency_unit(LatencyUnit::Millis))
                .on_failure(log_failure),
        )
        .layer(axum::middleware::from_fn(metrics::record_request))
        .layer(axum::middleware::from_fn_with_state(state.clone(), request_id::assign))
        .with_state(state)
}

/// A response that failed: an error, except "busy" and "database unreachable" (503). Those are
/// answered on purpose, counted (`metrics`), and their cause is logged once when it begins
/// (`DatabaseHealth`); an error line for each would be thousands a second under a flood (9,302
/// in one `make bench`), which buries what matters and fills the disk on an attacker's behalf.
fn log_failure(class: ServerErrorsFailureClass, latency: std::time::Duration, _span: &tracing::Span) {
    let latency_ms = latency.as_millis();
    match class {
        ServerErrorsFailureClass::StatusCode(StatusCode::SERVICE_UNAVAILABLE) => {
            tracing::debug!(latency_ms, "answered 503 (busy or database unreachable)")
        }
        other => tracing::error!(classification = %other, latency_ms, "response failed"),
    }
}

/// Serves until the process is stopped (the tests and the benchmark).
pub async fn serve(listener: tokio::net::TcpListener, state: AppState) -> std::io::Result<()> {
    serve_until(listener, state, CancellationToken::new()).await
}

/// Serves until `shutdown` is cancelled (on SIGTERM, see `main.rs`); then stops accepting
/// connections, ends the live streams, lets the requests in flight finish (for at most
/// [`SHUTDOWN_GRACE`]) and stops the background workers between two rounds of work.
pub async fn serve_until(
    listener: tokio::net::TcpListener,
    state: AppState,
    shutdown: CancellationToken,
) -> std::io::Result<()> {
    let mut workers = tokio::task::JoinSet::new();
    let sweeping = state.clone();
    let stop = shutdown.clone();
    // Once a minute: mail the owners whose lost-factor recovery has finished its wait, report
    // sign-ins whose password was right but whose second step was never finished, and queue the
    // reminders that have come due.
    workers.spawn(async move {
        let mut every_minute = tokio::time::interval(std::time::Duration::from_secs(60));
        loop {
            tokio::select! {
                _ = stop.cancelled() => return,
                _ = every_minute.tick() => {}
            }
            if let Err(error) = app::server::identity::second_factors::recovery::notify_ready(&sweeping).await {
                tracing::warn!(%error, "could not check account recoveries");
            }
            if let Err(error) = app::server::identity::sign_in::report_unfinished_sign_ins(&sweeping).await {
                tracing::warn!(%error, "could not check unfinished sign-ins");
            }
            // Reminders due (a week and a day before); each is queued once, whichever instance
            // finds it first (`cases::reminders`).
            match app::server::cases::reminders::send_due(&sweeping).await {
                Ok(0) => {}
                Ok(queued) => tracing::info!(queued, "reminders queued"),
                Err(error) => tracing::warn!(%error, "could not queue reminders"),
            }
        }
    });
    // Every hour (the first a minute after start): delete the rows no rule reads any more.
    let housekeeping = state.clone();
    let stop = shutdown.clone();
    workers.spawn(async move {
        let start = tokio::time::Instant::now() + std::time::Duration::from_secs(60);
        let mut every_hour = tokio::time::interval_at(start, std::time::Duration::from_secs(3600));
        loop {
            tokio::select! {
                _ = stop.cancelled() => return,
                _ = every_hour.tick() => {}
            }
            match app::server::housekeeping::sweep(&housekeeping).await {
                Ok(swept) => tracing::info!(deleted = swept.total(), ?swept, "housekeeping"),
                Err(error) => tracing::warn!(%error, "housekeeping failed"),
            }
        }
    });
    // While the database is down, try it every quarter second (requests are refused meanwhile).
    let health = state.database.clone();
    let db = state.db.clone();
    let stop = shutdown.clone();
    workers.spawn(async move {
        tokio::select! {
            _ = stop.cancelled() => {}
            _ = health.watch(db) => {}
        }
    });
    let listening = state.live.clone().listen(state.db.clone());
    let stop = shutdown.clone();
    workers.spawn(async move {
        tokio::select! {
            _ = stop.cancelled() => {}
            _ = listening => {}
        }
    });
    // Every two seconds: deliver what the outbox holds (each instance runs this; a message is
    // claimed before it is sent, so it goes out once). A round under way is finished.
    if state.config.outbox_worker {
        let delivering = state.clone();
        let stop = shutdown.clone();
        workers.spawn(async move {
            let mut every_two_seconds = tokio::time::interval(std::time::Duration::from_secs(2));
            loop {
                tokio::select! {
                    _ = stop.cancelled() => return,
                    _ = every_two_seconds.tick() => {}
                }
                if let Err(error) = app::server::notify::outbox::deliver_due(&delivering).await {
                    tracing::warn!(%error, "could not deliver the outbox");
                }
            }
        });
    }
    let app = router_stopped_by(state, shutdown.clone());
    let stopping = shutdown.clone();
    let serving = axum::serve(listener, app.into_make_service_with_connect_info::<SocketAddr>())
        .with_graceful_shutdown(async move { stopping.cancelled().await });
    let served = tokio::select! {
        served = serving => served,
        _ = async {
            shutdown.cancelled().await;
            tokio::time::sleep(SHUTDOWN_GRACE).await;
        } => {
            tracing::warn!("requests still running {} s after the stop was asked for were cut off", SHUTDOWN_GRACE.as_secs());
            Ok(())
        }
    };
    shutdown.cancel();
    while workers.join_next().await.is_some() {}
    tracing::info!("Portico stopped");
    served
}
