// The local chain's stablecoin faucet: `npm run faucet -- <address> <amount>` sends <amount> whole
// test stablecoins (TUSD, 6 decimals, deployed and registered by `npm start` on the local chain only)
// to <address>, and some ETH for gas when it has none.
//   FAUCET_API_URL=http://host:3000 PLATFORM_ADMIN_KEY=... CHAIN_RPC_URL=... npm run faucet -- 0x... 1000
// The stablecoin's address is read from the API (GET /v1/stablecoins, with the admin key: PLATFORM_ADMIN_KEY,
// else the one `npm start` generated in <LOCAL_STATE_DIR or .local>/admin-key).
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createPublicClient, createWalletClient, defineChain, formatUnits, getAddress, http, isAddress, parseAbi, parseEther, parseUnits, type Address } from 'viem';
import { privateKeyToAccount } from 'viem/accounts';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const api = (process.env.FAUCET_API_URL ?? `http://localhost:${process.env.PORT ?? '3000'}`).replace(/\/$/, '');
const rpcUrl = process.env.CHAIN_RPC_URL || `http://127.0.0.1:${process.env.LOCAL_CHAIN_PORT ?? '8545'}`;
/** Hardhat's well-known development account #2 (#0 is the platform's signer, #1 the tests' funder): pays the gas. */
const FAUCET_KEY = '0x5de4111afa1a4b94908f83103eb1f1706367c2e68ca870fc3fb9a804cdab365a';
const LOCAL_CHAIN_IDS = [31337, 1337];
const abi = parseAbi(['function mint(address to, uint256 amount)', 'function balanceOf(address) view returns (uint256)']);

function adminKey(): string {
  if (process.env.PLATFORM_ADMIN_KEY) return process.env.PLATFORM_ADMIN_KEY;
  const file = join(resolve(process.env.LOCAL_STATE_DIR || join(root, '.local')), 'admin-key');
  if (!existsSync(file)) throw new Error(`no admin key: set PLATFORM_ADMIN_KEY, or start the platform with \`npm start\` (it writes ${file})`);
  return readFileSync(file, 'utf8').trim();
}

async function main(): Promise<void> {
  const [to, amount] = process.argv.slice(2);
  if (!to || !isAddress(to, { strict: false }) || !amount || !/^\d+(\.\d{1,6})?$/.test(amount)) {
    throw new Error('usage: npm run faucet -- <address> <amount>   (amount in whole coins, up to 6 decimals)');
  }
  const probe = createPublicClient({ transport: http(rpcUrl) });
  const chainId = await probe.getChainId();
  if (!LOCAL_CHAIN_IDS.includes(chainId)) throw new Error(`chain ${chainId} at ${rpcUrl} is not a local chain: the faucet runs on local chains only`);
  const response = await fetch(`${api}/v1/stablecoins?limit=200`, { headers: { authorization: `Bearer ${adminKey()}` } });
  if (!response.ok) throw new Error(`GET ${api}/v1/stablecoins answered ${response.status}: is the platform running (npm start)?`);
  const { items } = (await response.json()) as { items: { address: Address; symbol: string; decimals: number; licence: string | null }[] };
  const coin = items.find((item) => item.licence === 'LOCAL-TEST');
  if (!coin) throw new Error('no local test stablecoin is registered: npm start registers it on the local chain');
  const chain = defineChain({ id: chainId, name: 'local', nativeCurrency: { name: 'Ether', symbol: 'ETH', decimals: 18 }, rpcUrls: { default: { http: [rpcUrl] } } });
  const publicClient = createPublicClient({ chain, transport: http(rpcUrl) });
  const account = privateKeyToAccount(FAUCET_KEY);
  const wallet = createWalletClient({ account, chain, transport: http(rpcUrl) });
  const recipient = getAddress(to);
  const value = parseUnits(amount, coin.decimals);
  const hash = await wallet.writeContract({ address: coin.address, abi, functionName: 'mint', args: [recipient, value] });
  await publicClient.waitForTransactionReceipt({ hash });
  if ((await publicClient.getBalance({ address: recipient })) === 0n) {
    await publicClient.waitForTransactionReceipt({ hash: await wallet.sendTransaction({ to: recipient, value: parseEther('1') }) });
  }
  const balance = await publicClient.readContract({ address: coin.address, abi, functionName: 'balanceOf', args: [recipient] });
  process.stdout.write(`sent ${amount} ${coin.symbol} (${coin.address}) to ${recipient} in ${hash}; balance ${formatUnits(balance, coin.decimals)} ${coin.symbol}\n`);
}

main().catch((error: unknown) => {
  process.stderr.write(`faucet: ${(error as Error).message}\n`);
  process.exit(1);
});
