// Puts the signature validator into pkg/validator/ (scripts/build-pkg.sh): the page from www/,
// its imports made relative to pkg/, and the SDK's WebAssembly module as a script (wasm.js),
// since the page's Content-Security-Policy forbids every connection, a fetch of the .wasm too.
import { mkdirSync, readFileSync, writeFileSync, copyFileSync } from "node:fs";
import { fileURLToPath } from "node:url";

const REPO = fileURLToPath(new URL("..", import.meta.url));
const out = `${REPO}pkg/validator/`;
mkdirSync(out, { recursive: true });
const rewrite = (text) => text.replaceAll('"/pkg/validator/', '"./').replaceAll('"/pkg/', '"../').replaceAll('"/favicon.svg"', '"./favicon.svg"');
writeFileSync(`${out}index.html`, rewrite(readFileSync(`${REPO}www/validator.html`, "utf8")));
for (const script of ["validator.js", "validator-worker.js"]) {
  writeFileSync(`${out}${script}`, rewrite(readFileSync(`${REPO}www/${script}`, "utf8")));
}
copyFileSync(`${REPO}www/validator.css`, `${out}validator.css`);
copyFileSync(`${REPO}www/favicon.svg`, `${out}favicon.svg`);
const wasm = readFileSync(`${REPO}pkg/crypto_checkout_bg.wasm`).toString("base64");
writeFileSync(`${out}wasm.js`, `// The SDK's WebAssembly module (crypto_checkout_bg.wasm), base64.\nexport default "${wasm}";\n`);
