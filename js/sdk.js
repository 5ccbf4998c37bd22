// The SDK's entry (the package's `.` export in browsers and bundlers, and `./web`): everything
// of the wasm-bindgen glue, `crypto_checkout_glue.js`, and `verifyWebhook`.
//
// `verifyWebhook` reads its option bag and the received headers here: JavaScript walks a
// `req.headers` object far faster than WebAssembly can through imported calls, and the one
// call into the module then carries only the headers the provider reads.
import { verifyWebhookParts, webhookHeaderNames, webhookProviderIndex } from "./crypto_checkout_glue.js";

export * from "./crypto_checkout_glue.js";
export { default } from "./crypto_checkout_glue.js";

/**
 * For each provider name: its number for `verifyWebhookParts` (`webhookProviderIndex`) and
 * the names of the headers it reads (`webhookHeaderNames`).
 */
const schemesByProvider = new Map();

/** A `TypeError` with the `invalid_input` code of the package's argument errors. */
function invalidInput(message) {
  return Object.assign(new TypeError(message), { code: "invalid_input" });
}

/**
 * The values of the headers `names` (lowercase) in `headers`, in the order of `names`:
 * for each, the values received under that name in any case joined with ", ", as HTTP
 * combines a header sent more than once (Node's `req.headers` and `Headers` do too), or
 * `undefined`.
 */
function receivedHeaders(headers, names) {
  const values = names.map(() => undefined);
  if (headers === undefined || headers === null) return values;
  if (typeof headers !== "object") {
    throw invalidInput("`headers` must be an object");
  }
  const receive = (name, value) => {
    if (typeof name !== "string") throw invalidInput("header names must be strings");
    // A value (the common case, read without making arrays), or a list of them (Node's
    // `req.headers`); `undefined` ones are not received.
    let joined;
    if (typeof value === "string") {
      joined = value;
    } else {
      const received = (Array.isArray(value) ? value : [value]).filter((item) => item !== undefined);
      if (received.some((item) => typeof item !== "string")) {
        throw invalidInput("header values must be strings");
      }
      if (received.length === 0) return;
      joined = received.join(", ");
    }
    const index = names.indexOf(name.toLowerCase());
    if (index < 0) return;
    values[index] = values[index] === undefined ? joined : `${values[index]}, ${joined}`;
  };
  if (typeof headers[Symbol.iterator] === "function") {
    for (const entry of headers) {
      if (!Array.isArray(entry)) throw invalidInput("`headers` entries must be [name, value] pairs");
      receive(entry[0], entry[1]);
    }
  } else {
    for (const name of Object.keys(headers)) receive(name, headers[name]);
  }
  return values;
}

export function verifyWebhook(webhook) {
  if (typeof webhook !== "object" || webhook === null) {
    throw invalidInput("expected an options object");
  }
  const { provider } = webhook;
  let scheme = schemesByProvider.get(provider);
  if (scheme === undefined) {
    // Throws for a missing or unknown provider.
    scheme = { index: webhookProviderIndex(provider), names: webhookHeaderNames(provider) };
    schemesByProvider.set(provider, scheme);
  }
  const received = receivedHeaders(webhook.headers, scheme.names);
  const now = webhook.now ?? Date.now() / 1000;
  const verification = verifyWebhookParts(scheme.index, webhook.body, webhook.secret, now, ...received);
  // A valid verdict arrives as its event key alone (`null` without one), any other whole.
  if (verification === null) return { verdict: "valid" };
  if (typeof verification === "string") return { verdict: "valid", eventKey: verification };
  return verification;
}
