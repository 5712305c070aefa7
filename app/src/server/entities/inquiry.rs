//! Table `inquiries`: a thread of secure messages about one case (`server::cases::inquiries`).

use crate::domain::{AccountId, CaseId, InquiryId, InquiryKind};
use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "inquiries")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: InquiryId,
    pub case_id: CaseId,
    /// The applicant who sent it (the case's owner then).
    pub account_id: AccountId,
    pub kind: InquiryKind,
    pub opened_at: DateTimeUtc,
    pub last_message_at: DateTimeUtc,
    /// The applicant wrote last: it waits in the staff queue.
    pub awaiting_staff: bool,
    /// Closed by staff with their last answer: no more replies.
    pub closed_at: Option<DateTimeUtc>,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
