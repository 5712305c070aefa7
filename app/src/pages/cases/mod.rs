//! An applicant's cases: the dashboard and one case's page.

pub mod add_case;
pub mod address;
pub mod case_detail;
pub mod dashboard;
pub mod evidence;
pub mod inquiries;
pub mod notifications;
pub mod reschedule;
