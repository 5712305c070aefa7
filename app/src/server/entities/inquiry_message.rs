//! Table `inquiry_messages`: one message of an inquiry, from its applicant or from staff.

use crate::domain::{AccountId, InquiryId};
use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "inquiry_messages")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i32,
    pub inquiry_id: InquiryId,
    /// The staff member who wrote it; `None` for the applicant's own.
    pub staff_id: Option<AccountId>,
    /// Plain text, as typed (trimmed, line breaks kept); pages show it as text, never markup.
    pub body: String,
    pub sent_at: DateTimeUtc,
    /// When the other side first read it.
    pub read_at: Option<DateTimeUtc>,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
