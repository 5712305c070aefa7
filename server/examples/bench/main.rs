//! `make bench`: Portico under load, as ratios measured in this one run (see docs/performance.md).
//!
//! The server runs in its own process (this program started again as `bench serve-child`, on a
//! fresh SQLite database with the demo data), so its memory is its own; this process is the load
//! generator.
//!
//! 1. The argon2 ceiling: password checks per second with every core hashing (the server's
//!    parameters), measured directly before the server starts.
//! 2. Pages: the signed-in dashboard (session check + 20 cases + notices) against the same page
//!    rendered without database work (a server whose dashboard answers are held in memory,
//!    `FromMemory`), 64 connections each; throughput and p99, and the signed-out home page's for
//!    scale. On SQLite here, and again on PostgreSQL (a cluster of the bench's own) after the
//!    memory figure.
//! 3. A sign-in flood of 64 clients, each with its own account and the right password: accepted passwords/s as a fraction of
//!    the ceiling, with the dashboard's p99 meanwhile.
//! 4. Overload: 1,000 sign-ins a second arriving (ten times what can be checked), each from its
//!    own address: how fast "busy" (503 with Retry-After) is answered.
//! 5. The server process's peak memory (VmHWM) over all of it.
//! 6. PostgreSQL restarted under load (a cluster of the bench's own): how requests are answered
//!    while it is down, and how soon the server answers normally again by itself.
//!
//! Nothing here is a pass/fail test; `docs/performance.md` records the figures and the targets.
//! `bench soak` (`make soak`) is the soak of many people on mixed journeys (see `soak.rs`).

mod people;
mod soak;

use app::server::clock::SystemClock;
use app::server::config::Config;
use app::server::identity::second_factors::totp;
use app::server::seed::{self, DEMO_EMAIL, DEMO_PASSWORD};
use argon2::password_hash::{rand_core::OsRng, PasswordHasher as _, SaltString};
use argon2::{Algorithm, Argon2, Params, Version};
use portico_server::{build_state, connect, migrate, serve};
use reqwest::redirect::Policy;
use std::collections::HashMap;
use std::io::BufRead as _;
use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

const CONNECTIONS: usize = 64;
const PAGE_SECONDS: u64 = 6;
const FLOOD_SECONDS: u64 = 12;
/// Sign-ins a second arriving in the overload phase (~10x the ceiling), and the accounts they use.
const OVERLOAD_RATE: u64 = 1_000;
const OVERLOAD_ACCOUNTS: usize = 512;
const OVERLOAD_SECONDS: u64 = 6;
const CEILING_SECONDS: u64 = 4;

fn argon2_ceiling(cores: usize) -> f64 {
    let params = Params::new(19_456, 2, 1, None).unwrap();
    let started = Instant::now();
    let deadline = started + Duration::from_secs(CEILING_SECONDS);
    let done = Arc::new(AtomicU64::new(0));
    let threads: Vec<_> = (0..cores)
        .map(|_| {
            let done = done.clone();
            let params = params.clone();
            std::thread::spawn(move || {
                let argon2 = Argon2::new(Algorithm::Argon2id, Version::V0x13, params);
                while Instant::now() < deadline {
                    let salt = SaltString::generate(&mut OsRng);
                    argon2.hash_password(b"benchmark password", &salt).unwrap();
                    done.fetch_add(1, Ordering::Relaxed);
                }
            })
        })
        .collect();
    for thread in threads {
        thread.join().unwrap();
    }
    done.load(Ordering::Relaxed) as f64 / started.elapsed().as_secs_f64()
}

/// Peak resident memory of process `pid` ("self" for this one), in MiB.
fn peak_memory_mib(pid: &str) -> f64 {
    let status = std::fs::read_to_string(format!("/proc/{pid}/status")).unwrap_or_default();
    status
        .lines()
        .find(|l| l.starts_with("VmHWM:"))
        .and_then(|l| l.split_whitespace().nth(1))
        .and_then(|kb| kb.parse::<f64>().ok())
        .map_or(f64::NAN, |kb| kb / 1024.0)
}

fn percentile(sorted: &[f64], p: f64) -> f64 {
    if sorted.is_empty() {
        return f64::NAN;
    }
    sorted[((sorted.len() - 1) as f64 * p).round() as usize]
}

/// The server half: migrate, seed, print the address, serve until killed.
async fn serve_child(dir: &str, database_url: Option<&str>) {
    let database_url = database_url.map_or_else(|| format!("sqlite://{dir}/bench.db?mode=rwc"), str::to_owned);
    let vars: HashMap<&str, String> = HashMap::from([
        ("DATABASE_URL", database_url),
        ("PORTICO_ADDR", "127.0.0.1:0".to_owned()),
        ("PORTICO_OUTBOX_DIR", format!("{dir}/outbox")),
        ("PORTICO_FILES_DIR", format!("{dir}/files")),
        // The flood's clients stand for many people, each from their own address, behind a proxy
        // on this machine (one address would be held back by the per-address sign-in limit).
        ("PORTICO_CLIENT_IP", "x-forwarded-for".to_owned()),
    ]);
    let config = Config::from_lookup(|name| vars.get(name).cloned()).unwrap();
    // The server's log on standard output, which the bench shows (see `Server::start_with`).
    tracing_subscriber::fmt().with_env_filter(tracing_subscriber::EnvFilter::from_default_env()).init();
    let db = connect(&config).await.unwrap();
    migrate(&db).await.unwrap();
    let mut state = build_state(config, db, Arc::new(SystemClock)).unwrap();
    seed::seed_demo(&state, state.now()).await.unwrap();
    flood_accounts(&state).await;
    add_reader(&state).await;
    if std::env::var(FROM_MEMORY_VAR).is_ok() {
        state.from_memory = Some(Arc::new(reader_from_memory(&state).await));
    }
    if let Ok(users) = std::env::var(soak::USERS_VAR) {
        soak::add_people(&state, users.parse().expect("a number of soak applicants")).await;
    }
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    println!("listening http://{}", listener.local_addr().unwrap());
    serve(listener, state).await.unwrap();
}

/// The demo applicant's account (seeded), whose login the bench's own accounts copy.
async fn demo_account(db: &impl sea_orm::ConnectionTrait) -> app::server::entities::account::Model {
    use app::server::entities::account;
    use sea_orm::{ColumnTrait as _, EntityTrait as _, QueryFilter as _};
    account::Entity::find()
        .filter(account::Column::Email.eq(DEMO_EMAIL))
        .one(db)
        .await
        .unwrap()
        .expect("the demo account is seeded")
}

/// The flood's accounts: `flood-<n>@example.com`, with the demo account's password (its stored
/// hash copied). One client signs in to each: many people at once, as on a busy morning — 64
/// clients on one account would be stopped by the sign-in throttle, which is its job.
async fn flood_accounts(state: &app::server::AppState) {
    use app::server::entities::account;
    use sea_orm::ActiveModelTrait as _;
    let demo = demo_account(&state.db).await;
    for n in 0..OVERLOAD_ACCOUNTS {
        let mut copy: account::ActiveModel = account::Model { record_id: None, ..demo.clone() }.into();
        copy.id = sea_orm::ActiveValue::NotSet;
        copy.email = sea_orm::ActiveValue::Set(flood_email(n));
        copy.insert(&state.db).await.unwrap();
    }
}

/// The reader with 20 cases (`people::READER_EMAIL`), its login copied from the demo's.
async fn add_reader(state: &app::server::AppState) {
    let txn = app::server::begin_write(&state.db).await.unwrap();
    let demo = demo_account(&txn).await;
    people::add_reader(&txn, &demo, state.now()).await;
    txn.commit().await.unwrap();
}

/// Environment variable of the server child: serve the reader's dashboard from memory (the pages
/// phase's baseline).
const FROM_MEMORY_VAR: &str = "PORTICO_BENCH_FROM_MEMORY";

/// The reader's session and dashboard as the database gives them now, to be served from memory:
/// the same markup, rendered without database work.
async fn reader_from_memory(state: &app::server::AppState) -> app::server::FromMemory {
    use app::server::entities::account;
    use app::server::identity::{session_policy, sessions::ActiveSession};
    use sea_orm::{ColumnTrait as _, EntityTrait as _, QueryFilter as _};
    let reader = account::Entity::find()
        .filter(account::Column::Email.eq(people::READER_EMAIL))
        .one(&state.db)
        .await
        .unwrap()
        .unwrap();
    let now = state.now();
    let session = ActiveSession {
        session_id: app::domain::SessionId(0),
        account_id: reader.id,
        lang: reader.lang(),
        email: reader.email.clone(),
        record_id: reader.record_id,
        authenticated_at: Some(now),
        last_seen_at: now,
        ends_at: session_policy::ends_at(now, now),
        role: reader.role,
        display_name: None,
        office: None,
    };
    let viewer = app::server::web::access::Viewer::Applicant(session.clone());
    let dashboard = app::server::cases::queries::dashboard(state, &viewer).await.unwrap();
    assert_eq!(dashboard.as_ref().map(|d| d.cases.len()), Some(people::READER_CASES), "the reader's cases");
    let unread_notifications = app::server::cases::notifications::unread_count(state, &session).await.unwrap();
    app::server::FromMemory { session, dashboard, unread_notifications }
}

fn flood_email(n: usize) -> String {
    format!("flood-{n}@example.com")
}

struct Server {
    child: std::process::Child,
    base: String,
}

impl Server {
    fn start(dir: &std::path::Path) -> Self {
        Self::start_on(dir, None)
    }

    /// On the database at `database_url` (a fresh SQLite file in `dir` when `None`).
    fn start_on(dir: &std::path::Path, database_url: Option<&str>) -> Self {
        Self::start_with(dir, database_url, &[])
    }

    /// The same, with further environment variables for the server child.
    fn start_with(dir: &std::path::Path, database_url: Option<&str>, vars: &[(&str, String)]) -> Self {
        let mut child = std::process::Command::new(std::env::current_exe().unwrap())
            .args(["serve-child", &dir.display().to_string()])
            .args(database_url)
            // PORTICO_BENCH_LOG: the server's log filter (errors only unless asked).
            .env("RUST_LOG", std::env::var("PORTICO_BENCH_LOG").unwrap_or_else(|_| "error".to_owned()))
            .envs(vars.iter().map(|(k, v)| (k, v)))
            .stdout(std::process::Stdio::piped())
            .spawn()
            .unwrap();
        let mut lines = std::io::BufReader::new(child.stdout.take().unwrap()).lines();
        let base = loop {
            let line = lines.next().expect("the server child printed its address").unwrap();
            if let Some(base) = line.strip_prefix("listening ") {
                break base.to_owned();
            }
        };
        // What the server logs from here on (errors only, RUST_LOG above) is shown, not lost.
        std::thread::spawn(move || {
            for line in lines.map_while(Result::ok) {
                eprintln!("  server: {line}");
            }
        });
        Server { child, base }
    }

    fn peak_memory_mib(&self) -> f64 {
        peak_memory_mib(&self.child.id().to_string())
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// Latencies (ms, sorted) and rate of `clients` concurrent loops fetching `path` until `until`,
/// each as fast as it is answered.
async fn load_page(clients: Vec<reqwest::Client>, url: String, until: Instant) -> (Vec<f64>, f64) {
    load_page_paced(clients, url, until, Duration::ZERO).await
}

/// The same, each loop waiting `pause` between requests (a person reading, not a load generator).
async fn load_page_paced(
    clients: Vec<reqwest::Client>,
    url: String,
    until: Instant,
    pause: Duration,
) -> (Vec<f64>, f64) {
    let latencies = Arc::new(Mutex::new(Vec::new()));
    let started = Instant::now();
    let tasks: Vec<_> = clients
        .into_iter()
        .map(|client| {
            let (latencies, url) = (latencies.clone(), url.clone());
            tokio::spawn(async move {
                let mut mine = Vec::new();
                while Instant::now() < until {
                    let asked = Instant::now();
                    let response = client.get(&url).send().await.unwrap();
                    assert_eq!(response.status(), 200, "{url} answers");
                    response.bytes().await.unwrap();
                    mine.push(asked.elapsed().as_secs_f64() * 1000.0);
                    tokio::time::sleep(pause).await;
                }
                latencies.lock().unwrap().extend(mine);
            })
        })
        .collect();
    for task in tasks {
        task.await.unwrap();
    }
    let elapsed = started.elapsed().as_secs_f64();
    let mut latencies = Arc::try_unwrap(latencies).unwrap().into_inner().unwrap();
    latencies.sort_by(|a, b| a.partial_cmp(b).unwrap());
    let rate = latencies.len() as f64 / elapsed;
    (latencies, rate)
}

#[derive(Default)]
struct FloodCounts {
    accepted: AtomicU64,
    busy: AtomicU64,
    busy_without_retry_after: AtomicU64,
    other: AtomicU64,
    /// The first few other answers (status and where they pointed), to say what they were.
    other_examples: Mutex<Vec<String>>,
    busy_latencies: Mutex<Vec<f64>>,
}

/// One sign-in with account `n`'s right password, from its own address, counted in `counts`.
async fn sign_in_once(client: &reqwest::Client, base: &str, n: usize, counts: &FloodCounts) {
    let asked = Instant::now();
    let answer = client
        .post(format!("{base}/api/sign_in"))
        .header("origin", base)
        .header("x-forwarded-for", format!("10.0.{}.{}", n / 250, n % 250 + 1))
        .form(&[("email", flood_email(n).as_str()), ("password", DEMO_PASSWORD)])
        .send()
        .await;
    let Ok(answer) = answer else {
        counts.other.fetch_add(1, Ordering::Relaxed);
        return;
    };
    let location = answer.headers().get("location").and_then(|l| l.to_str().ok()).unwrap_or("").to_owned();
    if location.starts_with("/sign-in/verify") {
        counts.accepted.fetch_add(1, Ordering::Relaxed);
    } else if answer.status() == 503 {
        counts.busy_latencies.lock().unwrap().push(asked.elapsed().as_secs_f64() * 1000.0);
        counts.busy.fetch_add(1, Ordering::Relaxed);
        if !answer.headers().contains_key("retry-after") {
            counts.busy_without_retry_after.fetch_add(1, Ordering::Relaxed);
        }
    } else {
        counts.other.fetch_add(1, Ordering::Relaxed);
        let mut examples = counts.other_examples.lock().unwrap();
        if examples.len() < 3 {
            examples.push(format!("{} {location}", answer.status()));
        }
    }
    let _ = answer.bytes().await;
}

/// `clients` loops signing in (each with its own account) until `stop`.
fn flood(
    base: &str,
    clients: usize,
    stop: Arc<AtomicBool>,
    counts: Arc<FloodCounts>,
) -> Vec<tokio::task::JoinHandle<()>> {
    (0..clients)
        .map(|n| {
            let (stop, counts, base) = (stop.clone(), counts.clone(), base.to_owned());
            tokio::spawn(async move {
                let client = reqwest::Client::builder().redirect(Policy::none()).build().unwrap();
                while !stop.load(Ordering::Relaxed) {
                    sign_in_once(&client, &base, n, &counts).await;
                }
            })
        })
        .collect()
}

/// Sign-ins arriving at `rate` a second whether or not earlier ones were answered (an open loop:
/// the arrivals of a crowd, not clients that wait for each other), for `seconds`.
async fn arrivals(base: &str, rate: u64, seconds: u64, counts: Arc<FloodCounts>) {
    let client = reqwest::Client::builder().redirect(Policy::none()).build().unwrap();
    let mut ticks = tokio::time::interval(Duration::from_micros(1_000_000 / rate));
    let mut tasks = Vec::new();
    for n in 0..(rate * seconds) as usize {
        ticks.tick().await;
        let (client, base, counts) = (client.clone(), base.to_owned(), counts.clone());
        tasks.push(tokio::spawn(async move { sign_in_once(&client, &base, n % OVERLOAD_ACCOUNTS, &counts).await }));
    }
    for task in tasks {
        task.await.unwrap();
    }
}

/// A client signed in as `email` (whose login is the demo's: password and authenticator key).
async fn signed_in_reader(base: &str, email: &str) -> reqwest::Client {
    let reader = reqwest::Client::builder().cookie_store(true).redirect(Policy::none()).build().unwrap();
    let form = |pairs: &[(&str, &str)]| pairs.iter().map(|(k, v)| (k.to_string(), v.to_string())).collect::<Vec<_>>();
    reader
        .post(format!("{base}/api/sign_in"))
        .header("origin", base)
        .form(&form(&[("email", email), ("password", DEMO_PASSWORD)]))
        .send()
        .await
        .unwrap();
    let code = totp::code_for_step(&seed::demo_totp_secret(), totp::step_at(chrono::Utc::now().timestamp()));
    let verified = reader
        .post(format!("{base}/api/verify_sign_in"))
        .header("origin", base)
        .form(&form(&[("method", "authenticator"), ("code", &code)]))
        .send()
        .await
        .unwrap();
    assert_eq!(verified.headers().get("location").unwrap(), "/dashboard", "the reader is signed in");
    reader
}

fn main() {
    let args: Vec<String> = std::env::args().collect();
    let runtime = tokio::runtime::Runtime::new().unwrap();
    let phase = args.get(1).map(String::as_str);
    if phase == Some("serve-child") {
        runtime.block_on(serve_child(&args[2], args.get(3).map(String::as_str)));
        return;
    }
    let number = |i: usize, default: u64| args.get(i).map_or(default, |n| n.parse().expect("a number"));
    // The run's scratch folder (databases, files, PostgreSQL clusters of its own), removed at the end.
    let dir = std::env::temp_dir().join(format!("portico-bench-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    runtime.block_on(async {
        match phase {
            // One phase alone (`make bench` runs every phase but scale and soak).
            Some("postgres-restart") => postgres_restart(&dir).await,
            // `make bench-scale` (minutes: it fills PostgreSQL).
            Some("scale") => scale(&dir, number(2, 1_000_000), number(3, 5_000_000)).await,
            // `make soak` (500 people for 300 s unless told).
            Some("soak") => soak::soak(&dir, number(2, 500) as usize, number(3, 300)).await,
            // The pages phase, on SQLite and on PostgreSQL.
            Some("pages") => {
                let server = Server::start(&dir);
                pages(&dir, "SQLite", &server.base).await;
                drop(server);
                pages_on_postgres(&dir).await;
            }
            _ => bench(&dir).await,
        }
    });
    std::fs::remove_dir_all(&dir).ok();
}

/// 2. Pages, 64 connections each: the reader's dashboard (20 cases) from a server serving it from
///    memory (the baseline: the same markup without database work; a server process of its own on
///    a scratch SQLite file, which it does not read while measured), the signed-out home page for
///    scale, and the same dashboard from the server at `base` (its sessions, cases and notices
///    read from `database`). Returns the signed-in reader.
async fn pages(dir: &std::path::Path, database: &str, base: &str) -> reqwest::Client {
    let until = || Instant::now() + Duration::from_secs(PAGE_SECONDS);
    let (bare, bare_rate) = {
        let scratch = dir.join(format!("from-memory-{database}"));
        std::fs::create_dir_all(&scratch).unwrap();
        let from_memory = Server::start_with(&scratch, None, &[(FROM_MEMORY_VAR, "1".to_owned())]);
        // Any session cookie is the reader's there (the server child runs as a development server).
        let name = app::server::identity::session_policy::cookie_name(app::server::config::Environment::Development);
        let cookie = format!("{name}=from-memory");
        let headers = reqwest::header::HeaderMap::from_iter([(reqwest::header::COOKIE, cookie.parse().unwrap())]);
        let client = reqwest::Client::builder().default_headers(headers).redirect(Policy::none()).build().unwrap();
        load_page(vec![client; CONNECTIONS], format!("{}/dashboard", from_memory.base), until()).await
    };
    let anonymous: Vec<_> = (0..CONNECTIONS).map(|_| reqwest::Client::new()).collect();
    let (home, home_rate) = load_page(anonymous, format!("{base}/"), until()).await;
    let reader = signed_in_reader(base, people::READER_EMAIL).await;
    let (dashboard, dashboard_rate) =
        load_page(vec![reader.clone(); CONNECTIONS], format!("{base}/dashboard"), until()).await;
    println!(
        "  pages at {CONNECTIONS} connections on {database}: the dashboard (20 cases) without database work {bare_rate:.0} req/s \
         (p50 {:.1} ms, p99 {:.1} ms); signed-out home page {home_rate:.0} req/s (p99 {:.1} ms); signed-in dashboard \
         {dashboard_rate:.0} req/s (p50 {:.1} ms, p99 {:.1} ms) = {:.2} of the same page without database work",
        percentile(&bare, 0.5),
        percentile(&bare, 0.99),
        percentile(&home, 0.99),
        percentile(&dashboard, 0.5),
        percentile(&dashboard, 0.99),
        dashboard_rate / bare_rate
    );
    reader
}

/// The pages phase on PostgreSQL (a cluster of the bench's own).
async fn pages_on_postgres(dir: &std::path::Path) {
    let Some((_postgres, server)) = on_own_postgres(dir, "pages on PostgreSQL") else { return };
    pages(dir, "PostgreSQL", &server.base).await;
    drop(server);
}

async fn bench(dir: &std::path::Path) {
    let cores = std::thread::available_parallelism().map(|n| n.get()).unwrap_or(2);
    println!("Portico bench on {cores} cores (server in its own process, SQLite)");
    let ceiling = argon2_ceiling(cores);
    println!("  argon2id ceiling (m=19456 KiB, t=2, p=1, {cores} threads): {ceiling:.1} checks/s");

    let server = Server::start(dir);
    let base = server.base.clone();

    let reader = pages(dir, "SQLite", &base).await;

    // The flood, with one signed-in reader on the dashboard meanwhile.
    let stop = Arc::new(AtomicBool::new(false));
    let counts = Arc::new(FloodCounts::default());
    let flooders = flood(&base, CONNECTIONS, stop.clone(), counts.clone());
    // Let the flood reach its steady state before measuring.
    tokio::time::sleep(Duration::from_secs(2)).await;
    let counted_from = Instant::now();
    let accepted_before = counts.accepted.load(Ordering::Relaxed);
    let (loaded, _) = load_page_paced(
        vec![reader.clone()],
        format!("{base}/dashboard"),
        counted_from + Duration::from_secs(FLOOD_SECONDS - 2),
        Duration::from_millis(100),
    )
    .await;
    let accepted_during = counts.accepted.load(Ordering::Relaxed) - accepted_before;
    let measured = counted_from.elapsed().as_secs_f64();
    stop.store(true, Ordering::Relaxed);
    for flooder in flooders {
        flooder.await.unwrap();
    }
    let throughput = accepted_during as f64 / measured;
    println!(
        "  sign-in flood ({CONNECTIONS} clients, {FLOOD_SECONDS} s): {throughput:.1} passwords accepted/s = {:.2} of the argon2 ceiling; \
         {} answered 503 busy, {} other {:?}; a reader's dashboard (every 100 ms) meanwhile: p50 {:.1} ms, p99 {:.1} ms ({} requests)",
        throughput / ceiling,
        counts.busy.load(Ordering::Relaxed),
        counts.other.load(Ordering::Relaxed),
        counts.other_examples.lock().unwrap(),
        percentile(&loaded, 0.5),
        percentile(&loaded, 0.99),
        loaded.len(),
    );

    // Overload: sign-ins arriving at ten times what the hashing can check.
    let counts = Arc::new(FloodCounts::default());
    let started = Instant::now();
    arrivals(&base, OVERLOAD_RATE, OVERLOAD_SECONDS, counts.clone()).await;
    let mut busy = std::mem::take(&mut *counts.busy_latencies.lock().unwrap());
    busy.sort_by(|a, b| a.partial_cmp(b).unwrap());
    println!(
        "  overload ({OVERLOAD_RATE} sign-ins/s arriving for {OVERLOAD_SECONDS} s): {:.1} passwords accepted/s = {:.2} of the ceiling; \
         {} answered 503 busy (p50 {:.1} ms, p99 {:.1} ms; {} without Retry-After), {} other {:?}",
        counts.accepted.load(Ordering::Relaxed) as f64 / started.elapsed().as_secs_f64(),
        counts.accepted.load(Ordering::Relaxed) as f64 / started.elapsed().as_secs_f64() / ceiling,
        counts.busy.load(Ordering::Relaxed),
        percentile(&busy, 0.5),
        percentile(&busy, 0.99),
        counts.busy_without_retry_after.load(Ordering::Relaxed),
        counts.other.load(Ordering::Relaxed),
        counts.other_examples.lock().unwrap(),
    );

    println!(
        "  peak memory: server process {:.0} MiB; load generator (this process) {:.0} MiB",
        server.peak_memory_mib(),
        peak_memory_mib("self")
    );
    drop(server);

    pages_on_postgres(dir).await;
    postgres_restart(dir).await;
}

/// A PostgreSQL server of the bench's own (`initdb` in a scratch folder, its own port), so that it
/// can be stopped and started under load without touching any other cluster on the machine.
struct OwnPostgres {
    bin: std::path::PathBuf,
    data: std::path::PathBuf,
    port: u16,
    /// PostgreSQL refuses to run as root: as root, its commands run as the `postgres` user.
    as_postgres: bool,
    /// Settings given to the server at start (`-c name=value`), beside the port and address.
    settings: Vec<(&'static str, String)>,
}

impl OwnPostgres {
    fn create(dir: &std::path::Path) -> Option<Self> {
        let bin = std::fs::read_dir("/usr/lib/postgresql")
            .ok()?
            .filter_map(|entry| Some(entry.ok()?.path().join("bin")))
            .filter(|bin| bin.join("initdb").exists())
            .max()?;
        let data = dir.join("postgres");
        std::fs::create_dir_all(&data).unwrap();
        let uid = std::process::Command::new("id").arg("-u").output().unwrap();
        let as_postgres = String::from_utf8_lossy(&uid.stdout).trim() == "0";
        if as_postgres {
            let owned = std::process::Command::new("chown").args(["postgres:postgres"]).arg(&data).status().unwrap();
            assert!(owned.success(), "chown of the scratch cluster's folder");
        }
        let port = std::net::TcpListener::bind("127.0.0.1:0").unwrap().local_addr().unwrap().port();
        let postgres = OwnPostgres { bin, data, port, as_postgres, settings: Vec::new() };
        postgres.run("initdb", &["-D", &postgres.data_dir(), "-A", "trust", "-U", "postgres", "--no-sync"]);
        Some(postgres)
    }

    fn data_dir(&self) -> String {
        self.data.display().to_string()
    }

    fn run(&self, program: &str, args: &[&str]) {
        let program = self.bin.join(program);
        let mut command = if self.as_postgres {
            let mut command = std::process::Command::new("runuser");
            command.args(["-u", "postgres", "--"]).arg(program);
            command
        } else {
            std::process::Command::new(program)
        };
        let output = command.args(args).output().unwrap();
        assert!(output.status.success(), "{args:?}: {}", String::from_utf8_lossy(&output.stderr));
    }

    /// Starts the server and returns once it accepts connections.
    fn start(&self) {
        let data = self.data_dir();
        let mut options = format!("-p {} -k {data} -c listen_addresses=127.0.0.1", self.port);
        for (name, value) in &self.settings {
            options.push_str(&format!(" -c {name}={value}"));
        }
        self.run("pg_ctl", &["-D", &data, "-l", &format!("{data}/server.log"), "-o", &options, "-w", "start"]);
    }

    /// Stops it the way an operator's restart does: sessions are ended and it shuts down cleanly.
    fn stop(&self) {
        self.run("pg_ctl", &["-D", &self.data_dir(), "-m", "fast", "-w", "stop"]);
    }

    fn url(&self) -> String {
        format!("postgres://postgres@127.0.0.1:{}/postgres", self.port)
    }
}

impl Drop for OwnPostgres {
    fn drop(&mut self) {
        let _ = std::panic::catch_unwind(|| self.run("pg_ctl", &["-D", &self.data_dir(), "-m", "immediate", "stop"]));
        // The next phase makes a cluster of its own in the same place.
        let _ = std::fs::remove_dir_all(&self.data);
    }
}

/// A PostgreSQL cluster of the bench's own, started, with the server on it; `None` (saying that
/// `phase` is skipped) when PostgreSQL's server programs are not installed.
fn on_own_postgres(dir: &std::path::Path, phase: &str) -> Option<(OwnPostgres, Server)> {
    on_own_postgres_with(dir, phase, &[], Vec::new())
}

/// The same, with further environment variables for the server child and settings for PostgreSQL.
fn on_own_postgres_with(
    dir: &std::path::Path,
    phase: &str,
    vars: &[(&str, String)],
    settings: Vec<(&'static str, String)>,
) -> Option<(OwnPostgres, Server)> {
    let Some(mut postgres) = OwnPostgres::create(dir) else {
        println!("  {phase}: skipped (no PostgreSQL server programs under /usr/lib/postgresql)");
        return None;
    };
    postgres.settings = settings;
    postgres.start();
    let site = dir.join(format!("site-{}", postgres.port));
    std::fs::create_dir_all(&site).unwrap();
    let server = Server::start_with(&site, Some(&postgres.url()), vars);
    Some((postgres, server))
}

/// One answer during the restart: when it was asked (s since the phase began), its status (0: no
/// answer at all), how long it took (ms), and whether a 503 said when to retry.
struct Sample {
    asked: f64,
    status: u16,
    latency_ms: f64,
    retry_after: bool,
}

const RESTART_READERS: usize = 16;

/// 6. PostgreSQL restarted under load: signed-in readers keep opening the dashboard while the
///    database is stopped for 5 s and started again. While it is down every answer should be a
///    fast 503 with `Retry-After`; once it is back the server should answer 200 again by itself.
async fn postgres_restart(dir: &std::path::Path) {
    let Some((postgres, server)) = on_own_postgres(dir, "PostgreSQL restart") else { return };
    let base = server.base.clone();
    let reader = signed_in_reader(&base, DEMO_EMAIL).await;

    let began = Instant::now();
    let stop = Arc::new(AtomicBool::new(false));
    let samples = Arc::new(Mutex::new(Vec::<Sample>::new()));
    let readers: Vec<_> = (0..RESTART_READERS)
        .map(|_| {
            let (reader, stop, samples, url) =
                (reader.clone(), stop.clone(), samples.clone(), format!("{base}/dashboard"));
            tokio::spawn(async move {
                while !stop.load(Ordering::Relaxed) {
                    let asked = Instant::now();
                    let answer = reader.get(&url).timeout(Duration::from_secs(10)).send().await;
                    let (status, retry_after) = match answer {
                        Ok(answer) => {
                            let retry_after = answer.headers().contains_key("retry-after");
                            let status = answer.status().as_u16();
                            let _ = answer.bytes().await;
                            (status, retry_after)
                        }
                        Err(_) => (0, false),
                    };
                    samples.lock().unwrap().push(Sample {
                        asked: asked.duration_since(began).as_secs_f64(),
                        status,
                        latency_ms: asked.elapsed().as_secs_f64() * 1000.0,
                        retry_after,
                    });
                    tokio::time::sleep(Duration::from_millis(20)).await;
                }
            })
        })
        .collect();
    tokio::time::sleep(Duration::from_secs(3)).await;
    let stopping = began.elapsed().as_secs_f64();
    tokio::task::block_in_place(|| postgres.stop());
    let down = began.elapsed().as_secs_f64();
    tokio::time::sleep(Duration::from_secs(5)).await;
    let starting = began.elapsed().as_secs_f64();
    tokio::task::block_in_place(|| postgres.start());
    let up = began.elapsed().as_secs_f64();
    tokio::time::sleep(Duration::from_secs(6)).await;
    stop.store(true, Ordering::Relaxed);
    for reader in readers {
        reader.await.unwrap();
    }
    let samples = std::mem::take(&mut *samples.lock().unwrap());
    let answered = |s: &Sample| s.asked + s.latency_ms / 1000.0;

    let before: Vec<_> = samples.iter().filter(|s| answered(s) < stopping).collect();
    let while_down: Vec<_> = samples.iter().filter(|s| s.asked >= down && answered(s) < starting).collect();
    let mut statuses: std::collections::BTreeMap<u16, usize> = std::collections::BTreeMap::new();
    for sample in &while_down {
        *statuses.entry(sample.status).or_default() += 1;
    }
    let mut unavailable: Vec<f64> = while_down.iter().filter(|s| s.status == 503).map(|s| s.latency_ms).collect();
    unavailable.sort_by(|a, b| a.partial_cmp(b).unwrap());
    let without_retry_after = while_down.iter().filter(|s| s.status == 503 && !s.retry_after).count();
    // Recovered: from the first answer after the start command from which on every answer is 200.
    let mut after: Vec<_> = samples.iter().filter(|s| answered(s) >= starting).collect();
    after.sort_by(|a, b| answered(a).partial_cmp(&answered(b)).unwrap());
    let recovered_from = after.iter().rposition(|s| s.status != 200).map_or(0, |last_failure| last_failure + 1);
    let recovery = after.get(recovered_from).map(|s| answered(s) - starting);
    println!(
        "  PostgreSQL restart under load ({RESTART_READERS} signed-in readers on the dashboard, every 20 ms each; \
         PostgreSQL {} stopped for 5 s): before the stop {} of {} answered 200; while it was down {} requests \
         answered {:?} (status: count; 0 = no answer), 503 p50 {:.0} ms, p99 {:.0} ms, {} without Retry-After; \
         started again (pg_ctl reported it ready after {:.2} s): {}; {} answers after the start command, \
         the last one that was not 200 being number {}, and the {} after it all 200",
        postgres
            .bin
            .parent()
            .and_then(|v| v.file_name())
            .map_or_else(String::new, |v| v.to_string_lossy().into_owned()),
        before.iter().filter(|s| s.status == 200).count(),
        before.len(),
        while_down.len(),
        statuses,
        percentile(&unavailable, 0.5),
        percentile(&unavailable, 0.99),
        without_retry_after,
        up - starting,
        recovery.map_or_else(
            || "never answered 200 again".to_owned(),
            |r| format!("answering 200 again {r:.2} s after the start command"),
        ),
        after.len(),
        recovered_from,
        after.len() - recovered_from,
    );
    drop(server);
}

/// A demo officer signed in at the staff door (the demo authenticator key is the applicant's too).
async fn signed_in_officer(base: &str) -> reqwest::Client {
    use app::server::seed::staff_and_queue::{DEMO_STAFF, DEMO_STAFF_PASSWORD};
    let officer = reqwest::Client::builder().cookie_store(true).redirect(Policy::none()).build().unwrap();
    let code = totp::code_for_step(&seed::demo_totp_secret(), totp::step_at(chrono::Utc::now().timestamp()));
    let answer = officer
        .post(format!("{base}/api/staff_sign_in"))
        .header("origin", base)
        .form(&[("email", DEMO_STAFF[0].email), ("password", DEMO_STAFF_PASSWORD), ("code", code.as_str())])
        .send()
        .await
        .unwrap();
    assert_eq!(answer.headers().get("location").unwrap(), "/staff", "the officer is signed in");
    officer
}

/// The p50 (ms) of each of `pages`, each fetched by 2 connections for 4 s after 1 s unmeasured
/// (the first requests after a start or a bulk load find cold caches).
async fn page_medians(pages: &[(&str, &reqwest::Client, String)]) -> Vec<f64> {
    let mut medians = Vec::new();
    for (_, client, url) in pages {
        load_page(vec![(*client).clone(); 2], url.clone(), Instant::now() + Duration::from_secs(1)).await;
        let (latencies, _) =
            load_page(vec![(*client).clone(); 2], url.clone(), Instant::now() + Duration::from_secs(4)).await;
        medians.push(percentile(&latencies, 0.5));
    }
    medians
}

/// Adds people and cases with `portico generate`'s code, directly on the database.
async fn grow(url: &str, accounts: u64, cases: u64) -> f64 {
    let db = sea_orm::Database::connect(url).await.unwrap();
    let started = Instant::now();
    let unknown = app::server::identity::session_policy::new_token();
    let hash = {
        use argon2::password_hash::PasswordHasher as _;
        Argon2::default().hash_password(unknown.as_bytes(), &SaltString::generate(&mut OsRng)).unwrap().to_string()
    };
    portico_server::generate::generate(&db, &hash, accounts, cases, chrono::Utc::now()).await.unwrap();
    db.close().await.ok();
    started.elapsed().as_secs_f64()
}

/// How many times each page is timed at each size: one p50 varies by up to 30% between rounds on
/// this shared machine, so the ratio compares the middle of several.
const SCALE_ROUNDS: usize = 4;

/// A quarter of this machine's memory, PostgreSQL's own advice for `shared_buffers` on a server of
/// its own (README, "Deploying"), in MB; `None` when `/proc/meminfo` does not say.
fn quarter_of_memory_mb() -> Option<u64> {
    let meminfo = std::fs::read_to_string("/proc/meminfo").ok()?;
    let kb: u64 = meminfo.lines().find(|l| l.starts_with("MemTotal:"))?.split_whitespace().nth(1)?.parse().ok()?;
    Some(kb / 1024 / 4)
}

/// Waits until the server's reminder sweep (`cases::reminders`, every minute) has queued what
/// the grown database holds: no new reminder for 70 s. Returns how many are queued and how long
/// the wait was (s). In a database that grew one booking at a time these would have gone out
/// over the week; here they come due at once and would be queued during the timing.
async fn reminders_settled(url: &str) -> (u64, f64) {
    use app::server::entities::outbox_message;
    use sea_orm::{ColumnTrait as _, EntityTrait as _, PaginatorTrait as _, QueryFilter as _};
    let db = sea_orm::Database::connect(url).await.unwrap();
    let started = Instant::now();
    let count = || {
        outbox_message::Entity::find()
            .filter(outbox_message::Column::IdempotencyKey.starts_with("reminder:"))
            .count(&db)
    };
    let (mut last, mut since) = (count().await.unwrap(), Instant::now());
    while since.elapsed() < Duration::from_secs(70) {
        tokio::time::sleep(Duration::from_secs(5)).await;
        let now = count().await.unwrap();
        if now != last {
            (last, since) = (now, Instant::now());
        }
    }
    db.close().await.ok();
    (last, started.elapsed().as_secs_f64())
}

/// What an operator does after a bulk load, before the timing: write the loaded pages out
/// (`CHECKPOINT`) and vacuum and analyze every table, so that neither the checkpointer nor
/// autovacuum is still at work on gigabytes of new rows while pages are timed (a run without it
/// had its first large rounds slowed). Returns how long it took (s).
async fn settle_after_bulk_load(url: &str) -> f64 {
    use sea_orm::ConnectionTrait as _;
    let db = sea_orm::Database::connect(url).await.unwrap();
    let started = Instant::now();
    for statement in ["CHECKPOINT", "VACUUM ANALYZE", "CHECKPOINT"] {
        db.execute_unprepared(statement).await.unwrap();
    }
    db.close().await.ok();
    started.elapsed().as_secs_f64()
}

/// The median of a few p50s.
fn median(values: &[f64]) -> f64 {
    let mut sorted = values.to_vec();
    sorted.sort_by(|a, b| a.partial_cmp(b).unwrap());
    let mid = sorted.len() / 2;
    if sorted.len().is_multiple_of(2) {
        (sorted[mid - 1] + sorted[mid]) / 2.0
    } else {
        sorted[mid]
    }
}

/// 7. Scale (`make bench-scale`, not part of `make bench`: filling PostgreSQL takes minutes). The
///    demo applicant's dashboard and case page and the demo officer's search and queue, p50 at
///    1,000 generated accounts (5,000 cases) and again at `accounts` (`cases`), on PostgreSQL
///    with `shared_buffers` set as for production (a quarter of memory), [`SCALE_ROUNDS`] times
///    each; the ratio is of the medians of the rounds. After growing, the timing waits for the
///    reminder sweep and for `CHECKPOINT` and `VACUUM ANALYZE`.
async fn scale(dir: &std::path::Path, accounts: u64, cases: u64) {
    let buffers = quarter_of_memory_mb().map_or_else(|| "128MB".to_owned(), |mb| format!("{mb}MB"));
    let settings = vec![("shared_buffers", buffers.clone())];
    // The outbox is not delivered here: growing the database books half a million appointments
    // at once, and the reminders of a week of them (below) would be mailed during the timing.
    let vars = [("PORTICO_OUTBOX_WORKER", "off".to_owned())];
    let Some((postgres, server)) = on_own_postgres_with(dir, "scale", &vars, settings) else { return };
    let base = server.base.clone();
    let (reader, officer) = (signed_in_reader(&base, DEMO_EMAIL).await, signed_in_officer(&base).await);
    let pages = [
        ("applicant's dashboard", &reader, format!("{base}/dashboard")),
        ("applicant's case page", &reader, format!("{base}/cases/IOE0912345601")),
        ("officer's search by name", &officer, format!("{base}/staff?q=garcia+maria")),
        ("officer's search by receipt number", &officer, format!("{base}/staff?q=EAC2290123403")),
        ("officer's queue", &officer, format!("{base}/staff")),
        ("officer's case page", &officer, format!("{base}/staff/cases/EAC2290123403")),
    ];
    let took = grow(&postgres.url(), 1_000, 5_000).await;
    println!(
        "  scale on PostgreSQL (shared_buffers {buffers}): 1,000 accounts and 5,000 cases generated in {took:.1} s"
    );
    let mut small = Vec::new();
    for _ in 0..SCALE_ROUNDS {
        small.push(page_medians(&pages).await);
    }
    let took = grow(&postgres.url(), accounts, cases).await;
    println!("  grown to {accounts} accounts and {cases} cases in {took:.0} s (portico generate's code)");
    let (queued, took) = reminders_settled(&postgres.url()).await;
    println!(
        "  the server's once-a-minute sweep queued the reminders of the week's generated appointments: \
         {queued} in all, settled {took:.0} s after growing (timed only once it had)"
    );
    let took = settle_after_bulk_load(&postgres.url()).await;
    println!("  CHECKPOINT and VACUUM ANALYZE after the bulk load: {took:.0} s");
    let mut large = Vec::new();
    for _ in 0..SCALE_ROUNDS {
        large.push(page_medians(&pages).await);
    }
    let rounds = |of: &[Vec<f64>], i: usize| of.iter().map(|round| round[i]).collect::<Vec<_>>();
    let listed = |p50s: &[f64]| p50s.iter().map(|p| format!("{p:.1}")).collect::<Vec<_>>().join(" / ");
    for (i, (what, ..)) in pages.iter().enumerate() {
        let (small, large) = (rounds(&small, i), rounds(&large, i));
        let highest = |p50s: &[f64]| p50s.iter().cloned().fold(f64::MIN, f64::max);
        println!(
            "    {what}: p50 {} ms at 1,000 accounts, {} ms at {accounts} = {:.2}x (medians; {:.2}x on the highest)",
            listed(&small),
            listed(&large),
            median(&large) / median(&small),
            highest(&large) / highest(&small),
        );
    }
    drop(server);
}
