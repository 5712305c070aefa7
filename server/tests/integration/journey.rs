//! The applicant journey over HTTP, as a browser without JavaScript makes it: create an account,
//! sign in, link a record, read the dashboard and a case, sign out. Runs on SQLite, and on
//! PostgreSQL when TEST_DATABASE_URL is set.

use crate::common::*;
use app::server::seed::{DEMO_EMAIL, DEMO_PASSWORD};

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn health_and_readiness_answer() {
    let app = spawn_app().await;
    let browser = app.browser();
    assert_eq!(body(browser.get("/healthz").await).await, "ok");
    let ready = browser.get("/readyz").await;
    assert_eq!(ready.status(), 200, "{}", app.backend);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn health_checks_neither_read_nor_keep_alive_a_session() {
    use app::server::entities::session;
    use sea_orm::EntityTrait;
    let app = spawn_app().await;
    let browser = app.new_account("prober@example.com").await;
    // The account's newest sign of life on any of its sessions.
    let seen = |sessions: Vec<session::Model>, id| {
        sessions.into_iter().filter(|s| s.account_id == id).map(|s| s.last_seen_at).max()
    };
    let id = app.account_id("prober@example.com").await;
    let before = seen(session::Entity::find().all(&app.state.db).await.unwrap(), id).expect("a session");
    app.advance(chrono::Duration::minutes(5));
    assert_eq!(body(browser.get("/healthz").await).await, "ok");
    assert_eq!(browser.get("/readyz").await.status(), 200);
    let after_probes = seen(session::Entity::find().all(&app.state.db).await.unwrap(), id).unwrap();
    assert_eq!(after_probes, before, "a health check with the cookie does not touch the session");
    assert_eq!(browser.get("/dashboard").await.status(), 200);
    let after_page = seen(session::Entity::find().all(&app.state.db).await.unwrap(), id).unwrap();
    assert!(after_page > before, "a page does (so the test can tell)");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_new_applicant_signs_up_links_their_record_and_follows_their_cases() {
    let app = spawn_app().await;
    let browser = app.browser();

    app.sign_up_confirmed(&browser, "New.Person@Example.com", NEW_PASSWORD).await;

    let signed_in = app.sign_in(&browser, "new.person@example.com", NEW_PASSWORD).await;
    assert_eq!(signed_in, "/link-record", "an unlinked account is sent to link its record");

    let unlinked = body(browser.get("/dashboard").await).await;
    assert!(unlinked.contains("not linked to an immigration record"), "{unlinked}");

    let linked = browser.link_ahmed().await;
    assert_eq!(location(&linked), "/dashboard");

    let dashboard = browser.get("/dashboard").await;
    assert_eq!(dashboard.status(), 200);
    let dashboard = body(dashboard).await;
    assert!(dashboard.contains("Welcome, Ahmed Hassan Ali. You have 2 cases."), "{dashboard}");
    assert!(dashboard.contains("LIN2190123404") && dashboard.contains("WAC2290123405"));
    assert!(dashboard.contains("Interview Was Scheduled"));
    assert!(
        dashboard.contains(r#"<span class="usa-step-indicator__current-step">5</span>"#)
            && dashboard.contains(r#"<span class="usa-step-indicator__heading-text">Interview</span>"#),
        "the case's stage is shown: {dashboard}"
    );
    assert!(
        dashboard.contains("Interview on December 21, 2026 at 9:00 AM CST at Chicago Field Office."),
        "{dashboard}"
    );
    assert!(!dashboard.contains("IOE0912345601"), "another person's case is never listed");

    let case = body(browser.get("/cases/lin-21-901-23404").await).await;
    let history = [
        "Case Was Received",
        "Case Was Updated To Show Fingerprints Were Taken",
        "Ready to Be Scheduled for An Interview",
        "Interview Was Scheduled",
    ];
    let positions: Vec<usize> = history
        .iter()
        .map(|title| {
            case.find(&format!("<h3 class=\"usa-collection__heading\">{title}</h3>"))
                .unwrap_or_else(|| panic!("{title} missing"))
        })
        .collect();
    assert!(
        positions.windows(2).all(|w| w[0] > w[1]),
        "history runs newest first, like the notices beside it: {positions:?}"
    );
    let notices = case.find("id=\"case-notices-heading\"").unwrap();
    let dates: Vec<chrono::NaiveDate> = case[notices..]
        .split("<li>")
        .skip(1)
        .filter_map(|item| chrono::NaiveDate::parse_from_str(item.split('<').next()?.trim(), "%B %-d, %Y").ok())
        .collect();
    let shown = &case[notices..(notices + 1500).min(case.len())];
    assert!(dates.len() >= 2 && dates.windows(2).all(|w| w[0] >= w[1]), "notices newest first: {dates:?} {shown}");

    let signed_out = browser.submit("sign_out", &[]).await;
    assert_eq!(location(&signed_out), "/sign-in?signed_out=1");
    assert_eq!(location(&browser.get("/dashboard").await), "/sign-in?required=1");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn another_persons_case_answers_not_found() {
    let app = spawn_app().await;
    let browser = app.browser();
    assert_eq!(app.sign_in(&browser, DEMO_EMAIL, DEMO_PASSWORD).await, "/dashboard");

    let own = browser.get("/cases/IOE0912345601").await;
    assert_eq!(own.status(), 200);
    assert!(body(own).await.contains("Request for Additional Evidence Was Sent"));

    // Ahmed's case exists, but not for María: the answer is the same as for no case at all.
    for receipt in ["LIN2190123404", "EAC9999999999", "not-a-receipt"] {
        let page = browser.get(&format!("/cases/{receipt}")).await;
        assert_eq!(page.status(), 404, "{receipt}");
        let page = body(page).await;
        assert!(page.contains("Case not found") && !page.contains("Interview Was Scheduled"), "{receipt}");
    }
    let api = browser.submit("case_detail", &[("receipt_number", "LIN2190123404")]).await;
    assert_eq!(api.status(), 404);
    assert!(!body(api).await.contains("Ahmed"));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_dashboard_lists_what_needs_attention() {
    let app = spawn_app().await;
    let browser = app.browser();
    app.sign_in(&browser, DEMO_EMAIL, DEMO_PASSWORD).await;
    let page = body(browser.get("/dashboard").await).await;
    assert!(page.contains("Request for Additional Evidence Was Sent: respond by February 6, 2027."), "{page}");
    assert!(
        page.contains(
            "Biometrics appointment on December 6, 2026 at 8:00 AM PST at Los Angeles Application Support Center."
        ),
        "{page}"
    );
    assert!(page.contains("Action needed"));
    assert!(page.contains("I-797E Request for Evidence"));
    // The demo's answered inquiry (seed), until it is read.
    assert!(page.contains("USCIS answered your inquiry (new answers: 1)."), "{page}");
    use sea_orm::{EntityTrait, QueryOrder};
    let seeded = app::server::entities::inquiry::Entity::find()
        .order_by_asc(app::server::entities::inquiry::Column::Id)
        .one(&app.state.db)
        .await
        .unwrap()
        .expect("the demo's inquiries");
    body(browser.get(&format!("/cases/IOE0912345601/inquiries/{}", seeded.id)).await).await;
    let page = body(browser.get("/dashboard").await).await;
    assert!(!page.contains("USCIS answered your inquiry"), "read: {page}");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn private_pages_need_a_session_and_sign_out_ends_it_on_the_server() {
    let app = spawn_app().await;
    for path in ["/dashboard", "/cases/IOE0912345601", "/link-record"] {
        assert_eq!(location(&app.browser().get(path).await), "/sign-in?required=1", "{path}");
    }
    let api = app.browser().submit("dashboard", &[]).await;
    assert_eq!(api.status(), 401);

    let browser = app.browser();
    let verify = location(&browser.sign_in_password(DEMO_EMAIL, DEMO_PASSWORD).await);
    app.advance(chrono::Duration::seconds(30));
    let code = app.totp_code_now(&app.totp_secret(DEMO_EMAIL).await);
    assert_eq!(verify, "/sign-in/verify");
    let signed_in = browser.submit("verify_sign_in", &[("method", "authenticator"), ("code", &code)]).await;
    assert_eq!(location(&signed_in), "/dashboard");
    let cookie = signed_in
        .headers()
        .get_all("set-cookie")
        .iter()
        .map(|v| v.to_str().unwrap().to_owned())
        .find(|c| c.starts_with("portico_session="))
        .expect("session cookie");
    assert!(cookie.contains("HttpOnly") && cookie.contains("SameSite=Lax") && cookie.contains("Path=/"), "{cookie}");
    let token = cookie.split(';').next().unwrap().to_owned();

    browser.submit("sign_out", &[]).await;
    let replayed = reqwest::Client::builder()
        .redirect(reqwest::redirect::Policy::none())
        .build()
        .unwrap()
        .get(format!("{}/dashboard", app.base))
        .header("cookie", token)
        .send()
        .await
        .unwrap();
    assert_eq!(location(&replayed), "/sign-in?required=1", "an old cookie replayed after sign-out gets nothing");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_session_ends_after_fifteen_idle_minutes() {
    let app = spawn_app().await;
    let browser = app.browser();
    app.sign_in(&browser, DEMO_EMAIL, DEMO_PASSWORD).await;
    app.advance(chrono::Duration::minutes(14));
    assert_eq!(browser.get("/dashboard").await.status(), 200, "activity within 15 minutes keeps the session");
    app.advance(chrono::Duration::minutes(14));
    assert_eq!(browser.get("/dashboard").await.status(), 200);
    app.advance(chrono::Duration::minutes(15));
    assert_eq!(location(&browser.get("/dashboard").await), "/sign-in?required=1");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_fresh_session_id_is_issued_at_sign_in() {
    let app = spawn_app().await;
    let browser = app.browser();
    let planted = "a".repeat(64);
    let response = browser
        .client
        .post(format!("{}/api/sign_in", app.base))
        .header("accept", "text/html")
        .header("cookie", format!("portico_session={planted}"))
        .form(&[("email", DEMO_EMAIL), ("password", DEMO_PASSWORD)])
        .send()
        .await
        .unwrap();
    let issued = response.headers().get("set-cookie").unwrap().to_str().unwrap().to_owned();
    assert!(issued.starts_with("portico_session=") && !issued.contains(&planted));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn wrong_passwords_and_unknown_emails_get_the_same_answer() {
    let app = spawn_app().await;
    let browser = app.browser();
    let wrong = browser.sign_in_password(DEMO_EMAIL, "not the password at all").await;
    let unknown = browser.sign_in_password("nobody@example.com", "not the password at all").await;
    let malformed = browser.sign_in_password("not an email", "not the password at all").await;
    for response in [&wrong, &unknown, &malformed] {
        assert_eq!(location(response), "/sign-in?error=invalid_credentials");
    }
    let page = body(browser.get("/sign-in?error=invalid_credentials").await).await;
    assert!(page.contains("The email or password you entered is not correct."));
    assert!(page.contains("role=\"alert\""));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn sign_up_refuses_bad_input_with_field_errors() {
    let app = spawn_app().await;
    let browser = app.browser();
    assert_eq!(
        location(&browser.sign_up("maria@", NEW_PASSWORD).await),
        "/sign-up?error=email_invalid&reason=email_shape"
    );
    assert_eq!(location(&browser.sign_up("a@example.com", "too short").await), "/sign-up?error=password_too_short");
    let page = body(browser.get("/sign-up?error=password_too_short").await).await;
    assert!(page.contains("id=\"password-error\"") && page.contains("aria-invalid=\"true\""), "{page}");
    assert!(page.contains("aria-describedby=\"password-hint password-error\""), "{page}");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn linking_needs_every_detail_to_match_and_a_record_links_once() {
    let app = spawn_app().await;
    let browser = app.browser();
    app.sign_up_confirmed(&browser, "first@example.com", NEW_PASSWORD).await;
    app.sign_in(&browser, "first@example.com", NEW_PASSWORD).await;
    let wrong_country = [
        ("id_kind", "a_number"),
        ("id_number", "A123456789"),
        ("full_name", "Ahmed Hassan Ali"),
        ("dob_month", "11"),
        ("dob_day", "2"),
        ("dob_year", "1979"),
        ("country_of_birth", "Jordan"),
    ];
    assert_eq!(location(&browser.submit("link_record", &wrong_country).await), "/link-record?error=record_not_matched");
    let mut bad_date = wrong_country;
    bad_date[3] = ("dob_month", "13");
    assert_eq!(location(&browser.submit("link_record", &bad_date).await), "/link-record?error=date_of_birth_invalid");
    let mut bad_number = wrong_country;
    bad_number[1] = ("id_number", "A12");
    assert_eq!(
        location(&browser.submit("link_record", &bad_number).await),
        "/link-record?error=identifier_invalid&reason=a_number_shape"
    );

    assert_eq!(location(&browser.link_ahmed().await), "/dashboard");
    let mail = app.mail_to("first@example.com", "Your account is linked to your immigration record");
    assert_eq!(mail.len(), 1, "one notification for the link");
    assert!(!mail[0].contains("A123456789"), "no A-Number in mail");

    let second = app.browser();
    app.sign_up_confirmed(&second, "second@example.com", NEW_PASSWORD).await;
    app.sign_in(&second, "second@example.com", NEW_PASSWORD).await;
    // Details alone (the demo code was spent by the first account: a used code earns nothing).
    assert_eq!(location(&second.link_ahmed_with(None).await), "/link-record?error=record_already_linked");
    assert_eq!(location(&second.link_ahmed().await), "/link-record?error=record_not_matched");

    // Li Wei has no A-Number: the USCIS number links the record.
    let li = [
        ("id_kind", "uscis_number"),
        ("id_number", "987-654-321"),
        ("full_name", "Li Wei Chen"),
        ("dob_month", "7"),
        ("dob_day", "15"),
        ("dob_year", "1992"),
        ("country_of_birth", "china"),
        ("access_code", "wech 5h6j 8rtb"),
    ];
    assert_eq!(location(&second.submit("link_record", &li).await), "/dashboard");
    assert!(body(second.get("/dashboard").await).await.contains("SRC2290123406"));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn cross_site_form_posts_are_refused() {
    let app = spawn_app().await;
    let browser = app.browser();
    let forged = browser
        .client
        .post(format!("{}/api/sign_in", app.base))
        .header("origin", "https://evil.example")
        .form(&[("email", DEMO_EMAIL), ("password", DEMO_PASSWORD)])
        .send()
        .await
        .unwrap();
    assert_eq!(forged.status(), 403);
    assert!(forged.headers().get("set-cookie").is_none());
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn seeding_twice_changes_nothing() {
    use app::server::entities::{account, case, immigration_record, inquiry};
    use sea_orm::{EntityTrait, PaginatorTrait};
    let app = spawn_app().await;
    let db = &app.state.db;
    let counts = || async {
        (
            immigration_record::Entity::find().count(db).await.unwrap(),
            case::Entity::find().count(db).await.unwrap(),
            account::Entity::find().count(db).await.unwrap(),
            inquiry::Entity::find().count(db).await.unwrap(),
        )
    };
    let before = counts().await;
    // Four people with their 8 cases (and María's 2 filed on paper) and the demo applicant; 12
    // more people with 36 cases for the officers' queue, 80 more with a decided case each (for the
    // processing-time estimates), and three demo staff; the demo applicant's two inquiries.
    assert_eq!(before, (96, 126, 4, 2));
    let report = app::server::seed::seed_demo(&app.state, start_time()).await.unwrap();
    assert_eq!(report.people_created, 0);
    assert!(!report.demo_account_created);
    assert_eq!(report.staff_created, 0);
    assert_eq!(counts().await, before);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn pages_carry_security_headers() {
    let app = spawn_app().await;
    let page = app.browser().get("/").await;
    assert_eq!(page.headers().get("x-frame-options").unwrap(), "DENY");
    assert_eq!(page.headers().get("x-content-type-options").unwrap(), "nosniff");
    assert!(body(page).await.contains("Follow your immigration cases in one place"));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn production_uses_a_host_prefixed_secure_cookie_and_hsts() {
    let app = spawn_app_with(&[("PORTICO_ENV", "production"), ("PORTICO_SECRET_KEY", &"5e".repeat(32))]).await;
    let browser = app.browser();
    let page = browser.get("/").await;
    assert_eq!(page.headers().get("strict-transport-security").unwrap(), "max-age=63072000; includeSubDomains");
    let signed_in = browser.sign_in_password(DEMO_EMAIL, DEMO_PASSWORD).await;
    let cookie = signed_in.headers().get("set-cookie").unwrap().to_str().unwrap().to_owned();
    assert!(cookie.starts_with("__Host-portico_session="), "{cookie}");
    assert!(cookie.contains("Secure") && cookie.contains("HttpOnly") && cookie.contains("Path=/"), "{cookie}");
    assert!(!cookie.contains("Domain="), "{cookie}");

    let development = spawn_app().await;
    assert!(development.browser().get("/").await.headers().get("strict-transport-security").is_none());
}
