//! Short codes sent by email (or SMS), kept as keyed hashes; `purpose` says what they are for.

use crate::domain::AccountId;
use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "one_time_codes")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i32,
    pub account_id: AccountId,
    pub purpose: String,
    pub code_hash: String,
    pub created_at: DateTimeUtc,
    pub used_at: Option<DateTimeUtc>,
    /// Tries of this code (counted before each comparison); once `challenge::WRONG_TRIES_PER_CODE`
    /// are used without the right code, it is void.
    pub failed_attempts: i32,
    /// The code sealed with the server key, to re-send while it is still valid.
    pub sealed_code: Option<String>,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
