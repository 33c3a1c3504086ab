#!/usr/bin/env node
// A `solc` command for forge (foundry.toml: solc = "scripts/solc-shim.cjs"), so forge needs no native
// compiler download: it answers `solc --version` and `solc --standard-json` (input on stdin, output on
// stdout) with the solc npm package's WASM build, the same compiler Hardhat uses (solc/soljson.js).
// Imports that forge did not inline are read from --base-path / --include-path, then the working folder.
const fs = require("node:fs");
const path = require("node:path");
const solc = require("solc");

const args = process.argv.slice(2);
if (args.includes("--version")) {
  // Forge parses "Version: X.Y.Z+commit.HASH..."; the platform suffix is not used.
  process.stdout.write(`solc, the solidity compiler commandline interface\nVersion: ${solc.version()}\n`);
  process.exit(0);
}
if (!args.includes("--standard-json")) {
  process.stderr.write(`solc-shim: only --version and --standard-json are supported (got: ${args.join(" ")})\n`);
  process.exit(1);
}

const roots = [];
for (let i = 0; i < args.length; i++) {
  if (args[i] === "--base-path" || args[i] === "--include-path") roots.push(args[++i]);
}
roots.push(process.cwd());

function findImports(importPath) {
  for (const root of roots) {
    const file = path.resolve(root, importPath);
    if (fs.existsSync(file)) return { contents: fs.readFileSync(file, "utf8") };
  }
  return { error: `File not found: ${importPath}` };
}

process.stdout.write(solc.compile(fs.readFileSync(0, "utf8"), { import: findImports }));
