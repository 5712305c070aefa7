//! Starts the real server on a random port with a fresh database: a new SQLite file, or, when
//! `TEST_DATABASE_URL` names a PostgreSQL server, a new database created on it for this test.

#![allow(dead_code)]

use app::server::clock::{Clock, ManualClock};
use app::server::config::Config;
use app::server::seed;
use chrono::{DateTime, Duration, Utc};
use portico_server::{build_state, connect, migrate, serve};
use rand::Rng;
use reqwest::redirect::Policy;
use reqwest::{Client, Response};
use sea_orm::{ConnectionTrait, Database};
use std::collections::HashMap;
use std::path::PathBuf;
use std::sync::{Arc, Mutex};

pub struct TestApp {
    pub base: String,
    pub clock: ManualClock,
    pub outbox: PathBuf,
    /// Where the log-only text sender keeps text messages.
    pub texts: PathBuf,
    /// Where letters to records' postal addresses are kept (Account Access Notices).
    pub paper: PathBuf,
    pub state: app::server::AppState,
    pub backend: &'static str,
    /// The statements the server ran while recording (see [`TestApp::record_statements`]).
    statements: Arc<Mutex<Option<Vec<String>>>>,
}

pub fn start_time() -> DateTime<Utc> {
    "2026-11-26T15:00:00Z".parse().unwrap()
}

pub async fn fresh_database_url(tag: &str) -> String {
    let suffix: u64 = rand::thread_rng().gen();
    match std::env::var("TEST_DATABASE_URL").ok().filter(|u| !u.is_empty()) {
        Some(admin_url) => {
            let name = format!("portico_test_{suffix:x}");
            let admin = Database::connect(admin_url.as_str()).await.expect("connect to TEST_DATABASE_URL");
            admin.execute_unprepared(&format!("CREATE DATABASE {name}")).await.expect("create test database");
            admin.close().await.ok();
            let (base, _) = admin_url.rsplit_once('/').expect("TEST_DATABASE_URL ends with /database");
            format!("{base}/{name}")
        }
        None => {
            let dir = std::env::temp_dir().join("portico-tests");
            std::fs::create_dir_all(&dir).unwrap();
            format!("sqlite://{}/{tag}-{suffix:x}.db?mode=rwc", dir.display())
        }
    }
}

pub async fn spawn_app() -> TestApp {
    spawn_app_with(&[]).await
}

/// Like [`spawn_app`], with extra configuration variables (e.g. `PORTICO_ENV=production`).
pub async fn spawn_app_with(extra: &[(&'static str, &str)]) -> TestApp {
    let suffix: u64 = rand::thread_rng().gen();
    let outbox = std::env::temp_dir().join(format!("portico-outbox-{suffix:x}"));
    let texts = std::env::temp_dir().join(format!("portico-texts-{suffix:x}"));
    let paper = std::env::temp_dir().join(format!("portico-paper-{suffix:x}"));
    let files = std::env::temp_dir().join(format!("portico-files-{suffix:x}"));
    // Mail goes over real SMTP (lettre) to a local sink that keeps each message in `outbox`.
    let sink = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let smtp_url = format!("smtp://{}", sink.local_addr().unwrap());
    tokio::spawn(portico_server::smtp_sink::run(sink, outbox.clone()));
    let database_url = fresh_database_url("it").await;
    let mut vars: HashMap<&str, String> = HashMap::from([
        ("DATABASE_URL", database_url),
        ("PORTICO_ADDR", "127.0.0.1:0".to_owned()),
        ("PORTICO_SMTP_URL", smtp_url),
        ("PORTICO_TEXTS_OUTBOX_DIR", texts.display().to_string()),
        ("PORTICO_PAPER_OUTBOX_DIR", paper.display().to_string()),
        ("PORTICO_FILES_DIR", files.display().to_string()),
    ]);
    vars.extend(extra.iter().map(|(k, v)| (*k, v.to_string())));
    let config = Config::from_lookup(|name| vars.get(name).cloned()).expect("test configuration");
    let backend = if config.is_sqlite() { "sqlite" } else { "postgres" };
    let mut db = connect(&config).await.expect("connect");
    // Every statement, with its values, while a test records them (sea-orm's metric callback).
    let statements: Arc<Mutex<Option<Vec<String>>>> = Arc::default();
    let recording = statements.clone();
    db.set_metric_callback(move |info| {
        if let Some(recorded) = recording.lock().unwrap().as_mut() {
            recorded.push(info.statement.to_string());
        }
    });
    migrate(&db).await.expect("migrate");
    let clock = ManualClock::new(start_time());
    let state = build_state(config, db, Arc::new(clock.clone())).expect("state");
    seed::seed_demo(&state, start_time()).await.expect("seed");
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let base = format!("http://{}", listener.local_addr().unwrap());
    tokio::spawn(serve(listener, state.clone()));
    TestApp { base, clock, outbox, texts, paper, state, backend, statements }
}

impl TestApp {
    /// From now on, keeps every statement the server runs (with its values inlined).
    pub fn record_statements(&self) {
        *self.statements.lock().unwrap() = Some(Vec::new());
    }

    /// The statements run since [`TestApp::record_statements`], and stops recording.
    pub fn recorded_statements(&self) -> Vec<String> {
        self.statements.lock().unwrap().take().unwrap_or_default()
    }

    /// The id of the account signed in with `email`.
    pub async fn account_id(&self, email: &str) -> app::domain::AccountId {
        use app::server::entities::account;
        use sea_orm::{ColumnTrait, EntityTrait, QueryFilter};
        account::Entity::find()
            .filter(account::Column::Email.eq(email))
            .one(&self.state.db)
            .await
            .unwrap()
            .expect("an account")
            .id
    }

    /// Another instance of Portico on the same database (and clock), as a second server behind a
    /// load balancer would be; returns its base address.
    pub async fn second_instance(&self) -> String {
        let config = (*self.state.config).clone();
        let db = connect(&config).await.expect("connect");
        let state = build_state(config, db, Arc::new(self.clock.clone())).expect("state");
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
        let base = format!("http://{}", listener.local_addr().unwrap());
        tokio::spawn(serve(listener, state));
        base
    }
}

/// A browser without JavaScript: keeps cookies, does not follow redirects (so tests can see
/// them), and posts forms as a browser does.
pub struct Browser {
    pub client: Client,
    pub base: String,
}

impl TestApp {
    pub fn browser(&self) -> Browser {
        Browser {
            client: Client::builder()
                .cookie_store(true)
                .redirect(Policy::none())
                .timeout(std::time::Duration::from_secs(15))
                .build()
                .unwrap(),
            base: self.base.clone(),
        }
    }

    pub fn clock_now(&self) -> DateTime<Utc> {
        self.clock.now()
    }

    /// A browser that sends `user_agent` with every request.
    pub fn browser_with_agent(&self, user_agent: &str) -> Browser {
        Browser {
            client: Client::builder()
                .cookie_store(true)
                .redirect(Policy::none())
                .timeout(std::time::Duration::from_secs(15))
                .user_agent(user_agent)
                .build()
                .unwrap(),
            base: self.base.clone(),
        }
    }

    pub fn advance(&self, by: Duration) {
        self.clock.advance(by);
    }

    /// The messages in the outbox addressed to `to` with `subject`, oldest first.
    pub fn mail_to(&self, to: &str, subject: &str) -> Vec<String> {
        let to = to.to_lowercase();
        self.outbox_messages()
            .into_iter()
            .filter(|m| m.contains(&format!("To: {to}\r\n")) && m.contains(&format!("Subject: {subject}\r\n")))
            .collect()
    }

    /// The token of the newest confirmation link mailed to `to` (sign-up mail goes out in the
    /// background, so this waits for it).
    pub async fn confirmation_token(&self, to: &str) -> String {
        let mail = self.wait_for_mail(to, "Confirm your email address", 1).await.pop().expect("a confirmation mail");
        let start = mail.find("/confirm-email?token=").expect("a confirmation link") + "/confirm-email?token=".len();
        mail[start..start + 64].to_owned()
    }

    /// Signs up and follows the mailed confirmation link, as a new applicant does.
    pub async fn sign_up_confirmed(&self, browser: &Browser, email: &str, password: &str) {
        assert_eq!(location(&browser.sign_up(email, password).await), "/sign-up/check-email");
        let token = self.confirmation_token(email).await;
        assert_eq!(location(&browser.submit("confirm_email", &[("token", &token)]).await), "/sign-in?confirmed=1");
    }

    /// Signs in as a person does, both steps: password, then the code from the authenticator app
    /// (computed from the stored secret) or from the email. Returns where sign-in finally sent
    /// the browser (or where the password step did, if it refused).
    /// A fresh confirmed account (password `NEW_PASSWORD`), signed in.
    pub async fn new_account(&self, email: &str) -> Browser {
        let browser = self.browser();
        self.sign_up_confirmed(&browser, email, NEW_PASSWORD).await;
        self.sign_in(&browser, email, NEW_PASSWORD).await;
        browser
    }

    pub async fn sign_in(&self, browser: &Browser, email: &str, password: &str) -> String {
        let first = location(&browser.sign_in_password(email, password).await);
        if !first.starts_with("/sign-in/verify") {
            return first;
        }
        self.finish_sign_in(browser, email, &first).await
    }

    /// The second step, on the page `verify_path` the password step sent the browser to.
    pub async fn finish_sign_in(&self, browser: &Browser, email: &str, verify_path: &str) -> String {
        let (method, code) = if verify_path.contains("method=email") {
            ("email", self.latest_sign_in_code(email))
        } else {
            ("authenticator", self.fresh_totp_code(email).await)
        };
        location(&browser.submit("verify_sign_in", &[("method", method), ("code", &code)]).await)
    }

    /// The account's TOTP secret, read and unsealed from the database as the server does.
    pub async fn totp_secret(&self, email: &str) -> Vec<u8> {
        use app::server::entities::account;
        use sea_orm::{ColumnTrait, EntityTrait, QueryFilter};
        let owner = account::Entity::find()
            .filter(account::Column::Email.eq(email))
            .one(&self.state.db)
            .await
            .unwrap()
            .expect("account");
        self.state.config.secret_key.open(&owner.totp_secret.expect("an authenticator app")).unwrap()
    }

    /// The code for the current step, moving the clock to the next step first when the current
    /// one was already used (a used step is refused, as it must be).
    pub async fn fresh_totp_code(&self, email: &str) -> String {
        use app::server::entities::account;
        use app::server::identity::second_factors::totp;
        use sea_orm::{ColumnTrait, EntityTrait, QueryFilter};
        let owner = account::Entity::find()
            .filter(account::Column::Email.eq(email))
            .one(&self.state.db)
            .await
            .unwrap()
            .unwrap();
        let now_step = totp::step_at(self.clock.now().timestamp());
        if owner.totp_last_step.is_some_and(|last| last >= now_step) {
            self.advance(Duration::seconds(totp::STEP_SECONDS as i64));
        }
        self.totp_code_now(&self.totp_secret(email).await)
    }

    pub fn totp_code_now(&self, secret: &[u8]) -> String {
        use app::server::identity::second_factors::totp;
        totp::code_for_step(secret, totp::step_at(self.clock.now().timestamp()))
    }

    /// The code in the newest "Your Portico sign-in code" mail to `to`.
    pub fn latest_sign_in_code(&self, to: &str) -> String {
        let mail =
            self.mail_to(to, "Your Portico sign-in code").pop().unwrap_or_else(|| panic!("no code mail for {to}"));
        let after = mail.split("Your one-time sign-in code is:").nth(1).expect("a code in the mail");
        after.split_whitespace().next().expect("the code").to_owned()
    }

    /// Waits (up to 5 s) until at least `count` messages to `to` with `subject` arrived, for mail
    /// sent in the background; returns them.
    pub async fn wait_for_mail(&self, to: &str, subject: &str, count: usize) -> Vec<String> {
        for _ in 0..100 {
            let mail = self.mail_to(to, subject);
            if mail.len() >= count {
                return mail;
            }
            tokio::time::sleep(std::time::Duration::from_millis(50)).await;
        }
        panic!("fewer than {count} messages {subject:?} to {to}");
    }

    pub fn outbox_messages(&self) -> Vec<String> {
        let Ok(entries) = std::fs::read_dir(&self.outbox) else { return Vec::new() };
        let mut paths: Vec<_> = entries
            .filter_map(|e| e.ok())
            .map(|e| e.path())
            .filter(|p| p.extension().is_some_and(|x| x == "eml"))
            .collect();
        paths.sort();
        paths.into_iter().map(|p| decode_quoted_printable(&std::fs::read_to_string(p).unwrap())).collect()
    }

    /// Text messages sent to `to` (E.164), oldest first.
    pub fn texts_to(&self, to: &str) -> Vec<String> {
        let Ok(entries) = std::fs::read_dir(&self.texts) else { return Vec::new() };
        let mut paths: Vec<_> = entries.filter_map(|e| e.ok()).map(|e| e.path()).collect();
        paths.sort();
        let header = format!("To: {to}\n");
        paths.into_iter().map(|p| std::fs::read_to_string(p).unwrap()).filter(|t| t.starts_with(&header)).collect()
    }

    /// Letters written for paper mail, oldest first.
    pub fn paper_letters(&self) -> Vec<String> {
        let Ok(entries) = std::fs::read_dir(&self.paper) else { return Vec::new() };
        let mut paths: Vec<_> = entries.filter_map(|e| e.ok()).map(|e| e.path()).collect();
        paths.sort();
        paths.into_iter().map(|p| std::fs::read_to_string(p).unwrap()).collect()
    }

    /// The online access code of the newest Account Access Notice for the record `identifier`.
    pub fn mailed_access_code(&self, identifier: &str) -> String {
        let letter = self
            .paper_letters()
            .into_iter()
            .rfind(|l| l.starts_with(&format!("Record: {identifier}\n")))
            .unwrap_or_else(|| panic!("no access notice for {identifier}"));
        let after = letter.split("to finish: ").nth(1).expect("a code in the letter");
        after.split_whitespace().next().expect("the code").to_owned()
    }

    /// The 6-digit code of the newest text to `to`.
    pub fn latest_text_code(&self, to: &str) -> String {
        let text = self.texts_to(to).pop().unwrap_or_else(|| panic!("no text message to {to}"));
        text.lines().nth(2).and_then(|l| l.split_whitespace().next()).expect("a code first in the text").to_owned()
    }
}

impl Browser {
    pub async fn get(&self, path: &str) -> Response {
        self.client.get(format!("{}{path}", self.base)).header("accept", "text/html").send().await.unwrap()
    }

    /// Submits a form to a server function the way a browser without JavaScript does.
    pub async fn submit(&self, endpoint: &str, fields: &[(&str, &str)]) -> Response {
        self.client
            .post(format!("{}/api/{endpoint}", self.base))
            .header("accept", "text/html")
            .header("origin", self.base.clone())
            .form(fields)
            .send()
            .await
            .unwrap()
    }

    pub async fn sign_up(&self, email: &str, password: &str) -> Response {
        self.submit("sign_up", &[("email", email), ("password", password)]).await
    }

    /// Only the first step of signing in: email and password.
    pub async fn sign_in_password(&self, email: &str, password: &str) -> Response {
        self.submit("sign_in", &[("email", email), ("password", password)]).await
    }

    /// Links Ahmed's record with his details and the demo notice's access code.
    pub async fn link_ahmed(&self) -> Response {
        self.link_ahmed_with(Some(app::server::seed::RECORD_TO_LINK.access_code)).await
    }

    /// Ahmed's details, with `access_code` or without one.
    pub async fn link_ahmed_with(&self, access_code: Option<&str>) -> Response {
        let mut fields = vec![
            ("id_kind", "a_number"),
            ("id_number", "A123456789"),
            ("full_name", "ahmed hassan ali"),
            ("dob_month", "11"),
            ("dob_day", "2"),
            ("dob_year", "1979"),
            ("country_of_birth", "Egypt"),
        ];
        fields.extend(access_code.map(|code| ("access_code", code)));
        self.submit("link_record", &fields).await
    }
}

/// Mail bodies with non-ASCII text are sent quoted-printable; tests read them as a mail client shows them.
pub fn decode_quoted_printable(raw: &str) -> String {
    let joined = raw.replace("=\r\n", "");
    let bytes = joined.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'=' && i + 2 < bytes.len() {
            if let Ok(byte) = u8::from_str_radix(&joined[i + 1..i + 3], 16) {
                out.push(byte);
                i += 3;
                continue;
            }
        }
        out.push(bytes[i]);
        i += 1;
    }
    String::from_utf8_lossy(&out).into_owned()
}

pub fn location(response: &Response) -> String {
    response
        .headers()
        .get("location")
        .map(|v| v.to_str().unwrap().to_owned())
        .unwrap_or_else(|| panic!("expected a redirect, got {}", response.status()))
}

/// The 64-hex-digit token of the `path` link (e.g. `/reset-password?token=`) in a mail.
pub fn token_in(mail: &str, path: &str) -> String {
    let start = mail.find(path).unwrap_or_else(|| panic!("a {path} link in {mail}")) + path.len();
    mail[start..start + 64].to_owned()
}

pub fn reset_token(mail: &str) -> String {
    token_in(mail, "/reset-password?token=")
}

pub fn recovery_token(mail: &str) -> String {
    token_in(mail, "/recover-sign-in?token=")
}

/// A sign-in page address without the `&until=` a pause adds (the tests that check it read it).
pub fn without_until(location: String) -> String {
    match location.split_once("&until=") {
        Some((before, _)) => before.to_owned(),
        None => location,
    }
}

pub async fn body(response: Response) -> String {
    response.text().await.unwrap()
}

pub const NEW_PASSWORD: &str = "granite orchard velvet 42";
