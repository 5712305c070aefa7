//! People the bench adds to the server's database before it listens: applicants whose accounts
//! copy the demo's (password hash and authenticator key — hashing hundreds of passwords here would
//! take longer than the phases that use them), each linked to a record of their own with cases.

use app::domain::{CaseStatus, FormType, NoticeType};
use app::server::entities::{account, case, case_event, immigration_record, notice};
use chrono::{DateTime, Duration as Days, Utc};
use sea_orm::{ActiveModelTrait as _, ConnectionTrait, Set};

/// One case of an added applicant: received 98 days ago and moved to `status` 5 days ago, with a
/// receipt notice and — when `due_in_days` says so — a request for evidence due then.
pub struct CaseSpec {
    pub receipt: String,
    pub form: FormType,
    pub status: CaseStatus,
    pub due_in_days: Option<i64>,
}

/// Adds an applicant with the login of `demo` (its password and authenticator key) under `email`,
/// linked to a new record (A-Number `a_number`, born `born`) holding `cases` at the New York office.
pub async fn add_applicant(
    db: &impl ConnectionTrait,
    demo: &account::Model,
    email: String,
    a_number: &str,
    born: chrono::NaiveDate,
    cases: &[CaseSpec],
    now: DateTime<Utc>,
) {
    let name = app::domain::PersonName::parse("Sam Soakwell").unwrap();
    let country = app::domain::CountryName::parse("Mexico").unwrap();
    let record = immigration_record::ActiveModel {
        a_number: Set(Some(app::domain::ANumber::parse(a_number).unwrap().as_str().to_owned())),
        full_name: Set(name.as_str().to_owned()),
        name_key: Set(name.match_key()),
        date_of_birth: Set(born),
        country_of_birth: Set(country.as_str().to_owned()),
        country_key: Set(country.match_key()),
        created_at: Set(now),
        ..Default::default()
    }
    .insert(db)
    .await
    .unwrap();
    let mut copy: account::ActiveModel = account::Model {
        email,
        record_id: Some(record.id),
        record_linked_at: Some(now),
        totp_last_step: None,
        ..demo.clone()
    }
    .into();
    copy.id = sea_orm::ActiveValue::NotSet;
    copy.insert(db).await.unwrap();
    for spec in cases {
        let row = case::ActiveModel {
            receipt_number: Set(spec.receipt.clone()),
            record_id: Set(record.id),
            form_type: Set(spec.form),
            status: Set(spec.status),
            filed_on: Set((now - Days::days(100)).date_naive()),
            status_updated_at: Set(now - Days::days(5)),
            office: Set("NYC".to_owned()),
            filed_on_paper: Set(false),
            ..Default::default()
        }
        .insert(db)
        .await
        .unwrap();
        let received = CaseStatus::CaseWasReceived;
        for (status, days_ago) in [(received, 98), (spec.status, 5)] {
            case_event::ActiveModel {
                case_id: Set(row.id),
                status: Set(status),
                occurred_at: Set(now - Days::days(days_ago)),
                ..Default::default()
            }
            .insert(db)
            .await
            .unwrap();
        }
        let mut notices = vec![(NoticeType::I797C, received, 98, None)];
        if let Some(days) = spec.due_in_days {
            notices.push((NoticeType::I797E, spec.status, 5, Some((now + Days::days(days)).date_naive())));
        }
        for (notice_type, status, days_ago, response_due_on) in notices {
            notice::ActiveModel {
                case_id: Set(row.id),
                notice_type: Set(notice_type),
                notice_date: Set((now - Days::days(days_ago)).date_naive()),
                title: Set(status.title_en().to_owned()),
                body: Set(format!("{} (bench).", status.title_en())),
                title_es: Set(Some(status.title_es().to_owned())),
                body_es: Set(Some(format!("{} (bench).", status.title_es()))),
                response_due_on: Set(response_due_on),
                ..Default::default()
            }
            .insert(db)
            .await
            .unwrap();
        }
    }
}

/// The account whose dashboard the pages phase reads: 20 cases with their notices, as issue 14
/// describes the page ("session check + 20 cases + notices"); one in three waits on evidence.
pub const READER_EMAIL: &str = "reader@example.com";
pub const READER_CASES: usize = 20;

/// Adds the reader (see [`READER_EMAIL`]).
pub async fn add_reader(db: &impl ConnectionTrait, demo: &account::Model, now: DateTime<Utc>) {
    let forms = [FormType::I485, FormType::I765, FormType::I131, FormType::I130];
    let cases: Vec<CaseSpec> = (0..READER_CASES)
        .map(|i| {
            let evidence = i % 3 == 0;
            CaseSpec {
                receipt: format!("WAC07{i:08}"),
                form: forms[i % forms.len()],
                status: match evidence {
                    true => CaseStatus::RequestForEvidenceWasSent,
                    false => CaseStatus::CaseIsBeingActivelyReviewed,
                },
                due_in_days: evidence.then_some(30 + i as i64),
            }
        })
        .collect();
    let born = chrono::NaiveDate::from_ymd_opt(1975, 6, 1).unwrap();
    add_applicant(db, demo, READER_EMAIL.to_owned(), "A050000001", born, &cases, now).await;
}
