// The benchmark table (`make bench`): the package against what a JavaScript developer would
// otherwise write, in the same process, plus the size of the wasm module.
//
//   BENCH_ROUNDS   rounds per case (default 7); each round times ours and the reference
//                  alternately for BENCH_ROUND_MS (default 150) and the median round counts.
import { createHmac, timingSafeEqual } from "node:crypto";
import { execFileSync } from "node:child_process";
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { hmacSha512Hex, normalizeJson, verifyWebhook } from "crypto-checkout";
import { launch } from "../tests/browser/chromium.mjs";
import { serve } from "../scripts/serve.mjs";
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
 * timed in turn in every round after a warm-up, so that they share the machine's conditions.
 */
function compare(candidates) {
  const names = Object.keys(candidates);
  for (const name of names) rate(candidates[name], ROUND_MS);
  const rounds = Object.fromEntries(names.map((name) => [name, []]));
  for (let round = 0; round < ROUNDS; round += 1) {
    for (const name of names) rounds[name].push(rate(candidates[name], ROUND_MS));
  }
  return Object.fromEntries(names.map((name) => [name, median(rounds[name])]));
}

const rows = [];
const throughput = (ops, bytes) => `${((ops * bytes) / 1e6).toFixed(0)} MB/s`;
const perSecond = (ops) => `${Math.round(ops).toLocaleString("en-US")} ops/s`;

function row(name, ours, reference, format, target) {
  const ratio = ours / reference;
  rows.push([name, format(ours), format(reference), `${ratio.toFixed(2)}×`, `≥ ${target}× ${ratio >= target ? "✓" : "✗"}`]);
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
  row(`normalizeJson, ${name}, string`, rates.string, rates.reference, format, target);
  row(`normalizeJson, ${name}, bytes`, rates.bytes, rates.referenceFromBytes, format, target);
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
  row(name, rates.ours, rates.reference, perSecond, 1.5);
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

// Size of the wasm module, as a server sends it compressed.
{
  const wasm = `${REPO}pkg/crypto_checkout_bg.wasm`;
  const gzipped = execFileSync("gzip", ["-9", "-c", wasm]).length;
  const kb = gzipped / 1024;
  rows.push([
    "wasm module size (gzip -9)",
    `${kb.toFixed(1)} KB`,
    "",
    "",
    `≤ 30 KB ${kb <= 30 ? "✓" : "✗"}`,
  ]);
}

const table = [
  "| case | ours | reference | ratio | target |",
  "| --- | ---: | ---: | ---: | --- |",
  ...rows.map((cells) => `| ${cells.join(" | ")} |`),
].join("\n");
const notes = [
  `References: JSON.stringify(JSON.parse(text)); JSON.parse + JSON.stringify + createHmac("sha512") + timingSafeEqual;`,
  `crypto.subtle.sign("HMAC") with the key imported once. Node ${process.version}, ${ROUNDS} rounds of ${ROUND_MS} ms, median.`,
].join("\n");
console.log(`${table}\n\n${notes}`);
mkdirSync(`${REPO}.bench`, { recursive: true });
writeFileSync(`${REPO}.bench/latest.md`, `${table}\n\n${notes}\n`);
