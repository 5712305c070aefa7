//! Password hashing with argon2id (m=19456 KiB, t=2, p=1: OWASP's recommended minimum), on a small
//! bounded pool: at most one hash per core runs at once, off the async runtime, and when too many
//! wait the caller is told "busy" (503) instead of queueing without end. Unbounded hashing was
//! measured to collapse throughput and eat many GB of memory under a sign-in flood.

use crate::domain::Password;
use crate::error::AppError;
use argon2::password_hash::{rand_core::OsRng, PasswordHash, PasswordHasher as _, PasswordVerifier, SaltString};
use argon2::{Algorithm, Argon2, Params, Version};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Arc;
use tokio::sync::Semaphore;

#[derive(Clone)]
pub struct PasswordHasher {
    inner: Arc<Inner>,
}

struct Inner {
    running: Semaphore,
    /// Callers inside `run`, waiting or hashing.
    in_flight: AtomicUsize,
    /// `workers + max_waiting`: one more caller than this is refused.
    capacity: usize,
    /// Verified against when the email is unknown, so that answering takes as long as for a real account.
    dummy_hash: String,
}

fn argon2() -> Argon2<'static> {
    let params = Params::new(19_456, 2, 1, None).expect("valid argon2 parameters");
    Argon2::new(Algorithm::Argon2id, Version::V0x13, params)
}

impl PasswordHasher {
    /// `workers` hashes run at once (use the number of cores); up to `max_waiting` more may wait.
    pub fn new(workers: usize, max_waiting: usize) -> Self {
        let salt = SaltString::generate(&mut OsRng);
        let dummy_hash = argon2()
            .hash_password(b"portico-dummy-password-for-unknown-accounts", &salt)
            .expect("hashing the dummy password")
            .to_string();
        Self {
            inner: Arc::new(Inner {
                running: Semaphore::new(workers.max(1)),
                in_flight: AtomicUsize::new(0),
                capacity: workers.max(1) + max_waiting,
                dummy_hash,
            }),
        }
    }

    pub async fn hash(&self, password: Password) -> Result<String, AppError> {
        self.run(move || {
            let salt = SaltString::generate(&mut OsRng);
            argon2()
                .hash_password(password.expose().as_bytes(), &salt)
                .map(|hash| hash.to_string())
                .map_err(|e| crate::server::internal_error("hashing a password", e))
        })
        .await?
    }

    /// Checks `password` against `stored`, or against the dummy hash when there is no account, so
    /// that both paths cost the same. Returns false for the dummy.
    pub async fn verify(&self, password: Password, stored: Option<String>) -> Result<bool, AppError> {
        let known = stored.is_some();
        let hash = stored.unwrap_or_else(|| self.inner.dummy_hash.clone());
        let matches = self
            .run(move || {
                PasswordHash::new(&hash)
                    .map(|parsed| argon2().verify_password(password.expose().as_bytes(), &parsed).is_ok())
                    .unwrap_or(false)
            })
            .await?;
        Ok(known && matches)
    }

    /// Callers waiting or hashing now, and how many may be before the next is refused (for the
    /// operators' metrics).
    pub fn load(&self) -> (usize, usize) {
        (self.inner.in_flight.load(Ordering::SeqCst), self.inner.capacity)
    }

    async fn run<T: Send + 'static>(&self, work: impl FnOnce() -> T + Send + 'static) -> Result<T, AppError> {
        let inner = &self.inner;
        if inner.in_flight.fetch_add(1, Ordering::SeqCst) >= inner.capacity {
            inner.in_flight.fetch_sub(1, Ordering::SeqCst);
            crate::server::metrics::password_hashing_refused();
            return Err(AppError::Busy);
        }
        let _in_flight = InFlight(&inner.in_flight);
        let _permit =
            inner.running.acquire().await.map_err(|e| crate::server::internal_error("password pool closed", e))?;
        tokio::task::spawn_blocking(work).await.map_err(|e| crate::server::internal_error("password worker", e))
    }
}

/// Leaves the in-flight count when the caller is done, also when its future is dropped.
struct InFlight<'a>(&'a AtomicUsize);

impl Drop for InFlight<'_> {
    fn drop(&mut self) {
        self.0.fetch_sub(1, Ordering::SeqCst);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[tokio::test]
    async fn hashes_with_argon2id_and_verifies() {
        let hasher = PasswordHasher::new(1, 4);
        let hash = hasher.hash(Password::parse_new("a long enough password").unwrap()).await.unwrap();
        assert!(hash.starts_with("$argon2id$v=19$m=19456,t=2,p=1$"), "{hash}");
        assert!(hasher.verify(Password::for_verification("a long enough password"), Some(hash.clone())).await.unwrap());
        assert!(!hasher.verify(Password::for_verification("a wrong password!!"), Some(hash)).await.unwrap());
    }

    #[tokio::test]
    async fn unknown_account_never_verifies_even_with_the_dummy_password() {
        let hasher = PasswordHasher::new(1, 4);
        let dummy = Password::for_verification("portico-dummy-password-for-unknown-accounts");
        assert!(!hasher.verify(dummy, None).await.unwrap());
    }

    #[tokio::test]
    async fn answers_busy_when_the_queue_is_full() {
        let hasher = PasswordHasher::new(1, 0);
        let blocker = hasher.inner.running.acquire().await.unwrap();
        let waiting = {
            let hasher = hasher.clone();
            tokio::spawn(async move { hasher.verify(Password::for_verification("x"), None).await })
        };
        while hasher.inner.in_flight.load(Ordering::SeqCst) == 0 {
            tokio::task::yield_now().await;
        }
        let refused = hasher.verify(Password::for_verification("y"), None).await;
        assert_eq!(refused, Err(AppError::Busy));
        drop(blocker);
        assert_eq!(waiting.await.unwrap(), Ok(false));
    }
}
