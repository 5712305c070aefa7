//! Online access codes mailed on paper to a record's address; see `record_link.rs`.

use crate::domain::RecordId;
use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "record_access_codes")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i32,
    pub record_id: RecordId,
    #[sea_orm(unique)]
    pub code_hash: String,
    pub issued_at: DateTimeUtc,
    pub used_at: Option<DateTimeUtc>,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
