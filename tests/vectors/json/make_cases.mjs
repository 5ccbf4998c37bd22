// Oracle for tests/json_normalize.rs: hand-picked edge cases run through V8.
// Each case is a JavaScript string; the data file records it as UTF-16 code units (so unpaired
// surrogates survive) and JSON.stringify(JSON.parse(s)) as UTF-8 hex, or "reject".
// Usage (from the repository root): node tests/vectors/json/make_cases.mjs
import { writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const cases = [
  // numbers
  '1.10', '1E2', '1e21', '1e-7', '0.000001', '-0', '12345678901234567890', '1e400', '1e-400',
  '-1e400', '[0.1,0.2,0.30000000000000004]', '5e-324', '2e-324', '1.7976931348623157e308',
  '1.7976931348623159e308', '9007199254740993', '123456789012345678901234567890e-10',
  '0.00001124', '50.00', '100e-2', '-0.0', '0e0', '0E-0', '1E+2', '123.456e78', '1e22',
  '4.35', '0.1e1', '100000000000000000000', '1000000000000000000000', '0.0000001234',
  '-5e-7', '1.0000000000000001', '3.141592653589793238462643383279', '[1e308,1e309]',
  // keys
  '{"b":1,"a":2,"1":3,"0":4}', '{"4294967294":1,"4294967295":2,"01":3,"-0":4,"1.0":5,"x":6}',
  '{"a":1,"b":2,"a":3}', '{"__proto__":1,"a":{"__proto__":[]}}', '{"\\u0031":1,"1":2}',
  '{"a":1,"1":2,"a":3,"0":4,"1":5}', '{"10":1,"9":2,"100":3,"x":{"3":1,"2":2}}',
  '{"":1,"":2}', '{"a":{"b":1,"b":2},"a":{"c":3}}', '{"length":1,"0":2}',
  '{"9999999999":1,"1":2}', '{"2":{"1":{"0":[{"b":1,"a":0}]}},"1":0}',
  // strings
  '"\\/"', '"\\u00e9"', '"\\u2028\\u2029"', '"\\ud800"', '"\\udc00\\ud800"', '"\\ud83d\\ude00"',
  '"\\uD83D\\uDE00"', '"\\ud83d"', '"\\ude00"', '"\\ud83d\\u0041"', '"\\u0000\\u001f\\u007f"',
  '"\\b\\f\\n\\r\\t\\"\\\\"', '"\\u0008\\u000C"', '"é€😀"', '"\ud800"', '"\udc00"', '"\ud83d\\ude00"',
  '"\\ud83d\ude00"', '"a\ud800b"', '["\ud800","\\ud800"]', '"\\u005C\\u0022"',
  // grammar
  ' [1 , 2 ] ', '\t\n\r{}', '[1,]', '[01]', '[.1]', '[1.]', '[+1]', '[1e]', '[-]', '["\t"]',
  '[NaN]', "['a']", '{"a" 1}', '{,}', '[1 2]', '{"a":1,}', '[', '"abc', '', ' ', 'nul', 'truex',
  '\u00a0[]', '\ufeff[]', '[]\u0000', '{"a":1}}', '[1]]', '"\\x41"', '"\\u12"', '"\\uZZZZ"',
  '[-01]', '[1e+]', '[1E-2]', '[-0e-0]', '\u2028[]',
];

const here = dirname(fileURLToPath(import.meta.url));
const lines = [`# node ${process.version}: input as UTF-16 hex units\tverdict\toutput as UTF-8 hex`];
for (const input of cases) {
  const units = [...Array(input.length).keys()]
    .map((i) => input.charCodeAt(i).toString(16).padStart(4, '0'))
    .join('');
  let line;
  try {
    const output = JSON.stringify(JSON.parse(input));
    line = `${units}\taccept\t${Buffer.from(output, 'utf8').toString('hex')}`;
  } catch {
    line = `${units}\treject\t`;
  }
  lines.push(line);
}
writeFileSync(join(here, 'cases.tsv'), lines.join('\n') + '\n');
console.log(`wrote ${cases.length} cases`);
