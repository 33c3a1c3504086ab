import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { zeroAddress } from 'viem';
import {
  INSTITUTIONAL,
  PROFESSIONAL,
  RETAIL,
  ROLE,
  connect,
  investorId,
  jurisdiction,
  storedInvestorId,
} from './helpers/fixtures.js';

const { viem, networkHelpers, deployPlatform, now } = await connect();

async function registryFixture() {
  const platform = await deployPlatform();
  const asOutsider = await viem.getContractAt('IdentityRegistry', platform.registry.address, {
    client: { wallet: platform.actors.outsider },
  });
  return { ...platform, asOutsider };
}

describe('IdentityRegistry', () => {
  describe('constructor', () => {
    it('should give the admin DEFAULT_ADMIN_ROLE and AGENT_ROLE', async () => {
      const { registry, actors } = await networkHelpers.loadFixture(registryFixture);
      assert.equal(await registry.read.hasRole([ROLE.DEFAULT_ADMIN, actors.admin.account.address]), true);
      assert.equal(await registry.read.hasRole([ROLE.AGENT, actors.admin.account.address]), true);
      assert.equal(await registry.read.AGENT_ROLE(), ROLE.AGENT);
    });
  });

  describe('.registerIdentity()', () => {
    describe('when the wallet is new', () => {
      it('should store the identity and emit IdentityRegistered with the full investor id', async () => {
        const { registry, actors, expiresAt } = await networkHelpers.loadFixture(registryFixture);
        const wallet = actors.alice.account.address;
        const id = investorId('alice');
        await viem.assertions.emitWithArgs(
          registry.write.registerIdentity([wallet, id, jurisdiction('HK'), PROFESSIONAL, expiresAt]),
          registry,
          'IdentityRegistered',
          [wallet, id, jurisdiction('HK'), PROFESSIONAL, expiresAt],
        );
        assert.deepEqual(await registry.read.identityOf([wallet]), [
          storedInvestorId(id),
          jurisdiction('HK'),
          PROFESSIONAL,
          expiresAt,
        ]);
        assert.equal(await registry.read.isVerified([wallet]), true);
        assert.equal(await registry.read.isRegistered([wallet]), true);
      });
    });

    describe('when the wallet is registered to the same investor', () => {
      it('should update jurisdiction, class and expiry', async () => {
        const { registry, actors, expiresAt } = await networkHelpers.loadFixture(registryFixture);
        const wallet = actors.alice.account.address;
        const id = investorId('alice');
        await registry.write.registerIdentity([wallet, id, jurisdiction('HK'), PROFESSIONAL, expiresAt]);
        await registry.write.registerIdentity([wallet, id, jurisdiction('SG'), INSTITUTIONAL, expiresAt + 10n]);
        assert.deepEqual(await registry.read.identityOf([wallet]), [
          storedInvestorId(id),
          jurisdiction('SG'),
          INSTITUTIONAL,
          expiresAt + 10n,
        ]);
      });
    });

    describe('when the wallet is registered to another investor', () => {
      it('should revert with IdentityRegistryInvestorMismatch', async () => {
        const { registry, actors, expiresAt } = await networkHelpers.loadFixture(registryFixture);
        const wallet = actors.alice.account.address;
        await registry.write.registerIdentity([wallet, investorId('alice'), jurisdiction('HK'), RETAIL, expiresAt]);
        await viem.assertions.revertWithCustomErrorWithArgs(
          registry.write.registerIdentity([wallet, investorId('bob'), jurisdiction('HK'), RETAIL, expiresAt]),
          registry,
          'IdentityRegistryInvestorMismatch',
          [wallet, storedInvestorId(investorId('alice')), investorId('bob')],
        );
      });
    });

    describe('when the expiry is in the past', () => {
      it('should register the wallet as not verified', async () => {
        const { registry, actors } = await networkHelpers.loadFixture(registryFixture);
        const wallet = actors.alice.account.address;
        await registry.write.registerIdentity([wallet, investorId('alice'), jurisdiction('HK'), RETAIL, (await now()) - 1n]);
        assert.equal(await registry.read.isRegistered([wallet]), true);
        assert.equal(await registry.read.isVerified([wallet]), false);
      });
    });

    describe('when an argument is invalid', () => {
      it('should revert with IdentityRegistryInvalidWallet for the zero address', async () => {
        const { registry, expiresAt } = await networkHelpers.loadFixture(registryFixture);
        await viem.assertions.revertWithCustomErrorWithArgs(
          registry.write.registerIdentity([zeroAddress, investorId('x'), jurisdiction('HK'), RETAIL, expiresAt]),
          registry,
          'IdentityRegistryInvalidWallet',
          [zeroAddress],
        );
      });

      it('should revert with IdentityRegistryInvalidInvestorId when the stored part of the id is zero', async () => {
        const { registry, actors, expiresAt } = await networkHelpers.loadFixture(registryFixture);
        const wallet = actors.alice.account.address;
        const id = `0x${'0'.repeat(42)}${'f'.repeat(22)}` as const;
        await viem.assertions.revertWithCustomErrorWithArgs(
          registry.write.registerIdentity([wallet, id, jurisdiction('HK'), RETAIL, expiresAt]),
          registry,
          'IdentityRegistryInvalidInvestorId',
          [wallet, id],
        );
      });

      for (const [label, code] of [
        ['lower-case letters', 0x686b],
        ['a byte below A', 0x404b],
        ['a byte above Z', 0x485b],
        ['zero', 0],
      ] as const) {
        it(`should revert with IdentityRegistryInvalidJurisdiction for ${label}`, async () => {
          const { registry, actors, expiresAt } = await networkHelpers.loadFixture(registryFixture);
          const wallet = actors.alice.account.address;
          await viem.assertions.revertWithCustomErrorWithArgs(
            registry.write.registerIdentity([wallet, investorId('alice'), code, RETAIL, expiresAt]),
            registry,
            'IdentityRegistryInvalidJurisdiction',
            [wallet, code],
          );
        });
      }

      for (const cls of [0, 4, 255]) {
        it(`should revert with IdentityRegistryInvalidInvestorClass for class ${cls}`, async () => {
          const { registry, actors, expiresAt } = await networkHelpers.loadFixture(registryFixture);
          const wallet = actors.alice.account.address;
          await viem.assertions.revertWithCustomErrorWithArgs(
            registry.write.registerIdentity([wallet, investorId('alice'), jurisdiction('HK'), cls, expiresAt]),
            registry,
            'IdentityRegistryInvalidInvestorClass',
            [wallet, cls],
          );
        });
      }
    });

    describe('when the caller lacks AGENT_ROLE', () => {
      it('should revert with AccessControlUnauthorizedAccount', async () => {
        const { asOutsider, registry, actors, expiresAt } = await networkHelpers.loadFixture(registryFixture);
        await viem.assertions.revertWithCustomErrorWithArgs(
          asOutsider.write.registerIdentity([actors.alice.account.address, investorId('a'), jurisdiction('HK'), RETAIL, expiresAt]),
          registry,
          'AccessControlUnauthorizedAccount',
          [actors.outsider.account.address, ROLE.AGENT],
        );
      });
    });
  });

  describe('.batchRegisterIdentities()', () => {
    describe('when the arrays match', () => {
      it('should register every wallet, several of them for one investor', async () => {
        const { registry, actors, expiresAt } = await networkHelpers.loadFixture(registryFixture);
        const wallets = [actors.alice.account.address, actors.aliceSpare.account.address, actors.bob.account.address];
        const ids = [investorId('alice'), investorId('alice'), investorId('bob')];
        const hash = await registry.write.batchRegisterIdentities([
          wallets,
          ids,
          [jurisdiction('HK'), jurisdiction('HK'), jurisdiction('SG')],
          [PROFESSIONAL, PROFESSIONAL, INSTITUTIONAL],
          [expiresAt, expiresAt, expiresAt],
        ]);
        await viem.assertions.emitWithArgs(Promise.resolve(hash), registry, 'IdentityRegistered', [
          wallets[2],
          ids[2],
          jurisdiction('SG'),
          INSTITUTIONAL,
          expiresAt,
        ]);
        for (const wallet of wallets) assert.equal(await registry.read.isVerified([wallet]), true);
        const [first] = await registry.read.identityOf([wallets[0]]);
        const [second] = await registry.read.identityOf([wallets[1]]);
        assert.equal(first, second);
      });
    });

    describe('when an array length differs', () => {
      for (const index of [1, 2, 3, 4]) {
        it(`should revert with IdentityRegistryLengthMismatch for array ${index}`, async () => {
          const { registry, actors, expiresAt } = await networkHelpers.loadFixture(registryFixture);
          const arrays = [
            [actors.alice.account.address],
            [investorId('alice')],
            [jurisdiction('HK')],
            [RETAIL],
            [expiresAt],
          ] as unknown[][];
          arrays[index] = [];
          await viem.assertions.revertWithCustomErrorWithArgs(
            registry.write.batchRegisterIdentities(arrays as never),
            registry,
            'IdentityRegistryLengthMismatch',
            [1n, 0n],
          );
        });
      }
    });

    describe('when the caller lacks AGENT_ROLE', () => {
      it('should revert with AccessControlUnauthorizedAccount', async () => {
        const { asOutsider, registry, actors } = await networkHelpers.loadFixture(registryFixture);
        await viem.assertions.revertWithCustomErrorWithArgs(
          asOutsider.write.batchRegisterIdentities([[], [], [], [], []]),
          registry,
          'AccessControlUnauthorizedAccount',
          [actors.outsider.account.address, ROLE.AGENT],
        );
      });
    });
  });

  describe('.updateIdentity()', () => {
    describe('when the wallet is registered', () => {
      it('should keep the investor and emit IdentityRegistered with the stored id', async () => {
        const { registry, actors, expiresAt } = await networkHelpers.loadFixture(registryFixture);
        const wallet = actors.alice.account.address;
        const stored = storedInvestorId(investorId('alice'));
        await registry.write.registerIdentity([wallet, investorId('alice'), jurisdiction('HK'), RETAIL, expiresAt]);
        await viem.assertions.emitWithArgs(
          registry.write.updateIdentity([wallet, jurisdiction('SG'), PROFESSIONAL, 1n]),
          registry,
          'IdentityRegistered',
          [wallet, stored, jurisdiction('SG'), PROFESSIONAL, 1n],
        );
        assert.deepEqual(await registry.read.identityOf([wallet]), [stored, jurisdiction('SG'), PROFESSIONAL, 1n]);
        assert.equal(await registry.read.isVerified([wallet]), false);
      });
    });

    describe('when the wallet is not registered', () => {
      it('should revert with IdentityRegistryNotRegistered', async () => {
        const { registry, actors } = await networkHelpers.loadFixture(registryFixture);
        await viem.assertions.revertWithCustomErrorWithArgs(
          registry.write.updateIdentity([actors.alice.account.address, jurisdiction('SG'), RETAIL, 1n]),
          registry,
          'IdentityRegistryNotRegistered',
          [actors.alice.account.address],
        );
      });
    });

    describe('when the caller lacks AGENT_ROLE', () => {
      it('should revert with AccessControlUnauthorizedAccount', async () => {
        const { asOutsider, registry, actors } = await networkHelpers.loadFixture(registryFixture);
        await viem.assertions.revertWithCustomErrorWithArgs(
          asOutsider.write.updateIdentity([actors.alice.account.address, jurisdiction('SG'), RETAIL, 1n]),
          registry,
          'AccessControlUnauthorizedAccount',
          [actors.outsider.account.address, ROLE.AGENT],
        );
      });
    });
  });

  describe('.removeIdentity()', () => {
    describe('when the wallet is registered', () => {
      it('should delete it and emit IdentityRemoved', async () => {
        const { registry, actors, expiresAt } = await networkHelpers.loadFixture(registryFixture);
        const wallet = actors.alice.account.address;
        await registry.write.registerIdentity([wallet, investorId('alice'), jurisdiction('HK'), RETAIL, expiresAt]);
        await viem.assertions.emitWithArgs(registry.write.removeIdentity([wallet]), registry, 'IdentityRemoved', [
          wallet,
          storedInvestorId(investorId('alice')),
        ]);
        assert.equal(await registry.read.isRegistered([wallet]), false);
        assert.equal(await registry.read.isVerified([wallet]), false);
        assert.equal(await registry.read.packedIdentityOf([wallet]), 0n);
      });
    });

    describe('when the wallet is not registered', () => {
      it('should revert with IdentityRegistryNotRegistered', async () => {
        const { registry, actors } = await networkHelpers.loadFixture(registryFixture);
        await viem.assertions.revertWithCustomErrorWithArgs(
          registry.write.removeIdentity([actors.alice.account.address]),
          registry,
          'IdentityRegistryNotRegistered',
          [actors.alice.account.address],
        );
      });
    });

    describe('when the caller lacks AGENT_ROLE', () => {
      it('should revert with AccessControlUnauthorizedAccount', async () => {
        const { asOutsider, registry, actors } = await networkHelpers.loadFixture(registryFixture);
        await viem.assertions.revertWithCustomErrorWithArgs(
          asOutsider.write.removeIdentity([actors.alice.account.address]),
          registry,
          'AccessControlUnauthorizedAccount',
          [actors.outsider.account.address, ROLE.AGENT],
        );
      });
    });
  });

  describe('.batchRemoveIdentities()', () => {
    describe('when some wallets are not registered', () => {
      it('should remove the registered ones and skip the others, so a retry does not revert', async () => {
        const { registry, actors, expiresAt } = await networkHelpers.loadFixture(registryFixture);
        const [alice, bob] = [actors.alice.account.address, actors.bob.account.address];
        await registry.write.registerIdentity([alice, investorId('alice'), jurisdiction('HK'), RETAIL, expiresAt]);
        await viem.assertions.emitWithArgs(
          registry.write.batchRemoveIdentities([[alice, bob]]),
          registry,
          'IdentityRemoved',
          [alice, storedInvestorId(investorId('alice'))],
        );
        await registry.write.batchRemoveIdentities([[alice, bob]]);
        assert.equal(await registry.read.isRegistered([alice]), false);
      });
    });

    describe('when the caller lacks AGENT_ROLE', () => {
      it('should revert with AccessControlUnauthorizedAccount', async () => {
        const { asOutsider, registry, actors } = await networkHelpers.loadFixture(registryFixture);
        await viem.assertions.revertWithCustomErrorWithArgs(
          asOutsider.write.batchRemoveIdentities([[]]),
          registry,
          'AccessControlUnauthorizedAccount',
          [actors.outsider.account.address, ROLE.AGENT],
        );
      });
    });
  });

  describe('.registerBoundIdentity()', () => {
    describe('when the binding is newer than the wallet\'s latest', () => {
      it('should replace an ended binding of another investor, emitting IdentityRemoved, IdentityRegistered and IdentityBound', async () => {
        const { registry, actors, expiresAt } = await networkHelpers.loadFixture(registryFixture);
        const wallet = actors.alice.account.address;
        await registry.write.registerBoundIdentity([wallet, 1n, 1n, investorId('alice'), jurisdiction('HK'), PROFESSIONAL, expiresAt]);
        const rebind = registry.write.registerBoundIdentity([wallet, 2n, 4n, investorId('bob'), jurisdiction('SG'), RETAIL, expiresAt]);
        await viem.assertions.emitWithArgs(rebind, registry, 'IdentityBound', [wallet, 2n, 4n]);
        assert.deepEqual(await registry.read.identityOf([wallet]), [storedInvestorId(investorId('bob')), jurisdiction('SG'), RETAIL, expiresAt]);
        assert.deepEqual(await registry.read.bindingOf([wallet]), [2n, 4n]);
        const events = await registry.getEvents.IdentityRemoved({ wallet }, { fromBlock: 0n });
        assert.deepEqual(events.map((event) => event.args.investorId), [storedInvestorId(investorId('alice'))]);
      });
    });

    describe('when the binding is not newer', () => {
      it('should revert with IdentityRegistryStaleBinding, so a late registration of an ended binding never returns', async () => {
        const { registry, actors, expiresAt } = await networkHelpers.loadFixture(registryFixture);
        const wallet = actors.alice.account.address;
        await registry.write.registerBoundIdentity([wallet, 3n, 1n, investorId('alice'), jurisdiction('HK'), PROFESSIONAL, expiresAt]);
        await registry.write.removeBoundIdentity([wallet, 3n]);
        await viem.assertions.revertWithCustomErrorWithArgs(
          registry.write.registerBoundIdentity([wallet, 3n, 2n, investorId('alice'), jurisdiction('HK'), PROFESSIONAL, expiresAt]),
          registry,
          'IdentityRegistryStaleBinding',
          [wallet, 3n, 3n],
        );
      });
    });
  });

  describe('.updateBoundIdentity()', () => {
    describe('when the binding holds the identity and the version is newer', () => {
      it('should keep the investor, write the identity and emit IdentityBound with the version', async () => {
        const { registry, actors, expiresAt } = await networkHelpers.loadFixture(registryFixture);
        const wallet = actors.alice.account.address;
        await registry.write.registerBoundIdentity([wallet, 1n, 1n, investorId('alice'), jurisdiction('HK'), PROFESSIONAL, 1n]);
        assert.equal(await registry.read.isVerified([wallet]), false);
        await viem.assertions.emitWithArgs(
          registry.write.updateBoundIdentity([wallet, 1n, 2n, jurisdiction('HK'), PROFESSIONAL, expiresAt]),
          registry,
          'IdentityBound',
          [wallet, 1n, 2n],
        );
        assert.equal(await registry.read.isVerified([wallet]), true);
      });
    });

    describe('when an older update lands after a newer one', () => {
      it('should revert with IdentityRegistryStaleVersion', async () => {
        const { registry, actors, expiresAt } = await networkHelpers.loadFixture(registryFixture);
        const wallet = actors.alice.account.address;
        await registry.write.registerBoundIdentity([wallet, 1n, 1n, investorId('alice'), jurisdiction('HK'), PROFESSIONAL, expiresAt]);
        await registry.write.updateBoundIdentity([wallet, 1n, 3n, jurisdiction('SG'), PROFESSIONAL, expiresAt]);
        await viem.assertions.revertWithCustomErrorWithArgs(
          registry.write.updateBoundIdentity([wallet, 1n, 2n, jurisdiction('HK'), RETAIL, expiresAt]),
          registry,
          'IdentityRegistryStaleVersion',
          [wallet, 2n, 3n],
        );
      });
    });

    describe('when another binding holds the identity', () => {
      it('should revert with IdentityRegistryBindingMismatch', async () => {
        const { registry, actors, expiresAt } = await networkHelpers.loadFixture(registryFixture);
        const wallet = actors.alice.account.address;
        await registry.write.registerBoundIdentity([wallet, 2n, 1n, investorId('alice'), jurisdiction('HK'), PROFESSIONAL, expiresAt]);
        await viem.assertions.revertWithCustomErrorWithArgs(
          registry.write.updateBoundIdentity([wallet, 1n, 5n, jurisdiction('HK'), RETAIL, expiresAt]),
          registry,
          'IdentityRegistryBindingMismatch',
          [wallet, 1n, 2n],
        );
      });
    });
  });

  describe('.removeBoundIdentity()', () => {
    describe('when a revoked binding\'s removal arrives after the address was bound again', () => {
      it('should revert with IdentityRegistryBindingMismatch and leave the new identity verified', async () => {
        const { registry, actors, expiresAt } = await networkHelpers.loadFixture(registryFixture);
        const wallet = actors.alice.account.address;
        await registry.write.registerBoundIdentity([wallet, 1n, 1n, investorId('alice'), jurisdiction('HK'), PROFESSIONAL, expiresAt]);
        await registry.write.registerBoundIdentity([wallet, 2n, 1n, investorId('alice'), jurisdiction('HK'), PROFESSIONAL, expiresAt]);
        await viem.assertions.revertWithCustomErrorWithArgs(registry.write.removeBoundIdentity([wallet, 1n]), registry, 'IdentityRegistryBindingMismatch', [wallet, 1n, 2n]);
        assert.equal(await registry.read.isVerified([wallet]), true);
      });
    });

    describe('when the binding holds the identity', () => {
      it('should delete it, emit IdentityRemoved and keep the binding number', async () => {
        const { registry, actors, expiresAt } = await networkHelpers.loadFixture(registryFixture);
        const wallet = actors.alice.account.address;
        await registry.write.registerBoundIdentity([wallet, 4n, 2n, investorId('alice'), jurisdiction('HK'), PROFESSIONAL, expiresAt]);
        await viem.assertions.emitWithArgs(registry.write.removeBoundIdentity([wallet, 4n]), registry, 'IdentityRemoved', [wallet, storedInvestorId(investorId('alice'))]);
        assert.equal(await registry.read.isRegistered([wallet]), false);
        assert.deepEqual(await registry.read.bindingOf([wallet]), [4n, 2n]);
      });
    });

    describe('when the caller lacks AGENT_ROLE', () => {
      it('should revert with AccessControlUnauthorizedAccount', async () => {
        const { asOutsider, registry, actors } = await networkHelpers.loadFixture(registryFixture);
        await viem.assertions.revertWithCustomErrorWithArgs(
          asOutsider.write.removeBoundIdentity([actors.alice.account.address, 1n]),
          registry,
          'AccessControlUnauthorizedAccount',
          [actors.outsider.account.address, ROLE.AGENT],
        );
      });
    });
  });

  describe('.isVerified()', () => {
    describe('when the expiry passes', () => {
      it('should turn false at expiresAt', async () => {
        const { registry, actors } = await networkHelpers.loadFixture(registryFixture);
        const wallet = actors.alice.account.address;
        const expiresAt = (await now()) + 100n;
        await registry.write.registerIdentity([wallet, investorId('alice'), jurisdiction('HK'), RETAIL, expiresAt]);
        assert.equal(await registry.read.isVerified([wallet]), true);
        await networkHelpers.time.increaseTo(expiresAt);
        assert.equal(await registry.read.isVerified([wallet]), false);
        assert.equal(await registry.read.isRegistered([wallet]), true);
      });
    });
  });

  describe('.packedIdentityOf() and .packedIdentitiesOf()', () => {
    it('should return the stored words: expiry, jurisdiction, class and the first 21 bytes of the id', async () => {
      const { registry, actors, expiresAt } = await networkHelpers.loadFixture(registryFixture);
      const [alice, bob] = [actors.alice.account.address, actors.bob.account.address];
      const id = investorId('alice');
      await registry.write.registerIdentity([alice, id, jurisdiction('HK'), INSTITUTIONAL, expiresAt]);
      const expected =
        (BigInt(storedInvestorId(id)) >> 88n << 88n) |
        (BigInt(INSTITUTIONAL) << 80n) |
        (BigInt(jurisdiction('HK')) << 64n) |
        expiresAt;
      assert.equal(await registry.read.packedIdentityOf([alice]), expected);
      assert.deepEqual(await registry.read.packedIdentitiesOf([alice, bob]), [expected, 0n]);
    });
  });

  describe('.supportsInterface()', () => {
    it('should support IAccessControl and IERC165', async () => {
      const { registry } = await networkHelpers.loadFixture(registryFixture);
      assert.equal(await registry.read.supportsInterface(['0x7965db0b']), true);
      assert.equal(await registry.read.supportsInterface(['0x01ffc9a7']), true);
      assert.equal(await registry.read.supportsInterface(['0xffffffff']), false);
    });
  });
});
