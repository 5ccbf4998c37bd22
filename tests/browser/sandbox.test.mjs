// The sandbox end to end in headless Chromium: the demo page creates a checkout at each
// simulated gateway through the reference merchant backend, the simulated customer pays, the
// gateway's signed webhooks reach the backend, and the widget follows to the end.
//
//   cargo build -p crypto-checkout-sandbox && scripts/build-pkg.sh && node --test tests/browser/sandbox.test.mjs
//
// Screenshots go to target/sandbox-artifacts/.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { spawn } from "node:child_process";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createInterface } from "node:readline";
import { fileURLToPath } from "node:url";
import { launch } from "./chromium.mjs";
import { saveArtifact } from "./widget-helpers.mjs";

const REPO = fileURLToPath(new URL("../..", import.meta.url));
const BINARY = join(REPO, "target/debug/crypto-checkout-sandbox");

let sandbox;
let browser;
let directory;

/** Starts the sandbox binary (no time-driven progress) and resolves with its URL. */
async function start() {
  directory = await mkdtemp(join(tmpdir(), "sandbox-e2e-"));
  const child = spawn(BINARY, ["--manual", "--port", "0", "--db", join(directory, "sandbox.db"), "--root", REPO], {
    stdio: ["ignore", "pipe", "inherit"],
  });
  const [line] = await new Promise((done, fail) => {
    child.once("error", fail);
    createInterface({ input: child.stdout }).once("line", (first) => done([first]));
  });
  const url = line.replace("crypto-checkout sandbox: ", "").trim();
  assert.match(url, /^http:\/\/127\.0\.0\.1:\d+\/$/);
  return { child, url };
}

before(async () => {
  sandbox = await start();
  browser = await launch();
});

after(async () => {
  await browser?.close();
  sandbox?.child.kill();
  if (directory) await rm(directory, { recursive: true, force: true });
});

/** The demo page, ready, in a fresh context closed when `t` ends. */
async function demo(t) {
  const context = await browser.newContext({ viewport: { width: 1400, height: 1000 } });
  t.after(() => context.close());
  const page = await context.newPage();
  const errors = [];
  page.on("pageerror", (error) => errors.push(String(error)));
  await page.goto(sandbox.url);
  await page.waitForSelector("body[data-ready=true]", { timeout: 20_000 });
  return { page, errors };
}

/** Creates a checkout from the form; resolves with its id once the widget shows it. */
async function create(page, gateway, { asset, amount = "50.00", mode = "purchase" } = {}) {
  await page.selectOption("#gateway", gateway);
  if (asset) await page.selectOption("#asset", asset);
  await page.fill("#amount", amount);
  await page.selectOption("#mode", mode);
  await page.click("#create-button");
  await waitState(page, "awaiting_payment");
  return page.locator("#current-id").textContent();
}

const waitState = (page, state, timeout = 15_000) =>
  page.locator(`#widget .cc[data-state="${state}"]`).waitFor({ timeout });

/** The merchant's checkout document, as the page's backend serves it. */
const documentOf = (page, id) => page.evaluate((id) => fetch(`/api/checkouts/${id}`).then((r) => r.json()), id);

/** Clicks a control and waits for the page to report it done. */
async function act(page, button) {
  await page.locator("#control-result").evaluate((node) => (node.textContent = ""));
  await page.click(button);
  await page.locator("#control-result").filter({ hasText: /: done$/ }).waitFor({ timeout: 5_000 });
}

const GATEWAYS = {
  heropayments: "USDT:tron",
  hayvn: "BTC:bitcoin",
  cryptopayment: "USDT:tron",
  iqpay: "ETH:ethereum",
  calypso: "USDT:tron",
};

test("every gateway: create from the demo page, pay in full, the widget reaches paid", async (t) => {
  for (const [gateway, asset] of Object.entries(GATEWAYS)) {
    await t.test(gateway, async (t) => {
      const { page, errors } = await demo(t);
      const id = await create(page, gateway, { asset });
      assert.match(id, /^chk_[0-9a-f]{16}$/);
      await act(page, "#pay-full");
      await waitState(page, "confirming");
      await act(page, "#confirm");
      await waitState(page, "paid");
      assert.equal(await page.locator("#widget .cc-status").textContent(), "Payment received. Thank you!");
      const checkout = await documentOf(page, id);
      assert.equal(checkout.outcome, "success");
      assert.equal(checkout.payments.length, 1, JSON.stringify(checkout.payments));
      if (gateway !== "iqpay") assert.equal(checkout.paid_amount, checkout.amount);
      // Every webhook of this checkout was verified (iqpay's confirmed with the gateway).
      const log = await page.evaluate(() => fetch("/sandbox/log").then((r) => r.json()));
      const mine = log.filter((entry) => entry.checkout === id);
      assert.ok(mine.length >= 2, JSON.stringify(log));
      assert.ok(mine.every((entry) => entry.status === 200 && entry.verdict === (gateway === "iqpay" ? "unsigned" : "valid")));
      await page.locator("#log tbody tr").first().waitFor();
      await saveArtifact(`sandbox-${gateway}-paid`, await page.screenshot({ fullPage: true }));
      assert.deepEqual(errors, []);
    });
  }
});

test("HAYVN: half now, the widget asks for the rest, the rest completes it", async (t) => {
  const { page } = await demo(t);
  const id = await create(page, "hayvn", { asset: "ETH:ethereum", amount: "50.00" });
  await act(page, "#pay-half");
  await act(page, "#confirm");
  await waitState(page, "underpaid");
  assert.equal(
    await page.locator("#widget .cc-status").textContent(),
    "Received 0.01 ETH of 0.02 ETH. Send 0.01 ETH more to complete the payment.",
  );
  assert.equal(await page.locator("#widget .cc-amount .cc-value").textContent(), "0.01");
  await saveArtifact("sandbox-hayvn-underpaid", await page.screenshot({ fullPage: true }));
  await act(page, "#pay-full");
  await act(page, "#confirm");
  await waitState(page, "paid");
  const checkout = await documentOf(page, id);
  assert.deepEqual([checkout.paid_amount, checkout.payments.length], ["0.02", 2]);
});

test("HAYVN: 150% is an overpayment", async (t) => {
  const { page } = await demo(t);
  const id = await create(page, "hayvn", { asset: "BTC:bitcoin", amount: "100" });
  await act(page, "#pay-over");
  await act(page, "#confirm");
  await waitState(page, "overpaid");
  const checkout = await documentOf(page, id);
  assert.deepEqual([checkout.state, checkout.paid_amount, checkout.amount], ["overpaid", "0.003", "0.002"]);
});

test("Heropayments: an unpaid checkout expires", async (t) => {
  const { page } = await demo(t);
  await create(page, "heropayments", { asset: "BTC:bitcoin" });
  await act(page, "#expire");
  await waitState(page, "expired");
  assert.equal(await page.locator("#widget .cc-status").textContent(), "This payment request has expired.");
  assert.equal(await page.locator("#widget .cc-address").count(), 0);
});

test("Heropayments: a second deposit to the same address is a payment of its own", async (t) => {
  const { page } = await demo(t);
  const id = await create(page, "heropayments", { asset: "USDT:tron", amount: "50.00" });
  await act(page, "#pay-full");
  await act(page, "#confirm");
  await waitState(page, "paid");
  await page.fill("#custom-amount", "12.5");
  await page.click("#pay-custom button");
  await act(page, "#confirm");
  await page.waitForFunction(
    (id) => fetch(`/api/checkouts/${id}`).then((r) => r.json()).then((c) => c.payments.length === 2 && c.payments.every((p) => p.confirmed)),
    id,
    { timeout: 10_000, polling: 200 },
  );
  const checkout = await documentOf(page, id);
  assert.equal(checkout.paid_amount, "62.5");
  assert.deepEqual(checkout.payments.map((payment) => payment.sequence === "original"), [true, false]);
  assert.equal(checkout.state, "paid", "the first payment stays what it was");
});

test("the merchant backend down: webhooks retried until it is back", async (t) => {
  const { page } = await demo(t);
  const id = await create(page, "cryptopayment", { asset: "BTC:bitcoin", amount: "20" });
  const setDown = (down) => page.evaluate((down) => fetch("/sandbox/settings", { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ merchant_down: down }) }), down);
  await setDown(true);
  await act(page, "#pay-full");
  await act(page, "#confirm");
  await new Promise((done) => setTimeout(done, 1_500));
  assert.equal((await documentOf(page, id)).state, "awaiting_payment");
  await setDown(false);
  await waitState(page, "paid", 40_000);
});
