//! Request plumbing shared by every context: the session layer, the request context, who may do
//! what (`access`), cookies and CSRF, answers and errors (`responses`), the content security
//! policy and the site's built assets.

pub mod access;
pub mod assets;
pub mod authorization;
pub mod cookies;
pub mod csp;
pub mod csrf;
pub mod request;
pub mod request_id;
pub mod responses;
pub mod session_layer;
