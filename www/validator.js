// The signature validator: computes what a scheme signs and the signature it expects, compares
// it with the received one, names the mistake that explains a mismatch, lists what
// normalization changes in the body, and writes the signing steps as code. The checks run in a
// worker (validator-worker.js: diagnoseSignature and inspectJson), whose WebAssembly module
// comes as a script (wasm.js), so that the page's Content-Security-Policy can forbid every
// connection (connect-src 'none') and a large body never freezes the page.

/** Each scheme: the fields it needs, what its secret is called, and a sentence about it. */
const SCHEMES = {
  "heropayments-post": {
    fields: ["secret", "body", "signature", "headers"],
    secret: ["API secret", "The API secret of the admin panel (API keys)."],
    signature: "Received x-api-sign",
    help: "x-api-sign = HMAC-SHA512 of JSON.stringify(JSON.parse(body)), lowercase hex.",
  },
  "heropayments-get": {
    fields: ["secret", "query", "signature", "headers"],
    secret: ["API secret", "The API secret of the admin panel (API keys)."],
    signature: "Received x-api-sign",
    help: "x-api-sign = HMAC-SHA512 of the query string without its ?, or of the empty string.",
  },
  "heropayments-callback": {
    fields: ["secret", "body", "signature", "headers"],
    secret: ["API secret", "Callbacks are signed with the API secret."],
    signature: "Received x-api-sign",
    help: "x-api-sign = HMAC-SHA512 of JSON.stringify(JSON.parse(body)); hex (any case) or base64.",
  },
  "hayvn-request": {
    fields: ["secret", "path", "nonce", "body", "signature", "headers"],
    secret: ["API secret", "The API secret of Settings › API Keys."],
    signature: "Received X-HAYVNPAY-SIGNATURE",
    help: "X-HAYVNPAY-SIGNATURE = hex HMAC-SHA256 of base64({\"path\",\"nonce\",\"payload\"}), non-ASCII escaped as the Python sample does.",
  },
  "hayvn-callback": {
    fields: ["secret", "body", "signature"],
    secret: ["Callback token", "The callback token of Settings › API Keys (not the API secret)."],
    signature: "Received signature (or leave empty: the body's signature field)",
    help: "The body's signature = hex HMAC-SHA256 of its callback_id, keyed with the callback token.",
  },
  "cryptopayment-webhook": {
    fields: ["secret", "body", "signature"],
    secret: ["APP_KEY", "The APP_KEY exactly as the dashboard shows it (base64)."],
    signature: "Received signature (or leave empty: the body's signature field)",
    help: "The body's signature = hex HMAC-SHA256 of invoice_id + \".\" + event, keyed with the base64-decoded APP_KEY.",
  },
  "calypso-webhook": {
    fields: ["secret", "body", "signature", "headers"],
    secret: ["Webhook secret", "The secret of the webhook subscription."],
    signature: "Received Sign",
    help: "Sign = hex HMAC-SHA512 of the raw body, byte for byte as sent.",
  },
  "standard-webhook": {
    fields: ["secret", "message-id", "timestamp", "body", "signature", "headers"],
    secret: ["Signing secret", "The whsec_… secret."],
    signature: "Received webhook-signature",
    help: "webhook-signature = v1, then base64 HMAC-SHA256 of id.timestamp.body, keyed with the base64 after whsec_.",
  },
  "iqpay-webhook": {
    fields: ["body"],
    secret: ["", ""],
    signature: "",
    help: "iqpay signs no webhooks: confirm each transaction through iqpay's API before crediting it.",
  },
};

/** How much of a signed string is drawn with visible whitespace; the rest is summarized. */
const VISIBLE_LIMIT = 20_000;
/** Bodies (and normalized bodies) longer than this are read from a file in the code snippets. */
const INLINE_LIMIT = 64 * 1024;
/** A pasted body longer than this is kept aside: a textarea holding megabytes freezes the page. */
const PASTE_LIMIT = 1_000_000;

const $ = (id) => document.getElementById(id);
const value = (id) => $(id).value;

/** Draws `text` into `element` with spaces, tabs and line ends made visible. */
function showVisible(element, text) {
  const shown = text.length > VISIBLE_LIMIT ? text.slice(0, VISIBLE_LIMIT) : text;
  const nodes = [];
  let run = "";
  const flush = () => {
    if (run) nodes.push(document.createTextNode(run));
    run = "";
  };
  const mark = (symbol) => {
    flush();
    const span = document.createElement("span");
    span.className = "mark";
    span.textContent = symbol;
    nodes.push(span);
  };
  for (const character of shown) {
    if (character === " ") mark("·");
    else if (character === "\t") mark("→");
    else if (character === "\r") mark("␍");
    else if (character === "\n") {
      mark("↵");
      run += "\n";
    } else if (character < " " || character === "\u007f") mark(`\\u${character.charCodeAt(0).toString(16).padStart(4, "0")}`);
    else run += character;
  }
  flush();
  if (shown.length < text.length) {
    const more = document.createElement("em");
    more.textContent = ` … and ${(text.length - shown.length).toLocaleString("en-US")} more characters`;
    nodes.push(more);
  }
  element.replaceChildren(...nodes);
}

// --- Code snippets ---------------------------------------------------------------------------

/** A JavaScript string literal. */
const js = (text) => JSON.stringify(text);

/** A Python string literal: non-ASCII and controls escaped, so the file's encoding cannot matter. */
function py(text) {
  let out = '"';
  for (const character of text) {
    const code = character.codePointAt(0);
    if (character === '"' || character === "\\") out += `\\${character}`;
    else if (character === "\n") out += "\\n";
    else if (character === "\r") out += "\\r";
    else if (character === "\t") out += "\\t";
    else if (code < 0x20 || code === 0x7f) out += `\\x${code.toString(16).padStart(2, "0")}`;
    else if (code < 0x80) out += character;
    else if (code < 0x10000) out += `\\u${code.toString(16).padStart(4, "0")}`;
    else out += `\\U${code.toString(16).padStart(8, "0")}`;
  }
  return `${out}"`;
}

/** A PHP single-quoted string literal (byte for byte, only \ and ' escaped). */
const php = (text) => `'${text.replaceAll("\\", "\\\\").replaceAll("'", "\\'")}'`;

/** The body as each language's snippet gets it: inline, or from body.json when large (or bytes). */
function bodySource(body) {
  if (typeof body === "string" && body.length <= INLINE_LIMIT) return { node: js(body), python: py(body), php: php(body), file: false };
  return {
    node: 'require("node:fs").readFileSync("body.json", "utf8")',
    python: 'open("body.json", encoding="utf-8", newline="").read()',
    php: "file_get_contents('body.json')",
    file: true,
  };
}

/** The normalized body as the Python and PHP snippets get it: inline, or from signed.txt. */
function signedSourceOf(normalized) {
  if (normalized === null) return { python: '""  # the body is not JSON', php: "'' /* the body is not JSON */" };
  if (normalized.length <= INLINE_LIMIT) return { python: py(normalized), php: php(normalized) };
  return {
    python: 'open("signed.txt", encoding="utf-8", newline="").read()  # "Copy the signed string" above',
    php: "file_get_contents('signed.txt') /* \"Copy the signed string\" above */",
  };
}

/** The signing steps of `scheme` for these inputs, in Node, Python and PHP. */
function snippets(scheme, inputs, normalized) {
  const body = bodySource(inputs.body);
  const note = body.file ? " (save the body, exactly, as body.json)" : "";
  const signedSource = signedSourceOf(normalized);
  const secret = inputs.secret;
  switch (scheme) {
    case "heropayments-post":
    case "heropayments-callback":
      return {
        node: `// x-api-sign: HMAC-SHA512 of JSON.stringify(JSON.parse(body))${note}
const { createHmac } = require("node:crypto");
const secret = ${js(secret)};
const body = ${body.node};
const signed = JSON.stringify(JSON.parse(body));
console.log(createHmac("sha512", secret).update(signed).digest("hex"));
`,
        python: `# x-api-sign: HMAC-SHA512 of JSON.stringify(JSON.parse(body)). Python's json module writes
# some numbers differently from JavaScript, so the normalized body is given as computed here.
import hashlib, hmac
secret = ${py(secret)}
signed = ${signedSource.python}
print(hmac.new(secret.encode(), signed.encode(), hashlib.sha512).hexdigest())
`,
        php: `<?php
// x-api-sign: HMAC-SHA512 of JSON.stringify(JSON.parse(body)), as computed here: PHP's
// json_encode writes some numbers and characters differently from JavaScript.
$secret = ${php(secret)};
$signed = ${signedSource.php};
echo hash_hmac('sha512', $signed, $secret), "\\n";
`,
      };
    case "heropayments-get": {
      const query = inputs.query.replace(/^\?/, "");
      return {
        node: `// x-api-sign: HMAC-SHA512 of the query string without "?" (the empty string when there is none)
const { createHmac } = require("node:crypto");
const secret = ${js(secret)};
const query = ${js(query)};
console.log(createHmac("sha512", secret).update(query).digest("hex"));
`,
        python: `# x-api-sign: HMAC-SHA512 of the query string without "?"
import hashlib, hmac
secret = ${py(secret)}
query = ${py(query)}
print(hmac.new(secret.encode(), query.encode(), hashlib.sha512).hexdigest())
`,
        php: `<?php
// x-api-sign: HMAC-SHA512 of the query string without "?"
$secret = ${php(secret)};
$query = ${php(query)};
echo hash_hmac('sha512', $query, $secret), "\\n";
`,
      };
    }
    case "hayvn-request":
      return {
        node: `// X-HAYVNPAY-SIGNATURE: hex HMAC-SHA256 of base64({"path","nonce","payload"}), non-ASCII
// escaped as \\uXXXX like HAYVN's Python and PHP samples${note}
const { createHmac } = require("node:crypto");
const secret = ${js(secret)};
const path = ${js(inputs.path)};
const nonce = ${js(inputs.nonce)};
const payload = ${body.node};
const signatureData = JSON.stringify({ path, nonce, payload }).replace(/[\\u007f-\\uffff]/g,
  (unit) => "\\\\u" + unit.charCodeAt(0).toString(16).padStart(4, "0"));
const signed = Buffer.from(signatureData).toString("base64");
console.log(createHmac("sha256", secret).update(signed).digest("hex"));
`,
        python: `# X-HAYVNPAY-SIGNATURE, as HAYVN's Python sample computes it
import base64, hashlib, hmac, json
secret = ${py(secret)}
path = ${py(inputs.path)}
nonce = ${py(inputs.nonce)}
payload = ${body.python}
signature_data = json.dumps({"path": path, "nonce": nonce, "payload": payload}, separators=(",", ":")).encode()
print(hmac.new(secret.encode(), msg=base64.b64encode(signature_data), digestmod=hashlib.sha256).hexdigest())
`,
        php: `<?php
// X-HAYVNPAY-SIGNATURE, as HAYVN's PHP sample computes it
$secret = ${php(secret)};
$signatureData = json_encode(array(
    'path' => ${php(inputs.path)},
    'nonce' => ${php(inputs.nonce)},
    'payload' => ${body.php},
), JSON_UNESCAPED_SLASHES);
echo hash_hmac('sha256', base64_encode($signatureData), $secret), "\\n";
`,
      };
    case "hayvn-callback":
      return {
        node: `// signature: hex HMAC-SHA256 of callback_id, keyed with the callback token${note}
const { createHmac } = require("node:crypto");
const token = ${js(secret)};
const body = ${body.node};
console.log(createHmac("sha256", token).update(JSON.parse(body).callback_id).digest("hex"));
`,
        python: `# signature: hex HMAC-SHA256 of callback_id, keyed with the callback token
import hashlib, hmac, json
token = ${py(secret)}
body = ${body.python}
print(hmac.new(token.encode(), json.loads(body)["callback_id"].encode(), hashlib.sha256).hexdigest())
`,
        php: `<?php
// signature: hex HMAC-SHA256 of callback_id, keyed with the callback token
$token = ${php(secret)};
$payload = json_decode(${body.php}, true);
echo hash_hmac('sha256', $payload['callback_id'], $token), "\\n";
`,
      };
    case "cryptopayment-webhook":
      return {
        node: `// signature: hex HMAC-SHA256 of invoice_id + "." + event, keyed with the base64-decoded APP_KEY${note}
const { createHmac } = require("node:crypto");
const appKey = Buffer.from(${js(secret)}.replace(/^base64:/, ""), "base64");
const data = JSON.parse(${body.node});
console.log(createHmac("sha256", appKey).update(data.invoice_id + "." + data.event).digest("hex"));
`,
        python: `# signature: hex HMAC-SHA256 of invoice_id + "." + event, keyed with the base64-decoded APP_KEY
import base64, hashlib, hmac, json
app_key = base64.b64decode(${py(secret)}.removeprefix("base64:"))
data = json.loads(${body.python})
print(hmac.new(app_key, (data["invoice_id"] + "." + data["event"]).encode(), hashlib.sha256).hexdigest())
`,
        php: `<?php
// signature, as CryptoPayment.center's PHP sample computes it
$appKey = base64_decode(preg_replace('/^base64:/', '', ${php(secret)}));
$data = json_decode(${body.php}, true);
echo hash_hmac('sha256', $data['invoice_id'] . '.' . $data['event'], $appKey), "\\n";
`,
      };
    case "calypso-webhook":
      return {
        node: `// Sign: hex HMAC-SHA512 of the raw body, byte for byte${note}
const { createHmac } = require("node:crypto");
const secret = ${js(secret)};
const body = ${body.node};
console.log(createHmac("sha512", secret).update(body).digest("hex"));
`,
        python: `# Sign: hex HMAC-SHA512 of the raw body, byte for byte
import hashlib, hmac
secret = ${py(secret)}
body = ${body.python}
print(hmac.new(secret.encode(), body.encode(), hashlib.sha512).hexdigest())
`,
        php: `<?php
// Sign: hex HMAC-SHA512 of the raw body, byte for byte
$secret = ${php(secret)};
$body = ${body.php};
echo hash_hmac('sha512', $body, $secret), "\\n";
`,
      };
    case "standard-webhook":
      return {
        node: `// webhook-signature: "v1," + base64 HMAC-SHA256 of id.timestamp.body, keyed with the base64 after whsec_${note}
const { createHmac } = require("node:crypto");
const key = Buffer.from(${js(secret)}.replace(/^whsec_/, ""), "base64");
const body = ${body.node};
const signed = ${js(inputs.messageId)} + "." + ${js(inputs.timestamp)} + "." + body;
console.log("v1," + createHmac("sha256", key).update(signed).digest("base64"));
`,
        python: `# webhook-signature: "v1," + base64 HMAC-SHA256 of id.timestamp.body
import base64, hashlib, hmac
key = base64.b64decode(${py(secret)}.removeprefix("whsec_"))
body = ${body.python}
signed = ${py(inputs.messageId)} + "." + ${py(inputs.timestamp)} + "." + body
print("v1," + base64.b64encode(hmac.new(key, signed.encode(), hashlib.sha256).digest()).decode())
`,
        php: `<?php
// webhook-signature: "v1," + base64 HMAC-SHA256 of id.timestamp.body
$key = base64_decode(preg_replace('/^whsec_/', '', ${php(secret)}));
$signed = ${php(inputs.messageId)} . '.' . ${php(inputs.timestamp)} . '.' . ${body.php};
echo 'v1,' . base64_encode(hash_hmac('sha256', $signed, $key, true)), "\\n";
`,
      };
    default:
      return {
        node: "// iqpay signs no webhooks: read the transaction back from iqpay's API before crediting it.\n",
        python: "# iqpay signs no webhooks: read the transaction back from iqpay's API before crediting it.\n",
        php: "<?php\n// iqpay signs no webhooks: read the transaction back from iqpay's API before crediting it.\n",
      };
  }
}

// --- The page ---------------------------------------------------------------------------------

let language = "node";
let code = { node: "", python: "", php: "" };
/** The full signed string (the page shows only its start when it is long). */
let signedString = "";
/** A body too large to show (pasted), or a file's bytes: what is checked instead of the textarea. */
let heldBody = null;

/** The inputs of the form, as diagnoseSignature takes them. */
function inputs() {
  const headers = value("headers");
  const header = (name) => {
    const line = headers.split(/\r?\n/).find((candidate) => candidate.toLowerCase().startsWith(`${name}:`));
    return line ? line.slice(name.length + 1).trim() : "";
  };
  return {
    scheme: value("scheme"),
    secret: value("secret"),
    body: heldBody ?? value("body"),
    query: value("query"),
    path: value("path"),
    // Taken from the pasted headers when the field is empty, for the code snippets too.
    nonce: value("nonce") || header("x-hayvnpay-nonce"),
    messageId: value("message-id") || header("webhook-id"),
    timestamp: value("timestamp") || header("webhook-timestamp"),
    signature: value("signature"),
    headers,
  };
}

const TITLES = {
  match: "✓ Match",
  mismatch: "✗ Mismatch",
  unsigned: "Unsigned",
  incomplete: "Not enough to check yet",
};

function showScheme() {
  const scheme = SCHEMES[value("scheme")];
  for (const field of document.querySelectorAll(".field")) field.hidden = !scheme.fields.includes(field.dataset.for);
  $("scheme-help").textContent = scheme.help;
  $("secret-label").textContent = scheme.secret[0];
  $("secret-help").textContent = scheme.secret[1];
  $("signature-label").textContent = scheme.signature;
}

/** Lists what normalization changes (`inspection` from inspectJson, or null). */
function showChanges(inspection) {
  const list = $("changes");
  list.replaceChildren();
  for (const warning of inspection?.warnings ?? []) {
    const item = document.createElement("li");
    item.className = `change change-${warning.kind}`;
    const where = document.createElement("code");
    where.textContent = warning.path;
    const what = document.createElement("span");
    const shift = warning.original === undefined
      ? ""
      : warning.normalized === undefined
        ? ` (${warning.original})`
        : ` (${warning.original} → ${warning.normalized})`;
    what.textContent = `: ${warning.message}${shift}`;
    item.append(where, what);
    if (warning.kind === "precision_lost") {
      const flag = document.createElement("strong");
      flag.textContent = " Loses precision: send this number as a string.";
      item.append(flag);
    }
    list.append(item);
  }
  if (inspection?.omittedWarnings) {
    const item = document.createElement("li");
    item.textContent = `… and ${inspection.omittedWarnings} more`;
    list.append(item);
  }
  $("changes-block").hidden = list.children.length === 0;
}

/** Shows what the worker found for `given`. */
function show(given, diagnosis, inspection) {
  const verdict = $("verdict");
  verdict.dataset.finding = diagnosis.finding;
  verdict.removeAttribute("aria-busy");
  $("verdict-title").textContent = TITLES[diagnosis.finding];
  $("verdict-message").textContent = diagnosis.message;
  const mistake = diagnosis.mistake;
  $("mistake").hidden = !mistake;
  verdict.dataset.mistake = mistake?.code ?? "";
  if (mistake) {
    $("mistake-message").textContent = mistake.message;
    showVisible($("mistake-signed"), mistake.signedString);
  }
  signedString = diagnosis.signedString;
  showVisible($("signed"), signedString);
  $("expected-hex").textContent = diagnosis.expected.hex;
  $("expected-base64").textContent = diagnosis.expected.base64;
  $("received").textContent = diagnosis.received;
  showChanges(inspection);
  code = snippets(given.scheme, given, inspection?.normalized ?? null);
  $("code").textContent = code[language];
  // For tests and scripts: "idle" once what is shown is the form's latest state.
  if (timer === null) document.body.dataset.state = "idle";
  document.body.dataset.ready = "true";
}

const worker = new Worker(new URL("./validator-worker.js", import.meta.url), { type: "module" });
let sent = 0;
/** What the worker is checking, by sequence number: only the latest answer is shown. */
const pending = new Map();
worker.onmessage = ({ data: { sequence, diagnosis, inspection } }) => {
  const given = pending.get(sequence);
  pending.delete(sequence);
  if (sequence === sent) show(given, diagnosis, inspection);
};

function check() {
  timer = null;
  document.body.dataset.state = "checking";
  showScheme();
  const given = inputs();
  sent += 1;
  pending.set(sent, given);
  $("verdict").setAttribute("aria-busy", "true");
  worker.postMessage({ sequence: sent, inputs: given });
}

let timer = null;
function schedule() {
  clearTimeout(timer);
  document.body.dataset.state = "checking";
  timer = setTimeout(check, 80);
}

function selectTab(tab) {
  for (const other of document.querySelectorAll("[role=tab]")) {
    const selected = other === tab;
    other.setAttribute("aria-selected", String(selected));
    other.tabIndex = selected ? 0 : -1;
  }
  language = tab.dataset.language;
  $("code").setAttribute("aria-labelledby", tab.id);
  $("code").textContent = code[language];
}

/** Checks `body` (a long string, or bytes) without putting it in the textarea. */
function hold(body, description) {
  heldBody = body;
  const start = typeof body === "string" ? body.slice(0, 2_000) : new TextDecoder().decode(body.subarray(0, 2_000));
  $("body").value = `${start}…`;
  $("body").readOnly = true;
  $("body-note-text").textContent = `${description}: the check uses all of it; only its start is shown.`;
  $("body-note").hidden = false;
  schedule();
}

$("body").addEventListener("paste", (event) => {
  const text = event.clipboardData?.getData("text/plain") ?? "";
  if (text.length <= PASTE_LIMIT) return;
  event.preventDefault();
  hold(text, `A body of ${text.length.toLocaleString("en-US")} characters was pasted`);
});
$("body-file").addEventListener("change", async () => {
  const [file] = $("body-file").files;
  if (!file) return;
  hold(new Uint8Array(await file.arrayBuffer()), `${file.name}, ${file.size.toLocaleString("en-US")} bytes, was loaded`);
});
$("body-clear").addEventListener("click", () => {
  heldBody = null;
  $("body").value = "";
  $("body").readOnly = false;
  $("body-file").value = "";
  $("body-note").hidden = true;
  schedule();
});
document.getElementById("form").addEventListener("input", schedule);
$("scheme").addEventListener("change", check);
for (const tab of document.querySelectorAll("[role=tab]")) {
  tab.addEventListener("click", () => selectTab(tab));
  tab.addEventListener("keydown", (event) => {
    const tabs = [...document.querySelectorAll("[role=tab]")];
    const step = { ArrowRight: 1, ArrowLeft: -1 }[event.key];
    if (!step) return;
    const next = tabs[(tabs.indexOf(tab) + step + tabs.length) % tabs.length];
    next.focus();
    selectTab(next);
  });
}
const COPY_LABELS = { code: "Copy the code", signed: "Copy the signed string" };
for (const button of document.querySelectorAll("button.copy")) {
  button.addEventListener("click", async () => {
    const source = button.dataset.copy;
    const text = source === "signed" ? signedString : $(source).textContent;
    try {
      await navigator.clipboard.writeText(text);
      button.textContent = "Copied";
    } catch {
      button.textContent = "Copy failed: select the text";
    }
    setTimeout(() => (button.textContent = COPY_LABELS[source] ?? "Copy"), 2_000);
  });
}
check();
