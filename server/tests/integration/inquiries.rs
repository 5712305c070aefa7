//! Inquiries: the owner sends one about their case (a type, a plain-text message), it waits in the
//! staff queue of the case's office, an officer reads (audited) and answers it, the owner is mailed
//! that there is an answer — not the answer — and reads it with an unread count until then; a
//! closed inquiry takes no replies; another person's inquiry is "not found". "Outside normal
//! processing time" opens on the case's inquiry date; at most 3 open inquiries per case.

use crate::common::*;
use crate::staff::staff_browser;
use app::domain::{FormType, Role};
use app::server::cases::estimates;
use app::server::entities::{audit_entry, case, inquiry};
use app::server::seed::{DEMO_EMAIL, DEMO_PASSWORD};
use chrono::Duration;
use sea_orm::{ColumnTrait, EntityTrait, PaginatorTrait, QueryFilter, QueryOrder};

const MARIA_I131: &str = "EAC2290123403";
const QUESTION: &str = "I moved in May and never got my <b>biometrics</b> notice.\nCan you send it again?";

fn form_path() -> String {
    format!("/cases/{MARIA_I131}/inquiries")
}

fn ask<'a>(kind: &'a str, message: &'a str) -> Vec<(&'a str, &'a str)> {
    vec![("receipt_number", MARIA_I131), ("kind", kind), ("message", message)]
}

async fn latest_inquiry(app: &TestApp) -> inquiry::Model {
    inquiry::Entity::find().order_by_desc(inquiry::Column::Id).one(&app.state.db).await.unwrap().expect("an inquiry")
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_officer_answers_an_inquiry_and_its_applicant_reads_it() {
    let app = spawn_app().await;
    let maria = app.browser();
    assert!(!app.sign_in(&maria, DEMO_EMAIL, DEMO_PASSWORD).await.starts_with("/sign-in"));
    let case_page = body(maria.get(&format!("/cases/{MARIA_I131}")).await).await;
    assert!(case_page.contains("Send an inquiry about this case") && case_page.contains(&form_path()), "{case_page}");
    let page = body(maria.get(&form_path()).await).await;
    assert!(page.contains("I did not receive a notice") && page.contains("Not yet: too few Form I-131"), "{page}");
    // The demo's answered inquiry (seed) shows unread on its case.
    let seeded = body(maria.get("/cases/IOE0912345601").await).await;
    assert!(seeded.contains("New answers: 1") && seeded.contains("I did not receive a notice"), "{seeded}");

    // Refusals, each beside its field, and what was typed comes back.
    for (kind, message, error) in [
        ("outside_processing_time", QUESTION, "inquiry_too_early"),
        ("", QUESTION, "inquiry_kind_invalid"),
        ("no_such_kind", QUESTION, "inquiry_kind_invalid"),
        ("notice_not_received", "   ", "message_invalid"),
        ("notice_not_received", "see file\u{202E}fdp.exe", "message_invalid"),
    ] {
        let refused = maria.submit("send_inquiry", &ask(kind, message)).await;
        assert_eq!(location(&refused), format!("{}?error={error}", form_path()), "{kind} {message}");
    }
    let too_long = "a".repeat(2001);
    let refused = maria.submit("send_inquiry", &ask("other", &too_long)).await;
    assert_eq!(location(&refused), format!("{}?error=message_invalid", form_path()));
    let page = body(maria.get(&location(&refused)).await).await;
    assert!(page.contains(&too_long) && page.contains(r#"value="other" checked"#), "nothing typed is lost");

    let sent = maria.submit("send_inquiry", &ask("notice_not_received", QUESTION)).await;
    let created = latest_inquiry(&app).await;
    let thread = format!("/cases/{MARIA_I131}/inquiries/{}", created.id);
    assert_eq!(location(&sent), format!("{thread}?sent=1"));
    assert!(created.awaiting_staff && created.closed_at.is_none());
    let page = body(maria.get(&thread).await).await;
    assert!(page.contains("Waiting for an answer from USCIS"), "{page}");
    assert!(page.contains("never got my &lt;b&gt;biometrics&lt;/b&gt; notice."), "typed markup shows as text: {page}");
    assert!(!page.contains("<b>biometrics</b>"));

    // The officer of the case's office sees it waiting, opens it (audited) and answers.
    let officer = staff_browser(&app, Role::Officer).await;
    let queue = body(officer.get("/staff/inquiries").await).await;
    assert!(queue.contains(MARIA_I131) && queue.contains("I did not receive a notice"), "{queue}");
    assert!(queue.contains("1 awaiting an answer"), "{queue}");
    let staff_thread = format!("/staff/inquiries/{}", created.id);
    let opened = body(officer.get(&staff_thread).await).await;
    assert!(opened.contains("Can you send it again?") && opened.contains("(applicant)"), "{opened}");
    let reads = audit_entry::Entity::find()
        .filter(audit_entry::Column::Action.eq("read_inquiry"))
        .count(&app.state.db)
        .await
        .unwrap();
    assert!(reads >= 1, "reading an inquiry is audited");
    let id = created.id.to_string();
    let refused = officer.submit("staff_answer_inquiry", &[("inquiry", &id), ("message", "")]).await;
    assert_eq!(location(&refused), format!("{staff_thread}?error=message_invalid"));
    let answer = "We mailed the notice again today to your new address.";
    let answered = officer.submit("staff_answer_inquiry", &[("inquiry", &id), ("message", answer)]).await;
    assert_eq!(location(&answered), "/staff/inquiries?answered=1");
    let queue = body(officer.get("/staff/inquiries").await).await;
    assert!(queue.contains("0 awaiting an answer"), "answered leaves the queue: {queue}");
    let answers = audit_entry::Entity::find()
        .filter(audit_entry::Column::Action.eq("answer_inquiry"))
        .count(&app.state.db)
        .await
        .unwrap();
    assert_eq!(answers, 1);

    // The owner is mailed that there is an answer (not the answer), and reads it signed in.
    let mail = app.wait_for_mail(DEMO_EMAIL, "USCIS answered your inquiry", 1).await;
    let mail = decode_quoted_printable(&mail[0]);
    assert!(mail.contains(&thread) && !mail.contains("mailed the notice again"), "{mail}");
    let case_page = body(maria.get(&format!("/cases/{MARIA_I131}")).await).await;
    assert!(case_page.contains("New answers: 1") && case_page.contains("Answered"), "{case_page}");
    let page = body(maria.get(&thread).await).await;
    assert!(page.contains(answer) && page.contains("USCIS") && !page.contains("Olivia"), "{page}");
    let case_page = body(maria.get(&format!("/cases/{MARIA_I131}")).await).await;
    assert!(!case_page.contains("New answers"), "read now: {case_page}");

    // A reply puts it back in the queue; closed with the next answer, it takes no more.
    let reply = [("receipt_number", MARIA_I131), ("inquiry", id.as_str()), ("message", "Thank you! It arrived.")];
    let replied = maria.submit("reply_to_inquiry", &reply).await;
    assert_eq!(location(&replied), format!("{thread}?sent=1"));
    assert!(latest_inquiry(&app).await.awaiting_staff);
    let agent = staff_browser(&app, Role::ContactCenter).await;
    let queue = body(agent.get("/staff/inquiries").await).await;
    assert!(queue.contains(MARIA_I131), "the contact center sees every office's: {queue}");
    assert!(queue.contains("IOE0912345602") && queue.contains("2 awaiting an answer"), "and the demo's: {queue}");
    let closing = [("inquiry", id.as_str()), ("message", "Glad to hear it. Closing this inquiry."), ("close", "1")];
    assert_eq!(location(&agent.submit("staff_answer_inquiry", &closing).await), "/staff/inquiries?answered=1");
    let closed = latest_inquiry(&app).await;
    assert!(closed.closed_at.is_some() && !closed.awaiting_staff);
    let refused = maria.submit("reply_to_inquiry", &reply).await;
    assert_eq!(location(&refused), format!("{thread}?error=inquiry_closed"));
    let page = body(maria.get(&thread).await).await;
    assert!(page.contains("USCIS closed this inquiry") && !page.contains("Send reply"), "{page}");
    let refused = officer.submit("staff_answer_inquiry", &[("inquiry", &id), ("message", "More.")]).await;
    assert_eq!(location(&refused), format!("{staff_thread}?error=inquiry_closed"));

    // Someone else's: not found, whatever they try.
    let ahmed = app.new_account("ahmed@example.com").await;
    assert_eq!(location(&ahmed.link_ahmed().await), "/dashboard");
    for path in [thread.as_str(), &form_path()] {
        let page = body(ahmed.get(path).await).await;
        assert!(page.contains("Case not found"), "{path}: {page}");
        assert!(!page.contains("Can you send it again?"));
    }
    let ahmed_reply = ahmed.submit("reply_to_inquiry", &reply).await;
    assert_eq!(ahmed_reply.status(), 404);
    let ahmed_asks = ahmed.submit("send_inquiry", &ask("other", "Hello there")).await;
    assert_eq!(ahmed_asks.status(), 404);
    // Nor may an applicant answer.
    let forged = maria.submit("staff_answer_inquiry", &[("inquiry", &id), ("message", "Approved!")]).await;
    assert_eq!(forged.status(), 403);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn outside_processing_time_opens_on_the_inquiry_date_and_a_case_has_three_open_at_most() {
    let app = spawn_app().await;
    let db = &app.state.db;
    let row = case::Entity::find().filter(case::Column::ReceiptNumber.eq(MARIA_I131)).one(db).await.unwrap().unwrap();
    // 30 I-131s at New York took as long as this case has waited plus 5 days: it is outside normal
    // processing time 6 days from now.
    let waited = (app.clock_now().date_naive() - row.filed_on).num_days();
    estimates::record_decisions(db, FormType::I131, "NYC", waited + 5, 30).await.unwrap();
    let from = app::i18n::Lang::En.format_date(app.clock_now().date_naive() + Duration::days(6));

    let maria = app.browser();
    assert!(!app.sign_in(&maria, DEMO_EMAIL, DEMO_PASSWORD).await.starts_with("/sign-in"));
    let page = body(maria.get(&form_path()).await).await;
    assert!(page.contains(&format!("You can choose this from {from}")), "{page}");
    let early = maria.submit("send_inquiry", &ask("outside_processing_time", "It has been very long.")).await;
    assert_eq!(location(&early), format!("{}?error=inquiry_too_early", form_path()));

    app.advance(Duration::days(6));
    let maria = app.browser();
    assert!(!app.sign_in(&maria, DEMO_EMAIL, DEMO_PASSWORD).await.starts_with("/sign-in"));
    let sent = maria.submit("send_inquiry", &ask("outside_processing_time", "It has been very long.")).await;
    assert!(location(&sent).ends_with("?sent=1"), "{}", location(&sent));
    for kind in ["typographical_error", "accommodation_request"] {
        let sent = maria.submit("send_inquiry", &ask(kind, "One more question about my case.")).await;
        assert!(location(&sent).ends_with("?sent=1"), "{kind}: {}", location(&sent));
    }
    let fourth = maria.submit("send_inquiry", &ask("other", "And another one.")).await;
    assert_eq!(location(&fourth), format!("{}?error=inquiry_limit_reached", form_path()));
    let page = body(maria.get(&form_path()).await).await;
    assert!(page.contains("already has 3 open inquiries") && !page.contains("Send inquiry</button>"), "{page}");
    assert_eq!(inquiry::Entity::find().filter(inquiry::Column::CaseId.eq(row.id)).count(db).await.unwrap(), 3);
    // A malformed inquiry id or receipt in the address is "not found", not an error.
    for path in [format!("/cases/{MARIA_I131}/inquiries/x"), "/cases/NOTARECEIPT/inquiries".to_owned()] {
        let page = body(maria.get(&path).await).await;
        assert!(page.contains("Case not found"), "{path}: {page}");
    }
}

/// Inquiries about one case sent at once (a double click, two tabs): no more than three are ever
/// open. The count was read outside the transaction that adds one, so six at once could all see
/// room; it is now counted again inside, where they take turns.
#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn inquiries_sent_at_once_never_pass_the_open_limit() {
    use app::server::cases::inquiries::MAX_OPEN_PER_CASE;
    let app = spawn_app().await;
    let maria = app.browser();
    assert!(!app.sign_in(&maria, DEMO_EMAIL, DEMO_PASSWORD).await.starts_with("/sign-in"));
    let maria = &maria;
    let messages: Vec<String> = (0..6).map(|k| format!("Question {k}: has anything changed?")).collect();
    let answers = futures::future::join_all(
        messages.iter().map(|m| async move { location(&maria.submit("send_inquiry", &ask("other", m)).await) }),
    )
    .await;
    let sent = answers.iter().filter(|to| to.ends_with("?sent=1")).count();
    for to in answers.iter().filter(|to| !to.ends_with("?sent=1")) {
        assert_eq!(*to, format!("{}?error=inquiry_limit_reached", form_path()));
    }
    assert_eq!(sent as u64, MAX_OPEN_PER_CASE, "{answers:?}");
    let row = case::Entity::find().filter(case::Column::ReceiptNumber.eq(MARIA_I131)).one(&app.state.db).await;
    let open = inquiry::Entity::find()
        .filter(inquiry::Column::CaseId.eq(row.unwrap().unwrap().id))
        .filter(inquiry::Column::ClosedAt.is_null())
        .count(&app.state.db)
        .await
        .unwrap();
    assert_eq!(open, MAX_OPEN_PER_CASE);
}
