// The package in a real browser: a page loads pkg/ with <script type="module"> and
// `await init()`, served over HTTP from 127.0.0.1, in headless Chromium.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { createHmac } from "node:crypto";
import { fileURLToPath } from "node:url";
import { serve } from "../../scripts/serve.mjs";
import { launch } from "./chromium.mjs";

let browser;
let site;

before(async () => {
  site = await serve({ root: fileURLToPath(new URL(".", import.meta.url)) });
  browser = await launch();
});

after(async () => {
  await browser?.close();
  site?.server.close();
});

test("a page without a bundler loads the package with await init()", async () => {
  const page = await browser.newPage();
  const errors = [];
  page.on("pageerror", (error) => errors.push(String(error)));
  await page.goto(site.url);
  const smoke = await page.waitForFunction(() => window.smoke, null, { timeout: 20_000 }).then((h) => h.jsonValue());
  assert.deepEqual(errors, []);
  assert.deepEqual(smoke, {
    normalized: '{"2":null,"b":1.1,"a":[100,"é"]}',
    lone: true,
    bytes: '{"é":2.5}',
    canonical: '{"a":2,"b":1}',
    thrown: { name: "Error", code: "json_unexpected_character", line: 1, column: 4, offset: 3 },
    verdict: "unsigned",
    hmac: createHmac("sha512", "key").update("data").digest("hex"),
  });
  await page.close();
});
