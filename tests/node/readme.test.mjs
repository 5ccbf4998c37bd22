// The README's JavaScript examples are what integrators paste: each ```js block must be a
// module Node can parse (no `return` outside a function, no unbalanced braces).
import { test } from "node:test";
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

const readme = readFileSync(new URL("../../README.md", import.meta.url), "utf8");
const blocks = [...readme.matchAll(/^```js\n([\s\S]*?)^```/gm)].map((match) => match[1]);

test("the README has JavaScript examples", () => {
  assert.ok(blocks.length >= 4, `${blocks.length} blocks`);
});

test("every JavaScript example in the README parses as a module", () => {
  const dir = mkdtempSync(join(tmpdir(), "readme-"));
  try {
    blocks.forEach((block, index) => {
      const file = join(dir, `example-${index}.mjs`);
      writeFileSync(file, block);
      try {
        execFileSync(process.execPath, ["--check", file], { stdio: "pipe" });
      } catch (error) {
        assert.fail(`README example ${index + 1} does not parse:\n${block}\n${error.stderr}`);
      }
    });
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
