//! The contact center: checking a caller (limited like any guessing), then lifting a pause, a
//! second-factor reset the owner confirms by mail, and settling a disputed record — each with a
//! reason, audited with the agent's name, mailed and shown on the owner's security events.

use crate::common::*;
use crate::staff::staff_browser;
use app::domain::Role;
use app::server::entities::audit_entry;
use app::server::seed::{DEMO_EMAIL, DEMO_PASSWORD};
use chrono::Duration;
use sea_orm::{ColumnTrait, EntityTrait, PaginatorTrait, QueryFilter};

/// María's details as a caller gives them (accents and case as people type them).
fn maria(day: &str) -> Vec<(&'static str, String)> {
    vec![
        ("identifier", "A087654321".into()),
        ("full_name", "maria elena garcia lopez".into()),
        ("dob_month", "4".into()),
        ("dob_day", day.into()),
        ("dob_year", "1986".into()),
    ]
}

async fn verify(agent: &Browser, fields: &[(&'static str, String)]) -> String {
    let fields: Vec<(&str, &str)> = fields.iter().map(|(k, v)| (*k, v.as_str())).collect();
    location(&agent.submit("staff_verify_caller", &fields).await)
}

async fn audited(app: &TestApp, action: &str) -> u64 {
    audit_entry::Entity::find().filter(audit_entry::Column::Action.eq(action)).count(&app.state.db).await.unwrap()
}

/// The verification id in a caller page's path.
fn verification_of(path: &str) -> String {
    path.trim_start_matches("/staff/contact-center/callers/").to_owned()
}

async fn demo_account_id(app: &TestApp) -> String {
    app.account_id(DEMO_EMAIL).await.to_string()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_agent_checks_a_caller_and_lifts_their_sign_in_pause() {
    let app = spawn_app().await;
    let applicant = app.browser();
    for _ in 0..5 {
        applicant.sign_in_password(DEMO_EMAIL, "wrong password entirely").await;
    }
    assert!(location(&applicant.sign_in_password(DEMO_EMAIL, DEMO_PASSWORD).await).contains("error=sign_in_paused"));

    let agent = staff_browser(&app, Role::ContactCenter).await;
    assert_eq!(verify(&agent, &maria("29")).await, "/staff/contact-center?error=caller_not_verified");
    assert_eq!(audited(&app, "verify_caller_failed").await, 1);
    let caller = verify(&agent, &maria("28")).await;
    assert!(caller.starts_with("/staff/contact-center/callers/"), "{caller}");
    let page = body(agent.get(&caller).await).await;
    assert!(page.contains(DEMO_EMAIL) && page.contains("Sign-in paused until"), "the agent sees the pause");

    let verification = verification_of(&caller);
    let account = demo_account_id(&app).await;
    let no_reason = agent
        .submit(
            "staff_help_caller",
            &[("verification", &verification), ("action", "lift_pause"), ("account_id", &account), ("reason", "")],
        )
        .await;
    assert!(location(&no_reason).contains("error=reason_required"));
    let lifted = agent
        .submit(
            "staff_help_caller",
            &[
                ("verification", &verification),
                ("action", "lift_pause"),
                ("account_id", &account),
                ("reason", "Caller locked out after mistyping; identity checked by details."),
            ],
        )
        .await;
    assert_eq!(location(&lifted), format!("{caller}?done=lift_pause"));
    assert_eq!(app.sign_in(&applicant, DEMO_EMAIL, DEMO_PASSWORD).await, "/dashboard");
    assert_eq!(app.mail_to(DEMO_EMAIL, "You can sign in to Portico again").len(), 1);
    let events = body(applicant.get("/security-events").await).await;
    assert!(events.contains("The contact center lifted the pause on signing in (by Carlos Mendes)"), "{events}");
    let entry = audit_entry::Entity::find()
        .filter(audit_entry::Column::Action.eq("lift_pause"))
        .one(&app.state.db)
        .await
        .unwrap()
        .unwrap();
    assert_eq!(entry.reason.as_deref(), Some("Caller locked out after mistyping; identity checked by details."));

    // The check is the agent's own, and lasts 30 minutes.
    let other_agent = staff_browser(&app, Role::ContactCenter).await;
    assert_eq!(other_agent.get(&caller).await.status(), 200, "same agent, another session");
    app.advance(Duration::minutes(31));
    let agent = staff_browser(&app, Role::ContactCenter).await;
    assert!(body(agent.get(&caller).await).await.contains("This check has ended"));
    // Officers do not help callers.
    let officer = staff_browser(&app, Role::Officer).await;
    assert_eq!(officer.submit("staff_verify_caller", &[]).await.status(), 403);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn failed_caller_checks_are_limited_per_record_and_per_agent() {
    let app = spawn_app().await;
    let agent = staff_browser(&app, Role::ContactCenter).await;
    let status = |fields: Vec<(&'static str, String)>| {
        let agent = &agent;
        async move {
            let fields: Vec<(&str, &str)> = fields.iter().map(|(k, v)| (*k, v.as_str())).collect();
            agent.submit("staff_verify_caller", &fields).await.status().as_u16()
        }
    };
    // Five wrong dates of birth for one record: the sixth try, even the right one, is not checked.
    for day in 1..=5 {
        assert!(verify(&agent, &maria(&day.to_string())).await.contains("error=caller_not_verified"), "day {day}");
    }
    assert_eq!(status(maria("28")).await, 429);
    // Ten failures in an hour by one agent, over several records: the agent is stopped too.
    for day in 1..=4 {
        let mut fields = maria(&day.to_string());
        fields[0].1 = "A123456789".into();
        assert_eq!(status(fields).await, 302, "day {day}: refused back to the form");
    }
    let jose = vec![
        ("identifier", "A050000101".into()),
        ("full_name", "Jose Manuel Perez".into()),
        ("dob_month", "3".into()),
        ("dob_day", "8".into()),
        ("dob_year", "1975".into()),
    ];
    assert_eq!(status(jose.clone()).await, 302, "the tenth failure");
    let mut right = jose;
    right[3].1 = "9".into();
    assert_eq!(status(right).await, 429, "the agent's eleventh check is not made");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_second_factor_reset_is_confirmed_by_mail_and_skips_the_wait_only_after_an_identity_check() {
    let app = spawn_app().await;
    let agent = staff_browser(&app, Role::ContactCenter).await;
    let verification = verification_of(&verify(&agent, &maria("28")).await);
    let account = demo_account_id(&app).await;
    let reset = |checked: bool| {
        let (verification, account) = (verification.clone(), account.clone());
        let agent = &agent;
        async move {
            let mut fields = vec![
                ("verification", verification.as_str()),
                ("action", "reset_factor"),
                ("account_id", account.as_str()),
                ("reason", "Caller lost their phone with the authenticator app."),
            ];
            if checked {
                fields.push(("identity_checked", "yes"));
            }
            location(&agent.submit("staff_help_caller", &fields).await)
        }
    };
    // Without an identity check: the link starts the usual 24-hour wait.
    assert!(reset(false).await.ends_with("?done=reset_factor"));
    let mail = app.wait_for_mail(DEMO_EMAIL, "Reset your second factor", 1).await;
    let token = recovery_token(&mail[0]);
    let applicant = app.browser();
    applicant.submit("start_factor_recovery", &[("token", &token)]).await;
    applicant.sign_in_password(DEMO_EMAIL, DEMO_PASSWORD).await;
    assert!(location(&applicant.submit("complete_factor_recovery", &[]).await).contains("error=recovery_not_ready"));
    // The owner still has the app after all: signing in with it cancels that recovery.
    let owner = app.browser();
    assert_eq!(app.sign_in(&owner, DEMO_EMAIL, DEMO_PASSWORD).await, "/dashboard");

    // With the identity checked: no wait once the owner follows the link.
    assert!(reset(true).await.ends_with("?done=reset_factor"));
    let mail = app.wait_for_mail(DEMO_EMAIL, "Reset your second factor", 2).await;
    assert!(mail[1].contains("after checking your identity"));
    let token = recovery_token(&mail[1]);
    let applicant = app.browser();
    applicant.submit("start_factor_recovery", &[("token", &token)]).await;
    applicant.sign_in_password(DEMO_EMAIL, DEMO_PASSWORD).await;
    assert_eq!(
        location(&applicant.submit("complete_factor_recovery", &[]).await),
        "/account/sign-in-settings?recovered=1"
    );
    let events = body(applicant.get("/security-events").await).await;
    assert!(events.contains("sent you a link to reset your second factor (by Carlos Mendes)"), "{events}");
    assert_eq!(audited(&app, "reset_second_factor").await, 2);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_agent_settles_a_disputed_record_by_unlinking_it_and_both_people_are_mailed() {
    let app = spawn_app().await;
    // Someone else linked Ahmed's record; Ahmed reports it.
    let thief = app.new_account("thief@example.com").await;
    assert_eq!(location(&thief.link_ahmed().await), "/dashboard");
    let ahmed = app.new_account("ahmed@example.com").await;
    assert!(location(&ahmed.link_ahmed_with(None).await).contains("record_already_linked"));
    ahmed.submit("dispute_record", &[("details", "This is my A-Number and I never made another account.")]).await;

    let agent = staff_browser(&app, Role::ContactCenter).await;
    let caller = verify(
        &agent,
        &[
            ("identifier", "A123456789".into()),
            ("full_name", "Ahmed Hassan Ali".into()),
            ("dob_month", "11".into()),
            ("dob_day", "2".into()),
            ("dob_year", "1979".into()),
        ],
    )
    .await;
    let page = body(agent.get(&caller).await).await;
    assert!(
        page.contains("thief@example.com")
            && page.contains("ahmed@example.com")
            && page.contains("never made another account")
    );
    let dispute = app::server::identity::record_link::open_disputes(&app.state).await.unwrap()[0].id.to_string();
    let settled = agent
        .submit(
            "staff_help_caller",
            &[
                ("verification", &verification_of(&caller)),
                ("action", "unlink"),
                ("dispute_id", &dispute),
                ("reason", "Caller holds the original documents; the other account cannot be reached."),
            ],
        )
        .await;
    assert_eq!(location(&settled), format!("{caller}?done=unlink"));
    assert!(!body(thief.get("/dashboard").await).await.contains("A123456789"));
    assert_eq!(app.mail_to("thief@example.com", "An immigration record was unlinked from your account").len(), 1);
    assert_eq!(app.mail_to("ahmed@example.com", "Your report about your immigration record was settled").len(), 1);
    assert!(app::server::identity::record_link::open_disputes(&app.state).await.unwrap().is_empty());
    // Ahmed now links his record: his details, then the access code of the new notice mailed to
    // the record's address (the demo notice's code was used up by the other account).
    assert!(location(&ahmed.link_ahmed_with(None).await).starts_with("/link-record/access-code"));
    let code = app.mailed_access_code("A123456789");
    assert_eq!(location(&ahmed.submit("enter_access_code", &[("access_code", &code)]).await), "/dashboard");
    assert_eq!(audited(&app, "settle_dispute").await, 1);
}
