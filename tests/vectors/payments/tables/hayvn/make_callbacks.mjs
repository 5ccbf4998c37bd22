// Builds the HAYVN Pay callback bodies in this directory from the examples printed in the
// HAYVN Pay API docs (tests/vectors/payments/docs/hayvn/).
//
// The docs say a callback body is the `result` object of Get Payment (payment callbacks) or
// Get Withdrawal (withdrawal callbacks) plus three fields: `callback_id`, `callback_status` and
// `signature` = hex(HMAC_SHA256(callback_id, key = callback token)). Each callback below starts
// from the printed example, sets the status the event implies (and the fields that status
// changes), and is signed with the callback token "hayvn-callback-token".
//
//   node tests/vectors/payments/tables/hayvn/make_callbacks.mjs           (re)write the files
//   node tests/vectors/payments/tables/hayvn/make_callbacks.mjs --check   fail if any file differs
//
// Output: 4-space indentation (as in the docs), key order of the printed example followed by
// callback_id, callback_status, signature; one trailing newline.

import { createHmac } from "node:crypto";
import { readFileSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

export const CALLBACK_TOKEN = "hayvn-callback-token";

const here = dirname(fileURLToPath(import.meta.url));
const docs = join(here, "..", "..", "docs", "hayvn");

/** hex(HMAC_SHA256(callback_id, key = callback token)), as the HAYVN docs define it. */
export function callbackSignature(callbackId, token = CALLBACK_TOKEN) {
  return createHmac("sha256", token).update(callbackId, "utf8").digest("hex");
}

const readJson = (name) => JSON.parse(readFileSync(join(docs, name), "utf8"));
// Get Payment prints `result` as an object.
const payment = () => structuredClone(readJson("payment-get.json").result);
// No Get Withdrawal example is printed; Create Withdrawal's response is "identical to Get
// Withdrawal endpoint response" and prints `result` as a one-element array.
const withdrawal = () => structuredClone(readJson("withdrawal-create.json").result[0]);

const CONFIRMED_AT = "2022-01-18T14:50:05+00:00"; // the example's own confirmed_at
const COMPLETED_AT = "2022-01-18T14:50:37+00:00";

function confirmTransactions(p) {
  for (const tx of p.transactions) tx.confirmed_at = CONFIRMED_AT;
}

const callbacks = [
  {
    status: "payment_pending",
    id: "40c16552-ac28-4616-8a92-ef3ed958a965",
    build() {
      // Transaction seen, zero confirmations: nothing confirmed or converted yet.
      const p = payment();
      p.status = "pending";
      p.confirmed_at = null;
      p.completed_at = null;
      p.conversion_fee = "0";
      return p;
    },
  },
  {
    status: "payment_converting",
    id: "579bf92d-bc02-4271-84fe-cc93fb7cd228",
    build() {
      const p = payment();
      p.status = "converting";
      p.completed_at = null;
      confirmTransactions(p);
      return p;
    },
  },
  {
    status: "payment_complete",
    id: "9b911c86-2c93-4ed6-b8d6-c5911095c221",
    build() {
      const p = payment();
      p.status = "completed";
      p.completed_at = COMPLETED_AT;
      confirmTransactions(p);
      return p;
    },
  },
  {
    status: "payment_incomplete",
    id: "ffd278ea-58fe-4ab2-9c42-3d590fcef060",
    build() {
      // The customer sent about half of the requested 0.00094700 BTC.
      const p = payment();
      p.status = "incomplete";
      p.completed_at = null;
      p.conversion_fee = "0";
      p.paid_amount.crypto.amount = "0.00050000";
      p.paid_amount.fiat.amount = "5.00000000";
      p.transactions[0].amount.crypto.amount = "0.00050000";
      p.transactions[0].amount.fiat.amount = "5.00000000";
      confirmTransactions(p);
      return p;
    },
  },
  {
    status: "payment_address_reuse",
    id: "997e622f-2548-4122-9632-046193a8cd4a",
    build() {
      // The payment was complete; a second transaction then arrived at its address.
      const p = payment();
      p.status = "address_reuse";
      p.completed_at = COMPLETED_AT;
      confirmTransactions(p);
      const txid = "bec8c4b7f4f2ef4550956517b63673c61997128bbb7444d254ce3369aa42a4c9";
      p.transactions.push({
        id: "5dd1be5d-0c99-4a83-9b3f-1d9a2d8058ed",
        txid,
        amount: {
          crypto: { currency: "BTC", amount: "0.00031000" },
          fiat: { currency: "USD", amount: "3.10000000" },
        },
        currency: "BTC",
        created_at: "2022-01-19T09:12:44.120931+00:00",
        confirmed_at: null,
        url: `https://blockstream.info/testnet/tx/${txid}`,
      });
      p.paid_amount.crypto.amount = "0.00125700";
      p.paid_amount.fiat.amount = "12.57000000";
      return p;
    },
  },
  {
    status: "payment_conversion_failed",
    id: "a225bf63-41d7-4f3a-b1cd-b9483515b608",
    build() {
      const p = payment();
      p.status = "conversion_failed";
      p.completed_at = null;
      p.conversion_fee = "0";
      confirmTransactions(p);
      return p;
    },
  },
  {
    status: "withdrawal_pending",
    id: "17676b92-0225-499e-b33b-b4f33c532791",
    build() {
      const w = withdrawal();
      w.status = "pending";
      return w;
    },
  },
  {
    status: "withdrawal_converting",
    id: "9c412c7e-9761-4b6c-9435-a20b4ef0bc3b",
    build() {
      const w = withdrawal();
      w.status = "converting";
      return w;
    },
  },
  {
    status: "withdrawal_complete",
    id: "6e96a524-5c25-495b-94c7-75d56b1e34cd",
    build() {
      const w = withdrawal();
      w.status = "complete";
      w.txid = "e84951116399401ec16c38400f85885270f46bf0ba7fead95167044c6789b0b9";
      return w;
    },
  },
  {
    status: "withdrawal_requires_confirmation",
    id: "3544dab4-a8cb-4297-b7c3-8649eddf1976",
    build() {
      const w = withdrawal();
      w.status = "requires_confirmation";
      return w;
    },
  },
  {
    status: "withdrawal_failed",
    id: "14f85d69-7fdf-4349-90e0-a513c9801303",
    build() {
      const w = withdrawal();
      w.status = "failed";
      return w;
    },
  },
];

export function buildCallbacks() {
  return callbacks.map(({ status, id, build }) => {
    const body = {
      ...build(),
      callback_id: id,
      callback_status: status,
      signature: callbackSignature(id),
    };
    return { file: `callback-${status}.json`, text: `${JSON.stringify(body, null, 4)}\n` };
  });
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const check = process.argv.includes("--check");
  let stale = 0;
  for (const { file, text } of buildCallbacks()) {
    const path = join(here, file);
    if (check) {
      let current = null;
      try {
        current = readFileSync(path, "utf8");
      } catch {
        // missing: reported below
      }
      if (current !== text) {
        stale += 1;
        console.error(`out of date: ${file}`);
      }
    } else {
      writeFileSync(path, text);
      console.log(`wrote ${file}`);
    }
  }
  if (stale > 0) process.exit(1);
}
