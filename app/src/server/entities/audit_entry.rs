//! Table `audit_log`: append-only, one row per staff read of a record or case and per staff write.

use crate::domain::{AccountId, CaseId, RecordId, Role};
use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "audit_log")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i32,
    pub at: DateTimeUtc,
    /// The staff member who acted.
    pub actor_id: AccountId,
    pub actor_role: Role,
    /// `staff::audit::AuditAction` key.
    pub action: String,
    /// The applicant account acted on, if any.
    pub account_id: Option<AccountId>,
    pub record_id: Option<RecordId>,
    pub case_id: Option<CaseId>,
    #[sea_orm(column_type = "Text", nullable)]
    pub reason: Option<String>,
    #[sea_orm(column_type = "Text", nullable)]
    pub detail: Option<String>,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
