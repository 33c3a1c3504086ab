import { jest } from '@jest/globals';
import type { TestingModule } from '@nestjs/testing';
import type { Address } from 'viem';
import { ChainClients, fundTokenAbi, TokenGateway } from '@rwa/chain';
import { todayIn } from '@rwa/funds';
import { ChainIndexerService, HoldingsModule } from '@rwa/holdings';
import { dayPeriod, DistributionService, IncomeErrorCode, IncomeModule, IncomeService, ReconciliationService } from '@rwa/income';
import { createHolder, createPlatformModule, createShelvedFund, createTenants, dataSourceOf, type Tenants } from './support/platform-fixture.js';
import { startIsolatedChain, type IsolatedChain } from './support/isolated-chain.js';

/**
 * A distribution's mints exactly once: a crash after the batch was sent and before it was recorded,
 * then the job run twice at once, still mint each holder's units once (the same intent, and the
 * token skips a reference it has seen). On a chain of this suite's own: its clock is moved forward.
 */
describe(DistributionService.name, () => {
  let chain: IsolatedChain;
  let module: TestingModule;
  let tenants: Tenants;
  let clients: ChainClients;
  let fundId: string;
  let token: Address;

  beforeAll(async () => {
    chain = await startIsolatedChain();
    module = await createPlatformModule([HoldingsModule, IncomeModule], { DATABASE_URL: chain.databaseUrl, CHAIN_RPC_URL: chain.rpcUrl, CHAIN_RECEIPT_TIMEOUT_MS: '8000' });
    clients = module.get(ChainClients);
    tenants = await createTenants(module);
    ({ fundId, tokenAddress: token } = await createShelvedFund(module, tenants));
    await dataSourceOf(module).query("UPDATE funds SET income_mode = 'DISTRIBUTING' WHERE id = $1", [fundId]);
  }, 90_000);

  afterAll(async () => {
    jest.restoreAllMocks();
    await module?.close();
    await chain?.stop();
  }, 60_000);

  const balanceOf = (address: Address) => clients.publicClient.readContract({ address: token, abi: fundTokenAbi, functionName: 'balanceOf', args: [address] });

  it('should mint each holder once after a crash between send and record, with the job then run twice at once', async () => {
    const holders = [await createHolder(module, tenants, fundId, '1000.00'), await createHolder(module, tenants, fundId, '3000.00')];
    const indexer = module.get(ChainIndexerService);
    await indexer.indexOnce();
    // Today's income (fund time zone), then the chain's clock past the end of today.
    const today = todayIn('Asia/Hong_Kong', new Date());
    const period = dayPeriod(today, 'Asia/Hong_Kong');
    await dataSourceOf(module).query(
      "INSERT INTO fund_income_rates (fund_id, business_date, rate_per_unit, period_start, period_end, published_by) VALUES ($1, $2, '0.5', to_timestamp($3), to_timestamp($4), 'test')",
      [fundId, today, period.start, period.end],
    );
    await chain.testClient.setNextBlockTimestamp({ timestamp: BigInt(period.end + 5) });
    await chain.testClient.mine({ blocks: 1 });
    await indexer.indexOnce();
    const before = await Promise.all(holders.map((holder) => balanceOf(holder.account.address)));

    const sut = module.get(DistributionService);
    const { id } = await sut.create(tenants.issuer, fundId, today);
    const gateway = module.get(TokenGateway);
    const send = gateway.batchMintUnits.bind(gateway);
    const crash = jest.spyOn(gateway, 'batchMintUnits').mockImplementationOnce(async (...args) => {
      await send(...args);
      throw new Error('worker killed after the batch was sent');
    });

    await expect(sut.handleDistributeIncome(id)).rejects.toThrow('worker killed');
    crash.mockRestore();
    const outcomes = await Promise.allSettled([sut.handleDistributeIncome(id), sut.handleDistributeIncome(id)]);
    expect(outcomes.some((outcome) => outcome.status === 'fulfilled')).toBe(true);
    expect(await sut.handleDistributeIncome(id)).toBe('already completed');

    const distribution = await sut.get(tenants.issuer, fundId, id);
    expect(distribution).toMatchObject({ status: 'COMPLETED', holders: 2, heldAmount: '0.00', cashPayable: '0.00' });
    const items = (await dataSourceOf(module).query('SELECT address, units::text AS units, reference_seq::text AS ref, status FROM fund_distribution_items WHERE distribution_id = $1', [id])) as {
      address: Address;
      units: string;
      ref: string;
      status: string;
    }[];
    expect(items.map((item) => item.status)).toEqual(['MINTED', 'MINTED']);
    for (const [index, holder] of holders.entries()) {
      const item = items.find((row) => row.address === holder.account.address)!;
      expect(BigInt(item.units)).toBeGreaterThan(0n);
      expect(await balanceOf(holder.account.address)).toBe(before[index]! + BigInt(item.units));
      const minted = await clients.publicClient.getContractEvents({ address: token, abi: fundTokenAbi, eventName: 'Minted', args: { refSeq: BigInt(item.ref) }, fromBlock: 0n });
      expect(minted).toHaveLength(1);
    }
    const [{ count }] = (await dataSourceOf(module).query("SELECT count(*)::int AS count FROM chain_transactions WHERE intent_key LIKE $1", [`distribution-${id}-%`])) as { count: number }[];
    expect(count).toBe(1);
    // Its outbox intent is done: the relay sends it no more, and retention may prune it.
    expect(await dataSourceOf(module).query('SELECT completed_at IS NOT NULL AS done FROM outbox_messages WHERE job_id = $1', [`distribute-income-${id}`])).toEqual([{ done: true }]);
  }, 120_000);

  it('should schedule one reconciliation per fund and interval however often it is asked, and run it with no breaks', async () => {
    const sut = module.get(ReconciliationService);
    const made = await Promise.all([sut.schedule(86_400_000), sut.schedule(86_400_000)]);
    expect(made[0]! + made[1]!).toBe(1);
    expect(await sut.schedule(86_400_000)).toBe(0);
    const [row] = (await dataSourceOf(module).query("SELECT id FROM reconciliations WHERE fund_id = $1 AND trigger = 'SCHEDULED'", [fundId])) as { id: string }[];
    await module.get(ChainIndexerService).indexOnce();
    expect(await sut.handleReconcileFund(row!.id)).toMatch(/^block \d+: 2 holders, 0 stablecoin wallets, 0 breaks/);
    expect(await sut.handleReconcileFund(row!.id)).toBe('already completed');
    expect(await sut.get(tenants.issuer, fundId, row!.id)).toMatchObject({ status: 'COMPLETED', trigger: 'SCHEDULED', holdersChecked: 2, breaks: [] });
    expect(await dataSourceOf(module).query('SELECT completed_at IS NOT NULL AS done FROM outbox_messages WHERE job_id = $1', [`reconcile-fund-${row!.id}`])).toEqual([{ done: true }]);
  }, 60_000);
  it('should refuse accruals asked past what the chain index knows (409 INDEX_BEHIND), and answer by default up to where it is complete', async () => {
    const sut = module.get(IncomeService);
    const indexer = module.get(ChainIndexerService);
    await indexer.indexOnce();
    // A block the index has not applied yet: a transfer in it would be missed.
    await chain.testClient.mine({ blocks: 1 });
    const unindexed = await clients.publicClient.getBlock({ blockTag: 'latest' });
    const past = new Date((Number(unindexed.timestamp) + 60) * 1000).toISOString();

    await expect(sut.fundAccruals(tenants.issuer, fundId, { asOf: past }, { limit: 50 })).rejects.toMatchObject({ code: IncomeErrorCode.INDEX_BEHIND });
    const byDefault = await sut.fundAccruals(tenants.issuer, fundId, {}, { limit: 50 });
    expect(byDefault.asOf).toBe(new Date(Number(unindexed.timestamp) * 1000).toISOString());

    await indexer.indexOnce();
    const answered = await sut.fundAccruals(tenants.issuer, fundId, { asOf: past }, { limit: 50 });
    expect(answered.asOf).toBe(past);
    expect(answered.items).toHaveLength(2);
  }, 60_000);
});
