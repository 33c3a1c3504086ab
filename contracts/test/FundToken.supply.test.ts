// FundToken: mint, burn, batchMint, batchBurn and the order references (refSeq bitmap).
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { Address } from 'viem';
import { getAddress, parseEventLogs, zeroAddress } from 'viem';
import { LOCKUP, ROLE, connect, orderRef, units } from './helpers/fixtures.js';

const { viem, networkHelpers, publicClient, deployFund, fundedFund, now } = await connect();

describe('FundToken supply', () => {
  describe('.mint()', () => {
    describe('when the recipient is verified and eligible', () => {
      it('should mint, count the holder, lock the units and emit Transfer and Minted', async () => {
        const { token, actors } = await networkHelpers.loadFixture(deployFund);
        const alice = actors.alice.account.address;
        const hash = await token.write.mint([alice, units(100), 7n, orderRef(7)]);
        await viem.assertions.emitWithArgs(Promise.resolve(hash), token, 'Transfer', [zeroAddress, alice, units(100)]);
        await viem.assertions.emitWithArgs(Promise.resolve(hash), token, 'Minted', [alice, units(100), 7n, orderRef(7)]);
        assert.equal(await token.read.balanceOf([alice]), units(100));
        assert.equal(await token.read.totalSupply(), units(100));
        assert.equal(await token.read.holderCount(), 1n);
        assert.equal(await token.read.isReferenceUsed([7n]), true);
        assert.deepEqual(await token.read.lockedBalanceOf([alice]), [units(100), (await now()) + BigInt(LOCKUP)]);
      });
    });

    describe('when the recipient already holds units in a running lock-up', () => {
      it('should add to the locked amount and restart the lock-up', async () => {
        const { token, actors } = await networkHelpers.loadFixture(deployFund);
        const alice = actors.alice.account.address;
        await token.write.mint([alice, units(100), 1n, orderRef(1)]);
        await networkHelpers.time.increase(10);
        await token.write.mint([alice, units(50), 2n, orderRef(2)]);
        assert.deepEqual(await token.read.lockedBalanceOf([alice]), [units(150), (await now()) + BigInt(LOCKUP)]);
        assert.equal(await token.read.holderCount(), 1n);
      });
    });

    describe('when the earlier lock-up ended', () => {
      it('should lock only the new units', async () => {
        const { token, actors } = await networkHelpers.loadFixture(fundedFund);
        const alice = actors.alice.account.address;
        await token.write.mint([alice, units(5), 3n, orderRef(3)]);
        assert.deepEqual(await token.read.lockedBalanceOf([alice]), [units(5), (await now()) + BigInt(LOCKUP)]);
      });
    });

    describe('when the fund has no lock-up', () => {
      it('should not lock the units', async () => {
        const { token, asAdmin, actors, params } = await networkHelpers.loadFixture(deployFund);
        await asAdmin.write.setComplianceRules([params.eligibleClassMask, params.maxHolders, params.maxBalancePerHolder, 0]);
        await token.write.mint([actors.alice.account.address, units(5), 1n, orderRef(1)]);
        assert.deepEqual(await token.read.lockedBalanceOf([actors.alice.account.address]), [0n, 0n]);
      });
    });

    describe('when the refSeq was used', () => {
      it('should revert with FundTokenReferenceUsed, for mints and burns alike', async () => {
        const { token, actors } = await networkHelpers.loadFixture(fundedFund);
        await viem.assertions.revertWithCustomErrorWithArgs(
          token.write.mint([actors.alice.account.address, 1n, 1n, orderRef(99)]),
          token,
          'FundTokenReferenceUsed',
          [1n],
        );
        await viem.assertions.revertWithCustomErrorWithArgs(
          token.write.burn([actors.alice.account.address, 1n, 2n, orderRef(99)]),
          token,
          'FundTokenReferenceUsed',
          [2n],
        );
      });
    });

    describe('when the recipient is the zero address', () => {
      it('should revert with ERC20InvalidReceiver', async () => {
        const { token } = await networkHelpers.loadFixture(deployFund);
        await viem.assertions.revertWithCustomErrorWithArgs(
          token.write.mint([zeroAddress, 1n, 1n, orderRef(1)]),
          token,
          'ERC20InvalidReceiver',
          [zeroAddress],
        );
      });
    });

    describe('when the supply would exceed 104 bits', () => {
      it('should revert with FundTokenSupplyOverflow', async () => {
        const { token, asAdmin, actors, params } = await networkHelpers.loadFixture(deployFund);
        await asAdmin.write.setComplianceRules([params.eligibleClassMask, 0, 0n, 0]);
        const max = (1n << 104n) - 1n;
        await token.write.mint([actors.alice.account.address, max, 1n, orderRef(1)]);
        await viem.assertions.revertWithCustomErrorWithArgs(
          token.write.mint([actors.bob.account.address, 1n, 2n, orderRef(2)]),
          token,
          'FundTokenSupplyOverflow',
          [max, 1n],
        );
      });
    });

    describe('when a reverted mint is retried with its refSeq', () => {
      it('should apply it, since a reverted mint does not use its refSeq', async () => {
        const { token, asAdmin, actors } = await networkHelpers.loadFixture(deployFund);
        await asAdmin.write.pause();
        await viem.assertions.revertWithCustomError(
          token.write.mint([actors.alice.account.address, 1n, 5n, orderRef(5)]),
          token,
          'FundTokenEnforcedPause',
        );
        assert.equal(await token.read.isReferenceUsed([5n]), false);
        await asAdmin.write.unpause();
        await token.write.mint([actors.alice.account.address, 1n, 5n, orderRef(5)]);
        assert.equal(await token.read.isReferenceUsed([5n]), true);
      });
    });

    describe('when the caller lacks AGENT_ROLE', () => {
      it('should revert with AccessControlUnauthorizedAccount', async () => {
        const { token, asAdmin, actors } = await networkHelpers.loadFixture(deployFund);
        await viem.assertions.revertWithCustomErrorWithArgs(
          asAdmin.write.mint([actors.alice.account.address, 1n, 1n, orderRef(1)]),
          token,
          'AccessControlUnauthorizedAccount',
          [actors.admin.account.address, ROLE.AGENT],
        );
      });
    });
  });

  describe('.burn()', () => {
    describe('when the holder has the units', () => {
      it('should burn, drop the holder when emptied and emit Transfer and Burned', async () => {
        const { token, actors } = await networkHelpers.loadFixture(fundedFund);
        const alice = actors.alice.account.address;
        const hash = await token.write.burn([alice, units(1_000), 3n, orderRef(3)]);
        await viem.assertions.emitWithArgs(Promise.resolve(hash), token, 'Transfer', [alice, zeroAddress, units(1_000)]);
        await viem.assertions.emitWithArgs(Promise.resolve(hash), token, 'Burned', [alice, units(1_000), 3n, orderRef(3)]);
        assert.equal(await token.read.balanceOf([alice]), 0n);
        assert.equal(await token.read.totalSupply(), units(1_000));
        assert.equal(await token.read.holderCount(), 1n);
      });
    });

    describe('when the units are still in lock-up', () => {
      it('should burn them (redemption ignores lock-up) and shrink the locked amount', async () => {
        const { token, actors } = await networkHelpers.loadFixture(deployFund);
        const alice = actors.alice.account.address;
        await token.write.mint([alice, units(100), 1n, orderRef(1)]);
        await token.write.burn([alice, units(60), 2n, orderRef(2)]);
        const [locked] = await token.read.lockedBalanceOf([alice]);
        assert.equal(locked, units(40));
      });
    });

    describe('when the balance is too small', () => {
      it('should revert with ERC20InsufficientBalance', async () => {
        const { token, actors } = await networkHelpers.loadFixture(fundedFund);
        const alice = actors.alice.account.address;
        await viem.assertions.revertWithCustomErrorWithArgs(
          token.write.burn([alice, units(1_001), 3n, orderRef(3)]),
          token,
          'ERC20InsufficientBalance',
          [alice, units(1_000), units(1_001)],
        );
      });
    });

    describe('when the holder is the zero address', () => {
      it('should revert with ERC20InvalidSender', async () => {
        const { token } = await networkHelpers.loadFixture(fundedFund);
        await viem.assertions.revertWithCustomErrorWithArgs(
          token.write.burn([zeroAddress, 1n, 3n, orderRef(3)]),
          token,
          'ERC20InvalidSender',
          [zeroAddress],
        );
      });
    });

    describe('when the caller lacks AGENT_ROLE', () => {
      it('should revert with AccessControlUnauthorizedAccount', async () => {
        const { token, asAdmin, actors } = await networkHelpers.loadFixture(fundedFund);
        await viem.assertions.revertWithCustomErrorWithArgs(
          asAdmin.write.burn([actors.alice.account.address, 1n, 3n, orderRef(3)]),
          token,
          'AccessControlUnauthorizedAccount',
          [actors.admin.account.address, ROLE.AGENT],
        );
      });
    });
  });

  describe('.batchMint()', () => {
    const batch = (recipients: Address[], refSeqs: bigint[]) =>
      [recipients, recipients.map(() => units(10)), refSeqs, refSeqs.map((r) => orderRef(r))] as const;

    describe('when every refSeq is new', () => {
      it('should mint to every recipient and emit Minted for each', async () => {
        const { token, actors } = await networkHelpers.loadFixture(deployFund);
        const recipients = [actors.alice.account.address, actors.bob.account.address, actors.carol.account.address];
        const hash = await token.write.batchMint(batch(recipients, [1n, 2n, 3n]));
        const receipt = await publicClient.waitForTransactionReceipt({ hash });
        const minted = parseEventLogs({ abi: token.abi, logs: receipt.logs, eventName: 'Minted' });
        assert.deepEqual(
          minted.map((log) => [log.args.to, log.args.refSeq]),
          recipients.map((r, i) => [getAddress(r), BigInt(i + 1)]),
        );
        assert.equal(await token.read.totalSupply(), units(30));
        assert.equal(await token.read.holderCount(), 3n);
      });
    });

    describe('when the batch is retried', () => {
      it('should skip every used refSeq with ReferenceSkipped and mint nothing twice', async () => {
        const { token, actors } = await networkHelpers.loadFixture(deployFund);
        const recipients = [actors.alice.account.address, actors.bob.account.address];
        await token.write.batchMint(batch(recipients, [1n, 2n]));
        const hash = await token.write.batchMint(batch([...recipients, actors.carol.account.address], [1n, 2n, 3n]));
        await viem.assertions.emitWithArgs(Promise.resolve(hash), token, 'ReferenceSkipped', [1n, orderRef(1)]);
        await viem.assertions.emitWithArgs(Promise.resolve(hash), token, 'ReferenceSkipped', [2n, orderRef(2)]);
        await viem.assertions.emitWithArgs(Promise.resolve(hash), token, 'Minted', [
          actors.carol.account.address,
          units(10),
          3n,
          orderRef(3),
        ]);
        assert.equal(await token.read.balanceOf([actors.alice.account.address]), units(10));
        assert.equal(await token.read.totalSupply(), units(30));
      });
    });

    describe('when a refSeq repeats within the batch', () => {
      it('should apply the first item and skip the second', async () => {
        const { token, actors } = await networkHelpers.loadFixture(deployFund);
        const alice = actors.alice.account.address;
        await viem.assertions.emitWithArgs(
          token.write.batchMint(batch([alice, alice], [9n, 9n])),
          token,
          'ReferenceSkipped',
          [9n, orderRef(9)],
        );
        assert.equal(await token.read.balanceOf([alice]), units(10));
      });
    });

    describe('when a refSeq was used by a single mint', () => {
      it('should skip it', async () => {
        const { token, actors } = await networkHelpers.loadFixture(fundedFund);
        await viem.assertions.emitWithArgs(
          token.write.batchMint(batch([actors.carol.account.address], [1n])),
          token,
          'ReferenceSkipped',
          [1n, orderRef(1)],
        );
        assert.equal(await token.read.balanceOf([actors.carol.account.address]), 0n);
      });
    });

    describe('when refSeqs span several bitmap words', () => {
      it('should record each in its word', async () => {
        const { token, actors } = await networkHelpers.loadFixture(deployFund);
        const refs = [255n, 256n, 257n, 1n << 200n];
        await token.write.batchMint(batch(refs.map(() => actors.alice.account.address), refs));
        for (const r of refs) assert.equal(await token.read.isReferenceUsed([r]), true);
        assert.equal(await token.read.isReferenceUsed([254n]), false);
        assert.equal(await token.read.isReferenceUsed([258n]), false);
      });
    });

    describe('when an item breaks a rule', () => {
      it('should revert the whole batch with that rule error and use no refSeq', async () => {
        const { token, actors } = await networkHelpers.loadFixture(deployFund);
        const outsider = actors.outsider.account.address;
        await viem.assertions.revertWithCustomErrorWithArgs(
          token.write.batchMint(batch([actors.alice.account.address, outsider], [1n, 2n])),
          token,
          'FundTokenNotVerified',
          [outsider, 0n],
        );
        assert.equal(await token.read.isReferenceUsed([1n]), false);
      });
    });

    describe('when the arrays differ in length', () => {
      for (const index of [1, 2, 3]) {
        it(`should revert with FundTokenLengthMismatch for array ${index}`, async () => {
          const { token, actors } = await networkHelpers.loadFixture(deployFund);
          const args = [[actors.alice.account.address], [1n], [1n], [orderRef(1)]] as unknown[][];
          args[index] = [];
          await viem.assertions.revertWithCustomErrorWithArgs(
            token.write.batchMint(args as never),
            token,
            'FundTokenLengthMismatch',
            [1n, 0n],
          );
        });
      }
    });

    describe('when the caller lacks AGENT_ROLE', () => {
      it('should revert with AccessControlUnauthorizedAccount', async () => {
        const { token, asAdmin, actors } = await networkHelpers.loadFixture(deployFund);
        await viem.assertions.revertWithCustomErrorWithArgs(
          asAdmin.write.batchMint([[], [], [], []]),
          token,
          'AccessControlUnauthorizedAccount',
          [actors.admin.account.address, ROLE.AGENT],
        );
      });
    });
  });

  describe('.batchBurn()', () => {
    describe('when the batch is retried', () => {
      it('should burn once and skip used refSeqs', async () => {
        const { token, actors } = await networkHelpers.loadFixture(fundedFund);
        const holders = [actors.alice.account.address, actors.bob.account.address];
        const args = [holders, [units(100), units(200)], [10n, 11n], [orderRef(10), orderRef(11)]] as const;
        const hash = await token.write.batchBurn(args);
        await viem.assertions.emitWithArgs(Promise.resolve(hash), token, 'Burned', [holders[1], units(200), 11n, orderRef(11)]);
        await viem.assertions.emitWithArgs(token.write.batchBurn(args), token, 'ReferenceSkipped', [10n, orderRef(10)]);
        assert.equal(await token.read.balanceOf([holders[0]]), units(900));
        assert.equal(await token.read.balanceOf([holders[1]]), units(800));
        assert.equal(await token.read.totalSupply(), units(1_700));
      });
    });

    describe('when the arrays differ in length', () => {
      it('should revert with FundTokenLengthMismatch', async () => {
        const { token, actors } = await networkHelpers.loadFixture(fundedFund);
        await viem.assertions.revertWithCustomErrorWithArgs(
          token.write.batchBurn([[actors.alice.account.address], [1n, 2n], [3n], [orderRef(3)]]),
          token,
          'FundTokenLengthMismatch',
          [1n, 2n],
        );
      });
    });

    describe('when the caller lacks AGENT_ROLE', () => {
      it('should revert with AccessControlUnauthorizedAccount', async () => {
        const { token, asAdmin, actors } = await networkHelpers.loadFixture(fundedFund);
        await viem.assertions.revertWithCustomErrorWithArgs(
          asAdmin.write.batchBurn([[], [], [], []]),
          token,
          'AccessControlUnauthorizedAccount',
          [actors.admin.account.address, ROLE.AGENT],
        );
      });
    });
  });

  describe('.isReferenceUsed()', () => {
    it('should be false for an unused refSeq and true after its mint', async () => {
      const { token, actors } = await networkHelpers.loadFixture(deployFund);
      assert.equal(await token.read.isReferenceUsed([42n]), false);
      await token.write.mint([actors.alice.account.address, 1n, 42n, orderRef(42)]);
      assert.equal(await token.read.isReferenceUsed([42n]), true);
      assert.equal(await token.read.isReferenceUsed([41n]), false);
      assert.equal(await token.read.isReferenceUsed([43n]), false);
    });
  });
});
