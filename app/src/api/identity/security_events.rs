//! The account's own security information.

use crate::error::AppError;
use leptos::prelude::*;
use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SecurityEventView {
    pub what: String,
    pub when: String,
    pub ip_address: String,
    pub browser: String,
}

#[server(prefix = "/api", endpoint = "security_events")]
pub async fn load_security_events() -> Result<Vec<SecurityEventView>, AppError> {
    use crate::server::{identity::security_events, web::request, web::responses};
    let state = request::app_state()?;
    let session = request::require_session()?;
    let read = security_events::for_account(&state, &session).await;
    responses::finish(
        read.map(|events| events.into_iter().map(|event| super::words::security_event(event, session.lang)).collect()),
    )
}
