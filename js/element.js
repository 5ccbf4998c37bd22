// Defines <crypto-checkout>: a page needs only
//   <script type="module" src="/node_modules/crypto-checkout/crypto_checkout_element.js"></script>
// (no inline script, so it works under `script-src 'self' 'wasm-unsafe-eval'`).
import init, { defineCheckoutElement } from "./crypto_checkout_widget.js";

await init();
defineCheckoutElement();
