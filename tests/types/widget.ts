// Compiled with `tsc --noEmit --strict` (make test-types): the widget's declarations are real,
// usable types.
import init, {
  defineCheckoutElement,
  mountCheckout,
  type CheckoutEventDetail,
  type CheckoutHandle,
  type CheckoutOptions,
  type PaymentState,
} from "crypto-checkout/widget";

await init();
const defined: boolean = defineCheckoutElement();
const seen: PaymentState[] = [];
const options: CheckoutOptions = {
  statusUrl: "/api/checkouts/chk_1",
  provider: "heropayments",
  pollInterval: 2000,
  locale: "pt-BR",
  mode: "topup",
  qrFormat: "address",
  theme: "dark",
  labels: { copy: "Copiar" },
  onSuccess: (detail: CheckoutEventDetail) => {
    if (detail.checkout) seen.push(detail.checkout.state);
  },
  onError: (detail) => console.warn(detail.error?.toUpperCase()),
};
const handle: CheckoutHandle = mountCheckout("#checkout", options);
handle.update({ ...options, theme: "light" });
handle.update({ pollInterval: 10_000 });
const mounted: boolean = handle.mounted;
handle.destroy();
export { defined, mounted, seen };
