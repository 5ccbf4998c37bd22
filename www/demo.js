// The sandbox demo: create a checkout at a simulated gateway through the reference merchant
// backend, show the widget polling it, drive the simulated customer and chain, and list the
// webhooks the backend received with their verdicts.
import init, { mountCheckout } from "/pkg/crypto_checkout_widget.js";

/** What each simulated gateway takes: [coin, network, label]. */
const ASSETS = {
  heropayments: [
    ["USDT", "tron", "USDT on TRON (TRC-20)"],
    ["USDT", "ethereum", "USDT on Ethereum (ERC-20)"],
    ["USDT", "bsc", "USDT on BNB Smart Chain (BEP-20)"],
    ["BTC", "bitcoin", "BTC on Bitcoin"],
    ["ETH", "ethereum", "ETH on Ethereum"],
    ["LTC", "litecoin", "LTC on Litecoin"],
    ["XRP", "ripple", "XRP on the XRP Ledger (destination tag)"],
    ["XLM", "stellar", "XLM on Stellar (memo)"],
    ["TON", "ton", "TON on TON (comment)"],
  ],
  hayvn: [
    ["BTC", "bitcoin", "BTC on Bitcoin"],
    ["ETH", "ethereum", "ETH on Ethereum"],
  ],
  cryptopayment: [
    ["USDT", "tron", "USDT on TRON (TRC-20)"],
    ["USDT", "bsc", "USDT on BNB Smart Chain (BEP-20)"],
    ["BTC", "bitcoin", "BTC on Bitcoin"],
    ["LTC", "litecoin", "LTC on Litecoin"],
    ["ETH", "ethereum", "ETH on Ethereum"],
  ],
  iqpay: [
    ["BTC", "bitcoin", "BTC on Bitcoin (a wallet: any amount)"],
    ["ETH", "ethereum", "ETH on Ethereum (a wallet: any amount)"],
  ],
  calypso: [
    ["USDT", "tron", "USDT on TRON (TRC-20)"],
    ["USDT", "bsc", "USDT on BNB Smart Chain (BEP-20)"],
    ["USDC", "ethereum", "USDC on Ethereum (ERC-20)"],
    ["BTC", "bitcoin", "BTC on Bitcoin"],
    ["ETH", "ethereum", "ETH on Ethereum"],
    ["TRX", "tron", "TRX on TRON"],
  ],
};

/** What a wallet without an amount (iqpay) is paid, by coin. */
const WALLET_PAYMENT = { BTC: "0.0005", ETH: "0.01" };

const $ = (id) => document.getElementById(id);
let current = null;
let widget = null;

/** `text` (a decimal) times `factor`, then divided by 10^`shift`: exact, no floating point. */
function times(text, factor, shift) {
  const [whole, fraction = ""] = text.split(".");
  const scale = fraction.length + shift;
  const digits = (BigInt(whole + fraction) * BigInt(factor)).toString().padStart(scale + 1, "0");
  const integer = digits.slice(0, digits.length - scale);
  const decimals = digits.slice(digits.length - scale).replace(/0+$/, "");
  return decimals ? `${integer}.${decimals}` : integer;
}

async function api(method, url, body) {
  const response = await fetch(url, {
    method,
    headers: body ? { "content-type": "application/json" } : {},
    body: body ? JSON.stringify(body) : undefined,
  });
  const text = await response.text();
  const data = text ? JSON.parse(text) : null;
  if (!response.ok) throw new Error(data?.message ?? data?.error ?? `HTTP ${response.status}`);
  return data;
}

function fillAssets() {
  const select = $("asset");
  select.replaceChildren(
    ...ASSETS[$("gateway").value].map(([coin, network, label]) => new Option(label, `${coin}:${network}`)),
  );
}

async function listCheckouts() {
  const checkouts = await api("GET", "/api/checkouts");
  $("checkouts").replaceChildren(
    ...checkouts.map(({ id, provider, mode, checkout }) => {
      const item = document.createElement("li");
      const button = document.createElement("button");
      button.type = "button";
      button.className = "link";
      button.dataset.id = id;
      button.textContent = `${id} · ${provider} · ${checkout.coin} · ${checkout.state}`;
      button.addEventListener("click", () => select({ id, provider, mode }));
      item.append(button);
      return item;
    }),
  );
}

function select(checkout) {
  current = checkout;
  widget?.destroy();
  $("no-checkout").hidden = true;
  $("controls").hidden = false;
  $("current-id").textContent = checkout.id;
  $("current-gateway").textContent = checkout.provider;
  $("control-result").textContent = "";
  widget = mountCheckout($("widget"), {
    statusUrl: `/api/checkouts/${checkout.id}`,
    pollInterval: 1000,
    mode: checkout.mode,
  });
  refreshDocument();
}

async function create(event) {
  event.preventDefault();
  $("create-error").hidden = true;
  const [coin, network] = $("asset").value.split(":");
  try {
    const created = await api("POST", "/api/checkouts", {
      provider: $("gateway").value,
      coin,
      network,
      amount: $("amount").value.trim(),
      currency: "USD",
      mode: $("mode").value,
    });
    await listCheckouts();
    select({ id: created.id, provider: $("gateway").value, mode: created.mode });
  } catch (error) {
    $("create-error").textContent = error.message;
    $("create-error").hidden = false;
  }
}

async function control(action, body = {}) {
  if (!current) return;
  try {
    await api("POST", `/sandbox/checkouts/${current.id}/${action}`, body);
    $("control-result").textContent = `${action}: done`;
  } catch (error) {
    $("control-result").textContent = `${action}: ${error.message}`;
  }
  refreshDocument();
}

/** Pays `factor`/10^`shift` of what is due (or a wallet's fixed payment). */
async function pay(factor, shift) {
  const checkout = await api("GET", `/api/checkouts/${current.id}`);
  const due = checkout.remaining_amount ?? checkout.amount;
  const amount = due && due !== "0" ? times(due, factor, shift) : WALLET_PAYMENT[checkout.coin] ?? "1";
  await control("pay", { amount });
}

async function refreshDocument() {
  if (!current) return;
  try {
    const checkout = await api("GET", `/api/checkouts/${current.id}`);
    $("document").textContent = JSON.stringify(checkout, null, 2);
  } catch (error) {
    $("document").textContent = error.message;
  }
}

async function refreshLog() {
  const entries = await api("GET", "/sandbox/log");
  $("log").tBodies[0].replaceChildren(
    ...entries.map((entry) => {
      const row = document.createElement("tr");
      row.className = `verdict-${entry.verdict}`;
      const reason = entry.reason ? ` (${entry.reason})` : "";
      for (const text of [entry.at.slice(11, 19), entry.provider, entry.status, entry.verdict, `${entry.outcome}${reason}`, entry.event_key ?? ""]) {
        const cell = document.createElement("td");
        cell.textContent = String(text);
        row.append(cell);
      }
      return row;
    }),
  );
}

await init();
$("gateway").addEventListener("change", fillAssets);
$("create").addEventListener("submit", create);
$("pay-full").addEventListener("click", () => pay(1, 0));
$("pay-half").addEventListener("click", () => pay(5, 1));
$("pay-over").addEventListener("click", () => pay(15, 1));
$("pay-custom").addEventListener("submit", (event) => {
  event.preventDefault();
  control("pay", { amount: $("custom-amount").value.trim() });
});
$("confirm").addEventListener("click", () => control("confirm"));
$("expire").addEventListener("click", () => control("expire"));
$("fail").addEventListener("click", () => control("fail"));
fillAssets();
const settings = await api("GET", "/sandbox/settings");
$("progress-note").hidden = !settings.progress;
await listCheckouts();
setInterval(() => {
  refreshLog().catch(() => {});
  listCheckouts().catch(() => {});
  refreshDocument();
}, 1000);
refreshLog();
document.body.dataset.ready = "true";
