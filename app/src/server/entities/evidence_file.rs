//! Table `evidence_files`: a file uploaded in answer to a Request for Evidence (`cases::evidence`).

use crate::domain::{AccountId, CaseId, NoticeId};
use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "evidence_files")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i32,
    pub case_id: CaseId,
    /// The request notice it answers.
    pub notice_id: NoticeId,
    pub account_id: AccountId,
    /// Where the file store keeps it.
    pub object_key: String,
    /// The name it came with, cleaned (`cases::evidence::clean_name`).
    pub file_name: String,
    /// `pdf`, `jpeg`, `png` or `tiff`, as its bytes say.
    pub kind: String,
    pub size: i64,
    pub sha256: String,
    pub uploaded_at: DateTimeUtc,
    /// The response that submitted it; `None` while it may still be removed.
    pub response_id: Option<i32>,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
