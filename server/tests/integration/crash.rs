//! kill -9 during writes (issue 14): the server process is killed 20 times while people are signing
//! up; after each restart it starts cleanly (`serve --migrate`) and every sign-up it acknowledged is
//! in the database — on SQLite and on PostgreSQL.

use app::server::web::assets::SiteAssets;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

const KILLS: usize = 20;
const WRITERS: usize = 4;

/// The site files the server checks for at start (empty: no page is rendered here), under the
/// names the binary will look for (hashed when a `hash.txt` lies beside it).
fn fake_site(dir: &Path) -> PathBuf {
    let binary = Path::new(env!("CARGO_BIN_EXE_portico"));
    let hashes = binary.parent().and_then(|d| std::fs::read_to_string(d.join("hash.txt")).ok());
    let assets = SiteAssets::from_hashes("portico", hashes.as_deref());
    let site = dir.join("site");
    for file in [&assets.js, &assets.wasm, &assets.css] {
        let path = site.join(file.trim_start_matches('/'));
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(path, b"").unwrap();
    }
    site
}

struct Server {
    child: Child,
    base: String,
}

impl Server {
    async fn start(database_url: &str, dir: &Path, site: &Path) -> Server {
        let port = std::net::TcpListener::bind("127.0.0.1:0").unwrap().local_addr().unwrap().port();
        let child = Command::new(env!("CARGO_BIN_EXE_portico"))
            .args(["serve", "--migrate"])
            .env("DATABASE_URL", database_url)
            .env("PORTICO_ADDR", format!("127.0.0.1:{port}"))
            .env("PORTICO_OUTBOX_DIR", dir.join("outbox"))
            .env("PORTICO_TEXTS_OUTBOX_DIR", dir.join("texts"))
            .env("PORTICO_PAPER_OUTBOX_DIR", dir.join("paper"))
            .env("PORTICO_FILES_DIR", dir.join("files"))
            .env("LEPTOS_SITE_ROOT", site)
            // Sign-ups from one address are limited (30 an hour): these come from a proxy's clients.
            .env("PORTICO_CLIENT_IP", "x-forwarded-for")
            .env("RUST_LOG", "error")
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .expect("start portico serve");
        let mut server = Server { child, base: format!("http://127.0.0.1:{port}") };
        let started = Instant::now();
        loop {
            if let Ok(answer) = reqwest::get(format!("{}/readyz", server.base)).await {
                if answer.status() == 200 {
                    return server;
                }
            }
            if let Ok(Some(status)) = server.child.try_wait() {
                panic!("the server exited at start-up after a kill: {status}");
            }
            assert!(started.elapsed() < Duration::from_secs(30), "the server is ready within 30 s of a restart");
            tokio::time::sleep(Duration::from_millis(50)).await;
        }
    }

    fn kill(mut self) {
        // SIGKILL: no shutdown, no flushing — the process is simply gone.
        self.child.kill().unwrap();
        self.child.wait().unwrap();
    }
}

/// Signs up `email`; whether the server acknowledged it (sent the person on to "check your email").
async fn sign_up(client: &reqwest::Client, base: &str, email: &str) -> bool {
    let answer = client
        .post(format!("{base}/api/sign_up"))
        .header("origin", base)
        .header("accept", "text/html")
        .header(
            "x-forwarded-for",
            format!("10.{}.{}.{}", rand::random::<u8>(), rand::random::<u8>(), rand::random::<u8>()),
        )
        .form(&[("email", email), ("password", "granite orchard velvet 42")])
        .send()
        .await;
    matches!(answer, Ok(a) if a.headers().get("location").is_some_and(|l| l == "/sign-up/check-email"))
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn no_acknowledged_write_is_lost_when_the_server_is_killed() {
    let database_url = crate::common::fresh_database_url("crash").await;
    let dir = std::env::temp_dir().join(format!("portico-crash-{:x}", rand::random::<u64>()));
    std::fs::create_dir_all(&dir).unwrap();
    let site = fake_site(&dir);
    let acknowledged = Arc::new(Mutex::new(Vec::<String>::new()));
    let mut attempted = 0usize;
    let mut server = Server::start(&database_url, &dir, &site).await;
    for round in 0..KILLS {
        let writers: Vec<_> = (0..WRITERS)
            .map(|writer| {
                let (base, acknowledged) = (server.base.clone(), acknowledged.clone());
                tokio::spawn(async move {
                    let client =
                        reqwest::Client::builder().redirect(reqwest::redirect::Policy::none()).build().unwrap();
                    let mut n = 0;
                    loop {
                        let email = format!("crash-{round}-{writer}-{n}@example.com");
                        if sign_up(&client, &base, &email).await {
                            acknowledged.lock().unwrap().push(email);
                        } else {
                            // Refused or cut off by the kill: not acknowledged, so not counted.
                            return n + 1;
                        }
                        n += 1;
                    }
                })
            })
            .collect();
        // Kill at a different moment each round, with writes in flight.
        tokio::time::sleep(Duration::from_millis(150 + 37 * round as u64 % 200)).await;
        server.kill();
        for writer in writers {
            attempted += writer.await.unwrap();
        }
        server = Server::start(&database_url, &dir, &site).await;
    }
    server.kill();

    let db = sea_orm::Database::connect(database_url.as_str()).await.unwrap();
    use sea_orm::{ColumnTrait as _, EntityTrait as _, QueryFilter as _};
    let stored: Vec<String> = app::server::entities::account::Entity::find()
        .filter(app::server::entities::account::Column::Email.starts_with("crash-"))
        .all(&db)
        .await
        .unwrap()
        .into_iter()
        .map(|a| a.email)
        .collect();
    let acknowledged = acknowledged.lock().unwrap().clone();
    assert!(
        acknowledged.len() >= KILLS,
        "writes were acknowledged between kills: {} of {attempted}",
        acknowledged.len()
    );
    let lost: Vec<&String> = acknowledged.iter().filter(|email| !stored.contains(email)).collect();
    assert!(lost.is_empty(), "{} acknowledged sign-ups lost after {KILLS} kills: {lost:?}", lost.len());
    eprintln!("{KILLS} kills: {} sign-ups acknowledged, all {} in the database", acknowledged.len(), stored.len());
    let _ = std::fs::remove_dir_all(&dir);
}
