//! The devices page: where the account is signed in, and signing any or all others out.

use crate::domain::SessionId;
use crate::error::AppError;
use leptos::prelude::*;
use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct DeviceView {
    pub session_id: SessionId,
    /// "Firefox on Linux".
    pub browser: String,
    pub ip_address: String,
    pub signed_in_at: String,
    pub last_seen_at: String,
    /// The session of the browser looking at the page.
    pub current: bool,
}

#[server(prefix = "/api", endpoint = "devices")]
pub async fn load_devices() -> Result<Vec<DeviceView>, AppError> {
    use crate::server::{identity::sessions, web::request, web::responses};
    let state = request::app_state()?;
    let session = request::require_session()?;
    let live = sessions::live_for_account(&state, session.account_id).await.map(|devices| {
        devices.into_iter().map(|device| super::words::device(device, session.session_id, session.lang)).collect()
    });
    responses::finish(live)
}

#[server(prefix = "/api", endpoint = "sign_out_device")]
pub async fn sign_out_device(session_id: SessionId) -> Result<(), AppError> {
    use crate::server::identity::security_events::{self, SecurityEventKind};
    use crate::server::{identity::sessions, web::request, web::responses};
    let state = request::app_state()?;
    let session = request::require_session()?;
    let outcome = async {
        // Only the account's own sessions can be ended: another id simply matches nothing.
        if session_id != session.session_id
            && sessions::end_one_for_account(&state, session.account_id, session_id).await?
        {
            security_events::record(
                &state,
                session.account_id,
                SecurityEventKind::SessionEndedRemotely,
                &request::client_info(),
            )
            .await;
        }
        Ok(crate::routes::with_query(crate::routes::DEVICES, "signed_out=1").to_owned())
    }
    .await;
    responses::finish_form(outcome, crate::routes::DEVICES)
}

#[server(prefix = "/api", endpoint = "sign_out_other_devices")]
pub async fn sign_out_other_devices() -> Result<(), AppError> {
    use crate::server::identity::security_events::{self, SecurityEventKind};
    use crate::server::{identity::sessions, web::request, web::responses};
    let state = request::app_state()?;
    let session = request::require_session()?;
    let outcome = async {
        let ended = sessions::end_all_for_account(&state, session.account_id, Some(session.session_id)).await?;
        if ended > 0 {
            security_events::record(
                &state,
                session.account_id,
                SecurityEventKind::SessionEndedRemotely,
                &request::client_info(),
            )
            .await;
        }
        Ok(crate::routes::with_query(crate::routes::DEVICES, "signed_out=1").to_owned())
    }
    .await;
    responses::finish_form(outcome, crate::routes::DEVICES)
}
