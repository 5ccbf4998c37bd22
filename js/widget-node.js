// Node entry of `crypto-checkout/widget` (the `node` export condition): instantiates the module
// at import, so server-side rendering can import the widget. Mounting needs a browser:
// `mountCheckout` throws a TypeError and `defineCheckoutElement()` returns false in Node.
import { readFileSync } from "node:fs";
import { initSync } from "./crypto_checkout_widget.js";

const output = initSync({
  module: readFileSync(new URL("./crypto_checkout_widget_bg.wasm", import.meta.url)),
});

export * from "./crypto_checkout_widget.js";

/** Initialises the module: a no-op in Node, where importing it already did. */
export default function init() {
  return Promise.resolve(output);
}
