//! The double nearest to a decimal number (ties to even), as `JSON.parse` reads numbers.
//!
//! The standard library's parser is correctly rounded too, but brings a 10 KB table of powers
//! of five into every WebAssembly module. Numbers whose text already is their ECMAScript form
//! never get here (see `number::write`), so this path is rare, and it favours size over
//! speed: an exact fast path for up to 15 digits and a power of ten up to 1e22, and otherwise
//! exact big-integer arithmetic.

use super::number::exact_value;

/// Significant digits beyond this many only decide ties, which a sticky bit does for them:
/// the exact halfway point between two doubles has at most 767 significant digits.
const MAX_DIGITS: usize = 800;

/// The exact powers of ten of a double.
const POWERS_OF_TEN: [f64; 23] = [
    1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15, 1e16,
    1e17, 1e18, 1e19, 1e20, 1e21, 1e22,
];

/// The double nearest to the number `text` (JSON or ECMAScript notation), infinite beyond the
/// largest double.
pub(super) fn parse(text: &[u8]) -> f64 {
    let decimal = exact_value(text);
    let magnitude = magnitude(&decimal.digits, decimal.exponent);
    if text.first() == Some(&b'-') {
        -magnitude
    } else {
        magnitude
    }
}

/// The double nearest to `0.d1d2… × 10^exponent`: `digits` are the ASCII digits `d1d2…`,
/// without leading or trailing zeros (none for zero).
fn magnitude(digits: &[u8], exponent: i64) -> f64 {
    if digits.is_empty() || exponent < -323 {
        // Below 1e-324: less than half the smallest subnormal.
        return 0.0;
    }
    if exponent > 309 {
        // At least 1e309.
        return f64::INFINITY;
    }
    // The value is `integer × 10^scale`.
    let scale = exponent - digits.len() as i64;
    if digits.len() <= 15 && scale.unsigned_abs() <= 22 {
        // Both operands are exact doubles, so the one rounding is the correct one.
        let integer = digits
            .iter()
            .fold(0u64, |value, &d| value * 10 + u64::from(d - b'0')) as f64;
        let power = POWERS_OF_TEN[scale.unsigned_abs() as usize];
        return if scale < 0 {
            integer / power
        } else {
            integer * power
        };
    }
    let kept = digits.len().min(MAX_DIGITS);
    let truncated = kept < digits.len();
    let scale = scale + (digits.len() - kept) as i64;
    let mut integer = Big::from_digits(&digits[..kept]);
    if scale >= 0 {
        // integer × 5^scale × 2^scale, exactly; then its top 64 bits.
        integer.multiply_by_power_of_five(scale as u32);
        let (top, shift, inexact) = integer.top_bits();
        round(top, i64::from(shift) + scale, inexact || truncated)
    } else {
        // integer / 5^-scale × 2^scale, as a quotient of 55 or 56 bits: the integer or the
        // divisor shifted left by the bits that makes, and the exponent moved to match.
        let mut divisor = Big::from_digits(b"1");
        divisor.multiply_by_power_of_five(scale.unsigned_abs() as u32);
        let shift = 55 + i64::from(divisor.bit_length()) - i64::from(integer.bit_length());
        if shift >= 0 {
            integer.shift_left(shift as u32);
        } else {
            divisor.shift_left(shift.unsigned_abs() as u32);
        }
        let (quotient, remainder) = integer.divide(&divisor);
        round(quotient, scale - shift, remainder || truncated)
    }
}

/// The double nearest to `(mantissa + ε) × 2^exponent`, where `ε` is in `[0, 1)` and nonzero
/// exactly when `inexact`. `mantissa` holds at least 55 bits whenever `inexact`.
fn round(mantissa: u64, exponent: i64, inexact: bool) -> f64 {
    if mantissa == 0 {
        return 0.0;
    }
    let length = i64::from(64 - mantissa.leading_zeros());
    // The value lies in [2^top, 2^(top + 1)).
    let top = length - 1 + exponent;
    if top > 1023 {
        return f64::INFINITY;
    }
    // Bits a double keeps: 53, fewer below the normal range.
    let precision = if top >= -1022 { 53 } else { top + 1075 };
    let dropped = length - precision;
    if dropped <= 0 {
        return compose(mantissa, exponent);
    }
    if dropped > 64 {
        // Less than a quarter of the smallest subnormal.
        return 0.0;
    }
    let kept = if dropped == 64 {
        0
    } else {
        mantissa >> dropped
    };
    let half = (mantissa >> (dropped - 1)) & 1 == 1;
    let below_half = mantissa & ((1u64 << (dropped - 1)) - 1) != 0 || inexact;
    let round_up = half && (below_half || kept & 1 == 1);
    compose(kept + u64::from(round_up), exponent + dropped)
}

/// The double `mantissa × 2^exponent`, which is one (or beyond the largest: infinity).
fn compose(mantissa: u64, exponent: i64) -> f64 {
    if mantissa == 0 {
        return 0.0;
    }
    let length = i64::from(64 - mantissa.leading_zeros());
    let top = length - 1 + exponent;
    if top > 1023 {
        return f64::INFINITY;
    }
    if top >= -1022 {
        // 53 bits, the leading one implicit. A carry of the rounding (54 bits) drops a zero.
        let mantissa = if length > 53 {
            mantissa >> (length - 53)
        } else {
            mantissa << (53 - length)
        };
        let biased = (top + 1023) as u64;
        f64::from_bits(biased << 52 | (mantissa & ((1 << 52) - 1)))
    } else {
        // Subnormal: the bits are the mantissa in units of 2^-1074.
        f64::from_bits(mantissa << (exponent + 1074))
    }
}

/// A non-negative integer, as 32-bit limbs, least significant first.
struct Big(Vec<u32>);

impl Big {
    /// The integer of ASCII `digits`.
    fn from_digits(digits: &[u8]) -> Self {
        let mut big = Big(Vec::with_capacity(digits.len() / 9 + 2));
        for chunk in digits.chunks(9) {
            let value = chunk
                .iter()
                .fold(0u32, |v, &d| v * 10 + u32::from(d - b'0'));
            big.multiply_add(10u32.pow(chunk.len() as u32), value);
        }
        big
    }

    /// `self = self × factor + addend`.
    fn multiply_add(&mut self, factor: u32, addend: u32) {
        let mut carry = u64::from(addend);
        for limb in &mut self.0 {
            let product = u64::from(*limb) * u64::from(factor) + carry;
            *limb = product as u32;
            carry = product >> 32;
        }
        if carry != 0 {
            self.0.push(carry as u32);
        }
    }

    fn multiply_by_power_of_five(&mut self, mut power: u32) {
        // 5^13 is the largest power of five below 2^32.
        while power >= 13 {
            self.multiply_add(1_220_703_125, 0);
            power -= 13;
        }
        self.multiply_add(5u32.pow(power), 0);
    }

    fn bit_length(&self) -> u32 {
        self.0
            .iter()
            .rposition(|&limb| limb != 0)
            .map_or(0, |i| i as u32 * 32 + 32 - self.0[i].leading_zeros())
    }

    fn shift_left(&mut self, bits: u32) {
        let (limbs, bits) = ((bits / 32) as usize, bits % 32);
        if bits != 0 {
            let mut carry = 0;
            for limb in &mut self.0 {
                let shifted = u64::from(*limb) << bits | carry;
                *limb = shifted as u32;
                carry = shifted >> 32;
            }
            if carry != 0 {
                self.0.push(carry as u32);
            }
        }
        self.0.splice(0..0, std::iter::repeat_n(0, limbs));
    }

    /// The top 64 bits (all of them when fewer), how many bits below them were dropped, and
    /// whether any of those was set.
    fn top_bits(&self) -> (u64, u32, bool) {
        let length = self.bit_length();
        let shift = length.saturating_sub(64);
        let bit = |i: u32| self.0[(i / 32) as usize] >> (i % 32) & 1;
        let top = (shift..length)
            .rev()
            .fold(0u64, |v, i| v << 1 | u64::from(bit(i)));
        let inexact = (0..shift).any(|i| bit(i) == 1);
        (top, shift, inexact)
    }

    /// `(self / divisor, whether a remainder is left)`, for a quotient below 2^64.
    fn divide(mut self, divisor: &Big) -> (u64, bool) {
        let mut quotient = 0u64;
        let span = self.bit_length().saturating_sub(divisor.bit_length());
        debug_assert!(span < 64, "the quotient fits 64 bits");
        for bit in (0..=span).rev() {
            let mut shifted = Big(divisor.0.clone());
            shifted.shift_left(bit);
            if self.at_least(&shifted) {
                self.subtract(&shifted);
                quotient |= 1 << bit;
            }
        }
        (quotient, self.bit_length() != 0)
    }

    fn at_least(&self, other: &Big) -> bool {
        let (a, b) = (self.bit_length(), other.bit_length());
        if a != b {
            return a > b;
        }
        let limbs = a.div_ceil(32) as usize;
        for i in (0..limbs).rev() {
            if self.0[i] != other.0[i] {
                return self.0[i] > other.0[i];
            }
        }
        true
    }

    /// `self -= other`, where `self >= other`.
    fn subtract(&mut self, other: &Big) {
        let mut borrow = 0i64;
        for (i, limb) in self.0.iter_mut().enumerate() {
            let difference =
                i64::from(*limb) - i64::from(other.0.get(i).copied().unwrap_or(0)) - borrow;
            *limb = difference.rem_euclid(1 << 32) as u32;
            borrow = i64::from(difference < 0);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parsed(text: &str) -> f64 {
        parse(text.as_bytes())
    }

    /// xorshift64*, so that failures reproduce.
    struct Random(u64);

    impl Random {
        fn next(&mut self) -> u64 {
            self.0 ^= self.0 >> 12;
            self.0 ^= self.0 << 25;
            self.0 ^= self.0 >> 27;
            self.0.wrapping_mul(0x2545_F491_4F6C_DD1D)
        }

        fn below(&mut self, n: u64) -> u64 {
            self.next() % n
        }
    }

    /// Checks `text` against the standard library's correctly rounded parser.
    fn check(text: &str) {
        let expected: f64 = text.parse().unwrap();
        let actual = parsed(text);
        assert_eq!(
            actual.to_bits(),
            expected.to_bits(),
            "{text}: {actual:e} vs {expected:e}"
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
        assert_eq!(parsed("-0").to_bits(), (-0.0f64).to_bits());
    }

    /// Halfway points between neighbouring doubles, exactly, and a hair to either side: the
    /// cases that only exact arithmetic rounds right.
    #[test]
    fn halfway_points_round_to_even() {
        let mut random = Random(0x2545_F491_4F6C_DD1D);
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
        let mut random = Random(0x0123_4567_89AB_CDEF);
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
        let mut random = Random(0x9E37_79B9_7F4A_7C15);
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
}
