// The published JSON Schemas (schema/*.v1.json) and the payment vectors (tests/vectors/payments/).
//
// 1. Both schemas compile under ajv's strict mode, and accept or reject hand-written documents as
//    they should (the ARCHITECTURE.md sketch, and broken variants of it).
// 2. Every `*.expected.json` under tests/vectors/payments/ is valid: against the payment event
//    schema when its path contains `/events/` or its name ends in `.event.expected.json`,
//    against the checkout document schema otherwise (`*.error.expected.json` holds an error, not
//    a document, and is left out).
// 3. The vectors taken from the gateways' docs are what SOURCES.md says they are: JSON, except the
//    printed examples that are not (each has a `.corrected.json` beside it), and the HAYVN
//    callbacks are up to date with their script and correctly signed.
//
// Needs only `ajv` (a devDependency), not the built package: `node --test tests/node/payment_schema.test.mjs`.

import assert from "node:assert/strict";
import { createHmac } from "node:crypto";
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { basename, dirname, join, relative, sep } from "node:path";
import { describe, test } from "node:test";
import { fileURLToPath, pathToFileURL } from "node:url";

import Ajv2020 from "ajv/dist/2020.js";

const root = join(dirname(fileURLToPath(import.meta.url)), "..", "..");
const schemaDir = join(root, "schema");
const vectorDir = join(root, "tests", "vectors", "payments");

const BASE = "https://crypto-checkout.dev/schema/";
const CHECKOUT_ID = `${BASE}checkout-document.v1.json`;
const EVENT_ID = `${BASE}payment-event.v1.json`;
const SCHEMA_FILES = ["defs.v1.json", "checkout-document.v1.json", "payment-event.v1.json"];

const readJson = (path) => JSON.parse(readFileSync(path, "utf8"));
const posix = (path) => path.split(sep).join("/");

/** Every file under `dir` (recursively), as absolute paths in a stable order. */
function walk(dir) {
  if (!existsSync(dir)) return [];
  return readdirSync(dir, { withFileTypes: true })
    .sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0))
    .flatMap((entry) => {
      const path = join(dir, entry.name);
      return entry.isDirectory() ? walk(path) : [path];
    });
}

function loadAjv() {
  // strict: unknown keywords, ignored keywords and type mistakes in the schemas are errors.
  const ajv = new Ajv2020({ strict: true, allErrors: true, allowUnionTypes: true });
  for (const file of SCHEMA_FILES) ajv.addSchema(readJson(join(schemaDir, file)));
  return {
    checkout: ajv.getSchema(CHECKOUT_ID),
    event: ajv.getSchema(EVENT_ID),
  };
}

const { checkout, event } = loadAjv();

function explain(validate) {
  return (validate.errors ?? [])
    .map((e) => `${e.instancePath || "(root)"} ${e.message} ${JSON.stringify(e.params)}`)
    .join("\n");
}

function assertValid(validate, document, what) {
  assert.ok(validate(document), `${what} should be valid:\n${explain(validate)}`);
}

/**
 * Asserts the document is invalid, and invalid for the expected reason: an error at
 * `instancePath`, and when given, with that `keyword` and those `params`.
 */
function assertInvalid(validate, document, { instancePath, keyword, params }, what) {
  assert.equal(validate(document), false, `${what} should be invalid`);
  const found = validate.errors.some(
    (e) =>
      e.instancePath === instancePath &&
      (keyword === undefined || e.keyword === keyword) &&
      (params === undefined ||
        Object.entries(params).every(([key, value]) => e.params[key] === value)),
  );
  assert.ok(
    found,
    `${what}: expected an error at "${instancePath}"${keyword ? ` (${keyword})` : ""}, got:\n${explain(validate)}`,
  );
}

const clone = (value) => structuredClone(value);
function without(document, key) {
  const copy = clone(document);
  delete copy[key];
  return copy;
}

// The sketch of ARCHITECTURE.md ("The checkout document"), completed with the properties it leaves
// out, and with its network "TRC20" written in the package's vocabulary ("tron").
const SKETCH = {
  schema: "crypto-checkout/v1",
  id: "chk_123",
  provider: "heropayments",
  direction: "deposit",
  state: "awaiting_payment",
  outcome: "pending",
  provider_status: "waiting",
  order_id: null,
  coin: "USDT",
  network: "tron",
  address: "TK3WYCu3a1bQWyBaxDDP5M8LfTYqswY3H9",
  tag: null,
  amount: "50.00",
  minimum_amount: "5",
  paid_amount: "0",
  remaining_amount: "50.00",
  excess_amount: null,
  fiat: { currency: "USD", amount: "50.00" },
  confirmations: { received: 0, required: 19 },
  expires_at: "2026-01-15T10:30:00Z",
  created_at: "2026-01-15T10:00:00Z",
  payments: [],
  warnings: [],
};

// The same checkout a few minutes later: the payment is on chain, not yet confirmed.
const SKETCH_CONFIRMING = {
  ...clone(SKETCH),
  state: "confirming",
  provider_status: "confirming",
  order_id: "1254435345456456",
  paid_amount: "50.00",
  remaining_amount: "0",
  confirmations: { received: 3, required: 19 },
  payments: [
    {
      id: null,
      txid: "c6535f78884388e3c0a11532f918ba8c1ef0e7f2c07efd382cd6e6e1ca093e1d",
      amount: "50.00",
      sequence: "original",
      confirmed: false,
      created_at: "2026-01-15T10:04:12.889014+00:00",
    },
  ],
  warnings: [{ code: "amount_was_number", message: "amount was a JSON number: 50" }],
};

// A HAYVN payment_complete callback, normalized.
const EVENT = {
  schema: "crypto-checkout/event/v1",
  provider: "hayvn",
  event_key: "9b911c86-2c93-4ed6-b8d6-c5911095c221",
  event_type: "payment_complete",
  payment_id: "e4f78557-7fb4-42da-89b2-6874d235c70d",
  order_id: null,
  direction: "deposit",
  state: "paid",
  outcome: "success",
  provider_status: "completed",
  coin: "BTC",
  network: "bitcoin",
  address: "tb1qcq9ne8jjgnss4xyt2cdn37g674ngmfy07yum2g",
  tag: null,
  amount: "0.00094700",
  paid_amount: "0.00094700",
  txids: ["c5020b9615eaff5586f595655a22e8d61cf64161172811406d9c3801bd1e7b90"],
  payments: [
    {
      id: "2ceeeec5-acbf-4fed-98f3-99c364532322",
      txid: "c5020b9615eaff5586f595655a22e8d61cf64161172811406d9c3801bd1e7b90",
      amount: "0.00094700",
      sequence: null,
      confirmed: true,
      created_at: "2022-01-17T22:16:03.399328+00:00",
    },
  ],
  sequence: null,
  confirmations: null,
  fiat: { currency: "USD", amount: "9.47000000" },
  warnings: [],
};

describe("the schemas", () => {
  test("compile in ajv's strict mode, each under the $id its file name gives", () => {
    for (const file of SCHEMA_FILES) {
      const schema = readJson(join(schemaDir, file));
      assert.equal(schema.$schema, "https://json-schema.org/draft/2020-12/schema", file);
      assert.equal(schema.$id, `${BASE}${file}`, file);
    }
    assert.equal(typeof checkout, "function");
    assert.equal(typeof event, "function");
  });

  test("the two documents require every property they define but the optional ones, and nothing else", () => {
    // `revision` came after v1's first documents: a backend may leave it out.
    const optional = { "checkout-document.v1.json": ["revision"], "payment-event.v1.json": [] };
    for (const [id, leftOut] of Object.entries(optional)) {
      const schema = readJson(join(schemaDir, id));
      const defined = Object.keys(schema.properties).filter((name) => !leftOut.includes(name));
      assert.deepEqual([...schema.required].sort(), defined.sort(), id);
      assert.equal(schema.additionalProperties, false, id);
    }
  });
});

describe("checkout document schema: hand-written documents", () => {
  test("the ARCHITECTURE.md sketch (network tron) is valid", () => {
    assertValid(checkout, SKETCH, "sketch");
  });

  test("a revision may be given, as a non-negative integer", () => {
    assertValid(checkout, { ...SKETCH, revision: 7 }, "revision 7");
    assertValid(checkout, { ...SKETCH, revision: null }, "revision null");
    for (const revision of [-1, 1.5, "7"]) {
      assert.equal(checkout({ ...SKETCH, revision }), false, `revision ${JSON.stringify(revision)}`);
    }
  });

  test("a confirming checkout with a payment and a warning is valid", () => {
    assertValid(checkout, SKETCH_CONFIRMING, "confirming checkout");
  });

  test("every nullable property may be null", () => {
    const document = clone(SKETCH);
    for (const key of [
      "order_id",
      "coin",
      "network",
      "address",
      "tag",
      "amount",
      "minimum_amount",
      "remaining_amount",
      "excess_amount",
      "fiat",
      "confirmations",
      "expires_at",
      "created_at",
    ]) {
      document[key] = null;
    }
    assertValid(checkout, document, "all-null checkout");
    assertValid(checkout, { ...clone(SKETCH), fiat: { currency: "USDT", amount: null } }, "fiat amount null");
    assertValid(checkout, { ...clone(SKETCH), confirmations: { received: 2, required: null } }, "required null");
  });

  const broken = [
    ["amount as a number", { ...SKETCH, amount: 50 }, { instancePath: "/amount" }],
    ['amount "1e-7"', { ...SKETCH, amount: "1e-7" }, { instancePath: "/amount" }],
    ["negative amount", { ...SKETCH, amount: "-50.00" }, { instancePath: "/amount" }],
    ["unknown state", { ...SKETCH, state: "waiting" }, { instancePath: "/state", keyword: "enum" }],
    [
      "missing outcome",
      without(SKETCH, "outcome"),
      { instancePath: "", keyword: "required", params: { missingProperty: "outcome" } },
    ],
    [
      "an extra property",
      { ...SKETCH, status: "waiting" },
      { instancePath: "", keyword: "additionalProperties", params: { additionalProperty: "status" } },
    ],
    ['network "TRC20"', { ...SKETCH, network: "TRC20" }, { instancePath: "/network", keyword: "enum" }],
    ["paid_amount null", { ...SKETCH, paid_amount: null }, { instancePath: "/paid_amount" }],
    ['paid_amount ""', { ...SKETCH, paid_amount: "" }, { instancePath: "/paid_amount" }],
    ["another schema version", { ...SKETCH, schema: "crypto-checkout/v2" }, { instancePath: "/schema" }],
    ["empty id", { ...SKETCH, id: "" }, { instancePath: "/id" }],
    ["empty provider_status", { ...SKETCH, provider_status: "" }, { instancePath: "/provider_status" }],
    ["unknown provider", { ...SKETCH, provider: "standard" }, { instancePath: "/provider" }],
    ["unknown outcome", { ...SKETCH, outcome: "complete" }, { instancePath: "/outcome" }],
    ["unknown direction", { ...SKETCH, direction: "payout" }, { instancePath: "/direction" }],
    ["lowercase coin", { ...SKETCH, coin: "usdt" }, { instancePath: "/coin" }],
    ["gateway coin spelling", { ...SKETCH, coin: "USDT-TRC20" }, { instancePath: "/coin" }],
    ["empty address", { ...SKETCH, address: "" }, { instancePath: "/address" }],
    ["empty tag", { ...SKETCH, tag: "" }, { instancePath: "/tag" }],
    [
      "fiat with an extra property",
      { ...SKETCH, fiat: { currency: "USD", amount: "50.00", rate: "1" } },
      { instancePath: "/fiat" },
    ],
    [
      "fiat amount as a number",
      { ...SKETCH, fiat: { currency: "USD", amount: 50 } },
      { instancePath: "/fiat/amount" },
    ],
    [
      "lowercase fiat currency",
      { ...SKETCH, fiat: { currency: "usd", amount: "50.00" } },
      { instancePath: "/fiat/currency" },
    ],
    [
      "negative confirmations",
      { ...SKETCH, confirmations: { received: -1, required: 19 } },
      { instancePath: "/confirmations/received" },
    ],
    [
      "fractional confirmations",
      { ...SKETCH, confirmations: { received: 1.5, required: 19 } },
      { instancePath: "/confirmations/received" },
    ],
    ["confirmations as a number", { ...SKETCH, confirmations: 19 }, { instancePath: "/confirmations" }],
    ["expires_at as unix seconds", { ...SKETCH, expires_at: "1543657837" }, { instancePath: "/expires_at" }],
    ["expires_at as a date", { ...SKETCH, expires_at: "2026-01-15" }, { instancePath: "/expires_at" }],
    ["payments missing", without(SKETCH, "payments"), { instancePath: "", keyword: "required" }],
    ["warnings missing", without(SKETCH, "warnings"), { instancePath: "", keyword: "required" }],
    [
      'payment amount "..."',
      { ...SKETCH_CONFIRMING, payments: [{ ...SKETCH_CONFIRMING.payments[0], amount: "..." }] },
      { instancePath: "/payments/0/amount" },
    ],
    [
      "payment without confirmed",
      { ...SKETCH_CONFIRMING, payments: [without(SKETCH_CONFIRMING.payments[0], "confirmed")] },
      { instancePath: "/payments/0", keyword: "required" },
    ],
    [
      "payment with an extra property",
      { ...SKETCH_CONFIRMING, payments: [{ ...SKETCH_CONFIRMING.payments[0], confirmations: 3 }] },
      { instancePath: "/payments/0", keyword: "additionalProperties" },
    ],
    [
      "warning without message",
      { ...SKETCH, warnings: [{ code: "unknown_status" }] },
      { instancePath: "/warnings/0", keyword: "required" },
    ],
  ];
  for (const [name, document, where] of broken) {
    test(`invalid: ${name}`, () => assertInvalid(checkout, document, where, name));
  }

  // The outcomes each state may have in each direction (State::outcomes in src/payment.rs),
  // and every other pair refused: a document that shows a payment received while telling the
  // merchant to wait, or a success nothing arrived for, contradicts itself. Only a withdrawal
  // can be expired and still under way.
  const outcomesOf = (direction) => ({
    awaiting_payment: ["pending"],
    confirming: ["pending"],
    converting: ["pending"],
    paid: ["success"],
    underpaid: ["pending", "success", "failure"],
    overpaid: ["pending", "success", "failure"],
    expired: direction === "withdrawal" ? ["failure", "pending"] : ["failure"],
    failed: ["failure"],
    refunded: ["failure"],
    on_hold: ["pending"],
    address_reused: ["pending"],
    cancelled: ["failure"],
    unknown: ["pending"],
  });
  for (const direction of ["deposit", "withdrawal"]) {
    for (const [state, allowed] of Object.entries(outcomesOf(direction))) {
      for (const outcome of ["pending", "success", "failure"]) {
        const document = { ...SKETCH, direction, state, outcome };
        const pair = `${direction} ${state}/${outcome}`;
        if (allowed.includes(outcome)) {
          test(`${direction} in state ${state} with outcome ${outcome} is valid`, () =>
            assertValid(checkout, document, pair));
        } else {
          test(`invalid: ${direction} in state ${state} with outcome ${outcome}`, () =>
            assertInvalid(checkout, document, { instancePath: "/state" }, pair));
        }
      }
    }
  }
});

describe("decimal and timestamp definitions", () => {
  const decimals = [
    "0",
    "5",
    "10",
    "50.00",
    "0.01",
    "0.00094700",
    "0.0",
    "123456789012345678901234567890.000000000000000001",
  ];
  // "١" is ARABIC-INDIC DIGIT ONE: the pattern takes ASCII digits only.
  const notDecimals = [
    ["", "01", "00", "-0", "-1", "+1", ".5", "5."],
    ["1e-7", "1E7", "1,5", " 1", "1 ", "0x10", "NaN", "Infinity", "١"],
  ].flat();
  for (const value of decimals) {
    test(`decimal ${JSON.stringify(value)} is valid`, () => {
      assertValid(checkout, { ...SKETCH, amount: value }, value);
    });
  }
  for (const value of notDecimals) {
    test(`decimal ${JSON.stringify(value)} is invalid`, () => {
      assertInvalid(checkout, { ...SKETCH, amount: value }, { instancePath: "/amount" }, value);
    });
  }

  // As the gateways send them: HAYVN, CryptoPayment.center, Calypso (no offset), and RFC 3339 forms.
  const timestamps = [
    "2022-01-17T22:15:05.859322+00:00",
    "2024-01-15T10:30:00+00:00",
    "2022-03-15T12:13:05.909616",
    "2026-01-15T10:30:00Z",
    "2026-01-15t10:30:00z",
    "2026-12-31T23:59:60-05:30",
  ];
  const notTimestamps = [
    "1543657837",
    "2024-01-15",
    "2024-01-15 10:30:00",
    "2024-13-01T00:00:00Z",
    "2024-01-32T00:00:00Z",
    "2024-01-15T24:00:00Z",
    "2024-01-15T10:30Z",
    "2024-01-15T10:30:00.Z",
    "2024-01-15T10:30:00+0000",
    "2024-01-15T10:30:00 UTC",
  ];
  for (const value of timestamps) {
    test(`timestamp ${JSON.stringify(value)} is valid`, () => {
      assertValid(checkout, { ...SKETCH, created_at: value }, value);
    });
  }
  for (const value of notTimestamps) {
    test(`timestamp ${JSON.stringify(value)} is invalid`, () => {
      assertInvalid(checkout, { ...SKETCH, created_at: value }, { instancePath: "/created_at" }, value);
    });
  }
});

describe("payment event schema: hand-written documents", () => {
  test("a normalized HAYVN payment_complete callback is valid", () => {
    assertValid(event, EVENT, "event");
  });

  test("every nullable property may be null", () => {
    const document = clone(EVENT);
    for (const key of [
      "event_type",
      "payment_id",
      "order_id",
      "coin",
      "network",
      "address",
      "tag",
      "amount",
      "paid_amount",
      "sequence",
      "confirmations",
      "fiat",
    ]) {
      document[key] = null;
    }
    document.txids = [];
    document.payments = [];
    assertValid(event, document, "all-null event");
  });

  test("a checkout document is not an event, nor an event a checkout document", () => {
    assertInvalid(event, SKETCH, { instancePath: "/schema" }, "checkout as event");
    assertInvalid(checkout, EVENT, { instancePath: "/schema" }, "event as checkout");
  });

  const broken = [
    ["schema of the checkout document", { ...EVENT, schema: "crypto-checkout/v1" }, { instancePath: "/schema" }],
    [
      "missing event_key",
      without(EVENT, "event_key"),
      { instancePath: "", keyword: "required", params: { missingProperty: "event_key" } },
    ],
    ["empty event_key", { ...EVENT, event_key: "" }, { instancePath: "/event_key" }],
    ["paid_amount as a number", { ...EVENT, paid_amount: 0.000947 }, { instancePath: "/paid_amount" }],
    ['amount "1e-7"', { ...EVENT, amount: "1e-7" }, { instancePath: "/amount" }],
    ["txids as a string", { ...EVENT, txids: EVENT.txids[0] }, { instancePath: "/txids" }],
    ["a null txid", { ...EVENT, txids: [null] }, { instancePath: "/txids/0" }],
    ["unknown state", { ...EVENT, state: "complete" }, { instancePath: "/state" }],
    ["a success nothing arrived for", { ...EVENT, state: "awaiting_payment", outcome: "success" }, { instancePath: "/state" }],
    ["direction null", { ...EVENT, direction: null }, { instancePath: "/direction" }],
    ['network "TRC20"', { ...EVENT, network: "TRC20" }, { instancePath: "/network" }],
    [
      "a checkout-only property",
      { ...EVENT, remaining_amount: "0" },
      { instancePath: "", keyword: "additionalProperties", params: { additionalProperty: "remaining_amount" } },
    ],
    ["a transfer without its amount", { ...EVENT, payments: [{ ...EVENT.payments[0], amount: undefined }] }, { instancePath: "/payments/0" }],
  ];
  for (const [name, document, where] of broken) {
    test(`invalid: ${name}`, () => assertInvalid(event, document, where, name));
  }
});

describe("expected documents (*.expected.json under tests/vectors/payments/)", () => {
  // `*.error.expected.json` holds the error a document gives, not a document.
  const expected = walk(vectorDir).filter(
    (path) => basename(path).endsWith(".expected.json") && !basename(path).endsWith(".error.expected.json"),
  );
  const isEvent = (rel) => rel.includes("/events/") || rel.endsWith(".event.expected.json");

  if (expected.length === 0) {
    test("there are none yet: only the hand-written documents above were checked", (t) => {
      t.diagnostic("no *.expected.json under tests/vectors/payments/");
    });
  }
  for (const path of expected) {
    const rel = posix(relative(root, path));
    const kind = isEvent(`/${rel}`) ? "event" : "checkout";
    test(`${rel} is a valid ${kind === "event" ? "payment event" : "checkout document"}`, () => {
      const document = readJson(path);
      const validate = kind === "event" ? event : checkout;
      assertValid(validate, document, rel);
    });
  }
});

describe("vectors from the gateways' docs", () => {
  const own = [join(vectorDir, "docs"), join(vectorDir, "tables")];
  const files = own.flatMap(walk).filter((path) => path.endsWith(".json") && !path.endsWith(".expected.json"));

  test("there are vectors for HAYVN, CryptoPayment.center, iqpay and Calypso", () => {
    // Heropayments' docs print no response or callback example, so none is taken from them.
    const providers = new Set(files.map((path) => posix(relative(vectorDir, path)).split("/")[1]));
    for (const provider of ["calypso", "cryptopayment", "hayvn", "iqpay"]) {
      assert.ok(providers.has(provider), provider);
    }
  });

  for (const path of files) {
    const rel = posix(relative(vectorDir, path));
    if (rel.endsWith(".corrected.json")) {
      test(`${rel} is JSON`, () => readJson(path));
      continue;
    }
    const corrected = path.replace(/\.json$/, ".corrected.json");
    if (existsSync(corrected)) {
      test(`${rel} is not JSON as printed (its correction is)`, () => {
        assert.throws(() => JSON.parse(readFileSync(path, "utf8")), SyntaxError);
      });
    } else {
      test(`${rel} is JSON`, () => readJson(path));
    }
  }

  test("the HAYVN callbacks are those make_callbacks.mjs writes, signed with the callback token", async () => {
    const script = join(vectorDir, "tables", "hayvn", "make_callbacks.mjs");
    const { buildCallbacks, CALLBACK_TOKEN } = await import(pathToFileURL(script).href);
    const built = buildCallbacks();
    const onDisk = walk(dirname(script)).filter((path) => /\/callback-[a-z_]+\.json$/.test(posix(path)));
    assert.deepEqual(onDisk.map((path) => basename(path)).sort(), built.map((b) => b.file).sort());
    for (const { file, text } of built) {
      assert.equal(readFileSync(join(dirname(script), file), "utf8"), text, `${file} is out of date`);
      const body = JSON.parse(text);
      assert.equal(file, `callback-${body.callback_status}.json`);
      const signature = createHmac("sha256", CALLBACK_TOKEN).update(body.callback_id).digest("hex");
      assert.equal(body.signature, signature, file);
    }
  });
});
