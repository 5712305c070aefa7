//! Table `cases`: one filed form of a record, its current status and when it last changed.

use crate::domain::{CaseId, CaseStatus, FormType, RecordId};
use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "cases")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: CaseId,
    #[sea_orm(unique)]
    pub receipt_number: String,
    pub record_id: RecordId,
    pub form_type: FormType,
    pub status: CaseStatus,
    pub filed_on: Date,
    pub status_updated_at: DateTimeUtc,
    /// Bumped by every change; a change names the version it was made against (optimistic concurrency).
    pub version: i32,
    /// The office whose queue the case is in (`domain::office`).
    pub office: String,
    /// Filed on paper: shown on the record's account only once its owner added it (`added_online_at`).
    pub filed_on_paper: bool,
    pub added_online_at: Option<DateTimeUtc>,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
