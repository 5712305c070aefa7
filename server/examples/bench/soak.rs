//! `make soak`: many people at once for minutes, on mixed journeys, then a check that every write
//! the server acknowledged is in the database.
//!
//! Each simulated applicant has an account of their own (its own address, behind the same proxy
//! header the flood uses) linked to a record with two cases at the New York office: one waiting
//! for evidence, one under review. Applicants arrive over the first minute (a sign-in with password
//! and authenticator code each), then, until the end, pause 0.5–2.5 s (reading) between steps:
//! the dashboard, a case, a notice PDF, the evidence page, an upload, an inquiry, and now and then
//! signing out and in again. A few officers (copies of the demo officer) meanwhile move the cases
//! under review back and forth between "being reviewed" and an update, each change with the case's
//! version read from the console as a person's browser would.
//!
//! The load tool records every write it was told was saved: the inquiry's number in the address
//! it was sent to, each uploaded file's name, each status change's "done". At the end the server is
//! killed (SIGKILL: nothing flushed on the way out), and the database is read: every acknowledged
//! inquiry with its message, every acknowledged file, and, per case, exactly as many history
//! events as changes acknowledged, ending at the last status acknowledged.
//!
//! It runs on SQLite, then again on a PostgreSQL cluster of the bench's own (when its server
//! programs are installed). Any 5xx or connection failure is a server error. Answers a person
//! would not expect (a page that sends them to sign in, a refusal) are counted apart and shown
//! with examples.

use super::people::{add_applicant, CaseSpec};
use super::{percentile, Server};
use app::domain::{CaseStatus, FormType, InquiryId};
use app::server::entities::{account, case, case_event, evidence_file, inquiry, inquiry_message};
use app::server::identity::second_factors::totp;
use app::server::seed::{self, DEMO_EMAIL, DEMO_PASSWORD};
use app::server::AppState;
use chrono::Duration as Days;
use rand::{rngs::StdRng, Rng as _, SeedableRng as _};
use reqwest::redirect::Policy;
use sea_orm::{ActiveModelTrait as _, ColumnTrait as _, EntityTrait as _, QueryFilter as _, QueryOrder as _};
use std::collections::{BTreeMap, HashMap};
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

/// Officers working the cases under review, each a share of them.
const OFFICERS: usize = 4;
/// Applicants arrive spread over this long (sign-ins at a pace the hashing keeps up with).
const RAMP: Duration = Duration::from_secs(60);
/// An applicant signs in again only this long after their last code (a code is good once, and
/// the next one comes 30 s later).
const SIGN_IN_AGAIN_AFTER: Duration = Duration::from_secs(65);
/// At most this many inquiries per applicant (three may be open on a case at once).
const INQUIRIES_EACH: usize = 3;
/// At most this many files per applicant's response (20 are allowed).
const FILES_EACH: usize = 10;

/// Environment variable the server child reads: how many soak applicants to add.
pub const USERS_VAR: &str = "PORTICO_BENCH_SOAK_USERS";

fn applicant_email(n: usize) -> String {
    format!("soak-{n}@example.com")
}

fn officer_email(k: usize) -> String {
    format!("soak-officer-{k}@portico.test")
}

/// The applicant's case waiting for evidence (uploads and inquiries go here).
fn evidence_receipt(n: usize) -> String {
    format!("IOE07{n:08}")
}

/// The applicant's case under review (the officers move it).
fn worked_receipt(n: usize) -> String {
    format!("EAC07{n:08}")
}

/// In the server child, before it listens: `users` applicants, each with a record and two cases
/// (`people::add_applicant`), and the officers (copies of the demo officer).
pub async fn add_people(state: &AppState, users: usize) {
    let now = state.now();
    let txn = app::server::begin_write(&state.db).await.unwrap();
    let find = |email: &'static str| account::Entity::find().filter(account::Column::Email.eq(email)).one(&txn);
    let demo = find(DEMO_EMAIL).await.unwrap().unwrap();
    let officer = find(seed::staff_and_queue::DEMO_STAFF[0].email).await.unwrap().unwrap();
    for k in 0..OFFICERS {
        let mut copy: account::ActiveModel = account::Model { email: officer_email(k), ..officer.clone() }.into();
        copy.id = sea_orm::ActiveValue::NotSet;
        copy.insert(&txn).await.unwrap();
    }
    for n in 0..users {
        use CaseStatus::*;
        let cases = [
            CaseSpec {
                receipt: evidence_receipt(n),
                form: FormType::I485,
                status: RequestForEvidenceWasSent,
                due_in_days: Some(60),
            },
            CaseSpec {
                receipt: worked_receipt(n),
                form: FormType::I765,
                status: CaseIsBeingActivelyReviewed,
                due_in_days: None,
            },
        ];
        let born = chrono::NaiveDate::from_ymd_opt(1980, 1, 1).unwrap() + Days::days(n as i64);
        add_applicant(&txn, &demo, applicant_email(n), &format!("A04{n:07}"), born, &cases, now).await;
    }
    txn.commit().await.unwrap();
}

/// What the load saw: latencies by step, server errors, and answers a person would not expect.
#[derive(Default)]
struct Tally {
    latencies: Mutex<BTreeMap<&'static str, Vec<f64>>>,
    server_errors: AtomicU64,
    /// 503 with Retry-After at sign-in: the hashing pool full, a deliberate answer (counted apart).
    busy: AtomicU64,
    unexpected: AtomicU64,
    examples: Mutex<Vec<String>>,
}

impl Tally {
    fn note(&self, what: String) {
        let mut examples = self.examples.lock().unwrap();
        if examples.len() < 12 {
            examples.push(what);
        }
    }

    fn unexpected(&self, step: &str, answer: &reqwest::Response) {
        self.unexpected.fetch_add(1, Ordering::Relaxed);
        self.note(format!("{step}: {} {}", answer.status(), location(answer)));
    }

    /// Sends `request` as `step`; `None` (counted as a server error) on a 5xx or no answer, except
    /// "busy" (503 with Retry-After), which is returned for the caller to wait out.
    async fn send(&self, step: &'static str, request: reqwest::RequestBuilder) -> Option<reqwest::Response> {
        let asked = Instant::now();
        let answer = request.send().await;
        let ms = asked.elapsed().as_secs_f64() * 1000.0;
        self.latencies.lock().unwrap().entry(step).or_default().push(ms);
        match answer {
            Ok(answer)
                if answer.status().is_server_error()
                    && !(answer.status() == 503 && answer.headers().contains_key("retry-after")) =>
            {
                self.server_errors.fetch_add(1, Ordering::Relaxed);
                self.note(format!("{step}: {}", answer.status()));
                None
            }
            Ok(answer) => Some(answer),
            Err(error) => {
                self.server_errors.fetch_add(1, Ordering::Relaxed);
                self.note(format!("{step}: no answer ({error})"));
                None
            }
        }
    }

    /// A page a signed-in person opens: 200 with its body read, or counted.
    async fn page(&self, step: &'static str, client: &reqwest::Client, url: String) -> Option<String> {
        let answer = self.send(step, client.get(url)).await?;
        if answer.status() != 200 {
            self.unexpected(step, &answer);
            return None;
        }
        answer.text().await.ok()
    }
}

/// The writes the server said it saved.
#[derive(Default)]
struct Acknowledged {
    /// (applicant, inquiry number, message)
    inquiries: Mutex<Vec<(usize, InquiryId, String)>>,
    /// (applicant, file name)
    files: Mutex<Vec<(usize, String)>>,
    /// Per case under review: the statuses it was moved to, in order.
    changes: Mutex<HashMap<String, Vec<CaseStatus>>>,
}

fn location(answer: &reqwest::Response) -> String {
    answer.headers().get("location").and_then(|l| l.to_str().ok()).unwrap_or("").to_owned()
}

fn code_now() -> String {
    totp::code_for_step(&seed::demo_totp_secret(), totp::step_at(chrono::Utc::now().timestamp()))
}

/// A browser of its own for person `n`: cookies, no redirects followed, its own address.
fn browser(n: usize, base: &str) -> reqwest::Client {
    let mut headers = reqwest::header::HeaderMap::new();
    let address = format!("10.{}.{}.{}", 100 + n / 62_500, (n / 250) % 250, n % 250 + 1);
    headers.insert("x-forwarded-for", address.parse().unwrap());
    headers.insert("origin", base.parse().unwrap());
    reqwest::Client::builder().cookie_store(true).redirect(Policy::none()).default_headers(headers).build().unwrap()
}

/// Signs applicant `n` in (password, then authenticator code); true when the dashboard is next.
/// A "busy" answer is waited out as a browser would (Retry-After) and tried again.
async fn sign_in(tally: &Tally, client: &reqwest::Client, base: &str, n: usize) -> bool {
    let email = applicant_email(n);
    let form = [("email", email.as_str()), ("password", DEMO_PASSWORD)];
    let answer = loop {
        let request = client.post(format!("{base}/api/sign_in")).form(&form);
        let Some(answer) = tally.send("sign in: password", request).await else { return false };
        if answer.status() != 503 {
            break answer;
        }
        // "Busy" is an answer, not an error: counted apart, waited out, and tried again.
        tally.busy.fetch_add(1, Ordering::Relaxed);
        let wait = answer.headers().get("retry-after").and_then(|v| v.to_str().ok()?.parse().ok()).unwrap_or(1);
        tokio::time::sleep(Duration::from_secs(wait)).await;
    };
    if location(&answer) != "/sign-in/verify" {
        tally.unexpected("sign in: password", &answer);
        return false;
    }
    let code = code_now();
    let form = [("method", "authenticator"), ("code", code.as_str())];
    let request = client.post(format!("{base}/api/verify_sign_in")).form(&form);
    let Some(answer) = tally.send("sign in: code", request).await else { return false };
    if location(&answer) == "/dashboard" {
        return true;
    }
    tally.unexpected("sign in: code", &answer);
    false
}

/// A tiny PNG (what the upload sniffing takes for one), its width and height `n` and `k` so that
/// no two are the same file.
fn png(n: usize, k: usize) -> Vec<u8> {
    let mut bytes = vec![0x89, b'P', b'N', b'G', 0x0D, 0x0A, 0x1A, 0x0A, 0, 0, 0, 13];
    bytes.extend_from_slice(b"IHDR");
    bytes.extend_from_slice(&(n as u32).to_be_bytes());
    bytes.extend_from_slice(&(k as u32).to_be_bytes());
    bytes.extend_from_slice(&[0; 9]);
    bytes.extend_from_slice(&[0, 0, 0, 0]);
    bytes.extend_from_slice(b"IEND");
    bytes.extend_from_slice(&[0xAE, 0x42, 0x60, 0x82]);
    bytes
}

/// The first notice link on a case page.
fn first_notice_path(page: &str, receipt: &str) -> Option<String> {
    let start = format!("/cases/{receipt}/notices/");
    let at = page.find(&start)?;
    let digits: String = page[at + start.len()..].chars().take_while(char::is_ascii_digit).collect();
    (!digits.is_empty()).then(|| format!("{start}{digits}"))
}

async fn applicant(n: usize, base: String, until: Instant, tally: Arc<Tally>, acks: Arc<Acknowledged>) {
    let users_ramp = RAMP.as_secs_f64();
    let mut rng = StdRng::seed_from_u64(n as u64);
    tokio::time::sleep(Duration::from_secs_f64(rng.gen_range(0.0..users_ramp))).await;
    let client = browser(n, &base);
    if !sign_in(&tally, &client, &base, n).await {
        return;
    }
    let mut signed_in_at = Instant::now();
    let (evidence, worked) = (evidence_receipt(n), worked_receipt(n));
    let (mut files, mut inquiries) = (0, 0);
    let mut notice_path = None;
    while Instant::now() < until {
        match rng.gen_range(0..100) {
            0..=29 => {
                tally.page("dashboard", &client, format!("{base}/dashboard")).await;
            }
            30..=54 => {
                if let Some(page) = tally.page("case page", &client, format!("{base}/cases/{worked}")).await {
                    notice_path = notice_path.or_else(|| first_notice_path(&page, &worked));
                }
            }
            55..=69 => match &notice_path {
                Some(path) => {
                    if let Some(answer) = tally.send("notice PDF", client.get(format!("{base}{path}"))).await {
                        if answer.status() != 200 {
                            tally.unexpected("notice PDF", &answer);
                        } else if !answer.bytes().await.is_ok_and(|b| b.starts_with(b"%PDF-")) {
                            tally.unexpected.fetch_add(1, Ordering::Relaxed);
                            tally.note("notice PDF: not a PDF".to_owned());
                        }
                    }
                }
                None => {
                    tally.page("case page", &client, format!("{base}/cases/{worked}")).await;
                }
            },
            70..=77 => {
                tally.page("evidence page", &client, format!("{base}/cases/{evidence}/evidence")).await;
            }
            78..=85 if files < FILES_EACH => {
                let name = format!("soak-{n}-{files}.png");
                let part = reqwest::multipart::Part::bytes(png(n, files)).file_name(name.clone());
                let request = client
                    .post(format!("{base}/cases/{evidence}/evidence/files"))
                    .header("accept", "text/html")
                    .multipart(reqwest::multipart::Form::new().part("files", part));
                if let Some(answer) = tally.send("upload", request).await {
                    if location(&answer).ends_with("?uploaded=1") {
                        acks.files.lock().unwrap().push((n, name));
                        files += 1;
                    } else {
                        tally.unexpected("upload", &answer);
                    }
                }
            }
            86..=91 if inquiries < INQUIRIES_EACH => {
                let message = format!("Soak applicant {n}, question {inquiries}: has my case moved?");
                let form = [("receipt_number", evidence.as_str()), ("kind", "other"), ("message", message.as_str())];
                let request = client.post(format!("{base}/api/send_inquiry")).form(&form);
                if let Some(answer) = tally.send("inquiry", request).await {
                    let sent = location(&answer);
                    let number = sent
                        .strip_prefix(&format!("/cases/{evidence}/inquiries/"))
                        .and_then(|rest| rest.strip_suffix("?sent=1"))
                        .and_then(|id| id.parse::<i32>().ok().map(InquiryId));
                    match number {
                        Some(id) => {
                            acks.inquiries.lock().unwrap().push((n, id, message));
                            inquiries += 1;
                        }
                        None => tally.unexpected("inquiry", &answer),
                    }
                }
            }
            92..=96 if signed_in_at.elapsed() >= SIGN_IN_AGAIN_AFTER => {
                if let Some(answer) = tally.send("sign out", client.post(format!("{base}/api/sign_out"))).await {
                    if !answer.status().is_redirection() && answer.status() != 200 {
                        tally.unexpected("sign out", &answer);
                    }
                }
                if !sign_in(&tally, &client, &base, n).await {
                    return;
                }
                signed_in_at = Instant::now();
            }
            _ => {
                tally.page("case page", &client, format!("{base}/cases/{evidence}")).await;
            }
        }
        tokio::time::sleep(Duration::from_millis(rng.gen_range(500..2500))).await;
    }
}

/// The version in the console's status form.
fn version_on(page: &str) -> Option<i32> {
    let marker = r#"name="version" value=""#;
    let at = page.find(marker)? + marker.len();
    page[at..].split('"').next()?.parse().ok()
}

async fn officer(k: usize, users: usize, base: String, until: Instant, tally: Arc<Tally>, acks: Arc<Acknowledged>) {
    use app::server::seed::staff_and_queue::DEMO_STAFF_PASSWORD;
    let mut rng = StdRng::seed_from_u64(1_000_000 + k as u64);
    let client = browser(1_000_000 + k, &base);
    let (email, code) = (officer_email(k), code_now());
    let form = [("email", email.as_str()), ("password", DEMO_STAFF_PASSWORD), ("code", code.as_str())];
    let Some(answer) =
        tally.send("officer sign in", client.post(format!("{base}/api/staff_sign_in")).form(&form)).await
    else {
        return;
    };
    if location(&answer) != "/staff" {
        tally.unexpected("officer sign in", &answer);
        return;
    }
    // Only this officer moves these cases, so what it last set is what they are.
    let mine: Vec<usize> = (k..users).step_by(OFFICERS).collect();
    let mut status: HashMap<usize, CaseStatus> =
        mine.iter().map(|n| (*n, CaseStatus::CaseIsBeingActivelyReviewed)).collect();
    while Instant::now() < until && !mine.is_empty() {
        let n = mine[rng.gen_range(0..mine.len())];
        let receipt = worked_receipt(n);
        let Some(page) = tally.page("officer: case", &client, format!("{base}/staff/cases/{receipt}")).await else {
            continue;
        };
        let Some(version) = version_on(&page) else {
            tally.unexpected.fetch_add(1, Ordering::Relaxed);
            tally.note(format!("officer: case {receipt} has no status form"));
            continue;
        };
        let next = match status[&n] {
            CaseStatus::CaseIsBeingActivelyReviewed => CaseStatus::AddressWasUpdated,
            _ => CaseStatus::CaseIsBeingActivelyReviewed,
        };
        let version = version.to_string();
        let form = [("receipt", receipt.as_str()), ("version", version.as_str()), ("status", next.key())];
        let request = client.post(format!("{base}/api/staff_change_status")).form(&form);
        if let Some(answer) = tally.send("officer: status change", request).await {
            if location(&answer).ends_with("?done=1") {
                acks.changes.lock().unwrap().entry(receipt).or_default().push(next);
                status.insert(n, next);
            } else {
                tally.unexpected("officer: status change", &answer);
            }
        }
        tokio::time::sleep(Duration::from_millis(rng.gen_range(300..1500))).await;
    }
}

/// `bench soak [users] [seconds]`: on SQLite, then on a PostgreSQL cluster of the bench's own.
pub async fn soak(dir: &std::path::Path, users: usize, seconds: u64) {
    println!(
        "Portico soak: {users} applicants and {OFFICERS} officers for {seconds} s, on SQLite and then on PostgreSQL \
         (server in its own process)"
    );
    let vars = [(USERS_VAR, users.to_string())];
    let server = Server::start_with(dir, None, &vars);
    run("SQLite", server, &format!("sqlite://{}/bench.db?mode=rw", dir.display()), users, seconds).await;
    if let Some((postgres, server)) = super::on_own_postgres_with(dir, "soak on PostgreSQL", &vars, Vec::new()) {
        run("PostgreSQL", server, &postgres.url(), users, seconds).await;
    }
}

/// One soak against `server`, whose database at `url` is read afterwards.
async fn run(database: &str, server: Server, url: &str, users: usize, seconds: u64) {
    println!("  on {database}:");
    let base = server.base.clone();
    let (tally, acks) = (Arc::new(Tally::default()), Arc::new(Acknowledged::default()));
    let until = Instant::now() + Duration::from_secs(seconds);
    let mut tasks: Vec<_> =
        (0..users).map(|n| tokio::spawn(applicant(n, base.clone(), until, tally.clone(), acks.clone()))).collect();
    tasks.extend(
        (0..OFFICERS).map(|k| tokio::spawn(officer(k, users, base.clone(), until, tally.clone(), acks.clone()))),
    );
    for task in tasks {
        task.await.unwrap();
    }
    let peak = server.peak_memory_mib();
    // SIGKILL: what was acknowledged must already be on disk.
    drop(server);

    let latencies = std::mem::take(&mut *tally.latencies.lock().unwrap());
    let requests: usize = latencies.values().map(Vec::len).sum();
    println!(
        "  {requests} requests ({:.0}/s); server errors (5xx or no answer): {}; sign-ins answered busy: {}; \
         unexpected answers: {} {:?}; server peak memory {peak:.0} MiB",
        requests as f64 / seconds as f64,
        tally.server_errors.load(Ordering::Relaxed),
        tally.busy.load(Ordering::Relaxed),
        tally.unexpected.load(Ordering::Relaxed),
        tally.examples.lock().unwrap(),
    );
    for (step, mut ms) in latencies {
        ms.sort_by(|a, b| a.partial_cmp(b).unwrap());
        println!(
            "    {step:<24} {:>7} requests  p50 {:>6.1} ms  p99 {:>7.1} ms",
            ms.len(),
            percentile(&ms, 0.5),
            percentile(&ms, 0.99)
        );
    }
    let missing = verify(url, &acks).await;
    let acks_count = (
        acks.inquiries.lock().unwrap().len(),
        acks.files.lock().unwrap().len(),
        acks.changes.lock().unwrap().values().map(Vec::len).sum::<usize>(),
    );
    println!(
        "  acknowledged writes: {} inquiries, {} files, {} status changes; after SIGKILL, missing from the database: {}",
        acks_count.0,
        acks_count.1,
        acks_count.2,
        if missing.is_empty() { "none".to_owned() } else { format!("{} {:?}", missing.len(), &missing[..missing.len().min(10)]) }
    );
}

/// Each acknowledged write that the database does not hold, described.
async fn verify(url: &str, acks: &Acknowledged) -> Vec<String> {
    let db = sea_orm::Database::connect(url).await.unwrap();
    let mut missing = Vec::new();
    let ids: Vec<InquiryId> = acks.inquiries.lock().unwrap().iter().map(|(_, id, _)| *id).collect();
    let mut stored: HashMap<InquiryId, inquiry::Model> = HashMap::new();
    for chunk in ids.chunks(500) {
        for row in inquiry::Entity::find().filter(inquiry::Column::Id.is_in(chunk.to_vec())).all(&db).await.unwrap() {
            stored.insert(row.id, row);
        }
    }
    let mut messages: HashMap<InquiryId, Vec<String>> = HashMap::new();
    for chunk in ids.chunks(500) {
        let rows = inquiry_message::Entity::find()
            .filter(inquiry_message::Column::InquiryId.is_in(chunk.to_vec()))
            .all(&db)
            .await
            .unwrap();
        for row in rows {
            messages.entry(row.inquiry_id).or_default().push(row.body);
        }
    }
    for (n, id, message) in acks.inquiries.lock().unwrap().iter() {
        if !stored.contains_key(id) || !messages.get(id).is_some_and(|m| m.contains(message)) {
            missing.push(format!("inquiry {id} of applicant {n}"));
        }
    }
    let names: Vec<String> = acks.files.lock().unwrap().iter().map(|(_, name)| name.clone()).collect();
    let mut held = std::collections::HashSet::new();
    for chunk in names.chunks(500) {
        let rows =
            evidence_file::Entity::find().filter(evidence_file::Column::FileName.is_in(chunk.to_vec())).all(&db).await;
        held.extend(rows.unwrap().into_iter().map(|row| row.file_name));
    }
    for (n, name) in acks.files.lock().unwrap().iter() {
        if !held.contains(name) {
            missing.push(format!("file {name} of applicant {n}"));
        }
    }
    let changes = acks.changes.lock().unwrap().clone();
    for (receipt, moved) in &changes {
        let row = case::Entity::find().filter(case::Column::ReceiptNumber.eq(receipt)).one(&db).await.unwrap().unwrap();
        let events = case_event::Entity::find()
            .filter(case_event::Column::CaseId.eq(row.id))
            .order_by_asc(case_event::Column::Id)
            .all(&db)
            .await
            .unwrap();
        // Two events were seeded; each acknowledged change adds one.
        let recorded: Vec<CaseStatus> = events.iter().skip(2).map(|e| e.status).collect();
        if recorded != *moved || Some(&row.status) != moved.last() {
            missing.push(format!("{receipt}: {} changes acknowledged, {} in its history", moved.len(), recorded.len()));
        }
    }
    missing
}
