//! Change of address (the AR-11 rule: a person must report a new address within 10 days of
//! moving). The addresses live on the person's record; a change is applied to every pending case
//! of the record in one transaction — each case's history gains "Case Was Updated To Show That
//! Address Was Changed" and an AR-11 confirmation notice — and the owner is mailed.
//!
//! The history entry is added without changing the case's current status: the case's progress
//! (its stage, what the officer does next) does not move because its owner moved.

use crate::domain::case_workflow::is_open;
use crate::domain::{CaseStatus, NoticeType, PostalAddress};
use crate::error::{AppError, FormError};
use crate::server::cases::notice_words::NoticeWords;
use crate::server::client::ClientInfo;
use crate::server::entities::{account, case, case_event, immigration_record};
use crate::server::identity::security_events::{self, SecurityEventKind};
use crate::server::identity::sessions::ActiveSession;
use crate::server::limits::{self, Limit};
use crate::server::notify::live::News;
use crate::server::notify::messages::identity::Mail;
use crate::server::AppState;
use chrono::{DateTime, Utc};
use sea_orm::{ActiveModelTrait, ColumnTrait, EntityTrait, QueryFilter, QueryOrder, Set};

/// The days the AR-11 rule gives to report a move.
pub const DAYS_TO_REPORT: u32 = 10;

/// Which address a change is about.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Which {
    Mailing,
    Physical,
    /// The same address for both.
    Both,
}

impl Which {
    pub fn from_key(key: &str) -> Option<Self> {
        match key {
            "mailing" => Some(Which::Mailing),
            "physical" => Some(Which::Physical),
            "both" => Some(Which::Both),
            _ => None,
        }
    }

    pub fn key(self) -> &'static str {
        match self {
            Which::Mailing => "mailing",
            Which::Physical => "physical",
            Which::Both => "both",
        }
    }
}

/// The addresses on file, for the profile page.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AddressesRead {
    pub mailing: Option<PostalAddress>,
    pub physical: Option<PostalAddress>,
    pub changed_at: Option<DateTime<Utc>>,
    /// Receipt numbers of the pending cases a change will be applied to.
    pub pending_cases: Vec<String>,
}

fn stored(text: &Option<String>) -> Option<PostalAddress> {
    text.as_deref().and_then(|json| serde_json::from_str(json).ok())
}

fn linked_record(session: &ActiveSession) -> Result<crate::domain::RecordId, AppError> {
    session.record_id.ok_or_else(|| FormError::RecordNotLinkedYet.into())
}

async fn pending_cases(
    db: &impl sea_orm::ConnectionTrait,
    record_id: crate::domain::RecordId,
) -> Result<Vec<case::Model>, AppError> {
    let cases = case::Entity::find()
        .filter(case::Column::RecordId.eq(record_id))
        .filter(super::paper_cases::shown_online())
        .order_by_asc(case::Column::ReceiptNumber)
        .all(db)
        .await?;
    Ok(cases.into_iter().filter(|c| is_open(c.status)).collect())
}

pub async fn addresses(state: &AppState, session: &ActiveSession) -> Result<AddressesRead, AppError> {
    let record_id = linked_record(session)?;
    let record = immigration_record::Entity::find_by_id(record_id).one(&state.db).await?.ok_or(AppError::NotFound)?;
    Ok(AddressesRead {
        mailing: stored(&record.mailing_address),
        physical: stored(&record.physical_address),
        changed_at: record.address_changed_at,
        pending_cases: pending_cases(&state.db, record_id).await?.into_iter().map(|c| c.receipt_number).collect(),
    })
}

/// Reports `address` as the new mailing and/or physical address. Returns how many pending cases
/// it was applied to.
pub async fn change(
    state: &AppState,
    session: &ActiveSession,
    which: Which,
    address: PostalAddress,
    client: &ClientInfo,
) -> Result<usize, AppError> {
    let record_id = linked_record(session)?;
    limits::count_or_refuse(state, &[(Limit::AddressChangesPerAccount, &session.account_id.to_string())]).await?;
    let now = state.now();
    let today = now.date_naive();
    let json = serde_json::to_string(&address).map_err(|e| crate::server::internal_error("storing an address", e))?;
    let tx = crate::server::begin_write(&state.db).await?;
    let record = immigration_record::Entity::find_by_id(record_id).one(&tx).await?.ok_or(AppError::NotFound)?;
    let mut changing: immigration_record::ActiveModel = record.into();
    if matches!(which, Which::Mailing | Which::Both) {
        changing.mailing_address = Set(Some(json.clone()));
    }
    if matches!(which, Which::Physical | Which::Both) {
        changing.physical_address = Set(Some(json));
    }
    changing.address_changed_at = Set(Some(now));
    changing.update(&tx).await?;
    let cases = pending_cases(&tx, record_id).await?;
    let lines = address.lines();
    for row in &cases {
        case_event::append(&tx, row.id, CaseStatus::AddressWasUpdated, now).await?;
        let (title, body) = confirmation_words(which, &lines, &row.receipt_number, crate::i18n::Lang::En);
        let (title_es, body_es) = confirmation_words(which, &lines, &row.receipt_number, crate::i18n::Lang::Es);
        let words = NoticeWords { notice_type: NoticeType::I797C, title, body, title_es, body_es };
        words.issue(&tx, row.id, today, None).await?;
    }
    tx.commit().await?;
    security_events::record(state, session.account_id, SecurityEventKind::AddressChanged, client).await;
    if let Some(owner) = account::Entity::find_by_id(session.account_id).one(&state.db).await? {
        let mail = Mail::AddressChanged { which: which.key(), address: lines, cases: cases.len() };
        state.mailer.notify_owner(&owner, mail).await;
    }
    // The account's other open pages show the new history entries and notices.
    state.live.publish(&state.db, News::CasesChanged(session.account_id)).await;
    Ok(cases.len())
}

/// The AR-11 confirmation notice's title and text in `lang`.
fn confirmation_words(which: Which, lines: &[String], receipt: &str, lang: crate::i18n::Lang) -> (String, String) {
    let address = lines.join("\n");
    match lang {
        crate::i18n::Lang::En => {
            let what = match which {
                Which::Mailing => "mailing address",
                Which::Physical => "physical address",
                Which::Both => "mailing and physical address",
            };
            (
                "Change of Address Confirmation (AR-11)".to_owned(),
                format!(
                    "We received your change of address for Receipt Number {receipt}. Your {what} is now:\n\n\
                     {address}\n\nWe will send notices and documents for this case to your mailing address. If you \
                     move again, report your new address within {DAYS_TO_REPORT} days."
                ),
            )
        }
        crate::i18n::Lang::Es => {
            let what = match which {
                Which::Mailing => "dirección postal",
                Which::Physical => "dirección física",
                Which::Both => "dirección postal y física",
            };
            (
                "Confirmación de Cambio de Dirección (AR-11)".to_owned(),
                format!(
                    "Recibimos su cambio de dirección para el Número de Recibo {receipt}. Su {what} ahora es:\n\n\
                     {address}\n\nEnviaremos los avisos y documentos de este caso a su dirección postal. Si se muda \
                     otra vez, informe su nueva dirección dentro de {DAYS_TO_REPORT} días."
                ),
            )
        }
    }
}
