//! `json::normalize_keeping` normalizes as `json::normalize` does and, in the same pass, reads
//! the named members of a top-level object as the strict `value::parse_members` reads them:
//! on seeded random documents (keys spelled with and without escapes, duplicates, strings full
//! of quotes and backslashes, whitespace everywhere), nesting on both sides of the depth
//! limit, and every JSONTestSuite file and payment fixture, accepted or not.

mod common;

use common::{assert_all_passed, conformance_dir, Rng};
use crypto_checkout::json::{self, value};
use std::path::Path;

/// The names kept: plain, one that is only ever written escaped, one holding a quote, and
/// one that is not ASCII.
const NAMES: &[&str] = &["a", "data", "id", "b\"c", "é"];

/// Spellings of keys: the kept names in several forms, and others.
const KEYS: &[&str] = &[
    "a",
    "\\u0061",
    "data",
    "d\\u0061ta",
    "id",
    "b\\\"c",
    "é",
    "\\u00e9",
    "other",
    "ab",
    "",
    "\\\\",
    "x\\\"",
];

/// Whitespace, often none.
fn space(rng: &mut Rng) -> &'static str {
    [" ", "\n\t", "\r\n  ", "", "", ""][rng.below(6) as usize]
}

/// A value nested at most `depth` more levels.
fn value_text(rng: &mut Rng, depth: u32, out: &mut String) {
    let choice = if depth == 0 {
        rng.below(4)
    } else {
        rng.below(7)
    };
    match choice {
        0 => out.push_str(["null", "true", "false"][rng.below(3) as usize]),
        1 => out
            .push_str(["0", "-1.50", "1e400", "12345678901234567890", "3"][rng.below(5) as usize]),
        2 | 3 => {
            out.push('"');
            for _ in 0..rng.below(6) {
                out.push_str(
                    [
                        "x",
                        "\\\"",
                        "\\\\",
                        "\\\\\\\"",
                        "}",
                        "]",
                        ",",
                        "{\\\"a\\\":1}",
                        "é",
                        "\\ud83d",
                    ][rng.below(10) as usize],
                );
            }
            out.push('"');
        }
        4 => {
            out.push('[');
            for index in 0..rng.below(4) {
                if index > 0 {
                    out.push(',');
                }
                out.push_str(space(rng));
                value_text(rng, depth - 1, out);
            }
            out.push(']');
        }
        _ => object_text(rng, depth - 1, out),
    }
}

/// An object nested at most `depth` more levels.
fn object_text(rng: &mut Rng, depth: u32, out: &mut String) {
    out.push('{');
    for index in 0..rng.below(6) {
        if index > 0 {
            out.push(',');
        }
        out.push_str(space(rng));
        out.push('"');
        out.push_str(KEYS[rng.below(KEYS.len() as u64) as usize]);
        out.push('"');
        out.push_str(space(rng));
        out.push(':');
        out.push_str(space(rng));
        value_text(rng, depth, out);
        out.push_str(space(rng));
    }
    out.push('}');
}

/// `[[[...]]]` `levels` deep.
fn nested(levels: usize) -> String {
    format!("{}{}", "[".repeat(levels), "]".repeat(levels))
}

/// Compares `normalize_keeping` on `text` with `normalize` and `parse_members`, noting a
/// difference in `failures`.
fn compare(name: &str, text: &[u8], failures: &mut Vec<String>) {
    let expected = json::normalize_utf8(text).map(|normalized| {
        let members = match value::parse_members(text, NAMES) {
            Ok(object @ value::Value::Object(_)) => Some(object),
            _ => None,
        };
        (normalized, members)
    });
    let actual = json::normalize_keeping(text, NAMES);
    if actual != expected {
        failures.push(format!(
            "{name}: {:?}\n  expected: {expected:?}\n  actual:   {actual:?}",
            String::from_utf8_lossy(text)
        ));
    }
}

#[test]
fn generated_documents_read_the_same() {
    let mut rng = Rng(0x5eed_0001);
    let mut failures = Vec::new();
    let mut kept = 0;
    let count = 20_000;
    for index in 0..count {
        let mut text = String::from(space(&mut rng));
        object_text(&mut rng, 4, &mut text);
        text.push_str(space(&mut rng));
        assert!(
            json::normalize(&text).is_ok(),
            "document {index} is not JSON: {text}"
        );
        if let Ok(value::Value::Object(members)) = value::parse_members(&text, NAMES) {
            kept += usize::from(!members.is_empty());
        }
        compare(&format!("document {index}"), text.as_bytes(), &mut failures);
    }
    assert_all_passed(&failures, count, "documents");
    assert!(kept > count / 2, "only {kept} documents had a kept member");
}

#[test]
fn nesting_at_the_depth_limit_reads_the_same() {
    let mut failures = Vec::new();
    let limit = value::MAX_VALUE_DEPTH;
    let cases: Vec<String> = [limit - 2, limit - 1, limit, limit + 1]
        .into_iter()
        .flat_map(|levels| {
            [
                format!(r#"{{"a":1,"skipped":{}}}"#, nested(levels)),
                format!(r#"{{"data":{},"a":2}}"#, nested(levels)),
                format!(r#"{{"a":{{"data":{}}}}}"#, nested(levels)),
            ]
        })
        .collect();
    for (index, text) in cases.iter().enumerate() {
        compare(&format!("case {index}"), text.as_bytes(), &mut failures);
    }
    assert_all_passed(&failures, cases.len(), "cases");
}

#[test]
fn jsontestsuite_and_payment_fixtures_read_the_same() {
    let suite = conformance_dir().join("JSONTestSuite/test_parsing");
    let fixtures = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/vectors/payments");
    let mut files = Vec::new();
    for directory in [&suite, &fixtures] {
        let mut stack = vec![directory.clone()];
        while let Some(path) = stack.pop() {
            for entry in std::fs::read_dir(&path).expect("a test data directory") {
                let path = entry.expect("a directory entry").path();
                if path.is_dir() {
                    stack.push(path);
                } else if path.extension().is_some_and(|ext| ext == "json") {
                    files.push(path);
                }
            }
        }
    }
    let mut failures = Vec::new();
    for path in &files {
        let text = std::fs::read(path).expect("a test file");
        compare(&path.display().to_string(), &text, &mut failures);
    }
    assert_all_passed(&failures, files.len(), "files");
    assert!(files.len() > 300, "only {} files were found", files.len());
}
