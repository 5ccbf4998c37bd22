// node scripts/minify-names.mjs GLUE NAMES WASM: points the wasm-bindgen glue GLUE at the
// short import and export names that binaryen's --minify-imports-and-exports-and-modules gave
// the module WASM, from the renaming it printed (NAMES, JSON: `imports` as [module, name,
// short], `exports` as [name, short]). The long names (`__wbg_createElement_de4a31ed2fb252be`,
// each spelled in both files) are about 4.8 KB of the widget's gzip size. Fails, writing
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
for (const [name, short] of names.exports) {
  glue = glue.replace(new RegExp(`\\bwasm\\.${literal(name)}\\b`, "g"), `wasm[${quote(short)}]`);
}
const left = new Set(glue.match(/\bwasm\.[A-Za-z_$][\w$]*/g));
if (left.size) throw new Error(`${glueFile}: exports without a short name: ${[...left].join(", ")}`);
writeFileSync(glueFile, glue);
