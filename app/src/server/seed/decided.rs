//! Decided demo cases, so the processing-time estimates have something to count: Form I-485 and
//! Form N-400 cases at the National Benefits Center (María's and Ahmed's pending ones are there),
//! decided over the past months after spreads of waits; none for Form I-131 at New York, whose page
//! therefore says too few were decided to estimate.

use crate::domain::{ANumber, CaseStatus, FormType};
use crate::error::AppError;
use crate::server::cases::estimates;
use crate::server::entities::{case, case_event, immigration_record};
use chrono::{DateTime, Duration, NaiveDate, Utc};
use sea_orm::{ColumnTrait, DatabaseConnection, EntityTrait, QueryFilter, Set};
use std::collections::HashMap;

/// Form, how many, the shortest wait in days and the spread above it.
const BATCHES: [(FormType, usize, i64, i64); 2] = [(FormType::I485, 45, 160, 260), (FormType::N400, 35, 120, 200)];
const OFFICE: &str = "NBC";
const NAMES: [&str; 6] = ["Rosa Delgado", "Kwame Owusu", "Mei Lin Chen", "Arjun Mehta", "Irina Volkova", "Omar Haddad"];

pub async fn seed(db: &DatabaseConnection, now: DateTime<Utc>) -> Result<usize, AppError> {
    let first = ANumber::parse("A060000001").expect("demo A-Number");
    let seeded = immigration_record::Entity::find()
        .filter(immigration_record::Column::ANumber.eq(first.as_str()))
        .one(db)
        .await?;
    if seeded.is_some() {
        return Ok(0);
    }
    // Three statements for all of them (records, cases, histories): seeding runs before every test.
    let mut people = Vec::new();
    let mut n = 0;
    for (form, how_many, shortest, spread) in BATCHES {
        for i in 0..how_many as i64 {
            n += 1;
            // Waits spread evenly over [shortest, shortest + spread), decided 5 to 200 days ago.
            let decided_at = now - Duration::days(5 + (i * 13) % 195);
            let filed_at = decided_at - Duration::days(shortest + (i * 37) % spread);
            let decision = if i % 9 == 4 { CaseStatus::CaseWasDenied } else { CaseStatus::CaseWasApproved };
            people.push((n, form, filed_at, decided_at, decision));
        }
    }
    let country = crate::domain::CountryName::parse("Mexico").expect("demo country");
    let a_number = |n: usize| ANumber::parse(&format!("A0600{n:05}")).expect("demo A-Number").as_str().to_owned();
    immigration_record::Entity::insert_many(people.iter().map(|(n, ..)| {
        let name = crate::domain::PersonName::parse(NAMES[n % NAMES.len()]).expect("demo name");
        immigration_record::ActiveModel {
            a_number: Set(Some(a_number(*n))),
            full_name: Set(name.as_str().to_owned()),
            name_key: Set(name.match_key()),
            date_of_birth: Set(NaiveDate::from_ymd_opt(
                1980 + (n % 20) as i32,
                1 + (n % 12) as u32,
                1 + (n % 28) as u32,
            )
            .expect("a date")),
            country_of_birth: Set(country.as_str().to_owned()),
            country_key: Set(country.match_key()),
            created_at: Set(now),
            ..Default::default()
        }
    }))
    .exec_without_returning(db)
    .await?;
    let records = immigration_record::Entity::find()
        .filter(immigration_record::Column::ANumber.starts_with("A0600"))
        .all(db)
        .await?;
    let names: Vec<_> = records.iter().map(|r| (r.id, r.name_key.as_str())).collect();
    crate::server::cases::search::index_names(db, &names).await?;
    let records: HashMap<String, _> = records.into_iter().filter_map(|r| Some((r.a_number?, r.id))).collect();
    let receipt = |n: usize| format!("IOE8{n:09}");
    case::Entity::insert_many(people.iter().map(|(n, form, filed_at, decided_at, decision)| case::ActiveModel {
        receipt_number: Set(receipt(*n)),
        record_id: Set(records[&a_number(*n)]),
        form_type: Set(*form),
        status: Set(*decision),
        filed_on: Set(filed_at.date_naive()),
        status_updated_at: Set(*decided_at),
        office: Set(OFFICE.to_owned()),
        ..Default::default()
    }))
    .exec_without_returning(db)
    .await?;
    let cases: HashMap<String, _> = case::Entity::find()
        .filter(case::Column::ReceiptNumber.starts_with("IOE8"))
        .all(db)
        .await?
        .into_iter()
        .map(|c| (c.receipt_number, c.id))
        .collect();
    let mut events = Vec::new();
    let mut counts: HashMap<(FormType, i64), i64> = HashMap::new();
    for (n, form, filed_at, decided_at, decision) in &people {
        let case_id = cases[&receipt(*n)];
        for (status, at) in [(CaseStatus::CaseWasReceived, *filed_at), (*decision, *decided_at)] {
            events.push(case_event::ActiveModel {
                case_id: Set(case_id),
                status: Set(status),
                occurred_at: Set(at),
                ..Default::default()
            });
        }
        *counts.entry((*form, (decided_at.date_naive() - filed_at.date_naive()).num_days())).or_default() += 1;
    }
    case_event::Entity::insert_many(events).exec_without_returning(db).await?;
    for ((form, days), count) in counts {
        estimates::record_decisions(db, form, OFFICE, days, count).await?;
    }
    Ok(people.len())
}
