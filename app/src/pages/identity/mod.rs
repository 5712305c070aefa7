//! Signing up and in, the account's settings, second factors, devices, security events and linking
//! the account to an immigration record.

pub mod account_settings;
pub mod confirm_email;
pub mod password_reset;
pub mod record_link;
pub mod second_factors;
pub mod security_events;
pub mod sessions;
pub mod sign_in;
pub mod sign_in_verify;
pub mod sign_up;
