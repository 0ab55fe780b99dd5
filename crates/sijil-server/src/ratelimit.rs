//! Per-client rate limiting that never stores an IP address.
//!
//! A client is known only by a keyed hash of its address, with a key drawn at start-up and never
//! written anywhere: the table cannot be turned back into addresses, and it is forgotten on
//! restart. Buckets refill continuously; idle ones are dropped so the table stays small.

use std::collections::hash_map::RandomState;
use std::collections::HashMap;
use std::hash::BuildHasher;
use std::net::IpAddr;
use std::sync::Mutex;
use std::time::Instant;

pub struct RateLimiter {
    per_minute: f64,
    key: RandomState,
    buckets: Mutex<HashMap<u64, (f64, Instant)>>,
}

impl RateLimiter {
    pub fn new(per_minute: u32) -> Self {
        RateLimiter {
            per_minute: f64::from(per_minute),
            key: RandomState::new(),
            buckets: Mutex::new(HashMap::new()),
        }
    }

    /// Takes one token for `ip`; false means "too many requests".
    pub fn allow(&self, ip: IpAddr, now: Instant) -> bool {
        let client = self.key.hash_one(ip);
        let mut buckets = self.buckets.lock().unwrap_or_else(|p| p.into_inner());
        if buckets.len() > 100_000 {
            let per_minute = self.per_minute;
            buckets.retain(|_, (tokens, at)| {
                *tokens + now.duration_since(*at).as_secs_f64() * per_minute / 60.0 < per_minute
            });
        }
        let (tokens, at) = buckets.entry(client).or_insert((self.per_minute, now));
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
        assert!(rl.allow(a, t) && rl.allow(a, t) && rl.allow(a, t));
        assert!(!rl.allow(a, t));
        assert!(rl.allow(b, t));
        assert!(rl.allow(a, t + Duration::from_secs(20)));
        assert!(!rl.allow(a, t + Duration::from_secs(20)));
    }
}
