//! Live updates: the moment a case of an applicant's changes, every page of theirs that is open
//! hears of it (through `/live`, a Server-Sent Events stream per tab) and reloads its data. Within
//! one instance a broadcast channel carries the news; with PostgreSQL every instance `LISTEN`s on
//! one channel and a change is announced with `NOTIFY` after its transaction commits, so a page
//! streamed from one instance hears of a change made on another. The news carries only whose it
//! is (an account id): what changed is read by the page itself, through the usual access rules.

use crate::domain::AccountId;
use sea_orm::{ConnectionTrait, DatabaseConnection, DbBackend, Statement};
use tokio::sync::broadcast;

/// The PostgreSQL channel the instances listen on.
pub const CHANNEL: &str = "portico_live";

/// What an open page hears.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum News {
    /// Something of this account's cases changed.
    CasesChanged(AccountId),
    /// This account's sessions may have ended (signed out, disabled): streams check theirs.
    SessionsChanged(AccountId),
}

impl News {
    pub fn account(self) -> AccountId {
        match self {
            News::CasesChanged(id) | News::SessionsChanged(id) => id,
        }
    }

    fn encode(self) -> String {
        match self {
            News::CasesChanged(id) => format!("cases:{id}"),
            News::SessionsChanged(id) => format!("sessions:{id}"),
        }
    }

    fn decode(text: &str) -> Option<Self> {
        let (kind, id) = text.split_once(':')?;
        let id = AccountId(id.parse().ok()?);
        match kind {
            "cases" => Some(News::CasesChanged(id)),
            "sessions" => Some(News::SessionsChanged(id)),
            _ => None,
        }
    }
}

#[derive(Clone)]
pub struct Live {
    sender: broadcast::Sender<News>,
}

impl Default for Live {
    fn default() -> Self {
        Self::new()
    }
}

impl Live {
    pub fn new() -> Self {
        // A slow tab that misses news re-reads everything on the next one; 1024 is plenty.
        Self { sender: broadcast::channel(1024).0 }
    }

    pub fn subscribe(&self) -> broadcast::Receiver<News> {
        self.sender.subscribe()
    }

    /// Announces `news` after the change committed: on PostgreSQL to every instance (this one
    /// included, through its listener), on SQLite to this instance's open pages.
    pub async fn publish(&self, db: &DatabaseConnection, news: News) {
        if db.get_database_backend() == DbBackend::Postgres {
            let notify = Statement::from_sql_and_values(
                DbBackend::Postgres,
                "SELECT pg_notify($1, $2)",
                [CHANNEL.into(), news.encode().into()],
            );
            if let Err(error) = db.execute_raw(notify).await {
                tracing::warn!(%error, "could not announce a live update");
            }
        } else {
            let _ = self.sender.send(news);
        }
    }

    /// On PostgreSQL: forwards every instance's news to this instance's pages, reconnecting when
    /// the connection drops. Runs until the process ends.
    pub async fn listen(self, db: DatabaseConnection) {
        if db.get_database_backend() != DbBackend::Postgres {
            return;
        }
        let pool = db.get_postgres_connection_pool().clone();
        loop {
            match sea_orm::sqlx::postgres::PgListener::connect_with(&pool).await {
                Ok(mut listener) => {
                    if let Err(error) = listener.listen(CHANNEL).await {
                        tracing::warn!(%error, "could not listen for live updates");
                    } else {
                        while let Ok(notification) = listener.recv().await {
                            if let Some(news) = News::decode(notification.payload()) {
                                let _ = self.sender.send(news);
                            }
                        }
                        tracing::warn!("the live-update listener lost its connection; reconnecting");
                    }
                }
                Err(error) => tracing::warn!(%error, "could not connect the live-update listener"),
            }
            tokio::time::sleep(std::time::Duration::from_secs(1)).await;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn news_round_trips_through_its_text() {
        for news in [News::CasesChanged(AccountId(7)), News::SessionsChanged(AccountId(12))] {
            assert_eq!(News::decode(&news.encode()), Some(news));
        }
        assert_eq!(News::decode("cases:x"), None);
        assert_eq!(News::decode("other:1"), None);
    }
}
