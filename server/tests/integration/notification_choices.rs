//! Notification choices and reminders: each kind of news comes by the channel its owner chose
//! (email, text, both, or only in Portico; texts need a confirmed phone); reminders go 7 days and
//! 1 day before an appointment or a response's due date, once each — even when two instances
//! sweep at the same moment — by the reminder choice, and not for a response already sent.

use crate::common::*;
use crate::staff::staff_browser;
use app::domain::{case_workflow, Role};
use app::server::cases::reminders;
use app::server::entities::{appointment, case, notification, outbox_message};
use app::server::notify::outbox::deliver_due;
use app::server::seed::{DEMO_EMAIL, DEMO_PASSWORD};
use chrono::Duration;
use sea_orm::{ColumnTrait, EntityTrait, PaginatorTrait, QueryFilter};

const MARIA_I131: &str = "EAC2290123403";
const MARIA_I485_WITH_RFE: &str = "IOE0912345601";
const PHONE: &str = "+12025550143";

async fn case_row(app: &TestApp, receipt: &str) -> case::Model {
    case::Entity::find().filter(case::Column::ReceiptNumber.eq(receipt)).one(&app.state.db).await.unwrap().unwrap()
}

async fn keys_like(app: &TestApp, prefix: &str) -> Vec<String> {
    outbox_message::Entity::find()
        .filter(outbox_message::Column::IdempotencyKey.starts_with(prefix))
        .all(&app.state.db)
        .await
        .unwrap()
        .into_iter()
        .map(|m| m.idempotency_key)
        .collect()
}

async fn signed_in_maria(app: &TestApp) -> Browser {
    let maria = app.browser();
    assert!(!app.sign_in(&maria, DEMO_EMAIL, DEMO_PASSWORD).await.starts_with("/sign-in"));
    maria
}

async fn choose(browser: &Browser, fields: &[(&str, &str)]) -> String {
    location(&browser.submit("set_notification_choices", fields).await)
}

async fn change_status(app: &TestApp, officer: &Browser, receipt: &str) {
    let row = case_row(app, receipt).await;
    let next = case_workflow::next_statuses(row.status)[0];
    let version = row.version.to_string();
    let answer = officer
        .submit("staff_change_status", &[("receipt", receipt), ("version", &version), ("status", next.key())])
        .await;
    assert!(location(&answer).ends_with("?done=1"), "{}", location(&answer));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn each_kind_of_news_comes_the_way_its_owner_chose() {
    let app = spawn_app_with(&[("PORTICO_OUTBOX_WORKER", "off")]).await;
    let maria = signed_in_maria(&app).await;
    let page = body(maria.get("/account").await).await;
    assert!(page.contains("How we tell you about your cases") && page.contains("Only in Portico"), "{page}");
    assert!(page.contains(r#"value="email" checked"#), "email until chosen otherwise: {page}");
    // Texts need a confirmed phone; nothing is saved from a refused form.
    assert_eq!(
        choose(&maria, &[("status_change", "in_app"), ("reminder", "text")]).await,
        "/account?error=no_phone_for_texts"
    );
    // A value that is no channel is no choice.
    assert_eq!(
        choose(&maria, &[("status_change", "in_app"), ("notice", "carrier-pigeon")]).await,
        "/account?choices_saved=1"
    );

    // A status change, chosen "only in Portico": in the notifications, not mailed.
    let officer = staff_browser(&app, Role::Officer).await;
    let owner = app.account_id(DEMO_EMAIL).await;
    let in_app_before = notification::Entity::find()
        .filter(notification::Column::AccountId.eq(owner))
        .count(&app.state.db)
        .await
        .unwrap();
    change_status(&app, &officer, MARIA_I131).await;
    assert_eq!(deliver_due(&app.state).await.unwrap().delivered, 0, "nothing mailed or texted");
    let in_app_after = notification::Entity::find()
        .filter(notification::Column::AccountId.eq(owner))
        .count(&app.state.db)
        .await
        .unwrap();
    assert_eq!(in_app_after, in_app_before + 1, "but listed in Portico");

    // With a confirmed phone, appointments by text only: texted, not mailed.
    maria.submit("add_phone", &[("phone", "(202) 555-0143")]).await;
    maria.submit("confirm_phone", &[("code", &app.latest_text_code(PHONE))]).await;
    assert_eq!(choose(&maria, &[("appointment", "text")]).await, "/account?choices_saved=1");
    let page = body(maria.get("/account").await).await;
    assert!(page.contains(r#"value="text" checked"#) && page.contains(r#"value="in_app" checked"#), "{page}");
    let texts_before = app.texts_to(PHONE).len();
    let mails_before = app.mail_to(DEMO_EMAIL, &format!("Your case {MARIA_I131} was updated")).len();
    let row = case_row(&app, MARIA_I131).await;
    let version = row.version.to_string();
    let appointment_id = appointment::Entity::find()
        .filter(appointment::Column::CaseId.eq(row.id))
        .one(&app.state.db)
        .await
        .unwrap()
        .unwrap()
        .id
        .to_string();
    let cancelled = officer
        .submit(
            "staff_cancel_appointment",
            &[
                ("receipt", MARIA_I131),
                ("version", &version),
                ("appointment", &appointment_id),
                ("reason", "The office is closed that day."),
            ],
        )
        .await;
    assert!(location(&cancelled).ends_with("?done=1"), "{}", location(&cancelled));
    assert_eq!(deliver_due(&app.state).await.unwrap().delivered, 1);
    assert_eq!(app.texts_to(PHONE).len(), texts_before + 1, "texted");
    assert_eq!(app.mail_to(DEMO_EMAIL, &format!("Your case {MARIA_I131} was updated")).len(), mails_before);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn reminders_go_a_week_and_a_day_before_once_each_even_from_two_instances() {
    let app = spawn_app_with(&[("PORTICO_OUTBOX_WORKER", "off")]).await;
    let db = &app.state.db;
    let biometrics = appointment::Entity::find()
        .filter(appointment::Column::CaseId.eq(case_row(&app, MARIA_I131).await.id))
        .one(db)
        .await
        .unwrap()
        .unwrap();
    let appointment_key = format!("reminder:appointment:{}:", biometrics.id);

    // Eight days before: nothing yet.
    app.advance(biometrics.scheduled_at - Duration::days(8) - app.clock_now());
    reminders::send_due(&app.state).await.unwrap();
    assert!(keys_like(&app, &appointment_key).await.is_empty());

    // Six days before, two instances sweep at once: one reminder, mailed once.
    app.advance(Duration::days(2));
    let (one, other) = (app.state.clone(), app.state.clone());
    let sweeps = [
        tokio::spawn(async move { reminders::send_due(&one).await }),
        tokio::spawn(async move { reminders::send_due(&other).await }),
    ];
    for sweep in sweeps {
        sweep.await.unwrap().unwrap();
    }
    reminders::send_due(&app.state).await.unwrap();
    let keys = keys_like(&app, &appointment_key).await;
    assert_eq!(keys.len(), 1, "{keys:?}");
    assert!(keys[0].ends_with(":7d"), "{keys:?}");
    deliver_due(&app.state).await.unwrap();
    let subject = format!("Reminder: your appointment for case {MARIA_I131}");
    let mail = app.wait_for_mail(DEMO_EMAIL, &subject, 1).await;
    assert!(decode_quoted_printable(&mail[0]).contains("Biometrics appointment for case"), "{}", mail[0]);

    // Chosen "only in Portico", the day-before reminder is handled once and mails nothing.
    let maria = signed_in_maria(&app).await;
    assert_eq!(choose(&maria, &[("reminder", "in_app")]).await, "/account?choices_saved=1");
    app.advance(Duration::days(5) + Duration::hours(4));
    reminders::send_due(&app.state).await.unwrap();
    reminders::send_due(&app.state).await.unwrap();
    let keys = keys_like(&app, &appointment_key).await;
    assert_eq!(keys.len(), 2, "{keys:?}");
    deliver_due(&app.state).await.unwrap();
    assert_eq!(app.mail_to(DEMO_EMAIL, &subject).len(), 1, "no mail for the day-before reminder");

    // A response due in six days: reminded by mail again once chosen so.
    let rfe_case = case_row(&app, MARIA_I485_WITH_RFE).await;
    let due_on = chrono::NaiveDate::from_ymd_opt(2027, 2, 6).unwrap();
    app.advance(reminders::response_deadline(due_on) - Duration::days(6) - app.clock_now());
    let maria = signed_in_maria(&app).await;
    assert_eq!(choose(&maria, &[("reminder", "email")]).await, "/account?choices_saved=1");
    reminders::send_due(&app.state).await.unwrap();
    let notice_keys = keys_like(&app, "reminder:notice:").await;
    assert_eq!(notice_keys.len(), 1, "{notice_keys:?}");
    deliver_due(&app.state).await.unwrap();
    let subject = format!("Reminder: a response for case {MARIA_I485_WITH_RFE} is due");
    let mail = app.wait_for_mail(DEMO_EMAIL, &subject, 1).await;
    assert!(decode_quoted_printable(&mail[0]).contains("February 6, 2027"), "{}", mail[0]);

    // Once the response is in, no day-before reminder.
    let officer = staff_browser(&app, Role::Officer).await;
    assert!(case_row(&app, MARIA_I485_WITH_RFE).await.status.needs_applicant_action());
    change_status(&app, &officer, MARIA_I485_WITH_RFE).await;
    assert!(!case_row(&app, MARIA_I485_WITH_RFE).await.status.needs_applicant_action(), "{rfe_case:?}");
    app.advance(Duration::days(5) + Duration::hours(6));
    reminders::send_due(&app.state).await.unwrap();
    assert_eq!(keys_like(&app, "reminder:notice:").await.len(), 1);
}

/// A busy week: more reminders due than the sweep reads in one list of values
/// (`reminders::IN_CHUNK`). Each case of its own, each with an appointment in six days: every one
/// is queued, and a second sweep finds every key already queued, whichever chunk it was in. At
/// five million cases one list held 83,335 values and every sweep failed.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_busy_week_of_reminders_is_swept_a_chunk_at_a_time() {
    use sea_orm::{ActiveValue::NotSet, Set};
    let app = spawn_app_with(&[("PORTICO_OUTBOX_WORKER", "off")]).await;
    let db = &app.state.db;
    // The demo's own reminders first, so that the count below is only the new ones.
    reminders::send_due(&app.state).await.unwrap();
    let template = case_row(&app, MARIA_I131).await;
    let biometrics =
        appointment::Entity::find().filter(appointment::Column::CaseId.eq(template.id)).one(db).await.unwrap().unwrap();
    let many = reminders::IN_CHUNK + 7;
    let at = app.clock_now() + Duration::days(6);
    let receipts: Vec<String> = (0..many).map(|n| format!("EAC29{n:08}")).collect();
    for chunk in receipts.chunks(200) {
        let cases = chunk.iter().map(|receipt| case::ActiveModel {
            id: NotSet,
            receipt_number: Set(receipt.clone()),
            ..case::ActiveModel::from(template.clone())
        });
        case::Entity::insert_many(cases).exec_without_returning(db).await.unwrap();
    }
    let ids: Vec<_> = case::Entity::find()
        .filter(case::Column::ReceiptNumber.starts_with("EAC29"))
        .all(db)
        .await
        .unwrap()
        .into_iter()
        .map(|c| c.id)
        .collect();
    assert_eq!(ids.len(), many);
    for chunk in ids.chunks(200) {
        let appointments = chunk.iter().map(|case_id| appointment::ActiveModel {
            id: NotSet,
            case_id: Set(*case_id),
            scheduled_at: Set(at),
            slot_id: Set(None),
            ..appointment::ActiveModel::from(biometrics.clone())
        });
        appointment::Entity::insert_many(appointments).exec_without_returning(db).await.unwrap();
    }

    assert_eq!(reminders::send_due(&app.state).await.unwrap(), many, "every one queued");
    assert_eq!(reminders::send_due(&app.state).await.unwrap(), 0, "none queued twice");
    let queued = outbox_message::Entity::find()
        .filter(outbox_message::Column::IdempotencyKey.starts_with("reminder:appointment:"))
        .filter(outbox_message::Column::IdempotencyKey.ends_with(":7d"))
        .count(db)
        .await
        .unwrap();
    assert!(queued >= many as u64, "{queued}");
}
