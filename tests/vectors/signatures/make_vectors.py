"""Regenerates hayvn.json, cryptopayment.json and iqpay.json.

    python3 tests/vectors/signatures/make_vectors.py

Uses only Python's hmac, hashlib, json and base64. Every secret, nonce and timestamp is
fixed, so running it again writes identical files. Each oracle is the gateway's own sample
code, quoted in the file's "oracle" field. Vectors whose expectation is a rule of this crate
rather than an output of the oracle (lenient hex case, error codes, reasons) say so in "note".
"""

import base64
import hashlib
import hmac
import json
import os

HERE = os.path.dirname(os.path.abspath(__file__))


def write(name, data):
    with open(os.path.join(HERE, name), "w", encoding="utf-8", newline="\n") as out:
        out.write(json.dumps(data, indent=2, ensure_ascii=False) + "\n")


def valid(event_key):
    return {"verdict": "valid", "reason": None, "event_key": event_key}


def invalid(reason):
    return {"verdict": "invalid", "reason": reason, "event_key": None}


def replace_at(text, index, replacement):
    return text[:index] + replacement + text[index + 1:]


def flip_hex(digest):
    return replace_at(digest, 10, "1" if digest[10] == "0" else "0")


# -----------------------------------------------------------------------------------------
# HAYVN Pay. Oracle: the docs' Python sample.

def encode_hmac(key, msg, digestmod=hashlib.sha256):
    return hmac.new(key.encode(), msg=msg, digestmod=digestmod).hexdigest()


def hayvn_signature(api_secret, request_path, nonce, payload):
    signature_data = {"path": request_path, "nonce": nonce, "payload": payload or ""}
    signature_data = json.dumps(signature_data, separators=(",", ":")).encode()
    b64 = base64.b64encode(signature_data)
    return signature_data.decode(), b64.decode(), encode_hmac(api_secret, b64)


def hayvn():
    secret = "hayvn_api_secret_5e2b7d90"
    api_key = "hayvn_api_key_31a4"
    sign = []

    def vector(name, path, nonce, body):
        signature_data, b64, signature = hayvn_signature(secret, path, str(nonce), body)
        request = {"path": path, "nonce": nonce, "api_key": api_key, "secret": secret}
        if body is not None:
            request["body"] = body
        sign.append({
            "name": name,
            "signature_data": signature_data,
            "request": request,
            "expected": {
                "headers": [
                    ["X-HAYVNPAY-KEY", api_key],
                    ["X-HAYVNPAY-NONCE", str(nonce)],
                    ["X-HAYVNPAY-SIGNATURE", signature],
                ],
                "body": body or "",
                "signed_string": b64,
            },
        })

    vector("GET profiles (docs example)", "/v1/profiles/", 1700000000000, None)
    vector("create payment (docs payload, json.dumps)", "/v1/payments/", 1700000000001, json.dumps({
        "requested_currency": "USD",
        "requested_amount": "10",
        "payment_currency": "BTC",
        "profile_uuid": "deb23315-1eae-46fe-929f-6f3067292493",
        "passthrough": json.dumps({"order_id": 1642457702}),
        "notes": "this is demo",
    }))
    vector("create payout (docs payload)", "/v1/payouts/", 1700000000002, json.dumps({
        "amount": "35.00000000",
        "currency": "USD",
        "notes": "Payout notes",
    }))
    vector("create withdrawal (docs payload)", "/v1/withdrawal/", 1700000000003, json.dumps({
        "fiat_currency": "USD",
        "fiat_amount": "500",
        "address": "2NCmwGXjgs822C1jXHJrUNda3DJu45YJ2jr",
        "currency": "BTC",
        "network": "BTC",
        "notes": "some notes",
    }))
    vector("non-ASCII body is escaped as \\uXXXX", "/v1/payments/", 1700000000004,
           '{"notes":"café — 日本語"}')
    vector("astral characters become surrogate pairs", "/v1/payments/", 1700000000005,
           '{"notes":"pay \U0001F600 now"}')
    vector("body already escaped by json.dumps", "/v1/payments/", 1700000000006,
           json.dumps({"notes": "café \U0001F600"}))
    vector("control characters and DEL", "/v1/payouts/", 1700000000007,
           '{\n\t"notes": "line\\nbreak \x7f \x1f"\n}')
    vector("non-ASCII path", "/v1/payments/é/", 1700000000008, None)
    vector("empty body string", "/v1/payments/", 1700000000009, "")
    sign.append({"name": "missing api key", "note": "rule of this crate",
                 "request": {"path": "/v1/profiles/", "nonce": 1, "secret": secret},
                 "expected": {"error": "signature_missing_field"}})
    sign.append({"name": "missing path", "note": "rule of this crate",
                 "request": {"nonce": 1, "api_key": api_key, "secret": secret},
                 "expected": {"error": "signature_missing_field"}})
    sign.append({"name": "missing secret", "note": "rule of this crate",
                 "request": {"path": "/v1/profiles/", "nonce": 1, "api_key": api_key},
                 "expected": {"error": "signature_missing_field"}})
    sign.append({"name": "body that is not UTF-8", "note": "rule of this crate",
                 "request": {"path": "/v1/payments/", "nonce": 1, "api_key": api_key,
                             "secret": secret, "body_hex": b'{"notes":"\xff"}'.hex()},
                 "expected": {"error": "signature_invalid_field"}})
    sign.append({"name": "api key with a line break", "note": "rule of this crate",
                 "request": {"path": "/v1/profiles/", "nonce": 1, "api_key": "key\r\nX-Evil: 1",
                             "secret": secret},
                 "expected": {"error": "signature_invalid_field"}})

    # Callbacks: signature == encode_hmac(CALLBACK_TOKEN, callback_id.encode())
    token = "hayvn_callback_token_a81f"
    verify = []

    def callback_signature(callback_id, key=token):
        return encode_hmac(key, callback_id.encode())

    def entry(name, body, expected, **extra):
        vector = {"name": name, **extra, "secret": extra.get("secret", token), "headers": [],
                  "expected": expected}
        if isinstance(body, bytes):
            vector["body_hex"] = body.hex()
        else:
            vector["body"] = body
        verify.append(vector)

    callback_id = "5f1d7e2a-93b4-4c1e-8d0f-2a6b9c3e4f51"
    payment = {
        "id": "e4f78557-7fb4-42da-89b2-6874d235c70d",
        "status": "completed",
        "payment_currency": "BTC",
        "payment_amount": "0.00094700",
        "requested_currency": "USD",
        "requested_amount": "9.47000000",
        "passthrough": "{\"order_id\":1642457702}",
    }

    def callback(cid, signature, status="payment_complete", **fields):
        data = {"result": payment, "callback_id": cid, "callback_status": status,
                "signature": signature}
        data.update(fields)
        return json.dumps(data)

    good = callback_signature(callback_id)
    body = callback(callback_id, good)
    entry("valid payment callback", body, valid(callback_id))
    entry("pretty-printed body (only callback_id is signed)",
          json.dumps(json.loads(body), indent=2), valid(callback_id))
    entry("uppercase hex signature", callback(callback_id, good.upper()), valid(callback_id),
          note="rule of this crate: hex in either case (the sample compares strings)")
    escaped = '{"callback_id":"a\\u0062","callback_status":"payment_pending","signature":"%s"}' % (
        callback_signature("ab"))
    entry("escaped callback_id is decoded before signing", escaped, valid("ab"))
    unicode_id = "cb-é-\U0001F600"
    entry("unicode callback_id, ASCII-escaped body",
          callback(unicode_id, callback_signature(unicode_id)), valid(unicode_id))
    entry("unicode callback_id, raw UTF-8 body",
          json.dumps({"callback_id": unicode_id, "signature": callback_signature(unicode_id)},
                     ensure_ascii=False), valid(unicode_id))
    entry("withdrawal callback", callback("wd-77", callback_signature("wd-77"),
                                          status="withdrawal_complete"), valid("wd-77"))
    entry("a field outside callback_id changed: still valid (HAYVN signs only callback_id)",
          body.replace("payment_complete", "payment_incomplete"), valid(callback_id))
    entry("wrong callback token", callback(callback_id, callback_signature(callback_id, "wrong")),
          invalid("signature_mismatch"))
    entry("one byte of callback_id changed",
          callback(replace_at(callback_id, 0, "6"), good), invalid("signature_mismatch"))
    entry("one hex digit of the signature changed", callback(callback_id, flip_hex(good)),
          invalid("signature_mismatch"))
    entry("truncated signature", callback(callback_id, good[:63]), invalid("signature_malformed"))
    entry("non-hex character in the signature", callback(callback_id, replace_at(good, 3, "x")),
          invalid("signature_malformed"))
    entry("base64 signature is not accepted",
          callback(callback_id, base64.b64encode(bytes.fromhex(good)).decode()),
          invalid("signature_malformed"), note="rule of this crate: HAYVN signs in hex")
    entry("missing signature field", json.dumps({"callback_id": callback_id}),
          invalid("signature_missing"))
    entry("missing callback_id field", json.dumps({"signature": good}),
          invalid("signature_missing"))
    entry("callback_id is a number", json.dumps({"callback_id": 12, "signature": good}),
          invalid("field_invalid"))
    entry("empty callback_id, correctly signed",
          json.dumps({"callback_id": "", "signature": callback_signature("")}),
          invalid("field_invalid"), note="rule of this crate: an empty id names no event")
    entry("signature is null", json.dumps({"callback_id": callback_id, "signature": None}),
          invalid("field_invalid"))
    entry("body is not JSON", "callback_id=%s&signature=%s" % (callback_id, good),
          invalid("body_invalid"))
    entry("body is a JSON array", json.dumps([callback_id, good]), invalid("body_invalid"))
    entry("empty body", "", invalid("body_invalid"))
    entry("body that is not UTF-8", b'{"callback_id":"\xff","signature":"00"}',
          invalid("body_invalid"))
    verify.append({"name": "no callback token given", "note": "rule of this crate",
                   "secret": None, "headers": [], "body": body,
                   "expected": invalid("secret_missing")})

    write("hayvn.json", {
        "provider": "hayvn",
        "generated_by": "make_vectors.py",
        "oracle": "Python sample: hmac.new(API_SECRET.encode(), base64.b64encode(json.dumps("
                  "{'path': path, 'nonce': nonce, 'payload': payload or ''}, separators=(',', ':'))"
                  ".encode()), hashlib.sha256).hexdigest(); callbacks: hmac.new(CALLBACK_TOKEN"
                  ".encode(), callback_id.encode(), hashlib.sha256).hexdigest()",
        "sign": sign,
        "verify": verify,
    })


# -----------------------------------------------------------------------------------------
# CryptoPayment.center. Oracle: the docs' PHP webhook handler, in Python:
#   $appKey = base64_decode(APP_KEY);
#   $expected = hash_hmac('sha256', $invoiceId . '.' . $event, $appKey);

def cryptopayment():
    app_key = base64.b64encode(bytes(range(1, 33))).decode()
    key = base64.b64decode(app_key)

    def expected_signature(invoice_id, event, secret=key):
        return hmac.new(secret, (invoice_id + "." + event).encode(), hashlib.sha256).hexdigest()

    sign = [
        {
            "name": "docs example credentials",
            "request": {"method": "POST", "api_key": "pk_abc123", "secret": "sk_xyz789",
                        "body": '{"network":"trc20","amount_usd":50.00,"order_id":"ORD-12345"}'},
            "expected": {
                "headers": [["Authorization", "Bearer pk_abc123:sk_xyz789"]],
                "body": '{"network":"trc20","amount_usd":50.00,"order_id":"ORD-12345"}',
                "signed_string": "",
            },
        },
        {
            "name": "GET without body",
            "request": {"method": "GET", "api_key": "pk_your_key", "secret": "sk_your_secret"},
            "expected": {"headers": [["Authorization", "Bearer pk_your_key:sk_your_secret"]],
                         "body": "", "signed_string": ""},
        },
        {"name": "missing api key", "note": "rule of this crate",
         "request": {"secret": "sk_xyz789"}, "expected": {"error": "signature_missing_field"}},
        {"name": "missing api secret", "note": "rule of this crate",
         "request": {"api_key": "pk_abc123"}, "expected": {"error": "signature_missing_field"}},
    ]

    verify = []

    def entry(name, body, expected, **extra):
        vector = {"name": name, **extra, "secret": extra.get("secret", app_key), "headers": [],
                  "expected": expected}
        vector["body"] = body
        verify.append(vector)

    invoice_id = "550e8400-e29b-41d4-a716-446655440000"

    def webhook(event="payment.confirmed", signature=None, invoice=invoice_id, **changes):
        data = {
            "event": event,
            "invoice_id": invoice,
            "order_id": "ORD-12345",
            "status": "confirmed" if event == "payment.confirmed" else "confirming",
            "network": "trc20",
            "coin": "USDT",
            "amount_usd": 50.00,
            "amount_crypto": 50.00,
            "paid_amount": 50.00,
            "txid": "a1b2c3d4e5f6",
            "confirmations": 19,
            "address": "TXyzTXyzTXyzTXyzTXyzTXyzTXyzTXyz12",
            "timestamp": "2024-01-15T10:05:00+00:00",
            "signature": signature if signature is not None else expected_signature(invoice, event),
        }
        data.update(changes)
        return json.dumps(data)

    confirmed_key = invoice_id + ":payment.confirmed"
    good = expected_signature(invoice_id, "payment.confirmed")
    entry("payment.confirmed (docs example fields)", webhook(), valid(confirmed_key))
    entry("payment.detected", webhook("payment.detected"), valid(invoice_id + ":payment.detected"))
    entry("pretty-printed body (only invoice_id and event are signed)",
          json.dumps(json.loads(webhook()), indent=4), valid(confirmed_key))
    entry("unicode in unsigned fields", webhook(order_id="заказ-😀"), valid(confirmed_key))
    entry("uppercase hex signature", webhook(signature=good.upper()), valid(confirmed_key),
          note="rule of this crate: hex in either case (the sample uses hash_equals)")
    entry("APP_KEY with a base64: prefix", webhook(), valid(confirmed_key),
          secret="base64:" + app_key, note="rule of this crate")
    entry("APP_KEY without its = padding (PHP's base64_decode takes it)", webhook(),
          valid(confirmed_key), secret=app_key.rstrip("="))
    entry("APP_KEY with the base64: prefix twice", webhook(), invalid("secret_invalid"),
          secret="base64:base64:" + app_key, note="rule of this crate: one prefix")
    entry("signed with the APP_KEY text not base64-decoded", webhook(
        signature=expected_signature(invoice_id, "payment.confirmed", app_key.encode())),
        invalid("signature_mismatch"))
    entry("APP_KEY that is not base64", webhook(), invalid("secret_invalid"),
          secret="not base64!", note="rule of this crate")
    # HMAC pads a key with zero bytes: an empty key and zero bytes are the same key, whose MAC
    # anyone can compute.
    empty_key_signature = expected_signature(invoice_id, "payment.confirmed", b"")
    entry("APP_KEY `base64:` (the empty key), webhook signed with the empty key",
          webhook(signature=empty_key_signature), invalid("secret_invalid"),
          secret="base64:", note="rule of this crate: a key of zero bytes only is no key")
    entry("APP_KEY `AAAA` (zero bytes), webhook signed with the empty key",
          webhook(signature=empty_key_signature), invalid("secret_invalid"),
          secret="AAAA", note="rule of this crate: a key of zero bytes only is no key")
    entry("wrong APP_KEY", webhook(), invalid("signature_mismatch"),
          secret=base64.b64encode(bytes(range(2, 34))).decode())
    entry("one byte of invoice_id changed", webhook(signature=good,
                                                   invoice=replace_at(invoice_id, 0, "6")),
          invalid("signature_mismatch"))
    entry("event changed", webhook(signature=good, event="payment.detected"),
          invalid("signature_mismatch"))
    entry("one hex digit of the signature changed", webhook(signature=flip_hex(good)),
          invalid("signature_mismatch"))
    entry("truncated signature", webhook(signature=good[:-1]), invalid("signature_malformed"))
    entry("the docs' placeholder signature", webhook(signature="hmac-sha256-hash"),
          invalid("signature_malformed"))
    entry("missing signature field",
          json.dumps({"event": "payment.confirmed", "invoice_id": invoice_id}),
          invalid("signature_missing"))
    entry("missing event field", json.dumps({"invoice_id": invoice_id, "signature": good}),
          invalid("signature_missing"))
    entry("invoice_id is a number",
          json.dumps({"invoice_id": 42, "event": "payment.confirmed", "signature": good}),
          invalid("field_invalid"))
    entry("empty invoice_id, correctly signed", webhook(invoice="", signature=expected_signature("", "payment.confirmed")),
          invalid("field_invalid"), note="rule of this crate: an empty id names no event")
    entry("body is not JSON", "invoice_id=%s" % invoice_id, invalid("body_invalid"))
    entry("empty body", "", invalid("body_invalid"))

    write("cryptopayment.json", {
        "provider": "cryptopayment",
        "generated_by": "make_vectors.py",
        "oracle": "PHP sample: hash_hmac('sha256', $invoiceId . '.' . $event, "
                  "base64_decode(APP_KEY)); requests: 'Authorization: Bearer ' . $apiKey . ':' "
                  ". $apiSecret",
        "sign": sign,
        "verify": verify,
    })


# -----------------------------------------------------------------------------------------
# iqpay: Authorization: <api key>; webhooks are not signed.

def iqpay():
    api_key = "eyJ0eXAiOiJKV1QiLCJhbGciOiJIUzI1NiJ9.example.signature"
    deposit = {
        "address": "1JeFHLLFQqXDef7K5QskgFbVhyAHGmQNPZ",
        "wallet_ext_id": "2",
        "fromAddress": "19gwn5dzryrs11rm8s4euwf5v1rdpmrwne",
        "txid": "04fbaac8265b52cc51df73dac4a974de41c25c2acb79f2c1b639baa9ee52429b",
        "amount": 0.00001124,
        "currency": "BTC",
        "status": 1,
        "convert_currency": "",
        "convert_price": 0,
        "converted_amount": 0,
    }
    withdrawal = {
        "id": 11,
        "address": "1JeFHLLFQqXDef7K5QskgFbVhyAHGmQNPZ",
        "currency": "ETH",
        "amount": 0.022,
        "txid": "0x52e56318d44123c61f43f2febf4d050bbe64ce48d4df865aa9b8ace4dcf60d83",
        "gas": 0.000714,
        "timeCreated": 1590334908,
        "timeConfirmed": 1590334913,
        "status": 2,
    }
    unsigned = {"verdict": "unsigned", "reason": "webhook_unsigned"}

    def key(webhook):
        # One transaction can pay several wallets, or carry several currencies.
        return ":".join(str(webhook[name]) for name in ("txid", "address", "currency", "status"))

    batch = {**deposit, "address": "3FZbgi29cpjq2GjdwV8eyHuJJnkLtktZc5", "wallet_ext_id": "3"}
    docs_body = (
        '{\n    "status": 200,\n    "address": "1JeFHLLFQqXDef7K5QskgFbVhyAHGmQNPZ",\n'
        '    "wallet_ext_id": "2",\n    "txid": "04fbaac8265b52cc51df73dac4a974de41c25c2acb79f2c1b639baa9ee52429b",\n'
        '    "amount": 0.00001124,\n    "currency": "BTC",\n    "status": 1\n}'
    )
    # The docs' "Example Request Body" as printed, its indentation made spaces (the page
    # indents with no-break spaces, which JSON does not allow either).
    docs_printed = (
        '{\n    "status": 200,\n    "address": "1JeFHLLFQqXDef7K5QskgFbVhyAHGmQNPZ",\n'
        '    "wallet_ext_id": "2",\n    "fromAddress": "19gwn5dzryrs11rm8s4euwf5v1rdpmrwne",\n'
        '    "txid": "04fbaac8265b52cc51df73dac4a974de41c25c2acb79f2c1b639baa9ee52429b",\n'
        '    "amount": 0.00001124,\n    "currency": \'BTC\',\n    "status": 1,\n'
        '    "convert_currency": "",\n    "convert_price": 0,\n    "converted_amount": 0\n}'
    )
    write("iqpay.json", {
        "provider": "iqpay",
        "generated_by": "make_vectors.py",
        "oracle": "the docs: 'Authorization' header = API key; webhooks carry no signature",
        "sign": [
            {
                "name": "create wallet (docs example)",
                "request": {"method": "POST", "api_key": api_key, "body": '{"extId":"232342"}'},
                "expected": {"headers": [["Authorization", api_key]],
                             "body": '{"extId":"232342"}', "signed_string": ""},
            },
            {"name": "missing api key", "note": "rule of this crate",
             "request": {"body": "{}"}, "expected": {"error": "signature_missing_field"}},
        ],
        "verify": [
            {"name": "deposit webhook", "secret": None, "headers": [],
             "body": json.dumps(deposit),
             "expected": {**unsigned, "event_key": key(deposit)}},
            {"name": "withdrawal webhook", "secret": None, "headers": [],
             "body": json.dumps(withdrawal),
             "expected": {**unsigned, "event_key": key(withdrawal)}},
            {"name": "the same transaction paying a second wallet", "secret": None, "headers": [],
             "body": json.dumps(batch), "expected": {**unsigned, "event_key": key(batch)}},
            {"name": "docs example, its 'BTC' written as JSON, with two status members: the last wins",
             "secret": None, "headers": [], "body": docs_body,
             "expected": {**unsigned, "event_key": key(deposit)}},
            {"name": "docs example as printed ('BTC' in single quotes is not JSON): no event key",
             "secret": None, "headers": [], "body": docs_printed,
             "expected": {**unsigned, "event_key": None}},
            {"name": "a secret and a signature-like header change nothing", "secret": "anything",
             "headers": [["x-signature", "00"]], "body": json.dumps(deposit),
             "expected": {**unsigned, "event_key": key(deposit)}},
            {"name": "no txid: no event key", "secret": None, "headers": [],
             "body": json.dumps({"address": "1Je", "status": 0}),
             "expected": {**unsigned, "event_key": None}},
            {"name": "body that is not JSON", "secret": None, "headers": [],
             "body": "txid=1&status=1", "expected": {**unsigned, "event_key": None}},
        ],
    })


hayvn()
cryptopayment()
iqpay()
