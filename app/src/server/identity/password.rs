//! Password hashing with argon2id (m=19456 KiB, t=2, p=1: OWASP's recommended minimum), on a small
//! bounded pool: at most one hash per core runs at once, on the pool's own threads (never the async
//! runtime's), and when too many wait the caller is told "busy" (503) instead of queueing without
//! end. Unbounded hashing was measured to collapse throughput and eat many GB of memory under a
//! sign-in flood.
//!
//! Each worker thread allocates argon2's 19 MiB once and reuses it for every hash (argon2's
//! `hash_password_into_with_memory`): allocating it per hash let glibc's per-thread arenas keep
//! ~0.8 GB under a flood. A caller takes its place in the queue ([`PasswordHasher::reserve`])
//! before any other work, so a refused sign-in costs no database work either.

use crate::domain::Password;
use crate::error::AppError;
use argon2::password_hash::{rand_core::OsRng, Output, ParamsString, PasswordHash, Salt, SaltString};
use argon2::{Algorithm, Argon2, Block, Params, Version};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{mpsc, Arc, Mutex};
use tokio::sync::{oneshot, Semaphore};

#[derive(Clone)]
pub struct PasswordHasher {
    inner: Arc<Inner>,
}

/// A job for a worker: runs with the worker's reusable argon2 memory.
type Job = Box<dyn FnOnce(&mut Vec<Block>) + Send>;

struct Inner {
    running: Semaphore,
    /// Callers holding a place (`Slot`), waiting or hashing.
    in_flight: AtomicUsize,
    /// `workers + max_waiting`: one more caller than this is refused.
    capacity: usize,
    /// Verified against when the email is unknown, so that answering takes as long as for a real account.
    dummy_hash: String,
    /// To the worker threads; they end when the hasher is dropped.
    jobs: mpsc::Sender<Job>,
    /// When the log last said that callers are refused, and how many were refused since.
    refusals: Mutex<(Option<std::time::Instant>, u64)>,
}

/// The log says that the queue is full at most this often, with how many were refused since: a
/// line per refusal would be thousands a second under a flood.
const REFUSALS_LOGGED_EVERY: std::time::Duration = std::time::Duration::from_secs(60);

impl Inner {
    fn log_refusal(&self) {
        // While another caller holds the count, this refusal is left out of the log's (the metric
        // counts every one).
        let Ok(mut refusals) = self.refusals.try_lock() else { return };
        let (last, refused) = &mut *refusals;
        *refused += 1;
        if last.is_none_or(|at| at.elapsed() >= REFUSALS_LOGGED_EVERY) {
            tracing::warn!(
                refused = *refused,
                "the password-hashing queue is full: sign-ins and password changes are answered 503 busy"
            );
            (*last, *refused) = (Some(std::time::Instant::now()), 0);
        }
    }
}

fn params() -> Params {
    Params::new(19_456, 2, 1, None).expect("valid argon2 parameters")
}

/// argon2 into `memory` (grown to the parameters' size if needed, then kept): the output of
/// `output_len` bytes for `password` and `salt`.
fn hash_into(
    memory: &mut Vec<Block>,
    argon2: &Argon2<'_>,
    password: &[u8],
    salt: &Salt<'_>,
    output_len: usize,
) -> Result<Output, argon2::password_hash::Error> {
    let mut salt_buffer = [0u8; 64];
    let salt = salt.decode_b64(&mut salt_buffer)?;
    let blocks = argon2.params().block_count();
    if memory.len() < blocks {
        memory.resize(blocks, Block::default());
    }
    Output::init_with(output_len, |out| {
        argon2.hash_password_into_with_memory(password, salt, out, &mut memory[..blocks]).map_err(Into::into)
    })
}

/// A new password's PHC string (`$argon2id$v=19$m=19456,t=2,p=1$salt$hash`).
fn hash_new(memory: &mut Vec<Block>, password: &[u8]) -> Result<String, argon2::password_hash::Error> {
    let params = params();
    let argon2 = Argon2::new(Algorithm::Argon2id, Version::V0x13, params.clone());
    let salt = SaltString::generate(&mut OsRng);
    let output = hash_into(memory, &argon2, password, &salt.as_salt(), Params::DEFAULT_OUTPUT_LEN)?;
    let hash = PasswordHash {
        algorithm: Algorithm::Argon2id.ident(),
        version: Some(Version::V0x13.into()),
        params: ParamsString::try_from(&params)?,
        salt: Some(salt.as_salt()),
        hash: Some(output),
    };
    Ok(hash.to_string())
}

/// Whether `password` matches the PHC string `stored`, with the parameters written in it
/// (compared in constant time by `Output`'s equality). A string that does not parse never matches.
fn matches(memory: &mut Vec<Block>, password: &[u8], stored: &str) -> bool {
    let mut check = || -> Result<bool, argon2::password_hash::Error> {
        let parsed = PasswordHash::new(stored)?;
        let (Some(salt), Some(expected)) = (parsed.salt, parsed.hash) else { return Ok(false) };
        let algorithm = Algorithm::try_from(parsed.algorithm)?;
        let version = parsed.version.map(Version::try_from).transpose()?.unwrap_or_default();
        let argon2 = Argon2::new(algorithm, version, Params::try_from(&parsed)?);
        Ok(hash_into(memory, &argon2, password, &salt, expected.len())? == expected)
    };
    check().unwrap_or(false)
}

impl PasswordHasher {
    /// `workers` hashes run at once (use the number of cores); up to `max_waiting` more may wait.
    pub fn new(workers: usize, max_waiting: usize) -> Self {
        let workers = workers.max(1);
        let mut memory = Vec::new();
        let dummy_hash =
            hash_new(&mut memory, b"portico-dummy-password-for-unknown-accounts").expect("hashing the dummy password");
        drop(memory);
        let (jobs, queue) = mpsc::channel::<Job>();
        let queue = Arc::new(Mutex::new(queue));
        for n in 0..workers {
            let queue = queue.clone();
            std::thread::Builder::new()
                .name(format!("password-hash-{n}"))
                .spawn(move || {
                    // Allocated at the first hash, then reused until the hasher is dropped.
                    let mut memory = Vec::new();
                    loop {
                        let job = match queue.lock() {
                            Ok(queue) => queue.recv(),
                            Err(_) => return,
                        };
                        match job {
                            Ok(job) => job(&mut memory),
                            Err(_) => return,
                        }
                    }
                })
                .expect("starting a password worker thread");
        }
        Self {
            inner: Arc::new(Inner {
                running: Semaphore::new(workers),
                in_flight: AtomicUsize::new(0),
                capacity: workers + max_waiting,
                dummy_hash,
                jobs,
                refusals: Mutex::new((None, 0)),
            }),
        }
    }

    /// A place in the queue, taken before any other work of a request that will hash: `Busy` when
    /// the queue is full, so an overloaded server refuses at once and cheaply.
    pub fn reserve(&self) -> Result<Slot, AppError> {
        let inner = &self.inner;
        if inner.in_flight.fetch_add(1, Ordering::SeqCst) >= inner.capacity {
            inner.in_flight.fetch_sub(1, Ordering::SeqCst);
            crate::server::metrics::password_hashing_refused();
            inner.log_refusal();
            return Err(AppError::Busy);
        }
        Ok(Slot { inner: self.inner.clone() })
    }

    pub async fn hash(&self, password: Password) -> Result<String, AppError> {
        self.reserve()?.hash(password).await
    }

    /// See [`Slot::verify`].
    pub async fn verify(&self, password: Password, stored: Option<String>) -> Result<bool, AppError> {
        self.reserve()?.verify(password, stored).await
    }

    /// Callers waiting or hashing now, and how many may be before the next is refused (for the
    /// operators' metrics).
    pub fn load(&self) -> (usize, usize) {
        (self.inner.in_flight.load(Ordering::SeqCst), self.inner.capacity)
    }
}

/// A caller's place in the hashing queue; given up when used or dropped.
pub struct Slot {
    inner: Arc<Inner>,
}

impl Slot {
    pub async fn hash(self, password: Password) -> Result<String, AppError> {
        self.run(move |memory| {
            hash_new(memory, password.expose().as_bytes())
                .map_err(|e| crate::server::internal_error("hashing a password", e))
        })
        .await?
    }

    /// Checks `password` against `stored`, or against the dummy hash when there is no account, so
    /// that both paths cost the same. Returns false for the dummy.
    pub async fn verify(self, password: Password, stored: Option<String>) -> Result<bool, AppError> {
        let known = stored.is_some();
        let hash = stored.unwrap_or_else(|| self.inner.dummy_hash.clone());
        let matched = self.run(move |memory| matches(memory, password.expose().as_bytes(), &hash)).await?;
        Ok(known && matched)
    }

    async fn run<T: Send + 'static>(
        self,
        work: impl FnOnce(&mut Vec<Block>) -> T + Send + 'static,
    ) -> Result<T, AppError> {
        let _permit =
            self.inner.running.acquire().await.map_err(|e| crate::server::internal_error("password pool closed", e))?;
        let (answer, answered) = oneshot::channel();
        let job: Job = Box::new(move |memory| {
            let _ = answer.send(work(memory));
        });
        self.inner.jobs.send(job).map_err(|e| crate::server::internal_error("password worker", e))?;
        answered.await.map_err(|e| crate::server::internal_error("password worker", e))
    }
}

impl Drop for Slot {
    fn drop(&mut self) {
        self.inner.in_flight.fetch_sub(1, Ordering::SeqCst);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use argon2::password_hash::{PasswordHasher as _, PasswordVerifier as _};

    #[tokio::test]
    async fn hashes_with_argon2id_and_verifies() {
        let hasher = PasswordHasher::new(1, 4);
        let hash = hasher.hash(Password::parse_new("a long enough password").unwrap()).await.unwrap();
        assert!(hash.starts_with("$argon2id$v=19$m=19456,t=2,p=1$"), "{hash}");
        assert!(hasher.verify(Password::for_verification("a long enough password"), Some(hash.clone())).await.unwrap());
        assert!(!hasher.verify(Password::for_verification("a wrong password!!"), Some(hash)).await.unwrap());
    }

    #[tokio::test]
    async fn the_reused_memory_gives_the_same_hashes_as_the_argon2_crate() {
        let hasher = PasswordHasher::new(1, 4);
        let standard = Argon2::new(Algorithm::Argon2id, Version::V0x13, params());
        // Stored before the pool reused its memory: still verified (and a wrong one is not).
        let salt = SaltString::generate(&mut OsRng);
        let stored = standard.hash_password(b"an older stored password", &salt).unwrap().to_string();
        for _ in 0..2 {
            assert!(hasher
                .verify(Password::for_verification("an older stored password"), Some(stored.clone()))
                .await
                .unwrap());
            assert!(!hasher
                .verify(Password::for_verification("an older stored passworc"), Some(stored.clone()))
                .await
                .unwrap());
        }
        // Written by the pool: the argon2 crate's own verifier accepts it.
        let ours = hasher.hash(Password::parse_new("a long enough password").unwrap()).await.unwrap();
        assert!(standard.verify_password(b"a long enough password", &PasswordHash::new(&ours).unwrap()).is_ok());
        // Other parameters in a stored hash are honoured, and a broken string never matches.
        let small = Argon2::new(Algorithm::Argon2id, Version::V0x13, Params::new(4096, 3, 1, None).unwrap());
        let other = small.hash_password(b"different parameters", &salt).unwrap().to_string();
        assert!(hasher.verify(Password::for_verification("different parameters"), Some(other)).await.unwrap());
        assert!(!hasher.verify(Password::for_verification("x"), Some("$argon2id$broken".into())).await.unwrap());
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
        assert!(hasher.reserve().is_err(), "no place is given either");
        drop(blocker);
        assert_eq!(waiting.await.unwrap(), Ok(false));
        let slot = hasher.reserve().expect("a place again once the queue emptied");
        assert!(hasher.reserve().is_err());
        drop(slot);
        assert!(hasher.reserve().is_ok(), "a dropped place is given back");
    }
}
