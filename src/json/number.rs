//! Numbers printed as ECMAScript `Number::toString` prints the double nearest to them.

/// How a number literal was written out.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Written {
    /// Copied as it is: the literal already is the ECMAScript form of its double.
    Verbatim,
    /// Printed from its double (the text changed; the value may have too).
    Formatted,
    /// Out of range of a double: written as `null`, as `JSON.stringify(Infinity)` is.
    Null,
}

/// Writes the literal `text` (already checked against the JSON number grammar) as V8's
/// `JSON.stringify(JSON.parse(text))` would. `int_digits` and `frac_digits` count the digits
/// before and after the decimal point; `has_exponent` tells whether an exponent part follows.
pub(super) fn write(
    text: &[u8],
    int_digits: usize,
    frac_digits: usize,
    has_exponent: bool,
    out: &mut Vec<u8>,
) -> Written {
    if is_canonical(text, int_digits, frac_digits, has_exponent) {
        out.extend_from_slice(text);
        return Written::Verbatim;
    }
    let value = super::float::parse(text);
    if !value.is_finite() {
        out.extend_from_slice(b"null");
        return Written::Null;
    }
    let mut buffer = ryu_js::Buffer::new();
    out.extend_from_slice(buffer.format_finite(value).as_bytes());
    Written::Formatted
}

/// True when the literal is exactly what `Number::toString` prints for its double.
///
/// That holds for a plain decimal (no exponent, no trailing fractional zero, not `-0`) with at
/// most 15 significant digits and a value at or above 1e-6: a double tells apart every
/// 15-digit decimal, so the shortest round-tripping digits are the literal's own, and in that
/// range ECMAScript uses positional notation.
fn is_canonical(text: &[u8], int_digits: usize, frac_digits: usize, has_exponent: bool) -> bool {
    if has_exponent || int_digits + frac_digits > 15 {
        return false;
    }
    let negative = text[0] == b'-';
    let int_start = usize::from(negative);
    let int_is_zero = text[int_start] == b'0';
    if frac_digits == 0 {
        return !(negative && int_is_zero);
    }
    if text[text.len() - 1] == b'0' {
        return false;
    }
    if !int_is_zero {
        return true;
    }
    let frac = &text[int_start + 2..];
    let leading_zeros = frac.iter().take_while(|&&d| d == b'0').count();
    leading_zeros <= 5
}

/// The exact value of a decimal number text: sign, and `0.d1d2… × 10^exponent` with the
/// significant digits `d1d2…` without leading or trailing zeros. Zero has no digits.
#[derive(Debug, PartialEq, Eq)]
pub(super) struct Decimal {
    pub(super) negative: bool,
    pub(super) digits: Vec<u8>,
    pub(super) exponent: i64,
}

/// Reads the exact value of a number in JSON or ECMAScript notation (`-1.5e+21`).
pub(super) fn exact_value(text: &[u8]) -> Decimal {
    let negative = text.first() == Some(&b'-');
    let body = &text[usize::from(negative)..];
    let (mantissa, exponent_text) = match body.iter().position(|&b| b == b'e' || b == b'E') {
        Some(i) => (&body[..i], &body[i + 1..]),
        None => (body, &b""[..]),
    };
    let (int, frac) = match mantissa.iter().position(|&b| b == b'.') {
        Some(i) => (&mantissa[..i], &mantissa[i + 1..]),
        None => (mantissa, &b""[..]),
    };
    let exponent = parse_exponent(exponent_text);
    let all: Vec<u8> = int.iter().chain(frac).copied().collect();
    let leading = all.iter().take_while(|&&d| d == b'0').count();
    let trailing = all[leading..]
        .iter()
        .rev()
        .take_while(|&&d| d == b'0')
        .count();
    let digits = all[leading..all.len() - trailing].to_vec();
    if digits.is_empty() {
        return Decimal {
            negative: false,
            digits,
            exponent: 0,
        };
    }
    Decimal {
        negative,
        digits,
        exponent: exponent.saturating_add(int.len() as i64 - leading as i64),
    }
}

/// Reads an exponent (`+21`, `-7`, `400`), saturating far beyond any double's range.
fn parse_exponent(text: &[u8]) -> i64 {
    let (negative, digits) = match text.first() {
        Some(b'-') => (true, &text[1..]),
        Some(b'+') => (false, &text[1..]),
        _ => (false, text),
    };
    let magnitude = digits.iter().fold(0i64, |value, &d| {
        (value * 10 + i64::from(d - b'0')).min(1_000_000_000_000)
    });
    if negative {
        -magnitude
    } else {
        magnitude
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn normalized(literal: &str) -> (String, Written) {
        let text = literal.as_bytes();
        let body = &text[usize::from(text[0] == b'-')..];
        let mantissa_end = body
            .iter()
            .position(|&b| b == b'e' || b == b'E')
            .unwrap_or(body.len());
        let point = body[..mantissa_end].iter().position(|&b| b == b'.');
        let int_digits = point.unwrap_or(mantissa_end);
        let frac_digits = point.map_or(0, |p| mantissa_end - p - 1);
        let mut out = Vec::new();
        let written = write(
            text,
            int_digits,
            frac_digits,
            mantissa_end < body.len(),
            &mut out,
        );
        (String::from_utf8(out).unwrap(), written)
    }

    #[test]
    fn numbers_print_as_ecmascript_does() {
        let cases = [
            ("1.10", "1.1"),
            ("1E2", "100"),
            ("1e21", "1e+21"),
            ("1e-7", "1e-7"),
            ("0.000001", "0.000001"),
            ("0.0000001", "1e-7"),
            ("-0", "0"),
            ("-0.0e5", "0"),
            ("12345678901234567890", "12345678901234567000"),
            ("1e400", "null"),
            ("-1e400", "null"),
            ("1e-400", "0"),
            ("123456789012345", "123456789012345"),
            ("1234567890123456", "1234567890123456"),
            ("0.1", "0.1"),
            ("100000000000000000000", "100000000000000000000"),
            ("-12.5", "-12.5"),
        ];
        for (literal, expected) in cases {
            assert_eq!(normalized(literal).0, expected, "literal {literal}");
        }
        assert_eq!(normalized("50.25").1, Written::Verbatim);
        assert_eq!(normalized("1e400").1, Written::Null);
    }

    #[test]
    fn exact_values_compare_decimals_not_text() {
        assert_eq!(exact_value(b"1.10"), exact_value(b"1.1"));
        assert_eq!(exact_value(b"1E2"), exact_value(b"100"));
        assert_eq!(
            exact_value(b"1e+21"),
            exact_value(b"1000000000000000000000")
        );
        assert_eq!(exact_value(b"-0.0"), exact_value(b"0"));
        assert_eq!(exact_value(b"0.000120"), exact_value(b"1.2e-4"));
        assert_ne!(
            exact_value(b"12345678901234567890"),
            exact_value(b"12345678901234567000")
        );
        assert_ne!(exact_value(b"-1"), exact_value(b"1"));
    }
}
