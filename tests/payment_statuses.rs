//! Every status and event of every gateway, in both directions, against
//! `tests/vectors/payment-statuses.tsv` (the gateways' own status tables).

use crypto_checkout::payment::money::Amount;
use crypto_checkout::payment::{
    judge, normalize_payment, normalize_webhook, status_of, Checkout, Direction, Gateway, Mode,
    Options, Outcome, State, Tolerance,
};
use serde_json::json;

struct Row {
    line: usize,
    gateway: Gateway,
    kind: String,
    status: String,
    direction: String,
    state: String,
    outcome: String,
}

fn rows() -> Vec<Row> {
    let path = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/tests/vectors/payment-statuses.tsv"
    );
    let text = std::fs::read_to_string(path).expect("the status table");
    text.lines()
        .enumerate()
        .filter(|(_, line)| !line.starts_with('#') && !line.trim().is_empty())
        .map(|(index, line)| {
            let cells: Vec<&str> = line.split('\t').collect();
            assert_eq!(cells.len(), 6, "line {}: six cells", index + 1);
            Row {
                line: index + 1,
                gateway: Gateway::parse(cells[0]).expect("a gateway"),
                kind: cells[1].to_owned(),
                status: cells[2].to_owned(),
                direction: cells[3].to_owned(),
                state: cells[4].to_owned(),
                outcome: cells[5].to_owned(),
            }
        })
        .collect()
}

/// The smallest document of `row`'s gateway and kind carrying its status, and whether it is
/// a webhook (which then also goes through `normalize_webhook`).
fn document(row: &Row) -> (serde_json::Value, bool) {
    let status = row.status.as_str();
    match (row.gateway, row.kind.as_str()) {
        (Gateway::Heropayments, direction) => (
            json!({ "id": "p-1", "externalOrderId": "o-1", "sequence": "original",
                    "type": direction, "status": status, "currency": "USDT", "network": "trc20",
                    "payAddress": "TXa", "amount": "50.00" }),
            true,
        ),
        (Gateway::Hayvn, "payment") => (
            json!({ "result": { "id": "h-1", "status": status, "payment_currency": "BTC",
                                "payment_amount": "0.1", "address": "bc1q" } }),
            false,
        ),
        (Gateway::Hayvn, "payment-callback") => (
            json!({ "result": { "id": "h-1", "status": "pending", "payment_currency": "BTC",
                                "payment_amount": "0.1", "address": "bc1q" },
                    "callback_id": "cb-1", "callback_status": status, "signature": "00" }),
            true,
        ),
        (Gateway::Hayvn, "withdrawal") => (
            json!({ "result": [{ "id": "w-1", "status": status, "fiat_amount": "35.00",
                                 "fiat_currency": "USD", "address": "2NC", "currency": "BTC",
                                 "network": "BTC" }] }),
            false,
        ),
        (Gateway::Hayvn, "withdrawal-callback") => (
            json!({ "result": { "id": "w-1", "status": "pending", "fiat_amount": "35.00",
                                "fiat_currency": "USD", "address": "2NC", "currency": "BTC",
                                "network": "BTC" },
                    "callback_id": "cb-2", "callback_status": status, "signature": "00" }),
            true,
        ),
        (Gateway::Hayvn, "payout") => (
            json!({ "result": [{ "id": "po-1", "status": status, "amount": "35.00",
                                 "currency": "USD" }] }),
            false,
        ),
        (Gateway::CryptoPayment, "invoice") => (
            json!({ "success": true, "invoice": { "id": "i-1", "status": status,
                    "network": "trc20", "coin": "USDT", "amount_crypto": 50.00,
                    "address": "TXa" } }),
            false,
        ),
        (Gateway::CryptoPayment, "event") => (
            json!({ "event": status, "invoice_id": "i-1", "network": "trc20", "coin": "USDT",
                    "paid_amount": 50.00, "txid": "a1", "address": "TXa" }),
            true,
        ),
        (Gateway::Iqpay, "deposit") => (
            json!({ "address": "1Je", "wallet_ext_id": "2", "txid": "04fb",
                    "amount": 0.00001124, "currency": "BTC", "status": status.parse::<u8>().unwrap() }),
            true,
        ),
        (Gateway::Iqpay, "withdrawal") => (
            json!({ "id": 11, "address": "1Je", "currency": "ETH", "amount": 0.022,
                    "txid": "0x52", "status": status.parse::<u8>().unwrap() }),
            true,
        ),
        (Gateway::Calypso, "event") => (
            json!({ "requestId": "r-1", "id": 1, "level": "INFO", "service": "INVOICE",
                    "eventType": status,
                    "data": { "type": status, "parentExternalId": 3, "currency": "ETH",
                              "payoutStatus": "IN_PROGRESS", "idempotencyKey": "k-1" } }),
            true,
        ),
        (gateway, kind) => panic!("line {}: no document for {gateway:?} {kind}", row.line),
    }
}

#[test]
fn every_status_maps_as_the_gateway_tables_say() {
    let rows = rows();
    assert!(rows.len() > 90, "the table lists every status");
    for row in &rows {
        let (document, is_webhook) = document(row);
        let text = document.to_string();
        let checkout = normalize_payment(row.gateway, &text, &Options::default())
            .unwrap_or_else(|error| panic!("line {}: {error}", row.line));
        let context = format!("line {} ({} {})", row.line, row.kind, row.status);
        assert_eq!(checkout.state.as_str(), row.state, "{context}: state");
        assert_eq!(checkout.outcome.as_str(), row.outcome, "{context}: outcome");
        assert_eq!(
            checkout.direction.as_str(),
            row.direction,
            "{context}: direction"
        );
        let expected_status = match (row.gateway, row.kind.as_str()) {
            (Gateway::Calypso, _) if row.status == "PAYOUT_CHANGE_STATUS" => "IN_PROGRESS",
            _ => row.status.as_str(),
        };
        assert_eq!(
            checkout.provider_status, expected_status,
            "{context}: raw status kept"
        );
        // The raw status alone, as a stored checkout document keeps it, means the same.
        let direction = Direction::parse(&row.direction).unwrap();
        assert_eq!(
            status_of(row.gateway, direction, &checkout.provider_status),
            (checkout.state, checkout.outcome),
            "{context}: status_of"
        );
        // The pair, and each refinement the tolerance band makes of it (paid too little,
        // in the band, too much), is one a checkout document may hold.
        let band = Tolerance {
            below: Amount::parse("1").unwrap(),
            above: Amount::parse("5").unwrap(),
        };
        for paid in ["10", "50", "90"] {
            let [amount, paid] = ["50", paid].map(|text| Amount::parse(text).unwrap());
            let state = judge(
                checkout.state,
                checkout.outcome,
                &amount,
                &paid,
                &band,
                Mode::Purchase,
            );
            assert!(
                state
                    .outcomes(checkout.direction)
                    .contains(&checkout.outcome),
                "{context}: {} judged {}",
                checkout.outcome.as_str(),
                state.as_str()
            );
        }
        Checkout::from_json(&checkout.to_json())
            .unwrap_or_else(|error| panic!("{context}: read back: {error}"));
        if checkout.state == State::Unknown {
            assert_eq!(
                checkout.outcome,
                Outcome::Pending,
                "{context}: unknown is pending"
            );
            assert!(
                checkout
                    .warnings
                    .iter()
                    .any(|warning| warning.code == "unknown_status"),
                "{context}: unknown status warned"
            );
        }
        if is_webhook {
            let event = normalize_webhook(row.gateway, &text, &Options::default())
                .unwrap_or_else(|error| panic!("{context}: {error}"));
            assert_eq!(event.state, checkout.state, "{context}: event state");
            assert_eq!(event.outcome, checkout.outcome, "{context}: event outcome");
            assert!(!event.event_key.is_empty(), "{context}: event key");
        }
    }
}

#[test]
fn heropayments_expired_and_sending_depend_on_the_direction() {
    let document =
        |status: &str| json!({ "id": "p", "externalOrderId": "o", "status": status }).to_string();
    let with = |direction| Options {
        direction: Some(direction),
        ..Options::default()
    };
    for (status, deposit, withdrawal) in [
        ("expired", Outcome::Failure, Outcome::Pending),
        ("sending", Outcome::Success, Outcome::Pending),
    ] {
        let text = document(status);
        let read = |direction| {
            normalize_payment(Gateway::Heropayments, &text, &with(direction))
                .unwrap()
                .outcome
        };
        assert_eq!(read(Direction::Deposit), deposit, "{status} deposit");
        assert_eq!(
            read(Direction::Withdrawal),
            withdrawal,
            "{status} withdrawal"
        );
    }
    // Without a `type` field or the option, the direction is not guessed.
    let error = normalize_payment(
        Gateway::Heropayments,
        &document("sending"),
        &Options::default(),
    )
    .unwrap_err();
    assert_eq!(error.code(), "payment_missing_field");
    assert!(error.to_string().contains("direction"), "{error}");
}
