//! Where a request came from: its address and browser, kept with sessions, security events and
//! limits. Filled from the request by `web::request::client_info`; the address is decided once per
//! request by [`ClientAddressRule`] (the `web::client_address` middleware).

use axum::http::HeaderMap;
use ipnet::IpNet;
use std::net::IpAddr;

/// Where a request came from, kept with the session for the devices list and audit.
#[derive(Debug, Clone, Default)]
pub struct ClientInfo {
    pub ip: Option<String>,
    pub user_agent: Option<String>,
}

/// The client's address as [`ClientAddressRule::client`] decided it, put in the request's extensions.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ClientAddress(pub IpAddr);

/// Where the client's address is read from (`PORTICO_CLIENT_IP`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ClientAddressSource {
    /// The peer of the TCP connection: Portico faces the browsers itself (the default).
    Socket,
    /// The right-most `X-Forwarded-For` entry that is not a trusted proxy (nginx's
    /// `proxy_add_x_forwarded_for`).
    XForwardedFor,
    /// The right-most `for=` of the standard `Forwarded` header (RFC 7239) that is not a trusted proxy.
    Forwarded,
}

impl ClientAddressSource {
    pub fn from_key(key: &str) -> Option<Self> {
        match key.trim().to_ascii_lowercase().as_str() {
            "socket" => Some(Self::Socket),
            "x-forwarded-for" => Some(Self::XForwardedFor),
            "forwarded" => Some(Self::Forwarded),
            _ => None,
        }
    }
}

/// The one rule for who a request's client is. Behind a reverse proxy every connection comes from
/// the proxy, so the address must come from the header the proxy writes — but only when the
/// connection really comes from a proxy we trust: anyone else can send that header too, and a
/// spoofed header would let one attacker appear as many clients (escaping per-address limits) or
/// as somebody else (locking them out).
///
/// Written by hand rather than with `axum-client-ip`: its right-most extractors trust exactly one
/// hop and do not check the peer, and a deployment with a CDN in front of nginx has two.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ClientAddressRule {
    pub source: ClientAddressSource,
    /// Peers whose forwarding header is believed (`PORTICO_TRUSTED_PROXIES`; loopback by default,
    /// for a proxy on the same host).
    pub trusted_proxies: Vec<IpNet>,
}

impl Default for ClientAddressRule {
    fn default() -> Self {
        Self { source: ClientAddressSource::Socket, trusted_proxies: Self::loopback() }
    }
}

impl ClientAddressRule {
    pub fn loopback() -> Vec<IpNet> {
        vec!["127.0.0.0/8".parse().expect("a network"), "::1/128".parse().expect("a network")]
    }

    /// Parses a comma-separated list of addresses and CIDR blocks (`10.0.0.0/8, 192.0.2.7`).
    pub fn parse_proxies(text: &str) -> Option<Vec<IpNet>> {
        let nets: Option<Vec<IpNet>> = text
            .split(',')
            .map(str::trim)
            .filter(|part| !part.is_empty())
            .map(|part| part.parse::<IpNet>().ok().or_else(|| part.parse::<IpAddr>().ok().map(IpNet::from)))
            .collect();
        nets.filter(|nets| !nets.is_empty())
    }

    /// Whether `address` is one of the trusted proxies.
    pub fn trusts(&self, address: IpAddr) -> bool {
        let address = canonical(address);
        self.trusted_proxies.iter().any(|net| net.contains(&address))
    }

    /// The client of a request that arrived from `peer` with these headers.
    pub fn client(&self, peer: IpAddr, headers: &HeaderMap) -> IpAddr {
        let peer = canonical(peer);
        if self.source == ClientAddressSource::Socket || !self.trusts(peer) {
            return peer;
        }
        let hops = match self.source {
            ClientAddressSource::Socket => return peer,
            ClientAddressSource::XForwardedFor => forwarded_for_hops(headers),
            ClientAddressSource::Forwarded => forwarded_hops(headers),
        };
        // From the proxy nearest to us outwards: every hop our proxies added is trusted; the
        // first one that is not is the client. An entry that is not an address (`unknown`, a
        // hidden name, garbage written by the client itself) ends the walk at the last trusted hop.
        let mut client = peer;
        for hop in hops.iter().rev() {
            let Some(address) = hop else { break };
            client = canonical(*address);
            if !self.trusts(client) {
                break;
            }
        }
        client
    }
}

/// An IPv4 address that arrived mapped into IPv6 (`::ffff:192.0.2.1`) is the IPv4 address, so it
/// meets the same limits and the same trusted ranges.
fn canonical(address: IpAddr) -> IpAddr {
    match address {
        IpAddr::V6(v6) => v6.to_ipv4_mapped().map(IpAddr::V4).unwrap_or(address),
        v4 => v4,
    }
}

/// Every entry of every `X-Forwarded-For` header, in order; `None` where one is not an address.
fn forwarded_for_hops(headers: &HeaderMap) -> Vec<Option<IpAddr>> {
    headers
        .get_all("x-forwarded-for")
        .iter()
        .flat_map(|value| value.to_str().unwrap_or("?").split(',').map(parse_node).collect::<Vec<_>>())
        .collect()
}

/// The `for=` node of every element of every `Forwarded` header, in order (RFC 7239 §4).
fn forwarded_hops(headers: &HeaderMap) -> Vec<Option<IpAddr>> {
    headers
        .get_all("forwarded")
        .iter()
        .flat_map(|value| {
            value
                .to_str()
                .unwrap_or("?")
                .split(',')
                .map(|element| {
                    element
                        .split(';')
                        .filter_map(|pair| pair.split_once('='))
                        .find(|(name, _)| name.trim().eq_ignore_ascii_case("for"))
                        .and_then(|(_, node)| parse_node(node))
                })
                .collect::<Vec<_>>()
        })
        .collect()
}

/// An address as proxies write it: `192.0.2.1`, `192.0.2.1:4711`, `2001:db8::1`,
/// `"[2001:db8::1]:4711"`.
fn parse_node(text: &str) -> Option<IpAddr> {
    let text = text.trim().trim_matches('"');
    if let Ok(address) = text.parse::<IpAddr>() {
        return Some(address);
    }
    if let Some(rest) = text.strip_prefix('[') {
        return rest.split_once(']').and_then(|(inside, _)| inside.parse().ok());
    }
    text.rsplit_once(':').filter(|(host, _)| !host.contains(':')).and_then(|(host, _)| host.parse().ok())
}

#[cfg(test)]
mod tests {
    use super::*;
    use axum::http::HeaderValue;

    fn ip(text: &str) -> IpAddr {
        text.parse().unwrap()
    }

    fn headers(pairs: &[(&'static str, &'static str)]) -> HeaderMap {
        let mut map = HeaderMap::new();
        for (name, value) in pairs {
            map.append(*name, HeaderValue::from_static(value));
        }
        map
    }

    fn behind(source: ClientAddressSource, proxies: &str) -> ClientAddressRule {
        ClientAddressRule { source, trusted_proxies: ClientAddressRule::parse_proxies(proxies).unwrap() }
    }

    #[test]
    fn the_socket_rule_ignores_every_header() {
        let rule = ClientAddressRule::default();
        let spoofed = headers(&[("x-forwarded-for", "198.51.100.9"), ("forwarded", "for=198.51.100.9")]);
        assert_eq!(rule.client(ip("127.0.0.1"), &spoofed), ip("127.0.0.1"));
    }

    #[test]
    fn a_header_from_an_untrusted_peer_is_ignored() {
        let rule = behind(ClientAddressSource::XForwardedFor, "10.0.0.0/8");
        let spoofed = headers(&[("x-forwarded-for", "198.51.100.9")]);
        assert_eq!(rule.client(ip("203.0.113.5"), &spoofed), ip("203.0.113.5"));
    }

    #[test]
    fn the_right_most_untrusted_entry_is_the_client() {
        let rule = behind(ClientAddressSource::XForwardedFor, "10.0.0.0/8, 192.0.2.7");
        // The client wrote a false first entry; nginx appended the address it saw.
        let seen = headers(&[("x-forwarded-for", "1.2.3.4, 198.51.100.9")]);
        assert_eq!(rule.client(ip("10.0.0.2"), &seen), ip("198.51.100.9"));
        // Two proxies: a CDN (192.0.2.7) in front of nginx (10.0.0.2).
        let two_hops = headers(&[("x-forwarded-for", "1.2.3.4, 198.51.100.9, 192.0.2.7")]);
        assert_eq!(rule.client(ip("10.0.0.2"), &two_hops), ip("198.51.100.9"));
        // Several header lines are one list.
        let split = headers(&[("x-forwarded-for", "1.2.3.4"), ("x-forwarded-for", "198.51.100.9")]);
        assert_eq!(rule.client(ip("10.0.0.2"), &split), ip("198.51.100.9"));
    }

    #[test]
    fn garbage_or_a_missing_header_leaves_the_last_trusted_hop() {
        let rule = behind(ClientAddressSource::XForwardedFor, "10.0.0.0/8");
        assert_eq!(rule.client(ip("10.0.0.2"), &HeaderMap::new()), ip("10.0.0.2"));
        let garbage = headers(&[("x-forwarded-for", "not-an-address")]);
        assert_eq!(rule.client(ip("10.0.0.2"), &garbage), ip("10.0.0.2"));
    }

    #[test]
    fn the_forwarded_header_is_read_with_ports_quotes_and_ipv6() {
        let rule = behind(ClientAddressSource::Forwarded, "127.0.0.1");
        let seen = headers(&[("forwarded", r#"for=1.2.3.4, for="[2001:db8::17]:4711";proto=https"#)]);
        assert_eq!(rule.client(ip("127.0.0.1"), &seen), ip("2001:db8::17"));
        let v4 = headers(&[("forwarded", "proto=https;for=198.51.100.9:1234")]);
        assert_eq!(rule.client(ip("127.0.0.1"), &v4), ip("198.51.100.9"));
        // X-Forwarded-For is not read under the Forwarded rule.
        let other = headers(&[("x-forwarded-for", "198.51.100.9")]);
        assert_eq!(rule.client(ip("127.0.0.1"), &other), ip("127.0.0.1"));
    }

    #[test]
    fn mapped_ipv4_addresses_are_ipv4() {
        let rule = behind(ClientAddressSource::XForwardedFor, "127.0.0.1");
        let seen = headers(&[("x-forwarded-for", "::ffff:198.51.100.9")]);
        assert_eq!(rule.client(ip("::ffff:127.0.0.1"), &seen), ip("198.51.100.9"));
    }

    #[test]
    fn proxy_lists_parse_addresses_and_blocks() {
        assert_eq!(ClientAddressRule::parse_proxies("10.0.0.0/8, 192.0.2.7,::1").unwrap().len(), 3);
        assert!(ClientAddressRule::parse_proxies("10.0.0.0/33").is_none());
        assert!(ClientAddressRule::parse_proxies(" , ").is_none());
        assert!(ClientAddressSource::from_key("bogus").is_none());
    }
}
