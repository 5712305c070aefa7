//! Table `notification_choices`: the channel an account chose for one kind of news.

use crate::domain::{AccountId, Channel, NotificationKind};
use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "notification_choices")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i32,
    pub account_id: AccountId,
    pub kind: NotificationKind,
    pub channel: Channel,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
