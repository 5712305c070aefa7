//! Claiming an immigration record as an attacker would: guessing the date of birth, spreading the
//! guesses over accounts, racing them, and linking with details alone. And the owner's ways in: the
//! access code mailed on paper, and a dispute when someone else holds the record.

use crate::common::*;
use app::server::entities::{record_dispute, security_event};
use app::server::seed::RECORD_TO_LINK;
use sea_orm::{ColumnTrait, EntityTrait, PaginatorTrait, QueryFilter};

/// Ahmed's details (printed on his own documents) with the date of birth `(month, day, year)`.
fn ahmed_with_birthday(month: &str, day: &str, year: &str) -> Vec<(&'static str, String)> {
    vec![
        ("id_kind", "a_number".into()),
        ("id_number", "A123456789".into()),
        ("full_name", "Ahmed Hassan Ali".into()),
        ("dob_month", month.into()),
        ("dob_day", day.into()),
        ("dob_year", year.into()),
        ("country_of_birth", "Egypt".into()),
    ]
}

async fn link(browser: &Browser, fields: &[(&'static str, String)]) -> String {
    let fields: Vec<(&str, &str)> = fields.iter().map(|(k, v)| (*k, v.as_str())).collect();
    location(&browser.submit("link_record", &fields).await)
}

/// A new, confirmed, signed-in account with no record yet.
async fn new_applicant(app: &TestApp, email: &str) -> Browser {
    let browser = app.browser();
    app.sign_up_confirmed(&browser, email, NEW_PASSWORD).await;
    assert_eq!(app.sign_in(&browser, email, NEW_PASSWORD).await, "/link-record");
    browser
}

async fn security_events_of_kind(app: &TestApp, kind: &str) -> u64 {
    security_event::Entity::find().filter(security_event::Column::Kind.eq(kind)).count(&app.state.db).await.unwrap()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn guessing_the_date_of_birth_stops_after_five_tries_and_freezes_the_record_for_every_account() {
    let app = spawn_app().await;
    let attacker = new_applicant(&app, "guesser@example.com").await;
    // The probe's attack: walk the calendar from 1979-10-29 until the record links.
    for day in 25..=29 {
        assert_eq!(
            link(&attacker, &ahmed_with_birthday("10", &day.to_string(), "1979")).await,
            "/link-record?error=record_not_matched"
        );
    }
    assert_eq!(
        link(&attacker, &ahmed_with_birthday("11", "2", "1979")).await,
        "/link-record?error=link_attempts_paused",
        "the sixth try is not evaluated, even with the right date"
    );
    assert_eq!(security_events_of_kind(&app, "record_link_failed").await, 5, "each failure is a security event");
    let events = body(attacker.get("/security-events").await).await;
    assert!(events.contains("Details given to link an immigration record did not match"), "{events}");

    // A second account cannot carry on where the first stopped: the record is frozen for linking by details.
    let accomplice = new_applicant(&app, "accomplice@example.com").await;
    assert_eq!(
        link(&accomplice, &ahmed_with_birthday("11", "2", "1979")).await,
        "/link-record?error=link_attempts_paused"
    );
    // An unknown number freezes the same way after five failures, so the freeze reveals nothing.
    let prober = new_applicant(&app, "prober@example.com").await;
    let mut unknown = ahmed_with_birthday("1", "1", "1980");
    unknown[1] = ("id_number", "A555555555".into());
    for _ in 0..5 {
        assert_eq!(link(&prober, &unknown).await, "/link-record?error=record_not_matched");
    }
    let owner = new_applicant(&app, "ahmed@example.com").await;
    assert_eq!(link(&owner, &unknown).await, "/link-record?error=link_attempts_paused");

    // The owner still gets in with the access code from the notice mailed to the record's address.
    let mut with_code = ahmed_with_birthday("11", "2", "1979");
    with_code.push(("access_code", RECORD_TO_LINK.access_code.into()));
    assert_eq!(link(&owner, &with_code).await, "/dashboard");
    assert!(body(owner.get("/dashboard").await).await.contains("Welcome, Ahmed Hassan Ali."));
    // And the freeze ends by itself.
    app.advance(chrono::Duration::hours(24));
    let later = new_applicant(&app, "later@example.com").await;
    assert_eq!(link(&later, &ahmed_with_birthday("11", "2", "1979")).await, "/link-record?error=record_already_linked");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn one_client_spreading_guesses_over_many_accounts_is_stopped() {
    let app = spawn_app().await;
    let mut refused = None;
    for n in 0..5 {
        let browser = new_applicant(&app, &format!("spread{n}@example.com")).await;
        for guess in 0..5 {
            // A different (unknown) number each time, so neither the account's nor a record's limit decides.
            let mut fields = ahmed_with_birthday("1", "1", "1980");
            fields[1] = ("id_number", format!("A6000{n}{guess}000"));
            let answer = link(&browser, &fields).await;
            if answer.ends_with("link_attempts_paused") {
                refused = Some((n, guess));
                break;
            }
            assert_eq!(answer, "/link-record?error=record_not_matched");
        }
        if refused.is_some() {
            break;
        }
    }
    assert_eq!(refused, Some((4, 0)), "twenty failures from one client, then nothing more is evaluated");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn simultaneous_guesses_evaluate_at_most_five() {
    let app = spawn_app().await;
    let attacker = new_applicant(&app, "racer@example.com").await;
    let guesses = (1..=28).map(|day| {
        let attacker = &attacker;
        async move { link(attacker, &ahmed_with_birthday("10", &day.to_string(), "1979")).await }
    });
    let answers = futures::future::join_all(guesses).await;
    let evaluated = answers.iter().filter(|a| a.ends_with("record_not_matched")).count();
    let refused = answers.iter().filter(|a| a.ends_with("link_attempts_paused")).count();
    assert_eq!((evaluated, refused), (5, 23), "{answers:?}");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn details_alone_leave_the_account_pending_until_the_mailed_code_is_entered() {
    let app = spawn_app().await;
    let browser = new_applicant(&app, "ahmed@example.com").await;
    assert_eq!(link(&browser, &ahmed_with_birthday("11", "2", "1979")).await, "/link-record/access-code");

    // Pending: nothing of the record is visible.
    let dashboard = body(browser.get("/dashboard").await).await;
    assert!(dashboard.contains("not linked to an immigration record"), "{dashboard}");
    assert_eq!(browser.get("/cases/LIN2190123404").await.status(), 404);
    let page = body(browser.get("/link-record").await).await;
    assert!(page.contains("Waiting for your online access code"), "{page}");
    assert!(app.mail_to("ahmed@example.com", "Your account is linked to your immigration record").is_empty());

    // A notice with a new code went to the record's address (on paper), not to the account.
    let code = app.mailed_access_code("A123456789");
    assert_ne!(code, RECORD_TO_LINK.access_code);
    assert!(!app.outbox_messages().iter().any(|m| m.contains(&code)), "the code never goes by email");

    assert_eq!(
        location(&browser.submit("enter_access_code", &[("access_code", "ABCD-EFGH-JKMN")]).await),
        "/link-record/access-code?error=access_code_invalid"
    );
    assert_eq!(
        location(&browser.submit("enter_access_code", &[("access_code", &code.to_lowercase())]).await),
        "/dashboard"
    );
    assert!(body(browser.get("/dashboard").await).await.contains("Welcome, Ahmed Hassan Ali."));
    assert_eq!(app.mail_to("ahmed@example.com", "Your account is linked to your immigration record").len(), 1);

    // A code works once.
    let other = new_applicant(&app, "other@example.com").await;
    assert_eq!(
        location(&other.submit("enter_access_code", &[("access_code", &code)]).await),
        "/link-record/access-code?error=no_link_pending"
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_wrong_code_with_the_right_details_does_not_confirm_the_details() {
    let app = spawn_app().await;
    let browser = new_applicant(&app, "guesser@example.com").await;
    let mut fields = ahmed_with_birthday("11", "2", "1979");
    fields.push(("access_code", "ABCD-EFGH-JKMN".into()));
    assert_eq!(link(&browser, &fields).await, "/link-record?error=record_not_matched");
    assert!(app.paper_letters().is_empty(), "no notice for a failed attempt");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_owner_can_dispute_a_record_someone_else_linked() {
    let app = spawn_app().await;
    let thief = new_applicant(&app, "thief@example.com").await;
    assert_eq!(location(&thief.link_ahmed().await), "/dashboard");

    let owner = new_applicant(&app, "ahmed@example.com").await;
    assert_eq!(link(&owner, &ahmed_with_birthday("11", "2", "1979")).await, "/link-record?error=record_already_linked");
    let page = body(owner.get("/link-record?error=record_already_linked").await).await;
    assert!(page.contains("href=\"/link-record/dispute\""), "{page}");
    assert_eq!(
        location(&owner.submit("dispute_record", &[("details", "short")]).await),
        "/link-record/dispute?error=dispute_details_invalid"
    );
    assert_eq!(
        location(
            &owner
                .submit("dispute_record", &[("details", "This is my A-Number and I never made another account.")])
                .await
        ),
        "/link-record/dispute?sent=1"
    );
    let disputes = app::server::identity::record_link::open_disputes(&app.state).await.unwrap();
    assert_eq!(disputes.len(), 1);
    assert!(disputes[0].details.contains("never made another account"));
    assert_eq!(app.mail_to("ahmed@example.com", "We received your report about your immigration record").len(), 1);
    assert_eq!(security_events_of_kind(&app, "record_disputed").await, 1);

    // With a made-up code, the right details of a held record get the same answer as wrong ones:
    // a code skips the record's freeze, so it must not become a way to confirm details.
    let prober = new_applicant(&app, "prober@example.com").await;
    for (day, code) in [("2", "ABCD-EFGH-JKMN"), ("3", "ABCD-EFGH-JKMN")] {
        let mut fields = ahmed_with_birthday("11", day, "1979");
        fields.push(("access_code", code.into()));
        assert_eq!(link(&prober, &fields).await, "/link-record?error=record_not_matched", "born on the {day}th?");
    }

    // Someone whose details never matched a held record has nothing to dispute.
    let stranger = new_applicant(&app, "stranger@example.com").await;
    assert_eq!(
        location(&stranger.submit("dispute_record", &[("details", "I want to dispute a record I do not own.")]).await),
        "/link-record/dispute?error=no_link_pending"
    );
    assert_eq!(record_dispute::Entity::find().count(&app.state.db).await.unwrap(), 1);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn match_keys_stored_before_diacritics_were_folded_are_refreshed_once() {
    use app::server::entities::immigration_record;
    use sea_orm::{ActiveModelTrait, EntityTrait, Set};
    let app = spawn_app().await;
    let db = &app.state.db;
    // As the old rule stored it: Latin-1 accents folded, Vietnamese ones kept.
    let old = immigration_record::ActiveModel {
        a_number: Set(Some("A099000001".into())),
        uscis_number: Set(None),
        full_name: Set("Trần Thị Bình".into()),
        name_key: Set("trần thị bình".into()),
        date_of_birth: Set(chrono::NaiveDate::from_ymd_opt(1990, 1, 2).unwrap()),
        country_of_birth: Set("Việt Nam".into()),
        country_key: Set("việt nam".into()),
        created_at: Set(app.clock_now()),
        ..Default::default()
    }
    .insert(db)
    .await
    .unwrap();
    assert_eq!(app::server::identity::record_link::refresh_match_keys(db).await.unwrap(), 1);
    let now = immigration_record::Entity::find_by_id(old.id).one(db).await.unwrap().unwrap();
    assert_eq!((now.name_key.as_str(), now.country_key.as_str()), ("tran thi binh", "viet nam"));
    assert_eq!(app::server::identity::record_link::refresh_match_keys(db).await.unwrap(), 0, "once");
}
