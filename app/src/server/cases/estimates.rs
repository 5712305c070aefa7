//! Processing-time estimates from the portal's own decided cases: "80% of Form X cases at <office>
//! were decided within N months", with how many decided cases that rests on (no estimate below
//! [`MIN_DECIDED`]), and the day a case is "outside normal processing time" — the 93rd
//! percentile after its filing — from which an inquiry about it may be sent.
//!
//! The counts live in `processing_times`, a histogram per form and office (days from filing to
//! decision → how many cases): [`record_decision`] adds one in the decision's own transaction, and
//! [`estimate`] reads one form and office's rows, so it costs the same at a thousand cases or five
//! million.

use crate::domain::case_workflow::is_decision;
use crate::domain::{CaseStatus, FormType};
use crate::server::entities::{case, case_event, processing_time};
use chrono::{Duration, NaiveDate};
use sea_orm::sea_query::{Expr, OnConflict};
use sea_orm::{
    ColumnTrait, ConnectionTrait, DbErr, EntityTrait, PaginatorTrait, QueryFilter, QueryOrder, QuerySelect, Set,
};

/// The share of decided cases the estimate's "within" covers.
pub const SHARE_PERCENT: u64 = 80;
/// Past this share a pending case is outside normal processing time: an inquiry may be sent.
pub const INQUIRY_PERCENT: u64 = 93;
/// Fewer decided cases than this make no estimate.
pub const MIN_DECIDED: u64 = 30;

/// What the decided cases of one form at one office say.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Estimate {
    pub decided: u64,
    /// [`SHARE_PERCENT`] of them were decided within this many days of filing.
    pub within_days: i64,
    /// [`INQUIRY_PERCENT`] of them were decided within this many days.
    pub inquiry_after_days: i64,
}

impl Estimate {
    /// `within_days` in whole months, rounded up ("within 7 months"), at least one.
    pub fn within_months(&self) -> i64 {
        // An average month is 365.25 / 12 = 487/16 days: whole numbers, rounded up.
        ((self.within_days * 16 + 486) / 487).max(1)
    }

    /// The first day a case filed on `filed_on` is outside normal processing time.
    pub fn inquiry_from(&self, filed_on: NaiveDate) -> NaiveDate {
        filed_on + Duration::days(self.inquiry_after_days + 1)
    }
}

/// The smallest day count that at least `percent` of the cases in `histogram` (days, cases;
/// ascending days) were decided within.
pub fn percentile(histogram: &[(i64, u64)], percent: u64) -> Option<i64> {
    let total: u64 = histogram.iter().map(|(_, n)| n).sum();
    let wanted = (total * percent).div_ceil(100).max(1);
    let mut seen = 0;
    for (days, n) in histogram {
        seen += n;
        if seen >= wanted {
            return Some(*days);
        }
    }
    None
}

/// The estimate for `form` at `office`, or `None` while fewer than [`MIN_DECIDED`] were decided.
pub async fn estimate(db: &impl ConnectionTrait, form: FormType, office: &str) -> Result<Option<Estimate>, DbErr> {
    let rows = processing_time::Entity::find()
        .filter(processing_time::Column::FormType.eq(form))
        .filter(processing_time::Column::Office.eq(office))
        .order_by_asc(processing_time::Column::Days)
        .all(db)
        .await?;
    let histogram: Vec<(i64, u64)> = rows.iter().map(|r| (i64::from(r.days), r.decided.max(0) as u64)).collect();
    let decided: u64 = histogram.iter().map(|(_, n)| n).sum();
    if decided < MIN_DECIDED {
        return Ok(None);
    }
    Ok(percentile(&histogram, SHARE_PERCENT)
        .zip(percentile(&histogram, INQUIRY_PERCENT))
        .map(|(within_days, inquiry_after_days)| Estimate { decided, within_days, inquiry_after_days }))
}

/// Counts one decision of `form` at `office`, `days` after filing, on `db` (the decision's
/// transaction). One statement: two decisions at once both count.
pub async fn record_decision(db: &impl ConnectionTrait, form: FormType, office: &str, days: i64) -> Result<(), DbErr> {
    record_decisions(db, form, office, days, 1).await
}

/// Counts `count` decisions of `form` at `office`, each `days` after filing.
pub async fn record_decisions(
    db: &impl ConnectionTrait,
    form: FormType,
    office: &str,
    days: i64,
    count: i64,
) -> Result<(), DbErr> {
    let row = processing_time::ActiveModel {
        form_type: Set(form),
        office: Set(office.to_owned()),
        days: Set(days.clamp(0, i64::from(i32::MAX)) as i32),
        decided: Set(count),
        ..Default::default()
    };
    // The existing count is named with its table: PostgreSQL finds a bare name ambiguous here.
    processing_time::Entity::insert(row)
        .on_conflict(
            OnConflict::columns([
                processing_time::Column::FormType,
                processing_time::Column::Office,
                processing_time::Column::Days,
            ])
            .value(
                processing_time::Column::Decided,
                sea_orm::sea_query::ExprTrait::add(
                    Expr::col((processing_time::Entity, processing_time::Column::Decided)),
                    count,
                ),
            )
            .to_owned(),
        )
        .exec_without_returning(db)
        .await?;
    Ok(())
}

/// Counts every decision already in the case histories, when nothing is counted yet (the first
/// start after this table appeared). Reads the histories a page at a time.
pub async fn rebuild_if_empty(db: &impl ConnectionTrait) -> Result<u64, DbErr> {
    if processing_time::Entity::find().count(db).await? > 0 {
        return Ok(0);
    }
    const PAGE: u64 = 1000;
    let decisions: Vec<CaseStatus> = CaseStatus::ALL.iter().copied().filter(|s| is_decision(*s)).collect();
    let mut after = 0;
    let mut counted = 0;
    loop {
        let events = case_event::Entity::find()
            .filter(case_event::Column::Status.is_in(decisions.clone()))
            .filter(case_event::Column::Id.gt(after))
            .order_by_asc(case_event::Column::Id)
            .limit(PAGE)
            .all(db)
            .await?;
        let Some(last) = events.last() else { return Ok(counted) };
        after = last.id;
        let ids: Vec<_> = events.iter().map(|e| e.case_id).collect();
        let cases = case::Entity::find().filter(case::Column::Id.is_in(ids)).all(db).await?;
        for event in &events {
            if let Some(row) = cases.iter().find(|c| c.id == event.case_id) {
                let days = (event.occurred_at.date_naive() - row.filed_on).num_days();
                record_decision(db, row.form_type, &row.office, days).await?;
                counted += 1;
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn percentiles_read_the_histogram_from_the_fastest() {
        // 100 cases: 50 in 100 days, 30 in 200, 13 in 300, 7 in 400.
        let histogram = [(100, 50), (200, 30), (300, 13), (400, 7)];
        assert_eq!(percentile(&histogram, 50), Some(100));
        assert_eq!(percentile(&histogram, 80), Some(200));
        assert_eq!(percentile(&histogram, 81), Some(300));
        assert_eq!(percentile(&histogram, 93), Some(300));
        assert_eq!(percentile(&histogram, 94), Some(400));
        assert_eq!(percentile(&[], 80), None);
    }

    #[test]
    fn months_round_up_and_the_inquiry_date_is_the_day_after() {
        let estimate = Estimate { decided: 40, within_days: 200, inquiry_after_days: 300 };
        assert_eq!(estimate.within_months(), 7, "200 days is 6.6 months");
        assert_eq!(Estimate { within_days: 0, ..estimate }.within_months(), 1);
        assert_eq!(Estimate { within_days: 61, ..estimate }.within_months(), 3, "61 days is just over 2 months");
        let filed = NaiveDate::from_ymd_opt(2026, 1, 1).unwrap();
        assert_eq!(estimate.inquiry_from(filed), NaiveDate::from_ymd_opt(2026, 10, 29).unwrap());
    }
}
