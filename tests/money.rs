//! Checks `Amount` against `tests/vectors/money/vectors.json`, computed by Python's `decimal`
//! module (`make_vectors.py` beside it): one test per section, a failure listing every
//! failing vector by index. Then properties over amounts from a seeded generator: no
//! operation gains or loses a digit.

mod common;
use common::Rng;
use std::cmp::Ordering;
use std::path::PathBuf;
use std::sync::OnceLock;

use crypto_checkout::payment::money::{Amount, AmountError};
use serde_json::Value;

fn vectors() -> &'static Value {
    static VECTORS: OnceLock<Value> = OnceLock::new();
    VECTORS.get_or_init(|| {
        let path =
            PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/vectors/money/vectors.json");
        let text =
            std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
        serde_json::from_str(&text).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
    })
}

/// Runs `check` on every vector of `section`, panicking with the list of failures.
fn check_section(section: &str, check: impl Fn(&Value) -> Result<(), String>) {
    let cases = vectors()[section]
        .as_array()
        .unwrap_or_else(|| panic!("no {section} section"));
    assert!(!cases.is_empty(), "{section}: no vectors");
    let failures: Vec<String> = cases
        .iter()
        .enumerate()
        .filter_map(|(index, case)| {
            check(case)
                .err()
                .map(|problem| format!("{section}[{index}] {case}: {problem}"))
        })
        .collect();
    common::assert_all_passed(&failures, cases.len(), "vectors");
}

fn text<'a>(case: &'a Value, key: &str) -> Result<&'a str, String> {
    case[key]
        .as_str()
        .ok_or_else(|| format!("no string `{key}`"))
}

fn amount(case: &Value, key: &str) -> Result<Amount, String> {
    let text = text(case, key)?;
    Amount::parse(text).map_err(|e| format!("`{key}` does not parse: {e}"))
}

fn expect(what: &str, got: impl ToString, want: &str) -> Result<(), String> {
    let got = got.to_string();
    if got == want {
        Ok(())
    } else {
        Err(format!("{what}: got `{got}`, want `{want}`"))
    }
}

#[test]
fn parse_and_display() {
    check_section("parse", |case| {
        let input = text(case, "text")?;
        let result = Amount::parse(input);
        if let Some(code) = case["error"].as_str() {
            return match result {
                Ok(amount) => Err(format!("read as {amount}, want error {code}")),
                Err(error) => expect("error", error.code(), code),
            };
        }
        let amount = result.map_err(|e| format!("error: {e}"))?;
        expect("display", &amount, text(case, "display")?)?;
        expect("normalized", amount.normalized(), text(case, "normalized")?)?;
        expect("scale", amount.scale(), &case["scale"].to_string())?;
        expect(
            "negative",
            amount.is_negative(),
            &case["negative"].to_string(),
        )?;
        expect("zero", amount.is_zero(), &case["zero"].to_string())
    });
}

#[test]
fn arithmetic() {
    check_section("arithmetic", |case| {
        let (a, b) = (amount(case, "a")?, amount(case, "b")?);
        expect("a + b", a.add(&b), text(case, "add")?)?;
        expect("a - b", a.sub(&b), text(case, "sub")?)?;
        expect("a × b", a.mul(&b), text(case, "mul")?)?;
        expect("b% of a", a.percent(&b), text(case, "percent")?)?;
        let want = match case["compare"].as_i64() {
            Some(-1) => Ordering::Less,
            Some(0) => Ordering::Equal,
            Some(1) => Ordering::Greater,
            other => return Err(format!("bad compare {other:?}")),
        };
        expect("compare", format!("{:?}", a.cmp(&b)), &format!("{want:?}"))?;
        expect("a == b", a == b, &(want == Ordering::Equal).to_string())?;
        expect("a < b", a < b, &(want == Ordering::Less).to_string())
    });
}

#[test]
fn to_atomic() {
    check_section("to_atomic", |case| {
        let amount = amount(case, "amount")?;
        let decimals = case["decimals"]
            .as_u64()
            .and_then(|decimals| u32::try_from(decimals).ok())
            .ok_or("no decimals")?;
        match (amount.to_atomic(decimals), case["error"].as_str()) {
            (Ok(atomic), None) => expect("atomic", atomic, text(case, "atomic")?),
            (Err(error), Some(code)) => expect("error", error.code(), code),
            (Ok(atomic), Some(code)) => Err(format!("got {atomic}, want error {code}")),
            (Err(error), None) => Err(format!("error: {error}")),
        }
    });
}

#[test]
fn error_messages_name_the_problem() {
    let message = |text: &str| Amount::parse(text).unwrap_err().to_string();
    assert_eq!(message("1,5"), "`1,5` is not a decimal number");
    assert_eq!(message(""), "amount is empty");
    assert_eq!(message(&"9".repeat(81)), "amount has more than 80 digits");
    assert_eq!(message("1e81"), "amount has an exponent beyond ±80");
    assert_eq!(message("1\n"), "`1\\n` is not a decimal number");
    assert_eq!(
        message(&"x".repeat(100)),
        format!("`{}…` is not a decimal number", "x".repeat(40))
    );
    let amount = Amount::parse("1.25").unwrap();
    assert_eq!(
        amount.to_atomic(1).unwrap_err().to_string(),
        "amount has more than 1 decimals"
    );
    assert_eq!(
        amount.sub(&Amount::parse("2").unwrap()).to_atomic(8),
        Err(AmountError::Negative)
    );
    assert_eq!(
        amount.to_atomic(256).unwrap_err().to_string(),
        "amount cannot be written with 256 decimals (at most 255)"
    );
}

#[test]
fn zero_constructors() {
    assert_eq!(Amount::zero().to_string(), "0");
    assert_eq!(Amount::zero_with_scale(3).to_string(), "0.000");
    assert!(Amount::zero_with_scale(3).is_zero());
    assert_eq!(Amount::zero_with_scale(3), Amount::zero());
}

impl Rng {
    /// A length from 1 to 40, short more often than long.
    fn length(&mut self) -> u64 {
        let bound = if self.below(2) == 0 { 4 } else { 40 };
        1 + self.below(bound)
    }

    /// An amount's text: up to 40 integer and 40 fraction digits, sometimes an exponent up
    /// to ±40 (so at most 80 digits in all).
    fn amount_text(&mut self) -> String {
        let mut text = String::new();
        if self.below(3) == 0 {
            text.push('-');
        }
        let integer = self.length();
        text += &self.digits(integer);
        if self.below(3) > 0 {
            let fraction = self.length();
            text.push('.');
            text += &self.digits(fraction);
        }
        if self.below(5) == 0 {
            let sign = ["", "+", "-"][self.below(3) as usize];
            text += &format!("e{sign}{}", self.below(41));
        }
        text
    }

    fn amount(&mut self) -> Amount {
        let text = self.amount_text();
        Amount::parse(&text).unwrap_or_else(|e| panic!("{text}: {e}"))
    }
}

/// Same value, same scale, same text.
fn assert_identical(got: &Amount, want: &Amount, what: &str) {
    assert_eq!(
        (got.to_string(), got.scale()),
        (want.to_string(), want.scale()),
        "{what}"
    );
}

#[test]
fn no_operation_gains_or_loses_a_digit() {
    let mut rng = Rng(0x005e_ed0f_a11d_1615);
    for _ in 0..5_000 {
        let (a, b) = (rng.amount(), rng.amount());
        let case = format!("a = {a}, b = {b}");

        let reread = Amount::parse(&a.to_string()).unwrap();
        assert_identical(&reread, &a, &format!("parse(display(a)), {case}"));

        let sum = a.add(&b);
        assert_eq!(sum.scale(), a.scale().max(b.scale()), "{case}");
        assert_identical(&sum, &b.add(&a), &format!("a + b = b + a, {case}"));
        let back = sum.sub(&b);
        assert_eq!(back, a, "(a + b) - b = a, {case}");
        assert_identical(&back.normalized(), &a.normalized(), &case);
        assert!(a.sub(&a).is_zero(), "{case}");
        assert_eq!(
            a.sub(&b),
            b.sub(&a).mul(&Amount::parse("-1").unwrap()),
            "{case}"
        );

        let product = a.mul(&b);
        assert_eq!(product.scale(), a.scale() + b.scale(), "{case}");
        assert_identical(&product, &b.mul(&a), &format!("a × b = b × a, {case}"));
        assert_identical(
            &a.mul(&Amount::parse("1").unwrap()),
            &a,
            &format!("a × 1 = a, {case}"),
        );
        assert_eq!(a.percent(&Amount::parse("100").unwrap()), a, "{case}");

        assert_eq!(a.cmp(&b), b.cmp(&a).reverse(), "{case}");
        let difference = a.sub(&b);
        let sign = if difference.is_zero() {
            Ordering::Equal
        } else if difference.is_negative() {
            Ordering::Less
        } else {
            Ordering::Greater
        };
        assert_eq!(a.cmp(&b), sign, "{case}");

        let normalized = a.normalized();
        assert_eq!(normalized, a, "{case}");
        assert!(
            normalized.scale() == 0 || !normalized.to_string().ends_with('0'),
            "normalized {normalized}, {case}"
        );

        let magnitude = if a.is_negative() {
            a.mul(&Amount::parse("-1").unwrap())
        } else {
            a.clone()
        };
        let atomic = magnitude.to_atomic(magnitude.scale()).unwrap();
        let unscaled = magnitude.to_string().replace('.', "");
        let unscaled = unscaled.trim_start_matches('0');
        assert_eq!(
            atomic,
            if unscaled.is_empty() { "0" } else { unscaled },
            "{case}"
        );
    }
}

#[test]
fn hostile_text_is_refused_or_read_in_one_pass() {
    let huge = "9".repeat(1_000_000);
    assert_eq!(Amount::parse(&huge), Err(AmountError::TooManyDigits));
    let exponent = format!("1e{}", "9".repeat(1_000_000));
    assert_eq!(
        Amount::parse(&exponent),
        Err(AmountError::ExponentOutOfRange)
    );
    let tiny = format!("0.{}1", "0".repeat(1_000_000));
    assert_eq!(Amount::parse(&tiny), Err(AmountError::TooManyDigits));
    let padded = format!("{}1.5e{}1", "0".repeat(1_000_000), "0".repeat(1_000_000));
    assert_eq!(Amount::parse(&padded).unwrap().to_string(), "15");
    let many_decimals = Amount::parse("1").unwrap().to_atomic(u32::MAX);
    assert_eq!(
        many_decimals,
        Err(AmountError::DecimalsOutOfRange { decimals: u32::MAX })
    );
}
