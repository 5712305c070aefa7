//! Table `outbox`: a notification to deliver, written in the transaction of the change it announces.

use crate::domain::{AccountId, CaseId};
use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "outbox")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i32,
    /// One delivery per key, however often a change is retried.
    #[sea_orm(unique)]
    pub idempotency_key: String,
    /// `notify::outbox::Message` kind.
    pub kind: String,
    pub account_id: AccountId,
    pub case_id: Option<CaseId>,
    /// The message as JSON (`notify::outbox::Message`).
    #[sea_orm(column_type = "Text")]
    pub payload: String,
    pub created_at: DateTimeUtc,
    pub attempts: i32,
    pub next_attempt_at: DateTimeUtc,
    /// A worker holds the message until then; another may take it over afterwards.
    pub claimed_until: Option<DateTimeUtc>,
    pub delivered_at: Option<DateTimeUtc>,
    #[sea_orm(column_type = "Text", nullable)]
    pub last_error: Option<String>,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
