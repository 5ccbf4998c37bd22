// node scripts/minify-names.mjs GLUE NAMES WASM: points the wasm-bindgen glue GLUE at the
// short import and export names that binaryen's --minify-imports-and-exports-and-modules gave
// the module WASM, from the renaming it printed (NAMES, JSON: `imports` as [module, name,
// short], `exports` as [name, short]). The long names (`__wbg_createElement_de4a31ed2fb252be`,
// each spelled in both files) are about 4.8 KB of the widget's gzip size. The memory export
// gets its name `memory` back in WASM: `init()` resolves to the module's exports, and pages
// read `memory` from them, and the declarations of GLUE declare that alone. Fails, writing
// nothing, unless every import is found exactly once and no long export name is left.
import { readFileSync, writeFileSync } from "node:fs";

const [glueFile, namesFile, wasmFile] = process.argv.slice(2);
if (!wasmFile) throw new Error("usage: minify-names.mjs GLUE NAMES WASM");
const names = JSON.parse(readFileSync(namesFile, "utf8"));
const modules = new Set(
  WebAssembly.Module.imports(new WebAssembly.Module(readFileSync(wasmFile))).map((i) => i.module),
);
if (modules.size !== 1) throw new Error(`${wasmFile}: ${modules.size} import modules, expected one`);
const [shortModule] = modules;
const quote = (text) => JSON.stringify(text);
const literal = (text) => text.replace(/[.*+?^${}()|[\]\\/]/g, "\\$&");

let glue = readFileSync(glueFile, "utf8");
// replaceOnce(pattern, replacement, what): replaces the one match of `pattern`, or throws.
const replaceOnce = (pattern, replacement, what) => {
  let matches = 0;
  glue = glue.replace(pattern, (...match) => {
    matches += 1;
    return replacement(...match);
  });
  if (matches !== 1) throw new Error(`${glueFile}: ${what} found ${matches} times, expected once`);
};

const longModules = new Set(names.imports.map(([module]) => module));
for (const module of longModules) {
  replaceOnce(new RegExp(`${literal(quote(module))}: import0\\b`, "g"), () => `${quote(shortModule)}: import0`, `module ${module}`);
}
// The import object's members are written one per line: `        NAME: function(...`.
for (const [, name, short] of names.imports) {
  replaceOnce(new RegExp(`^(\\s+)${literal(name)}: function\\b`, "gm"), (_, indent) => `${indent}${quote(short)}: function`, `import ${name}`);
}
const KEPT = "memory";
for (const [name, short] of names.exports.filter(([name]) => name !== KEPT)) {
  glue = glue.replace(new RegExp(`\\bwasm\\.${literal(name)}\\b`, "g"), `wasm[${quote(short)}]`);
}
const memory = names.exports.find(([name]) => name === KEPT);
const wasm = memory ? renameExport(readFileSync(wasmFile), memory[1], KEPT) : undefined;
const left = new Set(glue.match(/\bwasm\.[A-Za-z_$][\w$]*/g));
left.delete(`wasm.${KEPT}`);
if (left.size) throw new Error(`${glueFile}: exports without a short name: ${[...left].join(", ")}`);
// Its declarations list the exports `init()` resolves to under their long names, which are
// gone: only `memory` keeps its name.
const declarationsFile = glueFile.replace(/\.js$/, ".d.ts");
const declarations = readFileSync(declarationsFile, "utf8");
const initOutput = /^export interface InitOutput \{\n[\s\S]*?^\}/m;
if (!initOutput.test(declarations)) throw new Error(`${declarationsFile}: no InitOutput interface`);
const shortDeclarations = declarations.replace(
  initOutput,
  `export interface InitOutput {\n    readonly ${KEPT}: WebAssembly.Memory;\n}`,
);
writeFileSync(glueFile, glue);
writeFileSync(declarationsFile, shortDeclarations);
if (wasm) writeFileSync(wasmFile, wasm);

/** LEB128 of an unsigned 32-bit `value`. */
function leb(value) {
  const bytes = [];
  do {
    let byte = value & 0x7f;
    value >>>= 7;
    if (value) byte |= 0x80;
    bytes.push(byte);
  } while (value);
  return bytes;
}

/** The module `bytes` with its export `from` named `to` (the export section rewritten). */
function renameExport(bytes, from, to) {
  const read = (at) => {
    let [value, shift, position] = [0, 0, at];
    for (;;) {
      const byte = bytes[position++];
      value |= (byte & 0x7f) << shift;
      shift += 7;
      if (byte < 0x80) return [value >>> 0, position];
    }
  };
  const text = new TextDecoder();
  for (let at = 8; at < bytes.length; ) {
    const id = bytes[at];
    const [size, start] = read(at + 1);
    if (id === 7) {
      const entries = [];
      let [count, position] = read(start);
      for (let i = 0; i < count; i++) {
        const [length, nameAt] = read(position);
        const name = text.decode(bytes.subarray(nameAt, nameAt + length));
        const [, after] = read(nameAt + length + 1);
        const rest = bytes.subarray(nameAt + length, after);
        entries.push([...leb(name === from ? to.length : length), ...new TextEncoder().encode(name === from ? to : name), ...rest]);
        position = after;
      }
      const body = [...leb(count), ...entries.flat()];
      const section = Uint8Array.from([7, ...leb(body.length), ...body]);
      const renamed = Buffer.concat([bytes.subarray(0, at), section, bytes.subarray(start + size)]);
      if (!WebAssembly.Module.exports(new WebAssembly.Module(renamed)).some((e) => e.name === to)) {
        throw new Error(`${wasmFile}: export ${from} could not be named ${to}`);
      }
      return renamed;
    }
    at = start + size;
  }
  throw new Error(`${wasmFile}: no export section`);
}
