//! What the fetcher may request: http/https only, allowed hosts only (also
//! after redirects), and never loopback, private, link-local or cloud-metadata
//! addresses unless `allow_private` — checked on the address actually
//! connected to (a DNS resolver that filters), not only on the name, so a
//! public-looking name that resolves to 10.0.0.1 is refused too.

use crate::error::{Error, ErrorKind, Result};
use std::collections::BTreeSet;
use std::net::{IpAddr, Ipv4Addr, Ipv6Addr, SocketAddr};
use std::sync::Arc;
use url::Url;

/// Hosts a run may fetch from: exact names and `*.domain` wildcards.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct HostAllowList {
    /// Exact host names (lower case) and IP literals.
    exact: BTreeSet<String>,
    /// Domains whose subdomains (and themselves) are allowed, from `*.domain`.
    domains: Vec<String>,
}

impl HostAllowList {
    /// Builds the list from entries such as `airwars.org`, `*.defense.gov`, `127.0.0.1`.
    pub fn new<S: AsRef<str>>(entries: impl IntoIterator<Item = S>) -> HostAllowList {
        let mut list = HostAllowList::default();
        for e in entries {
            let e = e.as_ref().trim().trim_end_matches('.').to_ascii_lowercase();
            if let Some(domain) = e.strip_prefix("*.") {
                list.domains.push(domain.to_string());
            } else if !e.is_empty() {
                list.exact
                    .insert(e.trim_start_matches('[').trim_end_matches(']').to_string());
            }
        }
        list
    }

    /// Adds one entry (as in [`HostAllowList::new`]).
    pub fn insert(&mut self, entry: &str) {
        let other = HostAllowList::new([entry]);
        self.exact.extend(other.exact);
        self.domains.extend(other.domains);
    }

    /// Whether `host` (a name or IP literal, any case) is allowed.
    pub fn allows(&self, host: &str) -> bool {
        let host = host
            .trim_end_matches('.')
            .trim_start_matches('[')
            .trim_end_matches(']')
            .to_ascii_lowercase();
        self.exact.contains(&host)
            || self.domains.iter().any(|d| {
                host == *d
                    || host
                        .strip_suffix(d.as_str())
                        .is_some_and(|rest| rest.ends_with('.'))
            })
    }
}

/// The request policy: schemes, hosts and addresses.
#[derive(Debug, Clone)]
pub struct Guard {
    /// Hosts that may be fetched.
    hosts: HostAllowList,
    /// Whether loopback/private/link-local/metadata addresses may be connected to.
    allow_private: bool,
    /// Exact socket addresses exempt from the private-address rule when named
    /// as IP literals (a trusted internal mirror; a test's own server).
    exempt: Vec<SocketAddr>,
}

impl Guard {
    /// A guard allowing `hosts`; private addresses only if `allow_private`.
    pub fn new(hosts: HostAllowList, allow_private: bool) -> Guard {
        Guard {
            hosts,
            allow_private,
            exempt: Vec::new(),
        }
    }

    /// Exempts exact `ip:port` addresses (named as IP literals in URLs) from
    /// the private-address rule; everything else stays refused.
    pub fn with_exempt(mut self, addrs: impl IntoIterator<Item = SocketAddr>) -> Guard {
        self.exempt.extend(addrs);
        self
    }

    /// Checks a URL before any connection: scheme, allowed host, and (for IP
    /// literals, which no resolver sees) the address.
    ///
    /// # Errors
    /// A [`ErrorKind::Refused`] error naming the URL and the rule it breaks.
    pub fn check_url(&self, url: &Url) -> Result<()> {
        let refuse = |m: String| Err(Error::new(ErrorKind::Refused, url.as_str(), m));
        if !matches!(url.scheme(), "http" | "https") {
            return refuse(format!("scheme {:?} is not http or https", url.scheme()));
        }
        let Some(host) = url.host() else {
            return refuse("URL has no host".to_string());
        };
        let host_str = host.to_string();
        if !self.hosts.allows(&host_str) {
            return refuse(format!(
                "host {host_str} is not in the pipeline's allowed hosts"
            ));
        }
        let ip = match host {
            url::Host::Ipv4(ip) => Some(IpAddr::V4(ip)),
            url::Host::Ipv6(ip) => Some(IpAddr::V6(ip)),
            url::Host::Domain(_) => None,
        };
        if let Some(ip) = ip {
            let exempt = url
                .port_or_known_default()
                .is_some_and(|port| self.exempt.contains(&SocketAddr::new(ip, port)));
            if !self.allow_private && !exempt && is_forbidden_ip(ip) {
                return refuse(format!(
                    "address {ip} is loopback, private, link-local or reserved (use --allow-private to permit)"
                ));
            }
        }
        Ok(())
    }

    /// A DNS resolver for reqwest that drops forbidden addresses (unless
    /// `allow_private`) and fails with [`PrivateAddress`] if none is left.
    pub fn resolver(&self) -> Arc<GuardedResolver> {
        Arc::new(GuardedResolver {
            allow_private: self.allow_private,
        })
    }
}

/// The resolver error when a name resolves only to forbidden addresses; the
/// client finds it in the error chain and reports a refusal, not a network fault.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PrivateAddress {
    /// The host name.
    pub host: String,
    /// The forbidden addresses it resolved to.
    pub addrs: Vec<IpAddr>,
}

impl std::fmt::Display for PrivateAddress {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let addrs: Vec<String> = self.addrs.iter().map(IpAddr::to_string).collect();
        write!(
            f,
            "{} resolves only to loopback/private/link-local/reserved addresses ({}); use --allow-private to permit",
            self.host,
            addrs.join(", ")
        )
    }
}

impl std::error::Error for PrivateAddress {}

/// reqwest DNS resolver enforcing the address rule on what is actually connected to.
#[derive(Debug, Clone)]
pub struct GuardedResolver {
    /// Whether forbidden addresses are kept.
    allow_private: bool,
}

impl reqwest::dns::Resolve for GuardedResolver {
    fn resolve(&self, name: reqwest::dns::Name) -> reqwest::dns::Resolving {
        let allow_private = self.allow_private;
        let host = name.as_str().to_string();
        Box::pin(async move {
            let all: Vec<SocketAddr> = tokio::net::lookup_host((host.as_str(), 0)).await?.collect();
            let (ok, bad): (Vec<SocketAddr>, Vec<SocketAddr>) = all
                .into_iter()
                .partition(|a| allow_private || !is_forbidden_ip(a.ip()));
            if ok.is_empty() && !bad.is_empty() {
                let err: Box<dyn std::error::Error + Send + Sync> = Box::new(PrivateAddress {
                    host,
                    addrs: bad.iter().map(SocketAddr::ip).collect(),
                });
                return Err(err);
            }
            let addrs: reqwest::dns::Addrs = Box::new(ok.into_iter());
            Ok(addrs)
        })
    }
}

/// Whether a connection to `ip` could reach something that is not the public
/// web: loopback, private (RFC 1918, ULA), link-local (incl. 169.254.169.254
/// metadata), shared/CGNAT (incl. 100.100.100.200 metadata), unspecified,
/// multicast, broadcast, documentation and reserved ranges; IPv4 embedded in
/// IPv6 (mapped, compatible, NAT64, 6to4) is judged by its IPv4 address.
pub fn is_forbidden_ip(ip: IpAddr) -> bool {
    match ip {
        IpAddr::V4(v4) => is_forbidden_v4(v4),
        IpAddr::V6(v6) => is_forbidden_v6(v6),
    }
}

/// [`is_forbidden_ip`] for IPv4.
fn is_forbidden_v4(ip: Ipv4Addr) -> bool {
    let [a, b, c, _] = ip.octets();
    ip.is_loopback()
        || ip.is_private()
        || ip.is_link_local()
        || ip.is_unspecified()
        || ip.is_broadcast()
        || ip.is_multicast()
        || ip.is_documentation()
        || a == 0
        || (a == 100 && (64..128).contains(&b)) // shared address space (CGNAT), Alibaba metadata
        || (a == 192 && b == 0 && c == 0) // IETF protocol assignments
        || (a == 198 && (b == 18 || b == 19)) // benchmarking
        || a >= 240 // reserved
}

/// [`is_forbidden_ip`] for IPv6.
fn is_forbidden_v6(ip: Ipv6Addr) -> bool {
    if let Some(v4) = ip.to_ipv4_mapped() {
        return is_forbidden_v4(v4);
    }
    let seg = ip.segments();
    // IPv4-compatible (::a.b.c.d) and NAT64 (64:ff9b::/96).
    if (seg[..6] == [0, 0, 0, 0, 0, 0] && !ip.is_loopback() && !ip.is_unspecified())
        || seg[..6] == [0x64, 0xff9b, 0, 0, 0, 0]
    {
        let v4 = Ipv4Addr::new(
            (seg[6] >> 8) as u8,
            (seg[6] & 0xff) as u8,
            (seg[7] >> 8) as u8,
            (seg[7] & 0xff) as u8,
        );
        return is_forbidden_v4(v4);
    }
    if seg[0] == 0x2002 {
        // 6to4 carries an IPv4 address in bits 16..48.
        let v4 = Ipv4Addr::new(
            (seg[1] >> 8) as u8,
            (seg[1] & 0xff) as u8,
            (seg[2] >> 8) as u8,
            (seg[2] & 0xff) as u8,
        );
        return is_forbidden_v4(v4);
    }
    ip.is_loopback()
        || ip.is_unspecified()
        || ip.is_multicast()
        || (seg[0] & 0xfe00) == 0xfc00 // unique local, incl. fd00:ec2::254 metadata
        || (seg[0] & 0xffc0) == 0xfe80 // link-local
        || (seg[0] & 0xffc0) == 0xfec0 // site-local (deprecated)
        || (seg[0] == 0x2001 && seg[1] == 0x0db8) // documentation
        || seg[0] == 0x0100 && seg[1..4] == [0, 0, 0] // discard-only
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ip(s: &str) -> IpAddr {
        s.parse().unwrap()
    }

    #[test]
    fn forbidden_addresses() {
        for s in [
            "127.0.0.1",
            "10.1.2.3",
            "172.16.0.1",
            "192.168.1.1",
            "169.254.169.254",
            "100.100.100.200",
            "0.0.0.0",
            "255.255.255.255",
            "224.0.0.1",
            "::1",
            "::",
            "fd00:ec2::254",
            "fe80::1",
            "::ffff:127.0.0.1",
            "::ffff:10.0.0.1",
            "64:ff9b::a9fe:a9fe",
            "2002:7f00:1::",
            "::7f00:1",
        ] {
            assert!(is_forbidden_ip(ip(s)), "{s} should be forbidden");
        }
        for s in [
            "93.184.216.34",
            "8.8.8.8",
            "2606:4700::1111",
            "::ffff:8.8.8.8",
            "172.32.0.1",
        ] {
            assert!(!is_forbidden_ip(ip(s)), "{s} should be allowed");
        }
    }

    #[test]
    fn allow_list_exact_and_wildcard() {
        let l = HostAllowList::new(["airwars.org", "*.defense.gov", "127.0.0.1", "[::1]"]);
        assert!(l.allows("AIRWARS.org"));
        assert!(!l.allows("www.airwars.org"));
        assert!(l.allows("media.defense.gov"));
        assert!(l.allows("defense.gov"));
        assert!(!l.allows("evildefense.gov"));
        assert!(l.allows("127.0.0.1"));
        assert!(l.allows("[::1]"));
        assert!(!l.allows("127.0.0.2"));
    }

    #[test]
    fn check_url_rules() {
        let g = Guard::new(HostAllowList::new(["airwars.org", "127.0.0.1"]), false);
        let u = |s: &str| Url::parse(s).unwrap();
        assert!(g.check_url(&u("https://airwars.org/x")).is_ok());
        let e = g.check_url(&u("ftp://airwars.org/x")).unwrap_err();
        assert_eq!(e.kind(), ErrorKind::Refused);
        assert!(g
            .check_url(&u("https://evil.org/"))
            .unwrap_err()
            .message()
            .contains("allowed hosts"));
        let e = g.check_url(&u("http://127.0.0.1:8080/")).unwrap_err();
        assert!(e.message().contains("loopback"), "{e}");
        // Other spellings of loopback normalise to it before the check.
        for spelling in [
            "http://2130706433:8080/",
            "http://0x7f.1:8080/",
            "http://127.1:8080/",
        ] {
            let e = g.check_url(&u(spelling)).unwrap_err();
            assert!(
                e.message().contains("address 127.0.0.1 is loopback"),
                "{spelling}: {e}"
            );
        }
        let g6 = Guard::new(HostAllowList::new(["[::ffff:7f00:1]", "[::1]"]), false);
        assert!(g6.check_url(&u("http://[::ffff:127.0.0.1]/")).is_err());
        assert!(g6.check_url(&u("http://[::1]:80/")).is_err());
        let g = Guard::new(HostAllowList::new(["127.0.0.1"]), true);
        assert!(g.check_url(&u("http://127.0.0.1:8080/")).is_ok());
        let g = Guard::new(HostAllowList::new(["127.0.0.1"]), false)
            .with_exempt(["127.0.0.1:8080".parse().unwrap()]);
        assert!(g.check_url(&u("http://127.0.0.1:8080/")).is_ok());
        assert!(g.check_url(&u("http://127.0.0.1:8081/")).is_err());
    }
}
