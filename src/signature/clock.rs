//! The system clock, where there is one.
//!
//! `std::time::SystemTime::now()` panics on wasm32 without WASI (a browser or Node), so
//! there the caller passes the time (`Date.now()`) and this reports no clock.

/// Milliseconds since the Unix epoch, or `None` without a usable system clock.
#[cfg(not(all(target_family = "wasm", target_os = "unknown")))]
pub(crate) fn system_now_ms() -> Option<u64> {
    let elapsed = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .ok()?;
    u64::try_from(elapsed.as_millis()).ok()
}

/// Milliseconds since the Unix epoch, or `None` without a usable system clock.
#[cfg(all(target_family = "wasm", target_os = "unknown"))]
pub(crate) fn system_now_ms() -> Option<u64> {
    None
}

/// Seconds since the Unix epoch, or `None` without a usable system clock.
pub(crate) fn system_now_secs() -> Option<i64> {
    i64::try_from(system_now_ms()? / 1000).ok()
}

#[cfg(test)]
mod tests {
    #[test]
    fn native_clock_is_after_2024() {
        assert!(super::system_now_ms().is_some_and(|ms| ms > 1_704_067_200_000));
        assert!(super::system_now_secs().is_some_and(|secs| secs > 1_704_067_200));
    }
}
