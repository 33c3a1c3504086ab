// ABIs and bytecode are generated from the Hardhat artifacts by `npm run build:contracts`.
export * from './generated/index.js';
