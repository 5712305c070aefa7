//! Recoveries of a lost second factor; see `identity/second_factors/recovery.rs`.

use crate::domain::AccountId;
use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "factor_recoveries")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i32,
    pub account_id: AccountId,
    pub started_at: DateTimeUtc,
    pub cancelled_at: Option<DateTimeUtc>,
    pub ready_notified_at: Option<DateTimeUtc>,
    pub completed_at: Option<DateTimeUtc>,
    /// Set when a contact-center agent checked the owner's identity: no 24-hour wait.
    pub wait_waived_at: Option<DateTimeUtc>,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
