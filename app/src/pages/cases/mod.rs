//! An applicant's cases: the dashboard and one case's page.

pub mod case_detail;
pub mod dashboard;
pub mod notifications;
