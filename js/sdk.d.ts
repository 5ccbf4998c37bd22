// Types of the SDK's entry (js/sdk.js): the wasm-bindgen glue's, and `verifyWebhook`.
import type { Verification, WebhookInput } from "./crypto_checkout_glue.js";

export * from "./crypto_checkout_glue.js";
export { default } from "./crypto_checkout_glue.js";

/**
 * Verifies a received webhook: `"valid"` only when a MAC computed with the secret matched.
 *
 * Never throws for a bad webhook (that is an `"invalid"` verdict with a reason); throws only
 * for arguments of the wrong type or an unknown provider.
 *
 * HAYVN and CryptoPayment.center sign only ids: a valid verdict does not vouch for the
 * status or amounts beside them (read the payment back and use `normalizeConfirmedWebhook`).
 * iqpay signs nothing: its verdict is `"unsigned"`; confirm the deposit through iqpay.
 */
export function verifyWebhook(webhook: WebhookInput): Verification;
