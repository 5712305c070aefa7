//! sea-orm entities, one per table. Relations are expressed in the repositories' queries instead of
//! here: every query that reaches a case goes through the account that asks, see `cases.rs`.

pub mod account;
pub mod appointment;
pub mod appointment_slot;
pub mod audit_entry;
pub mod backup_code;
pub mod caller_verification;
pub mod case;
pub mod case_access_code;
pub mod case_event;
pub mod email_token;
pub mod evidence_file;
pub mod evidence_response;
pub mod factor_recovery;
pub mod immigration_record;
pub mod inquiry;
pub mod inquiry_message;
pub mod limit_event;
pub mod notice;
pub mod notification;
pub mod notification_choice;
pub mod one_time_code;
pub mod outbox_message;
pub mod processing_time;
pub mod record_access_code;
pub mod record_dispute;
pub mod record_name_word;
pub mod security_event;
pub mod session;
pub mod sign_in_attempt;
