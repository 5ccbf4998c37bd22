//! Delivers the simulated gateways' webhooks to the merchant, oldest first, retrying each with
//! exponential backoff until it is answered with a 2xx status (as every gateway documents:
//! "respond with HTTP 200"). The queue is in the SQLite file, so deliveries interrupted by a
//! crash resume when the sandbox starts again, and the merchant's deduplication keeps a webhook
//! delivered twice from counting twice.

use std::time::Duration;

use crate::app::Shared;
use crate::gateways::now_ms;
use crate::http;

/// How often the queue is looked at when nothing is due.
const IDLE: Duration = Duration::from_millis(100);
/// The wait after a first failed delivery; it doubles with each failure.
const FIRST_RETRY_MS: i64 = 500;
/// The longest wait between two attempts.
const MAX_RETRY_MS: i64 = 30_000;

/// The wait after `failures` failed deliveries.
pub fn backoff_ms(failures: i64) -> i64 {
    (FIRST_RETRY_MS << failures.clamp(0, 16)).min(MAX_RETRY_MS)
}

/// Delivers due webhooks until the process ends.
pub async fn deliver(app: Shared) {
    loop {
        let due = match app.store.due(now_ms(), 32) {
            Ok(due) => due,
            Err(failure) => {
                eprintln!("outbox: {failure}");
                Vec::new()
            }
        };
        if due.is_empty() {
            tokio::time::sleep(IDLE).await;
            continue;
        }
        for outgoing in due {
            let headers: Vec<(String, String)> = serde_json::from_str(&outgoing.headers)
                .expect("headers are written by this program");
            let status = http::send(&app.client, "POST", &outgoing.url, &headers, outgoing.body)
                .await
                .ok()
                .map(|response| response.status);
            let delivered = status.is_some_and(|status| (200..300).contains(&status));
            let now = now_ms();
            let retry_at = (!delivered).then(|| now + backoff_ms(outgoing.attempts));
            if let Err(failure) = app.store.delivered(outgoing.id, status, now, retry_at) {
                eprintln!("outbox: {failure}");
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn backoff_doubles_up_to_thirty_seconds() {
        let waits: Vec<i64> = (0..8).map(backoff_ms).collect();
        assert_eq!(
            waits,
            [500, 1_000, 2_000, 4_000, 8_000, 16_000, 30_000, 30_000]
        );
        assert_eq!(backoff_ms(1_000), 30_000);
    }
}
