//! Officers change cases: search and queue, a status from the workflow, a Request for Evidence,
//! an appointment, a decision — each in one transaction with its notice, the applicant's
//! notification, the outbox message and the audit entry; two officers at once cannot both win;
//! the outbox delivers each mail once, even after a failing mail server.

use crate::common::{body, location, spawn_app, spawn_app_with, Browser, TestApp};
use crate::staff::staff_browser;
use app::domain::{CaseStatus, Role};
use app::server::entities::{audit_entry, case, case_event, notice, notification, outbox_message};
use app::server::seed::{DEMO_EMAIL, DEMO_PASSWORD};
use chrono::Duration;
use sea_orm::{ColumnTrait, EntityTrait, PaginatorTrait, QueryFilter};

/// María's I-131 (New York, the demo officer's office), its biometrics appointment scheduled.
const MARIA_I131: &str = "EAC2290123403";

/// Moves the case through `statuses`, one change each, as an officer would.
async fn walk(app: &TestApp, officer: &Browser, receipt: &str, statuses: &[CaseStatus]) -> case::Model {
    for status in statuses {
        let row = case_row(app, receipt).await;
        let done = change(officer, "staff_change_status", receipt, row.version, &[("status", status.key())]).await;
        assert!(done.ends_with("?done=1"), "{:?} → {status:?}: {done}", row.status);
    }
    case_row(app, receipt).await
}

async fn case_row(app: &TestApp, receipt: &str) -> case::Model {
    case::Entity::find().filter(case::Column::ReceiptNumber.eq(receipt)).one(&app.state.db).await.unwrap().unwrap()
}

async fn change(browser: &Browser, endpoint: &str, receipt: &str, version: i32, fields: &[(&str, &str)]) -> String {
    let version = version.to_string();
    let mut all = vec![("receipt", receipt), ("version", version.as_str())];
    all.extend_from_slice(fields);
    location(&browser.submit(endpoint, &all).await)
}

#[tokio::test]
async fn officers_find_cases_by_receipt_a_number_or_name_and_work_their_offices_queue() {
    let app = spawn_app().await;
    let officer = staff_browser(&app, Role::Officer).await;
    let by_receipt = body(officer.get(&format!("/staff?q={MARIA_I131}")).await).await;
    assert!(by_receipt.contains(MARIA_I131) && by_receipt.contains("1 case;"), "found by receipt number");
    let by_a_number = body(officer.get("/staff?q=A087654321").await).await;
    assert!(by_a_number.contains(MARIA_I131), "found by A-Number");
    // Accents and case do not matter, nor the order of the words.
    let by_name = body(officer.get("/staff?q=GARCIA+maria").await).await;
    assert!(by_name.contains(MARIA_I131), "found by name");
    // A word typed finds the words it begins (through the name words' index).
    let by_beginnings = body(officer.get("/staff?q=garc+MAR").await).await;
    assert!(by_beginnings.contains(MARIA_I131), "found by the beginnings of her names");
    let inside = body(officer.get("/staff?q=arcia").await).await;
    assert!(!inside.contains(MARIA_I131), "a word's middle is not its beginning");
    let nothing = body(officer.get("/staff?q=Nobody+Here+Atall").await).await;
    assert!(nothing.contains("0 cases"));
    let by_status = body(officer.get("/staff?status=request_for_evidence_was_sent").await).await;
    assert!(by_status.contains("Request for Additional Evidence Was Sent"));
    // The officer's queue (New York) pages, and holds only open cases of that office.
    let queue = body(officer.get("/staff").await).await;
    assert!(queue.contains("New York City Field Office"), "the officer's own office");
    let miami = body(officer.get("/staff?office=MIA").await).await;
    assert!(miami.contains("Miami Field Office"));
    // Every search is audited.
    let searches = audit_entry::Entity::find()
        .filter(audit_entry::Column::Action.eq("search_cases"))
        .count(&app.state.db)
        .await
        .unwrap();
    assert!(searches >= 5, "{searches}");
}

#[tokio::test]
async fn a_status_change_writes_history_notice_notification_outbox_and_audit_together() {
    let app = spawn_app_with(&[("PORTICO_OUTBOX_WORKER", "off")]).await;
    let officer = staff_browser(&app, Role::Officer).await;
    let before = case_row(&app, MARIA_I131).await;
    // A status the workflow does not allow is refused, and nothing changes.
    let refused =
        change(&officer, "staff_change_status", MARIA_I131, before.version, &[("status", "card_was_delivered")]).await;
    assert!(refused.contains("error=status_not_allowed"), "{refused}");
    assert_eq!(case_row(&app, MARIA_I131).await, before);

    let next = app::domain::case_workflow::next_statuses(before.status)[0];
    let done = change(&officer, "staff_change_status", MARIA_I131, before.version, &[("status", next.key())]).await;
    assert_eq!(done, format!("/staff/cases/{MARIA_I131}?done=1"));
    let after = case_row(&app, MARIA_I131).await;
    assert_eq!((after.status, after.version), (next, before.version + 1));
    let last_event = case_event::Entity::find()
        .filter(case_event::Column::CaseId.eq(after.id))
        .all(&app.state.db)
        .await
        .unwrap()
        .pop()
        .unwrap();
    assert_eq!(last_event.status, next);
    let issued = notice::Entity::find().filter(notice::Column::CaseId.eq(after.id)).all(&app.state.db).await.unwrap();
    let newest = issued.iter().max_by_key(|n| n.id).unwrap();
    assert_eq!(newest.title, next.title_en());
    assert_eq!(newest.title_es.as_deref(), Some(next.title_es()));
    assert_eq!(notification::Entity::find().count(&app.state.db).await.unwrap(), 1);
    assert_eq!(outbox_message::Entity::find().count(&app.state.db).await.unwrap(), 1);
    let audited = audit_entry::Entity::find()
        .filter(audit_entry::Column::Action.eq("change_status"))
        .all(&app.state.db)
        .await
        .unwrap();
    assert_eq!(audited.len(), 1);
    assert_eq!(audited[0].case_id, Some(after.id));

    // The officer's page shows the new status, and a stale form (the old version) is refused.
    let stale = change(&officer, "staff_change_status", MARIA_I131, before.version, &[("status", next.key())]).await;
    assert!(stale.contains("error=case_changed"), "{stale}");

    // The applicant sees the new status and the notice, and is mailed once the outbox is delivered.
    let applicant = app.browser();
    app.sign_in(&applicant, DEMO_EMAIL, DEMO_PASSWORD).await;
    let page = body(applicant.get(&format!("/cases/{MARIA_I131}")).await).await;
    assert!(page.contains(next.title_en()), "the applicant's case page shows the change");
    let pass = app::server::notify::outbox::deliver_due(&app.state).await.unwrap();
    assert_eq!(pass.delivered, 1);
    let mail = app.wait_for_mail(DEMO_EMAIL, &format!("Your case {MARIA_I131} was updated"), 1).await;
    assert!(mail[0].contains(next.title_en()));
    assert_eq!(app::server::notify::outbox::deliver_due(&app.state).await.unwrap().delivered, 0, "sent once");
}

#[tokio::test]
async fn two_officers_changing_one_case_at_once_one_wins_and_nothing_is_doubled() {
    let app = spawn_app_with(&[("PORTICO_OUTBOX_WORKER", "off")]).await;
    let before = case_row(&app, MARIA_I131).await;
    let events_before =
        case_event::Entity::find().filter(case_event::Column::CaseId.eq(before.id)).count(&app.state.db).await.unwrap();
    let next = app::domain::case_workflow::next_statuses(before.status)[0];
    let officers = [staff_browser(&app, Role::Officer).await, staff_browser(&app, Role::Officer).await];
    let fields = [("status", next.key())];
    let mut tries = Vec::new();
    for i in 0..8 {
        let officer = &officers[i % 2];
        tries.push(change(officer, "staff_change_status", MARIA_I131, before.version, &fields));
    }
    let answers = futures::future::join_all(tries).await;
    let won = answers.iter().filter(|a| a.ends_with("?done=1")).count();
    let told = answers.iter().filter(|a| a.contains("error=case_changed")).count();
    assert_eq!((won, told), (1, 7), "{answers:?}");
    let after = case_row(&app, MARIA_I131).await;
    assert_eq!(after.version, before.version + 1);
    let events_after =
        case_event::Entity::find().filter(case_event::Column::CaseId.eq(before.id)).count(&app.state.db).await.unwrap();
    assert_eq!(events_after, events_before + 1);
    assert_eq!(outbox_message::Entity::find().count(&app.state.db).await.unwrap(), 1);
}

#[tokio::test]
async fn a_request_for_evidence_is_due_in_87_days_and_asks_the_applicant_to_act() {
    let app = spawn_app().await;
    let officer = staff_browser(&app, Role::Officer).await;
    let row = walk(&app, &officer, MARIA_I131, &[CaseStatus::FingerprintsWereTaken]).await;
    let too_short =
        change(&officer, "staff_request_evidence", MARIA_I131, row.version, &[("requested", "x"), ("due_on", "")])
            .await;
    assert!(too_short.contains("error=evidence_request_invalid"));
    let done = change(
        &officer,
        "staff_request_evidence",
        MARIA_I131,
        row.version,
        &[("requested", "A letter from your employer confirming your job offer."), ("due_on", "")],
    )
    .await;
    assert!(done.ends_with("?done=1"), "{done}");
    let rfe = notice::Entity::find()
        .filter(notice::Column::CaseId.eq(row.id))
        .all(&app.state.db)
        .await
        .unwrap()
        .into_iter()
        .max_by_key(|n| n.id)
        .unwrap();
    assert_eq!(rfe.notice_type, app::domain::NoticeType::I797E);
    assert_eq!(rfe.response_due_on, Some((app.clock_now() + Duration::days(87)).date_naive()));
    assert!(
        rfe.body.contains("A letter from your employer")
            && rfe.body_es.unwrap().contains("A letter from your employer")
    );
    let applicant = app.browser();
    app.sign_in(&applicant, DEMO_EMAIL, DEMO_PASSWORD).await;
    let dashboard = body(applicant.get("/dashboard").await).await;
    assert!(dashboard.contains(MARIA_I131) && dashboard.contains("Request for Additional Evidence Was Sent"));
}

#[tokio::test]
async fn an_interview_is_scheduled_at_the_offices_time_and_a_denial_carries_its_reason() {
    let app = spawn_app().await;
    let officer = staff_browser(&app, Role::Officer).await;
    let mut row = walk(
        &app,
        &officer,
        MARIA_I131,
        &[CaseStatus::FingerprintsWereTaken, CaseStatus::ReadyToBeScheduledForInterview],
    )
    .await;
    let past = change(
        &officer,
        "staff_schedule",
        MARIA_I131,
        row.version,
        &[("kind", "interview"), ("office", "NYC"), ("scheduled_at", "2020-01-01T09:00")],
    )
    .await;
    assert!(past.contains("error=appointment_invalid"));
    let done = change(
        &officer,
        "staff_schedule",
        MARIA_I131,
        row.version,
        &[("kind", "interview"), ("office", "NYC"), ("scheduled_at", "2027-01-12T09:30")],
    )
    .await;
    assert!(done.ends_with("?done=1"), "{done}");
    let appointment = app::server::entities::appointment::Entity::find()
        .filter(app::server::entities::appointment::Column::CaseId.eq(row.id))
        .all(&app.state.db)
        .await
        .unwrap()
        .into_iter()
        .max_by_key(|a| a.id)
        .unwrap();
    assert_eq!(appointment.scheduled_at, "2027-01-12T14:30:00Z".parse::<chrono::DateTime<chrono::Utc>>().unwrap());
    assert_eq!(appointment.time_zone, "America/New_York");
    row = walk(&app, &officer, MARIA_I131, &[CaseStatus::InterviewWasCompleted]).await;
    let no_reason =
        change(&officer, "staff_decide", MARIA_I131, row.version, &[("decision", "deny"), ("reason", "")]).await;
    assert!(no_reason.contains("error=decision_invalid"));
    let denied = change(
        &officer,
        "staff_decide",
        MARIA_I131,
        row.version,
        &[("decision", "deny"), ("reason", "The applicant is not eligible under the category filed.")],
    )
    .await;
    assert!(denied.ends_with("?done=1"));
    let decision = notice::Entity::find()
        .filter(notice::Column::CaseId.eq(row.id))
        .all(&app.state.db)
        .await
        .unwrap()
        .into_iter()
        .max_by_key(|n| n.id)
        .unwrap();
    assert!(decision.body.contains("not eligible under the category filed"));
    assert_eq!(case_row(&app, MARIA_I131).await.status, CaseStatus::CaseWasDenied);
    let audited = audit_entry::Entity::find()
        .filter(audit_entry::Column::Action.eq("decide_case"))
        .one(&app.state.db)
        .await
        .unwrap()
        .unwrap();
    assert_eq!(audited.reason.as_deref(), Some("The applicant is not eligible under the category filed."));
}

#[tokio::test]
async fn a_contact_center_agent_may_read_a_case_but_not_change_it() {
    let app = spawn_app().await;
    let agent = staff_browser(&app, Role::ContactCenter).await;
    let page = body(agent.get(&format!("/staff/cases/{MARIA_I131}")).await).await;
    assert!(page.contains(MARIA_I131) && !page.contains("Change status"), "read only");
    let row = case_row(&app, MARIA_I131).await;
    let next = app::domain::case_workflow::next_statuses(row.status)[0];
    let answer = agent
        .submit(
            "staff_change_status",
            &[("receipt", MARIA_I131), ("version", &row.version.to_string()), ("status", next.key())],
        )
        .await;
    assert_eq!(answer.status(), 403);
    assert_eq!(case_row(&app, MARIA_I131).await, row);
    assert_eq!(
        audit_entry::Entity::find()
            .filter(audit_entry::Column::Action.eq("read_case"))
            .count(&app.state.db)
            .await
            .unwrap(),
        1,
        "opening the case is audited"
    );
}

#[tokio::test]
async fn a_failing_mail_server_is_retried_and_each_mail_arrives_once() {
    let app = spawn_app_with(&[("PORTICO_OUTBOX_WORKER", "off")]).await;
    let officer = staff_browser(&app, Role::Officer).await;
    let row = case_row(&app, MARIA_I131).await;
    let next = app::domain::case_workflow::next_statuses(row.status)[0];
    change(&officer, "staff_change_status", MARIA_I131, row.version, &[("status", next.key())]).await;
    // A mail server that refuses every connection.
    let closed = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let dead_url = format!("smtp://{}", closed.local_addr().unwrap());
    drop(closed);
    let mut broken = app.state.clone();
    let mut config = (*app.state.config).clone();
    config.smtp_url = Some(dead_url.into());
    broken.mailer = app::server::notify::mail::Mailer::from_config(&config).unwrap();
    let failed = app::server::notify::outbox::deliver_due(&broken).await.unwrap();
    assert_eq!((failed.delivered, failed.failed), (0, 1));
    // Not due again before its pause is over, then sent by a working server, once.
    assert_eq!(app::server::notify::outbox::deliver_due(&app.state).await.unwrap().delivered, 0);
    app.advance(app::server::notify::outbox::backoff(1));
    assert_eq!(app::server::notify::outbox::deliver_due(&app.state).await.unwrap().delivered, 1);
    assert_eq!(app::server::notify::outbox::deliver_due(&app.state).await.unwrap().delivered, 0);
    let subject = format!("Your case {MARIA_I131} was updated");
    app.wait_for_mail(DEMO_EMAIL, &subject, 1).await;
    tokio::time::sleep(std::time::Duration::from_millis(200)).await;
    assert_eq!(app.mail_to(DEMO_EMAIL, &subject).len(), 1);
    let message = outbox_message::Entity::find().one(&app.state.db).await.unwrap().unwrap();
    assert_eq!(message.attempts, 1);
    assert!(message.delivered_at.is_some() && message.last_error.is_some());
}

#[tokio::test]
async fn an_officer_moves_an_interview_and_cancels_a_biometrics_appointment() {
    use app::server::entities::appointment;
    let app = spawn_app().await;
    let officer = staff_browser(&app, Role::Officer).await;
    let appointments = |case_id| {
        let db = app.state.db.clone();
        async move { appointment::Entity::find().filter(appointment::Column::CaseId.eq(case_id)).all(&db).await.unwrap() }
    };
    // María's I-131 has a biometrics appointment coming (seed). Cancel it, with the reason.
    let row = case_row(&app, MARIA_I131).await;
    let biometrics = appointments(row.id).await.pop().expect("a biometrics appointment");
    let id = biometrics.id.to_string();
    let no_reason =
        change(&officer, "staff_cancel_appointment", MARIA_I131, row.version, &[("appointment", &id), ("reason", "")])
            .await;
    assert!(no_reason.contains("error=reason_required"));
    let done = change(
        &officer,
        "staff_cancel_appointment",
        MARIA_I131,
        row.version,
        &[("appointment", &id), ("reason", "The support center is closed for repairs that week.")],
    )
    .await;
    assert!(done.ends_with("?done=1"), "{done}");
    let after = case_row(&app, MARIA_I131).await;
    assert_eq!((after.status, after.version), (row.status, row.version + 1), "the status stays");
    assert!(appointments(row.id).await[0].cancelled_at.is_some());
    let cancelled_notice = notice::Entity::find()
        .filter(notice::Column::CaseId.eq(row.id))
        .all(&app.state.db)
        .await
        .unwrap()
        .into_iter()
        .max_by_key(|n| n.id)
        .unwrap();
    assert_eq!(cancelled_notice.title, "Your Appointment Was Cancelled");
    assert!(cancelled_notice.body.contains("closed for repairs"));
    // A cancelled appointment no longer shows to the applicant, and cannot be moved.
    let maria = app.browser();
    app.sign_in(&maria, DEMO_EMAIL, DEMO_PASSWORD).await;
    assert!(!body(maria.get(&format!("/cases/{MARIA_I131}")).await)
        .await
        .contains("Los Angeles Application Support Center"));
    let again = officer
        .submit(
            "staff_move_appointment",
            &[
                ("receipt", MARIA_I131),
                ("version", &after.version.to_string()),
                ("appointment", &id),
                ("scheduled_at", "2027-02-01T10:00"),
            ],
        )
        .await;
    assert_eq!(again.status(), 404);

    // Schedule an interview, then move it: "Interview Was Rescheduled", the new time in the place's zone.
    let row = walk(
        &app,
        &officer,
        MARIA_I131,
        &[CaseStatus::FingerprintsWereTaken, CaseStatus::ReadyToBeScheduledForInterview],
    )
    .await;
    change(
        &officer,
        "staff_schedule",
        MARIA_I131,
        row.version,
        &[("kind", "interview"), ("office", "LOS"), ("scheduled_at", "2027-01-12T09:30")],
    )
    .await;
    let row = case_row(&app, MARIA_I131).await;
    let interview = appointments(row.id).await.into_iter().max_by_key(|a| a.id).unwrap();
    let past = change(
        &officer,
        "staff_move_appointment",
        MARIA_I131,
        row.version,
        &[("appointment", &interview.id.to_string()), ("scheduled_at", "2020-01-01T09:00")],
    )
    .await;
    assert!(past.contains("error=appointment_invalid"));
    let moved = change(
        &officer,
        "staff_move_appointment",
        MARIA_I131,
        row.version,
        &[("appointment", &interview.id.to_string()), ("scheduled_at", "2027-01-19T14:00")],
    )
    .await;
    assert!(moved.ends_with("?done=1"), "{moved}");
    let after = case_row(&app, MARIA_I131).await;
    assert_eq!(after.status, CaseStatus::InterviewWasRescheduled);
    let interview = appointment::Entity::find_by_id(interview.id).one(&app.state.db).await.unwrap().unwrap();
    // 14:00 in Los Angeles in January is 22:00 UTC.
    assert_eq!(interview.scheduled_at, "2027-01-19T22:00:00Z".parse::<chrono::DateTime<chrono::Utc>>().unwrap());
    assert_eq!(
        audit_entry::Entity::find()
            .filter(audit_entry::Column::Action.eq("move_appointment"))
            .count(&app.state.db)
            .await
            .unwrap(),
        1
    );
}

#[tokio::test]
async fn an_applicant_who_chose_texts_is_texted_as_well_as_mailed() {
    use app::server::notify::outbox::deliver_due;
    const PHONE: &str = "+12025550143";
    let app = spawn_app_with(&[("PORTICO_OUTBOX_WORKER", "off")]).await;
    let maria = app.browser();
    app.sign_in(&maria, DEMO_EMAIL, DEMO_PASSWORD).await;
    // Texts go only to a confirmed phone.
    let refused = location(&maria.submit("set_notification_choices", &[("status_change", "both")]).await);
    assert!(refused.contains("error=no_phone_for_texts"), "{refused}");
    maria.submit("add_phone", &[("phone", "(202) 555-0143")]).await;
    let code = app.latest_text_code(PHONE);
    maria.submit("confirm_phone", &[("code", &code)]).await;
    let saved = maria.submit("set_notification_choices", &[("status_change", "both")]).await;
    assert_eq!(location(&saved), "/account?choices_saved=1");
    let texts_before = app.texts_to(PHONE).len();

    let officer = staff_browser(&app, Role::Officer).await;
    let row = case_row(&app, MARIA_I131).await;
    let next = app::domain::case_workflow::next_statuses(row.status)[0];
    change(&officer, "staff_change_status", MARIA_I131, row.version, &[("status", next.key())]).await;
    assert_eq!(deliver_due(&app.state).await.unwrap().delivered, 2, "a mail and a text");
    let texts = app.texts_to(PHONE);
    assert_eq!(texts.len(), texts_before + 1);
    assert!(texts.last().unwrap().contains(&format!("your case {MARIA_I131} was updated")));

    // Back to email only, the next change is mailed only.
    let saved = maria.submit("set_notification_choices", &[("status_change", "email")]).await;
    assert_eq!(location(&saved), "/account?choices_saved=1");
    let row = case_row(&app, MARIA_I131).await;
    let next = app::domain::case_workflow::next_statuses(row.status)[0];
    change(&officer, "staff_change_status", MARIA_I131, row.version, &[("status", next.key())]).await;
    assert_eq!(deliver_due(&app.state).await.unwrap().delivered, 1);
    assert_eq!(app.texts_to(PHONE).len(), texts_before + 1);
}

/// A list longer than the count's limit says "more than" and still pages: counting every case of
/// a busy queue read every one of them (736 ms at five million cases).
#[tokio::test]
async fn a_list_past_the_count_limit_says_more_than_and_pages_on() {
    use app::server::cases::search::{COUNT_LIMIT, PAGE_SIZE};
    use sea_orm::{ActiveValue::Set, EntityTrait};
    let app = spawn_app().await;
    let officer = staff_browser(&app, Role::Officer).await;
    let record_id = case_row(&app, MARIA_I131).await.record_id;
    let extra = COUNT_LIMIT + 10;
    for chunk in (0..extra).collect::<Vec<_>>().chunks(500) {
        case::Entity::insert_many(chunk.iter().map(|n| case::ActiveModel {
            receipt_number: Set(format!("LIN{:010}", 9_000_000_000 + n)),
            record_id: Set(record_id),
            form_type: Set(app::domain::FormType::parse("I-765").unwrap()),
            status: Set(CaseStatus::CaseWasReceived),
            filed_on: Set(app.clock_now().date_naive()),
            status_updated_at: Set(app.clock_now() - Duration::minutes(*n as i64)),
            office: Set("MIA".to_owned()),
            ..Default::default()
        }))
        .exec_without_returning(&app.state.db)
        .await
        .unwrap();
    }
    let first = body(officer.get("/staff?office=MIA").await).await;
    assert!(first.contains(&format!("More than {COUNT_LIMIT} cases; page 1.")), "not counted past the limit");
    assert!(first.contains("Next page"));
    // The last page, past the limit, is still there, and says nothing follows.
    let last_page = (extra + 4).div_ceil(PAGE_SIZE);
    let last = body(officer.get(&format!("/staff?office=MIA&page={last_page}")).await).await;
    assert!(last.contains(&format!("page {last_page}.")) && last.contains("LIN"), "the last page lists cases");
    assert!(!last.contains("Next page"), "nothing after the last page");
    // A page typed far past the end is empty, not an error.
    let far = officer.get("/staff?office=MIA&page=18446744073709551615").await;
    assert_eq!(far.status(), 200);
    assert!(!body(far).await.contains("LIN9"), "no cases that far");
    // A short list is counted exactly.
    let one = body(officer.get(&format!("/staff?q={MARIA_I131}")).await).await;
    assert!(one.contains("1 case; page 1 of 1."));
}
