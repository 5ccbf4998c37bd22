#!/usr/bin/env python3
"""Oracle for tests/money.rs: exact decimal arithmetic computed by Python's `decimal` module.

Writes vectors.json beside this script. The random generator is seeded, so a rerun writes the
same file. Usage (from the repository root): python3 tests/vectors/money/make_vectors.py

The model of an amount, from the crate's documentation of `Amount`:
- text is read by the grammar -?[0-9]+(\\.[0-9]+)?([eE][+-]?[0-9]+)? (a JSON number that may
  have leading zeros);
- the value is the Decimal of the text, with a positive exponent multiplied out (1E2 is 100,
  written with no decimals); the scale is the number of decimals (minus the exponent);
- the exponent is within +-80, and the plain text of the value has at most 80 digits, not
  counting the zero before the point of a value below 1; an empty text, a text off the
  grammar, too large an exponent and too many digits are four different errors, checked in
  that order;
- it prints as plain decimal text without exponent, keeping its decimals, and zero has no
  sign;
- sums and differences keep the larger scale, products add the scales, a percentage is
  a x p with the decimal point moved two places left (scale + 2);
- to_atomic(d) writes a x 10^d as an integer: an error when d > 255, when the amount is
  negative, or when a non-zero digit lies beyond d decimals (in that order).
"""

import decimal
import json
import random
import re
from decimal import Decimal
from pathlib import Path

MAX_DIGITS = 80
MAX_EXPONENT = 80
MAX_DECIMALS = 255
SEED = 20260115

# Far more precision than any case needs, and every inexact operation raises: a result that
# is not exact is a bug in this script, not a vector.
decimal.setcontext(
    decimal.Context(
        prec=5000,
        Emax=10**6,
        Emin=-(10**6),
        traps=[decimal.Inexact, decimal.Rounded, decimal.InvalidOperation],
    )
)

GRAMMAR = re.compile(r"(-?)([0-9]+)(?:\.([0-9]+))?(?:[eE][+-]?([0-9]+))?")


def read(text):
    """The amount `text` denotes, or the code of the error reading it."""
    if text == "":
        return "amount_empty"
    match = GRAMMAR.fullmatch(text)
    if match is None:
        return "amount_invalid"
    if int(match[4] or "0") > MAX_EXPONENT:
        return "amount_exponent_out_of_range"
    value = model(Decimal(text))
    integer, _, fraction = plain(value.copy_abs()).partition(".")
    if (0 if integer == "0" else len(integer)) + len(fraction) > MAX_DIGITS:
        return "amount_too_many_digits"
    return value


def model(value):
    """`value` with a positive exponent multiplied out."""
    if value.as_tuple().exponent > 0:
        return value.quantize(Decimal(1))
    return value


def plain(value):
    """Plain decimal text, without exponent and without the sign of a zero."""
    text = format(value, "f")
    return text.lstrip("-") if value.is_zero() else text


def scale(value):
    return -value.as_tuple().exponent


def atomic(value, decimals):
    if decimals > MAX_DECIMALS:
        return {"error": "amount_decimals_out_of_range"}
    if value < 0:
        return {"error": "amount_negative"}
    units = value.scaleb(decimals)
    if units != units.to_integral_value():
        return {"error": "amount_too_precise"}
    return {"atomic": str(int(units))}


def digits(rng, count, first_nonzero=False):
    text = "".join(rng.choice("0123456789") for _ in range(count))
    if first_nonzero and count > 0:
        text = rng.choice("123456789") + text[1:]
    return text


def random_text(rng):
    """A valid amount text: small and large, tiny and precise, exponents, leading zeros."""
    kind = rng.random()
    if kind < 0.15:
        integer = "0"
    elif kind < 0.6:
        integer = digits(rng, rng.randint(1, 6), first_nonzero=True)
    elif kind < 0.9:
        integer = digits(rng, rng.randint(7, 40), first_nonzero=True)
    else:
        integer = "0" * rng.randint(1, 3) + digits(rng, rng.randint(1, 5))
    room = MAX_DIGITS - len(integer)
    fraction = ""
    if rng.random() < 0.65:
        length = rng.choice([1, 2, 2, 3, 6, 8, 8, 9, 18, 18, rng.randint(1, room)])
        fraction = digits(rng, min(length, room))
        if rng.random() < 0.2 and len(fraction) < room:
            fraction += "0" * rng.randint(1, room - len(fraction))
    sign = "-" if rng.random() < 0.3 else ""
    text = sign + integer + ("." + fraction if fraction else "")
    if rng.random() < 0.2:
        exponent = str(rng.choice([0, 1, 2, 7, 18, rng.randint(0, MAX_EXPONENT)]))
        if rng.random() < 0.15:
            exponent = "0" * rng.randint(1, 3) + exponent
        text += rng.choice("eE") + rng.choice(["", "+", "-", "-"]) + exponent
    return text


FIXED_VALID = [
    "0", "-0", "0.00", "-0.00", "0e5", "0.00e1", "0E-80", "50", "50.00", "50.10",
    "0.00094700", "1e-7", "1E2", "1E+2", "1.5e1", "1.50e1", "007.5", "-007.50", "0007",
    "00.000", "123.456e74", "1e79", "1e-80", "-1E-80", "9" * 80, "0." + "0" * 79 + "1",
    "9" * 40 + "." + "9" * 40, "1" + "0" * 39 + "e40", "1e0000079", "1e-0000080", "0" * 81,
    "0." + "0" * 80, "0" * 200 + "1.5", "0" * 100 + "." + "0" * 70 + "1", "0e80", "0e-80",
    "0.1", "0.2", "0.3", "1.10", "100", "12345678901234567890", "4.35", "-5e-7",
    "1.0000000000000001", "3.141592653589793238462643383279", "1e" + "0" * 1000,
]

FIXED_INVALID = [
    "", " ", "+1", " 1", "1 ", "1,5", ".5", "5.", "-.5", "-5.", "NaN", "nan", "Infinity",
    "-Infinity", "inf", "1e", "1e+", "1e-", "--1", "-", "0x10", "1_000", "1.2.3", "1e5e3",
    "1.e5", "e5", "1e5.0", "1\n", "\t1", "1/2", "'1'", '"1"', "1d5", "1E+-5", "1e 5", "00.",
    "\u0661", "\uff11", "\u00bd", "1\u00a0", "\u00b91", "1e\u00b9", "-\u0000", "1.5\u0000",
    "9" * 81, "9" * 41 + "." + "9" * 40, "0." + "0" * 80 + "1", "0." + "0" * 81, "9" * 10000,
    "1e80", "123.456e78", "1" + "0" * 79 + "e1", "1e-81", "1E+81", "1e0000000081", "0e81",
    "1e" + "9" * 1000, "1e" + "0" * 1000 + "81", "0" * 100 + "." + "0" * 80 + "1", "9" * 81 + "e999", "x" * 100, "1" * 100 + "x",
]


def mutate(rng, text):
    """`text` with one character inserted, replaced or removed."""
    position = rng.randint(0, len(text))
    character = rng.choice("0123456789.eE+- ,_xa\u0661")
    choice = rng.random()
    if choice < 0.4:
        return text[:position] + character + text[position:]
    if choice < 0.8:
        return text[:position] + character + text[position + 1 :]
    return text[:position] + text[position + 1 :]


def main():
    rng = random.Random(SEED)
    assert all(isinstance(read(text), Decimal) for text in FIXED_VALID), "a good text was refused"
    generated = [(text, read(text)) for text in (random_text(rng) for _ in range(1300))]
    amounts = [(text, read(text)) for text in FIXED_VALID]
    amounts += [(text, value) for text, value in generated if isinstance(value, Decimal)]

    parse = []
    for text, value in amounts:
        parse.append(
            {
                "text": text,
                "display": plain(value),
                "normalized": plain(model(value.normalize())),
                "scale": scale(value),
                "negative": value < 0,
                "zero": value.is_zero(),
            }
        )
    assert not any(isinstance(read(text), Decimal) for text in FIXED_INVALID), "a bad text was read"
    too_long = [digits(rng, rng.randint(MAX_DIGITS + 1, 120), first_nonzero=True) for _ in range(20)]
    too_long += [
        f"{text[:41]}.{text[41:]}e-{rng.randint(0, 99)}" for text in too_long if len(text) > 42
    ]
    too_far = [
        f"{random_text(rng).split('e')[0].split('E')[0]}e{rng.choice(['', '+', '-'])}"
        f"{rng.randint(MAX_EXPONENT + 1, 10**rng.randint(2, 12))}"
        for _ in range(30)
    ]
    mutated = [mutate(rng, random_text(rng)) for _ in range(800)]
    refused = [text for text, value in generated if not isinstance(value, Decimal)]
    for text in FIXED_INVALID + refused + too_long + too_far + mutated:
        result = read(text)
        if isinstance(result, Decimal):
            continue  # the mutation left a valid number
        parse.append({"text": text, "error": result})

    def pairs(count):
        for _ in range(count):
            (a_text, a), (b_text, b) = rng.choice(amounts), rng.choice(amounts)
            if rng.random() < 0.1:
                b_text, b = a_text, a
            yield a_text, a, b_text, b

    arithmetic = []
    for a_text, a, b_text, b in pairs(1200):
        arithmetic.append(
            {
                "a": a_text,
                "b": b_text,
                "add": plain(a + b),
                "sub": plain(a - b),
                "mul": plain(a * b),
                "percent": plain((a * b).scaleb(-2)),
                "compare": (a > b) - (a < b),
            }
        )

    to_atomic = []
    for text, value in amounts + [(text, read(text)) for text in ["1.5", "0.00000001", "1.50"]]:
        choices = {scale(value), rng.randint(0, 30), rng.choice([0, 6, 8, 18, 255, 256])}
        for decimals in sorted(choices):
            to_atomic.append({"amount": text, "decimals": decimals, **atomic(value, decimals)})

    sections = {"parse": parse, "arithmetic": arithmetic, "to_atomic": to_atomic}
    lines = ['{"generator": "tests/vectors/money/make_vectors.py", "seed": %d,' % SEED]
    for index, (name, cases) in enumerate(sections.items()):
        rows = ",\n".join(json.dumps(case, ensure_ascii=False) for case in cases)
        end = "," if index + 1 < len(sections) else ""
        lines.append(f'"{name}": [\n{rows}\n]{end}')
    path = Path(__file__).with_name("vectors.json")
    path.write_text("\n".join(lines) + "\n}\n", encoding="utf-8")
    print(f"{path}: {len(parse)} parse, {len(arithmetic)} arithmetic, {len(to_atomic)} to_atomic")


if __name__ == "__main__":
    main()
