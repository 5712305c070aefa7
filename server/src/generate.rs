//! `portico generate`: people, accounts and cases in bulk, for measuring Portico at the size of a
//! real agency (issue 14: a million accounts, five million cases). PostgreSQL only — the scale-out
//! path; a SQLite deployment serves one office.
//!
//! Each table is filled by one `INSERT … SELECT` over `generate_series` on the database server, so
//! nothing travels row by row between here and there (a client loop of inserts would spend hours
//! at this size). What is made:
//!
//! - `accounts` records (`A7` + 8 digits), each with a name from [`FIRST_NAMES`] × [`LAST_NAMES`]
//!   and its name words, and an applicant account linked to it (`generated-<n>@generated.test`,
//!   email confirmed, a password no one knows);
//! - `cases` cases (`MSC` + 10 digits) spread over the records, forms, offices and statuses, each
//!   with a history of three events and a receipt notice; one in ten with a biometrics
//!   appointment ahead.
//!
//! Every value comes from the domain's own lists (statuses, forms, offices), so the pages show
//! them as they show any case. Run it on a database nothing else writes to meanwhile; running it
//! again adds nothing (numbers already there are skipped) until the sizes asked for grow.

use app::domain::office::OFFICES;
use app::domain::{CaseStatus, FormType};
use chrono::{DateTime, Utc};
use sea_orm::{ConnectionTrait, DatabaseConnection, DbBackend, DbErr};

/// Generated people's first and last names (plain ASCII, so each name's match key is the name in
/// lower case; none is a demo person's name).
pub const FIRST_NAMES: [&str; 40] = [
    "Aaliyah",
    "Bashir",
    "Camille",
    "Dmitri",
    "Esperanza",
    "Farid",
    "Giulia",
    "Hiroshi",
    "Ingrid",
    "Jamal",
    "Keiko",
    "Lorenzo",
    "Mireille",
    "Nikolai",
    "Oluwaseun",
    "Priya",
    "Quentin",
    "Rania",
    "Soren",
    "Tamar",
    "Ulises",
    "Valentina",
    "Wojciech",
    "Ximena",
    "Yusuf",
    "Zofia",
    "Anselm",
    "Bronwen",
    "Cosimo",
    "Dagny",
    "Emeka",
    "Fiorella",
    "Gunnar",
    "Halima",
    "Ignatius",
    "Jovana",
    "Kwame",
    "Liesel",
    "Matteo",
    "Noemi",
];
pub const LAST_NAMES: [&str; 50] = [
    "Abernathy",
    "Bakshi",
    "Castellanos",
    "Dvorak",
    "Eriksen",
    "Fontaine",
    "Grigoryan",
    "Haddad",
    "Iwasaki",
    "Jankowski",
    "Kowalczyk",
    "Lindqvist",
    "Mbeki",
    "Nakashima",
    "Okonkwo",
    "Petrovic",
    "Quispe",
    "Rasmussen",
    "Szabo",
    "Tanaka",
    "Urquhart",
    "Villanueva",
    "Whitfield",
    "Xiong",
    "Yilmaz",
    "Zielinski",
    "Achterberg",
    "Bertolini",
    "Cardenas",
    "Delacroix",
    "Esposito",
    "Fairweather",
    "Gallagher",
    "Hakobyan",
    "Ivanova",
    "Jaramillo",
    "Kaczmarek",
    "Lombardi",
    "Mastroianni",
    "Nordstrom",
    "Oyelaran",
    "Pellegrino",
    "Quintero",
    "Rosenthal",
    "Sandoval",
    "Thorvaldsen",
    "Underwood",
    "Vasquez",
    "Wainwright",
    "Yamamoto",
];

/// What was added.
#[derive(Debug, Default)]
pub struct Generated {
    pub records: u64,
    pub accounts: u64,
    pub cases: u64,
    pub events: u64,
    pub notices: u64,
    pub appointments: u64,
}

/// A PostgreSQL array literal of `values` (all plain ASCII words, quoted).
fn array(values: impl IntoIterator<Item = impl AsRef<str>>) -> String {
    let quoted: Vec<String> = values.into_iter().map(|v| format!("'{}'", v.as_ref().replace('\'', "''"))).collect();
    format!("(ARRAY[{}])", quoted.join(","))
}

/// Adds `accounts` people with their accounts and `cases` cases (see the module's comment).
///
/// `password_hash` is stored for every account: the hash of a password no one knows.
pub async fn generate(
    db: &DatabaseConnection,
    password_hash: &str,
    accounts: u64,
    cases: u64,
    now: DateTime<Utc>,
) -> Result<Generated, DbErr> {
    if db.get_database_backend() != DbBackend::Postgres {
        return Err(DbErr::Custom(
            "generate fills PostgreSQL only (DATABASE_URL=postgres://…): it is for measuring the scale-out path".into(),
        ));
    }
    if accounts == 0 && cases > 0 {
        return Err(DbErr::Custom("cases need people: give --accounts too".into()));
    }
    let now = now.to_rfc3339();
    let firsts = array(FIRST_NAMES);
    let lasts = array(LAST_NAMES);
    let statuses = array(CaseStatus::ALL.iter().map(|s| s.key()));
    let forms = array(FormType::ALL.iter().map(|f| f.code()));
    let offices = array(OFFICES.iter().map(|o| o.code));
    let mut done = Generated::default();
    let tx = app::server::begin_write(db).await?;
    let name = |n: &str| format!("{firsts}[1 + {n} % 40] || ' ' || {lasts}[1 + ({n} / 40) % 50]");
    done.records = tx
        .execute_unprepared(&format!(
            "INSERT INTO immigration_records (a_number, full_name, name_key, date_of_birth, country_of_birth, country_key, created_at)
             SELECT 'A7' || lpad(n::text, 8, '0'), {full}, lower({full}),
                    DATE '1950-01-01' + (n * 37 % 18000)::int, 'Mexico', 'mexico', '{now}'
             FROM generate_series(1, {accounts}) AS n
             ON CONFLICT (a_number) DO NOTHING",
            full = name("n"),
        ))
        .await?
        .rows_affected();
    // The name words of the records just added (the index a search by name reads).
    tx.execute_unprepared(
        "INSERT INTO record_name_words (word, record_id)
         SELECT DISTINCT w, r.id FROM immigration_records r, regexp_split_to_table(r.name_key, '\\s+') AS w
         WHERE r.a_number LIKE 'A7%' AND NOT EXISTS (SELECT 1 FROM record_name_words x WHERE x.record_id = r.id)",
    )
    .await?;
    done.accounts = tx
        .execute_unprepared(&format!(
            "INSERT INTO accounts (email, password_hash, record_id, record_linked_at, created_at, email_confirmed_at, language, role)
             SELECT 'generated-' || n || '@generated.test', '{password_hash}', r.id, '{now}', '{now}', '{now}', 'en', 'applicant'
             FROM generate_series(1, {accounts}) AS n
             JOIN immigration_records r ON r.a_number = 'A7' || lpad(n::text, 8, '0')
             ON CONFLICT DO NOTHING"
        ))
        .await?
        .rows_affected();
    let before: i32 = tx
        .query_one_raw(sea_orm::Statement::from_string(DbBackend::Postgres, "SELECT coalesce(max(id), 0) FROM cases"))
        .await?
        .map_or(Ok(0), |row| row.try_get_by_index(0))?;
    done.cases = tx
        .execute_unprepared(&format!(
            "INSERT INTO cases (receipt_number, record_id, form_type, status, filed_on, status_updated_at, version, office)
             SELECT 'MSC' || lpad(j::text, 10, '0'), r.id,
                    {forms}[1 + j % {form_count}], {statuses}[1 + (j / 7) % {status_count}],
                    (TIMESTAMPTZ '{now}' - make_interval(days => (j % 400)::int + 30))::date,
                    TIMESTAMPTZ '{now}' - make_interval(days => (j % 400)::int, mins => (j % 1440)::int), 3,
                    {offices}[1 + (j / 3) % {office_count}]
             FROM generate_series(1, {cases}) AS j
             JOIN immigration_records r ON r.a_number = 'A7' || lpad((1 + (j - 1) % {accounts})::text, 8, '0')
             ON CONFLICT (receipt_number) DO NOTHING",
            form_count = FormType::ALL.len(),
            status_count = CaseStatus::ALL.len(),
            office_count = OFFICES.len(),
        ))
        .await?
        .rows_affected();
    let received = CaseStatus::CaseWasReceived.key();
    let fingerprints = CaseStatus::FingerprintFeeWasReceived.key();
    done.events = tx
        .execute_unprepared(&format!(
            "INSERT INTO case_events (case_id, status, occurred_at)
             SELECT c.id, e.status, e.at FROM cases c, LATERAL (VALUES
                 ('{received}', c.filed_on::timestamptz),
                 ('{fingerprints}', c.filed_on::timestamptz + interval '12 days'),
                 (c.status, c.status_updated_at)) AS e(status, at)
             WHERE c.id > {before}"
        ))
        .await?
        .rows_affected();
    done.notices = tx
        .execute_unprepared(&format!(
            "INSERT INTO notices (case_id, notice_type, notice_date, title, body, title_es, body_es)
             SELECT c.id, 'I-797C', c.filed_on, 'Receipt Notice',
                    'We received your form ' || c.form_type || ' and the fee. Your receipt number is ' || c.receipt_number || '.',
                    'Aviso de Recibo',
                    'Recibimos su formulario ' || c.form_type || ' y la tarifa. Su número de recibo es ' || c.receipt_number || '.'
             FROM cases c WHERE c.id > {before}"
        ))
        .await?
        .rows_affected();
    done.appointments = tx
        .execute_unprepared(&format!(
            "INSERT INTO appointments (case_id, kind, scheduled_at, time_zone, place_name, place_address, place_code)
             SELECT c.id, 'biometrics', TIMESTAMPTZ '{now}' + make_interval(days => 3 + ((c.id / 10) % 60)::int, hours => 9),
                    'America/Los_Angeles', 'Los Angeles Application Support Center',
                    '3000 Wilshire Blvd, Los Angeles, CA 90010', 'LAA'
             FROM cases c WHERE c.id > {before} AND c.id % 10 = 0"
        ))
        .await?
        .rows_affected();
    tx.commit().await?;
    // Fresh statistics, so the planner knows the tables' new sizes at once.
    db.execute_unprepared("ANALYZE").await?;
    Ok(done)
}
