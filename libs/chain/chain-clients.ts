import { createPublicClient, defineChain, http, webSocket, type Chain, type PrivateKeyAccount, type PublicClient } from 'viem';
import { privateKeyToAccount } from 'viem/accounts';
import type { AppConfig } from '@rwa/config';
import { ChainErrorCode, ChainException } from './chain.exception.js';

/** How the transaction manager waits, replaces and confirms (from AppConfig.chain). */
export interface TransactionPolicy {
  /** Blocks on top of a transaction (its own included) before its effect counts. */
  confirmations: number;
  /** How long one job waits for a confirmed receipt before it gives up and retries later. */
  receiptTimeoutMs: number;
  /** A transaction not mined after this long is replaced at the same nonce with higher fees. */
  replaceAfterMs: number;
  /** Percentage added to both fee caps on each replacement. */
  feeBumpPercent: number;
}

/** The viem clients of the configured chain, built once per process (style.md E16). */
export class ChainClients {
  constructor(
    readonly chain: Chain,
    readonly publicClient: PublicClient,
    /** The platform's signer (agent): mints, burns, registers identities, deploys funds. */
    readonly signer: PrivateKeyAccount,
    readonly policy: TransactionPolicy,
  ) {}

  get confirmations(): number {
    return this.policy.confirmations;
  }

  get receiptTimeoutMs(): number {
    return this.policy.receiptTimeoutMs;
  }

  /** Fails start-up when the RPC endpoint serves another chain than the configuration names. */
  async assertChainId(): Promise<void> {
    const actual = await this.publicClient.getChainId();
    if (actual !== this.chain.id) {
      throw new ChainException(ChainErrorCode.CHAIN_ID_MISMATCH, `CHAIN_RPC_URL serves chain ${actual}, but CHAIN_ID is ${this.chain.id}`);
    }
  }
}

export function createChainClients(config: AppConfig): ChainClients {
  const { rpcUrl, chainId, signerPrivateKey, confirmations, receiptTimeoutMs, replaceAfterMs, feeBumpPercent } = config.chain;
  const chain = defineChain({
    id: chainId,
    name: chainId === 31337 ? 'Local Hardhat' : `Chain ${chainId}`,
    nativeCurrency: { name: 'Ether', symbol: 'ETH', decimals: 18 },
    rpcUrls: { default: { http: [rpcUrl] } },
  });
  const transport = rpcUrl.startsWith('ws') ? webSocket(rpcUrl) : http(rpcUrl, { batch: false, retryCount: 2 });
  // Local chains mine instantly; poll receipts often so settlement is not held up by the poll interval.
  const publicClient = createPublicClient({ chain, transport, pollingInterval: chainId === 31337 ? 100 : 2000 }) as PublicClient;
  return new ChainClients(chain, publicClient, privateKeyToAccount(signerPrivateKey), { confirmations, receiptTimeoutMs, replaceAfterMs, feeBumpPercent });
}
