//! What staff find and open: cases searched by receipt number, A-Number or name (each word typed
//! begins a word of the name; accents and case ignored), form, status and office; an office's
//! queue of open cases, oldest change first; and one case with its record, history, notices and
//! appointments. Every search and every case opened is written to the audit log.

use crate::domain::office::office;
use crate::domain::{
    case_workflow, key_words, ANumber, CaseId, CaseStatus, FormType, PersonName, ReceiptNumber, RecordId,
};
use crate::error::{AppError, FormError};
use crate::server::cases::queries::{self, AppointmentRead, HistoryRead, NoticeRead};
use crate::server::entities::{account, appointment, case, immigration_record, record_name_word};
use crate::server::identity::sessions::ActiveSession;
use crate::server::staff::audit::{self, AuditAction, AuditEntry};
use crate::server::AppState;
use chrono::{DateTime, NaiveDate, Utc};
use sea_orm::sea_query::{Alias, Expr, Query};
use sea_orm::{
    ActiveValue::Set, ColumnTrait, Condition, ConnectionTrait, DbErr, EntityTrait, QueryFilter, QueryOrder,
    QuerySelect, QueryTrait,
};
use std::collections::HashMap;

/// Cases on one page of results.
pub const PAGE_SIZE: u64 = 25;

/// What an officer looks for; every part optional, but at least one given.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct CaseQuery {
    /// A receipt number, an A-Number, or (part of) a name.
    pub text: String,
    pub form: Option<FormType>,
    pub status: Option<CaseStatus>,
    pub office: Option<String>,
    /// From 0.
    pub page: u64,
}

/// One case in a list of results.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CaseRow {
    pub receipt_number: String,
    pub form: FormType,
    pub status: CaseStatus,
    pub full_name: String,
    pub office: String,
    pub status_updated_at: DateTime<Utc>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CasePage {
    pub rows: Vec<CaseRow>,
    /// From 0.
    pub page: u64,
    /// How many cases match, when at most [`COUNT_LIMIT`] do; `None` when more do.
    pub total: Option<u64>,
    /// Whether a page follows this one.
    pub has_next: bool,
}

impl CasePage {
    /// How many pages there are, when the cases were counted.
    pub fn pages(&self) -> Option<u64> {
        self.total.map(|total| total.div_ceil(PAGE_SIZE).max(1))
    }
}

/// Lists count their cases up to this many; beyond, a list says "more than" and pages on while
/// there are more. Counting every match of a busy office's queue read about 900,000 rows at five
/// million cases (p50 736 ms, `make bench-scale`); counting up to the limit reads at most this many.
pub const COUNT_LIMIT: u64 = 1_000;

/// The record a case belongs to, as staff see it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RecordRead {
    pub id: RecordId,
    pub full_name: String,
    pub a_number: Option<String>,
    pub uscis_number: Option<String>,
    pub date_of_birth: NaiveDate,
    pub country_of_birth: String,
    /// The applicant account linked to it, if any (its email).
    pub linked_account: Option<String>,
}

/// An appointment as staff see it: cancelled ones too, with the id a move or cancellation names.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StaffAppointmentRead {
    pub id: crate::domain::AppointmentId,
    pub appointment: AppointmentRead,
    pub cancelled_at: Option<DateTime<Utc>>,
    /// How many times its applicant moved it, and their reason for the latest move.
    pub rescheduled: Option<(i32, String)>,
}

/// One case as the console shows it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StaffCaseRead {
    pub id: CaseId,
    pub row: CaseRow,
    /// The version a change must name (see `changes::apply`).
    pub version: i32,
    pub filed_on: NaiveDate,
    pub record: RecordRead,
    pub history: Vec<HistoryRead>,
    pub notices: Vec<NoticeRead>,
    pub appointments: Vec<StaffAppointmentRead>,
    /// The statuses the workflow allows next.
    pub next_statuses: Vec<CaseStatus>,
}

async fn page_of(state: &AppState, find: sea_orm::Select<case::Entity>, page: u64) -> Result<CasePage, AppError> {
    // Counted up to one past the limit (any rows will do, so no order).
    let mut capped = find.clone().select_only().column(case::Column::Id).limit(COUNT_LIMIT + 1).into_query();
    capped.clear_order_by();
    let count = Query::select().expr(Expr::cust("COUNT(*)")).from_subquery(capped, Alias::new("capped")).to_owned();
    let counted: i64 = match state.db.query_one(&count).await? {
        Some(row) => row.try_get_by_index(0)?,
        None => 0,
    };
    let total = u64::try_from(counted).ok().filter(|n| *n <= COUNT_LIMIT);
    // Past the end of a counted list, its last page. An uncounted list's page is only bounded so
    // that its offset stays a number the database takes (a typed `page=` far past the end shows
    // an empty page).
    let page = total.map_or(page.min(u64::from(u32::MAX)), |total| page.min(total.div_ceil(PAGE_SIZE).max(1) - 1));
    let mut cases = find.offset(page * PAGE_SIZE).limit(PAGE_SIZE + 1).all(&state.db).await?;
    let has_next = cases.len() as u64 > PAGE_SIZE;
    cases.truncate(PAGE_SIZE as usize);
    let record_ids: Vec<RecordId> = cases.iter().map(|c| c.record_id).collect();
    let names: HashMap<RecordId, String> = immigration_record::Entity::find()
        .filter(immigration_record::Column::Id.is_in(record_ids))
        .all(&state.db)
        .await?
        .into_iter()
        .map(|r| (r.id, r.full_name))
        .collect();
    let rows = cases
        .into_iter()
        .map(|c| CaseRow {
            full_name: names.get(&c.record_id).cloned().unwrap_or_default(),
            receipt_number: c.receipt_number,
            form: c.form_type,
            status: c.status,
            office: c.office,
            status_updated_at: c.status_updated_at,
        })
        .collect();
    Ok(CasePage { rows, page, total, has_next })
}

/// The least string above every string that begins with `prefix`: its last character one higher
/// (code point order, which the byte order of UTF-8 keeps, and so the words' byte-order
/// collation). `None` when nothing is above (every character the highest).
fn above_prefix(prefix: &str) -> Option<String> {
    let mut chars: Vec<char> = prefix.chars().collect();
    while let Some(last) = chars.pop() {
        let next = match last as u32 + 1 {
            0xD800 => 0xE000,
            n => n,
        };
        if let Some(next) = char::from_u32(next) {
            chars.push(next);
            return Some(chars.into_iter().collect());
        }
    }
    None
}

/// Keeps the words of these records' name keys (`immigration_records.name_key`) in
/// `record_name_words`, the index a search by name reads, in place of what was kept for them.
/// Whoever writes a record's name key calls it too.
pub async fn index_names(db: &impl ConnectionTrait, records: &[(RecordId, &str)]) -> Result<(), DbErr> {
    for chunk in records.chunks(500) {
        record_name_word::Entity::delete_many()
            .filter(record_name_word::Column::RecordId.is_in(chunk.iter().map(|(id, _)| *id)))
            .exec(db)
            .await?;
        let mut rows = Vec::new();
        for (id, key) in chunk {
            rows.extend(
                key_words(key)
                    .into_iter()
                    .map(|word| record_name_word::ActiveModel { word: Set(word.to_owned()), record_id: Set(*id) }),
            );
        }
        if !rows.is_empty() {
            record_name_word::Entity::insert_many(rows).exec_without_returning(db).await?;
        }
    }
    Ok(())
}

/// Cases matching `query`, most recently changed first. Audited (the query is the detail).
pub async fn search(state: &AppState, staff: &ActiveSession, query: &CaseQuery) -> Result<CasePage, AppError> {
    let text = query.text.trim();
    if text.is_empty() && query.form.is_none() && query.status.is_none() && query.office.is_none() {
        return Err(FormError::SearchInvalid.into());
    }
    let mut find = case::Entity::find();
    if !text.is_empty() {
        if let Ok(receipt) = ReceiptNumber::parse(text) {
            find = find.filter(case::Column::ReceiptNumber.eq(receipt.as_str()));
        } else {
            let records = immigration_record::Entity::find();
            let records = if let Ok(a_number) = ANumber::parse(text) {
                records.filter(immigration_record::Column::ANumber.eq(a_number.as_str()))
            } else {
                let key = PersonName::parse(text).map_err(|_| FormError::SearchInvalid)?.match_key();
                if key.chars().count() < 2 {
                    return Err(FormError::SearchInvalid.into());
                }
                // Every word of the query begins a word of the name, in any order: a range of
                // the name words' index each (not "anywhere in the name", which only a read of
                // every record can answer).
                let mut all = Condition::all();
                for word in key_words(&key) {
                    let mut words = Query::select();
                    words
                        .column(record_name_word::Column::RecordId)
                        .from(record_name_word::Entity)
                        .and_where(record_name_word::Column::Word.gte(word));
                    if let Some(above) = above_prefix(word) {
                        words.and_where(record_name_word::Column::Word.lt(above));
                    }
                    all = all.add(immigration_record::Column::Id.in_subquery(words.to_owned()));
                }
                records.filter(all)
            };
            // A subquery, not a list of ids read first: a short name ("ma") can match more
            // records than one statement may carry values (65,535 on PostgreSQL, 32,766 on
            // SQLite), and the search would fail.
            let ids = records.select_only().column(immigration_record::Column::Id).into_query();
            find = find.filter(case::Column::RecordId.in_subquery(ids));
        }
    }
    if let Some(form) = query.form {
        find = find.filter(case::Column::FormType.eq(form));
    }
    if let Some(status) = query.status {
        find = find.filter(case::Column::Status.eq(status));
    }
    if let Some(code) = &query.office {
        let office = office(code).ok_or(FormError::SearchInvalid)?;
        find = find.filter(case::Column::Office.eq(office.code));
    }
    let found =
        page_of(state, find.order_by_desc(case::Column::StatusUpdatedAt).order_by_asc(case::Column::Id), query.page)
            .await?;
    let detail = format!(
        "text={text:?} form={} status={} office={} page={}",
        query.form.map_or("", |f| f.code()),
        query.status.map_or("", |s| s.key()),
        query.office.as_deref().unwrap_or(""),
        query.page
    );
    audit::record(
        &state.db,
        state.now(),
        staff,
        AuditEntry { detail: Some(detail), ..AuditEntry::new(AuditAction::SearchCases) },
    )
    .await?;
    Ok(found)
}

/// The open cases of `office_code` (the officer's own office when `None`), the longest waiting
/// first. Audited, like a search (the list names people).
pub async fn queue(
    state: &AppState,
    staff: &ActiveSession,
    office_code: Option<&str>,
    page: u64,
) -> Result<(String, CasePage), AppError> {
    let code = office_code
        .or(staff.office.as_deref())
        .and_then(office)
        .map_or(crate::domain::office::OFFICES[0].code, |o| o.code);
    let open: Vec<CaseStatus> = CaseStatus::ALL.iter().copied().filter(|s| case_workflow::is_open(*s)).collect();
    let find = case::Entity::find()
        .filter(case::Column::Office.eq(code))
        .filter(case::Column::Status.is_in(open))
        .order_by_asc(case::Column::StatusUpdatedAt)
        .order_by_asc(case::Column::Id);
    let found = page_of(state, find, page).await?;
    let detail = format!("queue office={code} page={page}");
    audit::record(
        &state.db,
        state.now(),
        staff,
        AuditEntry { detail: Some(detail), ..AuditEntry::new(AuditAction::SearchCases) },
    )
    .await?;
    Ok((code.to_owned(), found))
}

/// One case with everything staff need to work it. Audited.
pub async fn open_case(state: &AppState, staff: &ActiveSession, receipt: &str) -> Result<StaffCaseRead, AppError> {
    let row = queries::case_by_receipt(state, receipt).await?;
    let record =
        immigration_record::Entity::find_by_id(row.record_id).one(&state.db).await?.ok_or(AppError::NotFound)?;
    let linked = account::Entity::find().filter(account::Column::RecordId.eq(row.record_id)).one(&state.db).await?;
    let (history, notices) = queries::history_and_notices(state, &row).await?;
    let appointments = appointment::Entity::find()
        .filter(appointment::Column::CaseId.eq(row.id))
        .order_by_asc(appointment::Column::ScheduledAt)
        .all(&state.db)
        .await?;
    audit::record(
        &state.db,
        state.now(),
        staff,
        AuditEntry { record_id: Some(row.record_id), case_id: Some(row.id), ..AuditEntry::new(AuditAction::ReadCase) },
    )
    .await?;
    Ok(StaffCaseRead {
        id: row.id,
        version: row.version,
        filed_on: row.filed_on,
        history,
        notices,
        appointments: appointments
            .iter()
            .map(|a| StaffAppointmentRead {
                id: a.id,
                appointment: queries::appointment_read(a, &row.receipt_number, state.now()),
                cancelled_at: a.cancelled_at,
                rescheduled: a.reschedule_reason.clone().map(|reason| (a.times_rescheduled, reason)),
            })
            .collect(),
        next_statuses: case_workflow::next_statuses(row.status),
        record: RecordRead {
            id: record.id,
            full_name: record.full_name.clone(),
            a_number: record.a_number,
            uscis_number: record.uscis_number,
            date_of_birth: record.date_of_birth,
            country_of_birth: record.country_of_birth,
            linked_account: linked.map(|a| a.email),
        },
        row: CaseRow {
            full_name: record.full_name,
            receipt_number: row.receipt_number,
            form: row.form_type,
            status: row.status,
            office: row.office,
            status_updated_at: row.status_updated_at,
        },
    })
}

#[cfg(test)]
mod tests {
    use super::above_prefix;

    #[test]
    fn a_prefix_range_ends_just_above_every_word_it_begins() {
        assert_eq!(above_prefix("garc").as_deref(), Some("gard"));
        assert_eq!(above_prefix("maz").as_deref(), Some("ma{"));
        assert_eq!(above_prefix("иван").as_deref(), Some("ивао"));
        assert_eq!(above_prefix("a\u{D7FF}").as_deref(), Some("a\u{E000}"));
        assert_eq!(above_prefix("a\u{10FFFF}").as_deref(), Some("b"));
        assert_eq!(above_prefix("\u{10FFFF}"), None);
        for word in ["garcia", "garc", "garcz", "garc\u{10FFFF}"] {
            assert!(word >= "garc" && word < above_prefix("garc").unwrap().as_str(), "{word}");
        }
        assert!("gard" >= above_prefix("garc").unwrap().as_str());
    }
}
