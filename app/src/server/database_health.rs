//! Remembers that the database could not be reached, so that while it is down requests that need
//! it are answered 503 at once instead of each waiting out the pool's wait for a connection
//! (`DATABASE_WAIT`, 5 s on PostgreSQL). No user's request is spent finding out whether it is
//! back: [`DatabaseHealth::watch`] pings it every [`PROBE_EVERY`] while it is down and opens the
//! way again at the first answer. Each instance keeps its own view (it is about this instance's
//! connections). The session layer asks and tells it.
//!
//! Written here rather than taken from a circuit-breaker crate: the whole rule is these few lines.

use sea_orm::DatabaseConnection;
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::Duration;

/// While the database is down, how often it is tried again.
pub const PROBE_EVERY: Duration = Duration::from_millis(250);
/// How long one try may take before it counts as no answer.
pub const PROBE_TIMEOUT: Duration = Duration::from_secs(1);

#[derive(Debug, Default)]
pub struct DatabaseHealth {
    down: AtomicBool,
}

impl DatabaseHealth {
    /// Whether a request that needs the database should go to it (not while it is known down).
    pub fn admit(&self) -> bool {
        !self.down.load(Ordering::Relaxed)
    }

    /// A request found the database unreachable.
    pub fn unreachable(&self) {
        if !self.down.swap(true, Ordering::Relaxed) {
            tracing::warn!("the database is unreachable; answering 503 until it is back");
        }
    }

    /// The database answered.
    pub fn reachable(&self) {
        if self.down.swap(false, Ordering::Relaxed) {
            tracing::info!("the database answers again");
        }
    }

    /// While the database is down, tries it every [`PROBE_EVERY`]; runs until the process ends.
    pub async fn watch(&self, db: DatabaseConnection) {
        self.watch_every(db, PROBE_EVERY).await
    }

    async fn watch_every(&self, db: DatabaseConnection, period: Duration) {
        let mut every = tokio::time::interval(period);
        every.set_missed_tick_behavior(tokio::time::MissedTickBehavior::Delay);
        loop {
            every.tick().await;
            if self.admit() {
                continue;
            }
            if let Ok(Ok(())) = tokio::time::timeout(PROBE_TIMEOUT, db.ping()).await {
                self.reachable();
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn down_refuses_everyone_until_it_answers_again() {
        let health = DatabaseHealth::default();
        assert!(health.admit());
        health.unreachable();
        assert!(!health.admit() && !health.admit());
        health.unreachable();
        assert!(!health.admit());
        health.reachable();
        assert!(health.admit());
    }

    #[tokio::test]
    async fn the_watcher_opens_the_way_once_the_database_answers() {
        let db = sea_orm::Database::connect("sqlite::memory:").await.unwrap();
        let health = std::sync::Arc::new(DatabaseHealth::default());
        health.unreachable();
        let watching = tokio::spawn({
            let health = health.clone();
            async move { health.watch_every(db, Duration::from_millis(5)).await }
        });
        let answered = tokio::time::timeout(Duration::from_secs(5), async {
            while !health.admit() {
                tokio::task::yield_now().await;
            }
        });
        assert!(answered.await.is_ok(), "the ping answered, so requests go through again");
        watching.abort();
    }
}
