// libs/chain's SettlementGateway against the real contracts: the typed data it builds is what the stablecoin
// verifies, its calldata is what the contract executes, its legs are what the events say, and a revert maps to
// the order failure the platform reports. The TransactionManager is replaced by a direct send (its own
// exactly-once behaviour is tested in the integration suite).
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { Address, Hex } from 'viem';
import { getAddress } from 'viem';
import type { ChainClients } from '../../libs/chain/chain-clients.js';
import { decodeRevert } from '../../libs/chain/revert-decoder.js';
import { settlementFailureReason, SettlementFailureReason, dealingDateIso } from '../../libs/chain/settlement-calls.js';
import { SettlementGateway } from '../../libs/chain/settlement-gateway.service.js';
import type { TransactionManager } from '../../libs/chain/transaction-manager.service.js';
import { connect, units } from './helpers/fixtures.js';
import { NAV_ONE, settlementFixtures, usd } from './helpers/settlement-fixtures.js';

const ctx = await connect();
const { viem, networkHelpers, publicClient, now } = ctx;
const { deployStableNav } = settlementFixtures(ctx);

const ORDER = (n: number) => `00000000-0000-4000-8000-${n.toString().padStart(12, '0')}`;

async function gatewayFixture() {
  const fixture = await deployStableNav();
  const sent: string[] = [];
  let recorded = new Set<string>();
  const transactions = {
    findByIntent: async (intentKey: string) => (recorded.has(intentKey) ? { intentKey } : null),
    execute: async (intentKey: string, request: { to: Address; data: Hex }) => {
      sent.push(intentKey);
      recorded.add(intentKey);
      const hash = await fixture.actors.agent.sendTransaction({ to: request.to, data: request.data, account: fixture.actors.agent.account, chain: undefined });
      return publicClient.waitForTransactionReceipt({ hash });
    },
  } as unknown as TransactionManager;
  const clients = { chain: { id: await publicClient.getChainId() }, publicClient } as unknown as ChainClients;
  const gateway = new SettlementGateway(clients, transactions);
  const loseRecords = () => {
    recorded = new Set();
  };
  return { ...fixture, gateway, sent, loseRecords };
}

describe('SettlementGateway on chain', () => {
  it("should build typed data the stablecoin accepts and settle a permit subscription in one transaction", async () => {
    const { gateway, settlement, stablecoin, stablecoinAs, token, treasury, actors, sent, loseRecords } = await networkHelpers.loadFixture(gatewayFixture);
    const alice = getAddress(actors.alice.account.address);
    await (await stablecoinAs(actors.alice)).write.approve([settlement.address, 0n]);
    const deadline = (await now()) + 600n;
    const typedData = await gateway.permitTypedData({ stablecoin: stablecoin.address, owner: alice, spender: settlement.address, value: usd(250), deadline });
    assert.deepEqual(typedData.domain, { name: 'Test USD', version: '1', chainId: 31337, verifyingContract: getAddress(stablecoin.address) });
    const signature = await actors.alice.signTypedData({ account: actors.alice.account, ...typedData });

    const order = {
      settlement: settlement.address,
      token: token.address,
      stablecoin: stablecoin.address,
      investor: alice,
      referenceSeq: 7n,
      orderId: ORDER(7),
      amount: usd(250),
      minUnits: units(250),
      authorization: { method: 'PERMIT' as const, signature, deadline },
    };
    const result = await gateway.subscribe('subscribe-7', order);
    assert.equal(result.legs.length, 1);
    assert.deepEqual(
      { kind: result.legs[0]!.kind, payer: result.legs[0]!.payer, payee: result.legs[0]!.payee, amount: result.legs[0]!.amount, units: result.legs[0]!.units },
      { kind: 'SUBSCRIBED', payer: alice, payee: getAddress(treasury.account.address), amount: usd(250), units: units(250) },
    );
    assert.equal(await token.read.balanceOf([alice]), units(250));
    assert.equal(await stablecoin.read.balanceOf([alice]), usd(99_750));

    // The record is lost (another process, a restored database): the order is found on chain, nothing is sent.
    loseRecords();
    const again = await gateway.subscribe('subscribe-7', order);
    assert.equal(again.txHash, result.txHash);
    assert.deepEqual(sent, ['subscribe-7']);
  });

  it('should report an expired permit, a cap and an unverified wallet as the order failures they are', async () => {
    const { gateway, settlement, stablecoin, token, actors } = await networkHelpers.loadFixture(gatewayFixture);
    const alice = getAddress(actors.alice.account.address);
    const base = { settlement: settlement.address, token: token.address, stablecoin: stablecoin.address, investor: alice };
    const reasonOf = async (promise: Promise<unknown>) => {
      try {
        await promise;
      } catch (error) {
        return settlementFailureReason(decodeRevert(error)?.errorName);
      }
      assert.fail('expected a revert');
    };
    const deadline = (await now()) + 5n;
    const typedData = await gateway.permitTypedData({ stablecoin: stablecoin.address, owner: alice, spender: settlement.address, value: usd(1), deadline });
    const signature = await actors.alice.signTypedData({ account: actors.alice.account, ...typedData });
    await networkHelpers.time.increase(60);
    assert.equal(
      await reasonOf(gateway.subscribe('s-1', { ...base, referenceSeq: 1n, orderId: ORDER(1), amount: usd(1), minUnits: 0n, authorization: { method: 'PERMIT', signature, deadline } })),
      SettlementFailureReason.PERMIT_EXPIRED,
    );
    await gateway.subscribe('s-2', { ...base, referenceSeq: 2n, orderId: ORDER(2), amount: usd(50_000), minUnits: 0n, authorization: { method: 'APPROVAL' } });
    assert.equal(
      await reasonOf(gateway.redeem('r-3', { ...base, referenceSeq: 3n, orderId: ORDER(3), units: units(40_001), minAmount: 0n })),
      SettlementFailureReason.INSTANT_REDEMPTION_CAP_EXCEEDED,
    );
    assert.deepEqual(await gateway.redemptionHeadroom(settlement.address, token.address, stablecoin.address, alice), { fund: usd(100_000), investor: usd(40_000) });
    assert.equal(
      await reasonOf(
        gateway.subscribe('s-4', { ...base, investor: getAddress(actors.outsider.account.address), referenceSeq: 4n, orderId: ORDER(4), amount: usd(1), minUnits: 0n, authorization: { method: 'APPROVAL' } }),
      ),
      SettlementFailureReason.WALLET_NOT_VERIFIED,
    );
    const redeemed = await gateway.redeem('r-5', { ...base, referenceSeq: 5n, orderId: ORDER(5), units: units(100), minAmount: usd(100) });
    assert.equal(redeemed.legs[0]!.kind, 'REDEEMED');
    assert.equal(await gateway.previewRedeem(settlement.address, token.address, stablecoin.address, units(3)), usd(3));
    assert.deepEqual(await gateway.previewSubscribe(settlement.address, token.address, stablecoin.address, usd(3)), { units: units(3), cost: usd(3) });
  });

  it('should request, strike and settle a FORWARD deposit and cancel another, with their legs', async () => {
    const { gateway, settlement, stablecoin, forward, treasury, dealingDate, cutoff, actors } = await networkHelpers.loadFixture(gatewayFixture);
    const [alice, bob] = [getAddress(actors.alice.account.address), getAddress(actors.bob.account.address)];
    const date = dealingDateIso(dealingDate);
    const base = { settlement: settlement.address, token: forward.address, stablecoin: stablecoin.address, dealingDate: date, authorization: { method: 'APPROVAL' as const } };
    const requested = await gateway.requestDeposit('q-1', { ...base, investor: alice, referenceSeq: 1n, orderId: ORDER(11), amount: usd(100) });
    assert.deepEqual([requested.legs[0]!.payer, requested.legs[0]!.payee], [alice, getAddress(settlement.address)]);
    await gateway.requestDeposit('q-2', { ...base, investor: bob, referenceSeq: 2n, orderId: ORDER(12), amount: usd(40) });
    assert.equal((await gateway.depositRequest(settlement.address, forward.address, 1n)).status, 'PENDING');

    const cancelled = await gateway.cancelDepositRequest('c-2', settlement.address, forward.address, 2n);
    assert.deepEqual([cancelled.legs[0]!.kind, cancelled.legs[0]!.payee, cancelled.legs[0]!.amount], ['DEPOSIT_CANCELLED', bob, usd(40)]);

    await networkHelpers.time.increaseTo(cutoff);
    await gateway.strikeDealingDay('strike', settlement.address, forward.address, date, 3n * NAV_ONE);
    const settled = await gateway.settleDeposits('settle', settlement.address, forward.address, [1n, 2n]);
    assert.deepEqual(
      settled.legs.map((leg) => [leg.kind, leg.payee, leg.amount]),
      [['DEPOSIT_SETTLED', getAddress(treasury.account.address), usd(100)]],
    );
    assert.equal(await forward.read.balanceOf([alice]), 33_333_333_333_333_333_333n);
    assert.equal((await gateway.depositRequest(settlement.address, forward.address, 2n)).status, 'CANCELLED');
  });
});
