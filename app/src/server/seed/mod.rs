//! Demo data: four people, their cases across every stage, notices, appointments and an open
//! Request for Evidence. Seeding is idempotent (a person already present is skipped) and dates are
//! relative to `now`, so the demo always has an upcoming appointment and a future due date.

use crate::domain::{ANumber, CaseId, CountryName, Password, PersonName, ReceiptNumber, RecordId, UscisNumber};
use demo_cases::{DemoCase, AHMED_CASES, LI_CASES, MARIA_CASES, MARIA_PAPER_CASES, SOFIA_CASES};
mod decided;
mod demo_cases;
mod inquiries;
pub mod slots;
pub mod staff_and_queue;

use crate::error::AppError;
use crate::server::entities::{account, appointment, case, case_event, immigration_record, notice};
use crate::server::AppState;
use chrono::{DateTime, Duration, NaiveDate, Utc};
use sea_orm::{ActiveModelTrait, ColumnTrait, DatabaseConnection, EntityTrait, QueryFilter, Set};

/// The demo sign-in printed by `make run` and written in the README. Keep the three in step.
pub const DEMO_EMAIL: &str = "demo@portico.test";
pub const DEMO_PASSWORD: &str = "Harbor-Lantern-Portico-26";
/// The demo account's authenticator secret (base32, 160 bits), so a reviewer can sign in with
/// `oathtool --totp -b JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP` or any authenticator app. Demo only.
pub const DEMO_TOTP_SECRET_BASE32: &str = "JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP";

/// The demo secret as bytes.
pub fn demo_totp_secret() -> Vec<u8> {
    const ALPHABET: &[u8] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";
    let mut bits = 0u64;
    let mut count = 0;
    let mut out = Vec::new();
    for c in DEMO_TOTP_SECRET_BASE32.bytes() {
        let value = ALPHABET.iter().position(|a| *a == c).expect("base32 letter") as u64;
        bits = (bits << 5) | value;
        count += 5;
        if count >= 8 {
            count -= 8;
            out.push((bits >> count) as u8);
            bits &= (1 << count) - 1;
        }
    }
    out
}

pub struct DemoPerson {
    pub a_number: Option<&'static str>,
    pub uscis_number: Option<&'static str>,
    pub full_name: &'static str,
    pub date_of_birth: (i32, u32, u32),
    pub country_of_birth: &'static str,
    /// The online access code of the demo Account Access Notice (published, like the demo password):
    /// with the details above it links the record at once.
    pub access_code: &'static str,
}

/// The record a new account can link to in the demo (printed by `make run`).
pub const RECORD_TO_LINK: DemoPerson = DemoPerson {
    a_number: Some("A123456789"),
    uscis_number: None,
    full_name: "Ahmed Hassan Ali",
    date_of_birth: (1979, 11, 2),
    country_of_birth: "Egypt",
    access_code: "AHMD-7Q4K-9WXP",
};

/// The demo applicant's paper-filed case added with the access code from its notice (published,
/// like the demo password), and the one added with her date of birth (April 28, 1986).
pub const PAPER_CASE_WITH_CODE: &str = "IOE0912345609";
pub const PAPER_CASE_ACCESS_CODE: &str = "PAPR-4K7N-2QXD";
pub const PAPER_CASE_BY_DATE_OF_BIRTH: &str = "IOE0912345610";

/// A second unlinked record, so that the hydrated and the no-JavaScript end-to-end journeys can
/// each link one.
pub const SECOND_RECORD_TO_LINK: DemoPerson = DemoPerson {
    a_number: Some("A076543210"),
    uscis_number: None,
    full_name: "Sofía Ramírez Cruz",
    date_of_birth: (1990, 2, 14),
    country_of_birth: "El Salvador",
    access_code: "SFRC-3T8N-2MVZ",
};

const MARIA: DemoPerson = DemoPerson {
    a_number: Some("A087654321"),
    uscis_number: None,
    full_name: "María Elena García López",
    date_of_birth: (1986, 4, 28),
    country_of_birth: "Mexico",
    access_code: "MRGZ-4N7D-3KQA",
};

const LI: DemoPerson = DemoPerson {
    a_number: None,
    uscis_number: Some("987654321"),
    full_name: "Li Wei Chen",
    date_of_birth: (1992, 7, 15),
    country_of_birth: "China",
    access_code: "WECH-5H6J-8RTB",
};

pub struct SeedReport {
    pub people_created: usize,
    pub demo_account_created: bool,
    pub staff_created: usize,
}

pub async fn seed_demo(state: &AppState, now: DateTime<Utc>) -> Result<SeedReport, AppError> {
    let (db, passwords) = (&state.db, &state.passwords);
    let mut people_created = 0;
    let mut maria_record = None;
    for (person, cases) in
        [(&MARIA, MARIA_CASES), (&RECORD_TO_LINK, AHMED_CASES), (&LI, LI_CASES), (&SECOND_RECORD_TO_LINK, SOFIA_CASES)]
    {
        let (record_id, created) = ensure_person(db, person, now).await?;
        crate::server::identity::record_link::store_access_code(state, record_id, person.access_code).await?;
        if created {
            people_created += 1;
            for demo_case in cases {
                insert_case(db, record_id, demo_case, false, now).await?;
            }
            if std::ptr::eq(person, &MARIA) {
                for (demo_case, code) in MARIA_PAPER_CASES {
                    let case_id = insert_case(db, record_id, demo_case, true, now).await?;
                    if let Some(code) = code {
                        crate::server::cases::paper_cases::store_access_code(state, case_id, code).await?;
                    }
                }
            }
        }
        if std::ptr::eq(person, &MARIA) {
            maria_record = Some(record_id);
        }
    }
    let demo_account_created =
        match account::Entity::find().filter(account::Column::Email.eq(DEMO_EMAIL)).one(db).await? {
            Some(_) => false,
            None => {
                let hash = passwords
                    .hash(Password::parse_new(DEMO_PASSWORD).expect("demo password follows the rules"))
                    .await?;
                account::ActiveModel {
                    email: Set(DEMO_EMAIL.to_owned()),
                    password_hash: Set(hash),
                    record_id: Set(maria_record),
                    record_linked_at: Set(Some(now)),
                    email_confirmed_at: Set(Some(now)),
                    created_at: Set(now),
                    totp_secret: Set(Some(state.config.secret_key.seal(&demo_totp_secret()))),
                    totp_enrolled_at: Set(Some(now)),
                    ..Default::default()
                }
                .insert(db)
                .await?;
                true
            }
        };
    let staff_created = staff_and_queue::seed(state, now).await?;
    slots::seed(db, now).await?;
    decided::seed(db, now).await?;
    inquiries::seed(db, now).await?;
    Ok(SeedReport { people_created, demo_account_created, staff_created })
}

async fn ensure_person(
    db: &DatabaseConnection,
    person: &DemoPerson,
    now: DateTime<Utc>,
) -> Result<(RecordId, bool), AppError> {
    let a_number = person.a_number.map(|n| ANumber::parse(n).expect("demo A-Number").as_str().to_owned());
    let uscis_number =
        person.uscis_number.map(|n| UscisNumber::parse(n).expect("demo USCIS number").as_str().to_owned());
    let existing = match (&a_number, &uscis_number) {
        (Some(a), _) => {
            immigration_record::Entity::find()
                .filter(immigration_record::Column::ANumber.eq(a.as_str()))
                .one(db)
                .await?
        }
        (None, Some(u)) => {
            immigration_record::Entity::find()
                .filter(immigration_record::Column::UscisNumber.eq(u.as_str()))
                .one(db)
                .await?
        }
        (None, None) => None,
    };
    if let Some(record) = existing {
        return Ok((record.id, false));
    }
    let name = PersonName::parse(person.full_name).expect("demo name");
    let country = CountryName::parse(person.country_of_birth).expect("demo country");
    let (y, m, d) = person.date_of_birth;
    let record = immigration_record::ActiveModel {
        a_number: Set(a_number),
        uscis_number: Set(uscis_number),
        full_name: Set(name.as_str().to_owned()),
        name_key: Set(name.match_key()),
        date_of_birth: Set(NaiveDate::from_ymd_opt(y, m, d).expect("demo date of birth")),
        country_of_birth: Set(country.as_str().to_owned()),
        country_key: Set(country.match_key()),
        created_at: Set(now),
        ..Default::default()
    }
    .insert(db)
    .await?;
    crate::server::cases::search::index_names(db, &[(record.id, &record.name_key)]).await?;
    Ok((record.id, true))
}

async fn insert_case(
    db: &DatabaseConnection,
    record_id: RecordId,
    demo: &DemoCase,
    filed_on_paper: bool,
    now: DateTime<Utc>,
) -> Result<CaseId, AppError> {
    let receipt = ReceiptNumber::parse(demo.receipt).expect("demo receipt number");
    let (first_status, first_days) = demo.history[0];
    let (current, current_days) = *demo.history.last().expect("demo history");
    debug_assert_eq!(first_status, crate::domain::CaseStatus::CaseWasReceived);
    let inserted = case::ActiveModel {
        receipt_number: Set(receipt.as_str().to_owned()),
        record_id: Set(record_id),
        form_type: Set(demo.form),
        status: Set(current),
        filed_on: Set((now - Duration::days(first_days + 2)).date_naive()),
        status_updated_at: Set(now - Duration::days(current_days)),
        office: Set(staff_and_queue::office_of_receipt(demo.receipt).to_owned()),
        filed_on_paper: Set(filed_on_paper),
        ..Default::default()
    }
    .insert(db)
    .await?;
    for (status, days_ago) in demo.history {
        case_event::ActiveModel {
            case_id: Set(inserted.id),
            status: Set(*status),
            occurred_at: Set(now - Duration::days(*days_ago)),
            ..Default::default()
        }
        .insert(db)
        .await?;
    }
    for n in demo.notices {
        notice::ActiveModel {
            case_id: Set(inserted.id),
            notice_type: Set(n.notice_type),
            notice_date: Set((now - Duration::days(n.days_ago)).date_naive()),
            title: Set(n.title.to_owned()),
            body: Set(n.body.to_owned()),
            title_es: Set(Some(n.title_es.to_owned())),
            body_es: Set(Some(n.body_es.to_owned())),
            response_due_on: Set(n.due_in_days.map(|d| (now + Duration::days(d)).date_naive())),
            ..Default::default()
        }
        .insert(db)
        .await?;
    }
    for a in demo.appointments {
        let day = (now + Duration::days(a.in_days)).date_naive();
        let place = crate::domain::office::place(a.place).expect("a demo place is a known place");
        appointment::ActiveModel {
            case_id: Set(inserted.id),
            kind: Set(a.kind),
            scheduled_at: Set(day.and_hms_opt(a.hour_utc, 0, 0).expect("demo hour").and_utc()),
            time_zone: Set(place.time_zone.to_owned()),
            place_name: Set(place.name.to_owned()),
            place_address: Set(place.address.to_owned()),
            place_code: Set(Some(place.code.to_owned())),
            ..Default::default()
        }
        .insert(db)
        .await?;
    }
    Ok(inserted.id)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_demo_history_follows_the_case_workflow() {
        use crate::domain::case_workflow::may_follow;
        let paper = MARIA_PAPER_CASES.iter().map(|(case, _)| case);
        for case in MARIA_CASES.iter().chain(AHMED_CASES).chain(LI_CASES).chain(SOFIA_CASES).chain(paper) {
            assert_eq!(case.history[0].0, crate::domain::CaseStatus::CaseWasReceived, "{}", case.receipt);
            for pair in case.history.windows(2) {
                let ((from, from_days), (to, to_days)) = (pair[0], pair[1]);
                assert!(may_follow(from, to), "{}: {from:?} may not be followed by {to:?}", case.receipt);
                assert!(to_days < from_days, "{}: history runs forward in time", case.receipt);
            }
        }
    }

    #[test]
    fn demo_secret_decodes_to_160_bits_that_encode_back_the_same() {
        let secret = demo_totp_secret();
        assert_eq!(secret.len(), 20);
        assert_eq!(
            crate::server::identity::second_factors::totp::provisioning(&secret, DEMO_EMAIL).1,
            DEMO_TOTP_SECRET_BASE32
        );
    }
}
