//! A strict, allocation-light reader for the top-level fields of a JSON object.
//!
//! Webhook verification needs a handful of fields from the body (`callback_id`, `signature`,
//! `invoice_id`, ...). This reader validates the whole body against the JSON grammar
//! (RFC 8259, exactly what `JSON.parse` accepts), without recursion, and decodes only the
//! top-level members asked for. As in `JSON.parse`, Python's `json.loads` and PHP's
//! `json_decode`, the last of several members with the same name wins.

use crate::json::reader::{Reader, Stop};

/// The value of a top-level member.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum FieldValue {
    /// A string, with its escapes decoded. `\u` escapes naming an unpaired surrogate decode
    /// to U+FFFD, as Node does when it hashes such a JavaScript string.
    String(String),
    /// A number, exactly as written in the body.
    Number(String),
    /// Any other value: `"object"`, `"array"`, `"boolean"` or `"null"`.
    Other(&'static str),
}

impl FieldValue {
    /// The JSON type, for messages.
    pub(crate) fn kind(&self) -> &'static str {
        match self {
            FieldValue::String(_) => "string",
            FieldValue::Number(_) => "number",
            FieldValue::Other(kind) => kind,
        }
    }
}

/// Why the body's fields could not be read.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum BodyError {
    /// The body is not valid UTF-8.
    InvalidUtf8,
    /// The body is not JSON; the byte offset of the first offending character.
    Syntax(usize),
    /// The body is JSON, but its top-level value is not an object.
    NotObject,
}

impl BodyError {
    /// A lowercase sentence for a verification reason.
    pub(crate) fn describe(self) -> String {
        match self {
            BodyError::InvalidUtf8 => "the body is not valid utf-8".to_owned(),
            BodyError::Syntax(offset) => format!("the body is not valid json (byte {offset})"),
            BodyError::NotObject => "the body is not a json object".to_owned(),
        }
    }
}

impl From<Stop> for BodyError {
    fn from(Stop(offset): Stop) -> Self {
        BodyError::Syntax(offset)
    }
}

/// Reads the top-level members named in `names` from the JSON object in `body`.
pub(crate) fn read_fields<const N: usize>(
    body: &[u8],
    names: [&str; N],
) -> Result<[Option<FieldValue>; N], BodyError> {
    let mut found: [Option<FieldValue>; N] = std::array::from_fn(|_| None);
    read_into(body, &names, &mut found)?;
    Ok(found)
}

/// Reads the top-level members named in `names` into the slots of `found` with the same
/// indices. One copy of the reader serves every number of names.
fn read_into(
    body: &[u8],
    names: &[&str],
    found: &mut [Option<FieldValue>],
) -> Result<(), BodyError> {
    if std::str::from_utf8(body).is_err() {
        return Err(BodyError::InvalidUtf8);
    }
    let mut reader = Reader { text: body, pos: 0 };
    reader.skip_whitespace();
    if reader.peek() != Some(b'{') {
        // Tell "not JSON" from "JSON, but not an object".
        return match reader.skip_value().and_then(|()| reader.finish()) {
            Ok(()) => Err(BodyError::NotObject),
            Err(error) => Err(error.into()),
        };
    }
    reader.pos += 1;
    reader.skip_whitespace();
    if !reader.eat(b'}') {
        loop {
            reader.skip_whitespace();
            let mut key = Vec::new();
            reader.string(Some(&mut key))?;
            reader.skip_whitespace();
            reader.expect(b':')?;
            reader.skip_whitespace();
            let slot = names
                .iter()
                .position(|name| name.as_bytes() == key.as_slice());
            let value = match reader.peek() {
                Some(b'"') => {
                    let mut text = Vec::new();
                    reader.string(Some(&mut text))?;
                    let text =
                        String::from_utf8(text).map_err(|_| BodyError::Syntax(reader.pos))?;
                    FieldValue::String(text)
                }
                Some(b'-' | b'0'..=b'9') => FieldValue::Number(reader.number()?.to_owned()),
                Some(b'{') => reader.skip_value().map(|()| FieldValue::Other("object"))?,
                Some(b'[') => reader.skip_value().map(|()| FieldValue::Other("array"))?,
                Some(b't' | b'f') => reader.skip_value().map(|()| FieldValue::Other("boolean"))?,
                _ => reader.skip_value().map(|()| FieldValue::Other("null"))?,
            };
            if let Some(entry) = slot.and_then(|index| found.get_mut(index)) {
                *entry = Some(value);
            }
            reader.skip_whitespace();
            if reader.eat(b'}') {
                break;
            }
            reader.expect(b',')?;
        }
    }
    Ok(reader.finish()?)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn one(body: &str, name: &str) -> Result<Option<FieldValue>, BodyError> {
        read_fields(body.as_bytes(), [name]).map(|[value]| value)
    }

    fn string(text: &str) -> Option<FieldValue> {
        Some(FieldValue::String(text.to_owned()))
    }

    #[test]
    fn reads_strings_with_escapes() {
        assert_eq!(
            one(r#"{"callback_id":"a\u0062"}"#, "callback_id"),
            Ok(string("ab"))
        );
        assert_eq!(
            one(r#"{"k":"\"\\\/\b\f\n\r\t\u00e9\u20AC"}"#, "k"),
            Ok(string("\"\\/\u{8}\u{c}\n\r\t\u{e9}\u{20ac}"))
        );
        assert_eq!(
            one(r#"{"k":"\ud83d\ude00 é 😀"}"#, "k"),
            Ok(string("😀 é 😀"))
        );
        assert_eq!(one(r#"{"k":"\ud83d"}"#, "k"), Ok(string("\u{fffd}")));
        assert_eq!(
            one(r#"{"k":"\ude00\ud83d!"}"#, "k"),
            Ok(string("\u{fffd}\u{fffd}!"))
        );
        assert_eq!(one(r#"{"k":"\ud83d\u0041"}"#, "k"), Ok(string("\u{fffd}A")));
        // An escaped key matches its decoded name.
        assert_eq!(one(r#"{"\u006b":"v"}"#, "k"), Ok(string("v")));
    }

    #[test]
    fn reads_numbers_and_kinds() {
        let body =
            br#" { "n" : -1.5e+3 , "o" : {"x":[1,{"y":null}]}, "a":[], "t":true, "z":null } "#;
        let [n, o, a, t, z, missing] =
            read_fields(body, ["n", "o", "a", "t", "z", "missing"]).unwrap();
        assert_eq!(n, Some(FieldValue::Number("-1.5e+3".to_owned())));
        assert_eq!(o, Some(FieldValue::Other("object")));
        assert_eq!(a, Some(FieldValue::Other("array")));
        assert_eq!(t, Some(FieldValue::Other("boolean")));
        assert_eq!(z, Some(FieldValue::Other("null")));
        assert_eq!(missing, None);
    }

    #[test]
    fn nested_members_are_not_top_level() {
        assert_eq!(one(r#"{"data":{"k":"inner"}}"#, "k"), Ok(None));
    }

    #[test]
    fn last_duplicate_wins() {
        assert_eq!(
            one(r#"{"k":"first","k":"second"}"#, "k"),
            Ok(string("second"))
        );
    }

    #[test]
    fn rejects_non_objects() {
        for body in [r#""text""#, "[1]", "1", "null", " true "] {
            assert_eq!(one(body, "k"), Err(BodyError::NotObject), "{body}");
        }
    }

    #[test]
    fn rejects_invalid_json() {
        for body in [
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
            assert!(
                matches!(one(body, "k"), Err(BodyError::Syntax(_))),
                "{body:?} should be a syntax error"
            );
        }
        assert_eq!(
            read_fields(b"{\"k\":\"\xff\"}", ["k"]),
            Err(BodyError::InvalidUtf8)
        );
    }

    #[test]
    fn deep_nesting_does_not_overflow() {
        let depth = 200_000;
        let mut body = String::from("{\"k\":");
        body.push_str(&"[".repeat(depth));
        body.push_str(&"]".repeat(depth));
        body.push_str(",\"id\":\"x\"}");
        assert_eq!(one(&body, "id"), Ok(string("x")));
        let unclosed = format!("{{\"k\":{}", "[".repeat(depth));
        assert!(matches!(one(&unclosed, "k"), Err(BodyError::Syntax(_))));
    }
}
