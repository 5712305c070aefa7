//! Table `immigration_records`: the agency's file on one person, which accounts link to.

use crate::domain::RecordId;
use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "immigration_records")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: RecordId,
    #[sea_orm(unique)]
    pub a_number: Option<String>,
    #[sea_orm(unique)]
    pub uscis_number: Option<String>,
    pub full_name: String,
    pub name_key: String,
    pub date_of_birth: Date,
    pub country_of_birth: String,
    pub country_key: String,
    pub created_at: DateTimeUtc,
    /// A `domain::PostalAddress` as JSON; see `cases::address_change`.
    pub mailing_address: Option<String>,
    pub physical_address: Option<String>,
    pub address_changed_at: Option<DateTimeUtc>,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
