//! The second outside probe's findings about phones and texted codes — SMS pumping to one number
//! or to premium countries, guessing a phone's code, racing the guesses — each performed as the
//! attacker did.

use crate::common::*;
use app::server::entities::one_time_code;
use sea_orm::{ColumnTrait, EntityTrait, PaginatorTrait, QueryFilter};

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn texts_to_one_number_are_limited_whatever_the_account() {
    let app = spawn_app().await;
    const TARGET: &str = "+52 55 1234 5678";
    let mut answers = Vec::new();
    for account in ["pump1@example.com", "pump2@example.com"] {
        let browser = app.new_account(account).await;
        // Five each: an account's own limit on new phones (`PhonesAddedPerAccount`) is five a day.
        for _ in 0..5 {
            answers.push(location(&browser.submit("add_phone", &[("phone", TARGET)]).await));
        }
    }
    assert_eq!(app.texts_to("+525512345678").len(), 5, "{answers:?}");
    assert_eq!(answers.iter().filter(|a| a.ends_with("error=too_many_codes_sent")).count(), 5, "{answers:?}");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn texts_go_only_to_allowed_countries() {
    let app = spawn_app().await;
    let browser = app.new_account("abroad@example.com").await;
    // A premium range in Jamaica (shares +1), and the United Kingdom (not in the default list).
    for number in ["+1 876 555 0143", "+44 7700 900123"] {
        assert_eq!(
            location(&browser.submit("add_phone", &[("phone", number)]).await),
            "/account/sign-in-settings?error=phone_country_not_allowed",
            "{number}"
        );
    }
    let page = body(browser.get("/account/sign-in-settings?error=phone_country_not_allowed").await).await;
    assert!(page.contains("cannot send text messages to this country"), "{page}");
    assert!(std::fs::read_dir(&app.texts).map(|d| d.count()).unwrap_or(0) == 0, "nothing was sent");

    let configured = spawn_app_with(&[("PORTICO_TEXT_COUNTRY_CODES", "1,44")]).await;
    let browser = configured.new_account("uk@example.com").await;
    assert_eq!(
        location(&browser.submit("add_phone", &[("phone", "+44 7700 900123")]).await),
        "/account/sign-in-settings?phone_sent=1"
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_phone_code_is_void_after_five_wrong_tries() {
    let app = spawn_app().await;
    let browser = app.new_account("phone@example.com").await;
    browser.submit("add_phone", &[("phone", "(202) 555-0143")]).await;
    let code = app.latest_text_code("+12025550143");
    let wrong = if code == "000000" { "111111" } else { "000000" };
    for _ in 0..5 {
        assert_eq!(
            location(&browser.submit("confirm_phone", &[("code", wrong)]).await),
            "/account/sign-in-settings?error=code_invalid"
        );
    }
    assert_eq!(
        location(&browser.submit("confirm_phone", &[("code", &code)]).await),
        "/account/sign-in-settings?error=code_invalid",
        "the right code no longer works: a new one must be sent"
    );
    let voided = one_time_code::Entity::find()
        .filter(one_time_code::Column::FailedAttempts.gte(5))
        .filter(one_time_code::Column::UsedAt.is_not_null())
        .count(&app.state.db)
        .await
        .unwrap();
    assert_eq!(voided, 1);
    browser.submit("add_phone", &[("phone", "(202) 555-0143")]).await;
    let fresh = app.latest_text_code("+12025550143");
    assert_eq!(
        location(&browser.submit("confirm_phone", &[("code", &fresh)]).await),
        "/account/sign-in-settings?phone=1"
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn simultaneous_phone_code_guesses_get_five_comparisons_at_most() {
    let app = spawn_app().await;
    let browser = app.new_account("burst@example.com").await;
    browser.submit("add_phone", &[("phone", "(202) 555-0143")]).await;
    let code = app.latest_text_code("+12025550143");
    let guesses = (0..12).map(|i| {
        let browser = &browser;
        let guess = format!("{:06}", (code.parse::<u32>().unwrap() + 1 + i) % 1_000_000);
        async move { location(&browser.submit("confirm_phone", &[("code", guess.as_str())]).await) }
    });
    futures::future::join_all(guesses).await;
    let tries: Vec<i32> = one_time_code::Entity::find()
        .all(&app.state.db)
        .await
        .unwrap()
        .into_iter()
        .filter(|c| c.purpose == "phone_verify")
        .map(|c| c.failed_attempts)
        .collect();
    assert_eq!(tries, [5], "twelve guesses at once, five compared");
}
