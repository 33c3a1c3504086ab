import { Injectable } from '@nestjs/common';
import { encodeFunctionData, type Address, type Hex } from 'viem';
import { identityRegistryAbi } from './abis/index.js';
import { ChainClients } from './chain-clients.js';
import { INVESTOR_CLASS_CODES, jurisdictionCode, type InvestorClassName } from './encoding.js';
import { PlatformContracts } from './platform-contracts.service.js';
import { TransactionManager } from './transaction-manager.service.js';

/** What the registry stores of a wallet's investor: codes and a hash, no personal data. */
export interface RegistryIdentity {
  jurisdiction: string;
  investorClass: InvestorClassName;
  /** The instant the wallet stops being verified (whole seconds on chain, rounded down). */
  expiresAt: Date;
}

/** A registration of one binding of a wallet (see IIdentityRegistry.registerBoundIdentity). */
export interface RegisterBoundIdentityParameters extends RegistryIdentity {
  wallet: Address;
  /** The platform-wide, increasing number of this binding of the address. */
  bindingId: bigint;
  /** The investor's registry version the identity reflects. */
  version: bigint;
  investorIdHash: Hex;
}

/** An update of a bound identity to a newer version (see IIdentityRegistry.updateBoundIdentity). */
export interface UpdateBoundIdentityParameters extends RegistryIdentity {
  wallet: Address;
  bindingId: bigint;
  version: bigint;
}

/** The latest binding of a wallet on chain, its identity version, and whether it is registered now. */
export interface BindingOfReturnType {
  bindingId: bigint;
  version: bigint;
  registered: boolean;
}

/**
 * The platform's writes to the identity registry, each through the TransactionManager under a
 * caller-chosen intent key (repeating an intent is safe), and each guarded on chain by the
 * wallet's binding number, so a late job of an ended binding can never touch a newer one.
 */
@Injectable()
export class IdentityRegistryGateway {
  constructor(
    private readonly clients: ChainClients,
    private readonly contracts: PlatformContracts,
    private readonly transactions: TransactionManager,
  ) {}

  /**
   * Registers one binding of a wallet. Returns the transaction hash.
   * @example await registry.registerBoundIdentity(`register-wallet-${wallet.id}`, { wallet, bindingId, version, investorIdHash, ...identity })
   */
  async registerBoundIdentity(intentKey: string, parameters: RegisterBoundIdentityParameters): Promise<Hex> {
    const { identityRegistry } = await this.contracts.get();
    const data = encodeFunctionData({
      abi: identityRegistryAbi,
      functionName: 'registerBoundIdentity',
      args: [parameters.wallet, parameters.bindingId, parameters.version, parameters.investorIdHash, ...identityArgs(parameters)],
    });
    return (await this.transactions.execute(intentKey, { to: identityRegistry, data })).transactionHash;
  }

  /** Brings a bound identity to a newer version. Returns the transaction hash. */
  async updateBoundIdentity(intentKey: string, parameters: UpdateBoundIdentityParameters): Promise<Hex> {
    const { identityRegistry } = await this.contracts.get();
    const data = encodeFunctionData({
      abi: identityRegistryAbi,
      functionName: 'updateBoundIdentity',
      args: [parameters.wallet, parameters.bindingId, parameters.version, ...identityArgs(parameters)],
    });
    return (await this.transactions.execute(intentKey, { to: identityRegistry, data })).transactionHash;
  }

  /** Removes a wallet's identity if `bindingId` still holds it (the contract refuses otherwise). */
  async removeBoundIdentity(intentKey: string, wallet: Address, bindingId: bigint): Promise<Hex> {
    const { identityRegistry } = await this.contracts.get();
    const data = encodeFunctionData({ abi: identityRegistryAbi, functionName: 'removeBoundIdentity', args: [wallet, bindingId] });
    return (await this.transactions.execute(intentKey, { to: identityRegistry, data })).transactionHash;
  }

  /** The wallet's latest binding on chain (0 when it never had one) and whether it is registered now. */
  async bindingOf(wallet: Address): Promise<BindingOfReturnType> {
    const { identityRegistry } = await this.contracts.get();
    const [[bindingId, version], registered] = await Promise.all([
      this.clients.publicClient.readContract({ address: identityRegistry, abi: identityRegistryAbi, functionName: 'bindingOf', args: [wallet] }),
      this.clients.publicClient.readContract({ address: identityRegistry, abi: identityRegistryAbi, functionName: 'isRegistered', args: [wallet] }),
    ]);
    return { bindingId, version, registered };
  }

  /** The identity stored for a wallet (all zero when it is not registered). */
  async identityOf(wallet: Address): Promise<{ jurisdiction: number; investorClass: number; expiresAt: bigint }> {
    const { identityRegistry } = await this.contracts.get();
    const [, jurisdiction, investorClass, expiresAt] = await this.clients.publicClient.readContract({
      address: identityRegistry,
      abi: identityRegistryAbi,
      functionName: 'identityOf',
      args: [wallet],
    });
    return { jurisdiction, investorClass, expiresAt };
  }
}

function identityArgs(identity: RegistryIdentity): [number, number, bigint] {
  return [jurisdictionCode(identity.jurisdiction), INVESTOR_CLASS_CODES[identity.investorClass], BigInt(Math.floor(identity.expiresAt.getTime() / 1000))];
}
