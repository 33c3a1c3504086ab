import { Injectable } from '@nestjs/common';
import { encodeFunctionData, getAddress, type Address, type Hex, type TransactionReceipt } from 'viem';
import { fundSettlementAbi, fundTokenAbi } from './abis/index.js';
import { ChainClients } from './chain-clients.js';
import { uuidToBytes32 } from './encoding.js';
import { permitDomainSeparator, permitTypedData, type PermitDomain, type PermitTypedData } from './permit.js';
import {
  DEPOSIT_REQUEST_STATUS,
  SETTLEMENT_FUND_MODE,
  dealingDateNumber,
  decodeStablecoinLegs,
  encodeRedeem,
  encodeRequestDeposit,
  encodeSubscribe,
  type DepositRequestParameters,
  type DepositRequestStatus,
  type RedeemParameters,
  type SettlementFundMode,
  type StablecoinLeg,
  type SubscribeParameters,
} from './settlement-calls.js';
import { TransactionManager } from './transaction-manager.service.js';

/** The ERC-20 and EIP-2612/ERC-5267 views a permit needs; stablecoins differ in which they have. */
const permitTokenAbi = [
  { type: 'function', name: 'name', stateMutability: 'view', inputs: [], outputs: [{ type: 'string' }] },
  { type: 'function', name: 'version', stateMutability: 'view', inputs: [], outputs: [{ type: 'string' }] },
  { type: 'function', name: 'nonces', stateMutability: 'view', inputs: [{ type: 'address' }], outputs: [{ type: 'uint256' }] },
  { type: 'function', name: 'DOMAIN_SEPARATOR', stateMutability: 'view', inputs: [], outputs: [{ type: 'bytes32' }] },
  {
    type: 'function',
    name: 'eip712Domain',
    stateMutability: 'view',
    inputs: [],
    outputs: [
      { name: 'fields', type: 'bytes1' },
      { name: 'name', type: 'string' },
      { name: 'version', type: 'string' },
      { name: 'chainId', type: 'uint256' },
      { name: 'verifyingContract', type: 'address' },
      { name: 'salt', type: 'bytes32' },
      { name: 'extensions', type: 'uint256[]' },
    ],
  },
] as const;

/** ERC-5267 fields: name, version, chainId, verifyingContract (and no salt or extensions). */
const PERMIT_DOMAIN_FIELDS = '0x0f';

export interface PermitRequest {
  stablecoin: Address;
  /** The investor's wallet. */
  owner: Address;
  /** The settlement contract. */
  spender: Address;
  /** The order's amount, in the stablecoin's base units. */
  value: bigint;
  /** Unix seconds. Keep it short: until then anyone holding the signature can apply the permit. */
  deadline: bigint;
}

/** An order's settlement on chain: its transaction and the stablecoin legs it moved. */
export interface SettlementResult {
  txHash: Hex;
  legs: StablecoinLeg[];
}

/** A deposit request as the contract holds it. */
export interface DepositRequestState {
  status: DepositRequestStatus;
  investor: Address;
  stablecoin: Address;
  amount: bigint;
  dealingDate: number;
  orderRef: Hex;
}

/** A stablecoin route of a fund: treasury and instant redemption caps, in the stablecoin's base units. */
export interface StablecoinRoute {
  stablecoin: Address;
  decimals: number;
  treasury: Address;
  /** Whole coins only (the contract stores caps as whole coins); 0 disables instant redemption. */
  fundDailyCap: bigint;
  investorDailyCap: bigint;
}

/**
 * The platform's operations on FundSettlement (contracts/src/interfaces/IFundSettlement.sol). Every write goes
 * through the TransactionManager under a caller-chosen intent key, so calling again for the same intent is
 * safe; an order whose reference the chain already applied (its transaction record was lost) is looked up
 * and returned instead of sent. The settlement contract's address is a parameter: deployment records it.
 */
@Injectable()
export class SettlementGateway {
  private readonly domains = new Map<string, PermitDomain>();

  constructor(
    private readonly clients: ChainClients,
    private readonly transactions: TransactionManager,
  ) {}

  /**
   * The EIP-2612 typed data the investor's wallet signs to pay for an order, read from the stablecoin (its
   * domain and the wallet's current nonce). The domain is checked against the stablecoin's DOMAIN_SEPARATOR, so
   * a wallet is never handed data whose signature the coin would reject.
   * @example const typedData = await gateway.permitTypedData({ stablecoin, owner: wallet, spender: settlement, value: cost, deadline })
   */
  async permitTypedData(request: PermitRequest): Promise<PermitTypedData> {
    const [domain, nonce] = await Promise.all([
      this.permitDomain(request.stablecoin),
      this.clients.publicClient.readContract({ address: request.stablecoin, abi: permitTokenAbi, functionName: 'nonces', args: [request.owner] }),
    ]);
    return permitTypedData(domain, { owner: getAddress(request.owner), spender: getAddress(request.spender), value: request.value, nonce, deadline: request.deadline });
  }

  /**
   * The stablecoin's EIP-712 domain: from ERC-5267 `eip712Domain()` when it has it, else `name()` and
   * `version()` (or "1"), verified against `DOMAIN_SEPARATOR()`. Cached per stablecoin.
   * @throws when no such domain reproduces the stablecoin's separator (the coin cannot be paid by permit)
   */
  async permitDomain(stablecoin: Address): Promise<PermitDomain> {
    const key = stablecoin.toLowerCase();
    const cached = this.domains.get(key);
    if (cached) return cached;
    const read = <const F extends 'name' | 'version' | 'DOMAIN_SEPARATOR' | 'eip712Domain'>(functionName: F) =>
      this.clients.publicClient.readContract({ address: stablecoin, abi: permitTokenAbi, functionName });
    const chainId = this.clients.chain.id;
    let domain: PermitDomain;
    const erc5267 = await read('eip712Domain').catch(() => undefined);
    if (erc5267) {
      const [fields, name, version, domainChainId, verifyingContract] = erc5267;
      if (fields !== PERMIT_DOMAIN_FIELDS || Number(domainChainId) !== chainId) {
        throw new Error(`Stablecoin ${stablecoin} has an EIP-712 domain (fields ${fields}, chain ${domainChainId}) that a permit cannot use`);
      }
      domain = { name, version, chainId, verifyingContract: getAddress(verifyingContract) };
    } else {
      // Without ERC-5267 (USDC, for one): the conventional domain, checked against the separator below.
      const [name, version] = await Promise.all([read('name'), read('version').catch(() => '1')]);
      domain = { name, version, chainId, verifyingContract: getAddress(stablecoin) };
    }
    const separator = await read('DOMAIN_SEPARATOR');
    if (permitDomainSeparator(domain) !== separator) {
      throw new Error(`Stablecoin ${stablecoin}: the domain ${JSON.stringify(domain)} does not match its DOMAIN_SEPARATOR`);
    }
    this.domains.set(key, domain);
    return domain;
  }

  /**
   * An atomic subscription: the stablecoin from the investor's wallet to the treasury and the units to the
   * wallet, in one transaction. A reference the token already applied is looked up (its Subscribed event).
   */
  async subscribe(intentKey: string, parameters: SubscribeParameters): Promise<SettlementResult> {
    const applied = await this.appliedByToken(intentKey, parameters, 'Subscribed');
    if (applied) return applied;
    return this.send(intentKey, parameters.settlement, encodeSubscribe(parameters));
  }

  /** An instant redemption: the units burned and the stablecoin paid from the treasury, in one transaction. */
  async redeem(intentKey: string, parameters: RedeemParameters): Promise<SettlementResult> {
    const applied = await this.appliedByToken(intentKey, parameters, 'Redeemed');
    if (applied) return applied;
    return this.send(intentKey, parameters.settlement, encodeRedeem(parameters));
  }

  /** A forward deposit request: the stablecoin into escrow. A request already on chain is looked up. */
  async requestDeposit(intentKey: string, parameters: DepositRequestParameters): Promise<SettlementResult> {
    if (!(await this.transactions.findByIntent(intentKey))) {
      const existing = await this.depositRequest(parameters.settlement, parameters.token, parameters.referenceSeq);
      if (existing.status !== 'NONE') return this.findApplied(parameters.settlement, 'DepositRequested', parameters.token, uuidToBytes32(parameters.orderId));
    }
    return this.send(intentKey, parameters.settlement, encodeRequestDeposit(parameters));
  }

  /** Cancels a pending request before its cut-off; the escrow goes back to the investor. */
  async cancelDepositRequest(intentKey: string, settlement: Address, token: Address, referenceSeq: bigint): Promise<SettlementResult> {
    return this.send(intentKey, settlement, encodeFunctionData({ abi: fundSettlementAbi, functionName: 'cancelDepositRequest', args: [token, referenceSeq] }));
  }

  /** Refunds a struck request whose mint the token refuses. */
  async rejectDepositRequest(intentKey: string, settlement: Address, token: Address, referenceSeq: bigint): Promise<SettlementResult> {
    return this.send(intentKey, settlement, encodeFunctionData({ abi: fundSettlementAbi, functionName: 'rejectDepositRequest', args: [token, referenceSeq] }));
  }

  /**
   * Settles pending requests of struck dealing days. Requests not pending are skipped by the contract, so a
   * retried batch is safe; the legs are those of this transaction only.
   */
  async settleDeposits(intentKey: string, settlement: Address, token: Address, referenceSeqs: readonly bigint[]): Promise<SettlementResult> {
    return this.send(intentKey, settlement, encodeFunctionData({ abi: fundSettlementAbi, functionName: 'settleDeposits', args: [token, [...referenceSeqs]] }));
  }

  /** Sets a dealing day's cut-off (`dealingDate` an ISO date, `cutoff` the instant). */
  async scheduleDealingDay(intentKey: string, settlement: Address, token: Address, dealingDate: string, cutoff: Date): Promise<Hex> {
    const data = encodeFunctionData({
      abi: fundSettlementAbi,
      functionName: 'scheduleDealingDay',
      args: [token, dealingDateNumber(dealingDate), BigInt(Math.floor(cutoff.getTime() / 1000))],
    });
    return (await this.send(intentKey, settlement, data)).txHash;
  }

  /** Strikes a dealing day's NAV (scaled by NAV_DECIMALS = 8), once, at or after its cut-off. */
  async strikeDealingDay(intentKey: string, settlement: Address, token: Address, dealingDate: string, nav: bigint): Promise<Hex> {
    const data = encodeFunctionData({ abi: fundSettlementAbi, functionName: 'strikeDealingDay', args: [token, dealingDateNumber(dealingDate), nav] });
    return (await this.send(intentKey, settlement, data)).txHash;
  }

  /** Lets the settlement contract mint and burn the fund's units (the token's AGENT_ROLE). */
  async authorizeSettlement(intentKey: string, token: Address, settlement: Address): Promise<Hex> {
    const role = await this.clients.publicClient.readContract({ address: token, abi: fundTokenAbi, functionName: 'AGENT_ROLE' });
    const data = encodeFunctionData({ abi: fundTokenAbi, functionName: 'grantRole', args: [role, settlement] });
    return (await this.transactions.execute(intentKey, { to: token, data })).transactionHash;
  }

  /** Configures a fund's mode (NONE switches it off). */
  async setFund(intentKey: string, settlement: Address, token: Address, mode: SettlementFundMode): Promise<Hex> {
    const data = encodeFunctionData({ abi: fundSettlementAbi, functionName: 'setFund', args: [token, SETTLEMENT_FUND_MODE[mode]] });
    return (await this.send(intentKey, settlement, data)).txHash;
  }

  /** Sets a STABLE_NAV fund's NAV (scaled by NAV_DECIMALS = 8). */
  async setNav(intentKey: string, settlement: Address, token: Address, nav: bigint): Promise<Hex> {
    return (await this.send(intentKey, settlement, encodeFunctionData({ abi: fundSettlementAbi, functionName: 'setNav', args: [token, nav] }))).txHash;
  }

  /** Accepts a stablecoin for a fund, or changes its treasury and caps. */
  async setStablecoin(intentKey: string, settlement: Address, token: Address, route: StablecoinRoute): Promise<Hex> {
    const data = encodeFunctionData({
      abi: fundSettlementAbi,
      functionName: 'setStablecoin',
      args: [token, route.stablecoin, route.decimals, route.treasury, route.fundDailyCap, route.investorDailyCap],
    });
    return (await this.send(intentKey, settlement, data)).txHash;
  }

  /** Stops accepting a stablecoin for a fund (pending requests in it still settle). */
  async removeStablecoin(intentKey: string, settlement: Address, token: Address, stablecoin: Address): Promise<Hex> {
    return (await this.send(intentKey, settlement, encodeFunctionData({ abi: fundSettlementAbi, functionName: 'removeStablecoin', args: [token, stablecoin] }))).txHash;
  }

  /** Units and cost of a subscription of `amount` at the fund's NAV, as the contract will price it. */
  async previewSubscribe(settlement: Address, token: Address, stablecoin: Address, amount: bigint): Promise<{ units: bigint; cost: bigint }> {
    const [units, cost] = await this.clients.publicClient.readContract({ address: settlement, abi: fundSettlementAbi, functionName: 'previewSubscribe', args: [token, stablecoin, amount] });
    return { units, cost };
  }

  /** Stablecoin an instant redemption of `units` would pay at the fund's NAV. */
  async previewRedeem(settlement: Address, token: Address, stablecoin: Address, units: bigint): Promise<bigint> {
    return this.clients.publicClient.readContract({ address: settlement, abi: fundSettlementAbi, functionName: 'previewRedeem', args: [token, stablecoin, units] });
  }

  /** What today's (UTC) instant redemptions leave of the fund's cap and of the investor's (over all its wallets). */
  async redemptionHeadroom(settlement: Address, token: Address, stablecoin: Address, wallet: Address): Promise<{ fund: bigint; investor: bigint }> {
    const [[, fund], [, investor]] = await Promise.all([
      this.clients.publicClient.readContract({ address: settlement, abi: fundSettlementAbi, functionName: 'fundRedeemedToday', args: [token, stablecoin] }),
      this.clients.publicClient.readContract({ address: settlement, abi: fundSettlementAbi, functionName: 'investorRedeemedToday', args: [token, stablecoin, wallet] }),
    ]);
    return { fund, investor };
  }

  /** A deposit request as the contract holds it (status NONE if there is none). */
  async depositRequest(settlement: Address, token: Address, referenceSeq: bigint): Promise<DepositRequestState> {
    const [status, investor, stablecoin, amount, dealingDate, orderRef] = await this.clients.publicClient.readContract({
      address: settlement,
      abi: fundSettlementAbi,
      functionName: 'depositRequestOf',
      args: [token, referenceSeq],
    });
    return { status: DEPOSIT_REQUEST_STATUS[status] ?? 'NONE', investor, stablecoin, amount, dealingDate, orderRef };
  }

  private async send(intentKey: string, settlement: Address, data: Hex): Promise<SettlementResult> {
    const receipt = await this.transactions.execute(intentKey, { to: settlement, data });
    return resultOf(settlement, receipt);
  }

  /**
   * Without a transaction record for the intent, a reference the token already applied means the order
   * settled (the record was lost): its settlement event is looked up.
   */
  private async appliedByToken(
    intentKey: string,
    parameters: SubscribeParameters | RedeemParameters,
    eventName: 'Subscribed' | 'Redeemed',
  ): Promise<SettlementResult | undefined> {
    if (await this.transactions.findByIntent(intentKey)) return undefined;
    const used = await this.clients.publicClient.readContract({ address: parameters.token, abi: fundTokenAbi, functionName: 'isReferenceUsed', args: [parameters.referenceSeq] });
    if (!used) return undefined;
    return this.findApplied(parameters.settlement, eventName, parameters.token, uuidToBytes32(parameters.orderId));
  }

  private async findApplied(
    settlement: Address,
    eventName: 'Subscribed' | 'Redeemed' | 'DepositRequested',
    token: Address,
    orderRef: Hex,
  ): Promise<SettlementResult> {
    const [event] = await this.clients.publicClient.getContractEvents({ address: settlement, abi: fundSettlementAbi, eventName, args: { token, orderRef }, fromBlock: 0n });
    if (!event) throw new Error(`Order ${orderRef} of ${token} is applied on chain, but no ${eventName} event of ${settlement} records it`);
    const receipt = await this.clients.publicClient.getTransactionReceipt({ hash: event.transactionHash });
    const { txHash, legs } = resultOf(settlement, receipt);
    return { txHash, legs: legs.filter((leg) => leg.orderRef === orderRef) };
  }
}

function resultOf(settlement: Address, receipt: TransactionReceipt): SettlementResult {
  return { txHash: receipt.transactionHash, legs: decodeStablecoinLegs(settlement, receipt.logs) };
}
