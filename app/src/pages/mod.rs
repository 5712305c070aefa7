//! One module per route.

pub mod account;
pub mod case_detail;
pub mod confirm_email;
pub mod dashboard;
pub mod devices;
pub mod home;
pub mod link_record;
pub mod not_found;
pub mod password_reset;
pub mod security_events;
pub mod sign_in;
pub mod sign_in_settings;
pub mod sign_in_verify;
pub mod sign_up;
