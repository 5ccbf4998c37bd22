// The published tarball, as users install it: `npm pack` of pkg/, installed (offline, from the
// tarball) into a scratch project under target/, then imported from Node with no
// initialisation, and bundled by Vite for a page that headless Chromium loads.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { serve } from "../../scripts/serve.mjs";
import { ScriptedBackend, checkoutDocument } from "../../scripts/checkout-backend.mjs";
import { launch } from "../browser/chromium.mjs";

const REPO = fileURLToPath(new URL("../..", import.meta.url));
const SCRATCH = join(REPO, "target", "pack-test");
const APP = join(SCRATCH, "app");
const VITE = join(REPO, "node_modules", "vite", "bin", "vite.js");

const run = (command, args, cwd) =>
  execFileSync(command, args, { cwd, encoding: "utf8", stdio: ["ignore", "pipe", "pipe"] });

let packed;

before(() => {
  rmSync(SCRATCH, { recursive: true, force: true });
  mkdirSync(APP, { recursive: true });
  [packed] = JSON.parse(run("npm", ["pack", "--json", "--pack-destination", SCRATCH, join(REPO, "pkg")], REPO));
  writeFileSync(join(APP, "package.json"), JSON.stringify({ name: "app", private: true, type: "module" }));
  run("npm", ["install", "--offline", "--no-audit", "--no-fund", "--loglevel=error", join(SCRATCH, packed.filename)], APP);
});

test("the tarball holds the module, the glue, the types and the Node entry", () => {
  const files = packed.files.map((file) => file.path).sort();
  for (const file of [
    "crypto_checkout.d.ts",
    "crypto_checkout.js",
    "crypto_checkout_glue.d.ts",
    "crypto_checkout_glue.js",
    "crypto_checkout_bg.wasm",
    "crypto_checkout_node.js",
    "crypto_checkout_widget.d.ts",
    "crypto_checkout_widget.js",
    "crypto_checkout_widget_bg.wasm",
    "crypto_checkout_widget_node.js",
    "crypto_checkout_element.js",
    "package.json",
  ]) {
    assert.ok(files.includes(file), `${file} in ${files}`);
  }
  const manifest = JSON.parse(readFileSync(join(APP, "node_modules", "crypto-checkout", "package.json"), "utf8"));
  const cargo = readFileSync(join(REPO, "Cargo.toml"), "utf8");
  assert.equal(manifest.version, cargo.match(/^version = "(.*)"$/m)[1]);
  assert.equal(manifest.type, "module");
  // The entry's types: the glue's, and verifyWebhook's (written in JavaScript in front of it).
  const installed = join(APP, "node_modules", "crypto-checkout");
  const entry = readFileSync(join(installed, "crypto_checkout.d.ts"), "utf8");
  assert.match(entry, /export \* from "\.\/crypto_checkout_glue\.js";/);
  const types = entry + readFileSync(join(installed, "crypto_checkout_glue.d.ts"), "utf8");
  assert.match(types, /export function normalizeJson\(input: JsonInput\): string;/);
  assert.match(types, /export function verifyWebhook\(webhook: WebhookInput\): Verification;/);
  // The two halves of verifyWebhook in WebAssembly are not part of the typed API.
  assert.doesNotMatch(types, /export function (verifyWebhookParts|webhookHeaderNames|webhookProviderIndex)/);
  // Every public function is typed with real interfaces (only the raw wasm exports use `any`).
  for (const line of types.split("\n").filter((line) => line.startsWith("export function"))) {
    assert.doesNotMatch(line, /\bany\b/, line);
  }
});

test("Node imports the installed package with no initialisation", () => {
  const script = `
    import init, { normalizeJson, hmacSha512Hex } from "crypto-checkout";
    await init();
    console.log(normalizeJson('{"b": 1.10, "a": 1E2}'), hmacSha512Hex("k", "d").length);
  `;
  assert.equal(run("node", ["--input-type=module", "-e", script], APP), '{"b":1.1,"a":100} 128\n');
});

test("Vite bundles it, and the bundled page works in a browser", async () => {
  writeFileSync(
    join(APP, "index.html"),
    `<!doctype html><meta charset="utf-8"><pre id="out"></pre><script type="module" src="/main.js"></script>\n`,
  );
  writeFileSync(
    join(APP, "main.js"),
    `import init, { normalizeJson } from "crypto-checkout";
await init();
// Non-ASCII results take the browser's UTF-16 decoder: characters of two to four UTF-8 bytes
// between ASCII runs of every length.
const unicode = JSON.stringify(Array.from({ length: 40 }, (_, i) => "x".repeat(i) + ["é", "€", "李", "😀"][i % 4]));
window.unicode = normalizeJson(unicode) === JSON.stringify(JSON.parse(unicode)) &&
  normalizeJson(new TextEncoder().encode(" " + unicode)) === unicode;
window.result = normalizeJson('{"b": 1.10, "a": [1E2]}');
document.getElementById("out").textContent = window.result;
`,
  );
  run("node", [VITE, "build", "--logLevel", "error"], APP);
  const assets = readdirSync(join(APP, "dist", "assets"));
  const wasm = assets.find((name) => name.endsWith(".wasm"));
  assert.ok(wasm, `a .wasm asset among ${assets}`);
  const script = assets.find((name) => name.endsWith(".js"));
  assert.ok(readFileSync(join(APP, "dist", "assets", script), "utf8").includes(wasm));

  const site = await serve({ root: join(APP, "dist") });
  const browser = await launch();
  try {
    const page = await browser.newPage();
    await page.goto(site.url);
    const result = await page.waitForFunction(() => window.result, null, { timeout: 20_000 });
    assert.equal(await result.jsonValue(), '{"b":1.1,"a":[100]}');
    assert.equal(await page.evaluate(() => window.unicode), true);
  } finally {
    await browser.close();
    site.server.close();
  }
});

test("Node imports the widget, which needs a browser to mount", () => {
  const script = `
    import init, { defineCheckoutElement, mountCheckout } from "crypto-checkout/widget";
    const exports = await init();
    let thrown;
    try { mountCheckout("#checkout", { statusUrl: "/status" }); } catch (error) { thrown = error; }
    console.log(defineCheckoutElement(), thrown instanceof TypeError, thrown.message);
    // The module's memory keeps its name among its (otherwise minified) exports.
    console.log(exports.memory instanceof WebAssembly.Memory);
  `;
  assert.equal(
    run("node", ["--input-type=module", "-e", script], APP),
    "false true mountCheckout needs a DOM (a browser page)\ntrue\n",
  );
});

test("Vite bundles the widget: a checkout document, and a gateway's own document through the SDK", async () => {
  const root = join(APP, "widget");
  mkdirSync(root, { recursive: true });
  writeFileSync(
    join(root, "index.html"),
    `<!doctype html><meta charset="utf-8"><div id="a"></div><div id="b"></div><script type="module" src="./main.js"></script>\n`,
  );
  writeFileSync(
    join(root, "main.js"),
    `import init, { mountCheckout } from "crypto-checkout/widget";
await init();
mountCheckout("#a", { statusUrl: "/status/document", locale: "en" });
mountCheckout("#b", { statusUrl: "/status/gateway", provider: "heropayments", locale: "en" });
window.mounted = true;
`,
  );
  run("node", [VITE, "build", "--logLevel", "error"], root);
  const backend = new ScriptedBackend();
  backend.set("document", checkoutDocument());
  const fixture = join(REPO, "tests", "vectors", "payments", "tables", "heropayments", "v2-deposit-finished");
  backend.set("gateway", readFileSync(`${fixture}.json`, "utf8"));
  const expected = JSON.parse(readFileSync(`${fixture}.expected.json`, "utf8"));
  const site = await serve({ root: join(root, "dist"), handle: backend.handle });
  const browser = await launch();
  try {
    const page = await browser.newPage();
    await page.goto(site.url);
    const state = (id) => page.evaluate((id) => document.getElementById(id).shadowRoot?.querySelector(".cc")?.dataset.state, id);
    await page.waitForFunction(() => document.querySelector("#a").shadowRoot?.querySelector(".cc-qr svg"), null, { timeout: 20_000 });
    assert.equal(await state("a"), "awaiting_payment");
    await page.waitForFunction((want) => document.querySelector("#b").shadowRoot?.querySelector(`.cc[data-state="${want}"]`), expected.state, { timeout: 20_000 });
    assert.equal(await state("b"), expected.state);
  } finally {
    backend.release();
    await browser.close();
    site.server.close();
  }
});
