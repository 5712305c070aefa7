//! An applicant's cases: what their pages read (`queries`) and notices as PDF documents.

pub mod notice_pdf;
pub mod queries;
