import { randomUUID } from 'node:crypto';
import type { TestingModule } from '@nestjs/testing';
import { createWalletClient, http, parseEther, TransactionReceiptNotFoundError, type Address, type Hex } from 'viem';
import type { PrivateKeyAccount } from 'viem/accounts';
import { ChainClients, ChainTransactionEntity, fundTokenAbi, TransactionManager } from '@rwa/chain';
import { ChainIndexerService, HoldingsModule, HoldingsService } from '@rwa/holdings';
import { startIsolatedChain, type IsolatedChain } from './support/isolated-chain.js';
import { createHolder, createPlatformModule, createShelvedFund, createTenants, dataSourceOf, type Tenants } from './support/platform-fixture.js';

/**
 * Deep reorgs on a chain of this suite's own (it rewinds with evm_snapshot / evm_revert): a
 * confirmed transaction the chain lost is sent again, never trusted; the indexer rolls the holder
 * register back to the common ancestor and applies the canonical chain, so it equals the chain.
 */
describe('chain reorg', () => {
  let chain: IsolatedChain;
  let module: TestingModule;
  let tenants: Tenants;
  let clients: ChainClients;
  let fundId: string;
  let token: Address;

  beforeAll(async () => {
    chain = await startIsolatedChain();
    module = await createPlatformModule([HoldingsModule], { DATABASE_URL: chain.databaseUrl, CHAIN_RPC_URL: chain.rpcUrl, CHAIN_RECEIPT_TIMEOUT_MS: '8000' });
    clients = module.get(ChainClients);
    tenants = await createTenants(module);
    ({ fundId, tokenAddress: token } = await createShelvedFund(module, tenants));
  }, 90_000);

  afterAll(async () => {
    await module?.close();
    await chain?.stop();
  }, 60_000);

  async function receiptOrNull(hash: Hex) {
    return clients.publicClient.getTransactionReceipt({ hash }).catch((error: unknown) => {
      if (error instanceof TransactionReceiptNotFoundError) return null;
      throw error;
    });
  }

  async function lostConfirmedIntent(): Promise<ChainTransactionEntity> {
    const intent = `test-lost-${randomUUID()}`;
    const snapshot = await chain.testClient.snapshot();
    await module.get(TransactionManager).execute(intent, { to: clients.signer.address, data: '0x' });
    const record = (await module.get(TransactionManager).findByIntent(intent))!;
    expect(record.status).toBe('CONFIRMED');
    await chain.testClient.revert({ id: snapshot });
    expect(await receiptOrNull(record.hash)).toBeNull();
    expect(await clients.publicClient.getTransactionCount({ address: clients.signer.address })).toBe(Number(record.nonce));
    return record;
  }

  it('should send a CONFIRMED transaction again when the chain no longer counts its nonce (issue 11)', async () => {
    const lost = await lostConfirmedIntent();

    const receipt = await module.get(TransactionManager).execute(lost.intentKey, { to: clients.signer.address, data: '0x' });

    expect(receipt.transactionHash).toBe(lost.hash);
    expect(await receiptOrNull(lost.hash)).not.toBeNull();
    expect(await module.get(TransactionManager).findByIntent(lost.intentKey)).toMatchObject({ status: 'CONFIRMED', nonce: lost.nonce, blockHash: receipt.blockHash });
  }, 60_000);

  it('should re-check a CONFIRMED record in the nonce gap filler instead of leaving the gap (issue 11)', async () => {
    const lost = await lostConfirmedIntent();

    expect(await module.get(TransactionManager).fillNonceGaps()).toEqual({ resent: 1, filled: 0 });

    await clients.publicClient.waitForTransactionReceipt({ hash: lost.hash, timeout: 10_000 });
    expect(await clients.publicClient.getTransactionCount({ address: clients.signer.address })).toBe(Number(lost.nonce) + 1);
  }, 60_000);

  const holder = (amount: string) => createHolder(module, tenants, fundId, amount);

  async function transfer(from: PrivateKeyAccount, to: Address, units: bigint): Promise<void> {
    await chain.testClient.setBalance({ address: from.address, value: parseEther('1') });
    const client = createWalletClient({ account: from, chain: clients.chain, transport: http(chain.rpcUrl) });
    const hash = await client.writeContract({ address: token, abi: fundTokenAbi, functionName: 'transfer', args: [to, units] });
    expect((await clients.publicClient.waitForTransactionReceipt({ hash })).status).toBe('success');
  }

  /** The register, and the chain's own balances of the same addresses and of every address the test knows. */
  async function registerAndChain(addresses: Address[]) {
    const register = (await module.get(HoldingsService).holders(tenants.issuer, fundId, { limit: 200 })).items;
    const balances = await Promise.all(
      addresses.map(async (address) => ({ address, units: await clients.publicClient.readContract({ address: token, abi: fundTokenAbi, functionName: 'balanceOf', args: [address] }) })),
    );
    const supply = await clients.publicClient.readContract({ address: token, abi: fundTokenAbi, functionName: 'totalSupply' });
    return { register, balances, supply };
  }

  it('should roll the register back to the common ancestor after a reorg and equal the chain again (issue 11)', async () => {
    const alice = await holder('2500.00');
    const dave = await holder('0');
    const indexer = module.get(ChainIndexerService);
    await indexer.indexOnce();
    const snapshot = await chain.testClient.snapshot();
    // The fork that will be lost: a new holder and a transfer to him, both indexed.
    const bob = await holder('1000.00');
    await transfer(alice.account, bob.account.address, 500_000_000n);
    await indexer.indexOnce();
    expect((await registerAndChain([])).register.map((row) => [row.address, row.units])).toEqual([
      [alice.account.address, '2000.000000'],
      [bob.account.address, '1500.000000'],
    ]);
    const [{ transfers: transfersBefore }] = (await dataSourceOf(module).query('SELECT count(*)::int AS transfers FROM chain_transfers WHERE fund_id = $1', [fundId])) as { transfers: number }[];

    // A reorg deeper than the confirmations: the chain drops that fork and takes another one.
    await chain.testClient.revert({ id: snapshot });
    await transfer(alice.account, dave.account.address, 300_000_000n);
    await chain.testClient.mine({ blocks: 10 });

    const report = await indexer.indexOnce();

    expect(report.rollbacks).toBe(1);
    const { register, balances, supply } = await registerAndChain([alice.account.address, bob.account.address, dave.account.address]);
    expect(register.map((row) => [row.address, row.units])).toEqual([
      [alice.account.address, '2200.000000'],
      [dave.account.address, '300.000000'],
    ]);
    expect(balances.map((row) => [row.address, row.units])).toEqual([
      [alice.account.address, 2_200_000_000n],
      [bob.account.address, 0n],
      [dave.account.address, 300_000_000n],
    ]);
    const [{ total }] = (await dataSourceOf(module).query('SELECT coalesce(sum(units), 0)::text AS total FROM fund_holdings WHERE fund_id = $1', [fundId])) as { total: string }[];
    expect(BigInt(total)).toBe(supply);
    // The lost fork's transfer is gone from the transfers, the canonical one is there.
    const transfers = (await dataSourceOf(module).query('SELECT from_address, to_address, units::text AS units FROM chain_transfers WHERE fund_id = $1 ORDER BY seq', [fundId])) as {
      from_address: string;
      to_address: string;
      units: string;
    }[];
    expect(transfers.length).toBe(transfersBefore);
    expect(transfers.at(-1)).toEqual({ from_address: alice.account.address, to_address: dave.account.address, units: '300000000' });
    const [reorg] = (await dataSourceOf(module).query('SELECT events_undone FROM chain_index_reorgs WHERE fund_id = $1', [fundId])) as { events_undone: number }[];
    expect(reorg!.events_undone).toBe(2);
    // Nothing more to do on the next pass.
    expect((await indexer.indexOnce()).rollbacks).toBe(0);
  }, 90_000);
});
