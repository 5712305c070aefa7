//! Table `processing_times`: how many cases of a form at an office were decided `days` after filing.

use crate::domain::FormType;
use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "processing_times")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i32,
    pub form_type: FormType,
    pub office: String,
    pub days: i32,
    pub decided: i64,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
