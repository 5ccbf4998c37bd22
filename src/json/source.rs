//! The input as one byte buffer, and positions in it.

use super::Text;
use std::borrow::Cow;

/// The input as bytes the engine can scan.
///
/// Valid UTF-8 is borrowed as it is. Invalid UTF-8 is replaced by U+FFFD (maximal subparts,
/// as the WHATWG decoder behind Node's `Buffer.toString('utf8')` does). UTF-16 becomes
/// WTF-8: UTF-8 in which an unpaired surrogate is kept as its own 3-byte sequence
/// (`ED A0..BF xx`), which only then may appear and which the engine escapes as `\udxxx`.
pub(crate) struct Source<'a> {
    pub(crate) bytes: Cow<'a, [u8]>,
    /// True when `bytes` is WTF-8 and may hold unpaired surrogates.
    pub(crate) wtf8: bool,
    /// Where each U+FFFD put for invalid UTF-8 ends, in `bytes` and in the input: offsets in
    /// `bytes` past it are that far from the input's.
    replaced: Vec<(usize, usize)>,
}

impl<'a> Source<'a> {
    pub(crate) fn new(text: Text<'a>) -> Self {
        match text {
            // `from_utf8` first: it is much faster than the lossy decoder on valid input.
            Text::Utf8(bytes) => match std::str::from_utf8(bytes) {
                Ok(_) => Source {
                    bytes: Cow::Borrowed(bytes),
                    wtf8: false,
                    replaced: Vec::new(),
                },
                Err(_) => {
                    let (bytes, replaced) = replace_invalid_utf8(bytes);
                    Source {
                        bytes: Cow::Owned(bytes),
                        wtf8: false,
                        replaced,
                    }
                }
            },
            Text::Utf16(units) => Source {
                bytes: Cow::Owned(wtf8_from_utf16(units)),
                wtf8: true,
                replaced: Vec::new(),
            },
        }
    }

    /// The offset in the input of `offset` in `bytes` (they differ after invalid UTF-8, each
    /// of whose maximal subparts became the three bytes of U+FFFD). For UTF-16 input, offsets
    /// are in its UTF-8 form.
    pub(crate) fn input_offset(&self, offset: usize) -> usize {
        let before = self.replaced.partition_point(|&(end, _)| end <= offset);
        match before.checked_sub(1).map(|last| self.replaced[last]) {
            Some((end, input_end)) => offset - end + input_end,
            None => offset,
        }
    }
}

/// `bytes` with each maximal subpart of invalid UTF-8 replaced by U+FFFD (as
/// `String::from_utf8_lossy` and the WHATWG decoder do), and where each replacement ends in
/// the result and in `bytes`.
fn replace_invalid_utf8(bytes: &[u8]) -> (Vec<u8>, Vec<(usize, usize)>) {
    let mut text = Vec::with_capacity(bytes.len() + 8);
    let mut replaced = Vec::new();
    let mut input_end = 0;
    for chunk in bytes.utf8_chunks() {
        text.extend_from_slice(chunk.valid().as_bytes());
        input_end += chunk.valid().len() + chunk.invalid().len();
        if !chunk.invalid().is_empty() {
            text.extend_from_slice(
                char::REPLACEMENT_CHARACTER
                    .encode_utf8(&mut [0; 4])
                    .as_bytes(),
            );
            replaced.push((text.len(), input_end));
        }
    }
    (text, replaced)
}

/// Encodes UTF-16 code units as WTF-8: pairs as 4-byte UTF-8, unpaired surrogates as 3 bytes.
fn wtf8_from_utf16(units: &[u16]) -> Vec<u8> {
    let mut bytes = Vec::with_capacity(units.len() + units.len() / 2);
    for decoded in char::decode_utf16(units.iter().copied()) {
        match decoded {
            Ok(c) => {
                let mut buffer = [0u8; 4];
                bytes.extend_from_slice(c.encode_utf8(&mut buffer).as_bytes());
            }
            Err(unpaired) => {
                let unit = unpaired.unpaired_surrogate();
                bytes.extend_from_slice(&[
                    0xE0 | (unit >> 12) as u8,
                    0x80 | ((unit >> 6) & 0x3F) as u8,
                    0x80 | (unit & 0x3F) as u8,
                ]);
            }
        }
    }
    bytes
}

/// The 1-based line and column (in characters) of `offset` in `bytes`.
pub(crate) fn line_and_column(bytes: &[u8], offset: usize) -> (usize, usize) {
    lines_and_columns(bytes, std::iter::once(offset))[0]
}

/// Line and column for many offsets at once, in one pass; `offsets` must be ascending.
///
/// A line ends at LF, at CR LF, or at a CR alone (the three line ends JSON whitespace can
/// hold), so a file saved with any of them gets the line numbers its editor shows.
pub(crate) fn lines_and_columns(
    bytes: &[u8],
    offsets: impl Iterator<Item = usize>,
) -> Vec<(usize, usize)> {
    let mut result = Vec::new();
    let (mut position, mut line, mut column) = (0usize, 1usize, 1usize);
    for offset in offsets {
        let offset = offset.min(bytes.len());
        for (i, &b) in bytes.iter().enumerate().take(offset).skip(position) {
            let ends_line = b == b'\n' || (b == b'\r' && bytes.get(i + 1) != Some(&b'\n'));
            if ends_line {
                line += 1;
                column = 1;
            } else if b & 0xC0 != 0x80 {
                column += 1;
            }
        }
        position = position.max(offset);
        result.push((line, column));
    }
    result
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lone_surrogates_become_three_byte_sequences() {
        let units = [0x61, 0xD800, 0xD83D, 0xDE00, 0xDC00];
        let source = Source::new(Text::Utf16(&units));
        assert!(source.wtf8);
        assert_eq!(
            &source.bytes[..],
            &[0x61, 0xED, 0xA0, 0x80, 0xF0, 0x9F, 0x98, 0x80, 0xED, 0xB0, 0x80][..]
        );
    }

    #[test]
    fn invalid_utf8_is_replaced_per_maximal_subpart() {
        let source = Source::new(Text::Utf8(&[0x22, 0xF0, 0x9F, 0x22, 0xED, 0xA0, 0x80]));
        assert_eq!(
            std::str::from_utf8(&source.bytes).unwrap(),
            "\"\u{FFFD}\"\u{FFFD}\u{FFFD}\u{FFFD}"
        );
    }

    #[test]
    fn offsets_after_invalid_utf8_are_the_input_s() {
        // `"`, three invalid bytes (three U+FFFD, nine bytes), `"`, a space, `x`.
        let input = [0x22, 0xFF, 0xFF, 0xFF, 0x22, 0x20, 0x78];
        let source = Source::new(Text::Utf8(&input));
        let x = source.bytes.iter().position(|&b| b == b'x').unwrap();
        assert_eq!(x, 12);
        assert_eq!(source.input_offset(x), 6);
        assert_eq!(source.input_offset(0), 0);
        // The second U+FFFD starts where the second invalid byte was.
        assert_eq!(source.input_offset(4), 2);
        let valid = Source::new(Text::Utf8(b"[1, x]"));
        assert_eq!(valid.input_offset(4), 4);
    }

    #[test]
    fn positions_count_lines_and_characters() {
        let text = "ab\né€x".as_bytes();
        assert_eq!(line_and_column(text, 0), (1, 1));
        assert_eq!(line_and_column(text, 3), (2, 1));
        assert_eq!(line_and_column(text, 8), (2, 3));
        // CR LF is one line end, and so is a CR alone.
        let mixed = b"[1,\r\n2,\r3,\n4]";
        assert_eq!(line_and_column(mixed, 4), (1, 5), "at the LF of CR LF");
        assert_eq!(line_and_column(mixed, 5), (2, 1));
        assert_eq!(line_and_column(mixed, 8), (3, 1));
        assert_eq!(line_and_column(mixed, 11), (4, 1));
        assert_eq!(
            lines_and_columns(text, [0, 3, 8].into_iter()),
            vec![(1, 1), (2, 1), (2, 3)]
        );
    }
}
