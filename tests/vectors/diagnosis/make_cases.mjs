// Writes node.json: signatures made with a known mistake (and correct ones), by Node's own
// crypto, JSON and Buffer following the gateways' sample code, each with the diagnosis the
// validator must give. HAYVN request signatures, whose reference is the docs' Python sample,
// come from make_cases.py (python.json).
//
//   node tests/vectors/diagnosis/make_cases.mjs
import { createHmac } from "node:crypto";
import { writeFileSync } from "node:fs";

const hmac = (algorithm, key, data, encoding = "hex") => createHmac(algorithm, key).update(data).digest(encoding);
const normalize = (body) => JSON.stringify(JSON.parse(body));

const cases = [];
/** A case: `inputs` for the validator, the signature as received, the expected outcome. */
function add(name, scheme, inputs, received, finding, mistake = null) {
  cases.push({ name, scheme, inputs: { ...inputs, received }, expected: { finding, mistake } });
}

// Heropayments: HMAC-SHA512 of JSON.stringify(JSON.parse(body)); a GET signs its query without "?".
{
  const secret = "hp_secret_7f3a9c2e51d84b06";
  // Pretty-printed, with a number JSON.stringify rewrites (50.10) and a key it moves ("10").
  const body = '{\n  "externalOrderId": "1254435345456456",\n  "amount": 50.10,\n  "10": "x",\n  "note": "caf\\u00e9"\n}\n';
  const normalized = normalize(body);
  for (const scheme of ["heropayments-post", "heropayments-callback"]) {
    const inputs = { secret, body };
    add(`${scheme}: correct`, scheme, inputs, hmac("sha512", secret, normalized), "match");
    add(`${scheme}: raw body`, scheme, inputs, hmac("sha512", secret, body), "mismatch", "raw_body");
    add(`${scheme}: pretty-printed`, scheme, inputs, hmac("sha512", secret, JSON.stringify(JSON.parse(body), null, 2)), "mismatch", "pretty_printed");
    add(`${scheme}: pretty-printed, tabs`, scheme, inputs, hmac("sha512", secret, JSON.stringify(JSON.parse(body), null, "\t")), "mismatch", "pretty_printed");
    add(`${scheme}: trailing newline`, scheme, inputs, hmac("sha512", secret, `${normalized}\n`), "mismatch", "trailing_newline");
    add(`${scheme}: double encoded`, scheme, inputs, hmac("sha512", secret, JSON.stringify(normalized)), "mismatch", "double_encoded");
    add(`${scheme}: secret with a newline`, scheme, inputs, hmac("sha512", `${secret}\n`, normalized), "mismatch", "secret_whitespace");
    add(`${scheme}: given secret with a space, signer's without`, scheme, { secret: ` ${secret}`, body }, hmac("sha512", secret, normalized), "mismatch", "secret_whitespace");
    add(`${scheme}: SHA-256`, scheme, inputs, hmac("sha256", secret, normalized), "mismatch", "wrong_algorithm");
    add(`${scheme}: wrong secret`, scheme, inputs, hmac("sha512", "another secret", normalized), "mismatch");
  }
  const post = { secret, body };
  add("heropayments-post: base64", "heropayments-post", post, hmac("sha512", secret, normalized, "base64"), "mismatch", "wrong_encoding");
  add("heropayments-post: uppercase hex", "heropayments-post", post, hmac("sha512", secret, normalized).toUpperCase(), "mismatch", "wrong_encoding");
  add("heropayments-callback: base64 is accepted", "heropayments-callback", post, hmac("sha512", secret, normalized, "base64"), "match");
  add("heropayments-callback: uppercase hex is accepted", "heropayments-callback", post, hmac("sha512", secret, normalized).toUpperCase(), "match");
  add("heropayments-callback: signature in pasted headers", "heropayments-callback",
    { secret, body, headers: `POST /callback HTTP/1.1\nContent-Type: application/json\nX-Api-Sign: ${hmac("sha512", secret, normalized)}\n` }, "", "match");

  const get = { secret, query: "foo=bar&page=2" };
  add("heropayments-get: correct", "heropayments-get", get, hmac("sha512", secret, "foo=bar&page=2"), "match");
  add("heropayments-get: given with ?, signed without", "heropayments-get", { secret, query: "?foo=bar&page=2" }, hmac("sha512", secret, "foo=bar&page=2"), "match");
  add("heropayments-get: ? signed", "heropayments-get", get, hmac("sha512", secret, "?foo=bar&page=2"), "mismatch", "question_mark");
  add("heropayments-get: no query, empty string", "heropayments-get", { secret, query: "" }, hmac("sha512", secret, ""), "match");
  add("heropayments-get: no query, {} signed", "heropayments-get", { secret, query: "" }, hmac("sha512", secret, "{}"), "mismatch", "signed_empty_object");
}

// HAYVN callbacks: HMAC-SHA256 of callback_id keyed with the callback token.
{
  const token = "hayvn_callback_token_a81f";
  const unsigned = { result: { id: "p-1", status: "completed" }, callback_id: "5f1d7e2a-93b4", callback_status: "payment_complete" };
  const signedBody = (signature) => JSON.stringify({ ...unsigned, signature });
  const good = hmac("sha256", token, unsigned.callback_id);
  add("hayvn-callback: correct (from the body's field)", "hayvn-callback", { secret: token, body: signedBody(good) }, "", "match");
  add("hayvn-callback: whole body signed", "hayvn-callback", { secret: token, body: JSON.stringify(unsigned) },
    hmac("sha256", token, JSON.stringify(unsigned)), "mismatch", "signed_body");
  add("hayvn-callback: SHA-512", "hayvn-callback", { secret: token, body: signedBody(hmac("sha512", token, unsigned.callback_id)) }, "", "mismatch", "wrong_algorithm");
  add("hayvn-callback: body without callback_id", "hayvn-callback", { secret: token, body: '{"signature":"00"}' }, "", "incomplete");
}

// CryptoPayment.center: HMAC-SHA256 of invoice_id + "." + event, keyed with the base64-decoded APP_KEY.
{
  const appKey = Buffer.from("merchant-app-key-0123456789abcdef").toString("base64");
  const key = Buffer.from(appKey, "base64");
  const base = { event: "payment.confirmed", invoice_id: "550e8400-e29b-41d4-a716-446655440000", status: "confirmed" };
  const body = (signature) => JSON.stringify({ ...base, signature });
  const message = `${base.invoice_id}.${base.event}`;
  add("cryptopayment-webhook: correct", "cryptopayment-webhook", { secret: appKey, body: body(hmac("sha256", key, message)) }, "", "match");
  add("cryptopayment-webhook: APP_KEY not decoded", "cryptopayment-webhook", { secret: appKey, body: body(hmac("sha256", appKey, message)) }, "", "mismatch", "app_key_not_decoded");
  add("cryptopayment-webhook: joined with :", "cryptopayment-webhook", { secret: appKey, body: body(hmac("sha256", key, `${base.invoice_id}:${base.event}`)) }, "", "mismatch", "colon_separator");
  add("cryptopayment-webhook: SHA-512", "cryptopayment-webhook", { secret: appKey, body: body(hmac("sha512", key, message)) }, "", "mismatch", "wrong_algorithm");
  add("cryptopayment-webhook: APP_KEY not base64", "cryptopayment-webhook", { secret: "not base64!", body: body("00") }, "", "incomplete");
}

// Calypso: HMAC-SHA512 of the raw body, in the Sign header.
{
  const secret = "calypso_webhook_secret_5a6b";
  const body = '{"requestId":"r-1","id":1,"eventType":"INVOICE_PAID","data":{"amount":0.01,"currency":"ETH"}}';
  const withNewline = `${body}\n`;
  add("calypso-webhook: correct", "calypso-webhook", { secret, body }, hmac("sha512", secret, body), "match");
  add("calypso-webhook: re-serialized", "calypso-webhook", { secret, body: body.replace('"amount":0.01', '"amount":0.010') },
    hmac("sha512", secret, normalize(body)), "mismatch", "normalized_body");
  add("calypso-webhook: pretty-printed", "calypso-webhook", { secret, body }, hmac("sha512", secret, JSON.stringify(JSON.parse(body), null, 2)), "mismatch", "pretty_printed");
  add("calypso-webhook: received with a newline the signer did not sign", "calypso-webhook", { secret, body: withNewline }, hmac("sha512", secret, body), "mismatch", "trailing_newline");
  add("calypso-webhook: SHA-256", "calypso-webhook", { secret, body }, hmac("sha256", secret, body), "mismatch", "wrong_algorithm");
  add("calypso-webhook: signature in pasted headers", "calypso-webhook", { secret, body, headers: `Sign: ${hmac("sha512", secret, body)}` }, "", "match");
}

// Standard Webhooks: v1,base64(HMAC-SHA256(base64-decoded secret, id.timestamp.body)).
{
  const secret = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw";
  const key = Buffer.from(secret.slice("whsec_".length), "base64");
  const [id, timestamp, body] = ["msg_p5jXN8AQM9LWM0D4loKWxJek", "1614265330", '{"test": 2432232314}'];
  const inputs = { secret, body, message_id: id, timestamp };
  const signed = `${id}.${timestamp}.${body}`;
  add("standard-webhook: correct", "standard-webhook", inputs, `v1,${hmac("sha256", key, signed, "base64")}`, "match");
  add("standard-webhook: rotated keys, the second matches", "standard-webhook", inputs,
    `v1,${hmac("sha256", "old", signed, "base64")} v1,${hmac("sha256", key, signed, "base64")}`, "match");
  add("standard-webhook: secret not decoded", "standard-webhook", inputs, `v1,${hmac("sha256", secret, signed, "base64")}`, "mismatch", "secret_not_decoded");
  add("standard-webhook: milliseconds", "standard-webhook", inputs, `v1,${hmac("sha256", key, `${id}.${timestamp}000.${body}`, "base64")}`, "mismatch", "timestamp_milliseconds");
  add("standard-webhook: hex", "standard-webhook", inputs, `v1,${hmac("sha256", key, signed)}`, "mismatch", "wrong_encoding");
  add("standard-webhook: no v1 prefix", "standard-webhook", inputs, hmac("sha256", key, signed, "base64"), "mismatch", "wrong_encoding");
  add("standard-webhook: headers pasted", "standard-webhook", { secret, body,
    headers: `webhook-id: ${id}\nwebhook-timestamp: ${timestamp}\nwebhook-signature: v1,${hmac("sha256", key, signed, "base64")}` }, "", "match");
}

// iqpay signs nothing.
add("iqpay-webhook: unsigned", "iqpay-webhook", { secret: "", body: '{"txid":"t","status":1}' }, "", "unsigned");

writeFileSync(new URL("node.json", import.meta.url), `${JSON.stringify({
  generated_by: "make_cases.mjs",
  oracle: "node:crypto createHmac, JSON.stringify(JSON.parse()), Buffer base64, following each gateway's sample code",
  cases,
}, null, 2)}\n`);
console.log(`${cases.length} cases`);
