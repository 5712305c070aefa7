//! Where a request came from: its address and browser, kept with sessions, security events and
//! limits. Filled from the request by `web::request::client_info`.

/// Where a request came from, kept with the session for the devices list and audit.
#[derive(Debug, Clone, Default)]
pub struct ClientInfo {
    pub ip: Option<String>,
    pub user_agent: Option<String>,
}
