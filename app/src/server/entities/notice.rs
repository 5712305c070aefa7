use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "notices")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i32,
    pub case_id: i32,
    pub notice_type: String,
    pub notice_date: Date,
    pub title: String,
    #[sea_orm(column_type = "Text")]
    pub body: String,
    pub response_due_on: Option<Date>,
    pub title_es: Option<String>,
    #[sea_orm(column_type = "Text", nullable)]
    pub body_es: Option<String>,
}

impl Model {
    /// The title in `lang`, or the English one where the notice has no translation.
    pub fn title_in(&self, lang: crate::i18n::Lang) -> &str {
        match (lang, &self.title_es) {
            (crate::i18n::Lang::Es, Some(title)) => title,
            _ => &self.title,
        }
    }

    /// The notice's words in `lang`, or the English ones where it has no translation.
    pub fn body_in(&self, lang: crate::i18n::Lang) -> &str {
        match (lang, &self.body_es) {
            (crate::i18n::Lang::Es, Some(body)) => body,
            _ => &self.body,
        }
    }
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
