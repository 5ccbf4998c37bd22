//! JSON values with every number kept exactly as written, for reading gateway documents.
//!
//! Gateways send amounts as JSON numbers (`0.00001124`, `50.00`); going through a double
//! would turn them into different decimals. [`parse`] keeps each number's text, so an amount
//! is read from what the gateway wrote. The grammar is the one `JSON.parse` applies, errors
//! are the ones [`super::normalize`] reports (same code, line and column), and nesting is
//! bounded by [`MAX_VALUE_DEPTH`], read without recursion.

use super::reader::{Reader, Stop};
use super::source::{line_and_column, Source};
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

/// An array or object being read, with the members read so far.
enum Frame {
    Array(Vec<Value>),
    /// The members so far and the key of the member whose value comes next.
    Object(Vec<(String, Value)>, String),
}

/// Parses a JSON text into a [`Value`].
pub fn parse<'a>(text: impl Into<Text<'a>>) -> Result<Value, JsonError> {
    let text = text.into();
    let source = Source::new(text);
    let error_at = |code, offset| {
        let (line, column) = line_and_column(&source.bytes, offset);
        JsonError::new(code, offset, line, column)
    };
    read(&source.bytes).map_err(|failure| match failure {
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

fn read(bytes: &[u8]) -> Result<Value, Failure> {
    let mut reader = Reader {
        text: bytes,
        pos: 0,
    };
    let mut stack: Vec<Frame> = Vec::new();
    'value: loop {
        reader.skip_whitespace();
        let mut value = match reader.peek() {
            Some(open @ (b'{' | b'[')) => {
                if stack.len() >= MAX_VALUE_DEPTH {
                    return Err(Failure::TooDeep(reader.pos));
                }
                reader.pos += 1;
                reader.skip_whitespace();
                if open == b'{' {
                    if reader.eat(b'}') {
                        Value::Object(Vec::new())
                    } else {
                        let key = key(&mut reader)?;
                        stack.push(Frame::Object(Vec::new(), key));
                        continue 'value;
                    }
                } else if reader.eat(b']') {
                    Value::Array(Vec::new())
                } else {
                    stack.push(Frame::Array(Vec::new()));
                    continue 'value;
                }
            }
            Some(b'"') => Value::String(string(&mut reader)?),
            Some(b'-' | b'0'..=b'9') => Value::Number(reader.number()?.to_owned()),
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
            match frame {
                Frame::Array(items) => {
                    items.push(value);
                    if reader.eat(b',') {
                        continue 'value;
                    }
                    reader.expect(b']')?;
                }
                Frame::Object(members, next_key) => {
                    members.push((std::mem::take(next_key), value));
                    if reader.eat(b',') {
                        reader.skip_whitespace();
                        *next_key = key(&mut reader)?;
                        continue 'value;
                    }
                    reader.expect(b'}')?;
                }
            }
            value = match stack.pop() {
                Some(Frame::Array(items)) => Value::Array(items),
                Some(Frame::Object(members, _)) => Value::Object(members),
                None => return Err(Stop(reader.pos).into()),
            };
        }
    }
}

/// Reads an object key and the colon after it.
fn key(reader: &mut Reader<'_>) -> Result<String, Stop> {
    let key = string(reader)?;
    reader.skip_whitespace();
    reader.expect(b':')?;
    Ok(key)
}

fn string(reader: &mut Reader<'_>) -> Result<String, Stop> {
    let mut bytes = Vec::new();
    reader.string(&mut bytes)?;
    // Only WTF-8 input (a JavaScript string with an unpaired surrogate) can fail here.
    Ok(String::from_utf8(bytes)
        .unwrap_or_else(|error| String::from_utf8_lossy(error.as_bytes()).into_owned()))
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
