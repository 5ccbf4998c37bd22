//! What `inspect` tells a support engineer about a body that normalization changes.

use crypto_checkout::json::{self, WarningKind, MAX_WARNINGS};

fn warnings(text: &str) -> Vec<(WarningKind, String, Option<String>, Option<String>)> {
    let inspection = json::inspect(text).unwrap();
    assert_eq!(inspection.normalized, json::normalize(text).unwrap());
    inspection
        .warnings
        .into_iter()
        .map(|w| (w.kind, w.path, w.original, w.normalized))
        .collect()
}

fn some(text: &str) -> Option<String> {
    Some(text.to_string())
}

#[test]
fn numbers_report_rewrites_and_lost_precision() {
    use WarningKind::*;
    let text = r#"{"amount":1.10,"fee":1E2,"id":12345678901234567890,"big":1e400,"tiny":1e-400,"ok":50.5,"zero":-0,"list":[0.1,1.0]}"#;
    assert_eq!(
        warnings(text),
        vec![
            (
                NumberRewritten,
                "$.amount".into(),
                some("1.10"),
                some("1.1")
            ),
            (NumberRewritten, "$.fee".into(), some("1E2"), some("100")),
            (
                PrecisionLost,
                "$.id".into(),
                some("12345678901234567890"),
                some("12345678901234567000")
            ),
            (PrecisionLost, "$.big".into(), some("1e400"), some("null")),
            (PrecisionLost, "$.tiny".into(), some("1e-400"), some("0")),
            (NumberRewritten, "$.zero".into(), some("-0"), some("0")),
            (NumberRewritten, "$.list[1]".into(), some("1.0"), some("1")),
        ]
    );
}

#[test]
fn keys_report_reordering_and_duplicates_with_paths() {
    use WarningKind::*;
    let text = r#"{"data":{"b":1,"10":2,"2":3},"a":"x","odd key":[{"k":1,"k":2}],"a":"y"}"#;
    assert_eq!(
        warnings(text),
        vec![
            (
                KeysReordered,
                "$.data".into(),
                some(r#""b","10","2""#),
                some(r#""2","10","b""#)
            ),
            (DuplicateKey, r#"$["odd key"][0].k"#.into(), some("1"), None),
            (DuplicateKey, "$.a".into(), some(r#""x""#), None),
        ]
    );
    // Integer-like keys already first and ascending: nothing moves, nothing to report.
    assert!(warnings(r#"{"1":0,"2":0,"a":0}"#).is_empty());
}

/// A value a later duplicate key replaces is not in the result, and neither is what was said
/// about it; what is said about the value that stays is kept.
#[test]
fn warnings_inside_a_dropped_value_go_with_it() {
    use WarningKind::*;
    let text = r#"{"a":{"x":1.10,"2":"\u00e9"},"b":1.50,"a":[1E2]}"#;
    assert_eq!(
        warnings(text),
        vec![
            (NumberRewritten, "$.b".into(), some("1.50"), some("1.5")),
            (
                DuplicateKey,
                "$.a".into(),
                some(r#"{"x":1.1,"2":"é"}"#),
                None
            ),
            (NumberRewritten, "$.a[0]".into(), some("1E2"), some("100")),
        ]
    );
}

#[test]
fn strings_report_changed_escapes() {
    use WarningKind::*;
    let text = r#"{"url":"https:\/\/x","name":"Jos\u00e9","plain":"é","k\u0065y":1}"#;
    let found = warnings(text);
    assert_eq!(
        found,
        vec![
            (
                StringRewritten,
                "$.url".into(),
                some(r#""https:\/\/x""#),
                None
            ),
            (
                StringRewritten,
                "$.name".into(),
                some(r#""Jos\u00e9""#),
                None
            ),
            (StringRewritten, "$.key".into(), some(r#""k\u0065y""#), None),
        ]
    );
}

#[test]
fn warnings_carry_positions_and_are_capped() {
    let inspection = json::inspect("{\n  \"a\": 1.50\n}").unwrap();
    let warning = &inspection.warnings[0];
    assert_eq!((warning.offset, warning.line, warning.column), (9, 2, 8));
    assert!(
        warning.message.contains("same value"),
        "{}",
        warning.message
    );

    let many = format!("[{}]", vec!["1.0"; MAX_WARNINGS + 5].join(","));
    let inspection = json::inspect(&many).unwrap();
    assert_eq!(inspection.warnings.len(), MAX_WARNINGS);
    assert_eq!(inspection.omitted_warnings, 5);
    assert_eq!(
        inspection.warnings[MAX_WARNINGS - 1].path,
        format!("$[{}]", MAX_WARNINGS - 1)
    );

    // Warnings past the cap inside a dropped value are not counted as omitted either, nor
    // twice when the dropped value held a dropped value of its own.
    let past_cap = vec!["1.0"; MAX_WARNINGS + 5].join(",");
    let kept = format!(r#"{{"a":[{past_cap}],"c":[1.0,1.0,1.0],"a":0}}"#);
    let inspection = json::inspect(&kept).unwrap();
    let kinds: Vec<_> = inspection.warnings.iter().map(|w| w.kind).collect();
    assert_eq!(kinds, [WarningKind::DuplicateKey]);
    assert_eq!(inspection.omitted_warnings, 3, "the three of $.c");
    let nested = format!(r#"{{"a":{{"x":[{past_cap}],"x":0,"y":[1.0,1.0]}},"a":0}}"#);
    let inspection = json::inspect(&nested).unwrap();
    let paths: Vec<_> = inspection
        .warnings
        .iter()
        .map(|w| w.path.as_str())
        .collect();
    assert_eq!(paths, ["$.a"]);
    assert_eq!(inspection.omitted_warnings, 0);
}

#[test]
fn long_values_are_shortened_in_warnings() {
    let digits = "1".repeat(300);
    let inspection = json::inspect(&format!("[{digits}]")).unwrap();
    let original = inspection.warnings[0].original.as_deref().unwrap();
    assert_eq!(original.chars().count(), 81);
    assert!(original.ends_with('…'));
}
