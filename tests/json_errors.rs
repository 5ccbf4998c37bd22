//! Bad input: every rejection names what is wrong and where; hostile input is an error, never
//! a crash or a hang.

use crypto_checkout::json::{self, JsonErrorCode, Text, MAX_DEPTH};

#[test]
fn errors_name_the_code_and_position() {
    use JsonErrorCode::*;
    // (input, code, byte offset, line, column)
    let cases: &[(&str, JsonErrorCode, usize, usize, usize)] = &[
        ("", UnexpectedEnd, 0, 1, 1),
        ("   ", UnexpectedEnd, 3, 1, 4),
        ("[1,]", UnexpectedCharacter, 3, 1, 4),
        ("{\"a\":1,}", UnexpectedCharacter, 7, 1, 8),
        ("[01]", InvalidNumber, 2, 1, 3),
        ("[-]", InvalidNumber, 2, 1, 3),
        ("-", UnexpectedEnd, 1, 1, 2),
        ("[1.]", InvalidNumber, 3, 1, 4),
        ("[1e+]", InvalidNumber, 4, 1, 5),
        ("1.", UnexpectedEnd, 2, 1, 3),
        ("[.5]", UnexpectedCharacter, 1, 1, 2),
        ("{\n  \"amount\": 1.2.3\n}", UnexpectedCharacter, 17, 2, 16),
        ("{\n  \"é\": x}", UnexpectedCharacter, 10, 2, 8),
        ("\"a\\x\"", InvalidEscape, 3, 1, 4),
        ("\"\\u12G4\"", InvalidEscape, 5, 1, 6),
        ("\"\\u12", UnexpectedEnd, 5, 1, 6),
        ("\"tab\there\"", ControlCharacterInString, 4, 1, 5),
        ("\"open", UnexpectedEnd, 5, 1, 6),
        ("[1] [2]", TrailingCharacters, 4, 1, 5),
        ("\u{feff}{}", UnexpectedCharacter, 0, 1, 1),
        ("{\"a\" 1}", UnexpectedCharacter, 5, 1, 6),
        ("{1:2}", UnexpectedCharacter, 1, 1, 2),
        ("tru", UnexpectedEnd, 3, 1, 4),
        ("nulL", UnexpectedCharacter, 3, 1, 4),
        ("[NaN]", UnexpectedCharacter, 1, 1, 2),
        ("['a']", UnexpectedCharacter, 1, 1, 2),
        ("{\"a\":1", UnexpectedEnd, 6, 1, 7),
    ];
    for &(input, code, offset, line, column) in cases {
        let error = json::normalize(input).expect_err(input);
        assert_eq!(
            (error.code(), error.offset(), error.line(), error.column()),
            (code, offset, line, column),
            "input {input:?}: {error}"
        );
        assert_eq!(
            json::inspect(input).expect_err(input),
            error,
            "inspect {input:?}"
        );
    }
}

#[test]
fn error_messages_read_well() {
    let error = json::normalize("{\n  \"amount\": 01\n}").unwrap_err();
    assert_eq!(
        error.to_string(),
        "invalid number at line 2 column 14 (byte 15)"
    );
    assert_eq!(error.code().as_str(), "json_invalid_number");
}

#[test]
fn canonicalization_rejects_what_i_json_forbids() {
    use JsonErrorCode::*;
    let cases: &[(&str, JsonErrorCode, usize)] = &[
        ("{\"a\":1,\"a\":2}", DuplicateKey, 7),
        ("{\"a\":1,\"\\u0061\":2}", DuplicateKey, 7),
        ("[\"x\\ud800\"]", LoneSurrogate, 1),
        ("[\"\\udc00\"]", LoneSurrogate, 1),
        ("[1e400]", NumberOutOfRange, 1),
    ];
    for &(input, code, offset) in cases {
        let error = json::canonicalize(input).expect_err(input);
        assert_eq!(
            (error.code(), error.offset()),
            (code, offset),
            "input {input:?}"
        );
    }
    let units: Vec<u16> = "[\"\u{0}\"]"
        .encode_utf16()
        .map(|u| if u == 0 { 0xD800 } else { u })
        .collect();
    let error = json::canonicalize(Text::Utf16(&units)).unwrap_err();
    assert_eq!(error.code(), LoneSurrogate);
    assert_eq!(
        json::canonicalize("[\"\\ud83d\\ude00\"]").unwrap(),
        "[\"😀\"]"
    );
}

#[test]
fn nesting_deeper_than_the_limit_is_an_error_not_a_crash() {
    let at_limit = "[".repeat(MAX_DEPTH) + &"]".repeat(MAX_DEPTH);
    assert_eq!(json::normalize(&at_limit).unwrap(), at_limit);
    for depth in [MAX_DEPTH + 1, 1_000_000] {
        let deep = "[".repeat(depth) + &"]".repeat(depth);
        let error = json::normalize(&deep).unwrap_err();
        assert_eq!(
            (error.code(), error.offset()),
            (JsonErrorCode::TooDeep, MAX_DEPTH)
        );
        let objects = "{\"a\":".repeat(depth) + "1" + &"}".repeat(depth);
        assert_eq!(
            json::inspect(&objects).unwrap_err().code(),
            JsonErrorCode::TooDeep
        );
    }
}

#[test]
fn deeply_nested_reordered_objects_stay_linear() {
    // Every level must be reordered: a naive rewrite per level would copy O(n²) bytes.
    let depth = MAX_DEPTH - 1;
    let text = "{\"a\":0,\"1\":".repeat(depth) + "0" + &"}".repeat(depth);
    let expected = "{\"1\":".repeat(depth) + "0" + &",\"a\":0}".repeat(depth);
    let start = std::time::Instant::now();
    assert_eq!(json::normalize(&text).unwrap(), expected);
    let inspected = json::inspect(&text).unwrap();
    assert_eq!(inspected.normalized, expected);
    assert_eq!(inspected.warnings.len() + inspected.omitted_warnings, depth);
    assert!(start.elapsed().as_secs() < 10, "took {:?}", start.elapsed());
}

#[test]
fn huge_and_hostile_inputs_are_handled() {
    // 8 MB string, 200k-member object with one duplicate key at the end, many numbers.
    let long = format!("[\"{}\"]", "x".repeat(8 << 20));
    assert_eq!(json::normalize(&long).unwrap().len(), long.len());
    let mut members: Vec<String> = (0..200_000).map(|i| format!("\"k{i}\":{i}")).collect();
    members.push("\"k5\":\"last\"".to_string());
    let object = format!("{{{}}}", members.join(","));
    let normalized = json::normalize(&object).unwrap();
    assert!(normalized
        .starts_with("{\"k0\":0,\"k1\":1,\"k2\":2,\"k3\":3,\"k4\":4,\"k5\":\"last\",\"k6\":6"));
    assert!(normalized.ends_with("\"k199999\":199999}"));
    let bytes = [
        b"[\"".as_slice(),
        &[0xC0, 0x80, 0xFF, 0xED, 0xA0, 0x80],
        b"\"]",
    ]
    .concat();
    assert_eq!(
        json::normalize(&bytes[..]).unwrap(),
        "[\"\u{FFFD}\u{FFFD}\u{FFFD}\u{FFFD}\u{FFFD}\u{FFFD}\"]"
    );
    // Escaped controls, quotes, bidi overrides and line separators come back unchanged.
    let hostile = "\"\\u0000\\u0001\\\"\\\\\u{202e}\u{feff}\u{2028}<script>\"";
    assert_eq!(json::normalize(hostile).unwrap(), hostile);
}

/// Offsets are bytes of the input as given, even where invalid UTF-8 in it stands for
/// U+FFFD (three bytes) in what is read; lines and columns count that U+FFFD as one character.
#[test]
fn offsets_after_invalid_utf8_count_the_input_s_bytes() {
    let input = b"\"\xff\xfe\xed\xa0\x80\" x";
    let x = input.iter().position(|&b| b == b'x').unwrap();
    let error = json::normalize(&input[..]).unwrap_err();
    assert_eq!(error.code(), JsonErrorCode::TrailingCharacters);
    assert_eq!(error.offset(), x);
    // Five invalid subparts (FF, FE, ED, A0, 80) are five characters: eight before the `x`.
    assert_eq!((error.line(), error.column()), (1, 9));
    let input = b"[\"\xff\xff\", 1.0]";
    let number = input.iter().position(|&b| b == b'1').unwrap();
    let inspection = json::inspect(&input[..]).unwrap();
    assert_eq!(inspection.warnings.len(), 1, "{:?}", inspection.warnings);
    assert_eq!(inspection.warnings[0].offset, number);
}
