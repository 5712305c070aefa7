//! Table `evidence_responses`: a submitted response to one Request for Evidence (one per notice).

use crate::domain::{AccountId, CaseId, NoticeId};
use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "evidence_responses")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i32,
    pub case_id: CaseId,
    pub notice_id: NoticeId,
    pub account_id: AccountId,
    /// The full name typed as signature (it matched the record's).
    pub signed_name: String,
    pub submitted_at: DateTimeUtc,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
