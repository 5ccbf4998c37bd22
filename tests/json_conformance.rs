//! JSON normalization and canonicalization checked against data made by independent oracles:
//! Node's `JSON.stringify(JSON.parse())` (tests/vectors/json/*.tsv, with the scripts that made
//! them) and the RFC 8785 test data in ../shared/conformance/json-canonicalization/.

mod common;

use common::conformance_dir;
use crypto_checkout::json::{self, Text};
use std::fs;
use std::path::Path;

fn vectors(name: &str) -> String {
    let path = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/vectors/json")
        .join(name);
    fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

fn hex_bytes(hex: &str) -> Vec<u8> {
    (0..hex.len())
        .step_by(2)
        .map(|i| u8::from_str_radix(&hex[i..i + 2], 16).expect("hex"))
        .collect()
}

fn hex_units(hex: &str) -> Vec<u16> {
    (0..hex.len())
        .step_by(4)
        .map(|i| u16::from_str_radix(&hex[i..i + 4], 16).expect("hex"))
        .collect()
}

/// (first column, verdict, expected output) for each data line of a vector file.
fn rows(text: &str) -> impl Iterator<Item = (usize, &str, bool, Option<String>)> {
    text.lines()
        .enumerate()
        .filter(|(_, line)| !line.starts_with('#'))
        .map(|(number, line)| {
            let mut columns = line.split('\t');
            let first = columns.next().expect("first column");
            let accepted = columns.next() == Some("accept");
            let output = columns
                .next()
                .filter(|_| accepted)
                .map(|hex| String::from_utf8(hex_bytes(hex)).expect("utf-8 output"));
            (number + 1, first, accepted, output)
        })
}

fn check(
    label: &str,
    result: Result<String, json::JsonError>,
    expected: &Option<String>,
) -> Option<String> {
    match (result, expected) {
        (Ok(ours), Some(node)) if &ours == node => None,
        (Err(_), None) => None,
        (ours, node) => Some(format!("{label}: ours {ours:?}, node {node:?}")),
    }
}

fn assert_no_failures(failures: &[String]) {
    assert!(
        failures.is_empty(),
        "{} mismatches:\n{}",
        failures.len(),
        failures.join("\n")
    );
}

#[test]
fn every_jsontestsuite_file_behaves_as_in_node() {
    let suite = conformance_dir().join("JSONTestSuite/test_parsing");
    let data = vectors("jsontestsuite.tsv");
    let mut failures = Vec::new();
    let mut seen = 0;
    for (line, name, accepted, expected) in rows(&data) {
        seen += 1;
        let bytes = fs::read(suite.join(name)).unwrap_or_else(|e| panic!("{name}: {e}"));
        let label = format!("jsontestsuite.tsv line {line} ({name})");
        failures.extend(check(&label, json::normalize(&bytes), &expected));
        // The suite's own promise: y_ accepted, n_ rejected.
        if (name.starts_with("y_") && !accepted) || (name.starts_with("n_") && accepted) {
            failures.push(format!("{label}: node's verdict contradicts the file name"));
        }
    }
    let on_disk = fs::read_dir(&suite).expect("suite").count();
    assert_eq!(seen, on_disk, "jsontestsuite.tsv is stale: regenerate it");
    assert_no_failures(&failures);
}

#[test]
fn edge_cases_behave_as_in_node() {
    let data = vectors("cases.tsv");
    let mut failures = Vec::new();
    for (line, units_hex, _, expected) in rows(&data) {
        let units = hex_units(units_hex);
        let label = format!(
            "cases.tsv line {line} ({:?})",
            String::from_utf16_lossy(&units)
        );
        failures.extend(check(
            &label,
            json::normalize(Text::Utf16(&units)),
            &expected,
        ));
        // Well-formed text gives the same result as UTF-8.
        if let Ok(text) = String::from_utf16(&units) {
            failures.extend(check(
                &format!("{label} as UTF-8"),
                json::normalize(&text),
                &expected,
            ));
            let inspected = json::inspect(&text).map(|i| i.normalized);
            failures.extend(check(&format!("{label} inspected"), inspected, &expected));
        }
    }
    assert_no_failures(&failures);
}

#[test]
fn rfc8785_test_data_canonicalizes_exactly() {
    let dir = conformance_dir().join("json-canonicalization");
    let mut names: Vec<_> = fs::read_dir(dir.join("input"))
        .expect("rfc 8785 input")
        .map(|entry| entry.expect("entry").file_name())
        .collect();
    names.sort();
    assert!(!names.is_empty());
    for name in names {
        let input = fs::read(dir.join("input").join(&name)).expect("input");
        let expected = fs::read_to_string(dir.join("output").join(&name)).expect("output");
        let ours = json::canonicalize(&input).unwrap_or_else(|e| panic!("{name:?}: {e}"));
        assert_eq!(ours, expected.trim_end_matches('\n'), "{name:?}");
    }
}
