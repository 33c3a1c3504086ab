// Chain for `npm start`: CHAIN_RPC_URL if set; else a local dev chain on 127.0.0.1:LOCAL_CHAIN_PORT
// (default 8545): reused when one already answers there with chain id 31337, started otherwise
// (`hardhat node`, the same binary this script runs on).
//
// Reset handling: only the Hardhat node this script starts itself is known to be fresh, so only then
// does setup get --dev-chain-started-by-npm-start, which lets it rebuild a platform database that
// remembers an earlier chain (it says so in its log). Any other chain (CHAIN_RPC_URL, or a 31337
// node found already running) is never reset: setup refuses (exit 3) with the fix in its message.
import { realpathSync } from 'node:fs';
import { join } from 'node:path';
import { info } from './log.ts';
import { isPortFree, rpcChainId, waitFor } from './net.ts';
import { spawnManaged } from './processes.ts';
import type { Managed } from './processes.ts';

export const DEV_CHAIN_ID = 31337;

export interface Chain {
  rpcUrl: string;
  chainId: number;
  description: string;
  /** This script started the node itself: a fresh development chain (setup may reset the database for it). */
  startedByUs: boolean;
  process?: Managed;
}

function startHardhatNode(root: string, port: number): { managed: Managed; logFile: string } {
  const hardhatCli = realpathSync(join(root, 'node_modules', '.bin', 'hardhat'));
  const logFile = join(root, '.local', 'logs', `chain-${port}.log`);
  const managed = spawnManaged(
    'chain',
    process.execPath,
    [hardhatCli, 'node', '--config', 'contracts/hardhat.config.ts', '--hostname', '127.0.0.1', '--port', String(port)],
    { logFile },
  );
  return { managed, logFile };
}

async function fromUrl(rpcUrl: string): Promise<Chain> {
  const chainId = await waitFor(`a chain answering eth_chainId at CHAIN_RPC_URL ${rpcUrl}`, () => rpcChainId(rpcUrl), 30_000, 500);
  return {
    rpcUrl,
    chainId,
    description: `CHAIN_RPC_URL ${rpcUrl} (chain id ${chainId})`,
    startedByUs: false,
  };
}

export async function provideChain(root: string): Promise<Chain> {
  const fromEnv = process.env.CHAIN_RPC_URL;
  if (fromEnv !== undefined && fromEnv !== '') return fromUrl(fromEnv);

  const port = Number.parseInt(process.env.LOCAL_CHAIN_PORT ?? '8545', 10);
  if (!Number.isInteger(port) || port <= 0 || port > 65535) throw new Error(`LOCAL_CHAIN_PORT is not a port: ${process.env.LOCAL_CHAIN_PORT}`);
  const rpcUrl = `http://127.0.0.1:${port}`;

  const existing = await rpcChainId(rpcUrl);
  if (existing === DEV_CHAIN_ID) {
    info(`a local dev chain (chain id ${DEV_CHAIN_ID}) already answers at ${rpcUrl}: using it`);
    return { rpcUrl, chainId: existing, description: `local dev chain already running at ${rpcUrl} (chain id ${existing})`, startedByUs: false };
  }
  if (existing !== undefined) {
    throw new Error(`${rpcUrl} answers with chain id ${existing}, not a local dev chain: set CHAIN_RPC_URL to use it, or LOCAL_CHAIN_PORT to start a local chain on another port`);
  }
  if (!(await isPortFree(port))) {
    throw new Error(`port ${port} is in use by something that is not a JSON-RPC node: set LOCAL_CHAIN_PORT to another port`);
  }

  info(`starting a local Hardhat node on ${rpcUrl}`);
  const { managed, logFile } = startHardhatNode(root, port);
  const chainId = await waitFor(
    `the Hardhat node at ${rpcUrl} (log: ${logFile})`,
    async () => {
      if (managed.hasExited()) throw new Error(`the Hardhat node exited at start-up; see ${logFile}`);
      return rpcChainId(rpcUrl);
    },
    90_000,
  );
  return {
    rpcUrl,
    chainId,
    description: `local Hardhat node started at ${rpcUrl} (chain id ${chainId}, log ${logFile})`,
    startedByUs: true,
    process: managed,
  };
}
