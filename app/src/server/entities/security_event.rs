//! Table `security_events`: the account's security log.

use crate::domain::AccountId;
use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "security_events")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i32,
    pub account_id: AccountId,
    pub kind: String,
    pub at: DateTimeUtc,
    pub ip_address: Option<String>,
    pub user_agent: Option<String>,
    /// The staff member who caused the event (a contact-center agent's action), if one did.
    pub staff_name: Option<String>,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
