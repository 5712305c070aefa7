//! Staff accounts and who may do what: set-up from the command line's link, the staff door
//! (password and authenticator together), disabling, and the authorization matrix over HTTP —
//! every registered server function called as every kind of person.

use crate::common::{body, location, spawn_app, Browser, TestApp};
use app::domain::Role;
use app::server::seed::staff_and_queue::{DEMO_STAFF, DEMO_STAFF_PASSWORD};
use app::server::seed::{DEMO_EMAIL, DEMO_PASSWORD};
use app::server::web::authorization::{self, Action, Actor, ENDPOINTS};
use app::server::web::session_layer::REFUSED_BY_HEADER;

pub fn staff_email(role: Role) -> &'static str {
    DEMO_STAFF.iter().find(|s| s.role == role).expect("a demo staff member").email
}

/// Signs a demo staff member in at the staff door; returns their browser.
pub async fn staff_browser(app: &TestApp, role: Role) -> Browser {
    let browser = app.browser();
    let email = staff_email(role);
    let code = app.fresh_totp_code(email).await;
    let answer =
        browser.submit("staff_sign_in", &[("email", email), ("password", DEMO_STAFF_PASSWORD), ("code", &code)]).await;
    assert_eq!(location(&answer), "/staff", "{email} signs in");
    browser
}

#[tokio::test]
async fn every_server_function_has_a_row_in_the_authorization_table() {
    let _app = spawn_app().await;
    let mut registered: Vec<String> = leptos::server_fn::axum::server_fn_paths()
        .map(|(path, _)| path.trim_start_matches("/api/").to_owned())
        .collect();
    registered.sort();
    registered.dedup();
    let mut listed: Vec<String> = ENDPOINTS.iter().map(|(name, _)| (*name).to_owned()).collect();
    listed.sort();
    assert_eq!(registered, listed, "a server function without a row (or a row without a function)");
}

/// Each kind of person, with a browser signed in as them.
pub async fn actors(app: &TestApp) -> Vec<(Actor, Browser)> {
    let pending = app.browser();
    assert_eq!(location(&pending.sign_in_password(DEMO_EMAIL, DEMO_PASSWORD).await), "/sign-in/verify");
    let applicant = app.browser();
    app.sign_in(&applicant, DEMO_EMAIL, DEMO_PASSWORD).await;
    vec![
        (Actor::Visitor, app.browser()),
        (Actor::SigningIn, pending),
        (Actor::SignedIn(Role::Applicant), applicant),
        (Actor::SignedIn(Role::Officer), staff_browser(app, Role::Officer).await),
        (Actor::SignedIn(Role::ContactCenter), staff_browser(app, Role::ContactCenter).await),
        (Actor::SignedIn(Role::Administrator), staff_browser(app, Role::Administrator).await),
    ]
}

#[tokio::test]
async fn every_kind_of_person_reaches_exactly_the_functions_the_matrix_allows() {
    let app = spawn_app().await;
    // Signing out ends the session the rest of the calls need, so it is called last.
    let mut endpoints: Vec<(&str, Action)> = ENDPOINTS.to_vec();
    endpoints.sort_by_key(|(name, _)| *name == "sign_out");
    for (actor, browser) in actors(&app).await {
        for (endpoint, action) in &endpoints {
            // Empty arguments: a permitted call is refused by the function itself (400, 422 …)
            // or runs; a forbidden one never reaches it.
            let answer = browser.submit(endpoint, &[]).await;
            let refused_here = answer.headers().get(REFUSED_BY_HEADER).is_some();
            let permitted = authorization::permits(actor, *action);
            assert_eq!(!refused_here, permitted, "{actor:?} calling {endpoint} ({action:?}): {}", answer.status());
            if !permitted {
                let expected = if matches!(actor, Actor::SignedIn(_)) { 403 } else { 401 };
                assert_eq!(answer.status().as_u16(), expected, "{actor:?} calling {endpoint}");
            }
        }
    }
    // A path that is no server function is refused for everyone, signed in or not.
    let answer = app.browser().submit("no_such_function", &[]).await;
    assert_eq!(answer.status().as_u16(), 404);
}

#[tokio::test]
async fn staff_pages_open_for_staff_and_applicant_pages_for_applicants() {
    let app = spawn_app().await;
    for (actor, browser) in actors(&app).await {
        let staff_page = browser.get("/staff").await;
        let dashboard = browser.get("/dashboard").await;
        match actor {
            Actor::SignedIn(role) if role.is_staff() => {
                assert_eq!(staff_page.status(), 200, "{actor:?}");
                assert_eq!(location(&dashboard), "/sign-in?required=1", "{actor:?}");
            }
            Actor::SignedIn(_) => {
                assert_eq!(location(&staff_page), "/staff/sign-in?required=1");
                assert_eq!(dashboard.status(), 200);
            }
            _ => {
                assert_eq!(location(&staff_page), "/staff/sign-in?required=1", "{actor:?}");
                assert_eq!(location(&dashboard), "/sign-in?required=1", "{actor:?}");
            }
        }
    }
    // The staff door's own pages are open.
    assert_eq!(app.browser().get("/staff/sign-in").await.status(), 200);
}

#[tokio::test]
async fn a_set_up_link_sets_password_and_authenticator_once_and_staff_use_their_own_door() {
    let app = spawn_app().await;
    let link = app::server::staff::accounts::add(
        &app.state,
        "new.officer@portico.test",
        "Nia Officer",
        "officer",
        Some("MIA"),
    )
    .await
    .expect("added");
    let path = link.strip_prefix(&app.state.config.public_url).expect("a link to this site").to_owned();
    let token = path.split("token=").nth(1).unwrap().to_owned();
    // Not yet set up: the random password nobody knows, and no authenticator.
    let page = body(app.browser().get(&path).await).await;
    assert!(page.contains("Nia Officer"), "the set-up page names who it is for");
    let secret = {
        use app::server::entities::account;
        use sea_orm::{ColumnTrait, EntityTrait, QueryFilter};
        let owner = account::Entity::find()
            .filter(account::Column::Email.eq("new.officer@portico.test"))
            .one(&app.state.db)
            .await
            .unwrap()
            .unwrap();
        app.state.config.secret_key.open(&owner.totp_pending_secret.expect("a secret waits")).unwrap()
    };
    let browser = app.browser();
    let wrong = browser
        .submit(
            "staff_complete_setup",
            &[("token", &token), ("password", "granite orchard velvet 42"), ("code", "000000")],
        )
        .await;
    assert!(location(&wrong).contains("error=code_invalid"), "{}", location(&wrong));
    let code = app.totp_code_now(&secret);
    let done = browser
        .submit(
            "staff_complete_setup",
            &[("token", &token), ("password", "granite orchard velvet 42"), ("code", &code)],
        )
        .await;
    assert_eq!(location(&done), "/staff/sign-in?set_up=1");
    // The link works once.
    let again = browser
        .submit(
            "staff_complete_setup",
            &[("token", &token), ("password", "granite orchard velvet 43"), ("code", &code)],
        )
        .await;
    assert!(location(&again).contains("error=staff_setup_link_invalid"), "{}", location(&again));

    // The applicant door does not let staff in, even with the right password.
    let applicant_door = browser.sign_in_password("new.officer@portico.test", "granite orchard velvet 42").await;
    assert!(location(&applicant_door).contains("error=invalid_credentials"));
    // The staff door needs the code as well; a code already used is refused.
    let reused = browser
        .submit(
            "staff_sign_in",
            &[("email", "new.officer@portico.test"), ("password", "granite orchard velvet 42"), ("code", &code)],
        )
        .await;
    assert!(location(&reused).contains("error=staff_sign_in_failed"), "{}", location(&reused));
    let fresh = app.fresh_totp_code("new.officer@portico.test").await;
    let signed_in = browser
        .submit(
            "staff_sign_in",
            &[("email", "new.officer@portico.test"), ("password", "granite orchard velvet 42"), ("code", &fresh)],
        )
        .await;
    assert_eq!(location(&signed_in), "/staff");
    assert_eq!(browser.get("/staff").await.status(), 200);
    // An applicant's right password at the staff door reads like a wrong one.
    let code = app.fresh_totp_code(DEMO_EMAIL).await;
    let applicant = app
        .browser()
        .submit("staff_sign_in", &[("email", DEMO_EMAIL), ("password", DEMO_PASSWORD), ("code", &code)])
        .await;
    assert!(location(&applicant).contains("error=staff_sign_in_failed"));
    // Staff passwords are not reset by mail.
    app.browser().submit("request_password_reset", &[("email", "new.officer@portico.test")]).await;
    tokio::time::sleep(std::time::Duration::from_millis(300)).await;
    assert!(app.mail_to("new.officer@portico.test", "Reset your Portico password").is_empty());
}

#[tokio::test]
async fn wrong_staff_codes_count_toward_the_sign_in_pause() {
    let app = spawn_app().await;
    let email = staff_email(Role::Officer);
    let browser = app.browser();
    for _ in 0..5 {
        browser
            .submit("staff_sign_in", &[("email", email), ("password", DEMO_STAFF_PASSWORD), ("code", "000000")])
            .await;
    }
    let code = app.fresh_totp_code(email).await;
    let paused =
        browser.submit("staff_sign_in", &[("email", email), ("password", DEMO_STAFF_PASSWORD), ("code", &code)]).await;
    assert!(location(&paused).contains("error=sign_in_paused"), "{}", location(&paused));
}

#[tokio::test]
async fn a_disabled_staff_account_is_signed_out_at_once_and_cannot_sign_in() {
    let app = spawn_app().await;
    let officer = staff_browser(&app, Role::Officer).await;
    let admin = staff_browser(&app, Role::Administrator).await;
    let officer_id = app.account_id(staff_email(Role::Officer)).await;
    let id = officer_id.to_string();
    let no_reason =
        admin.submit("staff_set_disabled", &[("account_id", &id), ("disabled", "true"), ("reason", "")]).await;
    assert!(location(&no_reason).contains("error=reason_required"));
    let disabled = admin
        .submit(
            "staff_set_disabled",
            &[("account_id", &id), ("disabled", "true"), ("reason", "Left the agency on Friday.")],
        )
        .await;
    assert_eq!(location(&disabled), "/staff/accounts?disabled=1");
    assert_eq!(location(&officer.get("/staff").await), "/staff/sign-in?required=1");
    let code = app.fresh_totp_code(staff_email(Role::Officer)).await;
    let again = app
        .browser()
        .submit(
            "staff_sign_in",
            &[("email", staff_email(Role::Officer)), ("password", DEMO_STAFF_PASSWORD), ("code", &code)],
        )
        .await;
    assert!(location(&again).contains("error=staff_sign_in_failed"));
    // The administrator's action is in the audit log, with the reason.
    let log = body(admin.get("/staff/audit").await).await;
    assert!(log.contains("disable staff") && log.contains("Left the agency on Friday."), "the audit log shows it");
    // An administrator cannot disable themself.
    let admin_id = app.account_id(staff_email(Role::Administrator)).await.to_string();
    let own = admin
        .submit("staff_set_disabled", &[("account_id", &admin_id), ("disabled", "true"), ("reason", "Testing myself.")])
        .await;
    assert_eq!(own.status(), 403);
}

#[tokio::test]
async fn every_page_opens_for_exactly_the_people_its_area_allows() {
    let app = spawn_app().await;
    let sample = |pattern: &str| {
        pattern.replace(":receipt", "IOE0912345601").replace(":notice", "1").replace(":verification", "1")
    };
    for (actor, browser) in actors(&app).await {
        for route in app::routes::ROUTES {
            // The live stream is no page (it answers 401 itself, tested in live_status.rs).
            if route.pattern == app::routes::LIVE {
                continue;
            }
            let path = sample(route.pattern);
            let answer = browser.get(&path).await;
            let sent_to_sign_in = matches!(
                answer.headers().get("location").and_then(|l| l.to_str().ok()),
                Some(app::routes::SIGN_IN_REQUIRED | app::routes::STAFF_SIGN_IN_REQUIRED)
            );
            assert_eq!(
                !sent_to_sign_in,
                authorization::may_open(actor, route.area),
                "{actor:?} opening {path}: {}",
                answer.status()
            );
        }
    }
}

/// The officer's case page, opened many times at once, answers every time: its title was a
/// closure over a memo that the server read after the page's owner was gone, which panicked
/// under load and dropped the connection (found by `make bench-scale`).
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_officers_case_page_answers_every_one_of_many_at_once() {
    let app = spawn_app().await;
    let officer = staff_browser(&app, Role::Officer).await;
    let rounds: Vec<_> = (0..4)
        .map(|_| {
            let officer = Browser { client: officer.client.clone(), base: officer.base.clone() };
            tokio::spawn(async move {
                for _ in 0..40 {
                    let page = officer.get("/staff/cases/EAC2290123403").await;
                    assert_eq!(page.status(), 200);
                    assert!(body(page).await.contains("<title>Case EAC2290123403"), "titled by its receipt number");
                }
            })
        })
        .collect();
    for round in rounds {
        round.await.expect("every request answered");
    }
}
