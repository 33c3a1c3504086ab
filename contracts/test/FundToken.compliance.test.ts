// FundToken: every transfer rule with its custom error and ERC-1404 code, the ERC-7943 views,
// the compliance setters and the guaranteed exit.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { Address } from 'viem';
import {
  CODE,
  LOCKUP,
  PROFESSIONAL,
  RETAIL,
  ROLE,
  connect,
  jurisdiction,
  orderRef,
  units,
} from './helpers/fixtures.js';

const { viem, networkHelpers, deployFund, fundedFund, now } = await connect();

type Fund = Awaited<ReturnType<typeof fundedFund>>;

/** Asserts detectTransferRestriction, canTransfer and the revert of alice's transfer agree. */
async function expectTransferBlocked(
  fund: Fund,
  to: Address,
  amount: bigint,
  code: number,
  error: string,
  args: readonly unknown[],
) {
  const { token, asAlice, actors } = fund;
  const alice = actors.alice.account.address;
  assert.equal(await token.read.detectTransferRestriction([alice, to, amount]), code);
  assert.equal(await token.read.canTransfer([alice, to, amount]), false);
  await viem.assertions.revertWithCustomErrorWithArgs(
    asAlice.write.transfer([to, amount]),
    token,
    error as never,
    args as never,
  );
}

describe('FundToken compliance', () => {
  describe('._update() on transfers', () => {
    describe('when every rule passes', () => {
      it('should report SUCCESS and allow the transfer', async () => {
        const fund = await networkHelpers.loadFixture(fundedFund);
        const { token, actors } = fund;
        const [alice, bob] = [actors.alice.account.address, actors.bob.account.address];
        assert.equal(await token.read.detectTransferRestriction([alice, bob, units(10)]), CODE.SUCCESS);
        assert.equal(await token.read.canTransfer([alice, bob, units(10)]), true);
      });
    });

    describe('when the token is paused', () => {
      it('should revert with FundTokenEnforcedPause (PAUSED)', async () => {
        const fund = await networkHelpers.loadFixture(fundedFund);
        await fund.asAdmin.write.pause();
        await expectTransferBlocked(fund, fund.actors.bob.account.address, 1n, CODE.PAUSED, 'FundTokenEnforcedPause', []);
      });
    });

    describe('when the sender is frozen', () => {
      it('should revert with FundTokenAccountFrozen(sender) (SENDER_FROZEN)', async () => {
        const fund = await networkHelpers.loadFixture(fundedFund);
        const alice = fund.actors.alice.account.address;
        await fund.token.write.setAddressFrozen([alice, true]);
        await expectTransferBlocked(fund, fund.actors.bob.account.address, 1n, CODE.SENDER_FROZEN, 'FundTokenAccountFrozen', [alice]);
      });
    });

    describe('when the recipient is frozen', () => {
      it('should revert with FundTokenAccountFrozen(recipient) (RECIPIENT_FROZEN)', async () => {
        const fund = await networkHelpers.loadFixture(fundedFund);
        const bob = fund.actors.bob.account.address;
        await fund.token.write.setAddressFrozen([bob, true]);
        await expectTransferBlocked(fund, bob, 1n, CODE.RECIPIENT_FROZEN, 'FundTokenAccountFrozen', [bob]);
      });
    });

    describe("when the sender's verification expired", () => {
      it('should revert with FundTokenNotVerified(sender, expiresAt) (SENDER_NOT_VERIFIED)', async () => {
        const fund = await networkHelpers.loadFixture(fundedFund);
        const alice = fund.actors.alice.account.address;
        const expired = (await now()) - 1n;
        await fund.registry.write.updateIdentity([alice, jurisdiction('HK'), PROFESSIONAL, expired]);
        await expectTransferBlocked(fund, fund.actors.bob.account.address, 1n, CODE.SENDER_NOT_VERIFIED, 'FundTokenNotVerified', [alice, expired]);
      });
    });

    describe('when the sender was removed from the registry', () => {
      it('should revert with FundTokenNotVerified(sender, 0)', async () => {
        const fund = await networkHelpers.loadFixture(fundedFund);
        const alice = fund.actors.alice.account.address;
        await fund.registry.write.removeIdentity([alice]);
        await expectTransferBlocked(fund, fund.actors.bob.account.address, 1n, CODE.SENDER_NOT_VERIFIED, 'FundTokenNotVerified', [alice, 0n]);
      });
    });

    describe('when the recipient is not registered', () => {
      it('should revert with FundTokenNotVerified(recipient, 0) (RECIPIENT_NOT_VERIFIED)', async () => {
        const fund = await networkHelpers.loadFixture(fundedFund);
        const outsider = fund.actors.outsider.account.address;
        await expectTransferBlocked(fund, outsider, 1n, CODE.RECIPIENT_NOT_VERIFIED, 'FundTokenNotVerified', [outsider, 0n]);
      });
    });

    describe("when the recipient's verification expired", () => {
      it('should revert with FundTokenNotVerified(recipient, expiresAt)', async () => {
        const fund = await networkHelpers.loadFixture(fundedFund);
        const bob = fund.actors.bob.account.address;
        const expired = await now();
        await fund.registry.write.updateIdentity([bob, jurisdiction('SG'), PROFESSIONAL, expired]);
        await expectTransferBlocked(fund, bob, 1n, CODE.RECIPIENT_NOT_VERIFIED, 'FundTokenNotVerified', [bob, expired]);
      });
    });

    describe("when the sender's jurisdiction is no longer eligible", () => {
      it('should revert with FundTokenJurisdictionNotEligible (SENDER_JURISDICTION_NOT_ELIGIBLE)', async () => {
        const fund = await networkHelpers.loadFixture(fundedFund);
        const alice = fund.actors.alice.account.address;
        await fund.registry.write.updateIdentity([alice, jurisdiction('US'), PROFESSIONAL, fund.expiresAt]);
        await expectTransferBlocked(fund, fund.actors.bob.account.address, 1n, CODE.SENDER_JURISDICTION_NOT_ELIGIBLE, 'FundTokenJurisdictionNotEligible', [alice, jurisdiction('US')]);
      });
    });

    describe("when the recipient's jurisdiction is not eligible", () => {
      it('should revert with FundTokenJurisdictionNotEligible (RECIPIENT_JURISDICTION_NOT_ELIGIBLE)', async () => {
        const fund = await networkHelpers.loadFixture(fundedFund);
        const dave = fund.actors.dave.account.address;
        await expectTransferBlocked(fund, dave, 1n, CODE.RECIPIENT_JURISDICTION_NOT_ELIGIBLE, 'FundTokenJurisdictionNotEligible', [dave, jurisdiction('US')]);
      });
    });

    describe("when the sender's class is no longer eligible", () => {
      it('should revert with FundTokenInvestorClassNotEligible (SENDER_CLASS_NOT_ELIGIBLE)', async () => {
        const fund = await networkHelpers.loadFixture(fundedFund);
        const alice = fund.actors.alice.account.address;
        await fund.registry.write.updateIdentity([alice, jurisdiction('HK'), RETAIL, fund.expiresAt]);
        await expectTransferBlocked(fund, fund.actors.bob.account.address, 1n, CODE.SENDER_CLASS_NOT_ELIGIBLE, 'FundTokenInvestorClassNotEligible', [alice, RETAIL]);
      });
    });

    describe("when the recipient's class is not eligible", () => {
      it('should revert with FundTokenInvestorClassNotEligible (RECIPIENT_CLASS_NOT_ELIGIBLE)', async () => {
        const fund = await networkHelpers.loadFixture(fundedFund);
        const erin = fund.actors.erin.account.address;
        await expectTransferBlocked(fund, erin, 1n, CODE.RECIPIENT_CLASS_NOT_ELIGIBLE, 'FundTokenInvestorClassNotEligible', [erin, RETAIL]);
      });
    });

    describe('when the fund has its maximum number of holders', () => {
      it('should revert with FundTokenMaxHoldersReached for a new holder (MAX_HOLDERS_REACHED)', async () => {
        const fund = await networkHelpers.loadFixture(fundedFund);
        const { asAdmin, params, actors } = fund;
        await asAdmin.write.setComplianceRules([params.eligibleClassMask, 2, params.maxBalancePerHolder, params.lockupSeconds]);
        await expectTransferBlocked(fund, actors.carol.account.address, 1n, CODE.MAX_HOLDERS_REACHED, 'FundTokenMaxHoldersReached', [2]);
        await viem.assertions.revertWithCustomErrorWithArgs(
          fund.token.write.mint([actors.carol.account.address, 1n, 3n, orderRef(3)]),
          fund.token,
          'FundTokenMaxHoldersReached',
          [2],
        );
      });

      it('should allow a transfer to an existing holder, and a whole-balance transfer to a new one', async () => {
        const fund = await networkHelpers.loadFixture(fundedFund);
        const { asAdmin, asAlice, token, params, actors } = fund;
        await asAdmin.write.setComplianceRules([params.eligibleClassMask, 2, params.maxBalancePerHolder, params.lockupSeconds]);
        await asAlice.write.transfer([actors.bob.account.address, units(1)]);
        await asAlice.write.transfer([actors.carol.account.address, units(999)]);
        assert.equal(await token.read.holderCount(), 2n);
      });
    });

    describe("when the recipient's balance would exceed the cap", () => {
      it('should revert with FundTokenMaxBalanceExceeded (MAX_BALANCE_EXCEEDED)', async () => {
        const fund = await networkHelpers.loadFixture(fundedFund);
        const { asAdmin, params, actors } = fund;
        const bob = actors.bob.account.address;
        await asAdmin.write.setComplianceRules([params.eligibleClassMask, params.maxHolders, units(1_005), params.lockupSeconds]);
        await expectTransferBlocked(fund, bob, units(10), CODE.MAX_BALANCE_EXCEEDED, 'FundTokenMaxBalanceExceeded', [bob, units(1_010), units(1_005)]);
      });

      it('should also block a recipient already above a lowered cap, but not a transfer to oneself', async () => {
        const fund = await networkHelpers.loadFixture(fundedFund);
        const { asAdmin, asAlice, token, params, actors } = fund;
        const [alice, bob] = [actors.alice.account.address, actors.bob.account.address];
        await asAdmin.write.setComplianceRules([params.eligibleClassMask, params.maxHolders, units(500), params.lockupSeconds]);
        assert.equal(await token.read.detectTransferRestriction([alice, bob, 0n]), CODE.MAX_BALANCE_EXCEEDED);
        await asAlice.write.transfer([alice, units(10)]);
        await viem.assertions.revertWithCustomErrorWithArgs(
          token.write.mint([bob, 1n, 3n, orderRef(3)]),
          token,
          'FundTokenMaxBalanceExceeded',
          [bob, units(1_000) + 1n, units(500)],
        );
      });

      it('should report MAX_BALANCE_EXCEEDED without overflowing for an absurd amount', async () => {
        const fund = await networkHelpers.loadFixture(fundedFund);
        const { token, actors } = fund;
        const max = 2n ** 256n - 1n;
        assert.equal(
          await token.read.detectTransferRestriction(['0x0000000000000000000000000000000000000000', actors.bob.account.address, max]),
          CODE.MAX_BALANCE_EXCEEDED,
        );
        await viem.assertions.revertWithCustomErrorWithArgs(
          token.write.mint([actors.bob.account.address, max, 3n, orderRef(3)]),
          token,
          'FundTokenMaxBalanceExceeded',
          [actors.bob.account.address, max, fund.params.maxBalancePerHolder],
        );
      });
    });

    describe('when the amount includes units in lock-up', () => {
      it('should revert with FundTokenTokensLocked (TOKENS_LOCKED)', async () => {
        const fund = await networkHelpers.loadFixture(fundedFund);
        const { token, actors } = fund;
        const alice = actors.alice.account.address;
        await token.write.mint([alice, units(100), 3n, orderRef(3)]);
        const lockedUntil = (await now()) + BigInt(LOCKUP);
        await expectTransferBlocked(fund, actors.bob.account.address, units(1_001), CODE.TOKENS_LOCKED, 'FundTokenTokensLocked', [alice, units(1_001), units(1_000), lockedUntil]);
      });

      it('should allow the unlocked part, and everything once the lock-up ended', async () => {
        const fund = await networkHelpers.loadFixture(fundedFund);
        const { token, asAlice, actors } = fund;
        const [alice, bob] = [actors.alice.account.address, actors.bob.account.address];
        await token.write.mint([alice, units(100), 3n, orderRef(3)]);
        await asAlice.write.transfer([bob, units(1_000)]);
        await networkHelpers.time.increase(LOCKUP);
        await asAlice.write.transfer([bob, units(100)]);
        assert.equal(await token.read.balanceOf([alice]), 0n);
      });

      it('should report no transferable units when frozen and locked units cover the balance', async () => {
        const fund = await networkHelpers.loadFixture(deployFund);
        const { token, actors } = fund;
        const alice = actors.alice.account.address;
        await token.write.mint([alice, units(100), 1n, orderRef(1)]);
        const lockedUntil = (await now()) + BigInt(LOCKUP);
        await token.write.setFrozenTokens([alice, units(50)]);
        await expectTransferBlocked(fund, actors.bob.account.address, 1n, CODE.TOKENS_LOCKED, 'FundTokenTokensLocked', [alice, 1n, 0n, lockedUntil]);
      });
    });

    describe('when the amount exceeds the unfrozen balance', () => {
      it('should revert with ERC7943InsufficientUnfrozenBalance (TOKENS_FROZEN)', async () => {
        const fund = await networkHelpers.loadFixture(fundedFund);
        const alice = fund.actors.alice.account.address;
        await fund.token.write.setFrozenTokens([alice, units(995)]);
        await expectTransferBlocked(fund, fund.actors.bob.account.address, units(10), CODE.TOKENS_FROZEN, 'ERC7943InsufficientUnfrozenBalance', [alice, units(10), units(5)]);
      });

      it('should treat a frozen amount above the balance as everything frozen', async () => {
        const fund = await networkHelpers.loadFixture(fundedFund);
        const alice = fund.actors.alice.account.address;
        await fund.token.write.setFrozenTokens([alice, units(5_000)]);
        await expectTransferBlocked(fund, fund.actors.bob.account.address, 1n, CODE.TOKENS_FROZEN, 'ERC7943InsufficientUnfrozenBalance', [alice, 1n, 0n]);
      });
    });

    describe('when the amount exceeds the balance', () => {
      it('should revert with ERC20InsufficientBalance (INSUFFICIENT_BALANCE)', async () => {
        const fund = await networkHelpers.loadFixture(fundedFund);
        const alice = fund.actors.alice.account.address;
        await expectTransferBlocked(fund, fund.actors.bob.account.address, units(1_001), CODE.INSUFFICIENT_BALANCE, 'ERC20InsufficientBalance', [alice, units(1_000), units(1_001)]);
      });
    });
  });

  describe('guaranteed exit', () => {
    describe("when a holder's verification lapsed", () => {
      it('should block its transfers but let the agent burn (redeem) its units', async () => {
        const fund = await networkHelpers.loadFixture(fundedFund);
        const { token, registry, asAlice, actors } = fund;
        const alice = actors.alice.account.address;
        await registry.write.updateIdentity([alice, jurisdiction('HK'), PROFESSIONAL, await now()]);
        await viem.assertions.revertWithCustomError(
          asAlice.write.transfer([actors.bob.account.address, 1n]),
          token,
          'FundTokenNotVerified',
        );
        assert.equal(await token.read.canSend([alice]), false);
        assert.equal(await token.read.detectTransferRestriction([alice, '0x0000000000000000000000000000000000000000', units(1_000)]), CODE.SUCCESS);
        await token.write.burn([alice, units(1_000), 3n, orderRef(3)]);
        assert.equal(await token.read.balanceOf([alice]), 0n);
      });
    });

    describe('when a holder was removed from the registry or is no longer eligible', () => {
      it('should still let the agent burn its units, even in lock-up', async () => {
        const fund = await networkHelpers.loadFixture(deployFund);
        const { token, registry, actors } = fund;
        const [alice, bob] = [actors.alice.account.address, actors.bob.account.address];
        await token.write.mint([alice, units(10), 1n, orderRef(1)]);
        await token.write.mint([bob, units(10), 2n, orderRef(2)]);
        await registry.write.removeIdentity([alice]);
        await registry.write.updateIdentity([bob, jurisdiction('US'), RETAIL, fund.expiresAt]);
        await token.write.batchBurn([[alice, bob], [units(10), units(10)], [3n, 4n], [orderRef(3), orderRef(4)]]);
        assert.equal(await token.read.totalSupply(), 0n);
        assert.equal(await token.read.holderCount(), 0n);
      });
    });

    describe('when the holder is frozen', () => {
      it('should not let the agent burn until it is unfrozen', async () => {
        const fund = await networkHelpers.loadFixture(fundedFund);
        const { token, actors } = fund;
        const alice = actors.alice.account.address;
        await token.write.setAddressFrozen([alice, true]);
        await viem.assertions.revertWithCustomErrorWithArgs(
          token.write.burn([alice, 1n, 3n, orderRef(3)]),
          token,
          'FundTokenAccountFrozen',
          [alice],
        );
        await token.write.setAddressFrozen([alice, false]);
        await token.write.burn([alice, 1n, 3n, orderRef(3)]);
      });
    });

    describe('when part of the balance is frozen', () => {
      it('should let the agent burn only the unfrozen part', async () => {
        const fund = await networkHelpers.loadFixture(fundedFund);
        const { token, actors } = fund;
        const alice = actors.alice.account.address;
        await token.write.setFrozenTokens([alice, units(400)]);
        await viem.assertions.revertWithCustomErrorWithArgs(
          token.write.burn([alice, units(601), 3n, orderRef(3)]),
          token,
          'ERC7943InsufficientUnfrozenBalance',
          [alice, units(601), units(600)],
        );
        await token.write.burn([alice, units(600), 3n, orderRef(3)]);
        assert.equal(await token.read.balanceOf([alice]), units(400));
      });
    });
  });

  describe('.canSend() and .canReceive()', () => {
    describe('when the account is verified, eligible and not frozen', () => {
      it('should return true', async () => {
        const { token, actors } = await networkHelpers.loadFixture(fundedFund);
        assert.equal(await token.read.canSend([actors.alice.account.address]), true);
        assert.equal(await token.read.canReceive([actors.carol.account.address]), true);
      });
    });

    describe('when the account is frozen, unverified or not eligible', () => {
      it('should return false', async () => {
        const { token, actors } = await networkHelpers.loadFixture(fundedFund);
        await token.write.setAddressFrozen([actors.alice.account.address, true]);
        for (const account of [actors.alice, actors.outsider, actors.dave, actors.erin]) {
          assert.equal(await token.read.canSend([account.account.address]), false);
          assert.equal(await token.read.canReceive([account.account.address]), false);
        }
      });
    });
  });

  describe('.detectTransferRestriction()', () => {
    describe('when describing a mint (from the zero address)', () => {
      it('should check the recipient only', async () => {
        const { token, actors } = await networkHelpers.loadFixture(deployFund);
        const zero = '0x0000000000000000000000000000000000000000';
        assert.equal(await token.read.detectTransferRestriction([zero, actors.alice.account.address, 1n]), CODE.SUCCESS);
        assert.equal(await token.read.detectTransferRestriction([zero, actors.dave.account.address, 1n]), CODE.RECIPIENT_JURISDICTION_NOT_ELIGIBLE);
      });
    });
  });

  describe('.setComplianceRules()', () => {
    describe('when called by the compliance officer', () => {
      it('should store the rules and emit ComplianceRulesUpdated', async () => {
        const { token, asAdmin } = await networkHelpers.loadFixture(deployFund);
        const rules = [1 << RETAIL, 7, units(3), 60] as const;
        await viem.assertions.emitWithArgs(asAdmin.write.setComplianceRules([...rules]), token, 'ComplianceRulesUpdated', [...rules]);
        assert.deepEqual(await token.read.complianceRules(), [...rules]);
        assert.equal(await token.read.decimals(), 18);
        assert.deepEqual(await token.read.eligibleJurisdictions(), [jurisdiction('HK'), jurisdiction('SG')]);
      });
    });

    describe('when every rule is off', () => {
      it('should let any verified investor in, but still require verification', async () => {
        const { token, asAdmin, actors } = await networkHelpers.loadFixture(deployFund);
        await asAdmin.write.setComplianceRules([0, 0, 0n, 0]);
        await asAdmin.write.setEligibleJurisdictions([[]]);
        await token.write.batchMint([
          [actors.dave.account.address, actors.erin.account.address],
          [units(1), units(1)],
          [1n, 2n],
          [orderRef(1), orderRef(2)],
        ]);
        assert.equal(await token.read.holderCount(), 2n);
        assert.equal(await token.read.canReceive([actors.outsider.account.address]), false);
      });
    });

    describe('when a value is invalid', () => {
      it('should revert with FundTokenInvalidClassMask or FundTokenInvalidMaxBalance', async () => {
        const { token, asAdmin } = await networkHelpers.loadFixture(deployFund);
        await viem.assertions.revertWithCustomErrorWithArgs(asAdmin.write.setComplianceRules([0x11, 0, 0n, 0]), token, 'FundTokenInvalidClassMask', [0x11]);
        await viem.assertions.revertWithCustomErrorWithArgs(asAdmin.write.setComplianceRules([0, 0, 1n << 104n, 0]), token, 'FundTokenInvalidMaxBalance', [1n << 104n]);
      });
    });

    describe('when the caller lacks COMPLIANCE_ROLE', () => {
      it('should revert with AccessControlUnauthorizedAccount', async () => {
        const { token, actors } = await networkHelpers.loadFixture(deployFund);
        await viem.assertions.revertWithCustomErrorWithArgs(
          token.write.setComplianceRules([0, 0, 0n, 0]),
          token,
          'AccessControlUnauthorizedAccount',
          [actors.agent.account.address, ROLE.COMPLIANCE],
        );
      });
    });
  });

  describe('.setEligibleJurisdictions()', () => {
    const many = ['AE', 'AU', 'CH', 'DE', 'FR', 'GB', 'HK', 'JP', 'LU', 'NL', 'NZ', 'ZA'].map(jurisdiction);

    describe('when up to 11 jurisdictions are set', () => {
      it('should keep them inline, in order, and emit EligibleJurisdictionsUpdated', async () => {
        const { token, asAdmin } = await networkHelpers.loadFixture(deployFund);
        const eleven = many.slice(0, 11);
        await viem.assertions.emitWithArgs(asAdmin.write.setEligibleJurisdictions([eleven]), token, 'EligibleJurisdictionsUpdated', [eleven]);
        assert.deepEqual(await token.read.eligibleJurisdictions(), eleven);
        assert.equal(await token.read.isJurisdictionEligible([jurisdiction('NL')]), true);
        assert.equal(await token.read.isJurisdictionEligible([jurisdiction('SG')]), false);
      });
    });

    describe('when more than 11 jurisdictions are set', () => {
      it('should keep them in the bitmap and enforce them', async () => {
        const { token, asAdmin, actors } = await networkHelpers.loadFixture(deployFund);
        await asAdmin.write.setEligibleJurisdictions([[...many].reverse()]);
        assert.deepEqual(await token.read.eligibleJurisdictions(), many);
        assert.equal(await token.read.isJurisdictionEligible([jurisdiction('ZA')]), true);
        assert.equal(await token.read.isJurisdictionEligible([jurisdiction('SG')]), false);
        await token.write.mint([actors.alice.account.address, 1n, 1n, orderRef(1)]);
        await viem.assertions.revertWithCustomErrorWithArgs(
          token.write.mint([actors.bob.account.address, 1n, 2n, orderRef(2)]),
          token,
          'FundTokenJurisdictionNotEligible',
          [actors.bob.account.address, jurisdiction('SG')],
        );
      });
    });

    describe('when a bitmap set is replaced by a short list', () => {
      it('should clear the bitmap', async () => {
        const { token, asAdmin } = await networkHelpers.loadFixture(deployFund);
        await asAdmin.write.setEligibleJurisdictions([many]);
        await asAdmin.write.setEligibleJurisdictions([[jurisdiction('SG')]]);
        assert.deepEqual(await token.read.eligibleJurisdictions(), [jurisdiction('SG')]);
        assert.equal(await token.read.isJurisdictionEligible([jurisdiction('HK')]), false);
        await asAdmin.write.setEligibleJurisdictions([many.slice(1)]);
        assert.deepEqual(await token.read.eligibleJurisdictions(), many.slice(1));
        assert.equal(await token.read.isJurisdictionEligible([jurisdiction('AE')]), false);
      });
    });

    describe('when the list is empty', () => {
      it('should make every jurisdiction eligible', async () => {
        const { token, asAdmin } = await networkHelpers.loadFixture(deployFund);
        await asAdmin.write.setEligibleJurisdictions([[]]);
        assert.deepEqual(await token.read.eligibleJurisdictions(), []);
        assert.equal(await token.read.isJurisdictionEligible([jurisdiction('US')]), true);
      });
    });

    describe('when a code is invalid', () => {
      it('should revert with FundTokenInvalidJurisdiction', async () => {
        const { token, asAdmin } = await networkHelpers.loadFixture(deployFund);
        await viem.assertions.revertWithCustomErrorWithArgs(asAdmin.write.setEligibleJurisdictions([[jurisdiction('HK'), 0x4840]]), token, 'FundTokenInvalidJurisdiction', [0x4840]);
        await viem.assertions.revertWithCustomErrorWithArgs(asAdmin.write.setEligibleJurisdictions([[...many, 0x5b41]]), token, 'FundTokenInvalidJurisdiction', [0x5b41]);
      });
    });

    describe('when the caller lacks COMPLIANCE_ROLE', () => {
      it('should revert with AccessControlUnauthorizedAccount', async () => {
        const { token, actors } = await networkHelpers.loadFixture(deployFund);
        await viem.assertions.revertWithCustomErrorWithArgs(
          token.write.setEligibleJurisdictions([[]]),
          token,
          'AccessControlUnauthorizedAccount',
          [actors.agent.account.address, ROLE.COMPLIANCE],
        );
      });
    });
  });
});
