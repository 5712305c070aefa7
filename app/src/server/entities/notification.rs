//! Table `notifications`: what changed on an applicant's cases, listed in the app until read.

use crate::domain::{AccountId, CaseId, CaseStatus, NoticeId};
use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "notifications")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i32,
    pub account_id: AccountId,
    pub case_id: CaseId,
    /// The status the case moved to.
    pub status: CaseStatus,
    /// The notice issued with the change, if one was.
    pub notice_id: Option<NoticeId>,
    pub created_at: DateTimeUtc,
    pub read_at: Option<DateTimeUtc>,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
