//! Inquiries: secure messages about a case between its applicant and USCIS staff. The rules live
//! here:
//!
//! - **What may be asked.** An inquiry has a type (`InquiryKind`). "Outside normal processing time"
//!   only once the case is pending past its inquiry date — the 93rd percentile of its form at its
//!   office (`estimates`); before then, or while too few cases were decided to say, the form says
//!   when it may be sent instead. At most [`MAX_OPEN_PER_CASE`] open inquiries per case, and
//!   [`Limit::InquiryMessagesPerAccount`] messages a day per account: each lands in a person's queue.
//! - **What a message is.** Plain text of 1 to [`MESSAGE_MAX`] characters once trimmed, line breaks
//!   kept; control characters and the invisible direction overrides that make text read
//!   differently than it is stored are refused. Pages show it as text, never as markup.
//! - **Whose turn.** The applicant writing puts the inquiry in the staff queue (`awaiting_staff`);
//!   staff answering takes it out, mails the owner that there is an answer (not the answer: mail is
//!   not a secure channel) and tells their open pages. Staff may close it with their answer; a
//!   closed inquiry takes no more replies.
//! - **Who sees what.** Only the case's owner reads its inquiries (another person's is "not found",
//!   like their case). Staff read and answer them in the console, every read and answer audited;
//!   the applicant sees "USCIS", not which staff member wrote.

use crate::domain::case_workflow;
use crate::domain::{AccountId, CaseStatus, FormType, InquiryId, InquiryKind, NotificationKind};
use crate::error::{AppError, FormError};
use crate::server::cases::{estimates, queries};
use crate::server::entities::{account, case, immigration_record, inquiry, inquiry_message};
use crate::server::identity::sessions::ActiveSession;
use crate::server::limits::{self, Limit};
use crate::server::notify::live::News;
use crate::server::notify::{choices, outbox};
use crate::server::staff::audit::{self, AuditAction, AuditEntry};
use crate::server::AppState;
use chrono::{DateTime, NaiveDate, Utc};
use sea_orm::sea_query::{Expr, Query};
use sea_orm::{
    ActiveModelTrait, ColumnTrait, EntityTrait, JoinType, PaginatorTrait, QueryFilter, QueryOrder, QuerySelect, Set,
};
use std::collections::HashMap;

/// The longest message, in characters.
pub const MESSAGE_MAX: usize = 2000;
/// Open inquiries one case may have at once.
pub const MAX_OPEN_PER_CASE: u64 = 3;
/// Inquiries per page of the staff queue.
pub const QUEUE_PAGE: u64 = 25;

/// A message as it may be sent: trimmed, `\r\n` made `\n`, 1 to [`MESSAGE_MAX`] characters, no
/// control characters but line breaks and tabs, no bidirectional overrides or isolates.
pub fn message(typed: &str) -> Result<String, FormError> {
    let text = typed.replace("\r\n", "\n").replace('\r', "\n");
    let text = text.trim();
    let length = text.chars().count();
    let unsafe_char = |c: char| {
        (c.is_control() && c != '\n' && c != '\t')
            || matches!(c, '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}' | '\u{200E}' | '\u{200F}')
    };
    if length == 0 || length > MESSAGE_MAX || text.chars().any(unsafe_char) {
        return Err(FormError::MessageInvalid);
    }
    Ok(text.to_owned())
}

/// Whether an inquiry of `kind` may be sent about a case in `status` filed on `filed_on` at
/// `today`, given its processing-time estimate. Only "outside normal processing time" has a rule.
pub fn may_ask(
    kind: InquiryKind,
    status: CaseStatus,
    filed_on: NaiveDate,
    estimate: Option<&estimates::Estimate>,
    today: NaiveDate,
) -> Result<(), FormError> {
    match kind {
        InquiryKind::OutsideProcessingTime => {
            let due = estimate.map(|e| e.inquiry_from(filed_on));
            match (case_workflow::is_open(status), due) {
                (true, Some(due)) if today >= due => Ok(()),
                _ => Err(FormError::InquiryTooEarly),
            }
        }
        _ => Ok(()),
    }
}

/// One inquiry in a list.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct InquiryLine {
    pub id: InquiryId,
    pub kind: InquiryKind,
    pub opened_at: DateTime<Utc>,
    pub last_message_at: DateTime<Utc>,
    pub awaiting_staff: bool,
    pub closed: bool,
    /// Messages the reader has not read yet (for the applicant: staff's answers).
    pub unread: u64,
}

/// One message of a thread.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MessageRead {
    /// `None` for the applicant; for staff readers the staff member's name, for the applicant
    /// `Some("")` (USCIS answered: which person is not theirs to know).
    pub from_staff: Option<String>,
    pub body: String,
    pub sent_at: DateTime<Utc>,
}

/// An inquiry with its messages, oldest first (a conversation reads down).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ThreadRead {
    pub receipt_number: String,
    pub inquiry: InquiryLine,
    pub messages: Vec<MessageRead>,
}

/// What the form for a new inquiry needs.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AskRead {
    pub receipt_number: String,
    pub form: FormType,
    /// Every kind, and why it may not be chosen now.
    pub kinds: Vec<(InquiryKind, Option<FormError>)>,
    /// From when "outside normal processing time" may be sent, when that is known.
    pub inquiry_from: Option<NaiveDate>,
    /// The case already has as many open inquiries as allowed.
    pub at_limit: bool,
}

/// The viewer's own case `receipt` (anything else is "not found").
async fn own_case(state: &AppState, session: &ActiveSession, receipt: &str) -> Result<case::Model, AppError> {
    let record_id = session.record_id.ok_or(AppError::NotFound)?;
    queries::case_of_record(state, record_id, receipt).await
}

async fn open_count(db: &impl sea_orm::ConnectionTrait, row: &case::Model) -> Result<u64, AppError> {
    Ok(inquiry::Entity::find()
        .filter(inquiry::Column::CaseId.eq(row.id))
        .filter(inquiry::Column::ClosedAt.is_null())
        .count(db)
        .await?)
}

async fn rules_for(
    state: &AppState,
    row: &case::Model,
) -> Result<(Vec<(InquiryKind, Option<FormError>)>, Option<NaiveDate>), AppError> {
    let estimate = estimates::estimate(&state.db, row.form_type, &row.office).await?;
    let today = state.now().date_naive();
    let kinds = InquiryKind::ALL
        .into_iter()
        .map(|kind| (kind, may_ask(kind, row.status, row.filed_on, estimate.as_ref(), today).err()))
        .collect();
    Ok((kinds, estimate.map(|e| e.inquiry_from(row.filed_on))))
}

/// The form for a new inquiry about the viewer's case `receipt`.
pub async fn ask_form(state: &AppState, session: &ActiveSession, receipt: &str) -> Result<AskRead, AppError> {
    let row = own_case(state, session, receipt).await?;
    let (kinds, inquiry_from) = rules_for(state, &row).await?;
    Ok(AskRead {
        at_limit: open_count(&state.db, &row).await? >= MAX_OPEN_PER_CASE,
        receipt_number: row.receipt_number,
        form: row.form_type,
        kinds,
        inquiry_from,
    })
}

/// Sends a new inquiry of `kind` (its key, as the form posts it) about the viewer's case.
pub async fn ask(
    state: &AppState,
    session: &ActiveSession,
    receipt: &str,
    kind: &str,
    typed: &str,
) -> Result<InquiryId, AppError> {
    let row = own_case(state, session, receipt).await?;
    let kind = InquiryKind::from_key(kind).map_err(|_| FormError::InquiryKindInvalid)?;
    let (kinds, _) = rules_for(state, &row).await?;
    if let Some((_, Some(refused))) = kinds.iter().find(|(k, _)| *k == kind) {
        return Err((*refused).into());
    }
    let body = message(typed)?;
    if open_count(&state.db, &row).await? >= MAX_OPEN_PER_CASE {
        return Err(FormError::InquiryLimitReached.into());
    }
    limits::count_or_refuse(state, &[(Limit::InquiryMessagesPerAccount, &session.account_id.to_string())]).await?;
    let now = state.now();
    let tx = crate::server::begin_write(&state.db).await?;
    // Counted again inside, where inquiries about one case take turns (the case's row locked on
    // PostgreSQL; SQLite's write transaction already serialises writers): two sent at once cannot
    // both be the third.
    case::Entity::find_by_id(row.id).lock_exclusive().one(&tx).await?;
    if open_count(&tx, &row).await? >= MAX_OPEN_PER_CASE {
        return Err(FormError::InquiryLimitReached.into());
    }
    let created = inquiry::ActiveModel {
        case_id: Set(row.id),
        account_id: Set(session.account_id),
        kind: Set(kind),
        opened_at: Set(now),
        last_message_at: Set(now),
        awaiting_staff: Set(true),
        closed_at: Set(None),
        ..Default::default()
    }
    .insert(&tx)
    .await?;
    add_message(&tx, created.id, None, body, now).await?;
    tx.commit().await?;
    tracing::info!(case = row.id.0, inquiry = created.id.0, kind = kind.key(), "inquiry sent");
    state.live.publish(&state.db, News::CasesChanged(session.account_id)).await;
    Ok(created.id)
}

async fn add_message(
    db: &impl sea_orm::ConnectionTrait,
    inquiry_id: InquiryId,
    staff_id: Option<AccountId>,
    body: String,
    now: DateTime<Utc>,
) -> Result<i32, AppError> {
    let added = inquiry_message::ActiveModel {
        inquiry_id: Set(inquiry_id),
        staff_id: Set(staff_id),
        body: Set(body),
        sent_at: Set(now),
        read_at: Set(None),
        ..Default::default()
    }
    .insert(db)
    .await?;
    Ok(added.id)
}

/// The inquiries of case `case_id`, the latest active first, with the applicant's unread counts.
pub async fn of_case(state: &AppState, case_id: crate::domain::CaseId) -> Result<Vec<InquiryLine>, AppError> {
    let rows = inquiry::Entity::find()
        .filter(inquiry::Column::CaseId.eq(case_id))
        .order_by_desc(inquiry::Column::LastMessageAt)
        .order_by_desc(inquiry::Column::Id)
        .all(&state.db)
        .await?;
    let unread = unread_by_inquiry(state, rows.iter().map(|r| r.id).collect()).await?;
    Ok(rows.iter().map(|r| line(r, unread.get(&r.id).copied().unwrap_or(0))).collect())
}

/// Staff messages the applicant has not read, per inquiry.
async fn unread_by_inquiry(state: &AppState, ids: Vec<InquiryId>) -> Result<HashMap<InquiryId, u64>, AppError> {
    let unread: Vec<(InquiryId, i64)> = inquiry_message::Entity::find()
        .select_only()
        .column(inquiry_message::Column::InquiryId)
        .column_as(inquiry_message::Column::Id.count(), "unread")
        .filter(inquiry_message::Column::InquiryId.is_in(ids))
        .filter(inquiry_message::Column::StaffId.is_not_null())
        .filter(inquiry_message::Column::ReadAt.is_null())
        .group_by(inquiry_message::Column::InquiryId)
        .into_tuple()
        .all(&state.db)
        .await?;
    Ok(unread.into_iter().map(|(id, n)| (id, n.max(0) as u64)).collect())
}

/// Staff answers the applicant has not read, per case (for the dashboard): cases with none are
/// left out.
pub async fn unread_by_case(
    state: &AppState,
    account_id: AccountId,
) -> Result<Vec<(crate::domain::CaseId, u64)>, AppError> {
    let of_inquiry = inquiry_message::Entity::belongs_to(inquiry::Entity)
        .from(inquiry_message::Column::InquiryId)
        .to(inquiry::Column::Id)
        .into();
    let unread: Vec<(crate::domain::CaseId, i64)> = inquiry_message::Entity::find()
        .select_only()
        .column(inquiry::Column::CaseId)
        .column_as(inquiry_message::Column::Id.count(), "unread")
        .join(JoinType::InnerJoin, of_inquiry)
        .filter(inquiry::Column::AccountId.eq(account_id))
        .filter(inquiry_message::Column::StaffId.is_not_null())
        .filter(inquiry_message::Column::ReadAt.is_null())
        .group_by(inquiry::Column::CaseId)
        .order_by_asc(inquiry::Column::CaseId)
        .into_tuple()
        .all(&state.db)
        .await?;
    Ok(unread.into_iter().filter(|(_, n)| *n > 0).map(|(case_id, n)| (case_id, n as u64)).collect())
}

fn line(row: &inquiry::Model, unread: u64) -> InquiryLine {
    InquiryLine {
        id: row.id,
        kind: row.kind,
        opened_at: row.opened_at,
        last_message_at: row.last_message_at,
        awaiting_staff: row.awaiting_staff,
        closed: row.closed_at.is_some(),
        unread,
    }
}

async fn own_inquiry(
    state: &AppState,
    session: &ActiveSession,
    receipt: &str,
    id: InquiryId,
) -> Result<(case::Model, inquiry::Model), AppError> {
    let row = own_case(state, session, receipt).await?;
    let found = inquiry::Entity::find_by_id(id)
        .filter(inquiry::Column::CaseId.eq(row.id))
        .one(&state.db)
        .await?
        .ok_or(AppError::NotFound)?;
    Ok((row, found))
}

async fn messages(state: &AppState, id: InquiryId) -> Result<Vec<inquiry_message::Model>, AppError> {
    Ok(inquiry_message::Entity::find()
        .filter(inquiry_message::Column::InquiryId.eq(id))
        .order_by_asc(inquiry_message::Column::SentAt)
        .order_by_asc(inquiry_message::Column::Id)
        .all(&state.db)
        .await?)
}

/// One of the viewer's inquiries with its messages; staff answers become read.
pub async fn thread(
    state: &AppState,
    session: &ActiveSession,
    receipt: &str,
    id: InquiryId,
) -> Result<ThreadRead, AppError> {
    let (row, found) = own_inquiry(state, session, receipt, id).await?;
    let all = messages(state, id).await?;
    let unread = all.iter().filter(|m| m.staff_id.is_some() && m.read_at.is_none()).count() as u64;
    if unread > 0 {
        inquiry_message::Entity::update_many()
            .col_expr(inquiry_message::Column::ReadAt, Expr::value(state.now()))
            .filter(inquiry_message::Column::InquiryId.eq(id))
            .filter(inquiry_message::Column::StaffId.is_not_null())
            .filter(inquiry_message::Column::ReadAt.is_null())
            .exec(&state.db)
            .await?;
    }
    Ok(ThreadRead {
        receipt_number: row.receipt_number,
        inquiry: line(&found, unread),
        messages: all
            .into_iter()
            .map(|m| MessageRead { from_staff: m.staff_id.map(|_| String::new()), body: m.body, sent_at: m.sent_at })
            .collect(),
    })
}

/// The applicant writes again in their inquiry: it goes back to the staff queue.
pub async fn reply(
    state: &AppState,
    session: &ActiveSession,
    receipt: &str,
    id: InquiryId,
    typed: &str,
) -> Result<(), AppError> {
    let (_, found) = own_inquiry(state, session, receipt, id).await?;
    if found.closed_at.is_some() {
        return Err(FormError::InquiryClosed.into());
    }
    let body = message(typed)?;
    limits::count_or_refuse(state, &[(Limit::InquiryMessagesPerAccount, &session.account_id.to_string())]).await?;
    let now = state.now();
    let tx = crate::server::begin_write(&state.db).await?;
    // Only while still open: a close that lands first wins, and this reply is refused.
    let updated = inquiry::Entity::update_many()
        .col_expr(inquiry::Column::AwaitingStaff, Expr::value(true))
        .col_expr(inquiry::Column::LastMessageAt, Expr::value(now))
        .filter(inquiry::Column::Id.eq(id))
        .filter(inquiry::Column::ClosedAt.is_null())
        .exec(&tx)
        .await?;
    if updated.rows_affected != 1 {
        return Err(FormError::InquiryClosed.into());
    }
    add_message(&tx, id, None, body, now).await?;
    tx.commit().await?;
    state.live.publish(&state.db, News::CasesChanged(session.account_id)).await;
    Ok(())
}

/// One inquiry in the staff queue.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct QueueLine {
    pub id: InquiryId,
    pub receipt_number: String,
    pub form: FormType,
    pub office: String,
    pub kind: InquiryKind,
    pub full_name: String,
    /// Since when it has waited for an answer.
    pub waiting_since: DateTime<Utc>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct QueueRead {
    /// The office whose cases' inquiries are listed; `None`: every office.
    pub office: Option<String>,
    pub lines: Vec<QueueLine>,
    pub page: u64,
    pub pages: u64,
    pub total: u64,
}

/// Inquiries awaiting an answer, the longest waiting first: about the cases of the staff member's
/// office when they have one (an officer), else of every office (the contact center). Audited
/// like a case list (it names people).
pub async fn queue(state: &AppState, staff: &ActiveSession, page: u64) -> Result<QueueRead, AppError> {
    let mut find = inquiry::Entity::find()
        .filter(inquiry::Column::AwaitingStaff.eq(true))
        .filter(inquiry::Column::ClosedAt.is_null())
        .order_by_asc(inquiry::Column::LastMessageAt)
        .order_by_asc(inquiry::Column::Id);
    if let Some(office) = &staff.office {
        let at_office = Query::select()
            .column(case::Column::Id)
            .from(case::Entity)
            .and_where(case::Column::Office.eq(office.as_str()))
            .to_owned();
        find = find.filter(inquiry::Column::CaseId.in_subquery(at_office));
    }
    let paginator = find.paginate(&state.db, QUEUE_PAGE);
    let total = paginator.num_items().await?;
    let pages = total.div_ceil(QUEUE_PAGE).max(1);
    let page = page.min(pages - 1);
    let rows = paginator.fetch_page(page).await?;
    let cases: HashMap<_, case::Model> = case::Entity::find()
        .filter(case::Column::Id.is_in(rows.iter().map(|r| r.case_id).collect::<Vec<_>>()))
        .all(&state.db)
        .await?
        .into_iter()
        .map(|c| (c.id, c))
        .collect();
    let names: HashMap<_, String> = immigration_record::Entity::find()
        .filter(immigration_record::Column::Id.is_in(cases.values().map(|c| c.record_id).collect::<Vec<_>>()))
        .all(&state.db)
        .await?
        .into_iter()
        .map(|r| (r.id, r.full_name))
        .collect();
    let lines = rows
        .iter()
        .filter_map(|r| {
            let c = cases.get(&r.case_id)?;
            Some(QueueLine {
                id: r.id,
                receipt_number: c.receipt_number.clone(),
                form: c.form_type,
                office: c.office.clone(),
                kind: r.kind,
                full_name: names.get(&c.record_id).cloned().unwrap_or_default(),
                waiting_since: r.last_message_at,
            })
        })
        .collect();
    let detail = format!("inquiry queue office={} page={page}", staff.office.as_deref().unwrap_or("all"));
    audit::record(
        &state.db,
        state.now(),
        staff,
        AuditEntry { detail: Some(detail), ..AuditEntry::new(AuditAction::SearchCases) },
    )
    .await?;
    Ok(QueueRead { office: staff.office.clone(), lines, page, pages, total })
}

/// An inquiry as staff read it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StaffThreadRead {
    pub id: InquiryId,
    pub receipt_number: String,
    pub form: FormType,
    pub status: CaseStatus,
    pub full_name: String,
    pub inquiry: InquiryLine,
    /// From `from_staff`: the staff member's name (or their email when they have no name).
    pub messages: Vec<MessageRead>,
    /// When "outside normal processing time" may be asked about this case (for context).
    pub inquiry_from: Option<NaiveDate>,
}

/// One inquiry for staff, its applicant's messages read by staff from now. Audited.
pub async fn staff_thread(state: &AppState, staff: &ActiveSession, id: InquiryId) -> Result<StaffThreadRead, AppError> {
    let found = inquiry::Entity::find_by_id(id).one(&state.db).await?.ok_or(AppError::NotFound)?;
    let row = case::Entity::find_by_id(found.case_id).one(&state.db).await?.ok_or(AppError::NotFound)?;
    let record =
        immigration_record::Entity::find_by_id(row.record_id).one(&state.db).await?.ok_or(AppError::NotFound)?;
    let all = messages(state, id).await?;
    let staff_ids: Vec<AccountId> = all.iter().filter_map(|m| m.staff_id).collect();
    let staff_names: HashMap<AccountId, String> = account::Entity::find()
        .filter(account::Column::Id.is_in(staff_ids))
        .all(&state.db)
        .await?
        .into_iter()
        .map(|a| (a.id, a.display_name.unwrap_or(a.email)))
        .collect();
    inquiry_message::Entity::update_many()
        .col_expr(inquiry_message::Column::ReadAt, Expr::value(state.now()))
        .filter(inquiry_message::Column::InquiryId.eq(id))
        .filter(inquiry_message::Column::StaffId.is_null())
        .filter(inquiry_message::Column::ReadAt.is_null())
        .exec(&state.db)
        .await?;
    audit::record(
        &state.db,
        state.now(),
        staff,
        AuditEntry {
            record_id: Some(row.record_id),
            case_id: Some(row.id),
            detail: Some(format!("inquiry={id}")),
            ..AuditEntry::new(AuditAction::ReadInquiry)
        },
    )
    .await?;
    let estimate = estimates::estimate(&state.db, row.form_type, &row.office).await?;
    Ok(StaffThreadRead {
        id,
        receipt_number: row.receipt_number.clone(),
        form: row.form_type,
        status: row.status,
        full_name: record.full_name,
        inquiry: line(&found, 0),
        messages: all
            .into_iter()
            .map(|m| MessageRead {
                from_staff: m.staff_id.map(|s| staff_names.get(&s).cloned().unwrap_or_default()),
                body: m.body,
                sent_at: m.sent_at,
            })
            .collect(),
        inquiry_from: estimate.map(|e| e.inquiry_from(row.filed_on)),
    })
}

/// Staff answer inquiry `id` (and close it when `close`): it leaves the queue, the owner is told
/// there is an answer as they chose for notices (mail, text — through the outbox, in the same
/// transaction) and their open pages hear of it. Audited in the same transaction.
pub async fn answer(
    state: &AppState,
    staff: &ActiveSession,
    id: InquiryId,
    typed: &str,
    close: bool,
) -> Result<(), AppError> {
    let found = inquiry::Entity::find_by_id(id).one(&state.db).await?.ok_or(AppError::NotFound)?;
    let row = case::Entity::find_by_id(found.case_id).one(&state.db).await?.ok_or(AppError::NotFound)?;
    let body = message(typed)?;
    let now = state.now();
    // The owner now: the case may have moved to another account since the inquiry was sent.
    let owner = account::Entity::find()
        .filter(account::Column::RecordId.eq(row.record_id))
        .one(&state.db)
        .await?
        .filter(|o| o.id == found.account_id);
    let tx = crate::server::begin_write(&state.db).await?;
    let mut update = inquiry::Entity::update_many()
        .col_expr(inquiry::Column::AwaitingStaff, Expr::value(false))
        .col_expr(inquiry::Column::LastMessageAt, Expr::value(now))
        .filter(inquiry::Column::Id.eq(id))
        .filter(inquiry::Column::ClosedAt.is_null());
    if close {
        update = update.col_expr(inquiry::Column::ClosedAt, Expr::value(now));
    }
    if update.exec(&tx).await?.rows_affected != 1 {
        return Err(FormError::InquiryClosed.into());
    }
    let message_id = add_message(&tx, id, Some(staff.account_id), body, now).await?;
    if let Some(owner) = &owner {
        let (mail, text) = choices::deliveries(&tx, owner, NotificationKind::Notice).await?;
        let receipt = row.receipt_number.clone();
        let key = format!("inquiry:{id}:m{message_id}");
        if mail {
            let news = outbox::Message::InquiryAnswered { receipt: receipt.clone(), inquiry: id };
            outbox::enqueue(&tx, now, owner.id, Some(row.id), &key, &news).await?;
        }
        if text {
            let news = outbox::Message::InquiryAnsweredText { receipt };
            outbox::enqueue(&tx, now, owner.id, Some(row.id), &format!("{key}:text"), &news).await?;
        }
    }
    audit::record(
        &tx,
        now,
        staff,
        AuditEntry {
            account_id: Some(found.account_id),
            record_id: Some(row.record_id),
            case_id: Some(row.id),
            detail: Some(format!("inquiry={id} closed={close}")),
            ..AuditEntry::new(AuditAction::AnswerInquiry)
        },
    )
    .await?;
    tx.commit().await?;
    tracing::info!(case = row.id.0, inquiry = id.0, close, "inquiry answered");
    if let Some(owner) = owner {
        state.live.publish(&state.db, News::CasesChanged(owner.id)).await;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::Days;

    #[test]
    fn a_message_is_plain_text_of_bounded_length() {
        assert_eq!(message("  Hello,\r\nwhere is my card?  "), Ok("Hello,\nwhere is my card?".to_owned()));
        assert_eq!(message("   \n "), Err(FormError::MessageInvalid));
        assert_eq!(message(&"a".repeat(MESSAGE_MAX)).map(|m| m.len()), Ok(MESSAGE_MAX));
        assert_eq!(message(&"a".repeat(MESSAGE_MAX + 1)), Err(FormError::MessageInvalid));
        assert_eq!(message("bell\u{7}"), Err(FormError::MessageInvalid));
        assert_eq!(message("looks \u{202E}txt.exe"), Err(FormError::MessageInvalid), "a direction override");
        assert_eq!(message("<script>alert(1)</script>"), Ok("<script>alert(1)</script>".to_owned()), "kept as text");
        assert_eq!(message("Nguyễn Văn Đức — محمد"), Ok("Nguyễn Văn Đức — محمد".to_owned()));
    }

    #[test]
    fn outside_processing_time_waits_for_the_inquiry_date() {
        let filed = NaiveDate::from_ymd_opt(2026, 1, 10).unwrap();
        let estimate = estimates::Estimate { decided: 40, within_days: 200, inquiry_after_days: 300 };
        let due = estimate.inquiry_from(filed);
        let pending = CaseStatus::CaseIsBeingActivelyReviewed;
        let outside = InquiryKind::OutsideProcessingTime;
        assert_eq!(may_ask(outside, pending, filed, Some(&estimate), due), Ok(()));
        assert_eq!(
            may_ask(outside, pending, filed, Some(&estimate), due - Days::new(1)),
            Err(FormError::InquiryTooEarly)
        );
        assert_eq!(may_ask(outside, pending, filed, None, due), Err(FormError::InquiryTooEarly), "no estimate");
        assert_eq!(
            may_ask(outside, CaseStatus::CaseWasApproved, filed, Some(&estimate), due),
            Err(FormError::InquiryTooEarly),
            "a decided case is not waiting"
        );
        for kind in InquiryKind::ALL.into_iter().filter(|k| *k != outside) {
            assert_eq!(may_ask(kind, pending, filed, None, filed), Ok(()), "{kind:?}");
        }
    }
}
