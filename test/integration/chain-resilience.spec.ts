import { jest } from '@jest/globals';
import { randomUUID } from 'node:crypto';
import type { TestingModule } from '@nestjs/testing';
import { BaseError, keccak256, parseTransaction, TransactionReceiptNotFoundError, type Hex } from 'viem';
import { privateKeyToAccount } from 'viem/accounts';
import {
  ChainClients,
  ChainTransactionAttemptEntity,
  ChainTransactionEntity,
  classifyRpcError,
  fundTokenAbi,
  RpcErrorKind,
  TransactionManager,
  TransactionPendingError,
} from '@rwa/chain';
import { FundDeploymentService, FundsService } from '@rwa/funds';
import { OrderEntity, OrderSettlementService, OrdersService, OrderStatus, OrderType } from '@rwa/orders';
import { WalletRegistrationService } from '@rwa/wallets';
import { startIsolatedChain, type IsolatedChain } from './support/isolated-chain.js';
import { createFund, createInvestorWithWallet, createPlatformModule, createTenants, dataSourceOf, type Tenants } from './support/platform-fixture.js';

/** Hardhat's development account #1: signs raw transactions that must not touch the platform signer's nonces. */
const OTHER_KEY = '0x59c6995e998f97a5a0044966f0945389dc9e86dae88c7a8412f4603b6b78690d';
/** viem's setIntervalMining takes seconds. */
const MINING_INTERVAL_SECONDS = 0.2;

/**
 * The transaction manager when the chain misbehaves, on a chain of its own (it rewinds and stops
 * mining): two confirmations, replacement after one second.
 */
describe('chain resilience', () => {
  let chain: IsolatedChain;
  let module: TestingModule;
  let tenants: Tenants;
  let fundId: string;
  let tokenAddress: `0x${string}`;
  let clients: ChainClients;

  beforeAll(async () => {
    chain = await startIsolatedChain();
    // Blocks keep coming without transactions, so a second confirmation arrives.
    await chain.testClient.setIntervalMining({ interval: MINING_INTERVAL_SECONDS });
    module = await createPlatformModule([], {
      DATABASE_URL: chain.databaseUrl,
      CHAIN_RPC_URL: chain.rpcUrl,
      CONFIRMATIONS: '2',
      CHAIN_REPLACE_AFTER_MS: '1000',
      CHAIN_RECEIPT_TIMEOUT_MS: '30000',
    });
    clients = module.get(ChainClients);
    tenants = await createTenants(module);
    const fund = await createFund(module, tenants);
    expect(await module.get(FundDeploymentService).handleDeployFund(fund.id)).toBe('done');
    await module.get(FundsService).shelve(tenants.issuer, fund.id, tenants.distributor.organizationId);
    fundId = fund.id;
    tokenAddress = (await module.get(FundsService).findById(fund.id))!.tokenAddress!;
  }, 90_000);

  afterAll(async () => {
    await module?.close();
    await chain?.stop();
  });

  afterEach(async () => {
    jest.restoreAllMocks();
    await chain.testClient.setAutomine(true);
    await chain.testClient.setIntervalMining({ interval: MINING_INTERVAL_SECONDS });
  });

  async function mintingOrder(): Promise<{ orderId: string; walletAddress: `0x${string}`; units: bigint }> {
    const { investorId, walletId, account } = await createInvestorWithWallet(module, tenants);
    await module.get(WalletRegistrationService).handleRegisterWallet(walletId);
    const orders = module.get(OrdersService);
    const placed = await dataSourceOf(module).transaction((manager) =>
      orders.place(tenants.distributor, { type: OrderType.SUBSCRIPTION, fundId, investorId, walletId, amount: '1500.00' }, manager),
    );
    const priced = await orders.confirmPayment(tenants.issuer, placed.id, { reference: `TT-${randomUUID()}` });
    expect(priced.status).toBe(OrderStatus.MINTING);
    return { orderId: placed.id, walletAddress: account.address, units: 1_500_000_000n };
  }

  async function recordOf(orderId: string): Promise<ChainTransactionEntity | null> {
    return dataSourceOf(module).getRepository(ChainTransactionEntity).findOneBy({ intentKey: `mint-order-${orderId}` });
  }

  async function expectMintedOnce(orderId: string, walletAddress: `0x${string}`, units: bigint): Promise<void> {
    const order = await dataSourceOf(module).getRepository(OrderEntity).findOneByOrFail({ id: orderId });
    expect(order.status).toBe(OrderStatus.SETTLED);
    const minted = await clients.publicClient.getContractEvents({ address: tokenAddress, abi: fundTokenAbi, eventName: 'Minted', args: { refSeq: BigInt(order.referenceSeq!) }, fromBlock: 0n });
    expect(minted).toHaveLength(1);
    expect(minted[0]!.transactionHash).toBe(order.txHash);
    expect(await clients.publicClient.readContract({ address: tokenAddress, abi: fundTokenAbi, functionName: 'balanceOf', args: [walletAddress] })).toBe(units);
  }

  async function receiptOrNull(hash: Hex) {
    return clients.publicClient.getTransactionReceipt({ hash }).catch((error: unknown) => {
      if (error instanceof TransactionReceiptNotFoundError) return null;
      throw error;
    });
  }

  it('should send a mint again when a reorg removes it before its confirmations, and settle it once', async () => {
    const { orderId, walletAddress, units } = await mintingOrder();
    await chain.testClient.setIntervalMining({ interval: 0 }); // only transactions make blocks: the mint stays 1 deep
    const snapshot = await chain.testClient.snapshot();
    const sends = jest.spyOn(clients.publicClient, 'sendRawTransaction');

    const settling = module.get(OrderSettlementService).handleMintOrder(orderId);
    const mined = await poll(async () => ((await recordOf(orderId))?.blockHash ? recordOf(orderId) : null));
    expect(mined.status).toBe('SUBMITTED');
    await chain.testClient.revert({ id: snapshot });
    expect(await receiptOrNull(mined.hash)).toBeNull();
    await chain.testClient.setIntervalMining({ interval: MINING_INTERVAL_SECONDS });

    expect(await settling).toBe('settled');
    await expectMintedOnce(orderId, walletAddress, units);
    const record = (await recordOf(orderId))!;
    // The same signed bytes, sent again after the reorg and mined again (Hardhat may rebuild the very same block).
    expect(record).toMatchObject({ status: 'CONFIRMED', hash: mined.hash, nonce: mined.nonce, replacements: 0 });
    const sentBytes = sends.mock.calls.map(([parameters]) => parameters.serializedTransaction).filter((raw) => raw === mined.rawTransaction);
    expect(sentBytes.length).toBeGreaterThanOrEqual(2);
    expect(await receiptOrNull(mined.hash)).not.toBeNull();
  }, 60_000);

  it('should replace a transaction not mined in time at the same nonce and settle from the attempt that is mined', async () => {
    const { orderId, walletAddress, units } = await mintingOrder();
    await chain.testClient.setIntervalMining({ interval: 0 });
    await chain.testClient.setAutomine(false); // nothing is mined until the test says so

    const settling = module.get(OrderSettlementService).handleMintOrder(orderId);
    const replaced = await poll(async () => {
      const record = await recordOf(orderId);
      return record && record.replacements >= 1 && record.sentAt ? record : null;
    });
    await chain.testClient.mine({ blocks: 1 });
    await chain.testClient.setAutomine(true);
    await chain.testClient.setIntervalMining({ interval: MINING_INTERVAL_SECONDS });

    expect(await settling).toBe('settled');
    await expectMintedOnce(orderId, walletAddress, units);
    const record = (await recordOf(orderId))!;
    const attempts = await dataSourceOf(module).getRepository(ChainTransactionAttemptEntity).find({ where: { transactionId: record.id }, order: { createdAt: 'ASC' } });
    expect(attempts.length).toBeGreaterThanOrEqual(2);
    expect(attempts.map((attempt) => attempt.hash)).toContain(record.hash);
    // One intent, one nonce: every attempt is the same call at the same nonce, each with higher fees.
    const parsed = attempts.map((attempt) => parseTransaction(attempt.rawTransaction));
    expect(new Set(parsed.map((transaction) => transaction.nonce))).toEqual(new Set([Number(record.nonce)]));
    expect(new Set(parsed.map((transaction) => transaction.data)).size).toBe(1);
    for (let i = 1; i < parsed.length; i++) expect(parsed[i]!.maxFeePerGas! > parsed[i - 1]!.maxFeePerGas!).toBe(true);
    expect(record.status).toBe('CONFIRMED');
    expect(replaced.replacements).toBeGreaterThanOrEqual(1);
  }, 60_000);

  it('should fill a nonce left unused so that the transactions after it are mined', async () => {
    const { orderId, walletAddress, units } = await mintingOrder();
    const dataSource = dataSourceOf(module);
    // A nonce spent in our records without a transaction (say, a database restored from a backup
    // older than the chain): the node refuses every later nonce until it is filled.
    await dataSource.query('UPDATE signer_nonces SET next_nonce = next_nonce + 1');
    // ... and the node unreachable while the mint is signed: it stays SIGNED behind the hole.
    const unreachable = jest.spyOn(clients.publicClient, 'sendRawTransaction').mockRejectedValue(new BaseError('connection refused'));

    await expect(module.get(OrderSettlementService).handleMintOrder(orderId)).rejects.toThrow(TransactionPendingError);
    expect((await recordOf(orderId))!.status).toBe('SIGNED');
    unreachable.mockRestore();

    expect(await module.get(TransactionManager).fillNonceGaps()).toEqual({ resent: 1, filled: 1 });

    expect(await module.get(OrderSettlementService).handleMintOrder(orderId)).toBe('settled');
    await expectMintedOnce(orderId, walletAddress, units);
    const [{ next_nonce: nextNonce }] = (await dataSource.query('SELECT next_nonce FROM signer_nonces')) as { next_nonce: string }[];
    expect(await clients.publicClient.getTransactionCount({ address: clients.signer.address, blockTag: 'latest' })).toBe(Number(nextNonce));
    expect(await module.get(TransactionManager).fillNonceGaps()).toEqual({ resent: 0, filled: 0 });
  }, 60_000);

  it('should fill the hole itself when the node refuses the nonce after it, and settle', async () => {
    const { orderId, walletAddress, units } = await mintingOrder();
    const dataSource = dataSourceOf(module);
    await dataSource.query('UPDATE signer_nonces SET next_nonce = next_nonce + 1');

    expect(await module.get(OrderSettlementService).handleMintOrder(orderId)).toBe('settled');

    await expectMintedOnce(orderId, walletAddress, units);
    const fillers = await dataSource.getRepository(ChainTransactionEntity).createQueryBuilder('t').where("t.intentKey LIKE 'nonce-fill-%'").getMany();
    expect(fillers.map((filler) => Number(filler.nonce))).toContain(Number((await recordOf(orderId))!.nonce) - 1);
    const [{ next_nonce: nextNonce }] = (await dataSource.query('SELECT next_nonce FROM signer_nonces')) as { next_nonce: string }[];
    expect(await clients.publicClient.getTransactionCount({ address: clients.signer.address, blockTag: 'latest' })).toBe(Number(nextNonce));
  }, 60_000);

  it('should answer the recorded transaction to a caller that looked for it before the first sender recorded it', async () => {
    const { orderId, walletAddress, units } = await mintingOrder();
    expect(await module.get(OrderSettlementService).handleMintOrder(orderId)).toBe('settled');
    const record = (await recordOf(orderId))!;
    const { to, data } = parseTransaction(record.rawTransaction as Hex);
    // The racer found no record (the first sender had not stored it yet) and estimates the mint once the
    // first is mined: the token refuses the used reference. The first's record answers, not a revert.
    const transactions = module.get(TransactionManager);
    jest.spyOn(transactions, 'findByIntent').mockResolvedValueOnce(null);
    const receipt = await transactions.execute(record.intentKey, { to: to ?? undefined, data: data! });
    expect(receipt.transactionHash).toBe(record.hash);
    expect(await dataSourceOf(module).getRepository(ChainTransactionEntity).countBy({ intentKey: record.intentKey })).toBe(1);
    await expectMintedOnce(orderId, walletAddress, units);
  }, 60_000);

  it("should classify the node's own refusals by type", async () => {
    const other = privateKeyToAccount(OTHER_KEY);
    const { publicClient, chain: viemChain } = clients;
    const fees = await publicClient.estimateFeesPerGas();
    const nonce = await publicClient.getTransactionCount({ address: other.address, blockTag: 'pending' });
    const transfer = (n: number, value: bigint, feeMultiplier = 1n) =>
      other.signTransaction({ chainId: viemChain.id, type: 'eip1559', to: other.address, value, nonce: n, gas: 21_000n, maxFeePerGas: fees.maxFeePerGas * feeMultiplier, maxPriorityFeePerGas: fees.maxPriorityFeePerGas * feeMultiplier });
    const refusal = async (raw: Hex) => classifyRpcError(await publicClient.sendRawTransaction({ serializedTransaction: raw }).then(() => new Error('accepted'), (error: unknown) => error)).kind;

    const first = await transfer(nonce, 1n);
    await publicClient.sendRawTransaction({ serializedTransaction: first });
    await poll(() => receiptOrNull(keccak256(first)));
    expect(await refusal(await transfer(nonce, 2n))).toBe(RpcErrorKind.NONCE_TOO_LOW);
    expect(await refusal(await transfer(nonce + 5, 1n))).toBe(RpcErrorKind.NONCE_TOO_HIGH);

    await chain.testClient.setIntervalMining({ interval: 0 });
    await chain.testClient.setAutomine(false);
    await publicClient.sendRawTransaction({ serializedTransaction: await transfer(nonce + 1, 1n, 2n) });
    expect(await refusal(await transfer(nonce + 1, 2n, 2n))).toBe(RpcErrorKind.UNDERPRICED);
    await chain.testClient.mine({ blocks: 1 });
  }, 60_000);
});

/** Polls `probe` until it returns a value (not null or undefined). */
async function poll<T>(probe: () => Promise<T | null | undefined>, timeoutMs = 20_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value !== null && value !== undefined) return value;
    if (Date.now() > deadline) throw new Error('poll timed out');
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}
