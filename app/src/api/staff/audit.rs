//! The audit log, for administrators.

use crate::error::AppError;
use leptos::prelude::*;
use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct AuditEntryView {
    pub at: String,
    pub actor: String,
    pub role: String,
    pub action: String,
    pub subject: String,
    pub reason: String,
    pub detail: String,
}

#[server(prefix = "/api", endpoint = "staff_audit_log")]
pub async fn load_audit_log(actor: Option<String>, action: Option<String>) -> Result<Vec<AuditEntryView>, AppError> {
    use crate::server::staff::audit;
    use crate::server::{web::request, web::responses};
    let state = request::app_state()?;
    request::require_staff()?;
    let query = audit::AuditQuery {
        actor_email: actor.filter(|a| !a.trim().is_empty()),
        action: action.as_deref().and_then(audit::AuditAction::from_key),
        case_id: None,
    };
    let found = audit::search(&state, &query).await.map_err(responses::with_status)?;
    Ok(found.into_iter().map(super::words::audit_entry).collect())
}
