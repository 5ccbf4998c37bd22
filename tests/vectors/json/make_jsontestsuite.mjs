// Oracle for tests/json_conformance.rs: what Node does with every JSONTestSuite file.
// For each file in ../shared/conformance/JSONTestSuite/test_parsing/ it records whether
// JSON.stringify(JSON.parse(Buffer.toString('utf8'))) succeeds and the exact output bytes.
// Usage (from the repository root): node tests/vectors/json/make_jsontestsuite.mjs
// Output: tests/vectors/json/jsontestsuite.tsv — name, "accept"/"reject", output as hex.
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const suite = join(here, '../../../../shared/conformance/JSONTestSuite/test_parsing');
const lines = [`# node ${process.version}: file\tverdict\tJSON.stringify(JSON.parse(text)) as UTF-8 hex`];
for (const name of readdirSync(suite).sort()) {
  const text = readFileSync(join(suite, name)).toString('utf8');
  let line;
  try {
    const output = JSON.stringify(JSON.parse(text));
    line = `${name}\taccept\t${Buffer.from(output, 'utf8').toString('hex')}`;
  } catch {
    line = `${name}\treject\t`;
  }
  lines.push(line);
}
writeFileSync(join(here, 'jsontestsuite.tsv'), lines.join('\n') + '\n');
console.log(`wrote ${lines.length - 1} verdicts`);
