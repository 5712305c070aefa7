//! Whether an email has an account must not show, in the answer or in how long it takes. These
//! tests time the server: each would fail if the unknown-email path skipped the password hash
//! (about 1 ms against tens of milliseconds for argon2id).

use crate::common::*;
use app::server::seed::{DEMO_EMAIL, DEMO_PASSWORD};
use chrono::Duration;
use std::time::Instant;

fn median(mut samples: Vec<f64>) -> f64 {
    samples.sort_by(|a, b| a.partial_cmp(b).unwrap());
    samples[samples.len() / 2]
}

/// The slower median over the faster: 1.0 means the same.
fn ratio(a: f64, b: f64) -> f64 {
    a.max(b) / a.min(b)
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_wrong_password_takes_as_long_for_an_unknown_email_as_for_a_real_account() {
    let app = spawn_app().await;
    let browser = app.browser();
    // Warm up connections and the hashing pool.
    browser.sign_in_password("warm-up@example.com", "not the right password").await;
    let (mut known, mut unknown) = (Vec::new(), Vec::new());
    for round in 0..6 {
        // Four tries per email per round stay under the pause; a day later the streak is forgotten.
        for _ in 0..4 {
            for (email, samples) in
                [(DEMO_EMAIL.to_owned(), &mut known), (format!("nobody-{round}@example.com"), &mut unknown)]
            {
                let started = Instant::now();
                let answer = browser.sign_in_password(&email, "not the right password").await;
                samples.push(started.elapsed().as_secs_f64() * 1000.0);
                assert_eq!(location(&answer), "/sign-in?error=invalid_credentials", "the same answer for both");
            }
        }
        app.advance(Duration::hours(25));
    }
    let (known_ms, unknown_ms) = (median(known), median(unknown));
    eprintln!("wrong password: real account {known_ms:.1} ms, unknown email {unknown_ms:.1} ms (medians of 24)");
    assert!(ratio(known_ms, unknown_ms) < 1.5, "timing reveals accounts: {known_ms:.1} ms vs {unknown_ms:.1} ms");
    // The right password still signs in: the test did not just time a refusal path.
    assert!(app.sign_in(&browser, DEMO_EMAIL, DEMO_PASSWORD).await.starts_with("/dashboard"));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn signing_up_takes_as_long_with_a_registered_email_as_with_a_new_one() {
    let app = spawn_app().await;
    let browser = app.browser();
    browser.sign_up("warm-up@example.com", "Quiet-Harbor-Lantern-42").await;
    let (mut registered, mut fresh) = (Vec::new(), Vec::new());
    // 16 rounds, the order alternating, so the background work one sign-up leaves (its mail) lands
    // as often before either kind: a real difference (a hash skipped, a mail sent inline) is many
    // times the noise and still shows in the medians.
    for i in 0..16 {
        if i == 8 {
            // Sign-ups from one client are limited to 30 an hour.
            app.advance(Duration::minutes(61));
        }
        let mut pair = [(DEMO_EMAIL.to_owned(), &mut registered), (format!("new-{i}@example.com"), &mut fresh)];
        if i % 2 == 1 {
            pair.reverse();
        }
        for (email, samples) in pair {
            let started = Instant::now();
            let answer = browser.sign_up(&email, "Quiet-Harbor-Lantern-42").await;
            samples.push(started.elapsed().as_secs_f64() * 1000.0);
            assert_eq!(location(&answer), "/sign-up/check-email");
        }
    }
    let (registered_ms, fresh_ms) = (median(registered), median(fresh));
    eprintln!("sign-up: registered {registered_ms:.1} ms, new {fresh_ms:.1} ms (medians of 16)");
    assert!(ratio(registered_ms, fresh_ms) < 1.5, "timing reveals accounts: {registered_ms:.1} vs {fresh_ms:.1} ms");
}
