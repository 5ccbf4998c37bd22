// The widget test page's script: loads the widget module and hands it to the tests.
import init, { mountCheckout, defineCheckoutElement } from "/pkg/crypto_checkout_widget.js";

await init();
window.widget = { mountCheckout, defineCheckoutElement };
window.widgetReady = true;
