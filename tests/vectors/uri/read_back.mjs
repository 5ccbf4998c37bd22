// Reads a payment URI back with third-party parsers, to show that wallets' libraries read what
// the crate writes:
// - BIP21 (bitcoin:, litecoin:, dogecoin:) with the npm package `bip21`;
// - EIP-681 (ethereum:) against the grammar of EIP-681 and with the npm package
//   `eth-url-parser`;
// - the other forms (tron:, ripple:, web+stellar:, ton://) with the WHATWG URL parser.
// Each must give back the address, the amount, the tag and the label of the instruction, and
// every query value must be percent-encoded as RFC 3986 says. Used by tests/node/uri.test.mjs
// (both packages are devDependencies).
import { createRequire } from 'node:module';
import { ASSETS, CHAIN_IDS, units } from './make_cases.mjs';

const require = createRequire(import.meta.url);
const bip21 = require('bip21');
const ethUrlParser = require('eth-url-parser');

// EIP-681: request = "ethereum" ":" [ "pay-" ] target_address [ "@" chain_id ]
//   [ "/" function_name ] [ "?" parameters ], with an address as "0x" 40*HEXDIG.
const EIP681 = /^ethereum:(?:pay-)?(0x[0-9a-fA-F]{40})(?:@([0-9]+))?(?:\/([A-Za-z_][A-Za-z0-9_]*))?(?:\?(.*))?$/;
// EIP-681: number = [ "-" / "+" ] *DIGIT [ "." 1*DIGIT ] [ ( "e" / "E" ) [ 1*DIGIT ] ]
const NUMBER = /^[-+]?[0-9]*(?:\.[0-9]+)?(?:[eE][0-9]*)?$/;
// RFC 3986: a query value percent-encodes everything but unreserved characters.
const ENCODED_VALUE = /^(?:[A-Za-z0-9\-._~]|%[0-9A-F]{2})*$/;
// BIP21: amountdecimal = *digit [ "." *digit ]
const BIP21_AMOUNT = /^[0-9]*(?:\.[0-9]*)?$/;

/** How many URIs of each kind were read back. */
export const counts = { bip21: 0, eip681: 0, url: 0, bare: 0 };

/** The instruction's field, with an empty string meaning absent, as the crate reads it. */
const given = (instruction, key) => (instruction[key] === null || instruction[key] === '' ? undefined : instruction[key]);

function expect(what, got, want) {
  if (got !== want) throw new Error(`${what}: got ${JSON.stringify(got)}, want ${JSON.stringify(want)}`);
}

function checkBip21(uri, instruction) {
  const scheme = uri.slice(0, uri.indexOf(':'));
  const { address, options } = bip21.decode(uri, scheme);
  expect('address', address, instruction.address);
  const raw = new URLSearchParams(uri.split('?')[1] ?? '').get('amount');
  if (raw !== null && !BIP21_AMOUNT.test(raw)) throw new Error(`amount ${raw} is not a BIP21 amount`);
  expect('amount', options.amount, given(instruction, 'amount') === undefined ? undefined : Number(instruction.amount));
  expect('label', options.label, given(instruction, 'label'));
  counts.bip21 += 1;
}

function checkEip681(uri, instruction, asset, network) {
  const match = EIP681.exec(uri);
  if (!match) throw new Error('not an EIP-681 request');
  const [, target, chainId, functionName, query] = match;
  const parameters = (query ?? '').split('&').filter(Boolean).map((pair) => pair.split('='));
  for (const [key, value] of parameters) {
    const valid = key === 'address' ? /^0x[0-9a-fA-F]{40}$/.test(value) : NUMBER.test(value);
    if (!valid) throw new Error(`parameter ${key}=${value} breaks the grammar`);
  }
  const values = Object.fromEntries(parameters);
  const amount = given(instruction, 'amount');
  const atomic = amount === undefined ? undefined : units(amount, asset.decimals).toString();
  expect('chain id', chainId, String(CHAIN_IDS[network]));
  if (asset.contract) {
    expect('target', target, asset.contract);
    expect('function', functionName, 'transfer');
    expect('recipient', values.address, instruction.address);
    expect('uint256', values.uint256, atomic);
  } else {
    expect('target', target, instruction.address);
    expect('function', functionName, undefined);
    expect('value', values.value, atomic);
  }
  const parsed = ethUrlParser.parse(uri);
  expect('eth-url-parser target', parsed.target_address, target);
  expect('eth-url-parser chain id', parsed.chain_id, chainId);
  expect('eth-url-parser function', parsed.function_name, functionName);
  const key = asset.contract ? 'uint256' : 'value';
  const parsedAmount = parsed.parameters?.[key];
  expect('eth-url-parser amount', parsedAmount === undefined ? undefined : Number(parsedAmount), atomic === undefined ? undefined : Number(atomic));
  if (asset.contract) expect('eth-url-parser recipient', parsed.parameters?.address, instruction.address);
  counts.eip681 += 1;
}

function checkUrl(uri, instruction, network) {
  const url = new URL(uri);
  const parameters = url.searchParams;
  const amount = given(instruction, 'amount');
  const tag = given(instruction, 'tag');
  const decimalAmount = parameters.get('amount');
  if (network !== 'ton') {
    if (decimalAmount !== null && !/^[0-9]+(\.[0-9]*[1-9])?$/.test(decimalAmount)) {
      throw new Error(`amount ${decimalAmount} is not plain decimal text`);
    }
    expect('amount', decimalAmount === null ? undefined : Number(decimalAmount), amount === undefined ? undefined : Number(amount));
  }
  switch (network) {
    case 'tron':
      expect('address', url.pathname, instruction.address);
      break;
    case 'ripple':
      expect('address', url.pathname, instruction.address);
      expect('tag', parameters.get('dt') ?? undefined, tag === undefined ? undefined : String(BigInt(tag)));
      break;
    case 'stellar':
      expect('destination', parameters.get('destination'), instruction.address);
      expect('memo', parameters.get('memo') ?? undefined, tag);
      expect('label', parameters.get('msg') ?? undefined, given(instruction, 'label'));
      break;
    case 'ton':
      expect('address', url.pathname, `/${instruction.address}`);
      expect('nanotons', parameters.get('amount') ?? undefined, amount === undefined ? undefined : units(amount, ASSETS['ton/TON'].decimals).toString());
      expect('comment', parameters.get('text') ?? undefined, tag);
      break;
    default:
      throw new Error(`no check for ${network}`);
  }
  counts.url += 1;
}

/** The network the URI is for, from its scheme, and for EIP-681 the asset, from its target. */
function assetOf(uri) {
  const scheme = uri.slice(0, uri.indexOf(':'));
  if (scheme === 'ethereum') {
    const chainId = Number(/@([0-9]+)/.exec(uri)[1]);
    const network = Object.keys(CHAIN_IDS).find((name) => CHAIN_IDS[name] === chainId);
    const target = EIP681.exec(uri)?.[1];
    const entry = Object.entries(ASSETS).find(([key, asset]) => key.startsWith(`${network}/`) && asset.contract === target)
      ?? Object.entries(ASSETS).find(([key, asset]) => key.startsWith(`${network}/`) && !asset.contract);
    return { network, asset: entry[1] };
  }
  const network = { bitcoin: 'bitcoin', litecoin: 'litecoin', dogecoin: 'dogecoin', tron: 'tron', ripple: 'ripple', 'web+stellar': 'stellar', ton: 'ton' }[scheme];
  return { network };
}

/** Reads `uri` back and throws unless it carries exactly what `instruction` asks for. */
export function readBack(uri, instruction) {
  if (!uri.includes(':')) {
    expect('bare address', uri, instruction.address);
    counts.bare += 1;
    return;
  }
  for (const pair of (uri.split('?')[1] ?? '').split('&').filter(Boolean)) {
    const [key, value, ...rest] = pair.split('=');
    if (rest.length || value === undefined || !ENCODED_VALUE.test(value)) throw new Error(`parameter ${key} is not percent-encoded`);
  }
  const { network, asset } = assetOf(uri);
  if (['bitcoin', 'litecoin', 'dogecoin'].includes(network)) checkBip21(uri, instruction);
  else if (CHAIN_IDS[network]) checkEip681(uri, instruction, asset, network);
  else checkUrl(uri, instruction, network);
}
