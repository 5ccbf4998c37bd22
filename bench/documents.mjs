// Deterministic, realistic JSON documents for the benchmarks: the same bytes on every run.

import { mulberry32 as random } from "../scripts/mulberry32.mjs";

const COINS = [
  ["USDT", "tron"],
  ["USDT", "ethereum"],
  ["BTC", "bitcoin"],
  ["ETH", "ethereum"],
  ["LTC", "litecoin"],
  ["USDC", "polygon"],
];
const STATUSES = ["waiting", "confirming", "paid", "sending", "expired", "partially_paid"];
const NAMES = ["Zoë Müller", "José Núñez", "Łukasz Wójcik", "Ana María", "Søren Kierkegaard", "李小龙"];

function hex(next, length) {
  let text = "";
  for (let i = 0; i < length; i += 1) text += "0123456789abcdef"[Math.floor(next() * 16)];
  return text;
}

function base58(next, length) {
  const alphabet = "123456789ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz";
  let text = "";
  for (let i = 0; i < length; i += 1) text += alphabet[Math.floor(next() * alphabet.length)];
  return text;
}

function amount(next) {
  return (Math.floor(next() * 10_000_000) / 100).toFixed(2);
}

/** One payment as a gateway reports it: strings, numbers, booleans, nesting, some non-ASCII. */
function payment(next, index) {
  const [coin, network] = COINS[Math.floor(next() * COINS.length)];
  return {
    id: `pay_${hex(next, 16)}`,
    order_id: `ORD-${100000 + index}`,
    status: STATUSES[Math.floor(next() * STATUSES.length)],
    coin,
    network,
    address: `T${base58(next, 33)}`,
    amount: amount(next),
    amount_usd: Math.floor(next() * 1_000_000) / 100,
    fee: Math.floor(next() * 100_000) / 1_000_000,
    confirmations: Math.floor(next() * 30),
    test: next() < 0.1,
    created_at: 1_760_000_000 + Math.floor(next() * 10_000_000),
    customer: { name: NAMES[Math.floor(next() * NAMES.length)], email: `buyer${index}@example.com` },
    transactions: Array.from({ length: 1 + Math.floor(next() * 2) }, () => ({
      txid: hex(next, 64),
      amount: amount(next),
      confirmed: next() < 0.7,
    })),
  };
}

/** A payment-status webhook of about 0.4 KB, compact as gateways send them. */
export function webhook() {
  const next = random(1);
  const p = payment(next, 1);
  const body = {
    uuid: `${hex(next, 8)}-${hex(next, 4)}-${hex(next, 4)}-${hex(next, 4)}-${hex(next, 12)}`,
    type: "payment",
    status: p.status,
    order_id: p.order_id,
    coin: p.coin,
    network: p.network,
    address: p.address,
    amount: p.amount,
    paid_amount: p.amount,
    amount_usd: p.amount_usd,
    txid: p.transactions[0].txid,
    confirmations: p.confirmations,
    is_final: true,
  };
  return JSON.stringify(body);
}

/** A payment callback of about 1 KB, as Heropayments posts them: one payment with its history. */
export function callback() {
  const next = random(3);
  const p = payment(next, 7);
  const body = {
    externalOrderId: p.order_id,
    sequence: 3,
    type: "deposit",
    ...p,
    status: "paid",
    required_confirmations: 6,
    history: STATUSES.slice(0, 3).map((status, i) => ({ status, at: p.created_at + 600 * i })),
    description: `Order ${p.order_id}: 2 × licence, 1 × support plan (12 months)`,
    merchant: { id: `mch_${hex(next, 12)}`, name: "Example Store", site: "https://shop.example.com" },
    callback_url: "https://shop.example.com/api/payments/heropayments/callback",
  };
  return JSON.stringify(body);
}

/** A list of payments of about `bytes` bytes, pretty-printed (two spaces) or compact. */
export function paymentList(bytes, { seed = 2, pretty = false } = {}) {
  const next = random(seed);
  const payments = [];
  const page = { page: 1, per_page: 0, total: 0, payments };
  let size = 64;
  while (size < bytes) {
    const p = payment(next, payments.length);
    size += JSON.stringify(p, null, pretty ? 2 : 0).length + 2;
    payments.push(p);
  }
  page.per_page = page.total = payments.length;
  return JSON.stringify(page, null, pretty ? 2 : 0);
}
