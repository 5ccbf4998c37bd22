//! Every example document of the gateways' docs (and the documents built from their tables)
//! against its expected normalized form, in `tests/vectors/payments/`. The expected files are
//! also what `tests/vectors/payments/make_expected.py` computes, an independent Python model
//! of the rules in the README (`make test-rust` runs it with `--check`).
//!
//! For `<name>.json` (from the directory `<gateway>/`), the expected results sit beside it:
//! `<name>.expected.json` (the checkout document), `<name>.event.expected.json` (the payment
//! event, for webhooks) or `<name>.error.expected.json` (`{code, field?, line?, column?}`),
//! and `<name>.options.json` holds the options when there are any. After a deliberate change
//! of the model, `UPDATE_EXPECTED=1 cargo test --test payment_fixtures` rewrites the expected
//! files, to be reviewed in the diff.

use crypto_checkout::error::PaymentError;
use crypto_checkout::payment::money::Amount;
use crypto_checkout::payment::{
    normalize_payment, normalize_webhook, webhook_event_key, Direction, Gateway, Mode, Options,
    Tolerance,
};
use serde_json::{json, Value};
use std::path::{Path, PathBuf};

const ROOT: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/vectors/payments");

fn fixtures(directory: &Path, found: &mut Vec<PathBuf>) {
    let mut entries: Vec<PathBuf> = std::fs::read_dir(directory)
        .unwrap_or_else(|error| panic!("{}: {error}", directory.display()))
        .map(|entry| entry.expect("a directory entry").path())
        .collect();
    entries.sort();
    for path in entries {
        let name = path
            .file_name()
            .and_then(|name| name.to_str())
            .unwrap_or_default();
        if path.is_dir() {
            fixtures(&path, found);
        } else if name.ends_with(".json")
            && !name.ends_with(".expected.json")
            && !name.ends_with(".options.json")
        {
            found.push(path);
        }
    }
}

fn options(path: &Path) -> Options {
    let Ok(text) = std::fs::read_to_string(path.with_extension("options.json")) else {
        return Options::default();
    };
    let value: Value = serde_json::from_str(&text).expect("options are JSON");
    let percent = |key: &str| Amount::parse(value["tolerance"][key].as_str().unwrap()).unwrap();
    Options {
        direction: value["direction"].as_str().and_then(Direction::parse),
        mode: match value["mode"].as_str() {
            Some("topup") => Mode::Topup,
            _ => Mode::Purchase,
        },
        tolerance: value.get("tolerance").map(|_| Tolerance {
            below: percent("below"),
            above: percent("above"),
        }),
        id: value["id"].as_str().map(str::to_owned),
    }
}

fn error_json(error: &PaymentError) -> Value {
    let mut value = json!({ "code": error.code(), "message": error.to_string() });
    if let Some(field) = error.field() {
        value["field"] = json!(field);
    }
    if let Some(json) = error.json_error() {
        value["line"] = json!(json.line());
        value["column"] = json!(json.column());
    }
    value
}

/// Compares `actual` with the file at `path`, or writes it there under `UPDATE_EXPECTED`.
fn check(path: &Path, actual: Option<Value>, failures: &mut Vec<String>) {
    let update = std::env::var_os("UPDATE_EXPECTED").is_some();
    let expected = std::fs::read_to_string(path)
        .ok()
        .map(|text| serde_json::from_str::<Value>(&text).expect("expected files are JSON"));
    if update {
        match &actual {
            Some(actual) => {
                let text = serde_json::to_string_pretty(actual).unwrap() + "\n";
                std::fs::write(path, text).unwrap();
            }
            None if expected.is_some() => std::fs::remove_file(path).unwrap(),
            None => {}
        }
        return;
    }
    if expected != actual {
        failures.push(format!(
            "{}:\n  expected {}\n  actual   {}",
            path.display(),
            expected.map_or("(no file)".to_owned(), |value| value.to_string()),
            actual.map_or("(nothing)".to_owned(), |value| value.to_string()),
        ));
    }
}

#[test]
fn documents_normalize_as_reviewed() {
    let mut paths = Vec::new();
    fixtures(Path::new(ROOT), &mut paths);
    assert!(paths.len() >= 20, "fixtures found: {}", paths.len());
    let mut failures = Vec::new();
    for path in &paths {
        let gateway_name = path
            .parent()
            .and_then(|dir| dir.file_name())
            .and_then(|name| name.to_str())
            .unwrap();
        let Ok(gateway) = Gateway::parse(gateway_name) else {
            continue;
        };
        let text = std::fs::read(path).unwrap();
        let options = options(path);
        let stem = path.with_extension("");
        let sibling = |suffix: &str| PathBuf::from(format!("{}{suffix}", stem.display()));
        let payment = normalize_payment(gateway, &text, &options);
        let (checkout, error) = match &payment {
            Ok(checkout) => (
                Some(serde_json::from_str(&checkout.to_json()).unwrap()),
                None,
            ),
            Err(error) => (None, Some(error_json(error))),
        };
        check(&sibling(".expected.json"), checkout, &mut failures);
        check(&sibling(".error.expected.json"), error, &mut failures);
        let event = normalize_webhook(gateway, &text, &options).ok();
        // The key signature verification reports (read from the key's members alone) is the
        // key of the whole event.
        if let Some(event) = &event {
            let key = webhook_event_key(gateway, &text);
            if key.as_deref() != Some(event.event_key.as_str()) {
                failures.push(format!(
                    "{}: webhook_event_key {key:?}, the event's key {:?}",
                    path.display(),
                    event.event_key
                ));
            }
        }
        let event = event.map(|event| serde_json::from_str(&event.to_json()).unwrap());
        check(&sibling(".event.expected.json"), event, &mut failures);
    }
    assert!(
        failures.is_empty(),
        "{} differences:\n{}",
        failures.len(),
        failures.join("\n")
    );
}
