// The local chain the platform runs on, seen from the test: viem clients and gas funding.
import { createPublicClient, createWalletClient, defineChain, http, parseEther } from 'viem';
import type { Account, Address, Chain, PublicClient } from 'viem';
import { generatePrivateKey, privateKeyToAccount } from 'viem/accounts';
import type { PrivateKeyAccount } from 'viem/accounts';
import type { E2eState } from './state.js';

/** Hardhat's well-known account #1 (account #0 is the platform's signer). */
export const FUNDER_PRIVATE_KEY = '0x59c6995e998f97a5a0044966f0945389dc9e86dae88c7a8412f4603b6b78690d';

export interface TestChain {
  chain: Chain;
  publicClient: PublicClient;
  /** Sends `eth` ETH from account #1, waiting for the receipt. */
  fundGas: (to: Address, eth?: string) => Promise<void>;
  walletClientFor: (account: Account) => ReturnType<typeof createWalletClient>;
}

export function newAccount(): PrivateKeyAccount {
  return privateKeyToAccount(generatePrivateKey());
}

export function connectChain(state: E2eState): TestChain {
  const chain = defineChain({
    id: state.chainId,
    name: 'local dev chain',
    nativeCurrency: { name: 'Ether', symbol: 'ETH', decimals: 18 },
    rpcUrls: { default: { http: [state.rpcUrl] } },
  });
  const transport = http(state.rpcUrl);
  const publicClient = createPublicClient({ chain, transport, pollingInterval: 100 }) as PublicClient;
  const walletClientFor = (account: Account) => createWalletClient({ account, chain, transport, pollingInterval: 100 });
  const funder = walletClientFor(privateKeyToAccount(FUNDER_PRIVATE_KEY));
  // One funding transaction at a time: concurrent sends from one account would race for nonces.
  let queue: Promise<unknown> = Promise.resolve();
  const fundGas = (to: Address, eth = '1') => {
    const next = queue.then(async () => {
      const hash = await funder.sendTransaction({ account: funder.account!, chain, to, value: parseEther(eth) });
      const receipt = await publicClient.waitForTransactionReceipt({ hash });
      if (receipt.status !== 'success') throw new Error(`funding ${to} failed: ${hash}`);
    });
    queue = next.catch(() => undefined);
    return next;
  };
  return { chain, publicClient, fundGas, walletClientFor };
}
