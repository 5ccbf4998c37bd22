// The built package (pkg/) as Node users get it: `import ... from "crypto-checkout"` with no
// initialisation, every export, and the shape of thrown errors.
import { test } from "node:test";
import assert from "node:assert/strict";
import { createHmac } from "node:crypto";
import init, {
  canonicalizeJson,
  hmacSha512Hex,
  inspectJson,
  normalizeJson,
  signRequest,
  verifyWebhook,
  verifyWebhookParts,
  webhookProviderIndex,
} from "crypto-checkout";

const reference = (text) => JSON.stringify(JSON.parse(text));

/** Runs `fn`, which must throw; returns what it threw. */
function thrown(fn) {
  try {
    fn();
  } catch (error) {
    return error;
  }
  assert.fail("expected an exception");
}

test("init resolves at once in Node", async () => {
  await init();
  assert.equal(normalizeJson("[1.0]"), "[1]");
});

test("normalizeJson matches JSON.stringify(JSON.parse())", () => {
  for (const text of [
    '{"b": 1.10, "a": [1E2, "\\u00e9"], "2": null}',
    ' {"amount":"50.00","x":1e21,"y":0.0000001,"z":-0,"k":{"10":1,"9":2,"a":3}} ',
    '"\\ud83d\\ude00 \\/ \\u2028"',
    '[12345678901234567890, 5e-324, 1.7976931348623157e308]',
  ]) {
    assert.equal(normalizeJson(text), reference(text), text);
  }
});

test("a string normalized to other text of the same length is not returned as it is", () => {
  // A moved key, and a number rewritten in place (1E2 as 100), at every offset in eight bytes:
  // the differences fall in every byte of a word and in the tail after the last whole word.
  for (const changed of ['{"b":1,"2":0}', "1E2"]) {
    for (let pad = 0; pad < 24; pad += 1) {
      const text = `["${"x".repeat(pad)}",${changed}]`;
      const expected = reference(text);
      assert.equal(expected.length, text.length);
      assert.notEqual(expected, text);
      assert.equal(normalizeJson(text), expected, `${changed}, pad ${pad}`);
    }
  }
});

test("long results holding non-ASCII text come out exactly, from strings and bytes", () => {
  // ASCII runs of every length between characters of one to four UTF-8 bytes (and U+2028,
  // which JSON.stringify writes raw), in results of 1 KB or more.
  const characters = ["é", "€", "😀", "\u2028", "李"];
  let long = 0;
  for (let seed = 0; seed < 60; seed += 1) {
    let text = "";
    for (let i = 0; text.length < 600 + seed * 20; i += 1) {
      text += "a".repeat((i * 7 + seed) % 11) + characters[(i + seed) % characters.length];
    }
    const json = JSON.stringify({ note: text, list: [text.slice(seed), 1.5, "x".repeat(seed)] });
    const expected = reference(json);
    if (Buffer.byteLength(expected) >= 1024) long += 1;
    assert.equal(normalizeJson(json), expected, `seed ${seed}, string`);
    assert.equal(normalizeJson(Buffer.from(` ${json} `)), expected, `seed ${seed}, bytes`);
    assert.equal(inspectJson(`[${json}]`).normalized, `[${expected}]`, `seed ${seed}, inspectJson`);
  }
  assert.ok(long > 40, `only ${long} results of 1 KB or more`);
});

test("strings with unpaired surrogates keep them, as JSON.parse does", () => {
  for (const text of ['"\ud800"', '{"\udc00key":"a\ud83dz"}', '["\ud83d\ude00", "\ude00\ud83d"]']) {
    assert.equal(text.isWellFormed(), text.includes("\ud83d\ude00") && !text.includes("\ude00\ud83d"));
    assert.equal(normalizeJson(text), reference(text), JSON.stringify(text));
  }
  // U+FFFD itself stays U+FFFD, and a lone surrogate is found wherever it stands.
  for (let at = 0; at < 20; at += 1) {
    for (const odd of ["\ufffd", "\ud800", "\udfff", "\ufffd\udbff", "x\ufffd"]) {
      const text = `["${"é".repeat(at)}${odd}${"a".repeat(at)}"]`;
      assert.equal(normalizeJson(text), reference(text), JSON.stringify(text));
    }
  }
});

test("Uint8Array input is read as UTF-8, invalid sequences as U+FFFD", () => {
  const bytes = new Uint8Array([0x7b, 0x22, 0x61, 0xff, 0x22, 0x3a, 0x22, 0xed, 0xa0, 0x80, 0x22, 0x7d]);
  assert.equal(normalizeJson(bytes), reference(Buffer.from(bytes).toString("utf8")));
  assert.equal(normalizeJson(new TextEncoder().encode('{"é": 1.50}')), '{"é":1.5}');
  assert.equal(normalizeJson(Buffer.from("[1,2]")), "[1,2]");
  // A view into a larger buffer reads only its own bytes.
  assert.equal(normalizeJson(new TextEncoder().encode("xx[true]yy").subarray(2, 8)), "[true]");
});

test("JSON errors carry code, line, column and offset", () => {
  const error = thrown(() => normalizeJson('{\n  "a": 1,\n  "é": x\n}'));
  assert.ok(error instanceof Error);
  assert.equal(error.code, "json_unexpected_character");
  assert.equal(error.line, 3);
  assert.equal(error.column, 8);
  assert.equal(error.offset, 20); // bytes: "é" takes two
  assert.match(error.message, /line 3 column 8/);

  const cases = [
    ["", "json_unexpected_end"],
    ["[01]", "json_invalid_number"],
    ['"\\x"', "json_invalid_escape"],
    ['"a\tb"', "json_control_character"],
    ["{} []", "json_trailing_characters"],
    ["[".repeat(20000), "json_too_deep"],
  ];
  for (const [text, code] of cases) {
    assert.equal(thrown(() => normalizeJson(text)).code, code, JSON.stringify(text.slice(0, 10)));
    assert.throws(() => JSON.parse(text));
  }
});

test("arguments of the wrong type throw a TypeError with a code", () => {
  for (const input of [42, null, undefined, {}, [1], new Uint16Array(2)]) {
    const error = thrown(() => normalizeJson(input));
    assert.ok(error instanceof TypeError);
    assert.equal(error.code, "invalid_input");
    assert.equal(error.message, "`input` must be a string or a Uint8Array");
  }
});

test("inspectJson lists what normalization changed", () => {
  const inspection = inspectJson('{"b": 1.10, "a": 1, "a": 12345678901234567890, "1": "\\/"}');
  assert.equal(inspection.normalized, '{"1":"/","b":1.1,"a":12345678901234567000}');
  assert.equal(inspection.omittedWarnings, 0);
  const kinds = inspection.warnings.map((warning) => warning.kind).sort();
  assert.deepEqual(kinds, [
    "duplicate_key",
    "keys_reordered",
    "number_rewritten",
    "precision_lost",
    "string_rewritten",
  ]);
  const rewritten = inspection.warnings.find((warning) => warning.kind === "number_rewritten");
  assert.equal(rewritten.path, "$.b");
  assert.equal(rewritten.original, "1.10");
  assert.equal(rewritten.normalized, "1.1");
  assert.equal(rewritten.line, 1);
  assert.equal(rewritten.column, 7);
  assert.equal(rewritten.offset, 6);
  assert.equal(typeof rewritten.message, "string");
  assert.deepEqual(inspectJson("[1]"), { normalized: "[1]", warnings: [], omittedWarnings: 0 });
});

test("canonicalizeJson writes RFC 8785 and rejects what I-JSON forbids", () => {
  assert.equal(canonicalizeJson('{"b": [1E2, "\\u00e9"], "a": 1.10, "10": true}'), '{"10":true,"a":1.1,"b":[100,"é"]}');
  assert.equal(thrown(() => canonicalizeJson('{"a":1,"a":2}')).code, "json_duplicate_key");
  assert.equal(thrown(() => canonicalizeJson('"\ud800"')).code, "json_lone_surrogate");
  assert.equal(thrown(() => canonicalizeJson("1e400")).code, "json_number_out_of_range");
});

test("hmacSha512Hex matches node:crypto", () => {
  const key = "secret-ключ";
  const data = new Uint8Array(1024).map((_, i) => (i * 7) & 0xff);
  const expected = createHmac("sha512", Buffer.from(key)).update(data).digest("hex");
  assert.equal(hmacSha512Hex(key, data), expected);
  assert.equal(hmacSha512Hex(new TextEncoder().encode(key), Buffer.from(data)), expected);
  // HMAC pads keys with zero bytes: an empty key, or zero bytes only, keys nothing.
  for (const empty of ["", "\u0000", new Uint8Array(3)]) {
    const error = thrown(() => hmacSha512Hex(empty, data));
    assert.equal(error.code, "invalid_input");
    assert.match(error.message, /zero bytes/);
  }
});

test("Heropayments: signRequest signs the normalized body, verifyWebhook checks it", () => {
  const secret = "hp-secret";
  const body = '{ "amount": "50.00", "orderId": "A-1", "rate": 1.50 }';
  const signed = signRequest({ provider: "heropayments", secret, apiKey: "hp-key", body });
  assert.equal(signed.body, reference(body));
  assert.equal(signed.signedString, signed.body);
  assert.equal(signed.headers["x-api-key"], "hp-key");
  assert.equal(signed.headers["x-api-sign"], createHmac("sha512", secret).update(signed.body).digest("hex"));

  const callback = '{"externalOrderId":"A-1","sequence":1,"status":"paid","amount":"50.00"}';
  const signature = createHmac("sha512", secret).update(reference(callback)).digest("hex");
  for (const headers of [
    { "x-api-sign": signature },
    new Headers({ "X-Api-Sign": signature }),
    new Map([["x-api-sign", signature]]),
    [["X-API-SIGN", signature]],
    { "x-api-sign": [signature] },
  ]) {
    const verification = verifyWebhook({ provider: "heropayments", body: callback, headers, secret });
    assert.deepEqual(verification, { verdict: "valid", eventKey: "A-1:1:paid" });
  }
  const tampered = verifyWebhook({
    provider: "heropayments",
    body: Buffer.from(callback.replace("50.00", "5000.00")),
    headers: { "x-api-sign": signature },
    secret,
  });
  assert.equal(tampered.verdict, "invalid");
  assert.equal(tampered.reason.code, "signature_mismatch");
  assert.equal(tampered.eventKey, undefined);
  // A valid body without the event key's fields: no eventKey member at all.
  const keyless = '{"status":"paid"}';
  const keylessSignature = createHmac("sha512", secret).update(reference(keyless)).digest("hex");
  assert.deepEqual(
    verifyWebhook({ provider: "heropayments", body: keyless, headers: { "x-api-sign": keylessSignature }, secret }),
    { verdict: "valid" },
  );
});

test("Standard Webhooks: a signed webhook verifies, an old one does not", () => {
  const secret = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw";
  const body = '{"type":"invoice.paid"}';
  const signed = signRequest({ provider: "standard", secret, messageId: "msg_1", timestamp: 1_700_000_000, body });
  assert.equal(signed.signedString, `msg_1.1700000000.${body}`);
  const headers = signed.headers;
  assert.deepEqual(verifyWebhook({ provider: "standard", body, headers, secret, now: 1_700_000_060.75 }), {
    verdict: "valid",
    eventKey: "msg_1",
  });
  const late = verifyWebhook({ provider: "standard", body, headers, secret });
  assert.equal(late.verdict, "invalid");
  assert.equal(late.reason.code, "timestamp_too_old");
  // Several signatures (key rotation), however the header arrives: one space-separated
  // list, a list per header line, or the lines HTTP joins with ", ".
  const signature = headers["webhook-signature"];
  const other = "v1,K5oZfzN95Z9UVu1EsfQmfVNQhnkZ2pj9o9NDN/H/pI4=";
  for (const received of [`${other} ${signature}`, [other, signature], `${signature}, ${other}`, `${other}, ${signature}`]) {
    const rotated = { ...headers, "webhook-signature": received };
    assert.equal(verifyWebhook({ provider: "standard", body, headers: rotated, secret, now: 1_700_000_000 }).verdict, "valid", String(received));
  }
  const repeated = [...Object.entries(headers).filter(([name]) => name !== "webhook-signature"), ["webhook-signature", other], ["Webhook-Signature", signature]];
  assert.equal(verifyWebhook({ provider: "standard", body, headers: repeated, secret, now: 1_700_000_000 }).verdict, "valid");
  const onlyOthers = { ...headers, "webhook-signature": [other, other] };
  assert.equal(verifyWebhook({ provider: "standard", body, headers: onlyOthers, secret, now: 1_700_000_000 }).reason.code, "signature_mismatch");
  // Without a timestamp, the current time (Date.now()) is used.
  const now = signRequest({ provider: "standard", secret, messageId: "msg_2", body });
  assert.equal(verifyWebhook({ provider: "standard", body, headers: now.headers, secret }).verdict, "valid");
});

test("iqpay webhooks are unsigned, HAYVN requests need a path", () => {
  const verification = verifyWebhook({ provider: "iqpay", body: '{"txid":"t1","status":"paid"}' });
  assert.equal(verification.verdict, "unsigned");
  assert.equal(verification.reason.code, "webhook_unsigned");
  const error = thrown(() => signRequest({ provider: "hayvn", secret: "s", apiKey: "k" }));
  assert.ok(error instanceof Error);
  assert.equal(error.code, "signature_missing_field");
  const hayvn = signRequest({ provider: "hayvn", secret: "s", apiKey: "k", path: "/v1/payments/", nonce: 42, body: "{}" });
  assert.equal(hayvn.headers["X-HAYVNPAY-NONCE"], "42");
});

test("signature errors carry codes; bad option bags throw TypeErrors", () => {
  assert.equal(thrown(() => signRequest({ provider: "stripe" })).code, "signature_unknown_provider");
  assert.equal(thrown(() => verifyWebhook({ provider: "Heropayments", body: "{}" })).code, "signature_unknown_provider");
  assert.equal(thrown(() => signRequest({ provider: "heropayments", secret: "s", method: "HEAD" })).code, "signature_unknown_method");
  const json = thrown(() => signRequest({ provider: "heropayments", secret: "s", body: '{"a":}' }));
  assert.equal(json.code, "signature_invalid_json");
  assert.equal(json.line, 1);
  assert.equal(json.column, 6);
  for (const bad of [undefined, "heropayments", {}, { provider: 1 }, { provider: "heropayments", nowMs: -1 }]) {
    const error = thrown(() => signRequest(bad));
    assert.ok(error instanceof TypeError, String(bad));
    assert.equal(error.code, "invalid_input");
  }
  const error = thrown(() => verifyWebhook({ provider: "calypso", body: "{}", headers: { Sign: 5 } }));
  assert.ok(error instanceof TypeError);
});

test("verifyWebhook's WebAssembly half takes only provider numbers, never a name read as one", () => {
  const body = '{"requestId":"r1"}';
  for (const provider of ["hayvn", "0", -1, 1.5, 6, null, undefined]) {
    const error = thrown(() => verifyWebhookParts(provider, body, "secret", 0));
    assert.equal(error.code, "invalid_input", String(provider));
  }
  const calypso = webhookProviderIndex("calypso");
  assert.equal(verifyWebhookParts(calypso, body, "secret", 0).verdict, "invalid");
});

test("verifyWebhook reads headers of every shape, a repeated one as its values joined", () => {
  const secret = "cp-secret";
  const body = '{"requestId":"r1","id":7,"data":{"type":"INVOICE_PAID"}}';
  const good = createHmac("sha512", secret).update(body).digest("hex");
  const bad = "0".repeat(128);
  const verdict = (headers) => verifyWebhook({ provider: "calypso", body, headers, secret }).verdict;
  for (const [headers, expected] of [
    [{ Sign: good }, "valid"],
    // Received more than once: one value, "good, bad", as HTTP combines them; not a signature.
    [{ SIGN: good, sign: bad }, "invalid"],
    [{ sign: bad, Sign: good }, "invalid"],
    [{ sign: [undefined, good, bad] }, "invalid"],
    [{ sign: [undefined, good] }, "valid"],
    [{ sign: [], Sign: good }, "valid"],
    [{ sign: undefined, Sign: good }, "valid"],
    [{ "x-other": good }, "invalid"],
    [new Headers([["Sign", good]]), "valid"],
    [new Map([["sign", bad], ["Sign", good]]), "invalid"],
    [new Map([["sign", good], ["Sign", good]]), "invalid"],
    [[["sIgN", good]], "valid"],
    [(function* pairs() { yield ["sign", good]; })(), "valid"],
    [Object.assign(Object.create({ sign: bad }), { Sign: good }), "valid"],
    [undefined, "invalid"],
    [null, "invalid"],
  ]) {
    assert.equal(verdict(headers), expected, JSON.stringify(headers));
  }
  assert.equal(verifyWebhook({ provider: "calypso", body, secret }).reason.code, "signature_missing");

  for (const [webhook, message] of [
    [null, "expected an options object"],
    ["calypso", "expected an options object"],
    [{ provider: "calypso", body, headers: "Sign: x" }, "`headers` must be an object"],
    [{ provider: "calypso", body, headers: [["sign", good], "x"] }, "`headers` entries must be [name, value] pairs"],
    [{ provider: "calypso", body, headers: new Map([[1, good]]) }, "header names must be strings"],
    [{ provider: "calypso", body, headers: { sign: [good, 5] } }, "header values must be strings"],
    [{ provider: "calypso", body, headers: { other: null } }, "header values must be strings"],
    [{ body }, "`provider` is required"],
    [{ provider: 5, body }, "`provider` must be a string"],
    [{ provider: "calypso", body: 5 }, "`body` must be a string or a Uint8Array"],
    [{ provider: "calypso", body, secret: {} }, "`secret` must be a string or a Uint8Array"],
    [{ provider: "calypso", body, now: -1 }, "`now` must be a non-negative number"],
    [{ provider: "calypso", body, now: "1" }, "`now` must be a non-negative number"],
  ]) {
    const error = thrown(() => verifyWebhook(webhook));
    assert.ok(error instanceof TypeError, message);
    assert.equal(error.code, "invalid_input", message);
    assert.equal(error.message, message);
  }
  // A provider that failed once is not remembered as valid.
  assert.equal(thrown(() => verifyWebhook({ provider: "nope", body })).code, "signature_unknown_provider");
  assert.equal(thrown(() => verifyWebhook({ provider: "nope", body })).code, "signature_unknown_provider");
});
