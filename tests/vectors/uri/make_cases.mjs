// Oracle for tests/uri.rs: payment URIs written independently of the crate, from each form's
// specification (BIP21, EIP-681, the XRP Ledger `ripple:` form, SEP-0007, TON transfer links),
// with amounts converted to the smallest unit by BigInt arithmetic.
//
// Each case is an instruction as a caller passes it (gateway spellings included) and either the
// URI or the code of the error the instruction must give. Random cases come from a seeded
// generator, so a rerun writes the same file. check_bip21.mjs imports the tables and `units`.
// Usage (from the repository root): node tests/vectors/uri/make_cases.mjs
import { writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

// Decimals and contracts, as the chains' explorers give them.
export const ASSETS = {
  'bitcoin/BTC': { decimals: 8 },
  'litecoin/LTC': { decimals: 8 },
  'dogecoin/DOGE': { decimals: 8 },
  'ethereum/ETH': { decimals: 18 },
  'bsc/BNB': { decimals: 18 },
  'polygon/MATIC': { decimals: 18 },
  'tron/TRX': { decimals: 6 },
  'ripple/XRP': { decimals: 6 },
  'stellar/XLM': { decimals: 7 },
  'ton/TON': { decimals: 9 },
  'ethereum/USDT': { decimals: 6, contract: '0xdAC17F958D2ee523a2206206994597C13D831ec7' },
  'bsc/USDT': { decimals: 18, contract: '0x55d398326f99059fF775485246999027B3197955' },
  'polygon/USDT': { decimals: 6, contract: '0xc2132D05D31c914a87C6611C10748AEb04B58e8F' },
  'tron/USDT': { decimals: 6, contract: 'TR7NHqjeKQxGTCi8q8ZY4pL8otSzgjLj6t' },
  'ethereum/USDC': { decimals: 6, contract: '0xA0b86991c6218b36c1d19D4a2e9Eb0cE3606eB48' },
  'bsc/USDC': { decimals: 18, contract: '0x8AC76a51cc950d9822D68b83fE1Ad97B32Cd580d' },
  'polygon/USDC': { decimals: 6, contract: '0x3c499c542cEF5E3811e1192ce70d8cC03d5c3359' },
  'tron/USDC': { decimals: 6, contract: 'TEkxiTehnzSmSe2XqrBj4w32RUN966rdz8' },
  'ethereum/DAI': { decimals: 18, contract: '0x6B175474E89094C44Da98b954EedeAC495271d0F' },
  'ethereum/FRAX': { decimals: 18, contract: '0x853d955aCEf822Db058eb8505911ED77F175b99e' },
};
export const CHAIN_IDS = { ethereum: 1, bsc: 56, polygon: 137 };
const UINT256_MAX = 2n ** 256n - 1n;

// Sample addresses, one or more per network (kept exactly as written, case included).
const ADDRESSES = {
  bitcoin: [
    '1A1zP1eP5QGefi2DMPTfTL5SLmv7DivfNa',
    'bc1qw508d6qejxtdg4y5r3zarvary0c5xw7kv8f3t4',
    'BC1QW508D6QEJXTDG4Y5R3ZARVARY0C5XW7KV8F3T4',
    'bc1p5d7rjq7g6rdk2yhzks9smlaqtedr4dekq08ge8ztwac72sfr9rusxg3297',
  ],
  litecoin: ['LQTpS3VaYTjCr4s9Y1t5zbeY26zevf7Fb3', 'ltc1qg82rnvaqacgcwxwsz8y4ckldfz5kvhxk6n0f4f'],
  dogecoin: ['DH5yaieqoZN36fDVciNyRueRGvGLR3mr7L'],
  ethereum: ['0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAed', '0xfb6916095ca1df60bb79ce92ce3ea74c37c5d359'],
  bsc: ['0xD1220A0cf47c7B9Be7A2E6BA89F429762e7b9aDb'],
  polygon: ['0xdbF03B407c01E7cD3CBea99509d93f8DDDC8C6FB'],
  tron: ['TLa2f6VPqDgRE67v1736s7bJ8Ray5wYjU7', 'TN3W4H6rK2ce4vX9YnFQHwKENnHjoxb3m9'],
  ripple: ['rPEPPER7kfTD9w2To4CQk6UCfuHM9c6GDY', 'X7AcgcsBL6XDcUb289X4mJ8djcdyKaB5hJDWMArnXr61cqZ'],
  stellar: ['GCEZWKCA5VLDNRLN3RPRJMRZOX3Z6G5CHCGSNFHEYVXM3XOJMDS674JZ'],
  ton: ['EQD4FPq-PRDieyQKkizFTRtSDyucUIqrj0v_zXJmqaDp6_0t', 'UQBvW8Z5huBkMJYdnfAEM5JqTNkuWX3diqYENkWsIL0XggGG'],
};

// --- Exact decimal arithmetic with BigInt -------------------------------------------------

/** The coefficient and exponent of a decimal text (value = coefficient × 10^exponent). */
function decimal(text) {
  const match = /^(-?)(\d+)(?:\.(\d+))?(?:[eE]([+-]?\d+))?$/.exec(text);
  if (!match) throw new Error(`not a decimal: ${text}`);
  const fraction = match[3] ?? '';
  const sign = match[1] === '-' ? -1n : 1n;
  return { coefficient: sign * BigInt(match[2] + fraction), exponent: Number(match[4] ?? 0) - fraction.length };
}

/** The amount in units of 10^-decimals, or null when it has finer digits. */
export function units(text, decimals) {
  const { coefficient, exponent } = decimal(text);
  const shift = exponent + decimals;
  if (shift >= 0) return coefficient * 10n ** BigInt(shift);
  const divisor = 10n ** BigInt(-shift);
  return coefficient % divisor === 0n ? coefficient / divisor : null;
}

/** Plain decimal text without exponent and trailing zeros. */
function plain(text) {
  const { coefficient, exponent } = decimal(text);
  if (exponent >= 0) return (coefficient * 10n ** BigInt(exponent)).toString();
  const digits = coefficient.toString().padStart(-exponent + 1, '0');
  const integer = digits.slice(0, digits.length + exponent);
  const fraction = digits.slice(digits.length + exponent).replace(/0+$/, '');
  return fraction ? `${integer}.${fraction}` : integer;
}

// --- The forms ----------------------------------------------------------------------------

/** RFC 3986 percent-encoding of a query value: everything but unreserved characters. */
function encode(text) {
  return encodeURIComponent(text).replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
}

function query(base, parameters) {
  const present = parameters.filter(([, value]) => value !== undefined && value !== null);
  return present.length ? `${base}?${present.map(([key, value]) => `${key}=${value}`).join('&')}` : base;
}

/** The expected URI for a canonical payment: network and ticker by our names. */
function expectedUri({ network, coin, address, amount, tag, label, tronUri }) {
  const asset = ASSETS[`${network}/${coin}`];
  const decimalAmount = amount === undefined ? undefined : plain(amount);
  const atomic = amount === undefined ? undefined : units(amount, asset.decimals).toString();
  switch (network) {
    case 'bitcoin':
    case 'litecoin':
    case 'dogecoin':
      return query(`${network}:${address}`, [['amount', decimalAmount], ['label', label && encode(label)]]);
    case 'ethereum':
    case 'bsc':
    case 'polygon':
      return asset.contract
        ? query(`ethereum:${asset.contract}@${CHAIN_IDS[network]}/transfer`, [['address', address], ['uint256', atomic]])
        : query(`ethereum:${address}@${CHAIN_IDS[network]}`, [['value', atomic]]);
    case 'tron':
      return tronUri ? query(`tron:${address}`, [['amount', decimalAmount], ['token', asset.contract]]) : address;
    case 'ripple':
      return query(`ripple:${address}`, [['amount', decimalAmount], ['dt', tag === undefined ? undefined : BigInt(tag).toString()]]);
    case 'stellar': {
      let memo;
      let memoType;
      if (tag !== undefined && /^(0|[1-9]\d*)$/.test(tag) && BigInt(tag) < 2n ** 64n) {
        [memo, memoType] = [tag, 'MEMO_ID'];
      } else if (tag !== undefined) {
        [memo, memoType] = [encode(tag), 'MEMO_TEXT'];
      }
      return query('web+stellar:pay', [
        ['destination', address], ['amount', decimalAmount], ['memo', memo], ['memo_type', memoType],
        ['msg', label && encode(label)],
      ]);
    }
    case 'ton':
      return query(`ton://transfer/${address}`, [['amount', atomic], ['text', tag && encode(tag)]]);
    default:
      throw new Error(network);
  }
}

// --- Cases --------------------------------------------------------------------------------

const cases = [];

/** A case that must give `payment`'s URI; `given` overrides what the caller passes. */
function ok(name, payment, given = {}) {
  const instruction = {
    network: payment.network,
    coin: payment.coin,
    address: payment.address,
    amount: payment.amount ?? null,
    tag: payment.tag ?? null,
    label: payment.label ?? null,
    tron_form: payment.tronUri ? 'tron_uri' : 'address',
    ...given,
  };
  cases.push({ name, instruction, uri: expectedUri(payment) });
}

/** A case that must fail with error `code`. */
function fails(name, code, instruction) {
  cases.push({
    name,
    instruction: { network: '', coin: '', address: '', amount: null, tag: null, label: null, tron_form: 'address', ...instruction },
    error: code,
  });
}

const [btc, bech32, bech32Upper, taproot] = ADDRESSES.bitcoin;
const eth = ADDRESSES.ethereum[0];
const trx = ADDRESSES.tron[0];
const xrp = ADDRESSES.ripple[0];
const xlm = ADDRESSES.stellar[0];
const ton = ADDRESSES.ton[0];

// BIP21
ok('btc amount keeps its value, not its trailing zeros', { network: 'bitcoin', coin: 'BTC', address: bech32, amount: '0.00094700' });
ok('btc without amount', { network: 'bitcoin', coin: 'BTC', address: btc });
ok('btc network implied by the coin', { network: 'bitcoin', coin: 'BTC', address: btc, amount: '1' }, { network: '' });
ok('btc upper-case bech32 stays upper case', { network: 'bitcoin', coin: 'BTC', address: bech32Upper, amount: '50.00' });
ok('btc taproot', { network: 'bitcoin', coin: 'BTC', address: taproot, amount: '0.00000001' });
ok('btc exponent amount', { network: 'bitcoin', coin: 'BTC', address: btc, amount: '1e-7' });
ok('btc big amount', { network: 'bitcoin', coin: 'BTC', address: btc, amount: '20999999.9769' });
ok('btc amount with zeros past the decimals', { network: 'bitcoin', coin: 'BTC', address: btc, amount: '0.1234567800000' });
ok('btc label percent-encoded', { network: 'bitcoin', coin: 'BTC', address: btc, amount: '0.5', label: 'Order #42 & café/1?=%+' });
ok('btc label with unreserved characters', { network: 'bitcoin', coin: 'BTC', address: btc, label: "A-Z_a.z~0!*'()" });
ok('btc empty label is no label', { network: 'bitcoin', coin: 'BTC', address: btc, amount: '2' }, { label: '' });
ok('btc empty tag is no tag', { network: 'bitcoin', coin: 'BTC', address: btc }, { tag: '' });
ok('btc gateway spelling of the network', { network: 'bitcoin', coin: 'BTC', address: btc, amount: '0.1' }, { network: 'BTC', coin: 'btc' });
ok('ltc bech32', { network: 'litecoin', coin: 'LTC', address: ADDRESSES.litecoin[1], amount: '1.25' });
ok('ltc legacy', { network: 'litecoin', coin: 'LTC', address: ADDRESSES.litecoin[0], amount: '0.001' }, { network: 'ltc' });
ok('doge', { network: 'dogecoin', coin: 'DOGE', address: ADDRESSES.dogecoin[0], amount: '420.69' });
ok('doge as XDG', { network: 'dogecoin', coin: 'DOGE', address: ADDRESSES.dogecoin[0], amount: '1000' }, { network: '', coin: 'XDG' });

// EIP-681
ok('eth value in wei', { network: 'ethereum', coin: 'ETH', address: eth, amount: '1.5' });
ok('eth without amount', { network: 'ethereum', coin: 'ETH', address: eth });
ok('eth lower-case address', { network: 'ethereum', coin: 'ETH', address: ADDRESSES.ethereum[1], amount: '0.000000000000000001' });
ok('eth exponent amount', { network: 'ethereum', coin: 'ETH', address: eth, amount: '2.5E-3' }, { network: 'ETH' });
ok('bnb on bsc', { network: 'bsc', coin: 'BNB', address: ADDRESSES.bsc[0], amount: '0.05' });
ok('matic on polygon as POL', { network: 'polygon', coin: 'MATIC', address: ADDRESSES.polygon[0], amount: '12' }, { coin: 'POL' });
ok('usdt erc-20', { network: 'ethereum', coin: 'USDT', address: eth, amount: '50.00' }, { network: 'erc20' });
ok('usdt erc-20 without amount keeps the transfer', { network: 'ethereum', coin: 'USDT', address: eth });
ok('usdt bep-20 has 18 decimals', { network: 'bsc', coin: 'USDT', address: ADDRESSES.bsc[0], amount: '50.10' }, { network: 'bep20' });
ok('usdt bep-20 by currency', { network: 'bsc', coin: 'USDT', address: ADDRESSES.bsc[0], amount: '7' }, { network: '', coin: 'USDT_BSC' });
ok('usdt polygon', { network: 'polygon', coin: 'USDT', address: ADDRESSES.polygon[0], amount: '0.000001' }, { coin: 'USDT_MATIC', network: 'matic' });
ok('usdc erc-20', { network: 'ethereum', coin: 'USDC', address: eth, amount: '1000000' });
ok('usdc bep-20 has 18 decimals', { network: 'bsc', coin: 'USDC', address: ADDRESSES.bsc[0], amount: '0.123456789012345678' }, { network: 'BSC' });
ok('usdc polygon', { network: 'polygon', coin: 'USDC', address: ADDRESSES.polygon[0], amount: '3.5' });
ok('dai', { network: 'ethereum', coin: 'DAI', address: eth, amount: '19.99' });
ok('frax', { network: 'ethereum', coin: 'FRAX', address: eth, amount: '1e2' });
ok('usdt-erc20 spelling', { network: 'ethereum', coin: 'USDT', address: eth, amount: '5' }, { network: '', coin: 'USDT-ERC20' });

// TRON
ok('trx bare address by default', { network: 'tron', coin: 'TRX', address: trx, amount: '100' });
ok('usdt trc-20 bare address by default', { network: 'tron', coin: 'USDT', address: trx, amount: '50.00' }, { network: 'trc20' });
ok('trx tron uri', { network: 'tron', coin: 'TRX', address: trx, amount: '100.5', tronUri: true });
ok('usdt trc-20 tron uri', { network: 'tron', coin: 'USDT', address: trx, amount: '50.00', tronUri: true }, { network: 'TRX', coin: 'USDT_TRX' });
ok('usdc trc-20 tron uri without amount', { network: 'tron', coin: 'USDC', address: ADDRESSES.tron[1], tronUri: true }, { network: '', coin: 'USDC_TRX' });
ok('usdt tron by USDTTRC20', { network: 'tron', coin: 'USDT', address: trx, amount: '1', tronUri: true }, { network: '', coin: 'USDTTRC20' });
ok('usdt tron by USDT-TRC20', { network: 'tron', coin: 'USDT', address: trx }, { network: 'tron', coin: 'USDT-TRC20' });

// XRP Ledger
ok('xrp with destination tag', { network: 'ripple', coin: 'XRP', address: xrp, amount: '25', tag: '123456' });
ok('xrp largest destination tag', { network: 'ripple', coin: 'XRP', address: xrp, amount: '0.000001', tag: '4294967295' });
ok('xrp tag zero', { network: 'ripple', coin: 'XRP', address: xrp, tag: '0' }, { network: 'xrp' });
ok('xrp tag with leading zeros', { network: 'ripple', coin: 'XRP', address: xrp, tag: '00042' });
ok('xrp x-address without tag', { network: 'ripple', coin: 'XRP', address: ADDRESSES.ripple[1], amount: '1.000000' });
// XLS-5d: an X-address (47 characters, X or T) already holds a destination tag.
const isXAddress = (address) => address.length === 47 && /^[XT]/.test(address);
fails('xrp x-address with a tag', 'uri_tag_with_x_address', { network: 'ripple', coin: 'XRP', address: ADDRESSES.ripple[1], amount: '1', tag: '7' });

// Stellar
ok('xlm id memo', { network: 'stellar', coin: 'XLM', address: xlm, amount: '10.5', tag: '1234567890' });
ok('xlm largest id memo', { network: 'stellar', coin: 'XLM', address: xlm, tag: '18446744073709551615' });
ok('xlm id memo too large is text', { network: 'stellar', coin: 'XLM', address: xlm, tag: '18446744073709551616' });
ok('xlm text memo', { network: 'stellar', coin: 'XLM', address: xlm, amount: '0.0000001', tag: 'order 42/é' });
ok('xlm number with a leading zero is text', { network: 'stellar', coin: 'XLM', address: xlm, tag: '007' });
ok('xlm 28-byte text memo', { network: 'stellar', coin: 'XLM', address: xlm, tag: 'abcdefghijklmnopqrstuvwxyz01' });
ok('xlm label as msg', { network: 'stellar', coin: 'XLM', address: xlm, amount: '1', label: 'Pay & go' }, { network: 'XLM' });

// TON
ok('ton comment', { network: 'ton', coin: 'TON', address: ton, amount: '1.5', tag: 'deposit 9f3a' });
ok('ton nanotons', { network: 'ton', coin: 'TON', address: ADDRESSES.ton[1], amount: '0.000000001' });
ok('ton without amount', { network: 'ton', coin: 'TON', address: ton, tag: 'Ключ #1' }, { network: 'toncoin' });

// Errors
const usdtTron = { network: 'tron', coin: 'USDT', address: trx };
fails('unknown network', 'uri_unknown_network', { ...usdtTron, network: 'solana' });
fails('unknown coin', 'uri_unknown_coin', { ...usdtTron, coin: 'SHIB' });
fails('fiat is not a coin', 'uri_unknown_coin', { ...usdtTron, coin: 'USD' });
fails('a network is not a coin', 'uri_unknown_coin', { ...usdtTron, coin: 'trc20' });
fails('missing coin', 'uri_missing_coin', { ...usdtTron, coin: '' });
fails('token without network', 'uri_missing_network', { ...usdtTron, network: '' });
fails('network contradicts the currency', 'uri_network_mismatch', { ...usdtTron, coin: 'USDT_BSC' });
fails('native coin on another network', 'uri_network_mismatch', { network: 'tron', coin: 'BTC', address: trx });
fails('dai on tron', 'uri_unsupported_asset', { network: 'tron', coin: 'DAI', address: trx });
fails('usdt on bitcoin', 'uri_unsupported_asset', { network: 'bitcoin', coin: 'USDT', address: btc });
fails('missing address', 'uri_missing_address', { ...usdtTron, address: '' });
for (const [label, address] of [
  ['space', `${btc} `], ['question mark', `${btc}?amount=1`], ['ampersand', 'a&b'], ['hash', 'abc#1'],
  ['slash', 'abc/def'], ['colon', 'bitcoin:abc'], ['percent', 'abc%20'], ['plus', 'EQ+abc'],
  ['non-ascii', 'bc1qé'], ['newline', 'abc\n'], ['dot', 'name.eth'],
]) {
  fails(`address with ${label}`, 'uri_address_character', { network: 'bitcoin', coin: 'BTC', address });
}
fails('address too long', 'uri_address_too_long', { network: 'bitcoin', coin: 'BTC', address: 'a'.repeat(129) });
fails('evm address without 0x', 'uri_not_evm_address', { network: 'ethereum', coin: 'ETH', address: eth.slice(2) });
fails('evm address too short', 'uri_not_evm_address', { network: 'ethereum', coin: 'USDT', address: eth.slice(0, 41) });
fails('evm address not hex', 'uri_not_evm_address', { network: 'bsc', coin: 'USDT', address: `0x${'g'.repeat(40)}` });
fails('tron address on ethereum', 'uri_not_evm_address', { network: 'ethereum', coin: 'USDT', address: trx });
fails('amount with comma', 'amount_invalid', { network: 'bitcoin', coin: 'BTC', address: btc, amount: '1,5' });
fails('amount with plus', 'amount_invalid', { network: 'bitcoin', coin: 'BTC', address: btc, amount: '+1' });
fails('amount empty', 'amount_empty', { network: 'bitcoin', coin: 'BTC', address: btc, amount: '' });
fails('amount too precise for btc', 'amount_too_precise', { network: 'bitcoin', coin: 'BTC', address: btc, amount: '0.123456789' });
fails('amount too precise for usdt erc-20', 'amount_too_precise', { network: 'ethereum', coin: 'USDT', address: eth, amount: '0.0000001' });
fails('amount too precise for xrp', 'amount_too_precise', { network: 'ripple', coin: 'XRP', address: xrp, amount: '1e-7' });
fails('amount too precise for usdt tron, bare address', 'amount_too_precise', { ...usdtTron, amount: '1.0000001' });
fails('amount negative', 'amount_negative', { network: 'bitcoin', coin: 'BTC', address: btc, amount: '-1' });
fails('amount zero', 'uri_zero_amount', { network: 'bitcoin', coin: 'BTC', address: btc, amount: '0.00' });
fails('amount negative zero', 'uri_zero_amount', { network: 'ethereum', coin: 'ETH', address: eth, amount: '-0' });
fails('amount beyond uint256', 'uri_amount_too_large', { network: 'ethereum', coin: 'ETH', address: eth, amount: '2e59' });
fails('tag on bitcoin', 'uri_tag_not_supported', { network: 'bitcoin', coin: 'BTC', address: btc, tag: '1' });
fails('tag on ethereum', 'uri_tag_not_supported', { network: 'ethereum', coin: 'USDT', address: eth, tag: 'memo' });
fails('tag on tron', 'uri_tag_not_supported', { ...usdtTron, tag: '12345' });
fails('tag on tron uri', 'uri_tag_not_supported', { ...usdtTron, tag: '12345', tron_form: 'tron_uri' });
fails('xrp tag not a number', 'uri_invalid_tag', { network: 'ripple', coin: 'XRP', address: xrp, tag: 'abc' });
fails('xrp tag too large', 'uri_invalid_tag', { network: 'ripple', coin: 'XRP', address: xrp, tag: '4294967296' });
fails('xrp tag negative', 'uri_invalid_tag', { network: 'ripple', coin: 'XRP', address: xrp, tag: '-1' });
fails('xrp tag with plus', 'uri_invalid_tag', { network: 'ripple', coin: 'XRP', address: xrp, tag: '+1' });
fails('xlm text memo too long', 'uri_invalid_tag', { network: 'stellar', coin: 'XLM', address: xlm, tag: 'abcdefghijklmnopqrstuvwxyz012' });
fails('xlm text memo too many bytes', 'uri_invalid_tag', { network: 'stellar', coin: 'XLM', address: xlm, tag: 'é'.repeat(15) });
fails('xlm label too long', 'uri_label_too_long', { network: 'stellar', coin: 'XLM', address: xlm, label: 'x'.repeat(301) });

// Random payments on every asset: amounts of every size and precision, tags and labels.
let state = 0x2545f4914f6cdd1dn;
function random(bound) {
  // xorshift64*
  state ^= state >> 12n;
  state ^= (state << 25n) & 0xffffffffffffffffn;
  state ^= state >> 27n;
  return Number(((state * 0x2545f4914f6cdd1dn) & 0xffffffffffffffffn) % BigInt(bound));
}
const pick = (items) => items[random(items.length)];
const digits = (count) => Array.from({ length: count }, () => random(10)).join('');

function randomAmount(decimals) {
  let integer = digits(1 + random(random(2) ? 3 : 12)).replace(/^0+(?=\d)/, '');
  if (random(5) === 0) integer = '0';
  const places = random(decimals + 1);
  let fraction = places ? digits(places) : '';
  if (fraction && random(4) === 0) fraction += '0'.repeat(1 + random(5));
  let text = fraction ? `${integer}.${fraction}` : integer;
  if (random(6) === 0) {
    // The same value with an exponent, and sometimes more digits: 12.5 → 1250E-2.
    const { coefficient, exponent } = decimal(text);
    const zeros = random(3);
    text = `${coefficient}${'0'.repeat(zeros)}${pick(['e', 'E'])}${exponent - zeros}`;
  }
  return units(text, decimals) > 0n ? text : '1';
}

const labelCharacters = ['a', 'Z', '7', ' ', '#', '&', '=', '?', '/', '%', '+', '~', '.', '-', '_', 'é', '€', '😀', '"', "'", '(', ')'];
const memoCharacters = ['a', 'B', '9', ' ', '-', '&', '#', 'ü', '/'];
for (const [key, asset] of Object.entries(ASSETS)) {
  const [network, coin] = key.split('/');
  for (let index = 0; index < 12; index += 1) {
    const payment = { network, coin, address: pick(ADDRESSES[network]) };
    if (random(5)) payment.amount = randomAmount(asset.decimals);
    if (network === 'ripple' && random(2)) payment.tag = String(random(2 ** 32));
    if (network === 'stellar' && random(2)) {
      payment.tag = random(2) ? String(random(2 ** 48)) : Array.from({ length: 1 + random(12) }, () => pick(memoCharacters)).join('');
    }
    if (network === 'ton' && random(2)) {
      payment.tag = Array.from({ length: 1 + random(30) }, () => pick(memoCharacters)).join('');
    }
    if (random(3) === 0) payment.label = Array.from({ length: 1 + random(20) }, () => pick(labelCharacters)).join('');
    if (network === 'tron') payment.tronUri = random(2) === 1;
    const atomic = payment.amount === undefined ? 0n : units(payment.amount, asset.decimals);
    if (CHAIN_IDS[network] && atomic > UINT256_MAX) continue;
    if (payment.tag !== undefined && isXAddress(payment.address)) {
      fails(`random ${key} ${index}`, 'uri_tag_with_x_address', { ...payment, amount: payment.amount ?? null, label: payment.label ?? null });
      continue;
    }
    ok(`random ${key} ${index}`, payment);
  }
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const out = join(dirname(fileURLToPath(import.meta.url)), 'cases.json');
  const rows = cases.map((entry) => JSON.stringify(entry)).join(',\n');
  writeFileSync(out, `{"generator": "tests/vectors/uri/make_cases.mjs", "cases": [\n${rows}\n]}\n`);
  console.log(`${out}: ${cases.length} cases`);
}
