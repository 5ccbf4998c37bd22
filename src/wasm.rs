//! The JavaScript binding layer: every `#[wasm_bindgen]` item of the package.
//!
//! The package has two WebAssembly modules, built from the same crate with different features:
//! the SDK (feature `wasm`, [`sdk`]: JSON, signing, the payment model) and the checkout widget
//! (feature `widget`, [`widget`]: `mountCheckout` and the `<crypto-checkout>` element). Each
//! export is a thin shell over the core.

#[cfg(feature = "wasm")]
mod sdk;
#[cfg(all(feature = "widget", target_arch = "wasm32"))]
mod widget;
#[cfg(all(feature = "widget", target_arch = "wasm32"))]
pub(crate) use widget::normalize_gateway_document;

/// The allocator of both modules: talc, smaller and faster in WebAssembly than the standard
/// library's dlmalloc.
#[cfg(target_arch = "wasm32")]
#[global_allocator]
static ALLOCATOR: talc::wasm::WasmDynamicTalc = talc::wasm::new_wasm_dynamic_allocator();

/// What every export returns: the value, or the JavaScript exception to throw.
type JsResult<T> = Result<T, wasm_bindgen::JsValue>;

/// The checkout document's TypeScript types, in both modules' declarations: the SDK returns the
/// document, the widget's events carry it.
#[wasm_bindgen::prelude::wasm_bindgen(typescript_custom_section)]
const TS_CHECKOUT_DOCUMENT: &'static str = r#"
/** A payment gateway. */
export type Provider = "heropayments" | "hayvn" | "cryptopayment" | "iqpay" | "calypso";

/** A decimal amount as exact text: `"50.00"`, `"0.00094700"` (never an exponent). */
export type Decimal = string;

/** Where a payment stands, in one vocabulary for every gateway. */
export type PaymentState =
  | "awaiting_payment"
  | "confirming"
  | "converting"
  | "paid"
  | "underpaid"
  | "overpaid"
  | "expired"
  | "failed"
  | "refunded"
  | "on_hold"
  | "address_reused"
  | "cancelled"
  | "unknown";

/** What to do, as the gateway's own tables say: wait, complete, or suspend. */
export type PaymentOutcome = "pending" | "success" | "failure";

/** A network, in the package's vocabulary. */
export type Network =
  | "bitcoin" | "litecoin" | "ethereum" | "bsc" | "polygon"
  | "tron" | "ripple" | "stellar" | "ton" | "dogecoin";

/** An amount in fiat money. */
export interface FiatAmount {
  currency: string;
  amount: Decimal | null;
}

/** Blockchain confirmations. */
export interface ConfirmationCount {
  received: number;
  /** Required before the gateway credits the payment, when it says. */
  required: number | null;
}

/** One transfer to the checkout's address. */
export interface PaymentTransfer {
  id: string | null;
  txid: string | null;
  amount: Decimal;
  /** Heropayments: `original` for the first payment to an address, a new id for each further one. */
  sequence: string | null;
  confirmed: boolean;
  created_at: string | null;
}

/** Something the merchant should know (not an error). */
export interface PaymentWarning {
  code: string;
  message: string;
}

/** The checkout document (`schema/checkout-document.v1.json`): what the widget polls. */
export interface CheckoutDocument {
  schema: "crypto-checkout/v1";
  id: string;
  provider: Provider;
  direction: "deposit" | "withdrawal";
  state: PaymentState;
  outcome: PaymentOutcome;
  /** The gateway's raw status, always kept. */
  provider_status: string;
  order_id: string | null;
  coin: string | null;
  network: Network | null;
  address: string | null;
  /** Destination tag or memo: required by the chain when present. */
  tag: string | null;
  amount: Decimal | null;
  minimum_amount: Decimal | null;
  paid_amount: Decimal;
  remaining_amount: Decimal | null;
  excess_amount: Decimal | null;
  fiat: FiatAmount | null;
  confirmations: ConfirmationCount | null;
  expires_at: string | null;
  created_at: string | null;
  /**
   * Optional: a number your backend raises with every change of the document. The widget
   * then refuses a document with a lower revision and takes one with a higher revision even
   * where it shows less paid (a payment the gateway reported returned).
   */
  revision?: number | null;
  payments: PaymentTransfer[];
  warnings: PaymentWarning[];
}
"#;
