//! String escaping exactly as `JSON.stringify` writes it.

/// Bytes that end a run of string content copied as it is: `"`, `\` and control characters.
pub(super) static STOP_UTF8: [bool; 256] = stop_table(false);
/// [`STOP_UTF8`] plus `0xED`, the lead byte of a WTF-8 unpaired surrogate.
pub(super) static STOP_WTF8: [bool; 256] = stop_table(true);

const fn stop_table(wtf8: bool) -> [bool; 256] {
    let mut table = [false; 256];
    let mut b = 0;
    while b < 0x20 {
        table[b] = true;
        b += 1;
    }
    table[b'"' as usize] = true;
    table[b'\\' as usize] = true;
    table[0xED] = wtf8;
    table
}

/// The length of the run at the start of `bytes` that holds no `"`, `\\` or control character,
/// looking at eight bytes at a time.
#[inline]
pub(super) fn plain_run(bytes: &[u8]) -> usize {
    const ONES: u64 = 0x0101_0101_0101_0101;
    const HIGH: u64 = 0x8080_8080_8080_8080;
    let mut length = 0;
    for chunk in bytes.chunks_exact(8) {
        let word = u64::from_le_bytes([
            chunk[0], chunk[1], chunk[2], chunk[3], chunk[4], chunk[5], chunk[6], chunk[7],
        ]);
        let quote = word ^ (ONES * u64::from(b'"'));
        let backslash = word ^ (ONES * u64::from(b'\\'));
        // The high bit of a byte is set where it is zero (or below 0x20); the lowest such
        // byte is exact, bytes above it may be false alarms.
        let found = (quote.wrapping_sub(ONES) & !quote
            | backslash.wrapping_sub(ONES) & !backslash
            | word.wrapping_sub(ONES * 0x20) & !word)
            & HIGH;
        if found != 0 {
            return length + (found.trailing_zeros() / 8) as usize;
        }
        length += 8;
    }
    length
        + bytes[length..]
            .iter()
            .take_while(|&&b| !STOP_UTF8[usize::from(b)])
            .count()
}

const HEX: &[u8; 16] = b"0123456789abcdef";

/// Writes one BMP code unit that is not a surrogate, escaped as `JSON.stringify` does.
pub(super) fn push_unit(out: &mut Vec<u8>, unit: u16) {
    match unit {
        0x22 => out.extend_from_slice(b"\\\""),
        0x5C => out.extend_from_slice(b"\\\\"),
        0x08 => out.extend_from_slice(b"\\b"),
        0x0C => out.extend_from_slice(b"\\f"),
        0x0A => out.extend_from_slice(b"\\n"),
        0x0D => out.extend_from_slice(b"\\r"),
        0x09 => out.extend_from_slice(b"\\t"),
        0x00..=0x1F => push_u_escape(out, unit),
        0x20..=0x7F => out.push(unit as u8),
        _ => push_char(out, char::from_u32(u32::from(unit)).unwrap_or('\u{FFFD}')),
    }
}

/// Writes `\uxxxx` with lowercase hex digits (control characters, unpaired surrogates).
pub(super) fn push_u_escape(out: &mut Vec<u8>, unit: u16) {
    out.extend_from_slice(&[
        b'\\',
        b'u',
        HEX[usize::from(unit >> 12)],
        HEX[usize::from((unit >> 8) & 0xF)],
        HEX[usize::from((unit >> 4) & 0xF)],
        HEX[usize::from(unit & 0xF)],
    ]);
}

/// Writes a character as UTF-8.
pub(super) fn push_char(out: &mut Vec<u8>, c: char) {
    let mut buffer = [0u8; 4];
    out.extend_from_slice(c.encode_utf8(&mut buffer).as_bytes());
}

/// Reads four hexadecimal digits (either case).
pub(super) fn hex4(digits: &[u8]) -> Option<u16> {
    if digits.len() < 4 {
        return None;
    }
    digits[..4].iter().try_fold(0u16, |value, &d| {
        let nibble = match d {
            b'0'..=b'9' => d - b'0',
            b'a'..=b'f' => d - b'a' + 10,
            b'A'..=b'F' => d - b'A' + 10,
            _ => return None,
        };
        Some(value << 4 | u16::from(nibble))
    })
}

/// Combines a high and a low surrogate into the character they encode.
pub(super) fn combine_surrogates(high: u16, low: u16) -> char {
    let scalar = 0x10000 + ((u32::from(high) - 0xD800) << 10) + (u32::from(low) - 0xDC00);
    char::from_u32(scalar).unwrap_or('\u{FFFD}')
}

/// Decodes the code unit of a WTF-8 surrogate sequence `ED A0..BF 80..BF`.
pub(super) fn wtf8_surrogate(bytes: &[u8]) -> Option<u16> {
    match bytes {
        [0xED, second @ 0xA0..=0xBF, third @ 0x80..=0xBF, ..] => {
            Some(0xD000 | u16::from(second & 0x3F) << 6 | u16::from(third & 0x3F))
        }
        _ => None,
    }
}

/// Appends `text` as a JSON string literal, escaped as Python's `json.dumps` does
/// (`ascii_only`, its default `ensure_ascii=True`) or as `JSON.stringify` does.
///
/// Both escape `"` and `\`, write `\b \f \n \r \t` for those controls and `\u00xx` (lowercase)
/// for the other characters below U+0020. With `ascii_only`, everything from U+007F up is
/// written as `\uxxxx` UTF-16 units in lowercase hex (astral characters as surrogate pairs);
/// otherwise it is copied as is.
pub(crate) fn push_json_string(out: &mut String, text: &str, ascii_only: bool) {
    const HEX: &[u8; 16] = b"0123456789abcdef";
    let push_unit = |out: &mut String, unit: u16| {
        out.push_str("\\u");
        for shift in [12, 8, 4, 0] {
            out.push(char::from(HEX[usize::from((unit >> shift) & 0xf)]));
        }
    };
    out.push('"');
    for character in text.chars() {
        match character {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\u{8}' => out.push_str("\\b"),
            '\u{c}' => out.push_str("\\f"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            '\u{0}'..='\u{1f}' => push_unit(out, character as u16),
            '\u{7f}'.. if ascii_only => {
                let mut units = [0u16; 2];
                for &unit in character.encode_utf16(&mut units).iter() {
                    push_unit(out, unit);
                }
            }
            _ => out.push(character),
        }
    }
    out.push('"');
}

#[cfg(test)]
mod tests {
    use super::*;

    fn escaped(unit: u16) -> String {
        let mut out = Vec::new();
        push_unit(&mut out, unit);
        String::from_utf8(out).unwrap()
    }

    #[test]
    fn units_are_escaped_as_json_stringify_does() {
        assert_eq!(escaped(0x22), "\\\"");
        assert_eq!(escaped(0x5C), "\\\\");
        assert_eq!(escaped(0x2F), "/");
        assert_eq!(escaped(0x1F), "\\u001f");
        assert_eq!(escaped(0x00), "\\u0000");
        assert_eq!(escaped(0x7F), "\u{7F}");
        assert_eq!(escaped(0x2028), "\u{2028}");
        assert_eq!(escaped(0xE9), "é");
    }

    #[test]
    fn plain_runs_stop_at_the_first_special_byte() {
        for special in [b'"', b'\\', 0x00, 0x1F] {
            for position in 0..20 {
                let mut bytes = vec![b'a'; 20];
                bytes[position] = special;
                bytes[19] = b'"';
                assert_eq!(plain_run(&bytes), position, "byte {special} at {position}");
            }
        }
        assert_eq!(
            plain_run("é€😀 \u{7f}\u{ff}x".as_bytes()),
            "é€😀 \u{7f}\u{ff}x".len()
        );
        assert_eq!(plain_run(b"abc"), 3);
    }

    #[test]
    fn hex_and_surrogates_decode() {
        assert_eq!(hex4(b"00e9"), Some(0xE9));
        assert_eq!(hex4(b"D83D"), Some(0xD83D));
        assert_eq!(hex4(b"12g4"), None);
        assert_eq!(hex4(b"12"), None);
        assert_eq!(combine_surrogates(0xD83D, 0xDE00), '😀');
        assert_eq!(wtf8_surrogate(&[0xED, 0xA0, 0x80]), Some(0xD800));
        assert_eq!(wtf8_surrogate(&[0xED, 0xBF, 0xBF]), Some(0xDFFF));
        assert_eq!(wtf8_surrogate(&[0xED, 0x9F, 0xBF]), None);
    }
}
