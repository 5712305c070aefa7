//! The applicant's in-app notifications: one per change to one of their cases (written with the
//! change, see `changes`), unread until the case is opened or the list is read.

use crate::domain::{CaseId, CaseStatus, NoticeId};
use crate::error::AppError;
use crate::server::entities::{case, notification};
use crate::server::identity::sessions::ActiveSession;
use crate::server::AppState;
use chrono::{DateTime, Utc};
use sea_orm::sea_query::Expr;
use sea_orm::{ColumnTrait, EntityTrait, PaginatorTrait, QueryFilter, QueryOrder, QuerySelect};
use std::collections::HashMap;

/// How many notifications the list shows.
pub const LISTED: u64 = 50;

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NotificationRead {
    pub receipt_number: String,
    pub status: CaseStatus,
    pub notice_id: Option<NoticeId>,
    pub created_at: DateTime<Utc>,
    pub unread: bool,
}

pub async fn unread_count(state: &AppState, session: &ActiveSession) -> Result<u64, AppError> {
    if let Some(memory) = &state.from_memory {
        return Ok(memory.unread_notifications);
    }
    Ok(notification::Entity::find()
        .filter(notification::Column::AccountId.eq(session.account_id))
        .filter(notification::Column::ReadAt.is_null())
        .count(&state.db)
        .await?)
}

/// The newest notifications, then marks them all read (the list has been seen).
pub async fn read_all(state: &AppState, session: &ActiveSession) -> Result<Vec<NotificationRead>, AppError> {
    let rows = notification::Entity::find()
        .filter(notification::Column::AccountId.eq(session.account_id))
        .order_by_desc(notification::Column::Id)
        .limit(LISTED)
        .all(&state.db)
        .await?;
    let case_ids: Vec<CaseId> = rows.iter().map(|n| n.case_id).collect();
    let receipts: HashMap<CaseId, String> = case::Entity::find()
        .filter(case::Column::Id.is_in(case_ids))
        .all(&state.db)
        .await?
        .into_iter()
        .map(|c| (c.id, c.receipt_number))
        .collect();
    notification::Entity::update_many()
        .col_expr(notification::Column::ReadAt, Expr::value(state.now()))
        .filter(notification::Column::AccountId.eq(session.account_id))
        .filter(notification::Column::ReadAt.is_null())
        .exec(&state.db)
        .await?;
    Ok(rows
        .into_iter()
        .map(|n| NotificationRead {
            receipt_number: receipts.get(&n.case_id).cloned().unwrap_or_default(),
            status: n.status,
            notice_id: n.notice_id,
            created_at: n.created_at,
            unread: n.read_at.is_none(),
        })
        .collect())
}

/// Marks the notifications of one case read (its page was opened).
pub async fn mark_case_read(state: &AppState, session: &ActiveSession, case_id: CaseId) -> Result<(), AppError> {
    notification::Entity::update_many()
        .col_expr(notification::Column::ReadAt, Expr::value(state.now()))
        .filter(notification::Column::AccountId.eq(session.account_id))
        .filter(notification::Column::CaseId.eq(case_id))
        .filter(notification::Column::ReadAt.is_null())
        .exec(&state.db)
        .await?;
    Ok(())
}
