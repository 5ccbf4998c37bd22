//! JSON values with every number kept exactly as written, for reading gateway documents.
//!
//! Gateways send amounts as JSON numbers (`0.00001124`, `50.00`); going through a double
//! would turn them into different decimals. [`parse`] keeps each number's text, so an amount
//! is read from what the gateway wrote. The grammar is the one `JSON.parse` applies, errors
//! are the ones [`super::normalize`] reports (same code, line and column), and nesting is
//! bounded by [`MAX_VALUE_DEPTH`], read without recursion.

use std::fmt;

use super::reader::{Discard, Reader, Stop};
use super::source::{line_and_column, Source};
use super::string::{plain_run, push_json_string};
use super::{JsonError, JsonErrorCode, Text};

/// The deepest nesting [`parse`] accepts (a [`JsonErrorCode::TooDeep`] error beyond). Gateway
/// documents nest a few levels; the bound keeps the recursive drop of a tree shallow.
pub const MAX_VALUE_DEPTH: usize = 256;

/// A JSON value.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Value {
    /// `null`.
    Null,
    /// `true` or `false`.
    Bool(bool),
    /// A number, exactly as written (`"50.00"`, `"1e-7"`).
    Number(String),
    /// A string with its escapes decoded; an unpaired surrogate becomes U+FFFD.
    String(String),
    /// An array.
    Array(Vec<Value>),
    /// An object's members in document order, duplicates included.
    Object(Vec<(String, Value)>),
}

impl Value {
    /// The JSON type name, for messages: `null`, `boolean`, `number`, `string`, `array`,
    /// `object`.
    pub fn kind(&self) -> &'static str {
        match self {
            Value::Null => "null",
            Value::Bool(_) => "boolean",
            Value::Number(_) => "number",
            Value::String(_) => "string",
            Value::Array(_) => "array",
            Value::Object(_) => "object",
        }
    }

    /// The member `key` of an object; the last one when it is repeated, as in `JSON.parse`.
    pub fn get(&self, key: &str) -> Option<&Value> {
        match self {
            Value::Object(members) => members
                .iter()
                .rev()
                .find(|(name, _)| name == key)
                .map(|(_, value)| value),
            _ => None,
        }
    }

    /// The text of a string.
    pub fn as_str(&self) -> Option<&str> {
        match self {
            Value::String(text) => Some(text),
            _ => None,
        }
    }

    /// The items of an array.
    pub fn as_array(&self) -> Option<&[Value]> {
        match self {
            Value::Array(items) => Some(items),
            _ => None,
        }
    }
}

/// Compact JSON text (`JSON.stringify` style, with no whitespace): numbers exactly as read,
/// strings escaped as `JSON.stringify` escapes them, members in order, duplicates included.
impl fmt::Display for Value {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let mut out = String::new();
        write(self, &mut out);
        f.write_str(&out)
    }
}

/// Appends `value` as compact JSON. Nesting is bounded by [`MAX_VALUE_DEPTH`] for every value
/// [`parse`] makes; a tree built by hand is written however deep it is.
fn write(value: &Value, out: &mut String) {
    match value {
        Value::Null => out.push_str("null"),
        Value::Bool(flag) => out.push_str(if *flag { "true" } else { "false" }),
        Value::Number(text) => out.push_str(text),
        Value::String(text) => push_json_string(out, text, false),
        Value::Array(items) => {
            out.push('[');
            for (index, item) in items.iter().enumerate() {
                if index > 0 {
                    out.push(',');
                }
                write(item, out);
            }
            out.push(']');
        }
        Value::Object(members) => {
            out.push('{');
            for (index, (key, item)) in members.iter().enumerate() {
                if index > 0 {
                    out.push(',');
                }
                push_json_string(out, key, false);
                out.push(':');
                write(item, out);
            }
            out.push('}');
        }
    }
}

/// An array or object being read, with the members read so far.
enum Frame {
    Array(Vec<Value>),
    /// The members so far and the key of the member whose value comes next, `None` when that
    /// member is not kept (its value is read, then dropped).
    Object(Vec<(String, Value)>, Option<String>),
    /// An array or object (`object`) inside a value that is not kept: read, not stored.
    Dropped {
        object: bool,
    },
}

/// Parses a JSON text into a [`Value`].
pub fn parse<'a>(text: impl Into<Text<'a>>) -> Result<Value, JsonError> {
    parse_keeping(text.into(), None)
}

/// Parses a JSON text keeping, in every object, only the members named in `names`. The other
/// members are read as strictly as by [`parse`] (the same errors) but stored nowhere, so a
/// reader that needs a few fields of a large document allocates for those fields alone.
pub fn parse_members<'a>(text: impl Into<Text<'a>>, names: &[&str]) -> Result<Value, JsonError> {
    parse_keeping(text.into(), Some(names))
}

/// The members of the top-level object of `bytes` (JSON, as [`super::normalize_keeping`] read
/// it) that start at `starts` (the index of the name in `names`, and the offset of the
/// value), each read by [`parse_members`]; `None` where `bytes` is not an object, or where
/// [`parse_members`] would refuse it as nested deeper than [`MAX_VALUE_DEPTH`] (`deepest`
/// arrays and objects open at once).
pub(crate) fn members_at(
    bytes: &[u8],
    names: &[&str],
    starts: &[(usize, usize)],
    deepest: usize,
) -> Option<Value> {
    let first = bytes
        .iter()
        .position(|byte| !matches!(byte, b' ' | b'\t' | b'\n' | b'\r'))?;
    if bytes[first] != b'{' || deepest > MAX_VALUE_DEPTH {
        return None;
    }
    let member = |&(name, start): &(usize, usize)| {
        let mut reader = Reader {
            text: bytes,
            pos: start,
        };
        pass_value(&mut reader)?;
        let value = parse_members(&bytes[start..reader.pos], names).ok()?;
        Some(((*names.get(name)?).to_owned(), value))
    };
    starts
        .iter()
        .map(member)
        .collect::<Option<_>>()
        .map(Value::Object)
}

/// Moves past a string, by its quotes and backslashes alone; `None` at a control character.
fn pass_string(reader: &mut Reader<'_>) -> Option<()> {
    reader.expect(b'"').ok()?;
    loop {
        let rest = reader.text.get(reader.pos..)?;
        let run = plain_run(rest);
        match rest.get(run)? {
            b'"' => {
                reader.pos += run + 1;
                return Some(());
            }
            // Past the backslash and the character it escapes.
            b'\\' => reader.pos += run + 2,
            _ => return None,
        }
    }
}

/// Moves past a value, by its quotes and brackets alone.
fn pass_value(reader: &mut Reader<'_>) -> Option<()> {
    let start = reader.pos;
    let mut depth = 0usize;
    while let Some(byte) = reader.peek() {
        match byte {
            b'"' => pass_string(reader)?,
            b'{' | b'[' => {
                depth += 1;
                reader.pos += 1;
            }
            b'}' | b']' | b',' | b' ' | b'\t' | b'\n' | b'\r' if depth == 0 => break,
            b'}' | b']' => {
                depth -= 1;
                reader.pos += 1;
                if depth == 0 {
                    break;
                }
            }
            _ => reader.pos += 1,
        }
    }
    (depth == 0 && reader.pos > start).then_some(())
}

fn parse_keeping(text: Text<'_>, names: Option<&[&str]>) -> Result<Value, JsonError> {
    let source = Source::new(text);
    let error_at = |code, offset| {
        let (line, column) = line_and_column(&source.bytes, offset);
        JsonError::new(code, offset, line, column)
    };
    read(&source.bytes, names).map_err(|failure| match failure {
        Failure::TooDeep(offset) => error_at(JsonErrorCode::TooDeep, offset),
        // The normalizer reads the same grammar and names the error precisely.
        Failure::Syntax(Stop(offset)) => match super::normalize(text) {
            Err(error) => error,
            Ok(_) => error_at(JsonErrorCode::UnexpectedCharacter, offset),
        },
    })
}

/// Why [`read`] stopped.
enum Failure {
    Syntax(Stop),
    /// An array or object opens deeper than [`MAX_VALUE_DEPTH`], at this offset.
    TooDeep(usize),
}

impl From<Stop> for Failure {
    fn from(stop: Stop) -> Self {
        Failure::Syntax(stop)
    }
}

/// Reads the value of `bytes`, keeping the object members named in `names` (all when `None`).
fn read(bytes: &[u8], names: Option<&[&str]>) -> Result<Value, Failure> {
    let mut reader = Reader {
        text: bytes,
        pos: 0,
    };
    let mut stack: Vec<Frame> = Vec::new();
    let mut key_bytes = Vec::new();
    'value: loop {
        reader.skip_whitespace();
        let kept = match stack.last() {
            Some(Frame::Dropped { .. }) => false,
            Some(Frame::Object(_, key)) => key.is_some(),
            Some(Frame::Array(_)) | None => true,
        };
        let mut value = match reader.peek() {
            Some(open @ (b'{' | b'[')) => {
                if stack.len() >= MAX_VALUE_DEPTH {
                    return Err(Failure::TooDeep(reader.pos));
                }
                reader.pos += 1;
                reader.skip_whitespace();
                let object = open == b'{';
                if reader.eat(if object { b'}' } else { b']' }) {
                    match (kept, object) {
                        (false, _) => Value::Null,
                        (true, true) => Value::Object(Vec::new()),
                        (true, false) => Value::Array(Vec::new()),
                    }
                } else {
                    stack.push(match (kept, object) {
                        (false, _) => Frame::Dropped { object },
                        (true, true) => Frame::Object(Vec::new(), None),
                        (true, false) => Frame::Array(Vec::new()),
                    });
                    if object {
                        let frame = stack.last_mut().expect("just pushed");
                        key(&mut reader, frame, names, &mut key_bytes)?;
                    }
                    continue 'value;
                }
            }
            Some(b'"') if kept => Value::String(string(&mut reader)?),
            Some(b'"') => {
                reader.string(&mut Discard)?;
                Value::Null
            }
            Some(b'-' | b'0'..=b'9') => {
                let number = reader.number()?;
                if kept {
                    Value::Number(number.to_owned())
                } else {
                    Value::Null
                }
            }
            Some(b't') => reader.literal(b"true").map(|()| Value::Bool(true))?,
            Some(b'f') => reader.literal(b"false").map(|()| Value::Bool(false))?,
            Some(b'n') => reader.literal(b"null").map(|()| Value::Null)?,
            _ => return Err(Stop(reader.pos).into()),
        };
        // A value is complete: store it, closing containers until one continues.
        loop {
            let Some(frame) = stack.last_mut() else {
                reader.finish()?;
                return Ok(value);
            };
            reader.skip_whitespace();
            let object = match frame {
                Frame::Array(items) => {
                    items.push(value);
                    false
                }
                Frame::Object(members, key) => {
                    if let Some(key) = key.take() {
                        members.push((key, value));
                    }
                    true
                }
                Frame::Dropped { object } => *object,
            };
            if reader.eat(b',') {
                if object {
                    reader.skip_whitespace();
                    key(&mut reader, frame, names, &mut key_bytes)?;
                }
                continue 'value;
            }
            reader.expect(if object { b'}' } else { b']' })?;
            value = match stack.pop() {
                Some(Frame::Array(items)) => Value::Array(items),
                Some(Frame::Object(members, _)) => Value::Object(members),
                Some(Frame::Dropped { .. }) | None => Value::Null,
            };
        }
    }
}

/// Reads an object key and the colon after it. In a kept object the key is stored in the
/// frame when `names` keeps it (`key_bytes` is a reused buffer); in a dropped one it is only
/// checked.
fn key(
    reader: &mut Reader<'_>,
    frame: &mut Frame,
    names: Option<&[&str]>,
    key_bytes: &mut Vec<u8>,
) -> Result<(), Stop> {
    match frame {
        Frame::Object(_, next_key) => {
            key_bytes.clear();
            reader.string(key_bytes)?;
            let kept =
                names.is_none_or(|names| names.iter().any(|name| name.as_bytes() == key_bytes));
            *next_key = kept.then(|| text(key_bytes.clone()));
        }
        Frame::Dropped { .. } | Frame::Array(_) => reader.string(&mut Discard)?,
    }
    reader.skip_whitespace();
    reader.expect(b':')
}

fn string(reader: &mut Reader<'_>) -> Result<String, Stop> {
    let mut bytes = Vec::new();
    reader.string(&mut bytes)?;
    Ok(text(bytes))
}

/// Decoded string bytes as a `String`. Only WTF-8 input (a JavaScript string with an unpaired
/// surrogate) can be invalid here: its surrogates become U+FFFD.
fn text(bytes: Vec<u8>) -> String {
    String::from_utf8(bytes)
        .unwrap_or_else(|error| String::from_utf8_lossy(error.as_bytes()).into_owned())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn object(members: &[(&str, Value)]) -> Value {
        Value::Object(
            members
                .iter()
                .map(|(key, value)| ((*key).to_owned(), value.clone()))
                .collect(),
        )
    }

    #[test]
    fn keeps_number_text_and_structure() {
        let value =
            parse(r#" {"a": 50.00, "b": [1e-7, "x\u00e9", true, null, {}], "a": -0} "#).unwrap();
        assert_eq!(
            value,
            object(&[
                ("a", Value::Number("50.00".into())),
                (
                    "b",
                    Value::Array(vec![
                        Value::Number("1e-7".into()),
                        Value::String("xé".into()),
                        Value::Bool(true),
                        Value::Null,
                        Value::Object(vec![]),
                    ])
                ),
                ("a", Value::Number("-0".into())),
            ])
        );
        assert_eq!(value.get("a"), Some(&Value::Number("-0".into())));
        assert_eq!(value.get("missing"), None);
    }

    #[test]
    fn errors_match_the_normalizer() {
        for text in [
            "",
            "{",
            "{\"a\":1,}",
            "[1 2]",
            "{'a':1}",
            "01",
            "[] x",
            "\"\\x\"",
        ] {
            assert_eq!(
                parse(text).unwrap_err(),
                super::super::normalize(text).unwrap_err(),
                "{text:?}"
            );
        }
        let error = parse("{\n  \"amount\": 'BTC'\n}").unwrap_err();
        assert_eq!((error.line(), error.column()), (2, 13));
    }

    #[test]
    fn rejects_what_json_parse_rejects() {
        for text in [
            "",
            " ",
            "{",
            "{\"k\"}",
            "{\"k\":}",
            "{\"k\":1,}",
            "{,}",
            "{\"k\":01}",
            "{\"k\":1.}",
            "{\"k\":.5}",
            "{\"k\":1e}",
            "{\"k\":-}",
            "{\"k\":\"\u{1}\"}",
            "{\"k\":\"\\x\"}",
            "{\"k\":\"\\u12\"}",
            "{\"k\":tru}",
            "{} {}",
            "{\"k\":[1,]}",
            "{\"k\":[1 2]}",
            "{\"k\":{\"a\" 1}}",
            "{'k':1}",
            "\u{feff}{}",
            "{\"k\":\"open}",
            "{\"k\":[}",
            "[",
            "[1,",
            "{\"a\":{\"b\":[",
            "{\"k\":+1}",
            "{\"k\":NaN}",
        ] {
            assert!(parse(text).is_err(), "{text:?} should be an error");
            assert!(
                super::super::normalize(text).is_err(),
                "{text:?}: the normalizer agrees"
            );
        }
    }

    #[test]
    fn decodes_escapes_and_surrogates() {
        let text = |json: &str| parse(json).unwrap().as_str().map(str::to_owned);
        assert_eq!(
            text(r#""a\u0062\"\\\/\b\f\n\r\t\u00e9\u20AC""#).as_deref(),
            Some("ab\"\\/\u{8}\u{c}\n\r\t\u{e9}\u{20ac}")
        );
        assert_eq!(text(r#""\ud83d\ude00 é 😀""#).as_deref(), Some("😀 é 😀"));
        assert_eq!(text(r#""\ud83d""#).as_deref(), Some("\u{fffd}"));
        assert_eq!(
            text(r#""\ude00\ud83d!""#).as_deref(),
            Some("\u{fffd}\u{fffd}!")
        );
        assert_eq!(text(r#""\ud83d\u0041""#).as_deref(), Some("\u{fffd}A"));
    }

    /// Writing a parsed value gives the normalized text (where no number is rewritten and no
    /// key moves), and a parse of what was written gives the value back.
    #[test]
    fn display_writes_compact_json_that_parses_back() {
        let text =
            r#" { "a" : [ 50.00, -0, 1e-7, "x\u00e9\n\"\\", true, null, {} ], "b":{"c":[]} } "#;
        let value = parse(text).unwrap();
        let written = value.to_string();
        assert_eq!(
            written,
            r#"{"a":[50.00,-0,1e-7,"xé\n\"\\",true,null,{}],"b":{"c":[]}}"#
        );
        assert_eq!(parse(&written).unwrap(), value);
        let plain = r#"{"k":"\u0001 é \u2028","n":[1,2.5]}"#;
        assert_eq!(
            parse(plain).unwrap().to_string(),
            super::super::normalize(plain).unwrap()
        );
    }

    #[test]
    fn parse_members_keeps_the_named_members_at_every_depth() {
        let text = r#"{"id": 7, "skip": {"id": [1, {"x": "\u00e9"}]}, "data": {"id": "a", "n": 1},
            "list": [{"id": 2}], "id": 8}"#;
        let value = parse_members(text, &["id", "data"]).unwrap();
        assert_eq!(
            value,
            object(&[
                ("id", Value::Number("7".into())),
                ("data", object(&[("id", Value::String("a".into()))])),
                ("id", Value::Number("8".into())),
            ])
        );
        assert_eq!(value.get("id"), Some(&Value::Number("8".into())));
        // Arrays keep their items; the objects in them are filtered too.
        assert_eq!(
            parse_members(r#"[{"id": 1, "x": 2}, 3]"#, &["id"]).unwrap(),
            Value::Array(vec![
                object(&[("id", Value::Number("1".into()))]),
                Value::Number("3".into())
            ])
        );
        // Keeping every member gives the whole tree.
        assert_eq!(
            parse_members(text, &["id", "skip", "data", "list", "x", "n"]).unwrap(),
            parse(text).unwrap()
        );
    }

    #[test]
    fn parse_members_checks_what_it_drops() {
        for text in [
            r#"{"skip": [1, 2,], "id": 1}"#,
            r#"{"skip": {"a" 1}, "id": 1}"#,
            r#"{"skip": "\x", "id": 1}"#,
            r#"{"skip": 01, "id": 1}"#,
            r#"{"skip": tru, "id": 1}"#,
            r#"{"skip": {"a": [}, "id": 1}"#,
            r#"{"id": 1, "skip": [1] x}"#,
            "{\"skip\": \"\u{1}\", \"id\": 1}",
        ] {
            assert_eq!(
                parse_members(text, &["id"]).unwrap_err(),
                parse(text).unwrap_err(),
                "{text:?}"
            );
        }
        let deep = format!(
            r#"{{"skip": {}{}}}"#,
            "[".repeat(MAX_VALUE_DEPTH),
            "]".repeat(MAX_VALUE_DEPTH)
        );
        assert_eq!(
            parse_members(&deep, &["id"]).unwrap_err().code(),
            JsonErrorCode::TooDeep
        );
    }

    #[test]
    fn deep_nesting_is_an_error_not_a_crash() {
        let deep = "[".repeat(MAX_VALUE_DEPTH + 1) + &"]".repeat(MAX_VALUE_DEPTH + 1);
        let error = parse(&deep).unwrap_err();
        assert_eq!(
            (error.code(), error.offset()),
            (JsonErrorCode::TooDeep, MAX_VALUE_DEPTH)
        );
        let unclosed = "[".repeat(1_000_000);
        assert_eq!(parse(&unclosed).unwrap_err().code(), JsonErrorCode::TooDeep);
        let fine = "[".repeat(MAX_VALUE_DEPTH) + &"]".repeat(MAX_VALUE_DEPTH);
        assert!(parse(&fine).is_ok());
    }
}
