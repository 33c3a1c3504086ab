import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { getAddress, keccak256, stringToHex, zeroHash } from 'viem';
import { connect } from './helpers/fixtures.js';

const { viem, networkHelpers } = await connect();

const H1 = keccak256(stringToHex('head 1'));
const H2 = keccak256(stringToHex('head 2'));

async function anchorFixture() {
  const [platform, other] = await viem.getWalletClients();
  const anchors = await viem.deployContract('AuditAnchor');
  const asOther = await viem.getContractAt('AuditAnchor', anchors.address, { client: { wallet: other } });
  return { anchors, asOther, platform, other };
}

describe('AuditAnchor', () => {
  describe('.anchor()', () => {
    describe('when the heads move forward', () => {
      it('should store them per anchorer and emit HeadAnchored for each', async () => {
        const { anchors, platform, other } = await networkHelpers.loadFixture(anchorFixture);
        await viem.assertions.emitWithArgs(anchors.write.anchor([[0, 5], [3n, 1n], [H1, H2]]), anchors, 'HeadAnchored', [
          getAddress(platform.account.address),
          5,
          1n,
          H2,
        ]);
        const [first, second] = await anchors.read.headsOf([platform.account.address, [0, 5]]);
        assert.equal(first.position, 3n);
        assert.equal(first.hash, H1);
        assert.equal(second.hash, H2);
        assert.equal((await anchors.read.headOf([other.account.address, 0])).position, 0n);
      });
    });

    describe('when a head equals the one anchored', () => {
      it('should leave it as it is, without reverting', async () => {
        const { anchors, platform } = await networkHelpers.loadFixture(anchorFixture);
        await anchors.write.anchor([[1], [4n], [H1]]);
        const before = await anchors.read.headOf([platform.account.address, 1]);
        await networkHelpers.time.increase(60);
        await anchors.write.anchor([[1], [4n], [H1]]);
        assert.deepEqual(await anchors.read.headOf([platform.account.address, 1]), before);
      });
    });

    describe('when a head moves back', () => {
      it('should revert with AuditAnchorPositionRegressed (rows were deleted from the trail)', async () => {
        const { anchors, platform } = await networkHelpers.loadFixture(anchorFixture);
        await anchors.write.anchor([[1], [4n], [H1]]);
        await viem.assertions.revertWithCustomErrorWithArgs(anchors.write.anchor([[1], [3n], [H2]]), anchors, 'AuditAnchorPositionRegressed', [
          getAddress(platform.account.address),
          1,
          4n,
          3n,
        ]);
      });
    });

    describe('when the anchored position comes with another hash', () => {
      it('should revert with AuditAnchorHashChanged (the trail was rewritten)', async () => {
        const { anchors, platform } = await networkHelpers.loadFixture(anchorFixture);
        await anchors.write.anchor([[1], [4n], [H1]]);
        await viem.assertions.revertWithCustomErrorWithArgs(anchors.write.anchor([[1], [4n], [H2]]), anchors, 'AuditAnchorHashChanged', [
          getAddress(platform.account.address),
          1,
          4n,
          H1,
          H2,
        ]);
      });
    });

    describe('when another account anchors', () => {
      it("should keep its heads apart: nobody writes the platform's heads but the platform", async () => {
        const { anchors, asOther, platform, other } = await networkHelpers.loadFixture(anchorFixture);
        await anchors.write.anchor([[2], [10n], [H1]]);
        await asOther.write.anchor([[2], [1n], [H2]]);
        assert.equal((await anchors.read.headOf([platform.account.address, 2])).hash, H1);
        assert.equal((await anchors.read.headOf([other.account.address, 2])).hash, H2);
      });
    });

    describe('when the input is malformed', () => {
      it('should revert with AuditAnchorLengthMismatch or AuditAnchorEmptyHead', async () => {
        const { anchors } = await networkHelpers.loadFixture(anchorFixture);
        await viem.assertions.revertWithCustomErrorWithArgs(anchors.write.anchor([[1, 2], [1n], [H1, H2]]), anchors, 'AuditAnchorLengthMismatch', [2n, 1n, 2n]);
        await viem.assertions.revertWithCustomErrorWithArgs(anchors.write.anchor([[1], [0n], [H1]]), anchors, 'AuditAnchorEmptyHead', [1]);
        await viem.assertions.revertWithCustomErrorWithArgs(anchors.write.anchor([[1], [1n], [zeroHash]]), anchors, 'AuditAnchorEmptyHead', [1]);
      });
    });
  });
});
