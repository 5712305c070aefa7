//! Housekeeping keeps the tables bounded (issue 15): after a long run, what no rule reads any
//! more is gone, and what a rule still reads is kept.

use crate::common::*;
use app::server::entities::{email_token, limit_event, session, sign_in_attempt};
use app::server::seed::{DEMO_EMAIL, DEMO_PASSWORD};
use chrono::Duration;
use sea_orm::{EntityTrait, PaginatorTrait};

async fn counts(app: &TestApp) -> [u64; 4] {
    let db = &app.state.db;
    [
        session::Entity::find().count(db).await.unwrap(),
        sign_in_attempt::Entity::find().count(db).await.unwrap(),
        limit_event::Entity::find().count(db).await.unwrap(),
        email_token::Entity::find().count(db).await.unwrap(),
    ]
}

/// A day's worth of activity: sign-ins, wrong passwords, resets, sign-ups.
async fn activity(app: &TestApp, round: u32) -> Browser {
    let browser = app.browser();
    for _ in 0..3 {
        app.sign_in(&browser, DEMO_EMAIL, "not the right password").await;
    }
    assert_eq!(app.sign_in(&browser, DEMO_EMAIL, DEMO_PASSWORD).await, "/dashboard");
    browser.submit("request_password_reset", &[("email", DEMO_EMAIL)]).await;
    browser.sign_up(&format!("round{round}@example.com"), NEW_PASSWORD).await;
    app.wait_for_mail(&format!("round{round}@example.com"), "Confirm your email address", 1).await;
    browser
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_long_run_leaves_only_what_the_rules_still_read() {
    let app = spawn_app().await;
    let _ = activity(&app, 0).await;
    let after_one_day = counts(&app).await;
    assert!(after_one_day.iter().all(|n| *n > 0), "{after_one_day:?}");

    // Sixty days of the same: the tables do not grow with them.
    let mut latest = None;
    for round in 1..=6 {
        app.advance(Duration::days(10));
        latest = Some(activity(&app, round).await);
        app::server::housekeeping::sweep(&app.state).await.unwrap();
    }
    let after_sixty_days = counts(&app).await;
    for (table, (one, sixty)) in
        ["sessions", "attempts", "limit events", "tokens"].iter().zip(after_one_day.iter().zip(after_sixty_days.iter()))
    {
        assert!(sixty <= &(one * 4), "{table}: {one} after a day, {sixty} after sixty");
    }

    // What a rule still reads stays: today's session and today's failed sign-ins.
    let browser = app.browser();
    for _ in 0..3 {
        app.sign_in(&browser, DEMO_EMAIL, "not the right password").await;
    }
    app.advance(Duration::minutes(5));
    app::server::housekeeping::sweep(&app.state).await.unwrap();
    assert_eq!(latest.unwrap().get("/dashboard").await.status(), 200, "today's session is kept");
    // The three wrong passwords still count toward a pause: two more pause the email.
    for _ in 0..2 {
        app.sign_in(&browser, DEMO_EMAIL, "not the right password").await;
    }
    assert_eq!(
        without_until(app.sign_in(&app.browser(), DEMO_EMAIL, DEMO_PASSWORD).await),
        "/sign-in?error=sign_in_paused"
    );
}
