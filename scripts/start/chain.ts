// Chain for `npm start`: CHAIN_RPC_URL if set; else a local dev chain on 127.0.0.1:LOCAL_CHAIN_PORT
// (default 8545), started here (`hardhat node`, on the Node this script runs on).
//
// A node already answering on that port is reused only when it is a healthy node that this checkout
// started: its pid and a random token are recorded in <state dir>/chain-<port>.json, and the token
// is in the node's environment. Anything else there (a node of another checkout, an orphan of an
// old run whose output is closed, a node someone started by hand) is refused with the fix, never used.
//
// Reset handling: only a chain `npm start` started itself is known to be a fresh development chain,
// so only then does setup get the flag that lets it rebuild the platform's database for the new
// chain. A chain given by CHAIN_RPC_URL is never reset: setup stops with an error that names the fix.
import { randomBytes } from 'node:crypto';
import { existsSync, readFileSync, realpathSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { info, warn } from './log.ts';
import { isAlive, isPortFree, rpcCall, rpcChainId, waitFor } from './net.ts';
import { spawnNode } from './processes.ts';
import type { Managed } from './processes.ts';

export const DEV_CHAIN_ID = 31337;

export interface Chain {
  rpcUrl: string;
  chainId: number;
  description: string;
  /** A development chain this checkout started: setup may reset the platform's state for it. */
  freshDevChain: boolean;
  process?: Managed;
}

interface ChainRecord {
  pid: number;
  token: string;
  rpcUrl: string;
  startedAt: string;
}

function recordFile(stateDir: string, port: number): string {
  return join(stateDir, `chain-${port}.json`);
}

/** Whether process `pid` carries `token` in its environment (Linux: /proc; elsewhere unknown, so no). */
function carriesToken(pid: number, token: string): boolean {
  try {
    return readFileSync(`/proc/${pid}/environ`, 'latin1').split('\0').includes(`RWA_CHAIN_TOKEN=${token}`);
  } catch {
    return false;
  }
}

/** The node recorded for this port, when it is ours, alive and answering; otherwise the record is dropped. */
async function ownHealthyNode(stateDir: string, port: number, rpcUrl: string): Promise<ChainRecord | undefined> {
  const file = recordFile(stateDir, port);
  if (!existsSync(file)) return undefined;
  let record: ChainRecord | undefined;
  try {
    record = JSON.parse(readFileSync(file, 'utf8')) as ChainRecord;
  } catch {
    record = undefined;
  }
  const healthy =
    record !== undefined &&
    record.rpcUrl === rpcUrl &&
    isAlive(record.pid) &&
    carriesToken(record.pid, record.token) &&
    (await rpcChainId(rpcUrl)) === DEV_CHAIN_ID &&
    (await rpcCall(rpcUrl, 'eth_blockNumber')) !== undefined;
  if (!healthy) rmSync(file, { force: true });
  return healthy ? record : undefined;
}

function startHardhatNode(root: string, stateDir: string, port: number): { managed: Managed; logFile: string; token: string } {
  const hardhatCli = realpathSync(join(root, 'node_modules', '.bin', 'hardhat'));
  const logFile = join(stateDir, 'logs', `chain-${port}.log`);
  const token = randomBytes(16).toString('hex');
  const managed = spawnNode('chain', [hardhatCli, 'node', '--config', 'contracts/hardhat.config.ts', '--hostname', '127.0.0.1', '--port', String(port)], {
    logFile,
    env: { ...process.env, RWA_CHAIN_TOKEN: token },
  });
  return { managed, logFile, token };
}

async function fromUrl(rpcUrl: string): Promise<Chain> {
  const chainId = await waitFor(`a chain answering eth_chainId at CHAIN_RPC_URL ${rpcUrl}`, () => rpcChainId(rpcUrl), 30_000, 500);
  return { rpcUrl, chainId, description: `CHAIN_RPC_URL ${rpcUrl} (chain id ${chainId})`, freshDevChain: false };
}

export async function provideChain(root: string, stateDir: string): Promise<Chain> {
  const fromEnv = process.env.CHAIN_RPC_URL;
  if (fromEnv !== undefined && fromEnv !== '') return fromUrl(fromEnv);

  const port = Number.parseInt(process.env.LOCAL_CHAIN_PORT ?? '8545', 10);
  if (!Number.isInteger(port) || port <= 0 || port > 65535) throw new Error(`LOCAL_CHAIN_PORT is not a port: ${process.env.LOCAL_CHAIN_PORT}`);
  const rpcUrl = `http://127.0.0.1:${port}`;

  const own = await ownHealthyNode(stateDir, port, rpcUrl);
  if (own !== undefined) {
    info(`reusing the local dev chain this checkout started at ${rpcUrl} (pid ${own.pid}, since ${own.startedAt})`);
    return { rpcUrl, chainId: DEV_CHAIN_ID, description: `local dev chain started earlier by this checkout at ${rpcUrl} (pid ${own.pid})`, freshDevChain: true };
  }
  const existing = await rpcChainId(rpcUrl);
  if (existing !== undefined) {
    throw new Error(
      `${rpcUrl} already answers (chain id ${existing}), but it is not a chain this checkout started and is running: stop that node ` +
        `(for example \`lsof -i :${port}\` shows who holds the port), set CHAIN_RPC_URL to use it on purpose (it will never be reset), ` +
        'or set LOCAL_CHAIN_PORT to start a local chain on another port',
    );
  }
  if (!(await isPortFree(port))) {
    throw new Error(`port ${port} is in use by something that is not a JSON-RPC node: set LOCAL_CHAIN_PORT to another port`);
  }

  info(`starting a local Hardhat node on ${rpcUrl}`);
  const { managed, logFile, token } = startHardhatNode(root, stateDir, port);
  const chainId = await waitFor(
    `the Hardhat node at ${rpcUrl} (log: ${logFile})`,
    async () => {
      if (managed.hasExited()) throw new Error(`the Hardhat node exited at start-up; see ${logFile}`);
      return rpcChainId(rpcUrl);
    },
    90_000,
  );
  const record: ChainRecord = { pid: managed.child.pid!, token, rpcUrl, startedAt: new Date().toISOString() };
  writeFileSync(recordFile(stateDir, port), `${JSON.stringify(record)}\n`, { mode: 0o600 });
  void managed.exited.then(() => rmSync(recordFile(stateDir, port), { force: true }));
  if (chainId !== DEV_CHAIN_ID) warn(`the Hardhat node answers with chain id ${chainId}, not ${DEV_CHAIN_ID}`);
  return {
    rpcUrl,
    chainId,
    description: `local Hardhat node started at ${rpcUrl} (chain id ${chainId}, log ${logFile})`,
    freshDevChain: true,
    process: managed,
  };
}
