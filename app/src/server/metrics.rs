//! What a running instance counts for its operators, by name, in one place. Services call these
//! (through the `metrics` facade, a no-op until a recorder is installed); the server installs a
//! Prometheus recorder and serves it on `PORTICO_ADMIN_ADDR` (see `server/src/metrics.rs`), where
//! the gauges read at scrape time (database pool, outbox backlog, hashing queue) are added.

use crate::error::{AppError, FormError};

pub const REQUESTS: &str = "portico_http_requests_total";
pub const REQUEST_SECONDS: &str = "portico_http_request_duration_seconds";
pub const SIGN_IN_STEPS: &str = "portico_sign_in_steps_total";
pub const PASSWORD_HASHING_REFUSED: &str = "portico_password_hashing_refused_total";
pub const PASSWORD_HASHING_IN_FLIGHT: &str = "portico_password_hashing_in_flight";
pub const PASSWORD_HASHING_CAPACITY: &str = "portico_password_hashing_capacity";
pub const OUTBOX_DELIVERIES: &str = "portico_outbox_deliveries_total";
pub const OUTBOX_BACKLOG: &str = "portico_outbox_backlog";
pub const OUTBOX_STUCK: &str = "portico_outbox_stuck";
pub const DB_POOL_CONNECTIONS: &str = "portico_db_pool_connections";
pub const DB_POOL_MAX: &str = "portico_db_pool_max_connections";
pub const LIMIT_REFUSALS: &str = "portico_limit_refusals_total";

/// A step of signing in and how it ended: `password` (any account's password step),
/// `second_factor` (an applicant's code), `staff` (a staff member's whole sign-in, whose refusals
/// all read alike). The outcomes are a closed set, so the series stay few.
pub fn sign_in_step<T>(step: &'static str, result: &Result<T, AppError>) {
    let outcome = match result {
        Ok(_) if step == "password" => "password_accepted",
        Ok(_) => "signed_in",
        Err(AppError::Form(FormError::StaffSignInFailed)) => "refused",
        Err(AppError::Form(FormError::InvalidCredentials)) => "wrong_password",
        Err(AppError::Form(FormError::CodeInvalid)) => "wrong_code",
        Err(AppError::Form(FormError::SignInPaused)) => "paused",
        Err(AppError::Form(FormError::EmailNotConfirmed)) => "email_not_confirmed",
        Err(AppError::TooManyRequests { .. }) => "too_many_from_network",
        Err(AppError::Busy) => "busy",
        Err(_) => "other_refusal",
    };
    metrics::counter!(SIGN_IN_STEPS, "step" => step, "outcome" => outcome).increment(1);
}

/// The password-hashing pool was full and a caller was told "busy".
pub fn password_hashing_refused() {
    metrics::counter!(PASSWORD_HASHING_REFUSED).increment(1);
}

/// One outbox message's delivery attempt: `delivered` or `failed`.
pub fn outbox_delivery(outcome: &'static str) {
    metrics::counter!(OUTBOX_DELIVERIES, "outcome" => outcome).increment(1);
}

/// A limit refused an action (`limits::Limit::name`).
pub fn limit_refused(limit: &'static str) {
    metrics::counter!(LIMIT_REFUSALS, "limit" => limit).increment(1);
}

/// The `# HELP` line of each metric (called once, when the recorder is installed).
pub fn describe() {
    use metrics::{describe_counter, describe_gauge, describe_histogram, Unit};
    describe_counter!(REQUESTS, "HTTP requests answered, by route pattern, method and status");
    describe_histogram!(REQUEST_SECONDS, Unit::Seconds, "Time to answer a request (to its headers), by route pattern");
    describe_counter!(SIGN_IN_STEPS, "Sign-in steps by step (password, second_factor, staff) and outcome");
    describe_counter!(PASSWORD_HASHING_REFUSED, "Password checks refused as busy because the hashing queue was full");
    describe_gauge!(PASSWORD_HASHING_IN_FLIGHT, "Password hashes running or waiting now");
    describe_gauge!(PASSWORD_HASHING_CAPACITY, "Password hashes that may run or wait before the next is refused");
    describe_counter!(OUTBOX_DELIVERIES, "Notification deliveries attempted, by outcome (delivered, failed)");
    describe_gauge!(OUTBOX_BACKLOG, "Notifications not delivered yet (all instances)");
    describe_gauge!(OUTBOX_STUCK, "Undelivered notifications that failed five times or more");
    describe_gauge!(DB_POOL_CONNECTIONS, "This instance's database connections, idle or in use");
    describe_gauge!(DB_POOL_MAX, "The most database connections this instance opens");
    describe_counter!(LIMIT_REFUSALS, "Actions refused by a limit, by limit");
}
