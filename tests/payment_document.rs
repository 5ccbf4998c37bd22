//! The checkout document read back (`Checkout::from_json`): every expected document of the
//! payment vectors round-trips unchanged, and a document outside the schema is an error naming
//! the field.

use crypto_checkout::payment::{Checkout, Outcome, State};
use serde_json::{json, Value};
use std::path::Path;

fn expected_documents(directory: &Path, found: &mut Vec<std::path::PathBuf>) {
    for entry in std::fs::read_dir(directory).unwrap() {
        let path = entry.unwrap().path();
        let name = path.file_name().unwrap().to_str().unwrap().to_owned();
        if path.is_dir() {
            expected_documents(&path, found);
        } else if name.ends_with(".expected.json")
            && !name.ends_with(".event.expected.json")
            && !name.ends_with(".error.expected.json")
        {
            found.push(path);
        }
    }
}

#[test]
fn every_expected_document_round_trips() {
    let mut paths = Vec::new();
    expected_documents(
        Path::new(concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/tests/vectors/payments"
        )),
        &mut paths,
    );
    assert!(paths.len() > 40, "{} documents", paths.len());
    for path in paths {
        let text = std::fs::read_to_string(&path).unwrap();
        let checkout = Checkout::from_json(&text)
            .unwrap_or_else(|error| panic!("{}: {error}", path.display()));
        let written: Value = serde_json::from_str(&checkout.to_json()).unwrap();
        let original: Value = serde_json::from_str(&text).unwrap();
        assert_eq!(written, original, "{}", path.display());
    }
}

fn sketch() -> Value {
    json!({
        "schema": "crypto-checkout/v1", "id": "chk_123", "provider": "heropayments",
        "direction": "deposit", "state": "awaiting_payment", "outcome": "pending",
        "provider_status": "waiting", "order_id": null, "coin": "USDT", "network": "tron",
        "address": "TXa", "tag": null, "amount": "50.00", "minimum_amount": "5",
        "paid_amount": "0", "remaining_amount": "50.00", "excess_amount": null,
        "fiat": { "currency": "USD", "amount": "50.00" },
        "confirmations": { "received": 0, "required": 19 },
        "expires_at": "2026-01-15T10:30:00Z", "created_at": null,
        "payments": [{ "id": null, "txid": "t", "amount": "1.5", "sequence": "original",
                       "confirmed": false, "created_at": null }],
        "warnings": []
    })
}

#[test]
fn documents_outside_the_schema_are_errors_naming_the_field() {
    assert!(Checkout::from_json(&sketch().to_string()).is_ok());
    let cases: Vec<(&str, Value, &str)> = vec![
        ("schema", json!("crypto-checkout/v2"), "schema"),
        ("amount", json!(50), "amount"),
        ("amount", json!("1e-7"), "amount"),
        ("amount", json!("-1"), "amount"),
        ("paid_amount", json!(null), "paid_amount"),
        ("state", json!("done"), "state"),
        ("network", json!("TRC20"), "network"),
        ("coin", json!("DOGE2"), "coin"),
        ("provider", json!("stripe"), "provider"),
        (
            "confirmations",
            json!({ "received": "1", "required": null }),
            "confirmations.received",
        ),
        (
            "confirmations",
            json!({ "received": 1 }),
            "confirmations.required",
        ),
        (
            "payments",
            json!([{ "id": null, "txid": null, "amount": "1", "sequence": null,
                              "confirmed": "yes", "created_at": null }]),
            "payments[0].confirmed",
        ),
        (
            "fiat",
            json!({ "currency": "USD", "amount": "5", "rate": "1" }),
            "fiat",
        ),
        ("extra", json!(1), "(document)"),
        ("id", json!(7), "id"),
        ("revision", json!(-1), "revision"),
        ("revision", json!("3"), "revision"),
        ("revision", json!(1.5), "revision"),
        // Times as the schema writes them: RFC 3339, with `T` between the date and the time.
        ("expires_at", json!("15.01.2024 10:30"), "expires_at"),
        ("expires_at", json!("2024-01-15 10:30:00Z"), "expires_at"),
        ("expires_at", json!("2024-02-30T10:30:00Z"), "expires_at"),
        ("created_at", json!("1705314600"), "created_at"),
        (
            "payments",
            json!([{ "id": null, "txid": null, "amount": "1", "sequence": null,
                              "confirmed": true, "created_at": "yesterday" }]),
            "payments[0].created_at",
        ),
    ];
    for (key, value, field) in cases {
        let mut document = sketch();
        document[key] = value.clone();
        let error =
            Checkout::from_json(&document.to_string()).expect_err(&format!("{key} = {value}"));
        assert_eq!(error.field(), Some(field), "{key} = {value}: {error}");
    }
    // A state and an outcome that contradict each other (a payment shown as received that
    // the merchant is told to keep waiting for, a success that never arrived) are refused.
    for (state, outcome) in [
        ("paid", "pending"),
        ("awaiting_payment", "success"),
        ("confirming", "failure"),
        ("refunded", "success"),
        ("unknown", "success"),
        // A deposit that expired is closed; only a withdrawal can expire still under way.
        ("expired", "pending"),
    ] {
        let mut document = sketch();
        document["state"] = json!(state);
        document["outcome"] = json!(outcome);
        let error = Checkout::from_json(&document.to_string()).expect_err(state);
        assert_eq!(
            error.field(),
            Some("outcome"),
            "{state} with {outcome}: {error}"
        );
    }
    let mut withdrawal = sketch();
    withdrawal["direction"] = json!("withdrawal");
    withdrawal["state"] = json!("expired");
    let checkout = Checkout::from_json(&withdrawal.to_string()).unwrap();
    assert_eq!(
        (checkout.state, checkout.outcome),
        (State::Expired, Outcome::Pending)
    );
    let mut missing = sketch();
    missing.as_object_mut().unwrap().remove("outcome");
    let error = Checkout::from_json(&missing.to_string()).unwrap_err();
    assert_eq!(
        (error.code(), error.field()),
        ("payment_missing_field", Some("outcome"))
    );
    let error = Checkout::from_json("{\"schema\": ").unwrap_err();
    assert_eq!(error.code(), "payment_invalid_json");
}

/// `revision` is optional: absent or null is none, and a document with one writes it back.
#[test]
fn the_revision_is_optional_and_round_trips() {
    assert_eq!(
        Checkout::from_json(&sketch().to_string()).unwrap().revision,
        None
    );
    let mut document = sketch();
    document["revision"] = json!(null);
    assert_eq!(
        Checkout::from_json(&document.to_string()).unwrap().revision,
        None
    );
    document["revision"] = json!(42);
    let checkout = Checkout::from_json(&document.to_string()).unwrap();
    assert_eq!(checkout.revision, Some(42));
    let written: Value = serde_json::from_str(&checkout.to_json()).unwrap();
    assert_eq!(written, document);
}
