//! Table `caller_verifications`: a contact-center agent checked a caller against a record.

use crate::domain::{AccountId, RecordId};
use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "caller_verifications")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i32,
    pub agent_id: AccountId,
    pub record_id: RecordId,
    pub verified_at: DateTimeUtc,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
