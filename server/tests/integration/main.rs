//! Portico's integration tests: the real router over HTTP, against SQLite and, when
//! `TEST_DATABASE_URL` is set, PostgreSQL. One test binary (not one per file) so the whole
//! server is linked once.

mod common;

mod account_settings;
mod address_change;
mod backups;
mod behind_a_proxy;
mod case_changes;
mod configuration;
mod contact_center;
mod crash;
mod devices;
mod email_confirmation;
mod enumeration;
mod error_path;
mod estimates;
mod evidence;
mod factor_recovery;
mod first_probe;
mod generated;
mod hostile_input;
mod housekeeping;
mod inquiries;
mod journey;
mod key_rotation;
mod limits_everywhere;
mod live_status;
mod metrics;
mod notices;
mod notification_choices;
mod observability;
mod offline;
mod paper_cases;
mod password_reset;
mod phone;
mod query_plans;
mod record_link;
mod rescheduling;
mod second_factor;
mod second_probe;
mod second_probe_phones;
mod security_events;
mod shutdown;
mod sign_in_throttle;
mod staff;
