//! The SQLite file: the merchant's checkouts and processed webhooks, and the simulated
//! gateways' payments, outgoing webhooks and HAYVN nonces.
//!
//! WAL mode with `synchronous = NORMAL`: a committed transaction survives the process being
//! killed. One connection, used under a mutex, so every change is one serialized transaction.

use std::path::Path;
use std::sync::{Mutex, MutexGuard, PoisonError};

use rusqlite::{params, Connection, OptionalExtension, Transaction, TransactionBehavior};

const SCHEMA: &str = "
CREATE TABLE IF NOT EXISTS checkouts (
    id TEXT PRIMARY KEY,
    provider TEXT NOT NULL,
    payment_id TEXT NOT NULL,
    mode TEXT NOT NULL,
    document TEXT NOT NULL,
    version INTEGER NOT NULL,
    created_at INTEGER NOT NULL
);
CREATE UNIQUE INDEX IF NOT EXISTS checkouts_by_payment ON checkouts (provider, payment_id);
CREATE TABLE IF NOT EXISTS processed_events (
    provider TEXT NOT NULL,
    event_key TEXT NOT NULL,
    checkout_id TEXT NOT NULL,
    received_at INTEGER NOT NULL,
    PRIMARY KEY (provider, event_key, checkout_id)
);
CREATE TABLE IF NOT EXISTS gateway_payments (
    provider TEXT NOT NULL,
    id TEXT NOT NULL,
    record TEXT NOT NULL,
    PRIMARY KEY (provider, id)
);
CREATE TABLE IF NOT EXISTS outbox (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    provider TEXT NOT NULL,
    url TEXT NOT NULL,
    headers TEXT NOT NULL,
    body BLOB NOT NULL,
    attempts INTEGER NOT NULL DEFAULT 0,
    next_attempt_at INTEGER NOT NULL,
    last_status INTEGER,
    delivered_at INTEGER
);
CREATE INDEX IF NOT EXISTS outbox_due ON outbox (delivered_at, next_attempt_at);
CREATE TABLE IF NOT EXISTS nonces (
    api_key TEXT PRIMARY KEY,
    nonce INTEGER NOT NULL
);
CREATE TABLE IF NOT EXISTS settings (
    name TEXT PRIMARY KEY,
    value TEXT NOT NULL
);
";

/// A stored checkout.
#[derive(Debug, Clone)]
pub struct StoredCheckout {
    /// The merchant's id (`chk_...`), in the status URL.
    pub id: String,
    /// The gateway (`heropayments`, ...).
    pub provider: String,
    /// The gateway's id of the payment.
    pub payment_id: String,
    /// `purchase` or `topup`.
    pub mode: String,
    /// The checkout document (`crypto-checkout/v1`).
    pub document: String,
    /// Raised by each change: the ETag.
    pub version: i64,
}

/// A webhook waiting to be delivered.
#[derive(Debug, Clone)]
pub struct Outgoing {
    /// Its row.
    pub id: i64,
    /// Where it goes.
    pub url: String,
    /// Its headers, as a JSON array of `[name, value]`.
    pub headers: String,
    /// Its body, exactly as signed.
    pub body: Vec<u8>,
    /// Failed deliveries so far.
    pub attempts: i64,
}

/// Why an operation on the store failed.
pub type StoreError = rusqlite::Error;

/// The database.
pub struct Store {
    connection: Mutex<Connection>,
}

impl Store {
    /// Opens (creating if needed) the file at `path`.
    pub fn open(path: &Path) -> Result<Store, StoreError> {
        let connection = Connection::open(path)?;
        connection.pragma_update(None, "journal_mode", "WAL")?;
        connection.pragma_update(None, "synchronous", "NORMAL")?;
        connection.busy_timeout(std::time::Duration::from_secs(5))?;
        connection.execute_batch(SCHEMA)?;
        Ok(Store {
            connection: Mutex::new(connection),
        })
    }

    fn lock(&self) -> MutexGuard<'_, Connection> {
        self.connection
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
    }

    /// Runs `work` in one immediate transaction: committed when it returns `Ok`, rolled back
    /// otherwise (nothing half-written).
    pub fn transaction<T, E: From<StoreError>>(
        &self,
        work: impl FnOnce(&Transaction<'_>) -> Result<T, E>,
    ) -> Result<T, E> {
        let mut connection = self.lock();
        let transaction = connection.transaction_with_behavior(TransactionBehavior::Immediate)?;
        let result = work(&transaction)?;
        transaction.commit()?;
        Ok(result)
    }

    /// The checkout `id`, if there is one.
    pub fn checkout(&self, id: &str) -> Result<Option<StoredCheckout>, StoreError> {
        checkout_where(&self.lock(), "id = ?1", params![id])
    }

    /// Every checkout, newest first.
    pub fn checkouts(&self) -> Result<Vec<StoredCheckout>, StoreError> {
        let connection = self.lock();
        let mut statement = connection.prepare(
            "SELECT id, provider, payment_id, mode, document, version FROM checkouts
             ORDER BY created_at DESC, id",
        )?;
        let rows = statement.query_map([], stored_checkout)?;
        rows.collect()
    }

    /// The simulated gateway's record of payment `id`.
    pub fn gateway_payment(&self, provider: &str, id: &str) -> Result<Option<String>, StoreError> {
        gateway_payment(&self.lock(), provider, id)
    }

    /// Every simulated payment's record (the time-driven progress scans them).
    pub fn gateway_payments(&self) -> Result<Vec<(String, String)>, StoreError> {
        gateway_payments(&self.lock())
    }

    /// The webhooks due for delivery at `now_ms`, oldest first.
    pub fn due(&self, now_ms: i64, limit: i64) -> Result<Vec<Outgoing>, StoreError> {
        let connection = self.lock();
        let mut statement = connection.prepare(
            "SELECT id, url, headers, body, attempts FROM outbox
             WHERE delivered_at IS NULL AND next_attempt_at <= ?1 ORDER BY id LIMIT ?2",
        )?;
        let rows = statement.query_map(params![now_ms, limit], |row| {
            Ok(Outgoing {
                id: row.get(0)?,
                url: row.get(1)?,
                headers: row.get(2)?,
                body: row.get(3)?,
                attempts: row.get(4)?,
            })
        })?;
        rows.collect()
    }

    /// Records a delivery: delivered (2xx) or to retry at `retry_at_ms`.
    pub fn delivered(
        &self,
        id: i64,
        status: Option<u16>,
        now_ms: i64,
        retry_at_ms: Option<i64>,
    ) -> Result<(), StoreError> {
        let connection = self.lock();
        match retry_at_ms {
            None => connection.execute(
                "UPDATE outbox SET delivered_at = ?2, last_status = ?3, attempts = attempts + 1
                 WHERE id = ?1",
                params![id, now_ms, status],
            )?,
            Some(retry_at) => connection.execute(
                "UPDATE outbox SET next_attempt_at = ?2, last_status = ?3, attempts = attempts + 1
                 WHERE id = ?1",
                params![id, retry_at, status],
            )?,
        };
        Ok(())
    }
}

fn stored_checkout(row: &rusqlite::Row<'_>) -> rusqlite::Result<StoredCheckout> {
    Ok(StoredCheckout {
        id: row.get(0)?,
        provider: row.get(1)?,
        payment_id: row.get(2)?,
        mode: row.get(3)?,
        document: row.get(4)?,
        version: row.get(5)?,
    })
}

fn checkout_where(
    connection: &Connection,
    condition: &str,
    values: impl rusqlite::Params,
) -> Result<Option<StoredCheckout>, StoreError> {
    connection
        .query_row(
            &format!(
                "SELECT id, provider, payment_id, mode, document, version FROM checkouts WHERE {condition}"
            ),
            values,
            stored_checkout,
        )
        .optional()
}

fn gateway_payments(connection: &Connection) -> Result<Vec<(String, String)>, StoreError> {
    let mut statement =
        connection.prepare("SELECT provider, record FROM gateway_payments ORDER BY rowid")?;
    let rows = statement.query_map([], |row| Ok((row.get(0)?, row.get(1)?)))?;
    rows.collect()
}

fn gateway_payment(
    connection: &Connection,
    provider: &str,
    id: &str,
) -> Result<Option<String>, StoreError> {
    connection
        .query_row(
            "SELECT record FROM gateway_payments WHERE provider = ?1 AND id = ?2",
            params![provider, id],
            |row| row.get(0),
        )
        .optional()
}

/// The operations inside a transaction ([`Store::transaction`]).
pub mod tx {
    use super::*;

    /// Stores a new checkout (version 1).
    pub fn insert_checkout(
        tx: &Transaction<'_>,
        checkout: &StoredCheckout,
        now_ms: i64,
    ) -> Result<(), StoreError> {
        tx.execute(
            "INSERT INTO checkouts (id, provider, payment_id, mode, document, version, created_at)
             VALUES (?1, ?2, ?3, ?4, ?5, 1, ?6)",
            params![
                checkout.id,
                checkout.provider,
                checkout.payment_id,
                checkout.mode,
                checkout.document,
                now_ms
            ],
        )?;
        Ok(())
    }

    /// The checkout of the gateway's payment `payment_id`, or else of the merchant's order
    /// `order_id` (the checkout id the merchant gave the gateway).
    pub fn checkout_of(
        tx: &Transaction<'_>,
        provider: &str,
        payment_id: Option<&str>,
        order_id: Option<&str>,
    ) -> Result<Option<StoredCheckout>, StoreError> {
        if let Some(payment_id) = payment_id {
            if let Some(found) = checkout_where(
                tx,
                "provider = ?1 AND payment_id = ?2",
                params![provider, payment_id],
            )? {
                return Ok(Some(found));
            }
        }
        match order_id {
            Some(order_id) => {
                checkout_where(tx, "provider = ?1 AND id = ?2", params![provider, order_id])
            }
            None => Ok(None),
        }
    }

    /// Replaces a checkout's document, raising its version.
    pub fn update_document(
        tx: &Transaction<'_>,
        id: &str,
        document: &str,
    ) -> Result<(), StoreError> {
        tx.execute(
            "UPDATE checkouts SET document = ?2, version = version + 1 WHERE id = ?1",
            params![id, document],
        )?;
        Ok(())
    }

    /// Records `event_key` as processed for checkout `checkout_id`; false when it already was
    /// (nothing changes then). Per checkout: where a signature covers only ids (HAYVN's
    /// `callback_id`), a genuine callback replayed with another payment's id in its unsigned
    /// fields is read back as that other payment, and must not use up the key of the payment
    /// it was meant for.
    pub fn claim_event(
        tx: &Transaction<'_>,
        provider: &str,
        event_key: &str,
        checkout_id: &str,
        now_ms: i64,
    ) -> Result<bool, StoreError> {
        let inserted = tx.execute(
            "INSERT OR IGNORE INTO processed_events (provider, event_key, checkout_id, received_at)
             VALUES (?1, ?2, ?3, ?4)",
            params![provider, event_key, checkout_id, now_ms],
        )?;
        Ok(inserted == 1)
    }

    /// The simulated gateway's record of payment `id`.
    pub fn gateway_payment(
        tx: &Transaction<'_>,
        provider: &str,
        id: &str,
    ) -> Result<Option<String>, StoreError> {
        super::gateway_payment(tx, provider, id)
    }

    /// Stores the simulated gateway's record of payment `id`.
    pub fn put_gateway_payment(
        tx: &Transaction<'_>,
        provider: &str,
        id: &str,
        record: &str,
    ) -> Result<(), StoreError> {
        tx.execute(
            "INSERT INTO gateway_payments (provider, id, record) VALUES (?1, ?2, ?3)
             ON CONFLICT (provider, id) DO UPDATE SET record = excluded.record",
            params![provider, id, record],
        )?;
        Ok(())
    }

    /// Queues a webhook for delivery now.
    pub fn enqueue(
        tx: &Transaction<'_>,
        provider: &str,
        url: &str,
        headers: &str,
        body: &[u8],
        now_ms: i64,
    ) -> Result<(), StoreError> {
        tx.execute(
            "INSERT INTO outbox (provider, url, headers, body, next_attempt_at) VALUES (?1, ?2, ?3, ?4, ?5)",
            params![provider, url, headers, body, now_ms],
        )?;
        Ok(())
    }

    /// The setting `name`, if it was ever set.
    pub fn setting(tx: &Transaction<'_>, name: &str) -> Result<Option<String>, StoreError> {
        tx.query_row(
            "SELECT value FROM settings WHERE name = ?1",
            params![name],
            |row| row.get(0),
        )
        .optional()
    }

    /// Sets the setting `name`.
    pub fn set_setting(tx: &Transaction<'_>, name: &str, value: &str) -> Result<(), StoreError> {
        tx.execute(
            "INSERT INTO settings (name, value) VALUES (?1, ?2)
             ON CONFLICT (name) DO UPDATE SET value = excluded.value",
            params![name, value],
        )?;
        Ok(())
    }

    /// Every simulated payment's record.
    pub fn gateway_payments(tx: &Transaction<'_>) -> Result<Vec<(String, String)>, StoreError> {
        super::gateway_payments(tx)
    }

    /// Points the webhooks queued for URLs under `old` (`http://127.0.0.1:PORT`) at `new`.
    pub fn move_outbox(tx: &Transaction<'_>, old: &str, new: &str) -> Result<(), StoreError> {
        tx.execute(
            "UPDATE outbox SET url = ?2 || substr(url, length(?1) + 1)
             WHERE substr(url, 1, length(?1) + 1) = ?1 || '/'",
            params![old, new],
        )?;
        Ok(())
    }

    /// Records `nonce` for `api_key` if it is above the last one; false (and nothing changes)
    /// when it is not.
    pub fn advance_nonce(
        tx: &Transaction<'_>,
        api_key: &str,
        nonce: i64,
    ) -> Result<bool, StoreError> {
        let changed = tx.execute(
            "INSERT INTO nonces (api_key, nonce) VALUES (?1, ?2)
             ON CONFLICT (api_key) DO UPDATE SET nonce = excluded.nonce WHERE excluded.nonce > nonces.nonce",
            params![api_key, nonce],
        )?;
        Ok(changed == 1)
    }
}
