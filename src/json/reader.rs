//! The pieces of the JSON grammar (RFC 8259, exactly as `JSON.parse` applies it) as a cursor,
//! for [`super::value`], which needs values rather than normalized text.

/// A syntax error: the byte offset of the first offending character.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Stop(pub(crate) usize);

/// Where [`Reader::string`] puts the decoded bytes of a string.
pub(crate) trait StringSink {
    /// Appends decoded bytes.
    fn push_bytes(&mut self, bytes: &[u8]);
}

impl StringSink for Vec<u8> {
    fn push_bytes(&mut self, bytes: &[u8]) {
        self.extend_from_slice(bytes);
    }
}

/// A sink that keeps nothing: the string is checked, not stored.
pub(crate) struct Discard;

impl StringSink for Discard {
    fn push_bytes(&mut self, _: &[u8]) {}
}

/// A cursor over a JSON text, with the grammar's pieces as methods.
///
/// `text` must be valid UTF-8 (or WTF-8: see [`super::source::Source`]).
pub(crate) struct Reader<'a> {
    pub(crate) text: &'a [u8],
    pub(crate) pos: usize,
}

impl Reader<'_> {
    pub(crate) fn peek(&self) -> Option<u8> {
        self.text.get(self.pos).copied()
    }

    pub(crate) fn eat(&mut self, byte: u8) -> bool {
        if self.peek() == Some(byte) {
            self.pos += 1;
            true
        } else {
            false
        }
    }

    pub(crate) fn expect(&mut self, byte: u8) -> Result<(), Stop> {
        if self.eat(byte) {
            Ok(())
        } else {
            Err(Stop(self.pos))
        }
    }

    pub(crate) fn skip_whitespace(&mut self) {
        while let Some(b' ' | b'\t' | b'\n' | b'\r') = self.peek() {
            self.pos += 1;
        }
    }

    /// Only whitespace may follow the top-level value.
    pub(crate) fn finish(&mut self) -> Result<(), Stop> {
        self.skip_whitespace();
        if self.pos == self.text.len() {
            Ok(())
        } else {
            Err(Stop(self.pos))
        }
    }

    pub(crate) fn literal(&mut self, word: &[u8]) -> Result<(), Stop> {
        if self.text[self.pos..].starts_with(word) {
            self.pos += word.len();
            Ok(())
        } else {
            Err(Stop(self.pos))
        }
    }

    fn digits(&mut self) -> usize {
        let start = self.pos;
        while let Some(b'0'..=b'9') = self.peek() {
            self.pos += 1;
        }
        self.pos - start
    }

    /// Reads a number and returns its text.
    pub(crate) fn number(&mut self) -> Result<&str, Stop> {
        let start = self.pos;
        self.eat(b'-');
        match self.peek() {
            Some(b'0') => self.pos += 1,
            Some(b'1'..=b'9') => {
                self.digits();
            }
            _ => return Err(Stop(self.pos)),
        }
        if self.eat(b'.') && self.digits() == 0 {
            return Err(Stop(self.pos));
        }
        if self.eat(b'e') || self.eat(b'E') {
            if !self.eat(b'+') {
                self.eat(b'-');
            }
            if self.digits() == 0 {
                return Err(Stop(self.pos));
            }
        }
        // Only ASCII was consumed, so this cannot fail.
        std::str::from_utf8(&self.text[start..self.pos]).map_err(|_| Stop(start))
    }

    pub(crate) fn hex4(&mut self) -> Result<u16, Stop> {
        let mut value: u16 = 0;
        for _ in 0..4 {
            let digit = match self.peek() {
                Some(byte @ b'0'..=b'9') => byte - b'0',
                Some(byte @ b'a'..=b'f') => byte - b'a' + 10,
                Some(byte @ b'A'..=b'F') => byte - b'A' + 10,
                _ => return Err(Stop(self.pos)),
            };
            value = (value << 4) | u16::from(digit);
            self.pos += 1;
        }
        Ok(value)
    }

    /// Reads a string and appends its decoded UTF-8 bytes to `out`.
    pub(crate) fn string(&mut self, out: &mut impl StringSink) -> Result<(), Stop> {
        self.expect(b'"')?;
        loop {
            let Some(byte) = self.peek() else {
                return Err(Stop(self.pos));
            };
            match byte {
                b'"' => {
                    self.pos += 1;
                    return Ok(());
                }
                0x00..=0x1f => return Err(Stop(self.pos)),
                b'\\' => {
                    self.pos += 1;
                    let decoded = match self.peek() {
                        Some(b'u') => {
                            self.pos += 1;
                            let unit = self.hex4()?;
                            self.code_point(unit)?
                        }
                        Some(escape) => {
                            let decoded = match escape {
                                b'"' => '"',
                                b'\\' => '\\',
                                b'/' => '/',
                                b'b' => '\u{8}',
                                b'f' => '\u{c}',
                                b'n' => '\n',
                                b'r' => '\r',
                                b't' => '\t',
                                _ => return Err(Stop(self.pos)),
                            };
                            self.pos += 1;
                            decoded
                        }
                        None => return Err(Stop(self.pos)),
                    };
                    let mut buffer = [0u8; 4];
                    out.push_bytes(decoded.encode_utf8(&mut buffer).as_bytes());
                }
                _ => {
                    // Copy the run of plain bytes up to the next quote, backslash or control
                    // character. The input is valid UTF-8 and the run ends on an ASCII byte,
                    // so the copy never splits a character.
                    let start = self.pos;
                    while let Some(next) = self.peek() {
                        if next == b'"' || next == b'\\' || next < 0x20 {
                            break;
                        }
                        self.pos += 1;
                    }
                    out.push_bytes(&self.text[start..self.pos]);
                }
            }
        }
    }

    /// Completes a `\u` escape whose first unit is `unit` (`pos` is just after its digits),
    /// reading a following low-surrogate escape when `unit` is a high surrogate.
    fn code_point(&mut self, unit: u16) -> Result<char, Stop> {
        if (0xd800..0xdc00).contains(&unit) && self.text[self.pos..].starts_with(b"\\u") {
            let resume = self.pos;
            self.pos += 2;
            let low = self.hex4()?;
            if (0xdc00..0xe000).contains(&low) {
                let scalar =
                    0x10000 + ((u32::from(unit) - 0xd800) << 10) + (u32::from(low) - 0xdc00);
                return Ok(char::from_u32(scalar).unwrap_or(char::REPLACEMENT_CHARACTER));
            }
            // Not a pair: the high surrogate stands alone and the next escape is read anew.
            self.pos = resume;
        }
        Ok(char::from_u32(u32::from(unit)).unwrap_or(char::REPLACEMENT_CHARACTER))
    }
}
