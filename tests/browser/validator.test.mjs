// The signature validator (www/validator.html, and its copy in pkg/validator/) in headless
// Chromium: every case of tests/vectors/diagnosis/ (signatures made by Node and Python with a
// known mistake) gets its diagnosis; the "copy as code" snippets, run by Node, Python and PHP,
// print the expected signature; no request leaves the page; nothing is stored; axe-core finds
// no violation; a 5 MB body stays responsive; hostile input renders as text.
//
//   scripts/build-pkg.sh && node --test tests/browser/validator.test.mjs
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { launch } from "./chromium.mjs";
import { serve } from "../../scripts/serve.mjs";
import { saveArtifact } from "./widget-helpers.mjs";

const REPO = fileURLToPath(new URL("../..", import.meta.url));
const require = createRequire(import.meta.url);
const AXE = readFileSync(require.resolve("axe-core/axe.min.js"), "utf8");
const CASES = ["node.json", "python.json"].flatMap(
  (file) => JSON.parse(readFileSync(`${REPO}tests/vectors/diagnosis/${file}`, "utf8")).cases,
);

let site;
let browser;

before(async () => {
  site = await serve({ root: `${REPO}www` });
  browser = await launch();
});

after(async () => {
  await browser?.close();
  site?.server.close();
});

/**
 * The validator page at `path`, loaded, in a fresh context closed when `t` ends; every request
 * made after the load is recorded in `requests`.
 */
async function open(t, path = "validator.html", contextOptions = {}) {
  const context = await browser.newContext(contextOptions);
  t.after(() => context.close());
  const page = await context.newPage();
  const errors = [];
  page.on("pageerror", (error) => errors.push(String(error)));
  await page.goto(`${site.url}${path}`);
  await page.waitForSelector("body[data-ready=true]", { timeout: 20_000 });
  const requests = [];
  page.on("request", (request) => requests.push(request.url()));
  return { page, errors, requests };
}

const FIELDS = { secret: "secret", body: "body", query: "query", path: "path", nonce: "nonce",
  message_id: "message-id", timestamp: "timestamp", received: "signature", headers: "headers" };

/** Waits until what the page shows is the latest state of its form. */
const settled = (page, timeout = 10_000) =>
  page.waitForFunction(() => document.body.dataset.state === "idle", null, { timeout });

/** Fills the form for `inputs` under `scheme` and waits for the page to check them. */
async function fill(page, scheme, inputs) {
  await page.selectOption("#scheme", scheme);
  await page.evaluate(({ inputs, fields }) => {
    for (const [name, id] of Object.entries(fields)) document.getElementById(id).value = inputs[name] ?? "";
    document.getElementById("form").dispatchEvent(new Event("input", { bubbles: true }));
  }, { inputs, fields: FIELDS });
  await settled(page);
}

const verdict = (page) =>
  page.evaluate(() => {
    const element = document.getElementById("verdict");
    return { finding: element.dataset.finding, mistake: element.dataset.mistake || null };
  });

test("every oracle case gets its diagnosis", async (t) => {
  const { page, errors, requests } = await open(t);
  for (const [index, item] of CASES.entries()) {
    await fill(page, item.scheme, item.inputs);
    assert.deepEqual(await verdict(page), item.expected, `case ${index}: ${item.name}`);
  }
  assert.deepEqual(errors, []);
  assert.deepEqual(requests, [], "no request after the page loaded");
});

test("pkg/validator/ alone, served as static files", async (t) => {
  const alone = await serve({ root: `${REPO}pkg` });
  t.after(() => alone.server.close());
  const context = await browser.newContext();
  t.after(() => context.close());
  const page = await context.newPage();
  const errors = [];
  page.on("pageerror", (error) => errors.push(String(error)));
  const violations = [];
  page.on("console", (message) => /Content Security Policy/.test(message.text()) && violations.push(message.text()));
  await page.goto(`${alone.url}validator/`);
  await page.waitForSelector("body[data-ready=true]", { timeout: 20_000 });
  const [correct] = CASES;
  await fill(page, correct.scheme, correct.inputs);
  assert.deepEqual(await verdict(page), correct.expected);
  assert.deepEqual([errors, violations], [[], []]);
});

test("the code snippets print the expected signature in Node, Python and PHP", async (t) => {
  const { page } = await open(t);
  const directory = mkdtempSync(join(tmpdir(), "validator-snippets-"));
  t.after(() => rmSync(directory, { recursive: true, force: true }));
  const php = (() => {
    try {
      execFileSync("php", ["--version"], { stdio: "ignore" });
      return true;
    } catch {
      return false;
    }
  })();
  const correct = CASES.filter((item) => item.expected.finding === "match" && item.scheme !== "iqpay-webhook");
  const schemes = new Set();
  for (const item of correct) {
    if (schemes.has(item.scheme)) continue;
    schemes.add(item.scheme);
    await fill(page, item.scheme, item.inputs);
    const expected = await page.evaluate(() => ({
      hex: document.getElementById("expected-hex").textContent,
      base64: document.getElementById("expected-base64").textContent,
    }));
    const wanted = item.scheme === "standard-webhook" ? `v1,${expected.base64}` : expected.hex;
    const runners = [["node", "node", "snippet.js"], ["python", "python3", "snippet.py"]];
    if (php) runners.push(["php", "php", "snippet.php"]);
    for (const [language, command, file] of runners) {
      await page.click(`#tab-${language}`);
      const code = await page.locator("#code").textContent();
      writeFileSync(join(directory, file), code);
      const output = execFileSync(command, [join(directory, file)], { encoding: "utf8" }).trim();
      assert.equal(output, wanted, `${item.scheme}, ${language}:\n${code}`);
    }
  }
  assert.equal(schemes.size, 8, [...schemes].join());
  if (!php) t.diagnostic("php is not installed: the PHP snippets were not run");
});

test("axe-core finds no WCAG 2.1 A/AA violation, on a desktop and on a phone", async (t) => {
  for (const viewport of [{ width: 1280, height: 900 }, { width: 360, height: 800 }]) {
    await t.test(`${viewport.width} px`, async (t) => {
      // axe is an inline script: this context ignores the page's CSP.
      const { page } = await open(t, "validator.html", { viewport, bypassCSP: true });
      const mismatch = CASES.find((item) => item.expected.mistake === "raw_body");
      await fill(page, mismatch.scheme, mismatch.inputs);
      await page.addScriptTag({ content: AXE });
      const violations = await page.evaluate(async () => {
        const result = await window.axe.run(document, { runOnly: { type: "tag", values: ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"] } });
        return result.violations.map(({ id, nodes }) => ({ id, nodes: nodes.map((node) => node.target) }));
      });
      assert.deepEqual(violations, []);
      const width = await page.evaluate(() => document.documentElement.scrollWidth);
      assert.ok(width <= viewport.width, `the page scrolls sideways: ${width} px`);
      await saveArtifact(`validator-${viewport.width}`, await page.screenshot({ fullPage: true }));
    });
  }
});

test("keyboard: the form and the code tabs work without a mouse, nothing is stored", async (t) => {
  const { page } = await open(t);
  await page.focus("#scheme");
  await page.keyboard.press("Tab");
  assert.equal(await page.evaluate(() => document.activeElement.id), "secret");
  await page.focus("#tab-node");
  await page.keyboard.press("ArrowRight");
  assert.equal(await page.evaluate(() => document.activeElement.id), "tab-python");
  assert.equal(await page.getAttribute("#tab-python", "aria-selected"), "true");
  assert.match(await page.locator("#code").textContent(), /^# x-api-sign/);
  const stored = await page.evaluate(() => ({ local: localStorage.length, session: sessionStorage.length, cookie: document.cookie }));
  assert.deepEqual(stored, { local: 0, session: 0, cookie: "" });
});

test("a 5 MB body, pasted or loaded from a file, is checked without freezing the page", async (t) => {
  const body = JSON.stringify({ items: Array.from({ length: 40_000 }, (_, i) => ({ id: i, amount: 10.5 + i, note: "é ".repeat(50) })) }, null, 2);
  assert.ok(body.length > 5_000_000, `${body.length} characters`);
  for (const way of ["paste", "file"]) {
    await t.test(way, async (t) => {
      const { page } = await open(t);
      await page.fill("#secret", "s3cret");
      await page.fill("#signature", "0".repeat(128));
      await settled(page);
      const started = Date.now();
      if (way === "paste") {
        await page.evaluate((body) => {
          const data = new DataTransfer();
          data.setData("text/plain", body);
          document.getElementById("body").dispatchEvent(new ClipboardEvent("paste", { clipboardData: data, bubbles: true, cancelable: true }));
        }, body);
      } else {
        await page.setInputFiles("#body-file", { name: "body.json", mimeType: "application/json", buffer: Buffer.from(body) });
        await page.waitForFunction(() => document.body.dataset.state === "checking");
      }
      // While the worker checks, the page answers at once: a timer fires without waiting for it.
      const lag = await page.evaluate(() => new Promise((done) => {
        const start = performance.now();
        setTimeout(() => done(performance.now() - start), 0);
      }));
      assert.equal(await page.evaluate(() => document.body.dataset.state), "checking");
      assert.ok(lag < 200, `a timer waited ${lag} ms while the body was checked`);
      await settled(page, 30_000);
      const elapsed = Date.now() - started;
      assert.equal(await page.evaluate(() => document.getElementById("verdict").dataset.finding), "mismatch");
      assert.match(await page.locator("#body-note-text").textContent(), way === "paste" ? /^A body of \d,\d{3},\d{3} characters was pasted/ : /^body\.json, \d,\d{3},\d{3} bytes/);
      assert.ok((await page.inputValue("#body")).length < 3_000, "the textarea holds only the start");
      assert.match(await page.locator("#signed").textContent(), /more characters$/);
      assert.match(await page.locator("#code").textContent(), /body\.json/);
      assert.ok(elapsed < 20_000, `checked in ${elapsed} ms`);
      t.diagnostic(`5 MB body (${way}) checked in ${elapsed} ms`);
      await page.click("#body-clear");
      await settled(page);
      assert.equal(await page.inputValue("#body"), "");
    });
  }
});

test("hostile input renders as text", async (t) => {
  const { page } = await open(t, "validator.html", { bypassCSP: true });
  const img = `<img src=x onerror="window.pwned=1">`;
  await fill(page, "heropayments-callback", {
    secret: img, body: `{"note":"${img.replaceAll('"', '\\"')}","</pre><script>window.pwned=1</script>":1}`, received: img, headers: `X-Evil: ${img}`,
  });
  await new Promise((done) => setTimeout(done, 300));
  const found = await page.evaluate(() => ({
    pwned: window.pwned,
    injected: document.querySelectorAll("main img, main script").length,
  }));
  assert.deepEqual(found, { pwned: undefined, injected: 0 });
  assert.match(await page.locator("#signed").textContent(), /<img/);
  assert.match(await page.locator("#code").textContent(), /onerror/);
});

test("the changes normalization makes are listed, and a number that loses precision is flagged", async (t) => {
  const { page } = await open(t);
  await fill(page, "heropayments-callback", {
    secret: "s", body: '{"b": 1.10, "a": 12345678901234567890, "2": "x", "s": "caf\\u00e9"}', received: "00",
  });
  const changes = await page.locator("#changes li").allTextContents();
  assert.ok(changes.length >= 4, changes.join("\n"));
  assert.ok(changes.every((text) => !text.includes("undefined")), changes.join("\n"));
  assert.ok(changes.some((text) => text.startsWith("$.b") && text.includes("(1.10 → 1.1)")), changes.join("\n"));
  assert.ok(changes.some((text) => text.startsWith("$.a") && text.includes("Loses precision")), changes.join("\n"));
  assert.ok(changes.some((text) => text.startsWith("$.s") && text.includes('("caf\\u00e9")')), changes.join("\n"));
  assert.equal(await page.locator("#signed").textContent(), '{"2":"x","b":1.1,"a":12345678901234567000,"s":"café"}');
});
