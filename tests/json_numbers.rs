//! Numbers that are not already in their ECMAScript form go through the JSON engine's own
//! decimal-to-double parser (`src/json/float.rs`): it must read the double the standard
//! library's correctly rounded parser reads, on the edges of the double range, on random
//! decimals of up to 900 digits, and on exact halfway points between doubles (normal and
//! subnormal, up to 770 digits) and a hair to either side of them.

mod common;

use common::Rng;
use crypto_checkout::json;
/// Checks that `text`, forced through the parser with an exponent (`e0` when it has none),
/// normalizes to the
/// ECMAScript form of the double the standard library's correctly rounded parser reads
/// (distinct doubles print distinct shortest forms; beyond the range, `null`).
fn check(text: &str) {
    let value: f64 = text.parse().unwrap();
    let expected = if value.is_finite() {
        ryu_js::Buffer::new().format_finite(value).to_owned()
    } else {
        "null".to_owned()
    };
    let literal = if text.contains('e') {
        text.to_owned()
    } else {
        format!("{text}e0")
    };
    assert_eq!(
        json::normalize(&literal).as_deref(),
        Ok(expected.as_str()),
        "{text}"
    );
}

#[test]
fn edges_of_the_double_range() {
    for text in [
        "0", "-0", "1", "-1", "0.1", "1e22", "1e23", "9007199254740993",
        "1.7976931348623157e308", "1.7976931348623158e308", "1.7976931348623159e308",
        "-1.7976931348623159e308", "2.2250738585072011e-308", "2.2250738585072014e-308",
        "4.9406564584124654e-324", "2.4703282292062327e-324", "2.4703282292062328e-324",
        "7.4109846876186982e-324", "1e-324", "3e-324", "1e-400", "1e400", "123456789e-330",
        "12345678901234567890", "0.000000000000000000000000000000001",
        "2.2250738585072012e-308", "179769313486231580793728971405303415079934132710037826936173778980444968292764750946649017977587207096330286416692887910946555547851940402630657488671505820681908902000708383676273854845817711531764475730270069855571366959622842914819860834936475292719074168444365510704342711559699508093042880177904174497791.9999999999999999999999999999999999999999999999999999999999999999999999",
    ] {
        check(text);
    }
}

/// Halfway points between neighbouring doubles, exactly, and a hair to either side: the
/// cases that only exact arithmetic rounds right.
#[test]
fn halfway_points_round_to_even() {
    let mut random = Rng(0x2545_F491_4F6C_DD1D);
    for _ in 0..20_000 {
        // (2m + 1) × 2^(e - 1) with a 53-bit m and -20 <= e <= 10, written exactly.
        let m = (1u128 << 52) | u128::from(random.below(1 << 52));
        let e = random.below(31) as i32 - 20;
        let odd = 2 * m + 1;
        let text = if e >= 1 {
            (odd << (e - 1)).to_string()
        } else {
            // odd × 2^(e-1) = odd × 5^(1-e) / 10^(1-e).
            let places = (1 - e) as usize;
            let digits = (odd * 5u128.pow(places as u32)).to_string();
            let (int, frac) = digits.split_at(digits.len() - places);
            format!("{}.{frac}", if int.is_empty() { "0" } else { int })
        };
        check(&text);
        check(&format!("{text}000000000000000000001"));
        let last = text.len() - 1;
        if text.as_bytes()[last] > b'1' {
            let below = format!("{}{}", &text[..last], char::from(text.as_bytes()[last] - 1));
            check(&below);
        }
    }
}

/// `odd × 2^-places` written out exactly, as decimal digits multiplied by five `places`
/// times (`odd × 5^places / 10^places`).
fn exact_binary_fraction(odd: u64, places: usize) -> String {
    let mut digits: Vec<u8> = odd.to_string().bytes().map(|d| d - b'0').collect();
    for _ in 0..places {
        let mut carry = 0;
        for digit in digits.iter_mut().rev() {
            let product = *digit * 5 + carry;
            *digit = product % 10;
            carry = product / 10;
        }
        if carry > 0 {
            digits.insert(0, carry);
        }
    }
    let text: String = digits.iter().map(|&d| char::from(b'0' + d)).collect();
    let padded = format!(
        "{}{text}",
        "0".repeat((places + 1).saturating_sub(text.len()))
    );
    let (int, frac) = padded.split_at(padded.len() - places);
    format!("{int}.{frac}")
}

/// Halfway points among subnormals and the smallest normal doubles, where the precision
/// shrinks: each written exactly (up to 770 digits), and a hair to either side.
#[test]
fn halfway_points_of_tiny_doubles_round_to_even() {
    let mut random = Rng(0x0123_4567_89AB_CDEF);
    for case in 0..150u64 {
        let (odd, places) = match case % 3 {
            // Between subnormals n and n + 1: (2n + 1) × 2^-1075.
            0 => (2 * random.below(1 << 52) + 1, 1075),
            // Next to the smallest normal double.
            1 => (2 * ((1 << 52) - 1 - random.below(4)) + 1, 1075),
            // Normal doubles just above it: (2m + 1) × 2^(e - 1).
            _ => (
                2 * ((1 << 52) | random.below(1 << 52)) + 1,
                1075 - random.below(60) as usize,
            ),
        };
        let text = exact_binary_fraction(odd, places);
        check(&text);
        check(&format!("{text}1"));
        check(&exact_binary_fraction(odd - 1, places));
    }
    check(&exact_binary_fraction(1, 1075));
    check(&exact_binary_fraction(3, 1075));
}

#[test]
fn random_decimals_match_the_standard_library() {
    let mut random = Rng(0x9E37_79B9_7F4A_7C15);
    for _ in 0..200_000 {
        let length = match random.below(10) {
            0 => 1 + random.below(900),
            1..=3 => 16 + random.below(10),
            _ => 1 + random.below(20),
        };
        let digits: String = (0..length)
            .map(|i| {
                let low = u64::from(i == 0);
                char::from(b'0' + (low + random.below(10 - low)) as u8)
            })
            .collect();
        let exponent = random.below(700) as i64 - 360;
        let point = random.below(length + 1) as usize;
        let (int, frac) = digits.split_at(point);
        let int = if int.is_empty() { "0" } else { int };
        let text = if frac.is_empty() {
            format!("{int}e{exponent}")
        } else {
            format!("{int}.{frac}e{exponent}")
        };
        check(&text);
    }
}
