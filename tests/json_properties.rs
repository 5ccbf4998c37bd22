//! Properties that hold for every input, checked on seeded random byte strings drawn from a
//! JSON-like alphabet: no panic, normalization is idempotent and writes valid UTF-8 (also from
//! invalid input), inspection and normalization agree, and canonicalization does not depend on
//! the input's spelling.

mod common;

use common::Rng;
use crypto_checkout::json::{self, Text};

const PIECES: &[&[u8]] = &[
    b"{",
    b"}",
    b"[",
    b"]",
    b",",
    b":",
    b"\"",
    b"\\",
    b"\\u",
    b"d83d",
    b"de00",
    b"00e9",
    b"0",
    b"1",
    b"-",
    b".",
    b"e",
    b"+",
    b"9",
    b"\"a\"",
    b"\"1\"",
    b"\"10\"",
    b"true",
    b"null",
    b" ",
    b"\n",
    b"\t",
    "é".as_bytes(),
    "😀".as_bytes(),
    b"\xff",
    b"\xed\xa0\x80",
    b"\x00",
    b"1e400",
    b"12345678901234567890",
    b"0.10",
];

fn document(random: &mut Rng) -> Vec<u8> {
    let pieces = 1 + random.below(40) as usize;
    (0..pieces)
        .flat_map(|_| {
            PIECES[random.below(PIECES.len() as u64) as usize]
                .iter()
                .copied()
        })
        .collect()
}

#[test]
fn random_inputs_never_panic_and_normalization_is_stable() {
    let mut random = Rng(0x9E37_79B9_7F4A_7C15);
    let mut accepted = 0;
    for index in 0..200_000 {
        let input = document(&mut random);
        let normalized = json::normalize(&input[..]);
        let inspected = json::inspect(&input[..]).map(|i| i.normalized);
        assert_eq!(normalized, inspected, "input {index}: {input:?}");
        // The engine writes UTF-8 of its own: no replacement on the way to a `String`.
        let utf8 = json::normalize_utf8(&input[..]).map(String::from_utf8);
        assert_eq!(
            utf8.map(|text| text.map_err(|error| error.utf8_error())),
            normalized.clone().map(Ok),
            "input {index}: {input:?}"
        );
        let Ok(normalized) = normalized else {
            continue;
        };
        accepted += 1;
        assert_eq!(
            json::normalize(&normalized).as_ref(),
            Ok(&normalized),
            "input {index} is not idempotent: {input:?}"
        );
        if let Ok(canonical) = json::canonicalize(&input[..]) {
            assert_eq!(
                json::canonicalize(&normalized).as_ref(),
                Ok(&canonical),
                "input {index}: canonical form depends on spelling: {input:?}"
            );
        }
        // The same text as UTF-16 code units gives the same result.
        let units: Vec<u16> = normalized.encode_utf16().collect();
        assert_eq!(
            json::normalize(Text::Utf16(&units)).as_ref(),
            Ok(&normalized),
            "input {index} as UTF-16"
        );
    }
    assert!(accepted > 1_000, "only {accepted} inputs were valid JSON");
}
