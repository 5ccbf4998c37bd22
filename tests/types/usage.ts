// Compiled with `tsc --noEmit --strict` (make test-types): the package's declarations are
// real, usable types. Each line fails to compile if a declaration goes missing or becomes `any`.
import init, {
  canonicalizeJson,
  diagnoseSignature,
  hmacSha512Hex,
  inspectJson,
  normalizeJson,
  normalizePayment,
  normalizeWebhook,
  normalizeConfirmedWebhook,
  paymentUri,
  signRequest,
  signWebhook,
  verifyWebhook,
  type CheckoutDocument,
  type CryptoCheckoutError,
  type Diagnosis,
  type PaymentError,
  type PaymentEvent,
  type PaymentState,
  type Inspection,
  type JsonError,
  type JsonWarning,
  type SignedRequest,
  type Verification,
  type WarningKind,
} from "crypto-checkout";

/** Fails to compile when `T` is `any`. */
type NotAny<T> = 0 extends 1 & T ? never : T;
const notAny = <T>(value: NotAny<T>): T => value;

await init();
const normalized: string = notAny(normalizeJson('{"a": 1.0}'));
const fromBytes: string = notAny(normalizeJson(new Uint8Array([0x5b, 0x5d])));
const canonical: string = notAny(canonicalizeJson("{}"));
const inspection: Inspection = notAny(inspectJson("[1.0]"));
const warning: JsonWarning | undefined = inspection.warnings[0];
const kind: WarningKind | undefined = warning?.kind;
const original: string | undefined = warning?.original;
const omitted: number = inspection.omittedWarnings;

const signed: SignedRequest = notAny(
  signRequest({ provider: "heropayments", secret: "s", apiKey: "k", method: "post", body: "{}" }),
);
const sign: string | undefined = signed.headers["x-api-sign"];
const verification: Verification = notAny(
  verifyWebhook({
    provider: "standard",
    body: new Uint8Array(),
    headers: new Map([["webhook-id", "msg_1"]]),
    secret: "whsec_x",
    now: 1_700_000_000,
  }),
);
const verdict: "valid" | "invalid" | "unsigned" = verification.verdict;
const reason: string | undefined = verification.reason?.code;
const hex: string = notAny(hmacSha512Hex("key", new Uint8Array(4)));
const diagnosis: Diagnosis = notAny(
  diagnoseSignature({ scheme: "heropayments-get", secret: "s", query: "a=1", signature: "00" }),
);
const finding: "match" | "mismatch" | "unsigned" | "incomplete" = diagnosis.finding;
const mistakeCode: string | undefined = diagnosis.mistake?.code;
const expectedHex: string = diagnosis.expected.hex;
const signedWebhook = notAny(signWebhook({ provider: "hayvn", secret: "t", body: '{"callback_id":"c"}' }));
const signatureField: string | undefined = signedWebhook.signatureField;

try {
  normalizeJson("[");
} catch (caught) {
  const error = caught as JsonError;
  const position: number = error.line + error.column + error.offset;
  const code: CryptoCheckoutError["code"] = error.code;
  console.log(position, code);
}

const checkout: CheckoutDocument = notAny(
  normalizePayment("cryptopayment", "{}", { mode: "purchase", tolerance: { below: 1, above: "5" } }),
);
const state: PaymentState = checkout.state;
const remaining: string | null = checkout.remaining_amount;
const firstTxid: string | null | undefined = checkout.payments[0]?.txid;
const event: PaymentEvent = notAny(normalizeWebhook("iqpay", new Uint8Array(), { direction: "deposit" }));
const eventKey: string = event.event_key;
const confirmed: PaymentEvent = notAny(
  normalizeConfirmedWebhook("hayvn", new Uint8Array(), "{}", { mode: "topup" }),
);
console.log(confirmed.payments.length);
try {
  normalizePayment("hayvn", "{}");
} catch (caught) {
  const error = caught as PaymentError;
  const where: string | undefined = error.field;
  console.log(error.provider, where);
}

const uri: string = notAny(paymentUri({ coin: "USDT", network: "tron", address: "T", amount: "5", tronForm: "uri" }));
// @ts-expect-error: an amount is decimal text, never a number.
paymentUri({ coin: "BTC", address: "bc1q", amount: 0.1 });
// @ts-expect-error: "standard" signs webhooks but has no payment documents.
normalizePayment("standard", "{}");
// @ts-expect-error: an unknown provider is a type error.
signRequest({ provider: "stripe" });
// @ts-expect-error: input must be a string or a Uint8Array.
normalizeJson(42);

console.log(normalized, fromBytes, canonical, kind, original, omitted, sign, verdict, reason, hex);
console.log(state, remaining, firstTxid, eventKey, uri);
console.log(finding, mistakeCode, expectedHex, signatureField);
