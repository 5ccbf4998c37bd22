//! One iterative pass that parses and writes at the same time.
//!
//! Values are written to `out` as they are read. An object whose members must come out in
//! another order (integer-like keys first, duplicate keys dropped, or sorted keys for RFC 8785)
//! is written in source order first and recorded as a [`Reorder`]; a final pass copies `out`
//! with every such object's members in their new order. That keeps the work linear in the
//! input however deeply reordered objects nest, and costs nothing when nothing moves.

use super::source::{line_and_column, lines_and_columns, Source};
use super::{number, string};
use super::{JsonError, JsonErrorCode, JsonWarning, WarningKind, MAX_DEPTH, MAX_WARNINGS};
use std::collections::HashMap;
use std::hash::{BuildHasher, BuildHasherDefault, Hasher, RandomState};
use std::ops::Range;

/// What the pass produces.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Mode {
    /// `JSON.stringify(JSON.parse(text))`.
    Normalize,
    /// Like `Normalize`, collecting warnings.
    Inspect,
    /// RFC 8785: keys sorted by UTF-16 code units; I-JSON violations are errors.
    Canonicalize,
}

/// The result of a pass.
pub(super) struct Output {
    /// The text, in UTF-8: the engine writes only whole characters.
    pub(super) text: Vec<u8>,
    pub(super) warnings: Vec<JsonWarning>,
    pub(super) omitted_warnings: usize,
    /// The members of the top-level object whose key is one of [`Engine::keeping`]'s names:
    /// the index of the name and the input offset where the value starts.
    pub(super) kept: Vec<(usize, usize)>,
    /// The most arrays and objects open at once.
    pub(super) deepest: usize,
}

/// Objects with more members than this find duplicate keys through a hash map.
const LINEAR_LOOKUP_LIMIT: usize = 64;
/// Longest excerpt of original or normalized text quoted in a warning, in characters.
const EXCERPT_CHARS: usize = 80;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Container {
    Array,
    Object,
}

/// An array or object being read.
struct Frame {
    container: Container,
    /// Position of its `[` or `{` in `out`.
    out_start: usize,
    /// Its first member's index in `Engine::members` (objects).
    members_base: usize,
    /// The member being read (objects), for paths.
    current: Option<usize>,
    /// Index of the element being read (arrays), for paths.
    element: usize,
    /// Some member must move: an integer-like key after another key, or a duplicate.
    must_reorder: bool,
    /// Integer-like keys come out first, so a key order change is reported (inspect).
    keys_move: bool,
    /// The largest integer-like key so far and whether a non-integer key came before.
    last_index: Option<u32>,
    named_seen: bool,
    /// One bit per key fingerprint seen: a clear bit proves a key new without a scan.
    seen_bits: u64,
    /// First occurrences by key hash, built once an object outgrows a linear scan.
    lookup: Option<HashMap<u64, usize, BuildHasherDefault<PassThrough>>>,
}

/// An object member, positions in `out`.
struct Member {
    key: Range<usize>,
    value: Range<usize>,
    /// Offset of the key in the input.
    source: usize,
    /// The value's span in the input (from its first byte to the separator after it), so a
    /// dropped value's warnings can be dropped with it.
    value_source: Range<usize>,
    /// `omitted_warnings` when the value started and when it ended: its length is how many
    /// warnings past the cap the value holds, which a dropped value takes with it.
    omitted: Range<usize>,
    /// For a first occurrence: the member holding the key's last (winning) value.
    last: usize,
    /// False for a repeated key.
    first: bool,
    /// The key as an array index (canonical decimal below 2^32 - 1).
    index: Option<u32>,
    /// A quick hash of the key, to compare keys in a linear scan.
    fingerprint: u64,
}

/// An object to write with its members in a new order.
#[derive(Clone)]
struct Reorder {
    /// The object's span in `out`, braces included.
    span: Range<usize>,
    /// Its members (key span, value span) in output order, in `Engine::reordered`.
    members: Range<usize>,
}

/// A warning before its line and column are known.
struct PendingWarning {
    kind: WarningKind,
    path: String,
    offset: usize,
    original: Option<String>,
    normalized: Option<String>,
    message: String,
}

/// The parser and writer.
pub(super) struct Engine<'s> {
    source: &'s Source<'s>,
    input: &'s [u8],
    wtf8: bool,
    mode: Mode,
    pos: usize,
    out: Vec<u8>,
    frames: Vec<Frame>,
    members: Vec<Member>,
    reorders: Vec<Reorder>,
    reordered: Vec<(Range<usize>, Range<usize>)>,
    warnings: Vec<PendingWarning>,
    omitted_warnings: usize,
    /// Seeds the hash maps of large objects; made on first need.
    hasher: Option<RandomState>,
    /// The top-level member names to note in `kept` (none by default).
    keep: &'s [&'s str],
    kept: Vec<(usize, usize)>,
    deepest: usize,
}

impl<'s> Engine<'s> {
    pub(super) fn new(source: &'s Source<'_>, mode: Mode) -> Self {
        Engine {
            source,
            input: &source.bytes,
            wtf8: source.wtf8,
            mode,
            pos: 0,
            out: Vec::with_capacity(source.bytes.len()),
            frames: Vec::with_capacity(8),
            members: Vec::with_capacity(32),
            reorders: Vec::new(),
            reordered: Vec::new(),
            warnings: Vec::new(),
            omitted_warnings: 0,
            hasher: None,
            keep: &[],
            kept: Vec::new(),
            deepest: 0,
        }
    }

    /// Notes where the values of the top-level object's members named in `names` start.
    pub(super) fn keeping(mut self, names: &'s [&'s str]) -> Self {
        self.keep = names;
        self
    }

    /// Reads the whole input and returns the written text.
    pub(super) fn run(mut self) -> Result<Output, JsonError> {
        self.skip_whitespace();
        'value: loop {
            match self.peek() {
                None => return Err(self.error(JsonErrorCode::UnexpectedEnd, self.pos)),
                Some(b'{') => {
                    self.open(Container::Object)?;
                    if self.peek() == Some(b'}') {
                        self.pos += 1;
                        self.close_object();
                    } else {
                        self.key()?;
                        continue 'value;
                    }
                }
                Some(b'[') => {
                    self.open(Container::Array)?;
                    if self.peek() == Some(b']') {
                        self.pos += 1;
                        self.close_array();
                    } else {
                        continue 'value;
                    }
                }
                Some(b'"') => self.string_value()?,
                Some(b'-' | b'0'..=b'9') => self.number()?,
                Some(b't') => self.literal(b"true")?,
                Some(b'f') => self.literal(b"false")?,
                Some(b'n') => self.literal(b"null")?,
                Some(_) => return Err(self.error(JsonErrorCode::UnexpectedCharacter, self.pos)),
            }
            // After a value: a separator, the end of its container, or the end of the input.
            loop {
                self.skip_whitespace();
                let Some(container) = self.frames.last().map(|f| f.container) else {
                    break 'value;
                };
                match (container, self.peek()) {
                    (Container::Array, Some(b',')) => {
                        if let Some(frame) = self.frames.last_mut() {
                            frame.element += 1;
                        }
                        self.pos += 1;
                        self.out.push(b',');
                        self.skip_whitespace();
                        continue 'value;
                    }
                    (Container::Array, Some(b']')) => {
                        self.pos += 1;
                        self.close_array();
                    }
                    (Container::Object, Some(b',')) => {
                        self.end_member();
                        self.pos += 1;
                        self.out.push(b',');
                        self.skip_whitespace();
                        self.key()?;
                        continue 'value;
                    }
                    (Container::Object, Some(b'}')) => {
                        self.end_member();
                        self.pos += 1;
                        self.close_object();
                    }
                    (_, None) => return Err(self.error(JsonErrorCode::UnexpectedEnd, self.pos)),
                    (_, Some(_)) => {
                        return Err(self.error(JsonErrorCode::UnexpectedCharacter, self.pos))
                    }
                }
            }
        }
        if self.pos < self.input.len() {
            return Err(self.error(JsonErrorCode::TrailingCharacters, self.pos));
        }
        Ok(self.finish())
    }

    fn peek(&self) -> Option<u8> {
        self.input.get(self.pos).copied()
    }

    #[inline]
    fn skip_whitespace(&mut self) {
        let rest = &self.input[self.pos..];
        if !matches!(rest.first(), Some(b' ' | b'\t' | b'\n' | b'\r')) {
            return;
        }
        self.pos += rest
            .iter()
            .position(|b| !matches!(b, b' ' | b'\t' | b'\n' | b'\r'))
            .unwrap_or(rest.len());
    }

    fn error(&self, code: JsonErrorCode, offset: usize) -> JsonError {
        let (line, column) = line_and_column(self.input, offset);
        JsonError::new(code, self.source.input_offset(offset), line, column)
    }

    /// Opens an array or object at `pos`, past its bracket and the whitespace after it.
    fn open(&mut self, container: Container) -> Result<(), JsonError> {
        if self.frames.len() >= MAX_DEPTH {
            return Err(self.error(JsonErrorCode::TooDeep, self.pos));
        }
        self.frames.push(Frame {
            container,
            out_start: self.out.len(),
            members_base: self.members.len(),
            current: None,
            element: 0,
            must_reorder: false,
            keys_move: false,
            last_index: None,
            named_seen: false,
            seen_bits: 0,
            lookup: None,
        });
        self.deepest = self.deepest.max(self.frames.len());
        self.out.push(self.input[self.pos]);
        self.pos += 1;
        self.skip_whitespace();
        Ok(())
    }

    fn close_array(&mut self) {
        self.frames.pop();
        self.out.push(b']');
    }

    /// Reads `"key":` and the whitespace after it, and records the member.
    fn key(&mut self) -> Result<(), JsonError> {
        match self.peek() {
            Some(b'"') => {}
            None => return Err(self.error(JsonErrorCode::UnexpectedEnd, self.pos)),
            Some(_) => return Err(self.error(JsonErrorCode::UnexpectedCharacter, self.pos)),
        }
        let source = self.pos;
        let key_start = self.out.len();
        let rewritten = self.string()?;
        let key = key_start..self.out.len();
        // The key without its quotes.
        let name = &self.out[key.start + 1..key.end - 1];
        let kept_name = match self.frames.len() {
            1 => self.keep.iter().position(|kept| kept.as_bytes() == name),
            _ => None,
        };
        let index = array_index(name);
        let me = self.members.len();
        let fingerprint = fingerprint(&self.out[key.clone()]);
        let earlier = self.find_key(key.clone(), fingerprint);
        let Some(frame) = self.frames.last_mut() else {
            return Err(self.error(JsonErrorCode::UnexpectedCharacter, source));
        };
        frame.current = Some(me);
        match earlier {
            None => {
                if let (Some(lookup), Some(hasher)) = (frame.lookup.as_mut(), &self.hasher) {
                    lookup
                        .entry(hasher.hash_one(&self.out[key.clone()]))
                        .or_insert(me);
                }
                match index {
                    Some(value) => {
                        if frame.named_seen || frame.last_index.is_some_and(|last| value < last) {
                            frame.must_reorder = true;
                            frame.keys_move = true;
                        }
                        frame.last_index = frame.last_index.max(Some(value));
                    }
                    None => frame.named_seen = true,
                }
            }
            Some(_) if self.mode == Mode::Canonicalize => {
                return Err(self.error(JsonErrorCode::DuplicateKey, source));
            }
            Some(_) => frame.must_reorder = true,
        }
        let previous_value = earlier.map(|first| {
            let previous = self.members[first].last;
            self.members[first].last = me;
            let dropped = &self.members[previous];
            (
                dropped.value.clone(),
                dropped.value_source.clone(),
                dropped.omitted.len(),
            )
        });
        // The value starts right after the `:` that follows the key.
        let value_start = key.end + 1;
        self.members.push(Member {
            key,
            value: value_start..value_start,
            source,
            value_source: 0..0,
            omitted: 0..0,
            last: me,
            first: earlier.is_none(),
            index,
            fingerprint,
        });
        if self.mode == Mode::Inspect {
            if rewritten {
                self.warn_string(source);
            }
            if let Some((dropped, dropped_source, dropped_omitted)) = previous_value {
                // What was said about the dropped value no longer describes the result.
                self.warnings
                    .retain(|warning| !dropped_source.contains(&warning.offset));
                self.omitted_warnings -= dropped_omitted;
                let original = excerpt(&self.out[dropped]);
                self.warn(WarningKind::DuplicateKey, source, |_| {
                    (
                        Some(original),
                        None,
                        "key given twice: JSON.parse keeps the last value at the first key's position and drops the earlier value".to_string(),
                    )
                });
            }
        }
        if self.peek() != Some(b':') {
            self.skip_whitespace();
            match self.peek() {
                Some(b':') => {}
                None => return Err(self.error(JsonErrorCode::UnexpectedEnd, self.pos)),
                Some(_) => return Err(self.error(JsonErrorCode::UnexpectedCharacter, self.pos)),
            }
        }
        self.pos += 1;
        self.out.push(b':');
        self.skip_whitespace();
        let omitted = self.omitted_warnings;
        if let Some(member) = self.members.last_mut() {
            member.value_source = self.pos..self.pos;
            member.omitted = omitted..omitted;
        }
        if let Some(name) = kept_name {
            self.kept.push((name, self.pos));
        }
        Ok(())
    }

    /// The first occurrence of the key at `key` (in `out`) among the current object's members.
    fn find_key(&mut self, key: Range<usize>, fingerprint: u64) -> Option<usize> {
        let frame = self.frames.last_mut()?;
        let bit = 1u64 << (fingerprint >> 58);
        if frame.seen_bits & bit == 0 {
            frame.seen_bits |= bit;
            return None;
        }
        let base = frame.members_base;
        let count = self.members.len() - base;
        let wanted = &self.out[key];
        let linear = |members: &[Member], out: &[u8]| {
            members
                .iter()
                .position(|m| {
                    m.fingerprint == fingerprint && m.first && &out[m.key.clone()] == wanted
                })
                .map(|i| base + i)
        };
        if count <= LINEAR_LOOKUP_LIMIT {
            return linear(&self.members[base..], &self.out);
        }
        let hasher = &*self.hasher.get_or_insert_with(RandomState::new);
        let (members, out) = (&self.members, &self.out);
        let lookup = frame.lookup.get_or_insert_with(|| {
            let mut lookup = HashMap::default();
            for (i, m) in members[base..].iter().enumerate() {
                if m.first {
                    lookup
                        .entry(hasher.hash_one(&out[m.key.clone()]))
                        .or_insert(base + i);
                }
            }
            lookup
        });
        match lookup.get(&hasher.hash_one(wanted)) {
            None => None,
            Some(&i) if &out[members[i].key.clone()] == wanted => Some(i),
            // Two keys share a hash: settle it by comparing every key.
            Some(_) => linear(&members[base..], out),
        }
    }

    /// Records where the current member's value ends.
    fn end_member(&mut self) {
        let (end, source_end, omitted) = (self.out.len(), self.pos, self.omitted_warnings);
        if let Some(member) = self.members.last_mut() {
            member.value.end = end;
            member.value_source.end = source_end;
            member.omitted.end = omitted;
        }
    }

    /// Writes `}` and, when its members must move, records the object for the final pass.
    fn close_object(&mut self) {
        self.out.push(b'}');
        let Some(frame) = self.frames.pop() else {
            return;
        };
        let base = frame.members_base;
        let canonical = self.mode == Mode::Canonicalize;
        if frame.must_reorder || (canonical && !self.keys_sorted_utf16(base)) {
            let start = self.reordered.len();
            let firsts: Vec<&Member> = self.members[base..].iter().filter(|m| m.first).collect();
            let order = if canonical {
                let keys: Vec<Vec<u16>> = firsts
                    .iter()
                    .map(|m| utf16_key(&self.out[m.key.clone()]))
                    .collect();
                sorted_indices(keys.len(), &|a, b| keys[a] < keys[b])
            } else {
                // Array indices first in ascending order, other keys as they came.
                let named = 1u64 << 32;
                sorted_by_rank(
                    (0..firsts.len())
                        .map(|n| firsts[n].index.map_or(named + n as u64, u64::from))
                        .collect(),
                )
            };
            let moved: Vec<_> = order
                .into_iter()
                .map(|n| {
                    (
                        firsts[n].key.clone(),
                        self.members[firsts[n].last].value.clone(),
                    )
                })
                .collect();
            self.reordered.extend(moved);
            self.reorders.push(Reorder {
                span: frame.out_start..self.out.len(),
                members: start..self.reordered.len(),
            });
            if self.mode == Mode::Inspect && frame.keys_move {
                self.warn_reordered(base, start);
            }
        }
        self.members.truncate(base);
    }

    /// True when the object's keys (from `base`) already are in UTF-16 code unit order.
    fn keys_sorted_utf16(&self, base: usize) -> bool {
        self.members[base..].windows(2).all(|pair| {
            utf16_key(&self.out[pair[0].key.clone()]) < utf16_key(&self.out[pair[1].key.clone()])
        })
    }

    fn literal(&mut self, word: &'static [u8]) -> Result<(), JsonError> {
        for (i, &expected) in word.iter().enumerate() {
            match self.input.get(self.pos + i) {
                Some(&b) if b == expected => {}
                Some(_) => return Err(self.error(JsonErrorCode::UnexpectedCharacter, self.pos + i)),
                None => return Err(self.error(JsonErrorCode::UnexpectedEnd, self.pos + i)),
            }
        }
        self.pos += word.len();
        self.out.extend_from_slice(word);
        Ok(())
    }

    fn number(&mut self) -> Result<(), JsonError> {
        let input = self.input;
        let start = self.pos;
        let mut p = start + usize::from(input[start] == b'-');
        let digits_from = |mut p: usize| {
            while input.get(p).is_some_and(u8::is_ascii_digit) {
                p += 1;
            }
            p
        };
        let int_start = p;
        match input.get(p) {
            Some(b'0') => p += 1,
            Some(b'1'..=b'9') => p = digits_from(p + 1),
            Some(_) => return Err(self.error(JsonErrorCode::InvalidNumber, p)),
            None => return Err(self.error(JsonErrorCode::UnexpectedEnd, p)),
        }
        let int_digits = p - int_start;
        if input.get(p).is_some_and(u8::is_ascii_digit) {
            return Err(self.error(JsonErrorCode::InvalidNumber, p));
        }
        let mut frac_digits = 0;
        if input.get(p) == Some(&b'.') {
            let frac_start = p + 1;
            p = digits_from(frac_start);
            frac_digits = p - frac_start;
            if frac_digits == 0 {
                return Err(self.number_error(p));
            }
        }
        let has_exponent = matches!(input.get(p), Some(b'e' | b'E'));
        if has_exponent {
            p += 1;
            if let Some(b'+' | b'-') = input.get(p) {
                p += 1;
            }
            let exponent_start = p;
            p = digits_from(p);
            if p == exponent_start {
                return Err(self.number_error(p));
            }
        }
        self.pos = p;
        let text = &input[start..p];
        let written_from = self.out.len();
        let written = number::write(text, int_digits, frac_digits, has_exponent, &mut self.out);
        if written == number::Written::Null && self.mode == Mode::Canonicalize {
            return Err(self.error(JsonErrorCode::NumberOutOfRange, start));
        }
        if self.mode == Mode::Inspect
            && written != number::Written::Verbatim
            && &self.out[written_from..] != text
        {
            self.warn_number(start, text, written_from);
        }
        Ok(())
    }

    fn number_error(&self, offset: usize) -> JsonError {
        let code = if offset < self.input.len() {
            JsonErrorCode::InvalidNumber
        } else {
            JsonErrorCode::UnexpectedEnd
        };
        self.error(code, offset)
    }

    fn string_value(&mut self) -> Result<(), JsonError> {
        let source = self.pos;
        if self.string()? && self.mode == Mode::Inspect {
            self.warn_string(source);
        }
        Ok(())
    }

    /// Reads a string at `pos` (on its opening quote) and writes it as `JSON.stringify` would.
    /// Returns whether the written text differs from the input's (always false unless inspecting).
    fn string(&mut self) -> Result<bool, JsonError> {
        let input = self.input;
        let stop = &string::STOP_WTF8;
        let source_start = self.pos;
        let out_start = self.out.len();
        let mut p = self.pos + 1;
        if self.wtf8 {
            self.out.push(b'"');
        } else {
            // Most strings hold nothing to rewrite: copy them whole, quotes included. Otherwise
            // the opening quote and the plain run before the first escape are copied here,
            // and the loop goes on from there.
            let end = p + string::plain_run(&input[p..]);
            if input.get(end) == Some(&b'"') {
                self.out.extend_from_slice(&input[source_start..=end]);
                self.pos = end + 1;
                return Ok(false);
            }
            self.out.extend_from_slice(&input[source_start..end]);
            p = end;
        }
        // A high surrogate waiting to learn whether a low surrogate follows it.
        let mut pending_high: Option<u16> = None;
        loop {
            let run_start = p;
            if self.wtf8 {
                while p < input.len() && !stop[usize::from(input[p])] {
                    p += 1;
                }
            } else {
                p += string::plain_run(&input[p..]);
            }
            if p > run_start {
                flush_surrogate(&mut self.out, &mut pending_high);
                self.out.extend_from_slice(&input[run_start..p]);
            }
            let Some(&byte) = input.get(p) else {
                return Err(self.error(JsonErrorCode::UnexpectedEnd, p));
            };
            let unit = match byte {
                b'"' => {
                    flush_surrogate(&mut self.out, &mut pending_high);
                    self.out.push(b'"');
                    self.pos = p + 1;
                    break;
                }
                b'\\' => {
                    let escape = match input.get(p + 1) {
                        Some(&b) => b,
                        None => return Err(self.error(JsonErrorCode::UnexpectedEnd, p + 1)),
                    };
                    let unit = match escape {
                        b'"' => 0x22,
                        b'\\' => 0x5C,
                        b'/' => 0x2F,
                        b'b' => 0x08,
                        b'f' => 0x0C,
                        b'n' => 0x0A,
                        b'r' => 0x0D,
                        b't' => 0x09,
                        b'u' => match string::hex4(&input[(p + 2).min(input.len())..]) {
                            Some(unit) => {
                                p += 4;
                                unit
                            }
                            None => return Err(self.escape_error(p + 2)),
                        },
                        _ => return Err(self.error(JsonErrorCode::InvalidEscape, p + 1)),
                    };
                    p += 2;
                    unit
                }
                0xED => match string::wtf8_surrogate(&input[p..]) {
                    Some(unit) => {
                        p += 3;
                        unit
                    }
                    None => {
                        flush_surrogate(&mut self.out, &mut pending_high);
                        self.out.push(byte);
                        p += 1;
                        continue;
                    }
                },
                _ => return Err(self.error(JsonErrorCode::ControlCharacterInString, p)),
            };
            match unit {
                0xD800..=0xDBFF => {
                    flush_surrogate(&mut self.out, &mut pending_high);
                    pending_high = Some(unit);
                }
                0xDC00..=0xDFFF => match pending_high.take() {
                    Some(high) => {
                        string::push_char(&mut self.out, string::combine_surrogates(high, unit))
                    }
                    None => self.lone_surrogate(unit, source_start)?,
                },
                _ => {
                    flush_surrogate(&mut self.out, &mut pending_high);
                    string::push_unit(&mut self.out, unit);
                }
            }
            if self.mode == Mode::Canonicalize {
                if let Some(high) = pending_high.filter(|_| !is_low_surrogate_next(input, p)) {
                    self.lone_surrogate(high, source_start)?;
                }
            }
        }
        Ok(self.mode == Mode::Inspect && self.out[out_start..] != input[source_start..self.pos])
    }

    /// Writes an unpaired surrogate, or rejects it when canonicalizing.
    fn lone_surrogate(&mut self, unit: u16, string_start: usize) -> Result<(), JsonError> {
        if self.mode == Mode::Canonicalize {
            return Err(self.error(JsonErrorCode::LoneSurrogate, string_start));
        }
        string::push_u_escape(&mut self.out, unit);
        Ok(())
    }

    fn escape_error(&self, offset: usize) -> JsonError {
        let end = (offset + 4).min(self.input.len());
        match self.input[offset.min(end)..end]
            .iter()
            .position(|b| !b.is_ascii_hexdigit())
        {
            Some(i) => self.error(JsonErrorCode::InvalidEscape, offset + i),
            None => self.error(JsonErrorCode::UnexpectedEnd, end),
        }
    }

    /// Writes the final text: `out` with every reordered object's members in their new order.
    fn finish(mut self) -> Output {
        let text = if self.reorders.is_empty() {
            std::mem::take(&mut self.out)
        } else {
            let starts = self.reorders.iter().map(|r| r.span.start as u64).collect();
            let sorted: Vec<Reorder> = sorted_by_rank(starts)
                .into_iter()
                .map(|i| self.reorders[i].clone())
                .collect();
            assemble(&self.out, &sorted, &self.reordered)
        };
        let mut unsorted: Vec<Option<PendingWarning>> = std::mem::take(&mut self.warnings)
            .into_iter()
            .map(Some)
            .collect();
        let offsets = unsorted.iter().flatten().map(|w| w.offset as u64).collect();
        let pending: Vec<PendingWarning> = sorted_by_rank(offsets)
            .into_iter()
            .filter_map(|i| unsorted[i].take())
            .collect();
        let positions = lines_and_columns(self.input, pending.iter().map(|w| w.offset));
        let warnings = pending
            .into_iter()
            .zip(positions)
            .map(|(w, (line, column))| JsonWarning {
                kind: w.kind,
                path: w.path,
                offset: self.source.input_offset(w.offset),
                line,
                column,
                original: w.original,
                normalized: w.normalized,
                message: w.message,
            })
            .collect();
        Output {
            text,
            warnings,
            omitted_warnings: self.omitted_warnings,
            kept: self.kept,
            deepest: self.deepest,
        }
    }

    /// The JSONPath of the value being read.
    fn path(&self) -> String {
        let mut path = String::from("$");
        for frame in &self.frames {
            match frame.container {
                Container::Array => {
                    path.push('[');
                    path.push_str(&frame.element.to_string());
                    path.push(']');
                }
                Container::Object => {
                    if let Some(member) = frame.current.and_then(|i| self.members.get(i)) {
                        push_key_segment(&mut path, &self.out[member.key.clone()]);
                    }
                }
            }
        }
        path
    }

    /// Records a warning at `offset`; `describe` gives (original, normalized, message).
    fn warn(
        &mut self,
        kind: WarningKind,
        offset: usize,
        describe: impl FnOnce(&Self) -> (Option<String>, Option<String>, String),
    ) {
        if self.warnings.len() >= MAX_WARNINGS {
            self.omitted_warnings += 1;
            return;
        }
        let (original, normalized, message) = describe(self);
        let path = self.path();
        self.warnings.push(PendingWarning {
            kind,
            path,
            offset,
            original,
            normalized,
            message,
        });
    }

    fn warn_string(&mut self, source: usize) {
        self.warn(WarningKind::StringRewritten, source, |engine| {
            let original = excerpt(&engine.input[source..engine.pos]);
            (
                Some(original),
                None,
                "string escapes rewritten (JSON.stringify writes \\/ as /, \\u00e9 as é, and escapes only quotes, backslashes, control characters and unpaired surrogates)".to_string(),
            )
        });
    }

    fn warn_number(&mut self, source: usize, text: &[u8], written_from: usize) {
        let written = &self.out[written_from..];
        let (kind, message) = if written == b"null" {
            (
                WarningKind::PrecisionLost,
                "number beyond the range of a double became null: send it as a string",
            )
        } else if number::exact_value(text) == number::exact_value(written) {
            (
                WarningKind::NumberRewritten,
                "number written differently with the same value: a signature over the raw text will not match",
            )
        } else {
            (
                WarningKind::PrecisionLost,
                "number changed value (a double holds about 15-17 significant digits): send it as a string",
            )
        };
        let (original, normalized) = (excerpt(text), excerpt(written));
        self.warn(kind, source, |_| {
            (Some(original), Some(normalized), message.to_string())
        });
    }

    fn warn_reordered(&mut self, base: usize, reordered_start: usize) {
        let source = self.members[base].source;
        let before = key_list(
            &self.out,
            self.members[base..]
                .iter()
                .filter(|m| m.first)
                .map(|m| m.key.clone()),
        );
        let after = key_list(
            &self.out,
            self.reordered[reordered_start..]
                .iter()
                .map(|(key, _)| key.clone()),
        );
        self.warn(WarningKind::KeysReordered, source, |_| {
            (
                Some(before),
                Some(after),
                "keys reordered: JavaScript puts integer-like keys (\"0\" to \"4294967294\") first, in ascending order".to_string(),
            )
        });
    }
}

/// The indices of `ranks` ordered by rank, equal ranks in index order.
fn sorted_by_rank(ranks: Vec<u64>) -> Vec<usize> {
    sorted_indices(ranks.len(), &|a, b| (ranks[a], a) < (ranks[b], b))
}

/// The indices `0..count` ordered by `less`, equal ones in index order: insertion for a few,
/// otherwise a bottom-up merge sort (O(n log n) at worst, no recursion). Every sort in the
/// engine goes through this one small function: the standard library's sorts are generic,
/// and their two instances here weighed 3.3 KB gzip in the WebAssembly module.
fn sorted_indices(count: usize, less: &dyn Fn(usize, usize) -> bool) -> Vec<usize> {
    let mut order: Vec<usize> = (0..count).collect();
    if count <= 16 {
        // Most objects are small: insertion, with no second buffer.
        for sorted in 1..count {
            let mut at = sorted;
            while at > 0 && less(order[at], order[at - 1]) {
                order.swap(at, at - 1);
                at -= 1;
            }
        }
        return order;
    }
    let mut merged = vec![0; count];
    let mut width = 1;
    while width < count {
        for start in (0..count).step_by(2 * width) {
            let middle = (start + width).min(count);
            let end = (start + 2 * width).min(count);
            let (mut left, mut right) = (start, middle);
            for slot in &mut merged[start..end] {
                // The right run's index goes first only when strictly less: stable.
                if right < end && (left == middle || less(order[right], order[left])) {
                    *slot = order[right];
                    right += 1;
                } else {
                    *slot = order[left];
                    left += 1;
                }
            }
        }
        std::mem::swap(&mut order, &mut merged);
        width *= 2;
    }
    order
}

/// Writes a held high surrogate as an escape: no low surrogate followed it.
fn flush_surrogate(out: &mut Vec<u8>, pending_high: &mut Option<u16>) {
    if let Some(high) = pending_high.take() {
        string::push_u_escape(out, high);
    }
}

/// True when the string text at `p` continues with a low surrogate (escaped or WTF-8).
fn is_low_surrogate_next(input: &[u8], p: usize) -> bool {
    let rest = &input[p.min(input.len())..];
    let escaped = rest.len() >= 6
        && rest[0] == b'\\'
        && rest[1] == b'u'
        && string::hex4(&rest[2..]).is_some_and(|u| (0xDC00..=0xDFFF).contains(&u));
    escaped || string::wtf8_surrogate(rest).is_some_and(|u| u >= 0xDC00)
}

/// A fast, non-cryptographic hash of a key: its length and its first and last eight bytes.
fn fingerprint(key: &[u8]) -> u64 {
    let mixed = match key {
        [a, b, c, d, e, f, g, h, ..] => {
            let head = u64::from_le_bytes([*a, *b, *c, *d, *e, *f, *g, *h]);
            let tail = key[key.len() - 8..]
                .iter()
                .fold(0u64, |word, &byte| word << 8 | u64::from(byte));
            head ^ tail.rotate_left(29)
        }
        short => short
            .iter()
            .fold(0u64, |word, &byte| word << 8 | u64::from(byte)),
    };
    (mixed ^ key.len() as u64).wrapping_mul(0x517C_C1B7_2722_0A95)
}

/// The key (a normalized JSON string with its quotes) as an array index, if it is one:
/// a canonical decimal integer from 0 to 4294967294.
fn array_index(digits: &[u8]) -> Option<u32> {
    match digits {
        [b'0'] => return Some(0),
        [b'1'..=b'9', ..] if digits.len() <= 10 => {}
        _ => return None,
    }
    let mut value: u64 = 0;
    for &d in digits {
        if !d.is_ascii_digit() {
            return None;
        }
        value = value * 10 + u64::from(d - b'0');
    }
    u32::try_from(value).ok().filter(|&v| v != u32::MAX)
}

/// The UTF-16 code units of a normalized key (with its quotes), for RFC 8785 ordering.
fn utf16_key(key: &[u8]) -> Vec<u16> {
    let inner = &key[1..key.len() - 1];
    let mut units = Vec::with_capacity(inner.len());
    let text = String::from_utf8_lossy(inner);
    let mut chars = text.chars();
    while let Some(c) = chars.next() {
        if c != '\\' {
            let mut buffer = [0u16; 2];
            units.extend_from_slice(c.encode_utf16(&mut buffer));
            continue;
        }
        // Normalized keys hold only the escapes push_unit writes.
        let unit = match chars.next() {
            Some('b') => 0x08,
            Some('f') => 0x0C,
            Some('n') => 0x0A,
            Some('r') => 0x0D,
            Some('t') => 0x09,
            Some('u') => {
                let hex: String = chars.by_ref().take(4).collect();
                u16::from_str_radix(&hex, 16).unwrap_or(0xFFFD)
            }
            Some(other) => other as u16,
            None => 0x5C,
        };
        units.push(unit);
    }
    units
}

/// Appends `.key` or `["key"]` to a JSONPath.
fn push_key_segment(path: &mut String, key: &[u8]) {
    let inner = &key[1..key.len() - 1];
    let identifier = !inner.is_empty()
        && !inner[0].is_ascii_digit()
        && inner
            .iter()
            .all(|&b| b.is_ascii_alphanumeric() || b == b'_' || b == b'$');
    if identifier {
        path.push('.');
        path.push_str(&String::from_utf8_lossy(inner));
    } else {
        path.push('[');
        path.push_str(&String::from_utf8_lossy(key));
        path.push(']');
    }
}

/// Up to [`EXCERPT_CHARS`] characters of `bytes`, with `…` when cut.
fn excerpt(bytes: &[u8]) -> String {
    let text = String::from_utf8_lossy(bytes);
    match text.char_indices().nth(EXCERPT_CHARS) {
        // `get` rather than indexing: `cut` is a character boundary, and indexing would bring
        // the string-slicing panic and its formatting tables into the WebAssembly module.
        Some((cut, _)) => format!("{}…", text.get(..cut).unwrap_or_default()),
        None => text.into_owned(),
    }
}

/// Keys (normalized JSON strings) joined by commas, shortened like an excerpt.
fn key_list(out: &[u8], keys: impl Iterator<Item = Range<usize>>) -> String {
    let mut list = Vec::new();
    for (i, key) in keys.enumerate() {
        if i > 0 {
            list.push(b',');
        }
        list.extend_from_slice(&out[key]);
        if list.len() > EXCERPT_CHARS * 4 {
            break;
        }
    }
    excerpt(&list)
}

/// Copies `out`, writing each reordered object with its members in their new order.
/// Iterative: reordered objects may nest as deeply as the input does.
fn assemble(
    out: &[u8],
    reorders: &[Reorder],
    reordered: &[(Range<usize>, Range<usize>)],
) -> Vec<u8> {
    enum Task {
        Copy(Range<usize>),
        Byte(u8),
        Object(usize),
    }
    let mut text = Vec::with_capacity(out.len());
    let mut tasks = vec![Task::Copy(0..out.len())];
    while let Some(task) = tasks.pop() {
        match task {
            Task::Byte(b) => text.push(b),
            Task::Copy(range) => {
                let next = reorders.partition_point(|r| r.span.start < range.start);
                match reorders.get(next).filter(|r| r.span.start < range.end) {
                    Some(reorder) => {
                        text.extend_from_slice(&out[range.start..reorder.span.start]);
                        tasks.push(Task::Copy(reorder.span.end..range.end));
                        tasks.push(Task::Object(next));
                    }
                    None => text.extend_from_slice(&out[range]),
                }
            }
            Task::Object(i) => {
                text.push(b'{');
                tasks.push(Task::Byte(b'}'));
                let members = &reordered[reorders[i].members.clone()];
                for (n, (key, value)) in members.iter().enumerate().rev() {
                    tasks.push(Task::Copy(value.clone()));
                    tasks.push(Task::Byte(b':'));
                    tasks.push(Task::Copy(key.clone()));
                    if n > 0 {
                        tasks.push(Task::Byte(b','));
                    }
                }
            }
        }
    }
    text
}

/// A hasher for keys that already are hashes.
#[derive(Default)]
struct PassThrough(u64);

impl Hasher for PassThrough {
    fn finish(&self) -> u64 {
        self.0
    }

    fn write(&mut self, bytes: &[u8]) {
        for &b in bytes {
            self.0 = self.0.rotate_left(8) ^ u64::from(b);
        }
    }

    fn write_u64(&mut self, value: u64) {
        self.0 = value;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sorted_indices_order_like_the_standard_sort() {
        // Lengths on both sides of the insertion limit and of powers of two (the merge widths),
        // values with many repeats, ties broken by index.
        let mut state = 0x9E37_79B9_7F4A_7C15u64;
        for count in (0..70).chain([255, 256, 257, 1000]) {
            let values: Vec<u64> = (0..count)
                .map(|_| {
                    state ^= state << 13;
                    state ^= state >> 7;
                    state ^= state << 17;
                    state % 16
                })
                .collect();
            let mut expected: Vec<usize> = (0..count).collect();
            expected.sort_by_key(|&i| (values[i], i));
            assert_eq!(sorted_by_rank(values.clone()), expected, "{values:?}");
            let mut descending = expected.clone();
            descending.reverse();
            let order = sorted_indices(count, &|a, b| (values[b], b) < (values[a], a));
            assert_eq!(order, descending, "{values:?}");
        }
    }
}
