import { Injectable } from '@nestjs/common';
import { TokenGateway } from '@rwa/chain';
import { FundsService } from '@rwa/funds';

/**
 * A wallet's units, read from the chain (the source of truth for balances) in every fund that has
 * a token, whatever the fund's status: a paused or closed fund still holds its holders' units.
 * Callers read these before they lock any row: an RPC never runs under a database lock.
 */
@Injectable()
export class WalletUnitsReader {
  constructor(
    private readonly funds: FundsService,
    private readonly tokens: TokenGateway,
  ) {}

  /** The ids of the funds in which `address` holds units. */
  async fundsHeldBy(address: `0x${string}`): Promise<string[]> {
    const funds = await this.funds.deployedTokens();
    const balances = await Promise.all(funds.map((fund) => this.tokens.balanceOf(fund.tokenAddress, address)));
    return funds.filter((_fund, index) => balances[index]! > 0n).map((fund) => fund.fundId);
  }

  async holdsUnits(address: `0x${string}`): Promise<boolean> {
    return (await this.fundsHeldBy(address)).length > 0;
  }
}
