#!/usr/bin/env python3
"""Writes python.json: HAYVN request signatures made with the docs' Python sample (hmac,
json.dumps, base64) and with the mistakes made around it, each with the diagnosis the
validator must give. The other schemes' cases come from make_cases.mjs (node.json).

Usage: python3 tests/vectors/diagnosis/make_cases.py
"""

import base64
import hashlib
import hmac
import json
from pathlib import Path

SECRET = "hayvn_api_secret_3c9d"
PATH = "/v1/payments/"
NONCE = "1700000000123"
# The body as sent: non-ASCII in it (the escaping of signature_data matters then).
PAYLOAD = json.dumps({"requested_currency": "USD", "requested_amount": "10",
                      "payment_currency": "BTC", "notes": "Café – 2 × licence"},
                     ensure_ascii=False)


def signature(data: str, algorithm=hashlib.sha256, secret: str = SECRET, encode: bool = True) -> str:
    message = base64.b64encode(data.encode()) if encode else data.encode()
    return hmac.new(secret.encode(), msg=message, digestmod=algorithm).hexdigest()


def signature_data(path=PATH, nonce=NONCE, payload=PAYLOAD, **dumps) -> str:
    """The docs' sample: keys in this order, compact separators, ensure_ascii (the default)."""
    options = {"separators": (",", ":")}
    options.update(dumps)
    return json.dumps({"path": path, "nonce": nonce, "payload": payload}, **options)


def case(name, received, finding, mistake=None, **inputs):
    base = {"secret": SECRET, "body": PAYLOAD, "path": PATH, "nonce": NONCE}
    base.update(inputs)
    base["received"] = received
    return {"name": name, "scheme": "hayvn-request", "inputs": base,
            "expected": {"finding": finding, "mistake": mistake}}


cases = [
    case("hayvn-request: correct (the Python sample)", signature(signature_data()), "match"),
    case("hayvn-request: non-ASCII left raw (the JavaScript sample)",
         signature(signature_data(ensure_ascii=False)), "mismatch", "non_ascii_raw"),
    case("hayvn-request: json.dumps default separators",
         signature(json.dumps({"path": PATH, "nonce": NONCE, "payload": PAYLOAD})), "mismatch",
         "python_separators"),
    case("hayvn-request: sorted keys", signature(signature_data(sort_keys=True)), "mismatch",
         "sorted_keys"),
    case("hayvn-request: nonce as a number",
         signature(json.dumps({"path": PATH, "nonce": int(NONCE), "payload": PAYLOAD},
                              separators=(",", ":"))), "mismatch", "nonce_as_number"),
    case("hayvn-request: signature_data not base64", signature(signature_data(), encode=False),
         "mismatch", "not_base64"),
    case("hayvn-request: path without its slash", signature(signature_data(path="/v1/payments")),
         "mismatch", "path_without_slash"),
    case("hayvn-request: HMAC-SHA512", signature(signature_data(), algorithm=hashlib.sha512),
         "mismatch", "wrong_algorithm"),
    case("hayvn-request: secret with a newline", signature(signature_data(), secret=SECRET + "\n"),
         "mismatch", "secret_whitespace"),
    case("hayvn-request: nonce from the pasted headers", "", "match", nonce="",
         headers=f"X-HAYVNPAY-KEY: k\nX-HAYVNPAY-NONCE: {NONCE}\n"
                 f"X-HAYVNPAY-SIGNATURE: {signature(signature_data())}\n"),
    case("hayvn-request: no nonce", "00", "incomplete", nonce=""),
]

out = Path(__file__).with_name("python.json")
out.write_text(json.dumps({
    "generated_by": "make_cases.py",
    "oracle": "the docs' Python sample: hmac.new(secret, base64(json.dumps(signature_data, separators=(',', ':'))), sha256)",
    "cases": cases,
}, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
print(f"{len(cases)} cases")
