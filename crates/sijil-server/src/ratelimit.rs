//! Per-client rate limiting that never stores an IP address.
//!
//! A client is known only by a keyed hash of its address, with a key drawn at start-up and never
//! written anywhere: the table cannot be turned back into addresses, and it is forgotten on
//! restart. Buckets refill continuously; idle ones are dropped, and the table never holds more
//! than [`MAX_CLIENTS`] entries (beyond that, new clients share one overflow bucket), so a flood
//! of spoofed or rotating addresses cannot grow memory.
//!
//! Each client has two buckets: one charged by well-formed reports, one by refused requests
//! (malformed, oversized, conflicting). Many relatives share one address (a carrier-grade NAT,
//! the organization's own reverse proxy), so junk from one of them must never use up the
//! budget a real report needs.

use std::collections::hash_map::RandomState;
use std::collections::HashMap;
use std::hash::BuildHasher;
use std::net::IpAddr;
use std::sync::Mutex;
use std::time::Instant;

pub const MAX_CLIENTS: usize = 100_000;

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Charge {
    Report,
    Refused,
}

pub struct RateLimiter {
    per_minute: f64,
    key: RandomState,
    buckets: Mutex<HashMap<(u64, Charge), (f64, Instant)>>,
}

impl RateLimiter {
    pub fn new(per_minute: u32) -> Self {
        RateLimiter {
            per_minute: f64::from(per_minute),
            key: RandomState::new(),
            buckets: Mutex::new(HashMap::new()),
        }
    }

    /// Takes one token of `charge` for `ip`; false means "too many requests".
    pub fn allow(&self, ip: IpAddr, charge: Charge, now: Instant) -> bool {
        let mut client = self.key.hash_one(ip) | 1;
        let mut buckets = self.buckets.lock().unwrap_or_else(|p| p.into_inner());
        if buckets.len() >= MAX_CLIENTS && !buckets.contains_key(&(client, charge)) {
            let per_minute = self.per_minute;
            buckets.retain(|_, (tokens, at)| {
                *tokens + now.duration_since(*at).as_secs_f64() * per_minute / 60.0 < per_minute
            });
            if buckets.len() >= MAX_CLIENTS {
                // The overflow bucket (hashes are odd, so 0 is nobody's).
                client = 0;
            }
        }
        let (tokens, at) = buckets
            .entry((client, charge))
            .or_insert((self.per_minute, now));
        let refill = now.duration_since(*at).as_secs_f64() * self.per_minute / 60.0;
        *tokens = (*tokens + refill).min(self.per_minute);
        *at = now;
        if *tokens >= 1.0 {
            *tokens -= 1.0;
            true
        } else {
            false
        }
    }

    #[cfg(test)]
    fn len(&self) -> usize {
        self.buckets.lock().unwrap().len()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::time::Duration;

    #[test]
    fn limits_each_client_separately_and_refills() {
        let rl = RateLimiter::new(3);
        let t = Instant::now();
        let a: IpAddr = "10.0.0.1".parse().unwrap();
        let b: IpAddr = "10.0.0.2".parse().unwrap();
        let r = Charge::Report;
        assert!(rl.allow(a, r, t) && rl.allow(a, r, t) && rl.allow(a, r, t));
        assert!(!rl.allow(a, r, t));
        assert!(rl.allow(b, r, t));
        assert!(rl.allow(a, r, t + Duration::from_secs(20)));
        assert!(!rl.allow(a, r, t + Duration::from_secs(20)));
    }

    #[test]
    fn junk_does_not_spend_the_report_budget() {
        let rl = RateLimiter::new(3);
        let t = Instant::now();
        let nat: IpAddr = "100.64.0.1".parse().unwrap();
        for _ in 0..3 {
            assert!(rl.allow(nat, Charge::Refused, t));
        }
        assert!(!rl.allow(nat, Charge::Refused, t));
        assert!(rl.allow(nat, Charge::Report, t));
    }

    #[test]
    fn the_table_is_capped() {
        let rl = RateLimiter::new(1);
        let t = Instant::now();
        for i in 0..(MAX_CLIENTS as u32 + 50) {
            rl.allow(IpAddr::from(i.to_be_bytes()), Charge::Refused, t);
        }
        assert!(rl.len() <= MAX_CLIENTS + 1, "{}", rl.len());
    }
}
