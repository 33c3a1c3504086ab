// FundToken: initialisation, roles, ERC-20, ERC-2612 permit, ERC-165 and views.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { Hex } from 'viem';
import { getAddress, maxUint256, parseSignature, toFunctionSelector, zeroAddress } from 'viem';
import {
  CODE,
  LOCKUP,
  ROLE,
  connect,
  jurisdiction,
  units,
} from './helpers/fixtures.js';

const { viem, networkHelpers, publicClient, deployFund, fundedFund, now } = await connect();

const interfaceId = (signatures: string[]): Hex =>
  `0x${signatures
    .map((s) => Number.parseInt(toFunctionSelector(s).slice(2), 16))
    .reduce((a, b) => (a ^ b) >>> 0, 0)
    .toString(16)
    .padStart(8, '0')}`;

describe('FundToken', () => {
  describe('.initialize()', () => {
    describe('when created by the factory', () => {
      it('should set metadata, rules, jurisdictions and empty supply', async () => {
        const { token, params } = await networkHelpers.loadFixture(deployFund);
        assert.equal(await token.read.name(), params.name);
        assert.equal(await token.read.symbol(), params.symbol);
        assert.equal(await token.read.decimals(), 18);
        assert.equal(await token.read.totalSupply(), 0n);
        assert.equal(await token.read.holderCount(), 0n);
        assert.equal(await token.read.paused(), false);
        assert.deepEqual(await token.read.complianceRules(), [
          params.eligibleClassMask,
          params.maxHolders,
          params.maxBalancePerHolder,
          params.lockupSeconds,
        ]);
        assert.deepEqual(await token.read.eligibleJurisdictions(), params.eligibleJurisdictions);
      });

      it('should give the admin the admin roles and the agent the agent roles, and nothing else', async () => {
        const { token, actors } = await networkHelpers.loadFixture(deployFund);
        const admin = actors.admin.account.address;
        const agent = actors.agent.account.address;
        for (const role of [ROLE.DEFAULT_ADMIN, ROLE.PAUSER, ROLE.COMPLIANCE]) {
          assert.equal(await token.read.hasRole([role, admin]), true);
          assert.equal(await token.read.hasRole([role, agent]), false);
        }
        for (const role of [ROLE.AGENT, ROLE.FREEZER, ROLE.RECOVERY]) {
          assert.equal(await token.read.hasRole([role, agent]), true);
          assert.equal(await token.read.hasRole([role, admin]), false);
        }
        assert.equal(await token.read.AGENT_ROLE(), ROLE.AGENT);
        assert.equal(await token.read.FREEZER_ROLE(), ROLE.FREEZER);
        assert.equal(await token.read.RECOVERY_ROLE(), ROLE.RECOVERY);
        assert.equal(await token.read.PAUSER_ROLE(), ROLE.PAUSER);
        assert.equal(await token.read.COMPLIANCE_ROLE(), ROLE.COMPLIANCE);
      });
    });

    describe('when a parameter is invalid', () => {
      const cases = [
        ['the admin is zero', { admin: zeroAddress }, 'FundTokenInvalidAccount', [zeroAddress]],
        ['the agent is zero', { agent: zeroAddress }, 'FundTokenInvalidAccount', [zeroAddress]],
        ['the class mask has bit 0', { eligibleClassMask: 1 }, 'FundTokenInvalidClassMask', [1]],
        ['the class mask has bit 4', { eligibleClassMask: 16 }, 'FundTokenInvalidClassMask', [16]],
        ['the cap exceeds 104 bits', { maxBalancePerHolder: 1n << 104n }, 'FundTokenInvalidMaxBalance', [1n << 104n]],
        ['a jurisdiction is lower-case', { eligibleJurisdictions: [0x686b] }, 'FundTokenInvalidJurisdiction', [0x686b]],
      ] as const;
      for (const [label, change, error, args] of cases) {
        it(`should revert with ${error} when ${label}`, async () => {
          const { factory, implementation, params } = await networkHelpers.loadFixture(deployFund);
          await viem.assertions.revertWithCustomErrorWithArgs(
            factory.write.createFund([`0x${'ab'.repeat(32)}`, { ...params, ...change }]),
            implementation,
            error,
            args as never,
          );
        });
      }
    });
  });

  describe('.transfer()', () => {
    describe('when both holders are verified and eligible', () => {
      it('should move the units and emit Transfer', async () => {
        const { token, asAlice, actors } = await networkHelpers.loadFixture(fundedFund);
        const [alice, bob] = [actors.alice.account.address, actors.bob.account.address];
        await viem.assertions.emitWithArgs(asAlice.write.transfer([bob, units(10)]), token, 'Transfer', [
          alice,
          bob,
          units(10),
        ]);
        assert.equal(await token.read.balanceOf([alice]), units(990));
        assert.equal(await token.read.balanceOf([bob]), units(1_010));
        assert.equal(await token.read.totalSupply(), units(2_000));
      });
    });

    describe('when the recipient has no balance yet', () => {
      it('should count a new holder, and drop one when a holder empties its wallet', async () => {
        const { token, asAlice, actors } = await networkHelpers.loadFixture(fundedFund);
        assert.equal(await token.read.holderCount(), 2n);
        await asAlice.write.transfer([actors.carol.account.address, units(10)]);
        assert.equal(await token.read.holderCount(), 3n);
        await asAlice.write.transfer([actors.carol.account.address, units(990)]);
        assert.equal(await token.read.holderCount(), 2n);
      });
    });

    describe('when a holder transfers to itself', () => {
      it('should keep balance and holder count', async () => {
        const { token, asAlice, actors } = await networkHelpers.loadFixture(fundedFund);
        const alice = actors.alice.account.address;
        await asAlice.write.transfer([alice, units(1_000)]);
        assert.equal(await token.read.balanceOf([alice]), units(1_000));
        assert.equal(await token.read.holderCount(), 2n);
      });
    });

    describe('when the amount is zero', () => {
      it('should succeed without changing the holder count', async () => {
        const { token, asAlice, actors } = await networkHelpers.loadFixture(fundedFund);
        await asAlice.write.transfer([actors.carol.account.address, 0n]);
        assert.equal(await token.read.holderCount(), 2n);
        assert.equal(await token.read.balanceOf([actors.carol.account.address]), 0n);
      });
    });

    describe('when the recipient is the zero address', () => {
      it('should revert with ERC20InvalidReceiver', async () => {
        const { token, asAlice } = await networkHelpers.loadFixture(fundedFund);
        await viem.assertions.revertWithCustomErrorWithArgs(
          asAlice.write.transfer([zeroAddress, 1n]),
          token,
          'ERC20InvalidReceiver',
          [zeroAddress],
        );
      });
    });
  });

  describe('.approve() and .transferFrom()', () => {
    describe('when the spender has enough allowance', () => {
      it('should spend the allowance and move the units', async () => {
        const { token, asAlice, asBob, actors } = await networkHelpers.loadFixture(fundedFund);
        const [alice, bob, carol] = [actors.alice.account.address, actors.bob.account.address, actors.carol.account.address];
        await viem.assertions.emitWithArgs(asAlice.write.approve([bob, units(50)]), token, 'Approval', [
          alice,
          bob,
          units(50),
        ]);
        await asBob.write.transferFrom([alice, carol, units(20)]);
        assert.equal(await token.read.allowance([alice, bob]), units(30));
        assert.equal(await token.read.balanceOf([carol]), units(20));
      });
    });

    describe('when the allowance is infinite', () => {
      it('should not decrease it', async () => {
        const { token, asAlice, asBob, actors } = await networkHelpers.loadFixture(fundedFund);
        const [alice, bob] = [actors.alice.account.address, actors.bob.account.address];
        await asAlice.write.approve([bob, maxUint256]);
        await asBob.write.transferFrom([alice, bob, units(20)]);
        assert.equal(await token.read.allowance([alice, bob]), maxUint256);
      });
    });

    describe('when the allowance is too small', () => {
      it('should revert with ERC20InsufficientAllowance', async () => {
        const { token, asAlice, asBob, actors } = await networkHelpers.loadFixture(fundedFund);
        const [alice, bob] = [actors.alice.account.address, actors.bob.account.address];
        await asAlice.write.approve([bob, 5n]);
        await viem.assertions.revertWithCustomErrorWithArgs(
          asBob.write.transferFrom([alice, bob, 6n]),
          token,
          'ERC20InsufficientAllowance',
          [bob, 5n, 6n],
        );
      });
    });

    describe('when the sender is the zero address', () => {
      it('should revert with ERC20InvalidSender', async () => {
        const { token, asBob, actors } = await networkHelpers.loadFixture(fundedFund);
        await viem.assertions.revertWithCustomErrorWithArgs(
          asBob.write.transferFrom([zeroAddress, actors.bob.account.address, 0n]),
          token,
          'ERC20InvalidSender',
          [zeroAddress],
        );
      });
    });

    describe('when the spender is the zero address', () => {
      it('should revert with ERC20InvalidSpender', async () => {
        const { token, asAlice } = await networkHelpers.loadFixture(fundedFund);
        await viem.assertions.revertWithCustomErrorWithArgs(
          asAlice.write.approve([zeroAddress, 1n]),
          token,
          'ERC20InvalidSpender',
          [zeroAddress],
        );
      });
    });
  });

  describe('.permit()', () => {
    async function signPermit(fund: Awaited<ReturnType<typeof fundedFund>>, value: bigint, deadline: bigint) {
      const { token, actors } = fund;
      const signature = await actors.alice.signTypedData({
        domain: {
          name: await token.read.name(),
          version: '1',
          chainId: await publicClient.getChainId(),
          verifyingContract: token.address,
        },
        types: {
          Permit: [
            { name: 'owner', type: 'address' },
            { name: 'spender', type: 'address' },
            { name: 'value', type: 'uint256' },
            { name: 'nonce', type: 'uint256' },
            { name: 'deadline', type: 'uint256' },
          ],
        },
        primaryType: 'Permit',
        message: {
          owner: actors.alice.account.address,
          spender: actors.bob.account.address,
          value,
          nonce: await token.read.nonces([actors.alice.account.address]),
          deadline,
        },
      });
      const { r, s, v } = parseSignature(signature);
      return { r, s, v: Number(v) };
    }

    describe('when the owner signed it', () => {
      it('should set the allowance and use the nonce', async () => {
        const fund = await networkHelpers.loadFixture(fundedFund);
        const { token, asOutsider, actors } = fund;
        const [alice, bob] = [actors.alice.account.address, actors.bob.account.address];
        const deadline = (await now()) + 3600n;
        const { r, s, v } = await signPermit(fund, units(7), deadline);
        await asOutsider.write.permit([alice, bob, units(7), deadline, v, r, s]);
        assert.equal(await token.read.allowance([alice, bob]), units(7));
        assert.equal(await token.read.nonces([alice]), 1n);
      });
    });

    describe('when someone else signed it', () => {
      it('should revert with FundTokenPermitInvalidSigner', async () => {
        const fund = await networkHelpers.loadFixture(fundedFund);
        const { token, asOutsider, actors } = fund;
        const deadline = (await now()) + 3600n;
        const { r, s, v } = await signPermit(fund, units(7), deadline);
        // Presented as bob's permit: the signature recovers to someone who is not bob.
        await viem.assertions.revertWithCustomError(
          asOutsider.write.permit([actors.bob.account.address, actors.bob.account.address, units(7), deadline, v, r, s]),
          token,
          'FundTokenPermitInvalidSigner',
        );
      });
    });

    describe('when the deadline passed', () => {
      it('should revert with FundTokenPermitExpired', async () => {
        const fund = await networkHelpers.loadFixture(fundedFund);
        const { token, asOutsider, actors } = fund;
        const deadline = (await now()) - 1n;
        const { r, s, v } = await signPermit(fund, units(7), deadline);
        await viem.assertions.revertWithCustomErrorWithArgs(
          asOutsider.write.permit([actors.alice.account.address, actors.bob.account.address, units(7), deadline, v, r, s]),
          token,
          'FundTokenPermitExpired',
          [deadline],
        );
      });
    });

    describe('.eip712Domain()', () => {
      it('should describe the domain the permit is signed in', async () => {
        const { token } = await networkHelpers.loadFixture(fundedFund);
        const [fields, name, version, chainId, verifyingContract, salt, extensions] = await token.read.eip712Domain();
        assert.equal(fields, '0x0f');
        assert.equal(name, await token.read.name());
        assert.equal(version, '1');
        assert.equal(chainId, BigInt(await publicClient.getChainId()));
        assert.equal(verifyingContract, getAddress(token.address));
        assert.equal(salt, `0x${'0'.repeat(64)}`);
        assert.deepEqual(extensions, []);
        assert.match(await token.read.DOMAIN_SEPARATOR(), /^0x[0-9a-f]{64}$/);
      });
    });
  });

  describe('.supportsInterface()', () => {
    it('should support ERC-165, ERC-20, metadata, permit, ERC-5267, ERC-7943, ERC-1404 and access control', async () => {
      const { token } = await networkHelpers.loadFixture(deployFund);
      const ids: Hex[] = [
        '0x01ffc9a7',
        '0x36372b07',
        '0x7965db0b',
        interfaceId(['name()', 'symbol()', 'decimals()']),
        interfaceId(['permit(address,address,uint256,uint256,uint8,bytes32,bytes32)', 'nonces(address)', 'DOMAIN_SEPARATOR()']),
        interfaceId(['eip712Domain()']),
        interfaceId([
          'forcedTransfer(address,address,uint256)',
          'setFrozenTokens(address,uint256)',
          'canSend(address)',
          'canReceive(address)',
          'getFrozenTokens(address)',
          'canTransfer(address,address,uint256)',
        ]),
        interfaceId(['detectTransferRestriction(address,address,uint256)', 'messageForTransferRestriction(uint8)']),
      ];
      for (const id of ids) assert.equal(await token.read.supportsInterface([id]), true, id);
      assert.equal(await token.read.supportsInterface(['0xffffffff']), false);
    });

    it('should support the IFundToken interface id', async () => {
      const { token } = await networkHelpers.loadFixture(deployFund);
      const fundTokenFunctions = token.abi
        .filter((item) => item.type === 'function')
        .map((item) => `${item.name}(${item.inputs.map((i) => (i.type === 'tuple' ? `(${(i as { components: { type: string }[] }).components.map((c) => c.type).join(',')})` : i.type)).join(',')})`)
        .filter((signature) =>
          [
            'initialize(',
            'mint(',
            'burn(',
            'batchMint(',
            'batchBurn(',
            'isReferenceUsed(',
            'setAddressFrozen(',
            'recoverWallet(',
            'pause(',
            'unpause(',
            'setComplianceRules(',
            'setEligibleJurisdictions(',
            'identityRegistry(',
            'paused(',
            'isFrozen(',
            'holderCount(',
            'complianceRules(',
            'eligibleJurisdictions(',
            'isJurisdictionEligible(',
            'lockedBalanceOf(',
          ].some((prefix) => signature.startsWith(prefix)),
        );
      assert.equal(fundTokenFunctions.length, 20);
      assert.equal(await token.read.supportsInterface([interfaceId(fundTokenFunctions)]), true);
    });
  });

  describe('.messageForTransferRestriction()', () => {
    it('should name every code and flag unknown ones', async () => {
      const { token } = await networkHelpers.loadFixture(deployFund);
      for (const [name, code] of Object.entries(CODE)) {
        assert.equal(await token.read.messageForTransferRestriction([code]), name);
      }
      assert.equal(await token.read.messageForTransferRestriction([15]), 'UNKNOWN_RESTRICTION');
    });
  });

  describe('.lockedBalanceOf()', () => {
    describe('when units were minted within the lock-up', () => {
      it('should return the locked amount and its end, then nothing once it ended', async () => {
        const { token, actors } = await networkHelpers.loadFixture(deployFund);
        const alice = actors.alice.account.address;
        await token.write.mint([alice, units(5), 1n, `0x${'01'.repeat(32)}`]);
        const mintedAt = await now();
        assert.deepEqual(await token.read.lockedBalanceOf([alice]), [units(5), mintedAt + BigInt(LOCKUP)]);
        await networkHelpers.time.increase(LOCKUP);
        assert.deepEqual(await token.read.lockedBalanceOf([alice]), [0n, 0n]);
      });
    });
  });

  describe('.isJurisdictionEligible()', () => {
    it('should tell eligible from not eligible jurisdictions', async () => {
      const { token } = await networkHelpers.loadFixture(deployFund);
      assert.equal(await token.read.isJurisdictionEligible([jurisdiction('HK')]), true);
      assert.equal(await token.read.isJurisdictionEligible([jurisdiction('SG')]), true);
      assert.equal(await token.read.isJurisdictionEligible([jurisdiction('US')]), false);
    });
  });

  describe('roles', () => {
    describe('when the admin grants AGENT_ROLE to another wallet', () => {
      it('should let that wallet mint', async () => {
        const { token, asAdmin, asBob, actors } = await networkHelpers.loadFixture(deployFund);
        const bob = actors.bob.account.address;
        await asAdmin.write.grantRole([ROLE.AGENT, bob]);
        await asBob.write.mint([bob, units(1), 77n, `0x${'02'.repeat(32)}`]);
        assert.equal(await token.read.balanceOf([bob]), units(1));
      });
    });

    describe('when the admin revokes AGENT_ROLE from the agent', () => {
      it('should stop the agent from minting', async () => {
        const { token, asAdmin, actors } = await networkHelpers.loadFixture(deployFund);
        const agent = actors.agent.account.address;
        await asAdmin.write.revokeRole([ROLE.AGENT, agent]);
        await viem.assertions.revertWithCustomErrorWithArgs(
          token.write.mint([actors.bob.account.address, 1n, 1n, `0x${'03'.repeat(32)}`]),
          token,
          'AccessControlUnauthorizedAccount',
          [agent, ROLE.AGENT],
        );
      });
    });

    describe('when the agent tries to grant a role', () => {
      it('should revert with AccessControlUnauthorizedAccount', async () => {
        const { token, actors } = await networkHelpers.loadFixture(deployFund);
        await viem.assertions.revertWithCustomErrorWithArgs(
          token.write.grantRole([ROLE.AGENT, actors.bob.account.address]),
          token,
          'AccessControlUnauthorizedAccount',
          [actors.agent.account.address, ROLE.DEFAULT_ADMIN],
        );
      });
    });
  });
});
