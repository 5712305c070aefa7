//! Table `case_events`: each status a case passed through, and when.

use crate::domain::{CaseId, CaseStatus};
use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "case_events")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i32,
    pub case_id: CaseId,
    pub status: CaseStatus,
    pub occurred_at: DateTimeUtc,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}

/// Adds "the case reached `status` at `at`" to its history, on `db` (the change's transaction).
pub async fn append(
    db: &impl ConnectionTrait,
    case_id: CaseId,
    status: CaseStatus,
    at: DateTimeUtc,
) -> Result<Model, DbErr> {
    ActiveModel {
        case_id: sea_orm::Set(case_id),
        status: sea_orm::Set(status),
        occurred_at: sea_orm::Set(at),
        ..Default::default()
    }
    .insert(db)
    .await
}
