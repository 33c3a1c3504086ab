import { createRequire } from "node:module";
import { defineConfig } from "hardhat/config";
import hardhatToolboxViem from "@nomicfoundation/hardhat-toolbox-viem";

// Hardhat 3 takes the folder of the root package.json as its project root, so every path below is
// relative to the repository root. The compiler is the WASM build shipped by the `solc` npm package:
// setting `path` makes Hardhat use it instead of downloading one (these machines cannot download).
const require = createRequire(import.meta.url);

const compiler = {
  version: "0.8.37",
  path: require.resolve("solc/soljson.js"),
  settings: {
    evmVersion: "prague",
    // The contracts are tuned for execution gas (see scripts/gas.ts); FundToken stays ~20.6 KB.
    optimizer: { enabled: true, runs: 1_000_000 },
  },
};

// FundSettlement goes through the IR pipeline: its settlement paths cost ~3,300 gas less per call that way
// (and its code stays under the EIP-170 limit); FundToken's paths cost more through it, so the rest stays on
// the legacy pipeline. Forge (branch coverage only) compiles everything on the legacy pipeline.
const settlementCompiler = { ...compiler, settings: { ...compiler.settings, viaIR: true } };
const profile = {
  compilers: [compiler],
  overrides: { "contracts/src/FundSettlement.sol": settlementCompiler },
};

export default defineConfig({
  plugins: [hardhatToolboxViem],
  solidity: {
    profiles: {
      default: profile,
      production: profile,
    },
  },
  paths: {
    sources: "contracts/src",
    tests: "contracts/test",
    artifacts: "contracts/artifacts",
    cache: "contracts/cache",
  },
});
