// Node entry of the crypto-checkout package (the `node` export condition).
//
// Node can read the WebAssembly module from disk synchronously, so this entry instantiates it
// at import time: `import { normalizeJson } from "crypto-checkout"` works with no `await init()`.
import { readFileSync } from "node:fs";
import { initSync } from "./crypto_checkout_glue.js";

const output = initSync({
  module: readFileSync(new URL("./crypto_checkout_bg.wasm", import.meta.url)),
});

export * from "./crypto_checkout.js";

/**
 * Initialises the module: a no-op in Node, where importing the package already did it.
 * Kept so that code written for the browser (`await init()`) runs unchanged.
 */
export default function init() {
  return Promise.resolve(output);
}
