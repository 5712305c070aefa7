//! `make bench`: Portico's sign-in under load, as ratios measured in this one run.
//!
//! 1. The argon2 ceiling: how many password checks per second this machine does with every core
//!    hashing (the same parameters the server uses), measured directly.
//! 2. A login flood: many clients sign in with the right password for a while; the server's rate of
//!    accepted passwords is reported as a fraction of that ceiling, with how many were told "busy".
//! 3. Dashboard latency for a signed-in person while the flood runs, against the same page idle.
//! 4. Peak memory of the process (server and load generator together).
//!
//! It runs the real server in-process on a fresh SQLite database. Nothing here is a pass/fail test.

use app::server::clock::SystemClock;
use app::server::config::Config;
use app::server::identity::second_factors::totp;
use app::server::seed::{self, DEMO_EMAIL, DEMO_PASSWORD};
use argon2::password_hash::{rand_core::OsRng, PasswordHasher as _, SaltString};
use argon2::{Algorithm, Argon2, Params, Version};
use portico_server::{build_state, connect, migrate, serve};
use reqwest::redirect::Policy;
use std::collections::HashMap;
use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};
use std::sync::Arc;
use std::time::{Duration, Instant};

const FLOOD_CLIENTS: usize = 64;
const FLOOD_SECONDS: u64 = 12;
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

fn peak_memory_mib() -> f64 {
    let status = std::fs::read_to_string("/proc/self/status").unwrap_or_default();
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

async fn dashboard_latencies(client: &reqwest::Client, base: &str, until: Instant) -> Vec<f64> {
    let mut latencies = Vec::new();
    while Instant::now() < until {
        let started = Instant::now();
        let response = client.get(format!("{base}/dashboard")).send().await.unwrap();
        assert_eq!(response.status(), 200, "the dashboard answers");
        response.bytes().await.unwrap();
        latencies.push(started.elapsed().as_secs_f64() * 1000.0);
    }
    latencies.sort_by(|a, b| a.partial_cmp(b).unwrap());
    latencies
}

#[tokio::main]
async fn main() {
    let cores = std::thread::available_parallelism().map(|n| n.get()).unwrap_or(2);
    println!("Portico bench on {cores} cores");
    let ceiling = argon2_ceiling(cores);
    println!("  argon2id ceiling (m=19456 KiB, t=2, p=1, {cores} threads): {ceiling:.1} checks/s");

    let dir = std::env::temp_dir().join(format!("portico-bench-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let vars: HashMap<&str, String> = HashMap::from([
        ("DATABASE_URL", format!("sqlite://{}/bench.db?mode=rwc", dir.display())),
        ("PORTICO_ADDR", "127.0.0.1:0".to_owned()),
        ("PORTICO_OUTBOX_DIR", dir.join("outbox").display().to_string()),
    ]);
    let config = Config::from_lookup(|name| vars.get(name).cloned()).unwrap();
    let db = connect(&config).await.unwrap();
    migrate(&db).await.unwrap();
    let state = build_state(config, db, Arc::new(SystemClock)).unwrap();
    seed::seed_demo(&state, state.now()).await.unwrap();
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let base = format!("http://{}", listener.local_addr().unwrap());
    tokio::spawn(serve(listener, state.clone()));

    // A signed-in reader of the dashboard: password, then the demo account's authenticator code.
    let reader = reqwest::Client::builder().cookie_store(true).redirect(Policy::none()).build().unwrap();
    let form = |pairs: &[(&str, &str)]| pairs.iter().map(|(k, v)| (k.to_string(), v.to_string())).collect::<Vec<_>>();
    reader
        .post(format!("{base}/api/sign_in"))
        .header("origin", &base)
        .form(&form(&[("email", DEMO_EMAIL), ("password", DEMO_PASSWORD)]))
        .send()
        .await
        .unwrap();
    let code = totp::code_for_step(&seed::demo_totp_secret(), totp::step_at(state.now().timestamp()));
    let verified = reader
        .post(format!("{base}/api/verify_sign_in"))
        .header("origin", &base)
        .form(&form(&[("method", "authenticator"), ("code", &code)]))
        .send()
        .await
        .unwrap();
    assert_eq!(verified.headers().get("location").unwrap(), "/dashboard", "the reader is signed in");

    let idle = dashboard_latencies(&reader, &base, Instant::now() + Duration::from_secs(3)).await;

    let stop = Arc::new(AtomicBool::new(false));
    let accepted = Arc::new(AtomicU64::new(0));
    let busy = Arc::new(AtomicU64::new(0));
    let other = Arc::new(AtomicU64::new(0));
    let flood_started = Instant::now();
    let flooders: Vec<_> = (0..FLOOD_CLIENTS)
        .map(|_| {
            let (stop, accepted, busy, other, base) =
                (stop.clone(), accepted.clone(), busy.clone(), other.clone(), base.clone());
            tokio::spawn(async move {
                let client = reqwest::Client::builder().redirect(Policy::none()).build().unwrap();
                while !stop.load(Ordering::Relaxed) {
                    let answer = client
                        .post(format!("{base}/api/sign_in"))
                        .header("origin", &base)
                        .form(&[("email", DEMO_EMAIL), ("password", DEMO_PASSWORD)])
                        .send()
                        .await;
                    match answer.map(|r| (r.status().as_u16(), r.headers().get("location").cloned())) {
                        Ok((_, Some(location))) if location.to_str().unwrap_or("").starts_with("/sign-in/verify") => {
                            accepted.fetch_add(1, Ordering::Relaxed)
                        }
                        Ok((503, _)) => busy.fetch_add(1, Ordering::Relaxed),
                        _ => other.fetch_add(1, Ordering::Relaxed),
                    };
                }
            })
        })
        .collect();
    // Let the flood reach its steady state before measuring the reader.
    tokio::time::sleep(Duration::from_secs(2)).await;
    let counted_from = Instant::now();
    let accepted_before = accepted.load(Ordering::Relaxed);
    let loaded = dashboard_latencies(&reader, &base, counted_from + Duration::from_secs(FLOOD_SECONDS - 2)).await;
    let accepted_during = accepted.load(Ordering::Relaxed) - accepted_before;
    let measured = counted_from.elapsed().as_secs_f64();
    stop.store(true, Ordering::Relaxed);
    for flooder in flooders {
        flooder.await.unwrap();
    }
    let throughput = accepted_during as f64 / measured;
    println!(
        "  login flood ({FLOOD_CLIENTS} clients, {:.0} s): {throughput:.1} passwords accepted/s = {:.2} of the argon2 ceiling; \
         {} answered 503 busy, {} other",
        flood_started.elapsed().as_secs_f64(),
        throughput / ceiling,
        busy.load(Ordering::Relaxed),
        other.load(Ordering::Relaxed)
    );
    let (idle_p50, idle_p95) = (percentile(&idle, 0.5), percentile(&idle, 0.95));
    let (load_p50, load_p95) = (percentile(&loaded, 0.5), percentile(&loaded, 0.95));
    println!(
        "  dashboard latency idle: p50 {idle_p50:.1} ms, p95 {idle_p95:.1} ms ({} requests); \
         under the flood: p50 {load_p50:.1} ms, p95 {load_p95:.1} ms ({} requests); p95 ratio {:.1}x",
        idle.len(),
        loaded.len(),
        load_p95 / idle_p95
    );
    println!("  peak memory (server + load generator): {:.0} MiB", peak_memory_mib());
    std::fs::remove_dir_all(&dir).ok();
}
