//! Rescheduling an appointment: only the owner, only to an open slot of the same kind at the same
//! or a nearby place, a reason required, not within 12 hours and at most twice; the new slot's
//! seat is taken and the old one freed, a new appointment notice is issued and the owner mailed;
//! of two applicants racing for the last seat, one gets it.

use crate::common::*;
use app::domain::{AppointmentId, AppointmentKind, CaseStatus};
use app::server::entities::{appointment, appointment_slot, case, case_event, notice};
use app::server::seed::{DEMO_EMAIL, DEMO_PASSWORD};
use chrono::Duration;
use sea_orm::{ActiveModelTrait, ColumnTrait, EntityTrait, QueryFilter, QueryOrder, Set};

const MARIA_BIOMETRICS_CASE: &str = "EAC2290123403";
const AHMED_INTERVIEW_CASE: &str = "LIN2190123404";
const REASON: &str = "I will be traveling for work that week.";

async fn appointment_of(app: &TestApp, receipt: &str) -> appointment::Model {
    let row = case::Entity::find().filter(case::Column::ReceiptNumber.eq(receipt)).one(&app.state.db).await.unwrap();
    appointment::Entity::find()
        .filter(appointment::Column::CaseId.eq(row.unwrap().id))
        .one(&app.state.db)
        .await
        .unwrap()
        .expect("the demo case has an appointment")
}

async fn slot(app: &TestApp, id: i32) -> appointment_slot::Model {
    appointment_slot::Entity::find_by_id(id).one(&app.state.db).await.unwrap().unwrap()
}

/// The soonest open slot of `kind` at `place` that starts after `after`.
async fn open_slot(app: &TestApp, place: &str, kind: AppointmentKind, after: Duration) -> appointment_slot::Model {
    appointment_slot::Entity::find()
        .filter(appointment_slot::Column::PlaceCode.eq(place))
        .filter(appointment_slot::Column::Kind.eq(kind))
        .filter(appointment_slot::Column::StartsAt.gt(app.clock_now() + after))
        .order_by_asc(appointment_slot::Column::StartsAt)
        .all(&app.state.db)
        .await
        .unwrap()
        .into_iter()
        .find(|s| s.booked < s.capacity)
        .expect("the demo has open slots")
}

fn path(receipt: &str, id: AppointmentId) -> String {
    format!("/cases/{receipt}/appointments/{id}/reschedule")
}

fn fields<'a>(receipt: &'a str, id: &'a str, slot: &'a str, reason: &'a str) -> Vec<(&'a str, &'a str)> {
    vec![("receipt_number", receipt), ("appointment", id), ("slot", slot), ("reason", reason)]
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_appointment_moves_nearby_twice_at_most_with_a_notice_each_time() {
    let app = spawn_app().await;
    let browser = app.browser();
    assert!(!app.sign_in(&browser, DEMO_EMAIL, DEMO_PASSWORD).await.starts_with("/sign-in"));
    let before = appointment_of(&app, MARIA_BIOMETRICS_CASE).await;
    assert_eq!(before.place_code.as_deref(), Some("LAA"));
    let form = path(MARIA_BIOMETRICS_CASE, before.id);
    let id = before.id.to_string();

    let case_page = body(browser.get(&format!("/cases/{MARIA_BIOMETRICS_CASE}")).await).await;
    assert!(case_page.contains(&form) && case_page.contains("Reschedule: Biometrics appointment"), "{case_page}");
    let page = body(browser.get(&form).await).await;
    assert!(page.contains("up to 2 times, and not within 12 hours") && page.contains("left for this one: 2"), "{page}");
    assert!(page.contains("Santa Ana Application Support Center") && page.contains("8:00 AM PST"), "{page}");
    assert!(!page.contains("Hialeah") && !page.contains("Chicago"), "only nearby places: {page}");

    // No time chosen, then no reason: each said beside its field, and nothing chosen or typed is lost.
    let santa_ana = open_slot(&app, "SAA", AppointmentKind::Biometrics, Duration::days(3)).await;
    let chosen = santa_ana.id.to_string();
    let refused = browser.submit("reschedule_appointment", &fields(MARIA_BIOMETRICS_CASE, &id, "", REASON)).await;
    assert_eq!(location(&refused), format!("{form}?error=slot_invalid"));
    let page = body(browser.get(&location(&refused)).await).await;
    assert!(page.contains("Choose one of the open times offered.") && page.contains(REASON), "{page}");
    let refused = browser.submit("reschedule_appointment", &fields(MARIA_BIOMETRICS_CASE, &id, &chosen, "no")).await;
    assert_eq!(location(&refused), format!("{form}?error=reason_required"));
    let page = body(browser.get(&location(&refused)).await).await;
    assert!(page.contains(&format!(r#"value="{chosen}" checked"#)), "the chosen time stays chosen: {page}");
    // A slot of the wrong kind or far away is not one of the offered.
    let hialeah = open_slot(&app, "HIA", AppointmentKind::Biometrics, Duration::days(3)).await.id.to_string();
    let interview = open_slot(&app, "LOS", AppointmentKind::Interview, Duration::days(3)).await.id.to_string();
    for wrong in [&hialeah, &interview, "999999", "x"] {
        let refused =
            browser.submit("reschedule_appointment", &fields(MARIA_BIOMETRICS_CASE, &id, wrong, REASON)).await;
        assert_eq!(location(&refused), format!("{form}?error=slot_invalid"), "{wrong}");
    }

    let moved = browser.submit("reschedule_appointment", &fields(MARIA_BIOMETRICS_CASE, &id, &chosen, REASON)).await;
    assert_eq!(location(&moved), format!("/cases/{MARIA_BIOMETRICS_CASE}?rescheduled=1"));
    let after = appointment_of(&app, MARIA_BIOMETRICS_CASE).await;
    assert_eq!(
        (after.place_code.as_deref(), after.scheduled_at, after.slot_id, after.times_rescheduled),
        (Some("SAA"), santa_ana.starts_at, Some(santa_ana.id), 1)
    );
    assert_eq!(after.place_name, "Santa Ana Application Support Center");
    assert_eq!(after.reschedule_reason.as_deref(), Some(REASON));
    assert_eq!(slot(&app, santa_ana.id).await.booked, santa_ana.booked + 1, "a seat taken");
    let row = case::Entity::find_by_id(after.case_id).one(&app.state.db).await.unwrap().unwrap();
    assert_eq!(row.status, CaseStatus::BiometricsAppointmentWasScheduled, "a moved biometrics leaves the status");
    let issued = notice::Entity::find()
        .filter(notice::Column::CaseId.eq(row.id))
        .order_by_desc(notice::Column::Id)
        .one(&app.state.db)
        .await
        .unwrap()
        .unwrap();
    assert_eq!(issued.title, "Your Appointment Was Moved");
    assert!(issued.body.contains("at your request") && issued.body.contains("Santa Ana Application Support Center"));
    assert!(issued.body_es.unwrap().contains("a.\u{a0}m. PST"), "the Spanish notice writes the time the Spanish way");
    let page = body(browser.get(&location(&moved)).await).await;
    assert!(page.contains("Your appointment was rescheduled.") && page.contains("Santa Ana"), "{page}");
    let mail = app.wait_for_mail(DEMO_EMAIL, "Your appointment was rescheduled", 1).await;
    assert!(decode_quoted_printable(&mail[0]).contains("Santa Ana Application Support Center"), "{}", mail[0]);

    // The second move frees the first slot's seat.
    let los_angeles = open_slot(&app, "LAA", AppointmentKind::Biometrics, Duration::days(4)).await;
    let second = los_angeles.id.to_string();
    let moved = browser.submit("reschedule_appointment", &fields(MARIA_BIOMETRICS_CASE, &id, &second, REASON)).await;
    assert_eq!(location(&moved), format!("/cases/{MARIA_BIOMETRICS_CASE}?rescheduled=1"));
    assert_eq!(slot(&app, santa_ana.id).await.booked, santa_ana.booked, "the old seat is free again");
    assert_eq!(slot(&app, los_angeles.id).await.booked, los_angeles.booked + 1);

    // Twice is the most: no link, the page says why, and a third move is refused.
    let case_page = body(browser.get(&format!("/cases/{MARIA_BIOMETRICS_CASE}")).await).await;
    assert!(!case_page.contains(&form), "{case_page}");
    let page = body(browser.get(&form).await).await;
    assert!(page.contains("already rescheduled as many times as allowed online"), "{page}");
    let third = browser.submit("reschedule_appointment", &fields(MARIA_BIOMETRICS_CASE, &id, &chosen, REASON)).await;
    assert_eq!(location(&third), format!("{form}?error=reschedule_limit_reached"));
    assert_eq!(appointment_of(&app, MARIA_BIOMETRICS_CASE).await.times_rescheduled, 2);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn no_move_within_twelve_hours_and_only_the_owner_moves_an_appointment() {
    let app = spawn_app().await;
    let ahmed = app.new_account("ahmed.moves@example.com").await;
    assert_eq!(location(&ahmed.link_ahmed().await), "/dashboard");
    let biometrics = appointment_of(&app, MARIA_BIOMETRICS_CASE).await;
    let interview = appointment_of(&app, AHMED_INTERVIEW_CASE).await;
    let chicago_slot = open_slot(&app, "MKE", AppointmentKind::Interview, Duration::days(2)).await;

    // Someone else's appointment, or one's own appointment under another case: not found.
    for (receipt, id) in
        [(MARIA_BIOMETRICS_CASE, biometrics.id), (AHMED_INTERVIEW_CASE, biometrics.id), ("NOT-A-RECEIPT", interview.id)]
    {
        assert_eq!(ahmed.get(&path(receipt, id)).await.status(), 404, "{receipt} {id}");
        let slot_id = chicago_slot.id.to_string();
        let tried = ahmed.submit("reschedule_appointment", &fields(receipt, &id.to_string(), &slot_id, REASON)).await;
        assert_eq!(tried.status(), 404, "{receipt} {id}");
    }
    assert_eq!(appointment_of(&app, MARIA_BIOMETRICS_CASE).await, biometrics, "nothing moved");

    // An interview moves among the Chicago area's field offices; the case says it was rescheduled.
    let page = body(ahmed.get(&path(AHMED_INTERVIEW_CASE, interview.id)).await).await;
    assert!(page.contains("Milwaukee Field Office") && !page.contains("Application Support Center"), "{page}");
    let moved = ahmed
        .submit(
            "reschedule_appointment",
            &fields(AHMED_INTERVIEW_CASE, &interview.id.to_string(), &chicago_slot.id.to_string(), REASON),
        )
        .await;
    assert_eq!(location(&moved), format!("/cases/{AHMED_INTERVIEW_CASE}?rescheduled=1"));
    let row = case::Entity::find_by_id(interview.case_id).one(&app.state.db).await.unwrap().unwrap();
    assert_eq!(row.status, CaseStatus::InterviewWasRescheduled);
    let events = case_event::Entity::find()
        .filter(case_event::Column::CaseId.eq(row.id))
        .filter(case_event::Column::Status.eq(CaseStatus::InterviewWasRescheduled))
        .all(&app.state.db)
        .await
        .unwrap();
    assert_eq!(events.len(), 1);

    // 11 hours before Maria's appointment it no longer moves online.
    app.advance(biometrics.scheduled_at - app.clock_now() - Duration::hours(11));
    let maria = app.browser();
    assert!(!app.sign_in(&maria, DEMO_EMAIL, DEMO_PASSWORD).await.starts_with("/sign-in"));
    let form = path(MARIA_BIOMETRICS_CASE, biometrics.id);
    let page = body(maria.get(&form).await).await;
    assert!(page.contains("too close to reschedule online"), "{page}");
    let late_slot = open_slot(&app, "SAA", AppointmentKind::Biometrics, Duration::days(2)).await.id.to_string();
    let late = maria
        .submit(
            "reschedule_appointment",
            &fields(MARIA_BIOMETRICS_CASE, &biometrics.id.to_string(), &late_slot, REASON),
        )
        .await;
    assert_eq!(location(&late), format!("{form}?error=reschedule_too_late"));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn two_applicants_racing_for_the_last_seat_one_gets_it() {
    let app = spawn_app().await;
    let maria = app.browser();
    assert!(!app.sign_in(&maria, DEMO_EMAIL, DEMO_PASSWORD).await.starts_with("/sign-in"));
    let ahmed = app.new_account("ahmed.races@example.com").await;
    assert_eq!(location(&ahmed.link_ahmed().await), "/dashboard");
    // Ahmed has a biometrics appointment at the Los Angeles office too.
    let ahmed_case =
        case::Entity::find().filter(case::Column::ReceiptNumber.eq(AHMED_INTERVIEW_CASE)).one(&app.state.db).await;
    let ahmeds = appointment::ActiveModel {
        case_id: Set(ahmed_case.unwrap().unwrap().id),
        kind: Set(AppointmentKind::Biometrics),
        scheduled_at: Set(app.clock_now() + Duration::days(9)),
        time_zone: Set("America/Los_Angeles".into()),
        place_name: Set("Los Angeles Field Office".into()),
        place_address: Set("300 N Los Angeles St, Los Angeles, CA 90012".into()),
        place_code: Set(Some("LOS".into())),
        ..Default::default()
    }
    .insert(&app.state.db)
    .await
    .unwrap();
    let marias = appointment_of(&app, MARIA_BIOMETRICS_CASE).await;
    for round in 0..2 {
        // One seat left.
        let last = appointment_slot::ActiveModel {
            place_code: Set("SAA".into()),
            kind: Set(AppointmentKind::Biometrics),
            starts_at: Set(app.clock_now() + Duration::days(20) + Duration::minutes(round)),
            capacity: Set(3),
            booked: Set(2),
            ..Default::default()
        }
        .insert(&app.state.db)
        .await
        .unwrap();
        let seat = last.id.to_string();
        let (marias_id, ahmeds_id) = (marias.id.to_string(), ahmeds.id.to_string());
        let (marias_form, ahmeds_form) = (
            fields(MARIA_BIOMETRICS_CASE, &marias_id, &seat, REASON),
            fields(AHMED_INTERVIEW_CASE, &ahmeds_id, &seat, REASON),
        );
        let (a, b) = tokio::join!(
            maria.submit("reschedule_appointment", &marias_form),
            ahmed.submit("reschedule_appointment", &ahmeds_form),
        );
        let outcomes = [location(&a), location(&b)];
        let won = outcomes.iter().filter(|l| l.ends_with("?rescheduled=1")).count();
        let lost = outcomes.iter().filter(|l| l.ends_with("?error=slot_taken")).count();
        assert_eq!((won, lost), (1, 1), "round {round}: {outcomes:?}");
        assert_eq!(slot(&app, last.id).await.booked, 3, "never more than its capacity");
        let holders = appointment::Entity::find()
            .filter(appointment::Column::SlotId.eq(last.id))
            .all(&app.state.db)
            .await
            .unwrap();
        assert_eq!(holders.len(), 1, "one appointment holds the seat");
        // The one who lost is told on the form, which still offers other times.
        let (loser, refused) =
            if outcomes[0].ends_with("?error=slot_taken") { (&maria, &outcomes[0]) } else { (&ahmed, &outcomes[1]) };
        let page = body(loser.get(refused).await).await;
        assert!(page.contains("Someone just took the last seat at that time.") && page.contains("Santa Ana"), "{page}");
    }
}
