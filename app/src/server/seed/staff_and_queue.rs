//! Demo staff (an officer, a contact-center agent, an administrator — their sign-ins are printed
//! by `make run` and written in the README) and enough further cases, across the offices and the
//! open statuses, for a queue that pages.

use crate::domain::office::OFFICES;
use crate::domain::{ANumber, CaseStatus, FormType, Password, PersonName, Role};
use crate::error::AppError;
use crate::server::entities::{account, case, case_event, immigration_record};
use crate::server::AppState;
use chrono::{DateTime, Duration, NaiveDate, Utc};
use sea_orm::{ActiveModelTrait, ColumnTrait, EntityTrait, QueryFilter, Set};
use CaseStatus::*;

/// Every demo staff member signs in with this password and the demo authenticator key
/// (`seed::DEMO_TOTP_SECRET_BASE32`). Demo only: both are published.
pub const DEMO_STAFF_PASSWORD: &str = "Quay-Beacon-Console-26";

pub struct DemoStaff {
    pub email: &'static str,
    pub name: &'static str,
    pub role: Role,
    pub office: Option<&'static str>,
}

pub const DEMO_STAFF: [DemoStaff; 3] = [
    DemoStaff { email: "officer@portico.test", name: "Olivia Ortiz", role: Role::Officer, office: Some("NYC") },
    DemoStaff { email: "agent@portico.test", name: "Carlos Mendes", role: Role::ContactCenter, office: None },
    DemoStaff { email: "admin@portico.test", name: "Alex Kim", role: Role::Administrator, office: None },
];

/// The office a demo case is worked at, from its receipt number's service center.
pub fn office_of_receipt(receipt: &str) -> &'static str {
    match &receipt[..3] {
        "EAC" => "NYC",
        "WAC" => "LOS",
        "SRC" => "MIA",
        _ => "NBC",
    }
}

/// The way the queue's cases have come so far: each stops somewhere along it (all open).
pub const QUEUE_PATH: [CaseStatus; 8] = [
    CaseWasReceived,
    ReceiptNoticeWasSent,
    BiometricsAppointmentWasScheduled,
    FingerprintsWereTaken,
    CaseIsBeingActivelyReviewed,
    ReadyToBeScheduledForInterview,
    InterviewWasScheduled,
    InterviewWasCompleted,
];

/// A queue person: A-Number, name, date of birth (year, month, day), country of birth.
type QueuePerson = (&'static str, &'static str, (i32, u32, u32), &'static str);

const QUEUE_PEOPLE: [QueuePerson; 12] = [
    ("A050000101", "José Manuel Pérez", (1975, 3, 9), "Mexico"),
    ("A050000102", "Ana Lucía Torres", (1988, 12, 1), "Colombia"),
    ("A050000103", "Nguyễn Văn An", (1982, 6, 21), "Vietnam"),
    ("A050000104", "Fatima Zahra Benali", (1991, 1, 30), "Morocco"),
    ("A050000105", "Oleksandr Kovalenko", (1979, 8, 14), "Ukraine"),
    ("A050000106", "Priya Raghavan", (1993, 4, 2), "India"),
    ("A050000107", "Jean-Baptiste Joseph", (1970, 10, 17), "Haiti"),
    ("A050000108", "Mariana Souza Lima", (1985, 2, 11), "Brazil"),
    ("A050000109", "Samuel Mensah", (1990, 9, 5), "Ghana"),
    ("A050000110", "Elena Popescu", (1983, 11, 23), "Romania"),
    ("A050000111", "Tenzin Dorje", (1987, 5, 19), "Nepal"),
    ("A050000112", "Gabriela Núñez Rojas", (1996, 7, 7), "Peru"),
];

const QUEUE_FORMS: [FormType; 4] = [FormType::I485, FormType::I765, FormType::N400, FormType::I130];
const CENTERS: [&str; 4] = ["MSC", "EAC", "WAC", "SRC"];

/// A queue case: its receipt number, form, and history (status, days ago), oldest first.
pub type QueueCase = (String, FormType, Vec<(CaseStatus, i64)>);

/// The queue cases of the `person`th queue person.
pub fn queue_cases(person: usize) -> Vec<QueueCase> {
    (0..3)
        .map(|n| {
            let i = person * 3 + n;
            let receipt = format!("{}23900{:05}", CENTERS[i % CENTERS.len()], 100 + i);
            let length = 2 + (i * 5) % (QUEUE_PATH.len() - 1);
            let start = 200 + (i as i64 * 7) % 120;
            let history = QUEUE_PATH[..length].iter().enumerate().map(|(k, s)| (*s, start - k as i64 * 20)).collect();
            (receipt, QUEUE_FORMS[i % QUEUE_FORMS.len()], history)
        })
        .collect()
}

/// Adds the demo staff and the queue's people and cases; skips whatever is already there.
/// Returns how many staff accounts were created.
pub async fn seed(state: &AppState, now: DateTime<Utc>) -> Result<usize, AppError> {
    let db = &state.db;
    let mut created = 0;
    // One hash for the three (they share the published password; hashing is the slow part).
    let mut hash = None;
    for staff in DEMO_STAFF {
        if account::Entity::find().filter(account::Column::Email.eq(staff.email)).one(db).await?.is_some() {
            continue;
        }
        let hash = match &hash {
            Some(hash) => String::clone(hash),
            None => {
                let new = state
                    .passwords
                    .hash(Password::parse_new(DEMO_STAFF_PASSWORD).expect("demo staff password follows the rules"))
                    .await?;
                hash.insert(new).clone()
            }
        };
        account::ActiveModel {
            email: Set(staff.email.to_owned()),
            password_hash: Set(hash),
            email_confirmed_at: Set(Some(now)),
            created_at: Set(now),
            totp_secret: Set(Some(state.config.secret_key.seal(&super::demo_totp_secret()))),
            totp_enrolled_at: Set(Some(now)),
            role: Set(staff.role),
            display_name: Set(Some(staff.name.to_owned())),
            office: Set(staff.office.map(str::to_owned)),
            ..Default::default()
        }
        .insert(db)
        .await?;
        created += 1;
    }
    for (person, (a_number, name, (y, m, d), country)) in QUEUE_PEOPLE.iter().enumerate() {
        let a_number = ANumber::parse(a_number).expect("demo A-Number").as_str().to_owned();
        if immigration_record::Entity::find()
            .filter(immigration_record::Column::ANumber.eq(a_number.as_str()))
            .one(db)
            .await?
            .is_some()
        {
            continue;
        }
        let name = PersonName::parse(name).expect("demo name");
        let country = crate::domain::CountryName::parse(country).expect("demo country");
        let record = immigration_record::ActiveModel {
            a_number: Set(Some(a_number)),
            uscis_number: Set(None),
            full_name: Set(name.as_str().to_owned()),
            name_key: Set(name.match_key()),
            date_of_birth: Set(NaiveDate::from_ymd_opt(*y, *m, *d).expect("demo date of birth")),
            country_of_birth: Set(country.as_str().to_owned()),
            country_key: Set(country.match_key()),
            created_at: Set(now),
            ..Default::default()
        }
        .insert(db)
        .await?;
        crate::server::cases::search::index_names(db, &[(record.id, &record.name_key)]).await?;
        for (i, (receipt, form, history)) in queue_cases(person).into_iter().enumerate() {
            let (current, days) = *history.last().expect("a history");
            let inserted = case::ActiveModel {
                office: Set(OFFICES[(person + i) % OFFICES.len()].code.to_owned()),
                receipt_number: Set(receipt),
                record_id: Set(record.id),
                form_type: Set(form),
                status: Set(current),
                filed_on: Set((now - Duration::days(history[0].1 + 2)).date_naive()),
                status_updated_at: Set(now - Duration::days(days)),
                ..Default::default()
            }
            .insert(db)
            .await?;
            for (status, days_ago) in history {
                case_event::ActiveModel {
                    case_id: Set(inserted.id),
                    status: Set(status),
                    occurred_at: Set(now - Duration::days(days_ago)),
                    ..Default::default()
                }
                .insert(db)
                .await?;
            }
        }
    }
    Ok(created)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::case_workflow::{is_open, may_follow};

    #[test]
    fn queue_cases_follow_the_workflow_stay_open_and_have_valid_receipts() {
        let mut receipts = std::collections::HashSet::new();
        for person in 0..QUEUE_PEOPLE.len() {
            for (receipt, _, history) in queue_cases(person) {
                assert!(crate::domain::ReceiptNumber::parse(&receipt).is_ok(), "{receipt}");
                assert!(receipts.insert(receipt.clone()), "{receipt} twice");
                assert_eq!(history[0].0, CaseWasReceived);
                for pair in history.windows(2) {
                    assert!(may_follow(pair[0].0, pair[1].0), "{receipt}");
                    assert!(pair[1].1 < pair[0].1 && pair[1].1 > 0, "{receipt}: forward in time, in the past");
                }
                assert!(is_open(history.last().unwrap().0), "{receipt}");
            }
        }
        assert!(receipts.len() > 25, "more than one page");
    }

    #[test]
    fn demo_staff_cover_every_staff_role() {
        for role in Role::STAFF {
            assert!(DEMO_STAFF.iter().any(|s| s.role == role), "{role:?}");
        }
    }
}
