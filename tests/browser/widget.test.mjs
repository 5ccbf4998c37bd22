// The checkout widget (pkg/crypto_checkout_widget.js) in headless Chromium, on a page with the
// strictest CSP and hostile styles (widget.html), polling the scripted backend
// (scripts/checkout-backend.mjs): every state, the QR code, copying, accessibility (axe-core),
// faults, hostile strings, destroy(), the custom element, ETags and hidden tabs.
//
//   scripts/build-pkg.sh && node --test tests/browser/widget.test.mjs
//
// Screenshots of every state go to target/widget-artifacts/.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import Ajv2020 from "ajv/dist/2020.js";
import { checkoutDocument, SCENARIOS } from "../../scripts/checkout-backend.mjs";
import { Harness, decodeQr, saveArtifact, sleep, trackTimersAndListeners } from "./widget-helpers.mjs";

const require = createRequire(import.meta.url);
const AXE = readFileSync(require.resolve("axe-core/axe.min.js"), "utf8");

/** Validates a checkout document against the published schema (schema/*.v1.json). */
const validCheckout = (() => {
  const ajv = new Ajv2020({ strict: true, allErrors: true, allowUnionTypes: true });
  for (const file of ["defs.v1.json", "checkout-document.v1.json"]) {
    ajv.addSchema(JSON.parse(readFileSync(new URL(`../../schema/${file}`, import.meta.url), "utf8")));
  }
  return ajv.getSchema("https://crypto-checkout.dev/schema/checkout-document.v1.json");
})();

/** The document of SCENARIOS[state] (with `fields` replaced), checked against the schema. */
function scenario(state, fields = {}) {
  const document = checkoutDocument({ ...SCENARIOS[state], ...fields });
  assert.ok(validCheckout(document), JSON.stringify(validCheckout.errors));
  return document;
}

/** An Ethereum address (40 hex digits, lowercase: no EIP-55 checksum to get wrong). */
const ETH_ADDRESS = "0x52908400098527886e0f7030069857d2e4169ee7";
const ETH_DOCUMENT = {
  coin: "ETH", network: "ethereum", address: ETH_ADDRESS, amount: "0.05", remaining_amount: "0.05",
  minimum_amount: null, fiat: null,
};
const TRON_ADDRESS = checkoutDocument().address;

/** The English texts the widget shows (src/widget/i18n.rs). */
const EN = {
  loadError: "The payment details could not be loaded. Retrying…",
  reconnecting: "Connection lost. Reconnecting…",
};

// Each state: the outcome the schema gives it and the English sentence for SCENARIOS[state].
const STATES = {
  awaiting_payment: ["pending", "Waiting for your payment."],
  confirming: ["pending", "Payment detected. Waiting for network confirmations."],
  converting: ["pending", "Payment received. It is being converted."],
  paid: ["success", "Payment received. Thank you!"],
  underpaid: ["pending", "Received 20.00 USDT of 50.00 USDT. Send 30.00 USDT more to complete the payment."],
  overpaid: ["success", "Payment received. You sent 5.00 USDT more than requested: contact the merchant about the difference."],
  on_hold: ["pending", "Payment received and under review. You do not need to do anything."],
  failed: ["failure", "The payment failed. Contact the merchant."],
  refunded: ["failure", "The payment was refunded."],
  address_reused: ["pending", "Funds arrived at an address that had already been used. Contact the merchant."],
  cancelled: ["failure", "This payment was cancelled."],
  expired: ["failure", "This payment request has expired."],
  unknown: ["pending", "Payment status: mystery. Waiting for an update."],
};

let harness;

before(async () => {
  harness = await Harness.start();
});

after(async () => {
  await harness?.close();
});

/** A page with the widget mounted on a new document `prefix-N` serving `document`. */
async function mounted(t, prefix, document, { options, page: pageOptions } = {}) {
  const name = harness.name(prefix);
  harness.backend.set(name, document);
  const page = await harness.open(t, pageOptions);
  const widget = await page.mount(name, options);
  return { name, page, widget };
}

/** The requests for `name` made within the next `ms` milliseconds. */
async function requestsDuring(name, ms) {
  const before = harness.requests(name).length;
  await sleep(ms);
  return harness.requests(name).slice(before);
}

test("every state renders its sentence, with the outcome the schema gives it", async (t) => {
  for (const [state, [outcome, sentence]] of Object.entries(STATES)) {
    await t.test(state, async (t) => {
      const document = scenario(state);
      assert.equal(document.outcome, outcome, "the scenario's outcome");
      const { page, widget } = await mounted(t, `state-${state}`, document);
      await widget.waitState(state);
      assert.equal(await widget.status(), sentence);
      const status = widget.$(".cc-status");
      assert.equal(await status.getAttribute("role"), "status");
      assert.equal(await status.getAttribute("aria-live"), "polite");
      assert.equal(await widget.$(".cc").getAttribute("lang"), "en");
      assert.equal(await widget.$(".cc").getAttribute("dir"), "ltr");
      if (state === "confirming") {
        assert.equal(await widget.$(".cc-confirmations p").textContent(), "Confirmations: 3 of 19");
      }
      // The address and QR code only while the payer has something to send.
      const paying = state === "awaiting_payment" || state === "underpaid";
      assert.equal(await widget.$(".cc-address").count(), paying ? 1 : 0);
      if (state === "underpaid") assert.equal(await widget.$(".cc-amount .cc-value").textContent(), "30.00");
      assert.equal(await widget.$(".cc-expired").isVisible(), state === "expired");
      await saveArtifact(`state-${state}`, await page.page.locator(widget.host).screenshot());

      const types = await widget.eventTypes();
      assert.equal(types[0], "open");
      assert.equal(types.includes("success"), outcome === "success", `success event: ${types}`);
      assert.equal(types.includes("incomplete"), state === "underpaid", `incomplete event: ${types}`);
      assert.equal(types.includes("expired"), state === "expired", `expired event: ${types}`);
      const [open] = (await widget.log()).events;
      assert.deepEqual([open.state, open.outcome], [state, outcome]);
      if (state === "expired") {
        const button = widget.$(".cc-expired button");
        assert.equal(await button.textContent(), "Start a new payment");
        await button.click();
        await page.page.waitForFunction(() => window.logs.w.events.some((event) => event.type === "cancel"));
      }
      assert.deepEqual(page.errors, []);
    });
  }
});

test("the QR code decodes to exactly what data-content says", async (t) => {
  await t.test("ETH on Ethereum: the payment URI, then the bare address", async (t) => {
    const { page, widget } = await mounted(t, "qr-eth", scenario("awaiting_payment", ETH_DOCUMENT));
    const qr = widget.$(".cc-qr");
    await qr.waitFor();
    const uri = await qr.getAttribute("data-content");
    assert.equal(uri, `ethereum:${ETH_ADDRESS}@1?value=50000000000000000`);
    assert.equal(decodeQr(await qr.screenshot()), uri);
    assert.equal(await widget.$(".cc-wallet").getAttribute("href"), uri);
    assert.equal(await widget.$(".cc-wallet").textContent(), "Open in wallet");

    const [showUri, showAddress] = await widget.$(".cc-switch button").all();
    assert.equal(await showUri.getAttribute("aria-pressed"), "true");
    await showAddress.click();
    await widget.$(`.cc-qr[data-content="${ETH_ADDRESS}"]`).waitFor();
    assert.equal(await showAddress.getAttribute("aria-pressed"), "true");
    assert.equal(decodeQr(await qr.screenshot()), ETH_ADDRESS);
    // Back again.
    await showUri.click();
    await widget.$(`.cc-qr[data-content="${uri}"]`).waitFor();
    assert.equal(decodeQr(await qr.screenshot()), uri);
    assert.deepEqual(page.errors, []);
  });

  await t.test("USDT on TRON: the address, and no wallet link", async (t) => {
    const { widget } = await mounted(t, "qr-tron", scenario("awaiting_payment"));
    const qr = widget.$(".cc-qr");
    await qr.waitFor();
    assert.equal(await qr.getAttribute("data-content"), TRON_ADDRESS);
    assert.equal(decodeQr(await qr.screenshot()), TRON_ADDRESS);
    assert.equal(await widget.$(".cc-wallet").count(), 0);
    assert.equal(await widget.$(".cc-switch").isVisible(), false);
  });
});

test("copy buttons put exactly the amount and the address on the clipboard", async (t) => {
  const { page, widget } = await mounted(t, "copy", scenario("awaiting_payment"));
  await page.context.grantPermissions(["clipboard-read", "clipboard-write"], { origin: harness.site.url });
  const clipboard = () => page.page.evaluate(() => navigator.clipboard.readText());
  const [amountCopy, addressCopy] = await widget.$(".cc-copy").all();
  assert.equal(await amountCopy.getAttribute("data-state"), "idle");
  assert.equal(await amountCopy.textContent(), "Copy");
  assert.equal(await amountCopy.getAttribute("aria-label"), "Copy the amount");

  await amountCopy.click();
  const clicked = Date.now();
  await widget.$(".cc-copy[data-state=copied]").waitFor({ timeout: 2_000 });
  assert.equal(await clipboard(), "50.00");
  assert.equal(await amountCopy.textContent(), "Copied");
  assert.equal(await amountCopy.getAttribute("aria-label"), "Copied");
  // A live region beside it says so aloud, and is empty again after.
  const spoken = () => widget.$(".cc-sr-only[role=status]").allTextContents();
  assert.deepEqual((await spoken()).filter(Boolean), ["Copied"]);
  await widget.$(".cc-copy[data-state=copied]").waitFor({ state: "detached", timeout: 4_000 });
  const shown = Date.now() - clicked;
  assert.ok(shown >= 1_800 && shown <= 3_500, `"Copied" shown for ${shown} ms, not about 2 s`);
  assert.equal(await amountCopy.getAttribute("data-state"), "idle");
  assert.equal(await amountCopy.textContent(), "Copy");
  assert.deepEqual((await spoken()).filter(Boolean), []);

  await addressCopy.click();
  await widget.$(".cc-copy[data-state=copied]").waitFor({ timeout: 2_000 });
  assert.equal(await clipboard(), TRON_ADDRESS);
  // The address is shown in groups of four, which only CSS separates.
  const groups = await widget.$(".cc-address .cc-group").allTextContents();
  assert.equal(groups.join(""), TRON_ADDRESS);
  assert.ok(groups.every((group, i) => group.length === 4 || i === groups.length - 1), groups.join("|"));
  assert.equal(await widget.$(".cc-address").textContent(), TRON_ADDRESS);
});

test("axe-core finds no WCAG 2.1 A/AA violation", async (t) => {
  const cases = [
    ["awaiting_payment", {}],
    ["underpaid", {}],
    ["paid", {}],
    ["expired", {}],
    ["reconnecting", {}],
  ].flatMap(([state]) => [
    [state, { locale: "en", theme: "light" }],
    [state, { locale: "ar", theme: "light" }],
    [state, { locale: "en", theme: "dark" }],
  ]);
  for (const [state, options] of cases) {
    await t.test(`${state}, ${options.locale}, ${options.theme}`, async (t) => {
      const reconnecting = state === "reconnecting";
      // axe is an inline script: this context ignores the page's CSP.
      const { name, page, widget } = await mounted(t, `axe-${state}`, scenario(reconnecting ? "awaiting_payment" : state), {
        options,
        page: { context: { bypassCSP: true } },
      });
      await widget.waitState(reconnecting ? "awaiting_payment" : state);
      if (reconnecting) {
        harness.backend.fail(name, "http500", 1_000);
        await widget.$(".cc-notice").waitFor();
      }
      const section = widget.$(".cc");
      assert.equal(await section.getAttribute("lang"), options.locale);
      assert.equal(await section.getAttribute("dir"), options.locale === "ar" ? "rtl" : "ltr");
      assert.equal(await section.getAttribute("data-theme"), options.theme);
      await page.page.addScriptTag({ content: AXE });
      const results = await page.page.evaluate(async (host) => {
        const result = await window.axe.run(document.querySelector(host), {
          runOnly: { type: "tag", values: ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"] },
        });
        return {
          passes: result.passes.length,
          // Nodes inside the shadow root are reported as [host, selector].
          shadowNodes: result.passes.flatMap((rule) => rule.nodes).filter((node) => node.target[0].length === 2).length,
          violations: result.violations.map(({ id, impact, help, nodes }) => ({
            id, impact, help, nodes: nodes.map((node) => ({ target: node.target, summary: node.failureSummary })),
          })),
        };
      }, widget.host);
      assert.deepEqual(results.violations, [], JSON.stringify(results.violations, null, 2));
      assert.ok(results.passes > 5, `axe passed only ${results.passes} rules`);
      assert.ok(results.shadowNodes > 0, "axe looked inside the shadow root");
    });
  }
});

test("faults: reconnecting, the previous state kept, an error event, recovery", async (t) => {
  const faults = {
    http500: /HTTP 500/,
    timeout: /no answer within 10 seconds/,
    garbage: /not JSON/,
    "wrong-schema": /missing field/,
    offline: /Failed to fetch/,
  };
  for (const [fault, reason] of Object.entries(faults)) {
    await t.test(fault, { timeout: 30_000 }, async (t) => {
      const { name, widget } = await mounted(t, `fault-${fault}`, scenario("awaiting_payment"));
      await widget.waitState("awaiting_payment");
      // Every request fails until the notice shows (Chromium itself retries a GET whose
      // connection drops, so one failed fetch may take several failed requests), then none.
      harness.backend.fail(name, fault, 1_000);
      await widget.$(".cc-notice").waitFor({ timeout: fault === "timeout" ? 15_000 : 5_000 });
      harness.backend.fail(name, fault, 0);
      assert.equal(await widget.$(".cc-notice").textContent(), EN.reconnecting);
      assert.equal(await widget.$(".cc-notice").getAttribute("role"), "status");
      assert.equal(await widget.$(".cc").getAttribute("data-state"), "awaiting_payment");
      assert.equal(await widget.status(), STATES.awaiting_payment[1]);
      assert.equal(await widget.$(".cc-address").count(), 1, "the payment details stay");
      // The live region stays, empty and taking no room.
      await widget.$(".cc-notice").waitFor({ state: "hidden", timeout: 5_000 });
      assert.equal(await widget.$(".cc-notice").textContent(), "");

      const { events, states } = await widget.log();
      assert.deepEqual(states, ["loading", "awaiting_payment"]);
      const errors = events.filter((event) => event.type === "error");
      assert.ok(errors.length >= 1, "an error event");
      for (const error of errors) {
        assert.match(error.error, reason);
        assert.equal(error.state, "awaiting_payment", "the error event carries the document shown");
      }
      assert.deepEqual(events.filter((event) => event.type !== "error").map((event) => event.type), ["open"]);
    });
  }

  await t.test("HTTP 500 before any document: the load error, no payment details", async (t) => {
    const name = harness.name("fault-first");
    harness.backend.set(name, scenario("awaiting_payment"));
    harness.backend.fail(name, "http500", 1_000);
    const page = await harness.open(t);
    const widget = await page.mount(name);
    await widget.$(".cc-status").filter({ hasText: EN.loadError }).waitFor();
    await page.page.waitForFunction(() => window.logs.w.events.some((event) => event.type === "error"));
    assert.equal(await widget.status(), EN.loadError);
    assert.equal(await widget.$(".cc").getAttribute("data-state"), "loading");
    assert.equal(await widget.$(".cc-address").count(), 0);
    assert.equal(await widget.$(".cc-qr").count(), 0);
    assert.equal(await widget.$(".cc-notice").count(), 0);
    const { events } = await widget.log();
    assert.deepEqual(events[0], { type: "error", state: null, outcome: null, error: "HTTP 500" });
    harness.backend.fail(name, "http500", 0);
  });

  await t.test("after success: stays paid, success once, no more requests", async (t) => {
    const { name, page, widget } = await mounted(t, "fault-stale", scenario("awaiting_payment"));
    await widget.waitState("awaiting_payment");
    harness.backend.set(name, scenario("paid"));
    await widget.waitState("paid");
    // The stale document (the one before) would say awaiting_payment again.
    harness.backend.fail(name, "stale", 5);
    const settled = harness.requests(name).length;
    // A payer coming back to the tab must not restart polling either.
    await page.page.evaluate(() => document.dispatchEvent(new Event("visibilitychange")));
    const later = await requestsDuring(name, 2_000);
    assert.deepEqual(later, [], "no request after the paid document");
    assert.equal(harness.requests(name).length, settled);
    assert.equal(harness.requests(name).at(-1).status, 200);
    const { events, states } = await widget.log();
    assert.deepEqual(states, ["loading", "awaiting_payment", "paid"]);
    assert.equal(events.filter((event) => event.type === "success").length, 1);
    assert.equal(await widget.status(), STATES.paid[1]);
  });
});

test("provider: a gateway's own document, read by the SDK, loaded again after a failed load", async (t) => {
  const fixture = new URL("../vectors/payments/tables/heropayments/v2-deposit-finished", import.meta.url).pathname;
  const expected = JSON.parse(readFileSync(`${fixture}.expected.json`, "utf8"));
  const name = harness.name("provider");
  harness.backend.set(name, readFileSync(`${fixture}.json`, "utf8"));
  const page = await harness.open(t);
  // The SDK's module fails to download once (a dropped connection), then downloads.
  let fetched = 0;
  await page.context.route("**/pkg/crypto_checkout_bg.wasm", (route) => (fetched++ === 0 ? route.abort() : route.continue()));
  const widget = await page.mount(name, { provider: "heropayments" });
  await widget.waitState(expected.state, 15_000);
  assert.equal(fetched, 2, "fetched again after the failure, then kept");
  const { events, states } = await widget.log();
  assert.deepEqual(states, ["loading", expected.state]);
  assert.equal(events[0].type, "error", "the failed load is an error event");
  assert.ok(events.some((event) => event.type === "success"));
});

test("hostile strings in the document render as text", async (t) => {
  const img = `<img src=x onerror="window.pwned=1">`;
  const script = `<script>window.pwned=1</script>`;
  const cases = {
    address: [scenario("awaiting_payment", { address: img, tag: img }), "awaiting_payment"],
    provider_status: [scenario("unknown", { provider_status: script, order_id: img }), "unknown"],
  };
  for (const [field, [document, state]] of Object.entries(cases)) {
    await t.test(field, async (t) => {
      // Without the page's CSP, so that an injected handler would really run.
      const { page, widget } = await mounted(t, `hostile-${field}`, document, { page: { context: { bypassCSP: true } } });
      await widget.waitState(state);
      await sleep(300);
      if (state === "awaiting_payment") {
        assert.equal(await widget.$(".cc-address").textContent(), img);
        assert.equal(await widget.$(".cc-tag").textContent(), img);
        assert.equal(await widget.$(".cc-qr").getAttribute("data-content"), img);
        assert.equal(await widget.$(".cc-wallet").count(), 0, "no URI for an address that is not one");
      } else {
        assert.equal(await widget.status(), `Payment status: ${script}. Waiting for an update.`);
      }
      const found = await page.page.evaluate((host) => {
        const root = document.querySelector(host).shadowRoot;
        return { pwned: window.pwned, elements: root.querySelectorAll("img, script, [onerror]").length };
      }, widget.host);
      assert.deepEqual(found, { pwned: undefined, elements: 0 });
      // The control: the same string as HTML in this page does run.
      const control = await page.page.evaluate(async (html) => {
        document.body.insertAdjacentHTML("beforeend", html);
        await new Promise((done) => setTimeout(done, 300));
        return window.pwned;
      }, img);
      assert.equal(control, 1, "the page would have run an injected handler");
    });
  }
});

test("destroy() removes the DOM, timers, listeners and requests", async (t) => {
  const name = harness.name("destroy");
  harness.backend.set(name, scenario("awaiting_payment"));
  const page = await harness.open(t, { init: trackTimersAndListeners });
  const live = () =>
    page.page.evaluate(() => ({
      timeouts: window.__live.timeouts.size,
      intervals: window.__live.intervals.size,
      visibility: window.__live.listeners.filter((listener) => listener.type === "visibilitychange").length,
    }));
  const baseline = await live();
  const widget = await page.mount(name);
  await widget.waitState("awaiting_payment");
  await widget.$(".cc-countdown").waitFor();
  const running = await live();
  assert.equal(running.intervals, baseline.intervals + 1, "the countdown's interval");
  assert.ok(running.timeouts > baseline.timeouts, "the poll timer");
  assert.equal(running.visibility, baseline.visibility + 1, "the visibilitychange listener");
  assert.equal(await page.page.evaluate(() => window.handles.w.mounted), true);

  await widget.call("destroy");
  await sleep(100);
  const sent = harness.requests(name).length;
  assert.equal(await widget.shadowChildren(), 0);
  assert.deepEqual(await live(), baseline);
  assert.equal(await page.page.evaluate(() => window.handles.w.mounted), false);
  assert.deepEqual(await requestsDuring(name, 1_500), []);
  assert.equal(harness.requests(name).length, sent);
  // Again: nothing happens; update() says the widget is gone.
  await widget.call("destroy");
  await assert.rejects(widget.call("update", { statusUrl: `/status/${name}` }), /destroyed/);
  assert.deepEqual(page.errors, []);
});

test("update() takes options over the widget's own, and leaving a `using` block unmounts it", async (t) => {
  const name = harness.name("update-dispose");
  harness.backend.set(name, scenario("awaiting_payment"));
  const page = await harness.open(t);
  const widget = await page.mount(name);
  await widget.waitState("awaiting_payment");
  // Neither update names the status URL, and the second leaves the callback out: both stay.
  await page.page.evaluate(() => {
    window.updates = 0;
    window.handles.w.update({ onUpdate: () => { window.updates += 1; } });
    window.handles.w.update({ theme: "dark" });
  });
  await widget.$('.cc[data-theme="dark"]').waitFor();
  harness.backend.set(name, scenario("confirming"));
  await widget.waitState("confirming");
  await page.page.waitForFunction(() => window.updates > 0, null, { timeout: 5_000 });
  await assert.rejects(widget.call("update", "dark"), /must be an object/);

  // What `using` calls on leaving its block.
  await page.page.evaluate(() => window.handles.w[Symbol.dispose]());
  assert.equal(await widget.shadowChildren(), 0);
  const sent = harness.requests(name).length;
  await sleep(1_500);
  assert.equal(harness.requests(name).length, sent, "no polling after dispose");
  assert.deepEqual(page.errors, []);
});

test("the widget adds its style sheet to a shadow root's own, and destroy() takes only its own away", async (t) => {
  const name = harness.name("own-sheet");
  harness.backend.set(name, scenario("awaiting_payment"));
  const page = await harness.open(t);
  const sheets = await page.page.evaluate((name) => {
    const host = document.createElement("div");
    document.getElementById("main").append(host);
    const root = host.attachShadow({ mode: "open" });
    const own = new CSSStyleSheet();
    own.replaceSync(".own { color: red }");
    root.adoptedStyleSheets = [own];
    const handle = window.widget.mountCheckout(host, { statusUrl: `/status/${name}` });
    const mounted = { count: root.adoptedStyleSheets.length, ownFirst: root.adoptedStyleSheets[0] === own };
    handle.destroy();
    return { mounted, after: root.adoptedStyleSheets.length, ownKept: root.adoptedStyleSheets[0] === own };
  }, name);
  assert.deepEqual(sheets, { mounted: { count: 2, ownFirst: true }, after: 1, ownKept: true });
  assert.deepEqual(page.errors, []);
});

test("<crypto-checkout> speaks its locale, and stops polling when removed", async (t) => {
  const name = harness.name("element");
  harness.backend.set(name, scenario("awaiting_payment"));
  const page = await harness.open(t);
  const defined = await page.page.evaluate((url) => {
    const defined = window.widget.defineCheckoutElement();
    const element = document.createElement("crypto-checkout");
    element.id = "el";
    for (const [attribute, value] of Object.entries({ "status-url": url, locale: "es", "poll-interval": "500" })) {
      element.setAttribute(attribute, value);
    }
    window.record(element, ["open", "error"]);
    document.getElementById("main").append(element);
    window.watch(element);
    return { defined, again: window.widget.defineCheckoutElement() };
  }, `/status/${name}`);
  assert.deepEqual(defined, { defined: true, again: false });
  const section = page.page.locator("#el .cc");
  await page.page.locator('#el .cc[data-state="awaiting_payment"]').waitFor();
  assert.equal(await section.getAttribute("lang"), "es");
  assert.equal(await page.page.locator("#el .cc-status").textContent(), "Esperando su pago.");
  assert.equal(await page.page.locator("#el .cc-title").textContent(), "Pagar con USDT en TRON (TRC-20)");
  assert.equal(await page.page.locator("#el .cc-copy").first().textContent(), "Copiar");
  assert.ok((await requestsDuring(name, 1_000)).length >= 1, "polling");

  await page.page.evaluate(() => document.getElementById("el").remove());
  await sleep(100);
  assert.deepEqual(await requestsDuring(name, 1_500), []);
  assert.deepEqual(page.errors, []);
});

test("ETags: If-None-Match, 304s, and a changed document fires update", async (t) => {
  const { name, widget } = await mounted(t, "etag", scenario("awaiting_payment"));
  await widget.waitState("awaiting_payment");
  await sleep(1_300);
  const [first, ...later] = harness.requests(name);
  assert.equal(first.ifNoneMatch, null);
  assert.equal(first.status, 200);
  assert.ok(later.length >= 1, "polling");
  for (const request of later) assert.deepEqual([request.ifNoneMatch, request.status], [`"${name}-v1"`, 304]);

  harness.backend.set(name, scenario("confirming"));
  await widget.waitState("confirming");
  await sleep(700);
  const changed = harness.requests(name).findIndex((request) => request.status === 200 && request !== first);
  assert.ok(changed > 0);
  for (const request of harness.requests(name).slice(changed + 1)) {
    assert.deepEqual([request.ifNoneMatch, request.status], [`"${name}-v2"`, 304]);
  }
  const { events } = await widget.log();
  assert.deepEqual(events.map((event) => [event.type, event.state]), [["open", "awaiting_payment"], ["update", "confirming"]]);
});

test("a hidden tab polls slowly, and at once when visible again", async (t) => {
  const { name, page, widget } = await mounted(t, "hidden", scenario("awaiting_payment"));
  await widget.waitState("awaiting_payment");
  const setHidden = (hidden) =>
    page.page.evaluate((hidden) => {
      Object.defineProperty(document, "hidden", { configurable: true, get: () => hidden });
      Object.defineProperty(document, "visibilityState", { configurable: true, get: () => (hidden ? "hidden" : "visible") });
      document.dispatchEvent(new Event("visibilitychange"));
    }, hidden);
  await setHidden(true);
  // The wait scheduled while visible (500 ms) still ends with one request.
  await sleep(800);
  assert.deepEqual(await requestsDuring(name, 2_000), [], "no request while hidden (30 s cadence)");
  const shown = Date.now();
  await setHidden(false);
  await sleep(500);
  const requests = harness.requests(name).filter((request) => request.time >= shown);
  assert.ok(requests.length >= 1, "a request right after the tab became visible");
  assert.ok(requests[0].time - shown <= 500, `first request after ${requests[0].time - shown} ms`);
});

test("fits a 320 px phone and a desktop: nothing overflows, the QR code still decodes", async (t) => {
  const XRP_DOCUMENT = {
    coin: "XRP", network: "ripple", address: "rPEPPER7kfTD9w2To4CQk6UCfuHM9c6GDY", tag: "4294967295",
    amount: "1234.567891", remaining_amount: "1234.567891", minimum_amount: "10", fiat: { currency: "USD", amount: "2500.00" },
  };
  const cases = [
    [320, "en", ETH_DOCUMENT],
    [320, "ar", XRP_DOCUMENT],
    [320, "ru", {}],
    [1280, "en", XRP_DOCUMENT],
  ];
  for (const [width, locale, fields] of cases) {
    await t.test(`${width} px, ${locale}, ${fields.coin ?? "USDT"}`, async (t) => {
      const { page, widget } = await mounted(t, `fit-${width}-${locale}`, scenario("awaiting_payment", fields), {
        options: { locale },
        page: { context: { viewport: { width, height: 900 } } },
      });
      await widget.waitState("awaiting_payment");
      const layout = await page.page.evaluate((host) => {
        const element = document.querySelector(host);
        const root = element.shadowRoot;
        const box = element.getBoundingClientRect();
        const outside = [...root.querySelectorAll("*")]
          .filter((node) => node.getClientRects().length > 0 && node.namespaceURI !== "http://www.w3.org/2000/svg")
          .map((node) => ({ node, rect: node.getBoundingClientRect() }))
          .filter(({ rect }) => rect.left < box.left - 0.5 || rect.right > box.right + 0.5)
          .map(({ node, rect }) => `${node.className}: ${rect.left.toFixed(1)}..${rect.right.toFixed(1)}`);
        return {
          pageWidth: document.documentElement.scrollWidth,
          host: [box.left, box.right],
          outside,
          qr: root.querySelector(".cc-qr").getBoundingClientRect().width,
        };
      }, widget.host);
      assert.ok(layout.pageWidth <= width, `the page scrolls sideways: ${layout.pageWidth} px wide`);
      assert.ok(layout.host[1] <= width, `the widget ends at ${layout.host[1]} px`);
      assert.deepEqual(layout.outside, [], "elements outside the widget");
      assert.ok(layout.qr >= 200, `QR code ${layout.qr} px wide`);
      const qr = widget.$(".cc-qr");
      assert.equal(decodeQr(await qr.screenshot()), await qr.getAttribute("data-content"));
      await saveArtifact(`fit-${width}-${locale}`, await page.page.screenshot({ fullPage: true }));
    });
  }
});

test("a payer's clock set wrong counts down on the backend's time (its Date header)", async (t) => {
  const expires = new Date(Date.now() + 15 * 60_000).toISOString();
  for (const minutes of [20, -20]) {
    await t.test(`${minutes} minutes`, async (t) => {
      const init = new Function(`const now = Date.now.bind(Date); Date.now = () => now() + ${minutes * 60_000};`);
      const { widget } = await mounted(t, `clock${minutes}`, scenario("awaiting_payment", { expires_at: expires }), {
        page: { init },
      });
      await widget.waitState("awaiting_payment");
      const text = await widget.$(".cc-countdown").textContent();
      assert.match(text, /^Expires in (14:[0-5]\d|15:00)$/, text);
      const { events } = await widget.log();
      assert.deepEqual(events.map((event) => event.type), ["open"]);
    });
  }
});

test("an expiry without a UTC offset counts down in UTC, whatever the payer's time zone", async (t) => {
  // Ten minutes from now, written as Calypso writes times: no offset, microseconds.
  const expires = new Date(Date.now() + 10 * 60_000).toISOString().replace(/\.\d+Z$/, ".000000");
  for (const timezoneId of ["Asia/Tokyo", "America/Los_Angeles"]) {
    await t.test(timezoneId, async (t) => {
      const { widget } = await mounted(t, `utc-${timezoneId.replace("/", "-")}`, scenario("awaiting_payment", { expires_at: expires }), {
        page: { context: { timezoneId } },
      });
      await widget.waitState("awaiting_payment");
      const text = await widget.$(".cc-countdown").textContent();
      assert.match(text, /^Expires in (9:[0-5]\d|10:00)$/, text);
    });
  }
});
