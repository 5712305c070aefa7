//! Table `notices`: the notices of a case, with their words in English and Spanish.

use crate::domain::{CaseId, NoticeId, NoticeType};
use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "notices")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: NoticeId,
    pub case_id: CaseId,
    pub notice_type: NoticeType,
    pub notice_date: Date,
    pub title: String,
    #[sea_orm(column_type = "Text")]
    pub body: String,
    pub response_due_on: Option<Date>,
    pub title_es: Option<String>,
    #[sea_orm(column_type = "Text", nullable)]
    pub body_es: Option<String>,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
