//! Adding a case filed on paper to the account. A paper filing is not on the account by itself
//! (someone may have filed it for the person); its owner adds it with the receipt number from the
//! paper receipt notice and either the online access code from the case's Account Access Notice
//! (single use, 90 days) or the date of birth on their record.
//!
//! - **Only one's own.** A case joins the account only if it belongs to the record the account is
//!   linked to. An unknown receipt number, someone else's case and a wrong code or date all get the
//!   same "we could not add this case", so the form cannot tell whether a receipt number exists.
//! - **Bounded.** Every attempt is counted before it is evaluated: 10 a day per account
//!   (`Limit::PaperCaseAttemptsPerAccount`).
//! - **Kind to repeats.** A case already on the account is answered as such, not as an error.

use crate::domain::{CaseId, ReceiptNumber};
use crate::error::{AppError, FormError};
use crate::server::entities::{case, case_access_code, immigration_record};
use crate::server::identity::record_link::{normalise_access_code, ACCESS_CODE_LIFETIME};
use crate::server::identity::sessions::ActiveSession;
use crate::server::limits::{self, Limit};
use crate::server::notify::live::News;
use crate::server::AppState;
use chrono::NaiveDate;
use sea_orm::sea_query::{Condition, Expr};
use sea_orm::{ActiveModelTrait, ColumnTrait, EntityTrait, QueryFilter, Set};

const CODE_PURPOSE: &str = "case_access_code";

/// What proves the case is the asker's, besides its belonging to their record.
#[derive(Debug, Clone)]
pub enum CaseProof {
    /// The online access code printed on the case's Account Access Notice.
    AccessCode(String),
    /// The date of birth on the record, as typed.
    DateOfBirth(NaiveDate),
}

/// The cases an applicant sees of their record: every case filed online, and paper cases once
/// added. Every query of an applicant's cases filters by this (with the record).
pub fn shown_online() -> Condition {
    Condition::any().add(case::Column::FiledOnPaper.eq(false)).add(case::Column::AddedOnlineAt.is_not_null())
}

fn code_hash(state: &AppState, case_id: CaseId, typed: &str) -> String {
    state.config.secret_key.lookup_hash(CODE_PURPOSE, case_id, &normalise_access_code(typed))
}

/// The hashes `typed` may be stored under (codes mailed before a key rotation match too).
fn code_hashes(state: &AppState, case_id: CaseId, typed: &str) -> Vec<String> {
    state.config.secret_key.lookup_hashes(CODE_PURPOSE, case_id, &normalise_access_code(typed))
}

/// Stores `code` as a live access code of the case (issued now). Codes come with the cases from
/// the agency's own systems, which print the notice; the demo seed publishes its codes.
pub async fn store_access_code(state: &AppState, case_id: CaseId, code: &str) -> Result<(), AppError> {
    let hash = code_hash(state, case_id, code);
    let exists = case_access_code::Entity::find()
        .filter(case_access_code::Column::CodeHash.eq(hash.as_str()))
        .one(&state.db)
        .await?
        .is_some();
    if !exists {
        case_access_code::ActiveModel {
            case_id: Set(case_id),
            code_hash: Set(hash),
            issued_at: Set(state.now()),
            used_at: Set(None),
            ..Default::default()
        }
        .insert(&state.db)
        .await?;
    }
    Ok(())
}

/// Uses up `typed` if it is a live access code of the case (a conditional update: two racing uses
/// cannot both win).
async fn use_access_code(state: &AppState, case_id: CaseId, typed: &str) -> Result<bool, AppError> {
    let now = state.now();
    let used = case_access_code::Entity::update_many()
        .col_expr(case_access_code::Column::UsedAt, Expr::value(now))
        .filter(case_access_code::Column::CaseId.eq(case_id))
        .filter(case_access_code::Column::CodeHash.is_in(code_hashes(state, case_id, typed)))
        .filter(case_access_code::Column::UsedAt.is_null())
        .filter(case_access_code::Column::IssuedAt.gt(now - ACCESS_CODE_LIFETIME))
        .exec(&state.db)
        .await?;
    Ok(used.rows_affected == 1)
}

/// Adds the paper case with this receipt number to the signed-in applicant's account.
pub async fn add(
    state: &AppState,
    session: &ActiveSession,
    typed_receipt: &str,
    proof: CaseProof,
) -> Result<ReceiptNumber, AppError> {
    let receipt = ReceiptNumber::parse(typed_receipt).map_err(|reason| FormError::ReceiptInvalid.because(reason))?;
    let account_key = session.account_id.to_string();
    limits::count_or_refuse(state, &[(Limit::PaperCaseAttemptsPerAccount, &account_key)]).await?;
    let not_added = || Err(FormError::CaseNotAdded.into());
    let Some(record_id) = session.record_id else { return not_added() };
    let Some(row) = case::Entity::find()
        .filter(case::Column::ReceiptNumber.eq(receipt.as_str()))
        .filter(case::Column::RecordId.eq(record_id))
        .one(&state.db)
        .await?
    else {
        return not_added();
    };
    if !row.filed_on_paper || row.added_online_at.is_some() {
        return Err(FormError::CaseAlreadyAdded.into());
    }
    let proven = match &proof {
        CaseProof::AccessCode(code) => use_access_code(state, row.id, code).await?,
        CaseProof::DateOfBirth(typed) => immigration_record::Entity::find_by_id(record_id)
            .one(&state.db)
            .await?
            .is_some_and(|record| record.date_of_birth == *typed),
    };
    if !proven {
        return not_added();
    }
    let added = case::Entity::update_many()
        .col_expr(case::Column::AddedOnlineAt, Expr::value(state.now()))
        .filter(case::Column::Id.eq(row.id))
        .filter(case::Column::AddedOnlineAt.is_null())
        .exec(&state.db)
        .await?;
    if added.rows_affected != 1 {
        return Err(FormError::CaseAlreadyAdded.into());
    }
    // The account's other open pages show the case at once.
    state.live.publish(&state.db, News::CasesChanged(session.account_id)).await;
    Ok(receipt)
}
