//! Request paths as they arrive, given the one spelling the router reads. Fuzzed (`app/fuzz`),
//! so it builds without the server half.

/// The path as the router reads it, when it was sent spelled otherwise. The router resolves dot
/// segments (`.`, `..`, and their `%2e` spellings) as a URL parser does, so `/x/../dashboard`
/// shows the dashboard; the access rules must see that same path, and the session layer sends
/// such a request to the one spelling first. A result that would start with `//` (another host, to
/// a browser) keeps a single slash.
pub fn canonical_path(path: &str) -> Option<String> {
    let parsed = url::Url::parse(&format!("http://portico.invalid{path}")).ok()?;
    let canonical = format!("/{}", parsed.path().trim_start_matches('/'));
    (canonical != path).then_some(canonical)
}
