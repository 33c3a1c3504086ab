import { jest } from '@jest/globals';
import {
  RpcRequestError,
  decodeFunctionData,
  encodeAbiParameters,
  encodeErrorResult,
  encodeEventTopics,
  erc20Abi,
  getAddress,
  zeroAddress,
  recoverTypedDataAddress,
  type AbiEvent,
  type AbiItem,
  type Address,
  type Hex,
  type Log,
  type TransactionReceipt,
} from 'viem';
import { privateKeyToAccount } from 'viem/accounts';
import { fundSettlementAbi, fundTokenAbi } from '../abis/index.js';
import type { ChainClients } from '../chain-clients.js';
import { uuidToBytes32 } from '../encoding.js';
import { permitDomainSeparator, permitTypedData, splitPermitSignature } from '../permit.js';
import { decodeRevert } from '../revert-decoder.js';
import {
  SettlementFailureReason,
  dealingDateIso,
  dealingDateNumber,
  decodeStablecoinLegs,
  encodeRedeem,
  encodeRequestDeposit,
  encodeSubscribe,
  settlementFailureReason,
  type SubscribeParameters,
} from '../settlement-calls.js';
import { SettlementGateway } from '../settlement-gateway.service.js';
import type { TransactionManager } from '../transaction-manager.service.js';

type AbiError = Extract<AbiItem, { type: 'error' }>;

// Hardhat's first two development keys: test-only, for the local chain.
const investorAccount = privateKeyToAccount('0xac0974bec39a17e36ba4a6b4d238ff944bacb478cbed5efcae784d7bf4f2ff80');
const otherAccount = privateKeyToAccount('0x59c6995e998f97a5a0044966f0945389dc9c86dae88c7a8412f4603b6b78690d');
const SETTLEMENT = getAddress('0x5e771e0000000000000000000000000000000001');
const TOKEN = getAddress('0x70c0000000000000000000000000000000000002');
const STABLECOIN = getAddress('0x05dc000000000000000000000000000000000003');
const TREASURY = getAddress('0x7ea5000000000000000000000000000000000004');
const ORDER_ID = '0b5e2b54-3f3a-4c8e-9d55-6a1f0c2d7e91';
const ORDER_REF = uuidToBytes32(ORDER_ID);
const OTHER_REF = uuidToBytes32('5d7c1a2e-9b4f-4e61-8a3d-2f6b0c9e1a47');
const CHAIN_ID = 31337;
const DOMAIN = { name: 'Test USD', version: '1', chainId: CHAIN_ID, verifyingContract: STABLECOIN } as const;
const SEPARATOR = permitDomainSeparator(DOMAIN);

const base = { settlement: SETTLEMENT, token: TOKEN, stablecoin: STABLECOIN, investor: investorAccount.address, referenceSeq: 42n, orderId: ORDER_ID };

async function signedPermit(value: bigint, deadline: bigint, signer = investorAccount) {
  const typedData = permitTypedData(DOMAIN, { owner: investorAccount.address, spender: SETTLEMENT, value, nonce: 0n, deadline });
  return { typedData, signature: await signer.signTypedData(typedData) };
}

/** A log of the settlement contract as a receipt carries it. */
function settlementLog(eventName: string, args: Record<string, unknown>, logIndex = 0, address: Address = SETTLEMENT): Log {
  return contractLog(fundSettlementAbi, eventName, args, logIndex, address);
}

/** A log of the fund token (Minted, Burned, Transfer). */
function tokenLog(eventName: string, args: Record<string, unknown>, logIndex: number): Log {
  return contractLog(fundTokenAbi, eventName, args, logIndex, TOKEN);
}

/** An ERC-20 log of the stablecoin (Transfer, Approval). */
function stablecoinLog(eventName: string, args: Record<string, unknown>, logIndex: number): Log {
  return contractLog(erc20Abi, eventName, args, logIndex, STABLECOIN);
}

function contractLog(abi: readonly AbiItem[], eventName: string, args: Record<string, unknown>, logIndex: number, address: Address): Log {
  const event = abi.find((item) => item.type === 'event' && item.name === eventName) as AbiEvent;
  const topics = encodeEventTopics({ abi: [event], eventName, args: Object.fromEntries(event.inputs.filter((i) => i.indexed).map((i) => [i.name!, args[i.name!]])) } as never);
  const dataInputs = event.inputs.filter((i) => !i.indexed);
  const data = encodeAbiParameters(dataInputs, dataInputs.map((i) => args[i.name!]));
  return {
    address,
    topics: topics as [Hex, ...Hex[]],
    data,
    blockNumber: 7n,
    blockHash: `0x${'b'.repeat(64)}`,
    transactionHash: `0x${'a'.repeat(64)}`,
    transactionIndex: 0,
    logIndex,
    removed: false,
  } as Log;
}

function receiptOf(logs: Log[]): TransactionReceipt {
  return { transactionHash: `0x${'a'.repeat(64)}`, logs, status: 'success' } as unknown as TransactionReceipt;
}

describe('settlement calls', () => {
  describe(encodeSubscribe.name, () => {
    it('should call subscribe against an approval, with the order reference of the order id', () => {
      const data = encodeSubscribe({ ...base, amount: 1_000_000n, minUnits: 10n ** 18n, authorization: { method: 'APPROVAL' } });
      const decoded = decodeFunctionData({ abi: fundSettlementAbi, data });
      expect(decoded.functionName).toBe('subscribe');
      expect(decoded.args).toEqual([
        { token: TOKEN, stablecoin: STABLECOIN, investor: investorAccount.address, amount: 1_000_000n, minUnits: 10n ** 18n, refSeq: 42n, orderRef: ORDER_REF },
      ]);
    });

    it("should call subscribeWithPermit with the wallet's signature split into v, r, s", async () => {
      const { typedData, signature } = await signedPermit(1_000_000n, 1_900_000_000n);
      const data = encodeSubscribe({ ...base, amount: 1_000_000n, minUnits: 0n, authorization: { method: 'PERMIT', signature, deadline: 1_900_000_000n } });
      const decoded = decodeFunctionData({ abi: fundSettlementAbi, data });
      expect(decoded.functionName).toBe('subscribeWithPermit');
      const permit = (decoded.args as readonly unknown[])[1] as { deadline: bigint; v: number; r: Hex; s: Hex };
      expect(permit.deadline).toBe(1_900_000_000n);
      expect([27, 28]).toContain(permit.v);
      // The split signature still recovers the investor over the same typed data.
      const rejoined = `${permit.r}${permit.s.slice(2)}${permit.v.toString(16)}` as Hex;
      await expect(recoverTypedDataAddress({ ...typedData, signature: rejoined })).resolves.toBe(investorAccount.address);
    });
  });

  describe(encodeRedeem.name, () => {
    it('should call redeem with units and the minimum payout', () => {
      const decoded = decodeFunctionData({ abi: fundSettlementAbi, data: encodeRedeem({ ...base, units: 5n * 10n ** 18n, minAmount: 4_990_000n }) });
      expect(decoded.functionName).toBe('redeem');
      expect(decoded.args).toEqual([{ token: TOKEN, stablecoin: STABLECOIN, investor: investorAccount.address, units: 5n * 10n ** 18n, minAmount: 4_990_000n, refSeq: 42n, orderRef: ORDER_REF }]);
    });
  });

  describe(encodeRequestDeposit.name, () => {
    it('should key the request by the dealing day number and pick the permit variant when signed', async () => {
      const approval = decodeFunctionData({
        abi: fundSettlementAbi,
        data: encodeRequestDeposit({ ...base, amount: 7n, dealingDate: '2026-03-02', authorization: { method: 'APPROVAL' } }),
      });
      expect(approval.functionName).toBe('requestDeposit');
      expect((approval.args as readonly { dealingDate: number }[])[0]!.dealingDate).toBe(20_514);
      const { signature } = await signedPermit(7n, 1_900_000_000n);
      const permit = decodeFunctionData({
        abi: fundSettlementAbi,
        data: encodeRequestDeposit({ ...base, amount: 7n, dealingDate: '2026-03-02', authorization: { method: 'PERMIT', signature, deadline: 1_900_000_000n } }),
      });
      expect(permit.functionName).toBe('requestDepositWithPermit');
    });

    it('should refuse a malformed or impossible dealing date', () => {
      for (const date of ['2026-02-30', '2026-3-2', '02/03/2026', '']) {
        expect(() => dealingDateNumber(date)).toThrow(RangeError);
      }
      expect(dealingDateIso(dealingDateNumber('2024-02-29'))).toBe('2024-02-29');
      expect(dealingDateNumber('1970-01-01')).toBe(0);
    });
  });

  describe(splitPermitSignature.name, () => {
    it('should normalise v to 27 or 28 from a 65-byte, a yParity (0/1) or a compact EIP-2098 signature', async () => {
      const { signature } = await signedPermit(1n, 1n);
      const full = splitPermitSignature(signature, 1n);
      const parityByte = full.v === 27 ? '00' : '01';
      expect(splitPermitSignature(`${signature.slice(0, 130)}${parityByte}` as Hex, 1n)).toEqual(full);
      const sWithParity = BigInt(full.s) | (full.v === 28 ? 1n << 255n : 0n);
      const compact = `${full.r}${sWithParity.toString(16).padStart(64, '0')}` as Hex;
      expect(splitPermitSignature(compact, 1n)).toEqual(full);
    });

    it('should throw on something that is not a signature', () => {
      expect(() => splitPermitSignature('0x1234', 1n)).toThrow();
    });
  });

  describe(decodeStablecoinLegs.name, () => {
    const common = { token: TOKEN, investor: investorAccount.address, orderRef: ORDER_REF, refSeq: 42n, stablecoin: STABLECOIN };

    it('should give each event its payer, payee and amount, and a settled deposit its refund as a second leg', () => {
      const investor = investorAccount.address;
      const logs = [
        // A subscription: the mint (the token's Transfer and Minted), the stablecoin's Transfer, then the event.
        tokenLog('Transfer', { from: zeroAddress, to: investor, value: 10n ** 20n }, 0),
        tokenLog('Minted', { to: investor, amount: 10n ** 20n, refSeq: 42n, orderRef: ORDER_REF }, 1),
        stablecoinLog('Transfer', { from: investor, to: TREASURY, value: 100n }, 2),
        settlementLog('Subscribed', { token: TOKEN, orderRef: ORDER_REF, nav: 10n ** 8n }, 3),
        // A redemption, with a stablecoin that also logs the allowance it spent.
        tokenLog('Transfer', { from: investor, to: zeroAddress, value: 5n }, 4),
        tokenLog('Burned', { from: investor, amount: 5n, refSeq: 43n, orderRef: OTHER_REF }, 5),
        stablecoinLog('Approval', { owner: TREASURY, spender: SETTLEMENT, value: 1n }, 6),
        stablecoinLog('Transfer', { from: TREASURY, to: investor, value: 4n }, 7),
        settlementLog('Redeemed', { token: TOKEN, orderRef: OTHER_REF, nav: 10n ** 8n }, 8),
        settlementLog('DepositRequested', { ...common, amount: 300n, dealingDate: 20_514 }, 9),
        settlementLog('DepositSettled', { ...common, treasury: TREASURY, amount: 299n, refund: 1n, units: 9n, nav: 3n * 10n ** 8n }, 10),
        settlementLog('DepositSettled', { ...common, treasury: TREASURY, amount: 0n, refund: 5n, units: 0n, nav: 3n * 10n ** 8n }, 11),
        settlementLog('DepositRequestCancelled', { ...common, amount: 300n }, 12),
        settlementLog('DepositRequestRejected', { ...common, amount: 300n, restrictionCode: 9 }, 13),
        settlementLog('RequestSkipped', { token: TOKEN, refSeq: 43n, status: 2 }, 14),
        // Another contract's log with the settlement's event signature is not a leg.
        settlementLog('Subscribed', { token: TOKEN, orderRef: ORDER_REF, nav: 1n }, 15, TOKEN),
      ];
      const legs = decodeStablecoinLegs(SETTLEMENT, logs).map(({ kind, payer, payee, amount, units }) => ({ kind, payer, payee, amount, units }));
      expect(legs).toEqual([
        { kind: 'SUBSCRIBED', payer: investor, payee: TREASURY, amount: 100n, units: 10n ** 20n },
        { kind: 'REDEEMED', payer: TREASURY, payee: investor, amount: 4n, units: 5n },
        { kind: 'DEPOSIT_REQUESTED', payer: investor, payee: SETTLEMENT, amount: 300n, units: 0n },
        { kind: 'DEPOSIT_SETTLED', payer: SETTLEMENT, payee: TREASURY, amount: 299n, units: 9n },
        { kind: 'DEPOSIT_SETTLED', payer: SETTLEMENT, payee: investor, amount: 1n, units: 0n },
        { kind: 'DEPOSIT_SETTLED', payer: SETTLEMENT, payee: investor, amount: 5n, units: 0n },
        { kind: 'DEPOSIT_CANCELLED', payer: SETTLEMENT, payee: investor, amount: 300n, units: 0n },
        { kind: 'DEPOSIT_REJECTED', payer: SETTLEMENT, payee: investor, amount: 300n, units: 0n },
      ]);
      const [first, second] = decodeStablecoinLegs(SETTLEMENT, logs);
      expect(first).toMatchObject({ token: TOKEN, orderRef: ORDER_REF, referenceSeq: 42n, stablecoin: STABLECOIN, nav: 10n ** 8n, blockNumber: 7n, logIndex: 3 });
      expect(second).toMatchObject({ orderRef: OTHER_REF, referenceSeq: 43n, stablecoin: STABLECOIN, logIndex: 8 });
    });

    it("should throw, rather than record a leg it cannot see, when the receipt lacks the mint or the stablecoin's transfer", () => {
      const investor = investorAccount.address;
      const subscribed = settlementLog('Subscribed', { token: TOKEN, orderRef: ORDER_REF, nav: 10n ** 8n }, 3);
      const minted = tokenLog('Minted', { to: investor, amount: 1n, refSeq: 42n, orderRef: ORDER_REF }, 1);
      // Only the settlement's own logs (not the receipt's), or the mint of another order.
      expect(() => decodeStablecoinLegs(SETTLEMENT, [subscribed])).toThrow(/no Minted of the token/);
      expect(() => decodeStablecoinLegs(SETTLEMENT, [tokenLog('Minted', { to: investor, amount: 1n, refSeq: 41n, orderRef: OTHER_REF }, 1), subscribed])).toThrow(/no Minted/);
      // A transfer of someone else, or one before the mint, is not the order's.
      const elsewhere = stablecoinLog('Transfer', { from: TREASURY, to: investor, value: 100n }, 2);
      const before = stablecoinLog('Transfer', { from: investor, to: TREASURY, value: 100n }, 0);
      expect(() => decodeStablecoinLegs(SETTLEMENT, [before, minted, elsewhere, subscribed])).toThrow(/no stablecoin Transfer/);
    });

    it("should decode one token's legs only, without the receipts of another token's settlements in the same range", () => {
      const investor = investorAccount.address;
      const otherToken = getAddress(`0x${'7'.repeat(40)}`);
      // What an indexer of TOKEN holds: TOKEN's transaction with its receipt, the other token's events alone (its receipt was not read).
      const logs = [
        tokenLog('Minted', { to: investor, amount: 9n, refSeq: 42n, orderRef: ORDER_REF }, 0),
        stablecoinLog('Transfer', { from: investor, to: TREASURY, value: 90n }, 1),
        settlementLog('Subscribed', { token: TOKEN, orderRef: ORDER_REF, nav: 10n ** 9n }, 2),
        settlementLog('Subscribed', { token: otherToken, orderRef: OTHER_REF, nav: 10n ** 8n }, 3),
        settlementLog('DepositRequested', { ...common, token: otherToken, amount: 300n, dealingDate: 20_514 }, 4),
        settlementLog('Paused', { account: investor }, 5),
      ];
      expect(() => decodeStablecoinLegs(SETTLEMENT, logs)).toThrow(/no Minted of the token/);
      expect(decodeStablecoinLegs(SETTLEMENT, logs, TOKEN).map(({ kind, token, amount, units }) => ({ kind, token, amount, units }))).toEqual([
        { kind: 'SUBSCRIBED', token: TOKEN, amount: 90n, units: 9n },
      ]);
    });
  });

  describe(settlementFailureReason.name, () => {
    it('should give the REST code for a cap and group the order failures', () => {
      expect(settlementFailureReason('FundSettlementFundCapExceeded')).toBe('INSTANT_REDEMPTION_CAP_EXCEEDED');
      expect(settlementFailureReason('FundSettlementInvestorCapExceeded')).toBe(SettlementFailureReason.INSTANT_REDEMPTION_CAP_EXCEEDED);
      expect(settlementFailureReason('FundTokenEnforcedPause')).toBe(SettlementFailureReason.FUND_PAUSED);
      expect(settlementFailureReason('FundTokenNotVerified')).toBe(SettlementFailureReason.WALLET_NOT_VERIFIED);
      expect(settlementFailureReason('FundSettlementTreasuryShortfall')).toBe(SettlementFailureReason.TREASURY_SHORTFALL);
      expect(settlementFailureReason(undefined)).toBeUndefined();
      expect(settlementFailureReason('AccessControlUnauthorizedAccount')).toBeUndefined();
    });

    it('should decide for every FundSettlement error whether it is an order failure', () => {
      // Configuration input and programming errors: not an order's fault, reported by contractErrorCode.
      const notOrderFailures = new Set([
        'FundSettlementInvalidAddress',
        'FundSettlementExpectedPause',
        'FundSettlementRegistryMismatch',
        'FundSettlementInvalidDecimals',
        'FundSettlementDecimalsMismatch',
        'FundSettlementInvalidNav',
        'FundSettlementAmountTooLarge',
        'FundSettlementInvalidCap',
        'FundSettlementInvalidCutoff',
        'FundSettlementCutoffNotReached',
        'FundSettlementDealingDayStruck',
        'FundSettlementRequestNotPending',
        'FundSettlementRequestSettleable',
      ]);
      const errors = (fundSettlementAbi as readonly AbiItem[]).filter((item): item is AbiError => item.type === 'error' && item.name.startsWith('FundSettlement')).map((item) => item.name);
      const undecided = errors.filter((name) => settlementFailureReason(name) === undefined && !notOrderFailures.has(name));
      expect(undecided).toEqual([]);
      expect(errors.filter((name) => notOrderFailures.has(name))).toHaveLength(notOrderFailures.size);
    });
  });

  describe('revert decoding', () => {
    it("should decode the settlement contract's custom errors with their arguments", () => {
      const data = encodeErrorResult({
        abi: fundSettlementAbi,
        errorName: 'FundSettlementInvestorCapExceeded',
        args: [TOKEN, STABLECOIN, `0x${'ab'.repeat(21)}${'00'.repeat(11)}`, 300n, 101n, 400n],
      });
      const error = new RpcRequestError({ body: { method: 'eth_estimateGas' }, error: { code: 3, message: 'execution reverted', data }, url: 'http://node' });
      expect(decodeRevert(error)).toEqual({ errorName: 'FundSettlementInvestorCapExceeded', args: [TOKEN, STABLECOIN, `0x${'ab'.repeat(21)}${'00'.repeat(11)}`, 300n, 101n, 400n] });
    });
  });
});

describe(SettlementGateway.name, () => {
  function gatewayWith(reads: Record<string, (args: readonly unknown[]) => unknown>, options: { intentRecorded?: boolean; receipt?: TransactionReceipt } = {}) {
    const readContract = jest.fn(async ({ functionName, args }: { functionName: string; args?: readonly unknown[] }) => {
      const answer = reads[functionName];
      if (!answer) throw new Error(`execution reverted: no ${functionName}`);
      return answer(args ?? []);
    });
    const getContractEvents = jest.fn(async () => [{ transactionHash: `0x${'c'.repeat(64)}` }]);
    const getTransactionReceipt = jest.fn(async () => options.receipt ?? receiptOf([]));
    const clients = { chain: { id: CHAIN_ID }, publicClient: { readContract, getContractEvents, getTransactionReceipt } } as unknown as ChainClients;
    const execute = jest.fn(async () => options.receipt ?? receiptOf([]));
    const findByIntent = jest.fn(async () => (options.intentRecorded ? { intentKey: 'x' } : null));
    const transactions = { execute, findByIntent } as unknown as TransactionManager;
    return { gateway: new SettlementGateway(clients, transactions), readContract, execute, getContractEvents };
  }

  const erc5267 = () => ['0x0f', DOMAIN.name, DOMAIN.version, BigInt(CHAIN_ID), STABLECOIN, `0x${'0'.repeat(64)}`, []];

  describe('.permitTypedData()', () => {
    it('should build the typed data from ERC-5267 and the nonce, checked against DOMAIN_SEPARATOR, and cache the domain', async () => {
      const { gateway, readContract } = gatewayWith({ eip712Domain: erc5267, nonces: () => 3n, DOMAIN_SEPARATOR: () => SEPARATOR });
      const request = { stablecoin: STABLECOIN, owner: investorAccount.address, spender: SETTLEMENT, value: 250n, deadline: 1_900_000_000n };
      const typedData = await gateway.permitTypedData(request);
      expect(typedData).toEqual({
        domain: DOMAIN,
        types: { Permit: expect.any(Array) },
        primaryType: 'Permit',
        message: { owner: investorAccount.address, spender: SETTLEMENT, value: 250n, nonce: 3n, deadline: 1_900_000_000n },
      });
      const signature = await investorAccount.signTypedData(typedData);
      await expect(recoverTypedDataAddress({ ...typedData, signature })).resolves.toBe(investorAccount.address);
      await gateway.permitTypedData(request);
      expect(readContract.mock.calls.filter(([call]) => call.functionName === 'eip712Domain')).toHaveLength(1);
    });

    it('should fall back to name() and version() (or "1") for a coin without ERC-5267', async () => {
      const { gateway } = gatewayWith({ name: () => 'Test USD', nonces: () => 0n, DOMAIN_SEPARATOR: () => SEPARATOR });
      await expect(gateway.permitDomain(STABLECOIN)).resolves.toEqual(DOMAIN);
    });

    it('should refuse a domain that does not reproduce the separator, or one with a salt', async () => {
      const wrongVersion = gatewayWith({ name: () => 'Test USD', version: () => '2', DOMAIN_SEPARATOR: () => SEPARATOR });
      await expect(wrongVersion.gateway.permitDomain(STABLECOIN)).rejects.toThrow(/does not match its DOMAIN_SEPARATOR/);
      const salted = gatewayWith({ eip712Domain: () => ['0x1f', ...erc5267().slice(1)], DOMAIN_SEPARATOR: () => SEPARATOR });
      await expect(salted.gateway.permitDomain(STABLECOIN)).rejects.toThrow(/cannot use/);
    });
  });

  describe('.subscribe()', () => {
    const parameters: SubscribeParameters = { ...base, amount: 100n, minUnits: 0n, authorization: { method: 'APPROVAL' } };
    const subscribed = [
      tokenLog('Minted', { to: investorAccount.address, amount: 10n ** 20n, refSeq: 42n, orderRef: ORDER_REF }, 0),
      stablecoinLog('Transfer', { from: investorAccount.address, to: TREASURY, value: 100n }, 1),
      settlementLog('Subscribed', { token: TOKEN, orderRef: ORDER_REF, nav: 10n ** 8n }, 2),
    ];

    it('should send the encoded call to the settlement contract and return its legs', async () => {
      const { gateway, execute } = gatewayWith({ isReferenceUsed: () => false }, { receipt: receiptOf(subscribed) });
      const result = await gateway.subscribe('subscribe-order-1', parameters);
      expect(execute).toHaveBeenCalledWith('subscribe-order-1', { to: SETTLEMENT, data: encodeSubscribe(parameters) });
      expect(result.legs).toHaveLength(1);
      expect(result.legs[0]).toMatchObject({ kind: 'SUBSCRIBED', payer: investorAccount.address, payee: TREASURY, amount: 100n });
    });

    it('should return the original settlement, and send nothing, when the token applied the reference but the record was lost', async () => {
      const { gateway, execute, getContractEvents } = gatewayWith({ isReferenceUsed: () => true }, { receipt: receiptOf(subscribed) });
      const result = await gateway.subscribe('subscribe-order-1', parameters);
      expect(execute).not.toHaveBeenCalled();
      expect(getContractEvents).toHaveBeenCalledWith(expect.objectContaining({ address: SETTLEMENT, eventName: 'Subscribed', args: { token: TOKEN, orderRef: ORDER_REF } }));
      expect(result.legs[0]).toMatchObject({ orderRef: ORDER_REF, amount: 100n });
    });

    it('should leave a recorded intent to the transaction manager (which re-broadcasts or reads its receipt)', async () => {
      const { gateway, execute, readContract } = gatewayWith({}, { intentRecorded: true, receipt: receiptOf(subscribed) });
      await gateway.subscribe('subscribe-order-1', parameters);
      expect(readContract).not.toHaveBeenCalled();
      expect(execute).toHaveBeenCalledTimes(1);
    });
  });

  describe('.requestDeposit()', () => {
    it('should not request again a deposit the contract already holds', async () => {
      const requested = settlementLog('DepositRequested', { token: TOKEN, investor: investorAccount.address, orderRef: ORDER_REF, refSeq: 42n, stablecoin: STABLECOIN, amount: 9n, dealingDate: 20_514 });
      const { gateway, execute } = gatewayWith(
        { depositRequestOf: () => [1, investorAccount.address, STABLECOIN, 9n, 20_514, ORDER_REF] },
        { receipt: receiptOf([requested]) },
      );
      const result = await gateway.requestDeposit('request-1', { ...base, amount: 9n, dealingDate: '2026-03-02', authorization: { method: 'APPROVAL' } });
      expect(execute).not.toHaveBeenCalled();
      expect(result.legs[0]).toMatchObject({ kind: 'DEPOSIT_REQUESTED', payee: SETTLEMENT, amount: 9n });
    });
  });

  it("should pass any signer's v, r, s through unchanged (the stablecoin checks the signer on chain)", async () => {
    const { signature } = await signedPermit(1n, 1n, otherAccount);
    const decoded = decodeFunctionData({ abi: fundSettlementAbi, data: encodeSubscribe({ ...base, amount: 1n, minUnits: 0n, authorization: { method: 'PERMIT', signature, deadline: 1n } }) });
    const { r } = splitPermitSignature(signature, 1n);
    expect(((decoded.args as readonly unknown[])[1] as { r: Hex }).r).toBe(r);
  });
});
