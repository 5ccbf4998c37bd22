// The benchmark table (`make bench`): the package against what a JavaScript developer would
// otherwise write, in the same process, plus the size of the wasm module.
//
//   BENCH_ROUNDS   rounds per case (default 7); each round times ours and the reference
//                  one after the other for BENCH_ROUND_MS (default 150) each, in turns
//                  forwards and backwards. The rates are the medians of the rounds, and a
//                  ratio is the median of the rounds' own ratios: a round's two timings share
//                  the machine's conditions, which move from round to round on a shared host.
import { createHmac, timingSafeEqual } from "node:crypto";
import { execFileSync, spawn } from "node:child_process";
import { createInterface } from "node:readline";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { hmacSha512Hex, normalizeJson, verifyWebhook } from "crypto-checkout";
import { launch } from "../tests/browser/chromium.mjs";
import { serve } from "../scripts/serve.mjs";
import { ScriptedBackend, checkoutDocument } from "../scripts/checkout-backend.mjs";
import { callback, paymentList, webhook } from "./documents.mjs";

const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 7);
const ROUND_MS = Number(process.env.BENCH_ROUND_MS ?? 150);
const REPO = fileURLToPath(new URL("..", import.meta.url));

/** Calls per second of `fn`, over about `ms` milliseconds. */
function rate(fn, ms) {
  let calls = 0;
  const start = performance.now();
  let elapsed = 0;
  while (elapsed < ms) {
    for (let i = 0; i < 8; i += 1) fn();
    calls += 8;
    elapsed = performance.now() - start;
  }
  return (calls * 1000) / elapsed;
}

const median = (values) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];

/**
 * Median calls per second of each function of `candidates` (an object of named functions),
 * timed in turn in every round after a warm-up (forwards in even rounds, backwards in odd
 * ones, so none always runs first), and `ratio(a, b)`: the median of the rounds' own ratios
 * of `a` to `b`.
 */
function compare(candidates) {
  const names = Object.keys(candidates);
  for (const name of names) rate(candidates[name], ROUND_MS);
  const rounds = Object.fromEntries(names.map((name) => [name, []]));
  for (let round = 0; round < ROUNDS; round += 1) {
    const order = round % 2 === 0 ? names : [...names].reverse();
    for (const name of order) rounds[name].push(rate(candidates[name], ROUND_MS));
  }
  const ratio = (a, b) => median(rounds[a].map((rate, round) => rate / rounds[b][round]));
  return { ...Object.fromEntries(names.map((name) => [name, median(rounds[name])])), ratio };
}

const rows = [];
const throughput = (ops, bytes) => `${((ops * bytes) / 1e6).toFixed(0)} MB/s`;
const perSecond = (ops) => `${Math.round(ops).toLocaleString("en-US")} ops/s`;

/**
 * A table row; a `target` of `null` is a row shown for comparison only. `ratio` defaults to
 * `ours / reference`.
 */
function row(name, ours, reference, format, target, ratio = ours / reference) {
  const verdict = target === null ? "none (string input)" : `≥ ${target}× ${ratio >= target ? "✓" : "✗"}`;
  rows.push([name, format(ours), format(reference), `${ratio.toFixed(2)}×`, verdict]);
}

// normalizeJson against JSON.stringify(JSON.parse()).
const documents = [
  ["0.4 KB webhook", webhook(), 1],
  ["10 KB payment list", paymentList(10_000, { pretty: true }), 2],
  ["1 MB payment list", paymentList(1_000_000), 2],
];
for (const [name, text, target] of documents) {
  const bytes = new TextEncoder().encode(text);
  const reference = () => JSON.stringify(JSON.parse(text));
  if (normalizeJson(text) !== reference() || normalizeJson(bytes) !== reference()) {
    throw new Error(`normalizeJson differs from JSON.stringify(JSON.parse()) on ${name}`);
  }
  const format = (ops) => throughput(ops, bytes.length);
  // From bytes, as a request body arrives: both sides start from the same UTF-8 buffer.
  const buffer = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const referenceFromBytes = () => JSON.stringify(JSON.parse(buffer.toString("utf8")));
  const rates = compare({
    string: () => normalizeJson(text),
    bytes: () => normalizeJson(bytes),
    reference,
    referenceFromBytes,
  });
  // The targets are for `Uint8Array` input, as a request body arrives; the string rows compare.
  row(`normalizeJson, ${name}, string`, rates.string, rates.reference, format, null,
    rates.ratio("string", "reference"));
  row(`normalizeJson, ${name}, bytes`, rates.bytes, rates.referenceFromBytes, format, target,
    rates.ratio("bytes", "referenceFromBytes"));
}

// verifyWebhook on a 1 KB Heropayments callback against the same check in plain Node.
{
  const secret = "hp-secret-0123456789abcdef";
  const body = Buffer.from(callback());
  const signature = createHmac("sha512", secret).update(JSON.stringify(JSON.parse(body))).digest("hex");
  const headers = { "content-type": "application/json", "x-api-sign": signature };
  const ours = () => verifyWebhook({ provider: "heropayments", body, headers, secret }).verdict === "valid";
  const reference = () => {
    const expected = createHmac("sha512", secret).update(JSON.stringify(JSON.parse(body))).digest();
    const received = Buffer.from(headers["x-api-sign"], "hex");
    return received.length === expected.length && timingSafeEqual(received, expected);
  };
  if (!ours() || !reference()) throw new Error("the benchmark callback does not verify");
  const rates = compare({ ours, reference });
  const name = `verifyWebhook, ${(body.length / 1000).toFixed(1)} KB Heropayments callback`;
  row(name, rates.ours, rates.reference, perSecond, 1.5, rates.ratio("ours", "reference"));
}

// HMAC-SHA512 of 1 KB in headless Chromium: the wasm module against crypto.subtle.sign.
{
  const site = await serve({ root: fileURLToPath(new URL(".", import.meta.url)) });
  const browser = await launch();
  try {
    const page = await browser.newPage();
    await page.goto(`${site.url}hmac.html`);
    await page.waitForFunction(() => window.benchmark, null, { timeout: 20_000 });
    const result = await page.evaluate(
      ({ rounds, roundMs }) => window.benchmark(rounds, roundMs),
      { rounds: ROUNDS, roundMs: ROUND_MS },
    );
    row("HMAC-SHA512 of 1 KB in Chromium (vs crypto.subtle)", result.ours, result.reference, perSecond, 5);
  } finally {
    await browser.close();
    site.server.close();
  }
}

/** Kilobytes of `files` (paths under pkg/) compressed with gzip -9, as a server sends them. */
const gzippedKb = (files) =>
  files.reduce((sum, file) => sum + execFileSync("gzip", ["-9", "-c", `${REPO}pkg/${file}`]).length, 0) / 1024;

// Size of the SDK's wasm module.
{
  const kb = gzippedKb(["crypto_checkout_bg.wasm"]);
  rows.push(["SDK wasm module (gzip -9)", `${kb.toFixed(1)} KB`, "", "", `≤ 30 KB ${kb <= 30 ? "✓" : "✗"}`]);
}

// The widget: what a page loads (wasm, glue, snippets, element loader), the time from
// mountCheckout to the QR code, and the memory left after 1,000 poll cycles.
{
  const snippets = execFileSync("find", ["snippets", "-name", "*.js"], { cwd: `${REPO}pkg`, encoding: "utf8" })
    .split("\n")
    .filter(Boolean);
  const files = ["crypto_checkout_widget_bg.wasm", "crypto_checkout_widget.js", "crypto_checkout_element.js", ...snippets];
  const kb = gzippedKb(files);
  // BTCPay Server's checkout page loads about 271 KB of uncompressed JavaScript.
  rows.push([
    "widget: wasm + JS (gzip -9)",
    `${kb.toFixed(1)} KB`,
    "BTCPay 271 KB JS",
    "",
    `≤ 100 KB ${kb <= 100 ? "✓" : "✗"}`,
  ]);

  const backend = new ScriptedBackend();
  backend.set("bench", checkoutDocument());
  backend.set("poll", checkoutDocument());
  // Every other poll gets a changed document (the confirmations move), so the widget re-renders.
  let polls = 0;
  const handle = async (request, response) => {
    if (request.url === "/polls") {
      response.writeHead(200, { "content-type": "text/plain" }).end(String(polls));
      return true;
    }
    if (request.url === "/status/poll") {
      polls += 1;
      if (polls % 2 === 0) {
        backend.set("poll", checkoutDocument({ state: "confirming", provider_status: "waiting_confirmations",
          paid_amount: "50.00", remaining_amount: "0.00", confirmations: { received: polls, required: 1000000 } }));
      }
    }
    return backend.handle(request, response);
  };
  const site = await serve({ root: fileURLToPath(new URL(".", import.meta.url)), handle });
  const browser = await launch();
  try {
    const page = await browser.newPage();
    // Poll timers fire after 1 ms instead of 0.5 s, so 1,000 cycles take seconds.
    await page.addInitScript(() => {
      const original = window.setTimeout;
      window.fastTimers = false;
      window.setTimeout = (fn, ms, ...rest) => original(fn, window.fastTimers && ms === 500 ? 1 : ms, ...rest);
    });
    await page.goto(`${site.url}widget.html`);
    await page.waitForFunction(() => window.benchReady, null, { timeout: 20_000 });
    const mount = await page.evaluate((runs) => window.mountToQr(runs), 20);
    rows.push(["widget: mountCheckout to QR in the DOM (median of 20)", `${mount.median.toFixed(1)} ms`, "", "",
      `≤ 50 ms ${mount.median <= 50 ? "✓" : "✗"}`]);

    const cdp = await page.context().newCDPSession(page);
    const heap = async () => {
      await cdp.send("HeapProfiler.collectGarbage");
      const { usedSize } = await cdp.send("Runtime.getHeapUsage");
      return usedSize + (await page.evaluate(() => window.wasmMemory()));
    };
    await page.exposeFunction("countPolls", () => polls);
    await page.evaluate(() => { window.fastTimers = true; });
    await page.evaluate(() => window.pollCycles(50, window.countPolls)); // warm-up
    const before = await heap();
    await page.evaluate(() => window.pollCycles(1000, window.countPolls));
    const grown = ((await heap()) - before) / 1024;
    rows.push(["widget: JS heap + wasm memory after 1,000 polls, minus before", `${grown.toFixed(0)} KB`, "", "",
      `< 1024 KB ${grown < 1024 ? "✓" : "✗"}`]);
  } finally {
    backend.release();
    await browser.close();
    site.server.close();
  }
}

// The sandbox (release build) under load from a second process: idle polls of a checkout
// document (GET with a matching If-None-Match, answered 304), against a static file's
// conditional GET (If-Modified-Since) from the same server.
{
  const directory = mkdtempSync(join(tmpdir(), "sandbox-bench-"));
  const sandbox = spawn(`${REPO}target/release/crypto-checkout-sandbox`,
    ["--manual", "--port", "0", "--db", join(directory, "bench.db"), "--root", REPO], { stdio: ["ignore", "pipe", "inherit"] });
  try {
    const line = await new Promise((done) => createInterface({ input: sandbox.stdout }).once("line", done));
    const base = line.replace("crypto-checkout sandbox: ", "").trim().replace(/\/$/, "");
    const created = await fetch(`${base}/api/checkouts`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ provider: "heropayments", coin: "USDT", network: "tron", amount: "50.00", currency: "USD" }),
    }).then((response) => response.json());
    const url = `${base}/api/checkouts/${created.id}`;
    const etag = (await fetch(url)).headers.get("etag");
    const modified = (await fetch(`${base}/favicon.svg`)).headers.get("last-modified");
    const seconds = String(Math.max(2, Math.round(ROUNDS * ROUND_MS / 300)));
    const load = (target, header) => JSON.parse(execFileSync(`${REPO}target/release/crypto-checkout-load`,
      ["--url", target, "--header", header, "--connections", "64", "--seconds", seconds], { encoding: "utf8" }));
    const ours = load(url, `If-None-Match: ${etag}`);
    const reference = load(`${base}/favicon.svg`, `If-Modified-Since: ${modified}`);
    for (const [name, result] of [["checkout", ours], ["static file", reference]]) {
      if (Object.keys(result.statuses).join() !== "304") throw new Error(`${name}: not every answer was 304: ${JSON.stringify(result)}`);
    }
    const rps = (value) => `${Math.round(value).toLocaleString("en-US")} req/s`;
    rows.push(["sandbox: idle poll (304), 64 connections, vs a static file's 304", rps(ours.rps), rps(reference.rps),
      `${(ours.rps / reference.rps).toFixed(2)}×`, ""]);
    rows.push(["sandbox: idle poll p99 latency", `${ours.p99_ms.toFixed(2)} ms`, `${reference.p99_ms.toFixed(2)} ms`,
      `${(reference.p99_ms / ours.p99_ms).toFixed(2)}×`, ""]);
    rows.push(["sandbox: bytes per idle poll (request + response)", `${ours.request_bytes + ours.response_bytes} B`,
      `${reference.request_bytes + reference.response_bytes} B`, "", ""]);
    rows.push(["sandbox: open checkouts at one poll per 3 s", Math.round(ours.rps * 3).toLocaleString("en-US"), "", "", ""]);
  } finally {
    sandbox.kill();
    rmSync(directory, { recursive: true, force: true });
  }
}

const table = [
  "| case | ours | reference | ratio | target |",
  "| --- | ---: | ---: | ---: | --- |",
  ...rows.map((cells) => `| ${cells.join(" | ")} |`),
].join("\n");
const notes = [
  `References: JSON.stringify(JSON.parse(text)); JSON.parse + JSON.stringify + createHmac("sha512") + timingSafeEqual;`,
  `crypto.subtle.sign("HMAC") with the key imported once; the sandbox's polls against a static file's conditional GET`,
  `(If-Modified-Since, tower-http ServeDir) from the same server, both loaded by crypto-checkout-load from a second process.`,
  `Node ${process.version}, ${ROUNDS} rounds of ${ROUND_MS} ms, median; the Node ratios are medians of each round's own ratio.`,
].join("\n");
console.log(`${table}\n\n${notes}`);
mkdirSync(`${REPO}.bench`, { recursive: true });
writeFileSync(`${REPO}.bench/latest.md`, `${table}\n\n${notes}\n`);
