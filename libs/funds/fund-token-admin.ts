import { Injectable } from '@nestjs/common';
import { encodeFunctionData, type Address, type Hex } from 'viem';
import { ChainClients, fundTokenAbi, investorClassMask, jurisdictionCode, TransactionManager, type InvestorClassName } from '@rwa/chain';

/** The rules a fund token enforces, as the fund states them. */
export interface TokenRules {
  eligibleJurisdictions: readonly string[];
  eligibleInvestorClasses: readonly InvestorClassName[];
  maxHolders: number | null;
  /** In the token's smallest denomination; null for no cap. */
  maxUnitsPerHolder: bigint | null;
  lockupDays: number | null;
}

/** The token's compliance arguments of `rules` (0 means "no limit" on chain). */
export function tokenRuleArguments(rules: TokenRules): { eligibleClassMask: number; maxHolders: number; maxBalancePerHolder: bigint; lockupSeconds: number; jurisdictions: number[] } {
  return {
    eligibleClassMask: investorClassMask(rules.eligibleInvestorClasses),
    maxHolders: rules.maxHolders ?? 0,
    maxBalancePerHolder: rules.maxUnitsPerHolder ?? 0n,
    lockupSeconds: (rules.lockupDays ?? 0) * 86_400,
    jurisdictions: rules.eligibleJurisdictions.map(jurisdictionCode),
  };
}

/**
 * The issuer-side operations on a deployed fund token (pause, rules), each through the
 * TransactionManager under an intent key like every other chain job: calling again for the same
 * intent waits for the same transaction instead of sending another.
 */
@Injectable()
export class FundTokenAdmin {
  constructor(
    private readonly clients: ChainClients,
    private readonly transactions: TransactionManager,
  ) {}

  async paused(token: Address): Promise<boolean> {
    return this.clients.publicClient.readContract({ address: token, abi: fundTokenAbi, functionName: 'paused' });
  }

  /** pause() or unpause(); returns the transaction hash. */
  async setPaused(intentKey: string, token: Address, paused: boolean): Promise<Hex> {
    const data = encodeFunctionData({ abi: fundTokenAbi, functionName: paused ? 'pause' : 'unpause' });
    return (await this.transactions.execute(intentKey, { to: token, data })).transactionHash;
  }

  /** setComplianceRules then setEligibleJurisdictions, each its own intent. */
  async setRules(intentKey: string, token: Address, rules: TokenRules): Promise<Hex[]> {
    const args = tokenRuleArguments(rules);
    const compliance = encodeFunctionData({
      abi: fundTokenAbi,
      functionName: 'setComplianceRules',
      args: [args.eligibleClassMask, args.maxHolders, args.maxBalancePerHolder, args.lockupSeconds],
    });
    const jurisdictions = encodeFunctionData({ abi: fundTokenAbi, functionName: 'setEligibleJurisdictions', args: [args.jurisdictions] });
    const first = await this.transactions.execute(`${intentKey}-compliance`, { to: token, data: compliance });
    const second = await this.transactions.execute(`${intentKey}-jurisdictions`, { to: token, data: jurisdictions });
    return [first.transactionHash, second.transactionHash];
  }

  /** The token's rules as it enforces them now. */
  async rules(token: Address): Promise<{ eligibleClassMask: number; maxHolders: number; maxBalancePerHolder: bigint; lockupSeconds: number; jurisdictions: number[] }> {
    const [eligibleClassMask, maxHolders, maxBalancePerHolder, lockupSeconds] = await this.clients.publicClient.readContract({ address: token, abi: fundTokenAbi, functionName: 'complianceRules' });
    const jurisdictions = await this.clients.publicClient.readContract({ address: token, abi: fundTokenAbi, functionName: 'eligibleJurisdictions' });
    return { eligibleClassMask, maxHolders, maxBalancePerHolder, lockupSeconds, jurisdictions: [...jurisdictions] };
  }
}
