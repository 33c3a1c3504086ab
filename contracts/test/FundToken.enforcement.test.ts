// FundToken: agent enforcement — address and partial freezes, forced transfer, wallet recovery, pause.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { zeroAddress } from 'viem';
import { LOCKUP, PROFESSIONAL, ROLE, connect, investorId, jurisdiction, orderRef, storedInvestorId, units } from './helpers/fixtures.js';

const { viem, networkHelpers, deployFund, fundedFund, now } = await connect();

describe('FundToken enforcement', () => {
  describe('.setAddressFrozen()', () => {
    describe('when the freezer freezes and unfreezes an address', () => {
      it('should update isFrozen and emit AddressFrozen', async () => {
        const { token, actors } = await networkHelpers.loadFixture(fundedFund);
        const [alice, agent] = [actors.alice.account.address, actors.agent.account.address];
        await viem.assertions.emitWithArgs(token.write.setAddressFrozen([alice, true]), token, 'AddressFrozen', [alice, true, agent]);
        assert.equal(await token.read.isFrozen([alice]), true);
        await viem.assertions.emitWithArgs(token.write.setAddressFrozen([alice, false]), token, 'AddressFrozen', [alice, false, agent]);
        assert.equal(await token.read.isFrozen([alice]), false);
        assert.equal(await token.read.balanceOf([alice]), units(1_000));
      });
    });

    describe('when the recipient of a mint is frozen', () => {
      it('should revert with FundTokenAccountFrozen', async () => {
        const { token, actors } = await networkHelpers.loadFixture(deployFund);
        const carol = actors.carol.account.address;
        await token.write.setAddressFrozen([carol, true]);
        await viem.assertions.revertWithCustomErrorWithArgs(
          token.write.mint([carol, 1n, 1n, orderRef(1)]),
          token,
          'FundTokenAccountFrozen',
          [carol],
        );
      });
    });

    describe('when the caller lacks FREEZER_ROLE', () => {
      it('should revert with AccessControlUnauthorizedAccount', async () => {
        const { token, asAdmin, actors } = await networkHelpers.loadFixture(fundedFund);
        await viem.assertions.revertWithCustomErrorWithArgs(
          asAdmin.write.setAddressFrozen([actors.alice.account.address, true]),
          token,
          'AccessControlUnauthorizedAccount',
          [actors.admin.account.address, ROLE.FREEZER],
        );
      });
    });
  });

  describe('.setFrozenTokens()', () => {
    describe('when the freezer sets and clears a frozen amount', () => {
      it('should store it, emit Frozen and limit transfers to the rest', async () => {
        const { token, asAlice, actors } = await networkHelpers.loadFixture(fundedFund);
        const [alice, bob] = [actors.alice.account.address, actors.bob.account.address];
        await viem.assertions.emitWithArgs(token.write.setFrozenTokens([alice, units(600)]), token, 'Frozen', [alice, units(600)]);
        assert.equal(await token.read.getFrozenTokens([alice]), units(600));
        await asAlice.write.transfer([bob, units(400)]);
        await viem.assertions.emitWithArgs(token.write.setFrozenTokens([alice, 0n]), token, 'Frozen', [alice, 0n]);
        await asAlice.write.transfer([bob, units(600)]);
        assert.equal(await token.read.balanceOf([alice]), 0n);
      });
    });

    describe('when the caller lacks FREEZER_ROLE', () => {
      it('should revert with AccessControlUnauthorizedAccount', async () => {
        const { token, asAdmin, actors } = await networkHelpers.loadFixture(fundedFund);
        await viem.assertions.revertWithCustomErrorWithArgs(
          asAdmin.write.setFrozenTokens([actors.alice.account.address, 1n]),
          token,
          'AccessControlUnauthorizedAccount',
          [actors.admin.account.address, ROLE.FREEZER],
        );
      });
    });
  });

  describe('.forcedTransfer()', () => {
    describe('when the sender is frozen, lapsed and in lock-up', () => {
      it('should move the units anyway and emit ForcedTransfer and Transfer', async () => {
        const { token, registry, actors } = await networkHelpers.loadFixture(deployFund);
        const [alice, bob] = [actors.alice.account.address, actors.bob.account.address];
        await token.write.mint([alice, units(100), 1n, orderRef(1)]);
        await token.write.setAddressFrozen([alice, true]);
        await registry.write.updateIdentity([alice, jurisdiction('US'), PROFESSIONAL, await now()]);
        const hash = await token.write.forcedTransfer([alice, bob, units(60)]);
        await viem.assertions.emitWithArgs(Promise.resolve(hash), token, 'ForcedTransfer', [alice, bob, units(60)]);
        await viem.assertions.emitWithArgs(Promise.resolve(hash), token, 'Transfer', [alice, bob, units(60)]);
        assert.equal(await token.read.balanceOf([bob]), units(60));
        const [locked] = await token.read.lockedBalanceOf([alice]);
        assert.equal(locked, units(40));
        assert.equal(await token.read.holderCount(), 2n);
      });
    });

    describe('when the amount exceeds the unfrozen balance', () => {
      it('should unfreeze as much as needed and emit Frozen', async () => {
        const { token, actors } = await networkHelpers.loadFixture(fundedFund);
        const [alice, bob] = [actors.alice.account.address, actors.bob.account.address];
        await token.write.setFrozenTokens([alice, units(900)]);
        await viem.assertions.emitWithArgs(token.write.forcedTransfer([alice, bob, units(500)]), token, 'Frozen', [alice, units(500)]);
        assert.equal(await token.read.getFrozenTokens([alice]), units(500));
        await token.write.forcedTransfer([alice, bob, units(500)]);
        assert.equal(await token.read.getFrozenTokens([alice]), 0n);
        assert.equal(await token.read.holderCount(), 1n);
      });
    });

    describe('when the frozen amount still fits the remaining balance', () => {
      it('should leave it unchanged', async () => {
        const { token, actors } = await networkHelpers.loadFixture(fundedFund);
        const [alice, bob] = [actors.alice.account.address, actors.bob.account.address];
        await token.write.setFrozenTokens([alice, units(100)]);
        await token.write.forcedTransfer([alice, bob, units(500)]);
        assert.equal(await token.read.getFrozenTokens([alice]), units(100));
      });
    });

    describe('when the recipient breaks a rule', () => {
      it('should revert with the recipient rule error', async () => {
        const { token, actors } = await networkHelpers.loadFixture(fundedFund);
        const [alice, bob, outsider, dave] = [
          actors.alice.account.address,
          actors.bob.account.address,
          actors.outsider.account.address,
          actors.dave.account.address,
        ];
        await viem.assertions.revertWithCustomErrorWithArgs(token.write.forcedTransfer([alice, outsider, 1n]), token, 'FundTokenNotVerified', [outsider, 0n]);
        await viem.assertions.revertWithCustomErrorWithArgs(token.write.forcedTransfer([alice, dave, 1n]), token, 'FundTokenJurisdictionNotEligible', [dave, jurisdiction('US')]);
        await token.write.setAddressFrozen([bob, true]);
        await viem.assertions.revertWithCustomErrorWithArgs(token.write.forcedTransfer([alice, bob, 1n]), token, 'FundTokenAccountFrozen', [bob]);
      });
    });

    describe('when the balance is too small', () => {
      it('should revert with ERC20InsufficientBalance', async () => {
        const { token, actors } = await networkHelpers.loadFixture(fundedFund);
        const alice = actors.alice.account.address;
        await viem.assertions.revertWithCustomErrorWithArgs(
          token.write.forcedTransfer([alice, actors.bob.account.address, units(1_001)]),
          token,
          'ERC20InsufficientBalance',
          [alice, units(1_000), units(1_001)],
        );
      });
    });

    describe('when an address is zero', () => {
      it('should revert with ERC20InvalidSender or ERC20InvalidReceiver', async () => {
        const { token, actors } = await networkHelpers.loadFixture(fundedFund);
        await viem.assertions.revertWithCustomErrorWithArgs(token.write.forcedTransfer([zeroAddress, actors.bob.account.address, 1n]), token, 'ERC20InvalidSender', [zeroAddress]);
        await viem.assertions.revertWithCustomErrorWithArgs(token.write.forcedTransfer([actors.alice.account.address, zeroAddress, 1n]), token, 'ERC20InvalidReceiver', [zeroAddress]);
      });
    });

    describe('when the token is paused', () => {
      it('should revert with FundTokenEnforcedPause', async () => {
        const { token, asAdmin, actors } = await networkHelpers.loadFixture(fundedFund);
        await asAdmin.write.pause();
        await viem.assertions.revertWithCustomErrorWithArgs(
          token.write.forcedTransfer([actors.alice.account.address, actors.bob.account.address, 1n]),
          token,
          'FundTokenEnforcedPause',
          [],
        );
      });
    });

    describe('when the caller lacks AGENT_ROLE', () => {
      it('should revert with AccessControlUnauthorizedAccount', async () => {
        const { token, asAdmin, actors } = await networkHelpers.loadFixture(fundedFund);
        await viem.assertions.revertWithCustomErrorWithArgs(
          asAdmin.write.forcedTransfer([actors.alice.account.address, actors.bob.account.address, 1n]),
          token,
          'AccessControlUnauthorizedAccount',
          [actors.admin.account.address, ROLE.AGENT],
        );
      });
    });
  });

  describe('.recoverWallet()', () => {
    describe('when the new wallet belongs to the same investor', () => {
      it('should move balance, lock-up and frozen amount, and emit WalletRecovered', async () => {
        const { token, actors } = await networkHelpers.loadFixture(fundedFund);
        const [alice, spare] = [actors.alice.account.address, actors.aliceSpare.account.address];
        await token.write.mint([alice, units(100), 3n, orderRef(3)]);
        const lock = await token.read.lockedBalanceOf([alice]);
        await token.write.setFrozenTokens([alice, units(50)]);
        await token.write.setAddressFrozen([alice, true]);
        const hash = await token.write.recoverWallet([alice, spare]);
        await viem.assertions.emitWithArgs(Promise.resolve(hash), token, 'WalletRecovered', [
          alice,
          spare,
          storedInvestorId(investorId('alice')),
          units(1_100),
        ]);
        await viem.assertions.emitWithArgs(Promise.resolve(hash), token, 'Transfer', [alice, spare, units(1_100)]);
        assert.equal(await token.read.balanceOf([alice]), 0n);
        assert.equal(await token.read.balanceOf([spare]), units(1_100));
        assert.deepEqual(await token.read.lockedBalanceOf([spare]), lock);
        assert.deepEqual(await token.read.lockedBalanceOf([alice]), [0n, 0n]);
        assert.equal(await token.read.getFrozenTokens([spare]), units(50));
        assert.equal(await token.read.getFrozenTokens([alice]), 0n);
        assert.equal(await token.read.isFrozen([alice]), true);
        assert.equal(await token.read.isFrozen([spare]), false);
        assert.equal(await token.read.holderCount(), 2n);
      });
    });

    describe('when the lost wallet has nothing frozen', () => {
      it('should move the balance only', async () => {
        const { token, actors } = await networkHelpers.loadFixture(fundedFund);
        const [alice, spare] = [actors.alice.account.address, actors.aliceSpare.account.address];
        await token.write.recoverWallet([alice, spare]);
        assert.equal(await token.read.balanceOf([spare]), units(1_000));
        assert.equal(await token.read.getFrozenTokens([spare]), 0n);
      });
    });

    describe('when the new wallet belongs to another investor', () => {
      it('should revert with FundTokenRecoveryInvestorMismatch', async () => {
        const { token, actors } = await networkHelpers.loadFixture(fundedFund);
        const [alice, carol] = [actors.alice.account.address, actors.carol.account.address];
        await viem.assertions.revertWithCustomErrorWithArgs(token.write.recoverWallet([alice, carol]), token, 'FundTokenRecoveryInvestorMismatch', [alice, carol]);
      });
    });

    describe('when the lost wallet was removed from the registry', () => {
      it('should revert with FundTokenRecoveryInvestorMismatch', async () => {
        const { token, registry, actors } = await networkHelpers.loadFixture(fundedFund);
        const [alice, spare] = [actors.alice.account.address, actors.aliceSpare.account.address];
        await registry.write.removeIdentity([alice]);
        await viem.assertions.revertWithCustomErrorWithArgs(token.write.recoverWallet([alice, spare]), token, 'FundTokenRecoveryInvestorMismatch', [alice, spare]);
      });
    });

    describe('when the new wallet already holds units or is the lost wallet', () => {
      it('should revert with FundTokenRecoveryTargetNotEmpty', async () => {
        const { token, actors } = await networkHelpers.loadFixture(fundedFund);
        const [alice, spare] = [actors.alice.account.address, actors.aliceSpare.account.address];
        await token.write.mint([spare, 1n, 3n, orderRef(3)]);
        await viem.assertions.revertWithCustomErrorWithArgs(token.write.recoverWallet([alice, spare]), token, 'FundTokenRecoveryTargetNotEmpty', [spare, 1n]);
        await viem.assertions.revertWithCustomErrorWithArgs(token.write.recoverWallet([alice, alice]), token, 'FundTokenRecoveryTargetNotEmpty', [alice, units(1_000)]);
      });
    });

    describe("when the new wallet's verification expired", () => {
      it('should revert with FundTokenNotVerified', async () => {
        const { token, registry, actors } = await networkHelpers.loadFixture(fundedFund);
        const [alice, spare] = [actors.alice.account.address, actors.aliceSpare.account.address];
        const expired = await now();
        await registry.write.updateIdentity([spare, jurisdiction('HK'), PROFESSIONAL, expired]);
        await viem.assertions.revertWithCustomErrorWithArgs(token.write.recoverWallet([alice, spare]), token, 'FundTokenNotVerified', [spare, expired]);
      });
    });

    describe('when the caller lacks RECOVERY_ROLE', () => {
      it('should revert with AccessControlUnauthorizedAccount', async () => {
        const { token, asAdmin, actors } = await networkHelpers.loadFixture(fundedFund);
        await viem.assertions.revertWithCustomErrorWithArgs(
          asAdmin.write.recoverWallet([actors.alice.account.address, actors.aliceSpare.account.address]),
          token,
          'AccessControlUnauthorizedAccount',
          [actors.admin.account.address, ROLE.RECOVERY],
        );
      });
    });
  });

  describe('.pause() and .unpause()', () => {
    describe('when the pauser pauses', () => {
      it('should emit Paused and block transfers, mints and burns until unpaused', async () => {
        const { token, asAdmin, asAlice, actors } = await networkHelpers.loadFixture(fundedFund);
        const [admin, alice, bob] = [actors.admin.account.address, actors.alice.account.address, actors.bob.account.address];
        await viem.assertions.emitWithArgs(asAdmin.write.pause(), token, 'Paused', [admin]);
        assert.equal(await token.read.paused(), true);
        await viem.assertions.revertWithCustomErrorWithArgs(asAlice.write.transfer([bob, 1n]), token, 'FundTokenEnforcedPause', []);
        await viem.assertions.revertWithCustomErrorWithArgs(token.write.mint([alice, 1n, 3n, orderRef(3)]), token, 'FundTokenEnforcedPause', []);
        await viem.assertions.revertWithCustomErrorWithArgs(token.write.burn([alice, 1n, 3n, orderRef(3)]), token, 'FundTokenEnforcedPause', []);
        await viem.assertions.emitWithArgs(asAdmin.write.unpause(), token, 'Unpaused', [admin]);
        assert.equal(await token.read.paused(), false);
        await asAlice.write.transfer([bob, 1n]);
      });
    });

    describe('when already in the requested state', () => {
      it('should revert with FundTokenEnforcedPause or FundTokenExpectedPause', async () => {
        const { token, asAdmin } = await networkHelpers.loadFixture(fundedFund);
        await viem.assertions.revertWithCustomErrorWithArgs(asAdmin.write.unpause(), token, 'FundTokenExpectedPause', []);
        await asAdmin.write.pause();
        await viem.assertions.revertWithCustomErrorWithArgs(asAdmin.write.pause(), token, 'FundTokenEnforcedPause', []);
      });
    });

    describe('when the caller lacks PAUSER_ROLE', () => {
      it('should revert with AccessControlUnauthorizedAccount', async () => {
        const { token, actors } = await networkHelpers.loadFixture(fundedFund);
        const agent = actors.agent.account.address;
        await viem.assertions.revertWithCustomErrorWithArgs(token.write.pause(), token, 'AccessControlUnauthorizedAccount', [agent, ROLE.PAUSER]);
        await viem.assertions.revertWithCustomErrorWithArgs(token.write.unpause(), token, 'AccessControlUnauthorizedAccount', [agent, ROLE.PAUSER]);
      });
    });
  });

  describe('lock-up across recovery', () => {
    it('should keep the recovered units locked until the original end', async () => {
      const { token, actors } = await networkHelpers.loadFixture(deployFund);
      const [alice, spare, bob] = [actors.alice.account.address, actors.aliceSpare.account.address, actors.bob.account.address];
      await token.write.mint([alice, units(10), 1n, orderRef(1)]);
      await token.write.recoverWallet([alice, spare]);
      assert.equal(await token.read.detectTransferRestriction([spare, bob, 1n]), 12);
      await networkHelpers.time.increase(LOCKUP);
      assert.equal(await token.read.detectTransferRestriction([spare, bob, 1n]), 0);
    });
  });
});
