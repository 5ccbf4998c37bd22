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

test("signWebhook signs as the gateway does: verifyWebhook with the same secret finds it valid", async () => {
  const { signWebhook, verifyWebhook } = await import("crypto-checkout");
  const cases = [
    ["heropayments", "hp_secret", '{ "externalOrderId": "o1", "sequence": "original", "status": "finished", "amount": 1.10 }', "o1:original:finished"],
    ["calypso", "cp_secret", '{"requestId":"r","id":7,"eventType":"INVOICE_PAID","data":{"idempotencyKey":"k","type":"INVOICE_PAID"}}', "k:INVOICE_PAID:7"],
    ["hayvn", "hayvn_token", '{"callback_id":"c-1","callback_status":"payment_complete"}', "c-1"],
    ["cryptopayment", Buffer.from("app key").toString("base64"), '{"invoice_id":"i-1","event":"payment.confirmed"}', "i-1:payment.confirmed"],
  ];
  for (const [provider, secret, body, eventKey] of cases) {
    const signed = signWebhook({ provider, secret, body });
    const sent = signed.signatureField ? JSON.stringify({ ...JSON.parse(body), signature: signed.signatureField }) : body;
    const verification = verifyWebhook({ provider, secret, body: sent, headers: signed.headers });
    assert.deepEqual([verification.verdict, verification.eventKey], ["valid", eventKey], provider);
    const wrong = verifyWebhook({ provider, secret: `${secret}x`, body: sent, headers: signed.headers });
    assert.equal(wrong.verdict, "invalid", provider);
  }
  assert.throws(() => signWebhook({ provider: "iqpay", secret: "s", body: "{}" }), (error) => error.code === "signature_unsupported");
  assert.throws(() => signWebhook({ provider: "hayvn", secret: "s", body: "{}" }), (error) => error.code === "signature_invalid_field");
});
