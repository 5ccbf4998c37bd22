//! Hex and base64 (RFC 4648 standard alphabet, with padding), strict on decode.
//!
//! Decoding accepts exactly one spelling per byte string apart from the case of hex digits:
//! no whitespace, no missing or extra padding, no non-zero bits after the last base64 byte,
//! no URL-safe alphabet. A signature that any lenient decoder would need to repair is
//! reported as malformed rather than guessed at.

const HEX_DIGITS: &[u8; 16] = b"0123456789abcdef";
const BASE64_ALPHABET: &[u8; 64] =
    b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";

/// Lowercase hex of `bytes`.
pub(crate) fn hex_encode(bytes: &[u8]) -> String {
    let mut out = String::with_capacity(bytes.len() * 2);
    for &byte in bytes {
        out.push(char::from(HEX_DIGITS[usize::from(byte >> 4)]));
        out.push(char::from(HEX_DIGITS[usize::from(byte & 0x0f)]));
    }
    out
}

fn hex_value(digit: u8) -> Option<u8> {
    match digit {
        b'0'..=b'9' => Some(digit - b'0'),
        b'a'..=b'f' => Some(digit - b'a' + 10),
        b'A'..=b'F' => Some(digit - b'A' + 10),
        _ => None,
    }
}

/// Decodes hex digits in either case; `None` on an odd length or any other character.
pub(crate) fn hex_decode(text: &str) -> Option<Vec<u8>> {
    let digits = text.as_bytes();
    if digits.len() % 2 != 0 {
        return None;
    }
    let mut bytes = Vec::with_capacity(digits.len() / 2);
    for pair in digits.chunks_exact(2) {
        bytes.push((hex_value(pair[0])? << 4) | hex_value(pair[1])?);
    }
    Some(bytes)
}

/// Standard base64 of `bytes`, padded with `=`.
pub(crate) fn base64_encode(bytes: &[u8]) -> String {
    let mut out = String::with_capacity(bytes.len().div_ceil(3) * 4);
    for chunk in bytes.chunks(3) {
        let b0 = chunk[0];
        let b1 = chunk.get(1).copied().unwrap_or(0);
        let b2 = chunk.get(2).copied().unwrap_or(0);
        let sextets = [
            b0 >> 2,
            ((b0 & 0x03) << 4) | (b1 >> 4),
            ((b1 & 0x0f) << 2) | (b2 >> 6),
            b2 & 0x3f,
        ];
        // One input byte gives two characters, two give three, three give four.
        let significant = chunk.len() + 1;
        for (index, &sextet) in sextets.iter().enumerate() {
            if index < significant {
                out.push(char::from(BASE64_ALPHABET[usize::from(sextet)]));
            } else {
                out.push('=');
            }
        }
    }
    out
}

fn base64_value(symbol: u8) -> Option<u8> {
    match symbol {
        b'A'..=b'Z' => Some(symbol - b'A'),
        b'a'..=b'z' => Some(symbol - b'a' + 26),
        b'0'..=b'9' => Some(symbol - b'0' + 52),
        b'+' => Some(62),
        b'/' => Some(63),
        _ => None,
    }
}

/// Decodes padded standard base64; `None` unless `text` is exactly what [`base64_encode`]
/// would produce for some byte string.
pub(crate) fn base64_decode(text: &str) -> Option<Vec<u8>> {
    let symbols = text.as_bytes();
    if symbols.len() % 4 != 0 {
        return None;
    }
    let mut out = Vec::with_capacity(symbols.len() / 4 * 3);
    let last_quad = symbols.len() / 4;
    for (quad_index, quad) in symbols.chunks_exact(4).enumerate() {
        let padding = match quad {
            [_, _, b'=', b'='] => 2,
            [_, _, _, b'='] => 1,
            _ => 0,
        };
        // Padding may only close the final quad.
        if padding > 0 && quad_index + 1 != last_quad {
            return None;
        }
        let mut values = [0u8; 4];
        for (slot, &symbol) in values.iter_mut().zip(&quad[..4 - padding]) {
            *slot = base64_value(symbol)?;
        }
        let bytes = [
            (values[0] << 2) | (values[1] >> 4),
            (values[1] << 4) | (values[2] >> 2),
            (values[2] << 6) | values[3],
        ];
        match padding {
            // The bits after the last whole byte must be zero (canonical encoding).
            2 if values[1] & 0x0f != 0 => return None,
            1 if values[2] & 0x03 != 0 => return None,
            _ => {}
        }
        out.extend_from_slice(&bytes[..3 - padding]);
    }
    Some(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hex_round_trip_and_case() {
        assert_eq!(hex_encode(&[0x00, 0xab, 0xff]), "00abff");
        assert_eq!(hex_decode("00abff"), Some(vec![0x00, 0xab, 0xff]));
        assert_eq!(hex_decode("00ABFF"), Some(vec![0x00, 0xab, 0xff]));
        assert_eq!(hex_decode(""), Some(vec![]));
        assert_eq!(hex_decode("abc"), None);
        assert_eq!(hex_decode("zz"), None);
        assert_eq!(hex_decode(" a"), None);
        assert_eq!(hex_decode("é0"), None);
    }

    #[test]
    fn base64_rfc4648_vectors() {
        let cases: [(&str, &str); 7] = [
            ("", ""),
            ("f", "Zg=="),
            ("fo", "Zm8="),
            ("foo", "Zm9v"),
            ("foob", "Zm9vYg=="),
            ("fooba", "Zm9vYmE="),
            ("foobar", "Zm9vYmFy"),
        ];
        for (plain, encoded) in cases {
            assert_eq!(base64_encode(plain.as_bytes()), encoded);
            assert_eq!(base64_decode(encoded).as_deref(), Some(plain.as_bytes()));
        }
    }

    #[test]
    fn base64_is_strict() {
        for bad in [
            "Zg", "Zg=", "Zg===", "Zh==", "Zm9=", "Zm8=Zm8=", "Zm 9v", "Zm9v\n", "-_8=", "====",
            "Z===", "é===",
        ] {
            assert_eq!(base64_decode(bad), None, "{bad:?} should be rejected");
        }
        assert_eq!(base64_decode("+/8="), Some(vec![0xfb, 0xff]));
    }
}
