//! The Content-Security-Policy of every page, in one place. Scripts run only from Portico itself or
//! with this response's nonce (Leptos puts it on its hydration and data scripts), WebAssembly may be
//! compiled (`'wasm-unsafe-eval'`, which allows no JavaScript eval), no inline styles, images from
//! Portico and `data:` (the authenticator QR code), nothing may frame the page, and forms post only
//! to Portico.

pub fn page_policy(nonce: &str) -> String {
    format!(
        "default-src 'self'; script-src 'self' 'nonce-{nonce}' 'wasm-unsafe-eval'; style-src 'self'; \
         img-src 'self' data:; connect-src 'self'; font-src 'self'; object-src 'none'; base-uri 'none'; \
         form-action 'self'; frame-ancestors 'none'"
    )
}

/// For everything that is not a page (server functions, files): nothing to run, nothing to frame.
pub const NON_PAGE_POLICY: &str = "default-src 'none'; frame-ancestors 'none'";

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pages_allow_only_nonced_inline_scripts_and_never_framing() {
        let policy = page_policy("abc123");
        assert!(policy.contains("script-src 'self' 'nonce-abc123' 'wasm-unsafe-eval'"));
        assert!(!policy.contains("unsafe-inline"));
        assert!(policy.contains("frame-ancestors 'none'"));
    }
}
