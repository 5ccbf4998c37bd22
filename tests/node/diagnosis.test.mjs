// diagnoseSignature in Node, against the cases of tests/vectors/diagnosis/ (signatures made by
// Node's crypto and Python's hmac with a known mistake, or none).
import { test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { diagnoseSignature } from "crypto-checkout";

const cases = ["node.json", "python.json"].flatMap(
  (file) => JSON.parse(readFileSync(new URL(`../vectors/diagnosis/${file}`, import.meta.url), "utf8")).cases,
);

test("every case gets its finding and mistake", () => {
  assert.ok(cases.length >= 60, `${cases.length} cases`);
  for (const [index, { name, scheme, inputs, expected }] of cases.entries()) {
    const diagnosis = diagnoseSignature({
      scheme,
      secret: inputs.secret,
      body: inputs.body,
      query: inputs.query,
      path: inputs.path,
      nonce: inputs.nonce,
      messageId: inputs.message_id,
      timestamp: inputs.timestamp,
      signature: inputs.received,
      headers: inputs.headers,
    });
    assert.deepEqual(
      { finding: diagnosis.finding, mistake: diagnosis.mistake?.code ?? null },
      expected,
      `case ${index}: ${name}: ${diagnosis.message}`,
    );
    if (diagnosis.finding === "match") assert.equal(diagnosis.mistake, undefined);
  }
});

test("bytes bodies are checked byte for byte, and a bad argument throws a coded TypeError", () => {
  const { inputs } = cases.find((item) => item.name === "calypso-webhook: correct");
  const diagnosis = diagnoseSignature({ scheme: "calypso-webhook", secret: inputs.secret, body: Buffer.from(inputs.body), signature: inputs.received });
  assert.equal(diagnosis.finding, "match");
  assert.equal(diagnosis.signedString, inputs.body);
  assert.throws(() => diagnoseSignature({ scheme: "paypal" }), (error) => error instanceof TypeError && error.code === "invalid_input");
  assert.throws(() => diagnoseSignature({ scheme: "calypso-webhook", body: 42 }), (error) => error.code === "invalid_input");
});
