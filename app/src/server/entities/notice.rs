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

/// A notice without its bodies: what a list of notices shows (the dashboard reads many, and each
/// body may be pages long).
#[derive(Clone, Debug, PartialEq, Eq, DerivePartialModel)]
#[sea_orm(entity = "Entity")]
pub struct Line {
    pub id: NoticeId,
    pub case_id: CaseId,
    pub notice_type: NoticeType,
    pub notice_date: Date,
    pub title: String,
    pub response_due_on: Option<Date>,
    pub title_es: Option<String>,
}

impl From<&Model> for Line {
    fn from(notice: &Model) -> Self {
        Line {
            id: notice.id,
            case_id: notice.case_id,
            notice_type: notice.notice_type,
            notice_date: notice.notice_date,
            title: notice.title.clone(),
            response_due_on: notice.response_due_on,
            title_es: notice.title_es.clone(),
        }
    }
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
