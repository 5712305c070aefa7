//! Request plumbing shared by every context: the request context and session layer, who may open
//! which page, cookies and CSRF, the content security policy and the site's built assets.

pub mod access;
pub mod assets;
pub mod csp;
pub mod csrf;
pub mod request;
