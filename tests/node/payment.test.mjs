// normalizePayment and normalizeWebhook in the built package: every fixture of
// tests/vectors/payments/ gives, through the wasm binding, exactly the reviewed document, event
// or error that the Rust tests check (tests/payment_fixtures.rs), and options and thrown errors
// have the documented shape.
import { test } from "node:test";
import assert from "node:assert/strict";
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { basename, dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { normalizeConfirmedWebhook, normalizePayment, normalizeWebhook, verifyWebhook } from "crypto-checkout";

const ROOT = fileURLToPath(new URL("../vectors/payments/", import.meta.url));
const PROVIDERS = ["heropayments", "hayvn", "cryptopayment", "iqpay", "calypso"];

/** Every fixture document: `<provider>/<name>.json`, not an expected or options file. */
function fixtures(directory) {
  return readdirSync(directory, { withFileTypes: true }).flatMap((entry) => {
    const path = join(directory, entry.name);
    if (entry.isDirectory()) return fixtures(path);
    const isDocument =
      entry.name.endsWith(".json") &&
      !entry.name.endsWith(".expected.json") &&
      !entry.name.endsWith(".options.json");
    return isDocument && PROVIDERS.includes(basename(dirname(path))) ? [path] : [];
  });
}

const readJson = (path) => (existsSync(path) ? JSON.parse(readFileSync(path, "utf8")) : undefined);

/** What `fn` returns, or the error it throws as `{ code, field?, line?, column?, message }`. */
function outcome(fn) {
  try {
    return { value: fn() };
  } catch (error) {
    const shape = { code: error.code, message: error.message };
    for (const key of ["field", "input", "line", "column"]) if (key in error) shape[key] = error[key];
    return { error: shape };
  }
}

const paths = fixtures(ROOT);

test("the fixtures are there", () => {
  assert.ok(paths.length >= 40, `${paths.length} fixtures`);
});

for (const path of paths) {
  const name = path.slice(ROOT.length);
  test(name, () => {
    const provider = basename(dirname(path));
    const stem = path.slice(0, -".json".length);
    const options = readJson(`${stem}.options.json`);
    const bytes = readFileSync(path);
    const payment = outcome(() => normalizePayment(provider, bytes, options));
    assert.deepEqual(payment.value, readJson(`${stem}.expected.json`), "checkout document");
    assert.deepEqual(payment.error, readJson(`${stem}.error.expected.json`), "error");
    // The same from a string.
    assert.deepEqual(outcome(() => normalizePayment(provider, bytes.toString("utf8"), options)), payment);
    const event = outcome(() => normalizeWebhook(provider, bytes, options));
    assert.deepEqual(event.value, readJson(`${stem}.event.expected.json`), "payment event");
  });
}

test("verifyWebhook reports the event key that normalizeWebhook gives", () => {
  for (const path of paths.filter((path) => existsSync(path.replace(/\.json$/, ".event.expected.json")))) {
    const provider = basename(dirname(path));
    if (provider !== "iqpay") continue; // iqpay needs no secret: its verdict is "unsigned"
    const body = readFileSync(path);
    const verification = verifyWebhook({ provider, body });
    assert.equal(verification.verdict, "unsigned");
    assert.equal(verification.eventKey, normalizeWebhook(provider, body).event_key, path);
  }
});

test("options: direction, mode, tolerance as strings or numbers, id", () => {
  const heropayments = JSON.stringify({ id: "p", externalOrderId: "o", status: "expired" });
  assert.equal(normalizePayment("heropayments", heropayments, { direction: "deposit" }).outcome, "failure");
  assert.equal(normalizePayment("heropayments", heropayments, { direction: "withdrawal" }).outcome, "pending");
  const invoice = (paid) =>
    `{"invoice":{"id":"i","status":"confirming","coin":"BTC","network":"btc","address":"bc1q","amount_crypto":0.102041,"paid_amount":${paid}}}`;
  for (const tolerance of [{ below: 1, above: 5 }, { below: "1", above: "5.0" }]) {
    const checkout = normalizePayment("cryptopayment", invoice("0.1"), { tolerance });
    assert.equal(checkout.state, "underpaid");
    assert.equal(checkout.remaining_amount, "0.002041");
  }
  assert.equal(normalizePayment("cryptopayment", invoice("0.1"), { mode: "topup", tolerance: { below: 1, above: 5 } }).state, "confirming");
  const list = '{"invoices":[{"id":"a","status":"pending","address":"x"},{"id":"b","status":"expired","address":"y"}]}';
  assert.equal(normalizePayment("cryptopayment", list, { id: "b" }).state, "expired");
  assert.equal(outcome(() => normalizePayment("cryptopayment", list)).error.code, "payment_ambiguous");
  // An object is accepted (its numbers already went through JSON.parse).
  assert.equal(normalizePayment("cryptopayment", JSON.parse(invoice("0.1"))).paid_amount, "0.1");
});

test("errors carry code, provider and field", () => {
  const cases = [
    [() => normalizePayment("nope", "{}"), "payment_unknown_provider"],
    [() => normalizePayment("standard", "{}"), "payment_unknown_provider"],
    [() => normalizePayment("cryptopayment", "{}", { mode: "sometimes" }), "payment_invalid_option"],
    [() => normalizePayment("cryptopayment", "{}", { tolerance: { below: -1, above: 5 } }), "payment_invalid_option"],
    [() => normalizePayment("cryptopayment", "{}", { direction: "sideways" }), "payment_invalid_option"],
  ];
  for (const [fn, code] of cases) assert.equal(outcome(fn).error.code, code);
  // An unknown provider is named in the message, as an excerpt of what was given.
  assert.match(outcome(() => normalizePayment("stripe", "{}")).error.message, /unknown provider `stripe`/);
  const long = outcome(() => normalizePayment("x".repeat(100_000), "{}")).error.message;
  assert.ok(long.length < 200, long);
  try {
    normalizePayment("hayvn", '{"result":{"id":"h","status":"new","payment_currency":"BTC","payment_amount":"x","address":"a"}}');
    assert.fail("expected an exception");
  } catch (error) {
    assert.ok(error instanceof Error);
    assert.equal(error.code, "payment_invalid_field");
    assert.equal(error.provider, "hayvn");
    assert.equal(error.field, "result.payment_amount");
    assert.match(error.message, /^hayvn: field `result.payment_amount` is not an amount/);
  }
  const broken = outcome(() => normalizeWebhook("iqpay", "{\n  'status': 1\n}")).error;
  assert.deepEqual([broken.code, broken.line, broken.column], ["payment_invalid_json", 2, 3]);
});

test("normalizeConfirmedWebhook: the webhook's key, the rest from the document read back", () => {
  // The docs' webhook shortens the invoice id: give it the id of the docs' invoice.
  const invoice = "550e8400-e29b-41d4-a716-446655440000";
  const tables = join(ROOT, "tables", "cryptopayment");
  const webhook = readFileSync(join(tables, "webhook-payment-detected.json"), "utf8").replaceAll("550e8400-...", invoice);
  const document = readFileSync(join(tables, "invoice-get-confirmed.json"));
  const read = readJson(join(tables, "invoice-get-confirmed.expected.json"));
  const event = normalizeConfirmedWebhook("cryptopayment", webhook, document);
  assert.equal(event.event_key, normalizeWebhook("cryptopayment", webhook).event_key);
  for (const field of ["state", "outcome", "provider_status", "paid_amount", "payments"]) {
    assert.deepEqual(event[field], read[field], field);
  }
  const other = outcome(() => normalizeConfirmedWebhook("cryptopayment", webhook.replaceAll(invoice, "inv-2"), document));
  assert.equal(other.error?.code, "payment_invalid_field");
  assert.equal(other.error?.field, "id");
  assert.equal(other.error?.input, "document");
  // Each input's own errors say which input is wrong, in `input` and in the message.
  const badBody = outcome(() => normalizeConfirmedWebhook("cryptopayment", "{", document)).error;
  assert.deepEqual([badBody?.code, badBody?.input], ["payment_invalid_json", "body"]);
  assert.match(badBody.message, /^cryptopayment: the webhook body is not json: /);
  const badDocument = outcome(() => normalizeConfirmedWebhook("cryptopayment", webhook, "[1,")).error;
  assert.deepEqual([badDocument?.code, badDocument?.input], ["payment_invalid_json", "document"]);
  assert.match(badDocument.message, /^cryptopayment: the document read back is not json: /);
  assert.equal(outcome(() => normalizeWebhook("cryptopayment", "{")).error?.input, undefined);
  // Arguments of the wrong type are named too.
  assert.equal(outcome(() => normalizeConfirmedWebhook("cryptopayment", 42, document)).error?.message,
    "`body` must be a string or a Uint8Array");
  assert.equal(outcome(() => normalizeConfirmedWebhook("cryptopayment", webhook, 42)).error?.message,
    "`document` must be a string or a Uint8Array");
});
