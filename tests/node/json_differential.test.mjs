// Differential test: normalizeJson against V8's JSON.stringify(JSON.parse()) in this process,
// on documents from a seeded generator that stresses numbers, escapes, surrogates, keys,
// whitespace and nesting, plus mutated (mostly invalid) documents and byte input with
// invalid UTF-8. Any difference in output, or in accepting/rejecting, fails the test.
// DIFFERENTIAL_DOCUMENTS and DIFFERENTIAL_SEED override the defaults.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { normalizeJson } from 'crypto-checkout';
import { mulberry32 } from '../../scripts/mulberry32.mjs';

const DOCUMENTS = Number(process.env.DIFFERENTIAL_DOCUMENTS ?? 100_000);
const SEED = Number(process.env.DIFFERENTIAL_SEED ?? 20261122);


function generator(random) {
  const int = (n) => Math.floor(random() * n);
  const pick = (items) => items[int(items.length)];
  const digits = (n, first = '0123456789') => {
    let s = pick(first.split(''));
    for (let i = 1; i < n; i++) s += String(int(10));
    return s;
  };
  const edgeNumbers = [
    '0', '-0', '0.0', '-0.0', '1.10', '1E2', '1e21', '1e-7', '0.000001', '0.0000001', '1e400', '-1e400',
    '1e-400', '5e-324', '2.4703282292062327e-324', '1.7976931348623157e308', '1.7976931348623158e308',
    '9007199254740993', '12345678901234567890', '0.1', '0.30000000000000004', '100', '1e+2', '123e-2',
    '0.00001124', '50.00', '999999999999999999999', '1000000000000000000000', '4.35', '1.005',
  ];
  function number() {
    if (random() < 0.15) return pick(edgeNumbers);
    let s = random() < 0.3 ? '-' : '';
    s += random() < 0.25 ? '0' : digits(1 + int(random() < 0.8 ? 8 : 25), '123456789');
    if (random() < 0.5) s += '.' + digits(1 + int(random() < 0.8 ? 6 : 22));
    if (random() < 0.25) {
      s += pick(['e', 'E']) + pick(['', '+', '-']);
      s += random() < 0.9 ? String(int(30)) : String(280 + int(60));
    }
    return s;
  }
  const rawChars = ['a', 'Z', ' ', '~', '/', "'", '\u007f', 'é', '€', '\u00a0', '\u2028', '\u2029',
    '\ufeff', '\uffff', '😀', '𝄞', '\u0600', '中'];
  const hex4 = (code) => {
    const h = code.toString(16).padStart(4, '0');
    return random() < 0.5 ? h : h.toUpperCase();
  };
  function stringBody() {
    let s = '';
    const pieces = int(random() < 0.9 ? 8 : 40);
    for (let i = 0; i < pieces; i++) {
      const r = random();
      if (r < 0.35) s += pick(rawChars);
      else if (r < 0.55) s += pick(['\\"', '\\\\', '\\/', '\\b', '\\f', '\\n', '\\r', '\\t']);
      else if (r < 0.65) s += '\\u' + hex4(int(0x20));
      else if (r < 0.75) s += '\\u' + hex4(0xd800 + int(0x800));
      else if (r < 0.8) s += '\\u' + hex4(int(0x10000));
      else if (r < 0.84) s += String.fromCharCode(0xd800 + int(0x800));
      else s += 'abcdefghij'.slice(0, 1 + int(10));
    }
    return s;
  }
  const keyPool = ['a', 'b', 'id', 'amount', '__proto__', 'constructor', '0', '1', '2', '10', '01',
    '4294967294', '4294967295', '-0', '1.0', '', '\\u0031', '\\u0061', 'é', '\\u00e9', ' 1'];
  const ws = () => (random() < 0.7 ? '' : pick([' ', '\t', '\n', '\r', '  ', ' \n ']));
  function value(depth) {
    const r = random();
    if (depth > 4 || r < 0.3) return number();
    if (r < 0.5) return '"' + stringBody() + '"';
    if (r < 0.56) return pick(['true', 'false', 'null']);
    if (r < 0.75) {
      const n = int(6);
      const items = [];
      for (let i = 0; i < n; i++) items.push(ws() + value(depth + 1) + ws());
      return '[' + items.join(',') + ']';
    }
    const n = int(random() < 0.9 || depth > 0 ? 6 : 30);
    const members = [];
    for (let i = 0; i < n; i++) {
      const key = random() < 0.6 ? pick(keyPool) : stringBody();
      members.push(ws() + '"' + key + '"' + ws() + ':' + ws() + value(depth + 1) + ws());
    }
    return '{' + members.join(',') + '}';
  }
  // A chain of 50 to 450 nested arrays and objects around one number.
  function deep() {
    const depth = 50 + int(400);
    const open = [];
    let s = '';
    for (let i = 0; i < depth; i++) {
      if (random() < 0.5) { s += '['; open.push(']'); } else { s += '{"' + pick(keyPool) + '":'; open.push('}'); }
    }
    s += number();
    return s + open.reverse().join('');
  }
  function mutate(s) {
    const at = int(s.length + 1);
    const r = random();
    if (r < 0.3) return s.slice(0, at);
    if (r < 0.6) return s.slice(0, at) + s.slice(at + 1);
    return s.slice(0, at) + pick([',', ']', '}', '"', '\\', '0', '-', '.', 'e', ':', '\u0000', '\n', 'x']) + s.slice(at);
  }
  return () => {
    let s = random() < 0.01 ? deep() : ws() + value(0) + ws();
    if (random() < 0.05) s = mutate(s);
    return s;
  };
}

function v8(input) {
  try {
    return { ok: JSON.stringify(JSON.parse(input)) };
  } catch {
    return { error: true };
  }
}

function ours(input) {
  try {
    return { ok: normalizeJson(input) };
  } catch (error) {
    assert.equal(typeof error.code, 'string', 'errors carry a code');
    return { error: true };
  }
}

function corruptBytes(random, bytes) {
  const bad = [[0x80], [0xff], [0xc0, 0x80], [0xed, 0xa0, 0x80], [0xf0, 0x9f], [0xe2, 0x82], [0xf4, 0x90, 0x80, 0x80]];
  const at = Math.floor(random() * (bytes.length + 1));
  const insert = bad[Math.floor(random() * bad.length)];
  return Buffer.concat([bytes.subarray(0, at), Buffer.from(insert), bytes.subarray(at)]);
}

test(`normalizeJson matches JSON.stringify(JSON.parse()) on ${DOCUMENTS} generated documents (seed ${SEED})`, () => {
  const random = mulberry32(SEED);
  const next = generator(random);
  const mismatches = [];
  let accepted = 0;
  let bytesChecked = 0;
  for (let i = 0; i < DOCUMENTS && mismatches.length < 10; i++) {
    const text = next();
    let input = text;
    let reference = text;
    if (random() < 0.1) {
      let bytes = Buffer.from(text, 'utf8');
      if (random() < 0.5) bytes = corruptBytes(random, bytes);
      input = new Uint8Array(bytes);
      reference = bytes.toString('utf8');
      bytesChecked++;
    }
    const expected = v8(reference);
    const actual = ours(input);
    if (expected.ok !== undefined) accepted++;
    if (expected.ok !== actual.ok || Boolean(expected.error) !== Boolean(actual.error)) {
      mismatches.push({ index: i, input: JSON.stringify(reference).slice(0, 300), expected, actual });
    }
  }
  assert.deepEqual(mismatches, [], `mismatches: ${JSON.stringify(mismatches, null, 1)}`);
  // The generator must exercise both paths substantially.
  assert.ok(accepted > DOCUMENTS * 0.5, `only ${accepted} accepted documents`);
  assert.ok(bytesChecked > DOCUMENTS * 0.05, `only ${bytesChecked} byte inputs`);
});
