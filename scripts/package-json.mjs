// Writes pkg/package.json from the template js/package.json, with the version, description,
// license and repository of Cargo.toml and the list of files that the build put in pkg/.
import { readFileSync, readdirSync, writeFileSync } from "node:fs";

const root = new URL("../", import.meta.url);
const cargo = readFileSync(new URL("Cargo.toml", root), "utf8");
const section = cargo.split(/^\[package\]$/m)[1].split(/^\[/m)[0];
const field = (name) => {
  const match = section.match(new RegExp(`^${name}\\s*=\\s*"([^"]*)"`, "m"));
  if (!match) throw new Error(`Cargo.toml: no ${name} in [package]`);
  return match[1];
};

const template = readFileSync(new URL("js/package.json", root), "utf8");
const manifest = JSON.parse(
  template.replace(/@(VERSION|DESCRIPTION|LICENSE|REPOSITORY)@/g, (_, name) =>
    JSON.stringify(field(name.toLowerCase())).slice(1, -1),
  ),
);
manifest.files = readdirSync(new URL("pkg/", root))
  .filter((name) => name !== "package.json")
  .sort();
writeFileSync(new URL("pkg/package.json", root), `${JSON.stringify(manifest, null, 2)}\n`);
