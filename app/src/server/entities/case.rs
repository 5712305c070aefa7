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
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
