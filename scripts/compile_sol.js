#!/usr/bin/env node
// Compile Solidity with solc-js (an npm package) through the standard-JSON interface.
//
//     node scripts/compile_sol.js <solc-package> < input.json > output.json
//
// <solc-package> is the npm name of the compiler, usually an alias pinned in package.json
// (`solc066` = solc 0.6.6, `solc0810` = solc 0.8.10). stdin is a solc standard-JSON input;
// imports that are not among its sources resolve inside node_modules/ only (source unit
// names such as `@chainlink/contracts/src/v0.6/Owned.sol`), never from the network.
//
// stdout is one JSON object: {"version": <compiler version>, "output": <solc's output>,
// "imports": {<source unit>: <sha256 of the file read>}}. The test harness
// (tests/harness/solidity.py) caches it and checks `imports` to invalidate its cache.

"use strict";

const crypto = require("crypto");
const fs = require("fs");
const path = require("path");

const NODE_MODULES = path.resolve(__dirname, "..", "node_modules");

function main() {
  const compilerPackage = process.argv[2];
  if (!compilerPackage) {
    process.stderr.write("usage: node scripts/compile_sol.js <solc-package> < input.json\n");
    process.exit(2);
  }
  const solc = require(path.join(NODE_MODULES, compilerPackage));
  const input = fs.readFileSync(0, "utf8");
  const imports = {};

  function findImports(unit) {
    const file = path.resolve(NODE_MODULES, unit);
    if (!file.startsWith(NODE_MODULES + path.sep) || !fs.existsSync(file)) {
      return { error: `not found in node_modules: ${unit}` };
    }
    const contents = fs.readFileSync(file, "utf8");
    imports[unit] = crypto.createHash("sha256").update(contents).digest("hex");
    return { contents };
  }

  const output = JSON.parse(solc.compile(input, { import: findImports }));
  process.stdout.write(JSON.stringify({ version: solc.version(), output, imports }));
}

main();
