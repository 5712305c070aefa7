//! Table `sessions`: server-side sign-in sessions, found by the hash of their cookie.

use crate::domain::{AccountId, SessionId};
use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "sessions")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: SessionId,
    #[sea_orm(unique)]
    pub token_hash: String,
    pub account_id: AccountId,
    pub created_at: DateTimeUtc,
    pub last_seen_at: DateTimeUtc,
    pub ended_at: Option<DateTimeUtc>,
    pub ip_address: Option<String>,
    pub user_agent: Option<String>,
    /// When the second factor was given. `None`: only the password was accepted so far, and the
    /// session can do nothing but finish signing in.
    pub second_factor_at: Option<DateTimeUtc>,
    /// Sealed text for a page to show once (new backup codes).
    pub flash: Option<String>,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
