//! What every request shares: configuration, the database, the clock, mail and texts.

use crate::server::clock::Clock;
use crate::server::config::Config;
use crate::server::identity::password::PasswordHasher;
use crate::server::notify::mail::Mailer;
use crate::server::notify::sms::TextSender;
use axum::extract::FromRef;
use leptos::prelude::LeptosOptions;
use sea_orm::DatabaseConnection;
use std::sync::Arc;

/// Everything a request may need, built once at start-up and shared (cheap to clone).
#[derive(Clone, FromRef)]
pub struct AppState {
    pub leptos_options: LeptosOptions,
    pub db: DatabaseConnection,
    pub config: Arc<Config>,
    pub clock: Arc<dyn Clock>,
    pub passwords: PasswordHasher,
    pub mailer: Mailer,
    /// Text messages (log-only outbox unless a gateway is plugged in).
    pub texts: Arc<dyn TextSender>,
    /// News of changed cases for the pages that are open (see `notify::live`).
    pub live: crate::server::notify::live::Live,
    /// Uploaded files (see `files`).
    pub files: crate::server::files::FileStore,
    /// Whether the database answers, so that while it does not requests are refused at once.
    pub database: Arc<crate::server::database_health::DatabaseHealth>,
    /// `None` in every server; see [`FromMemory`].
    pub from_memory: Option<Arc<FromMemory>>,
}

/// One signed-in dashboard's answers held in memory, for `make bench`'s baseline alone: the
/// dashboard request through every layer, rendering the same markup, with the database's part
/// taken out (what the dashboard's throughput is measured against). While it is set, every
/// session cookie resolves to `session` and the dashboard and header read these answers instead
/// of the database. `build_state` leaves it `None`; no setting, request or route can set it —
/// only a program that builds its own state (the bench's server process, `server/examples/bench`).
#[derive(Debug)]
pub struct FromMemory {
    pub session: crate::server::identity::sessions::ActiveSession,
    pub dashboard: Option<crate::server::cases::queries::DashboardRead>,
    pub unread_notifications: u64,
}

impl AppState {
    pub fn now(&self) -> chrono::DateTime<chrono::Utc> {
        self.clock.now()
    }
}
