// The signature validator's checks, off the page's main thread, so that a large body never
// freezes the page: each message is the form's inputs, each answer the diagnosis and what
// normalization changes in the body.
import init, { diagnoseSignature, inspectJson } from "/pkg/crypto_checkout.js";
import wasmBase64 from "/pkg/validator/wasm.js";

/**
 * The module, loaded and warmed up: V8 first runs WebAssembly through its baseline compiler and
 * optimizes a function only once it has run for a while, and a long call never switches, so a
 * first large body would be checked by the slow code from start to end. A few small checks
 * first get the optimized code in place.
 */
const ready = init({ module_or_path: Uint8Array.from(atob(wasmBase64), (character) => character.charCodeAt(0)) }).then(() => {
  const body = JSON.stringify({ items: Array.from({ length: 300 }, (_, id) => ({ id, amount: 10.5, note: "é ü" })) }, null, 2);
  for (let round = 0; round < 20; round += 1) {
    diagnoseSignature({ scheme: "heropayments-callback", secret: "s", body, signature: "00" });
    diagnoseSignature({ scheme: "calypso-webhook", secret: "s", body, signature: "00" });
    inspectJson(body);
  }
});

/** The schemes whose body is JSON worth inspecting. */
const JSON_BODIES = new Set(["heropayments-post", "heropayments-callback", "hayvn-request", "hayvn-callback",
  "cryptopayment-webhook", "calypso-webhook", "standard-webhook"]);

self.onmessage = async ({ data: { sequence, inputs } }) => {
  await ready;
  const diagnosis = diagnoseSignature(inputs);
  let inspection = null;
  if (JSON_BODIES.has(inputs.scheme) && inputs.body.length > 0) {
    try {
      inspection = inspectJson(inputs.body);
    } catch {
      // Not JSON: the diagnosis says so.
    }
  }
  self.postMessage({ sequence, diagnosis, inspection });
};
