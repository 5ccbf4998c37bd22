// paymentUri in the built package: every case of tests/vectors/uri/cases.json (made by
// make_cases.mjs with BigInt arithmetic) gives exactly the expected URI or error code, and every
// URI the package writes reads back, with third-party parsers (npm `bip21`, `eth-url-parser`, the
// EIP-681 grammar, WHATWG URL), to the instruction's address, amount, tag and label.
import { test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { paymentUri } from "crypto-checkout";
import { counts, readBack } from "../vectors/uri/read_back.mjs";

const { cases } = JSON.parse(readFileSync(new URL("../vectors/uri/cases.json", import.meta.url), "utf8"));

/** The JavaScript form of a case's instruction. */
function instruction({ network, coin, address, amount, tag, label, tron_form: tronForm }) {
  const js = { network, coin, address, tronForm: tronForm === "tron_uri" ? "uri" : "address" };
  for (const [key, value] of Object.entries({ amount, tag, label })) if (value !== null) js[key] = value;
  return js;
}

test("every case: the expected URI, read back by independent parsers, or the expected error", () => {
  assert.ok(cases.length > 300, `${cases.length} cases`);
  const failures = [];
  for (const [index, { name, instruction: given, uri, error }] of cases.entries()) {
    try {
      let written;
      try {
        written = paymentUri(instruction(given));
      } catch (thrown) {
        assert.equal(thrown.code, error, `threw ${thrown.code}: ${thrown.message}`);
        continue;
      }
      assert.equal(error, undefined, `expected ${error}, got ${written}`);
      assert.equal(written, uri);
      readBack(written, given);
    } catch (failure) {
      failures.push(`cases[${index}] ${name}: ${failure.message}`);
    }
  }
  assert.deepEqual(failures, []);
  assert.ok(counts.bip21 > 20 && counts.eip681 > 50 && counts.url > 20, JSON.stringify(counts));
});

test("an address is never re-cased and a tag is never dropped", () => {
  const ltc = "ltc1qg82tlgrj7n6dmxwkl4lzy6q9gqr0rd7d2tdrk3";
  assert.equal(paymentUri({ coin: "LTC", address: ltc, amount: "0.5" }), `litecoin:${ltc}?amount=0.5`);
  assert.equal(
    paymentUri({ network: "ripple", coin: "XRP", address: "rPEPPER7kfTD9w2To4CQk6UCfuHM9c6GDY", tag: "12345" }),
    "ripple:rPEPPER7kfTD9w2To4CQk6UCfuHM9c6GDY?dt=12345",
  );
  assert.throws(() => paymentUri({ coin: "BTC", address: "bc1q", tag: "1" }), { code: "uri_tag_not_supported" });
  assert.throws(() => paymentUri({ coin: "BTC", address: "bc1q", amount: "0.000000001" }), { code: "amount_too_precise" });
  assert.throws(() => paymentUri({ coin: "BTC" }), { code: "invalid_input" });
});
