import { jest } from '@jest/globals';
import { getAddress, type Address, type Hex } from 'viem';
import { privateKeyToAccount } from 'viem/accounts';
import type { EntityManager } from 'typeorm';
import type { ChainClients, SettlementGateway, TransactionManager } from '@rwa/chain';
import { permitTypedData } from '@rwa/chain';
import { FundPricing, type FundEntity } from '@rwa/funds';
import type { DataSource } from 'typeorm';
import type { SettlementContracts } from '../settlement-contracts.service.js';
import { PERMIT_TTL_SECONDS, StablecoinPaymentsService, typedDataJson } from '../stablecoin-payments.service.js';
import { StablecoinDirection, StablecoinPaymentMethod, type StablecoinEntity, type StablecoinPaymentEntity } from '../stablecoin.entities.js';
import { StablecoinsErrorCode } from '../stablecoins.exception.js';
import { assertConfigurable } from '../stablecoins.service.js';

// Hardhat development keys: test-only.
const investor = privateKeyToAccount('0xac0974bec39a17e36ba4a6b4d238ff944bacb478cbed5efcae784d7bf4f2ff80');
const stranger = privateKeyToAccount('0x59c6995e998f97a5a0044966f0945389dc9e86dae88c7a8412f4603b6b78690d');
const STABLECOIN = getAddress('0x05dc000000000000000000000000000000000003');
const SETTLEMENT = getAddress('0x5e771e0000000000000000000000000000000001');
const TOKEN = getAddress('0x70c0000000000000000000000000000000000002');
const NOW = new Date('2026-12-02T03:00:00Z');
const NOW_SECONDS = BigInt(NOW.getTime() / 1000);
const DOMAIN = { name: 'Test USD', version: '1', chainId: 31337, verifyingContract: STABLECOIN };

const stablecoin = { id: 'coin-1', chainId: 31337, address: STABLECOIN, symbol: 'TUSD', decimals: 6, issuer: 'x', licence: null, createdAt: NOW } as StablecoinEntity;

function payment(overrides: Partial<StablecoinPaymentEntity> = {}): StablecoinPaymentEntity {
  return {
    orderId: 'order-1',
    fundId: 'fund-1',
    investorId: 'investor-1',
    stablecoinId: stablecoin.id,
    direction: StablecoinDirection.PAY_IN,
    instant: false,
    amount: '1000000000',
    method: null,
    signature: null,
    deadline: (NOW_SECONDS + 600n).toString(),
    txHash: null,
    settledAmount: null,
    referenceSeq: null,
    requestTxHash: null,
    createdAt: NOW,
    ...overrides,
  };
}

interface Reads {
  balance?: bigint;
  allowance?: bigint;
  settlementPaused?: boolean;
  tokenPaused?: boolean;
  blockTime?: bigint;
}

function setup(reads: Reads = {}) {
  const readContract = jest.fn(async ({ functionName, address }: { functionName: string; address: Address }) => {
    if (functionName === 'balanceOf') return reads.balance ?? 10n ** 12n;
    if (functionName === 'allowance') return reads.allowance ?? 0n;
    if (functionName === 'paused') return address === SETTLEMENT ? (reads.settlementPaused ?? false) : (reads.tokenPaused ?? false);
    throw new Error(`unexpected read ${functionName}`);
  });
  const clients = { publicClient: { readContract, getBlock: jest.fn(async () => ({ timestamp: reads.blockTime ?? NOW_SECONDS })) } } as unknown as ChainClients;
  const gateway = {
    permitTypedData: jest.fn(async (request: { owner: Address; spender: Address; value: bigint; deadline: bigint }) =>
      permitTypedData(DOMAIN, { owner: request.owner, spender: request.spender, value: request.value, nonce: 0n, deadline: request.deadline }),
    ),
  } as unknown as SettlementGateway;
  const repository = { findOneBy: jest.fn(async () => stablecoin) };
  const dataSource = { getRepository: () => repository, manager: {} } as unknown as DataSource;
  const contracts = { get: jest.fn(async () => SETTLEMENT) } as unknown as SettlementContracts;
  const sut = new StablecoinPaymentsService(dataSource, clients, gateway, {} as TransactionManager, contracts);
  return { sut, readContract, gateway };
}

async function sign(account: typeof investor, deadline: bigint, value = 1_000_000_000n): Promise<Hex> {
  return account.signTypedData(permitTypedData(DOMAIN, { owner: investor.address, spender: SETTLEMENT, value, nonce: 0n, deadline }));
}

describe(StablecoinPaymentsService.name, () => {
  describe('checkPayIn', () => {
    it('should accept the investor wallet permit for the order amount with enough balance', async () => {
      const { sut, gateway } = setup();
      const signature = await sign(investor, NOW_SECONDS + 600n);

      await expect(sut.checkPayIn(payment(), investor.address, TOKEN, { method: StablecoinPaymentMethod.PERMIT, signature }, NOW)).resolves.toBeUndefined();
      expect(gateway.permitTypedData).toHaveBeenCalledWith({ stablecoin: STABLECOIN, owner: investor.address, spender: SETTLEMENT, value: 1_000_000_000n, deadline: NOW_SECONDS + 600n });
    });

    it('should refuse a permit signed by another key, or for another amount', async () => {
      const { sut } = setup();
      const byStranger = await sign(stranger, NOW_SECONDS + 600n);
      const otherAmount = await sign(investor, NOW_SECONDS + 600n, 1n);

      for (const signature of [byStranger, otherAmount]) {
        await expect(sut.checkPayIn(payment(), investor.address, TOKEN, { method: StablecoinPaymentMethod.PERMIT, signature }, NOW)).rejects.toMatchObject({ code: StablecoinsErrorCode.PAYMENT_NOT_AUTHORIZED });
      }
    });

    it("should refuse a permit whose deadline the chain's clock has passed (or nearly)", async () => {
      const { sut } = setup({ blockTime: NOW_SECONDS + 590n });
      const signature = await sign(investor, NOW_SECONDS + 600n);

      await expect(sut.checkPayIn(payment(), investor.address, TOKEN, { method: StablecoinPaymentMethod.PERMIT, signature }, NOW)).rejects.toMatchObject({ code: StablecoinsErrorCode.PERMIT_EXPIRED });
    });

    it('should refuse too little stablecoin, too small an approval, and a paused settlement contract or token', async () => {
      const approval = { method: StablecoinPaymentMethod.APPROVAL } as const;
      const poor = setup({ balance: 999_999_999n, allowance: 10n ** 12n });
      const stingy = setup({ allowance: 999_999_999n });
      const pausedSettlement = setup({ settlementPaused: true, allowance: 10n ** 12n });
      const pausedToken = setup({ tokenPaused: true, allowance: 10n ** 12n });

      await expect(poor.sut.checkPayIn(payment(), investor.address, TOKEN, approval, NOW)).rejects.toMatchObject({ code: StablecoinsErrorCode.INSUFFICIENT_STABLECOIN_BALANCE });
      await expect(stingy.sut.checkPayIn(payment(), investor.address, TOKEN, approval, NOW)).rejects.toMatchObject({ code: StablecoinsErrorCode.PAYMENT_NOT_AUTHORIZED });
      await expect(pausedSettlement.sut.checkPayIn(payment(), investor.address, TOKEN, approval, NOW)).rejects.toMatchObject({ code: StablecoinsErrorCode.SETTLEMENT_PAUSED });
      await expect(pausedToken.sut.checkPayIn(payment(), investor.address, TOKEN, approval, NOW)).rejects.toMatchObject({ code: StablecoinsErrorCode.SETTLEMENT_PAUSED });
    });
  });

  describe('reserveInstantRedemption', () => {
    function manager(used: { fund: string; investor: string }, status = 'ACTIVE') {
      const query = jest.fn(async (sql: string) =>
        sql.includes('FROM fund_stablecoins') ? [{ status, instant_redemption_daily_cap: '1000000000', instant_redemption_per_investor_daily_cap: '300000000' }] : [used],
      );
      return { query, insert: jest.fn(async () => undefined), findOneByOrFail: jest.fn(async () => stablecoin) } as unknown as EntityManager & { query: typeof query; insert: jest.Mock };
    }
    const payout = { orderId: 'order-2', fundId: 'fund-1', investorId: 'investor-1', stablecoinId: stablecoin.id, units: 200_000_000n, unitDecimals: 6, nav: 100_000_000n };

    it("should price the payout at the NAV and record it within the fund's and the investor's caps, the route locked", async () => {
      const { sut } = setup();
      const tx = manager({ fund: '500000000', investor: '100000000' });

      await expect(sut.reserveInstantRedemption(tx, payout)).resolves.toMatchObject({ amount: 200_000_000n });
      expect(tx.query.mock.calls[0]![0]).toContain('FOR UPDATE');
      expect(tx.insert).toHaveBeenCalledWith(expect.anything(), expect.objectContaining({ orderId: 'order-2', direction: StablecoinDirection.PAY_OUT, instant: true, amount: '200000000' }));
    });

    it('should refuse a payout over the investor cap or the fund cap of today, recording nothing', async () => {
      const { sut } = setup();
      const overInvestor = manager({ fund: '0', investor: '100000001' });
      const overFund = manager({ fund: '800000001', investor: '0' });

      await expect(sut.reserveInstantRedemption(overInvestor, payout)).rejects.toMatchObject({ code: StablecoinsErrorCode.INSTANT_REDEMPTION_CAP_EXCEEDED });
      await expect(sut.reserveInstantRedemption(overFund, payout)).rejects.toMatchObject({ code: StablecoinsErrorCode.INSTANT_REDEMPTION_CAP_EXCEEDED });
      expect(overInvestor.insert).not.toHaveBeenCalled();
      expect(overFund.insert).not.toHaveBeenCalled();
    });

    it('should refuse a stablecoin the fund does not accept (yet)', async () => {
      const { sut } = setup();

      await expect(sut.reserveInstantRedemption(manager({ fund: '0', investor: '0' }, 'CONFIGURING'), payout)).rejects.toMatchObject({ code: StablecoinsErrorCode.STABLECOIN_NOT_ACCEPTED });
    });
  });

  describe(typedDataJson.name, () => {
    it('should give the permit numbers as decimal strings, the rest as it is', () => {
      const typedData = permitTypedData(DOMAIN, { owner: investor.address, spender: SETTLEMENT, value: 10n ** 30n, nonce: 3n, deadline: NOW_SECONDS + BigInt(PERMIT_TTL_SECONDS) });

      expect(JSON.parse(JSON.stringify(typedDataJson(typedData)))).toEqual({
        domain: DOMAIN,
        types: typedData.types,
        primaryType: 'Permit',
        message: { owner: investor.address, spender: SETTLEMENT, value: '1000000000000000000000000000000', nonce: '3', deadline: (NOW_SECONDS + 900n).toString() },
      });
    });
  });
});

describe(assertConfigurable.name, () => {
  const fund = { id: 'fund-1', tokenAddress: TOKEN, pricing: FundPricing.STABLE_NAV } as FundEntity;
  const request = { treasury: stranger.address, instantRedemptionDailyCap: '1000', instantRedemptionPerInvestorDailyCap: '300' };

  it('should accept settings the settlement contract can hold, for a STABLE_NAV and a FORWARD fund', () => {
    expect(() => assertConfigurable(fund, stablecoin, request)).not.toThrow();
    expect(() => assertConfigurable({ ...fund, pricing: FundPricing.FORWARD } as FundEntity, stablecoin, request)).not.toThrow();
  });

  it('should refuse a fund without a token, the zero treasury and caps beyond 64-bit whole coins or 96-bit base units', () => {
    const refusals = [
      () => assertConfigurable({ ...fund, tokenAddress: null } as FundEntity, stablecoin, request),
      () => assertConfigurable(fund, stablecoin, { ...request, treasury: '0x0000000000000000000000000000000000000000' }),
      () => assertConfigurable(fund, stablecoin, { ...request, instantRedemptionDailyCap: (2n ** 64n).toString() }),
      () => assertConfigurable(fund, { ...stablecoin, decimals: 18 }, { ...request, instantRedemptionPerInvestorDailyCap: (2n ** 40n).toString() }),
    ];
    for (const refusal of refusals) expect(refusal).toThrow(expect.objectContaining({ code: StablecoinsErrorCode.STABLECOIN_SETTINGS_INVALID }));
  });
});
