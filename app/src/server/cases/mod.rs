//! Cases: what an applicant reads about theirs (`queries`), notices as PDF documents, what staff
//! find and open (`search`), and how a case changes (`changes`, with its notices' words).

pub mod address_change;
pub mod changes;
pub mod estimates;
pub mod evidence;
pub mod inquiries;
pub mod notice_pdf;
pub mod notice_words;
pub mod notifications;
pub mod paper_cases;
pub mod queries;
pub mod reminders;
pub mod rescheduling;
pub mod search;
