//! robots.txt per origin (RFC 9309) with texting_robots: fetched before any
//! other request to a host, then obeyed for every URL on it.

use texting_robots::Robot;

/// Largest robots.txt parsed; RFC 9309 asks crawlers to read at least 500 KiB.
pub const MAX_ROBOTS_BYTES: usize = 512 * 1024;

/// What robots.txt says about this crawler on one origin.
#[derive(Debug)]
pub enum RobotsPolicy {
    /// No robots.txt (4xx): everything is allowed.
    AllowAll,
    /// robots.txt unreachable (5xx, network failure): RFC 9309 says assume complete disallow.
    DisallowAll {
        /// Why, for the refusal message.
        reason: String,
    },
    /// Parsed rules for our agent.
    Rules(Box<Robot>),
}

impl RobotsPolicy {
    /// The policy from a robots.txt response: `status` and (for 2xx) its body;
    /// `agent` is our product token (`civtrace`).
    pub fn from_response(status: u16, body: &[u8], agent: &str) -> RobotsPolicy {
        match status {
            200..=299 => {
                let body = body.get(..MAX_ROBOTS_BYTES).unwrap_or(body);
                match Robot::new(agent, body) {
                    Ok(robot) => RobotsPolicy::Rules(Box::new(robot)),
                    // Unparseable rules are no rules (RFC 9309 §2.2: parse what can be parsed).
                    Err(_) => RobotsPolicy::AllowAll,
                }
            }
            400..=499 => RobotsPolicy::AllowAll,
            _ => RobotsPolicy::DisallowAll {
                reason: format!("robots.txt answered HTTP {status}"),
            },
        }
    }

    /// Whether `url` may be fetched.
    pub fn allows(&self, url: &str) -> bool {
        match self {
            RobotsPolicy::AllowAll => true,
            RobotsPolicy::DisallowAll { .. } => false,
            RobotsPolicy::Rules(r) => r.allowed(url),
        }
    }

    /// `Crawl-delay` for our agent, in seconds.
    pub fn crawl_delay(&self) -> Option<f64> {
        match self {
            RobotsPolicy::Rules(r) => r.delay.map(f64::from),
            _ => None,
        }
    }

    /// Sitemaps announced in robots.txt (used by ad-hoc discovery).
    pub fn sitemaps(&self) -> &[String] {
        match self {
            RobotsPolicy::Rules(r) => &r.sitemaps,
            _ => &[],
        }
    }
}

/// The robots.txt product token of a User-Agent (`civtrace/0.1 (+…)` → `civtrace`).
pub fn agent_token(user_agent: &str) -> &str {
    user_agent
        .split(['/', ' '])
        .next()
        .filter(|t| !t.is_empty())
        .unwrap_or("civtrace")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rules_for_our_agent_apply() {
        let txt = b"User-agent: civtrace\nDisallow: /private/\nCrawl-delay: 2\n\nUser-agent: *\nDisallow: /\n";
        let p = RobotsPolicy::from_response(200, txt, "civtrace");
        assert!(p.allows("https://x.org/public/a"));
        assert!(!p.allows("https://x.org/private/a"));
        assert_eq!(p.crawl_delay(), Some(2.0));
        let other = RobotsPolicy::from_response(200, txt, "otherbot");
        assert!(!other.allows("https://x.org/public/a"));
    }

    #[test]
    fn status_codes_follow_rfc_9309() {
        assert!(RobotsPolicy::from_response(404, b"", "civtrace").allows("https://x.org/a"));
        assert!(!RobotsPolicy::from_response(503, b"", "civtrace").allows("https://x.org/a"));
    }

    #[test]
    fn agent_token_is_product_name() {
        assert_eq!(agent_token("civtrace/0.1 (+https://x)"), "civtrace");
        assert_eq!(agent_token(""), "civtrace");
    }
}
