//! JSON exactly as JavaScript sees it.
//!
//! - [`normalize`]: the bytes of `JSON.stringify(JSON.parse(text))` in V8, or an error where
//!   `JSON.parse` throws. Heropayments signs exactly these bytes.
//! - [`inspect`]: the same text plus a warning for every change a support engineer should know
//!   of: numbers that lost precision or were rewritten, keys reordered, duplicate keys dropped,
//!   strings whose escapes changed.
//! - [`canonicalize`]: RFC 8785 (JSON Canonicalization Scheme).
//!
//! All three run one iterative pass over the input (no recursion, so no stack overflow on deep
//! nesting) and accept [`Text`]: UTF-8 bytes (invalid sequences become U+FFFD, as Node's
//! `Buffer.toString('utf8')` does), a `&str`, or UTF-16 code units (a JavaScript string, which
//! may hold unpaired surrogates).
//!
//! ```
//! use crypto_checkout::json;
//! let text = br#"{"b": 1.10, "a": [1E2, "\u00e9"], "2": null}"#;
//! assert_eq!(json::normalize(&text[..]).unwrap(), r#"{"2":null,"b":1.1,"a":[100,"é"]}"#);
//! ```

mod engine;
mod float;
mod number;
pub(crate) mod reader;
mod source;
pub(crate) mod string;
pub mod value;

pub use crate::error::{JsonError, JsonErrorCode};
use engine::{Engine, Mode};

/// The deepest nesting of arrays and objects accepted; deeper input is a
/// [`JsonErrorCode::TooDeep`] error. (V8 parses deeper documents, but its `JSON.stringify`
/// throws a `RangeError` on them long before this depth.)
pub const MAX_DEPTH: usize = 10_000;

/// The most warnings [`inspect`] lists; it counts the rest in [`Inspection::omitted_warnings`].
pub const MAX_WARNINGS: usize = 1_000;

/// A JSON text to read: UTF-8 bytes or UTF-16 code units.
#[derive(Debug, Clone, Copy)]
pub enum Text<'a> {
    /// UTF-8 bytes; invalid sequences are replaced by U+FFFD before parsing.
    Utf8(&'a [u8]),
    /// UTF-16 code units, as in a JavaScript string; unpaired surrogates are kept.
    Utf16(&'a [u16]),
}

impl<'a> From<&'a [u8]> for Text<'a> {
    fn from(bytes: &'a [u8]) -> Self {
        Text::Utf8(bytes)
    }
}

impl<'a, const N: usize> From<&'a [u8; N]> for Text<'a> {
    fn from(bytes: &'a [u8; N]) -> Self {
        Text::Utf8(bytes)
    }
}

impl<'a> From<&'a Vec<u8>> for Text<'a> {
    fn from(bytes: &'a Vec<u8>) -> Self {
        Text::Utf8(bytes)
    }
}

impl<'a> From<&'a str> for Text<'a> {
    fn from(text: &'a str) -> Self {
        Text::Utf8(text.as_bytes())
    }
}

impl<'a> From<&'a String> for Text<'a> {
    fn from(text: &'a String) -> Self {
        Text::Utf8(text.as_bytes())
    }
}

impl<'a> From<&'a [u16]> for Text<'a> {
    fn from(units: &'a [u16]) -> Self {
        Text::Utf16(units)
    }
}

/// Returns `JSON.stringify(JSON.parse(text))` as V8 computes it, byte for byte.
pub fn normalize<'a>(text: impl Into<Text<'a>>) -> Result<String, JsonError> {
    normalize_utf8(text).map(into_string)
}

/// [`normalize`], as the UTF-8 bytes of the text: for callers that hash them, or decode them
/// anyway (the JavaScript binding's `TextDecoder`), and need no second check that they are
/// UTF-8.
pub fn normalize_utf8<'a>(text: impl Into<Text<'a>>) -> Result<Vec<u8>, JsonError> {
    let source = source::Source::new(text.into());
    Ok(Engine::new(&source, Mode::Normalize).run()?.text)
}

/// The engine's text as a `String`. It is UTF-8 by construction (the engine copies whole
/// characters of valid UTF-8 and writes ASCII), so the lossy branch is never taken.
fn into_string(text: Vec<u8>) -> String {
    String::from_utf8(text)
        .unwrap_or_else(|invalid| String::from_utf8_lossy(invalid.as_bytes()).into_owned())
}

/// Normalizes UTF-8 `bytes` like [`normalize_utf8`] and, in the same pass, reads the members
/// of a top-level object named in `names` exactly as [`value::parse_members`] reads them.
///
/// The members are `None` where `bytes` is not an object, or is one that
/// [`value::parse_members`] refuses (nesting deeper than [`value::MAX_VALUE_DEPTH`]).
pub fn normalize_keeping(
    bytes: &[u8],
    names: &[&str],
) -> Result<(Vec<u8>, Option<value::Value>), JsonError> {
    let source = source::Source::new(Text::Utf8(bytes));
    // The engine compares names with keys as it writes them: escaped as `JSON.stringify`
    // escapes them, which changes only names holding `"`, `\` or a control character.
    let (escaped, written): (Vec<String>, Vec<&str>);
    let plain = |name: &&str| !name.bytes().any(|b| b == b'"' || b == b'\\' || b < 0x20);
    let keys = if names.iter().all(plain) {
        names
    } else {
        escaped = names
            .iter()
            .map(|name| {
                let mut quoted = String::new();
                string::push_json_string(&mut quoted, name, false);
                quoted[1..quoted.len() - 1].to_owned()
            })
            .collect();
        written = escaped.iter().map(String::as_str).collect();
        &written
    };
    let output = Engine::new(&source, Mode::Normalize).keeping(keys).run()?;
    let kept = value::members_at(&source.bytes, names, &output.kept, output.deepest);
    Ok((output.text, kept))
}

/// Normalizes like [`normalize`] and reports what normalization changed.
pub fn inspect<'a>(text: impl Into<Text<'a>>) -> Result<Inspection, JsonError> {
    let source = source::Source::new(text.into());
    let output = Engine::new(&source, Mode::Inspect).run()?;
    Ok(Inspection {
        normalized: into_string(output.text),
        warnings: output.warnings,
        omitted_warnings: output.omitted_warnings,
    })
}

/// Returns the RFC 8785 canonical form: keys sorted by UTF-16 code units, numbers and strings
/// as ECMAScript prints them. Input outside I-JSON (duplicate keys, unpaired surrogates,
/// numbers beyond a double) is an error.
pub fn canonicalize<'a>(text: impl Into<Text<'a>>) -> Result<String, JsonError> {
    let source = source::Source::new(text.into());
    Ok(into_string(
        Engine::new(&source, Mode::Canonicalize).run()?.text,
    ))
}

/// The result of [`inspect`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Inspection {
    /// The normalized text, identical to what [`normalize`] returns.
    pub normalized: String,
    /// What normalization changed, in document order (at most [`MAX_WARNINGS`]).
    pub warnings: Vec<JsonWarning>,
    /// How many further warnings were found but not listed.
    pub omitted_warnings: usize,
}

/// One change that normalization made to the input.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct JsonWarning {
    /// What kind of change.
    pub kind: WarningKind,
    /// Where, as a JSONPath (`$.data.amount`, `$["odd key"][3]`).
    pub path: String,
    /// Byte offset in the input of the value (or key) concerned.
    pub offset: usize,
    /// 1-based line of `offset`.
    pub line: usize,
    /// 1-based column (in characters) of `offset`.
    pub column: usize,
    /// The input's text of what changed (shortened when long), where there is one.
    pub original: Option<String>,
    /// What it became (shortened when long), where there is one.
    pub normalized: Option<String>,
    /// A sentence for a support engineer.
    pub message: String,
}

/// The kinds of [`JsonWarning`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum WarningKind {
    /// A number whose value changed: precision lost (big integers, long decimals), or out of
    /// range (became `null` or `0`). Such amounts should be sent as strings.
    PrecisionLost,
    /// A number written differently with the same value (`1.10` → `1.1`, `1E2` → `100`).
    NumberRewritten,
    /// An object whose keys come out in another order (integer-like keys move first).
    KeysReordered,
    /// A key given twice: the earlier value was dropped, the last one kept.
    DuplicateKey,
    /// A string whose escapes changed (`\/` → `/`, `\u00e9` → `é`).
    StringRewritten,
}

impl WarningKind {
    /// The stable machine-readable name, as given to JavaScript.
    pub fn as_str(self) -> &'static str {
        match self {
            WarningKind::PrecisionLost => "precision_lost",
            WarningKind::NumberRewritten => "number_rewritten",
            WarningKind::KeysReordered => "keys_reordered",
            WarningKind::DuplicateKey => "duplicate_key",
            WarningKind::StringRewritten => "string_rewritten",
        }
    }
}
