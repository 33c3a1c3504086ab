import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { getAddress, zeroAddress, zeroHash } from 'viem';
import { ROLE, connect, fundId } from './helpers/fixtures.js';

const { viem, networkHelpers, deployPlatform, defaultParams } = await connect();

async function factoryFixture() {
  const platform = await deployPlatform();
  const { actors, factory } = platform;
  const asOutsider = await viem.getContractAt('FundFactory', factory.address, { client: { wallet: actors.outsider } });
  const params = defaultParams(actors.admin.account.address, actors.agent.account.address);
  return { ...platform, asOutsider, params };
}

describe('FundFactory', () => {
  describe('constructor', () => {
    describe('when every address is set', () => {
      it('should store them and give the admin DEFAULT_ADMIN_ROLE and DEPLOYER_ROLE', async () => {
        const { factory, implementation, registry, actors } = await networkHelpers.loadFixture(factoryFixture);
        assert.equal(await factory.read.implementation(), getAddress(implementation.address));
        assert.equal(await factory.read.identityRegistry(), getAddress(registry.address));
        assert.equal(await factory.read.hasRole([ROLE.DEFAULT_ADMIN, actors.admin.account.address]), true);
        assert.equal(await factory.read.hasRole([ROLE.DEPLOYER, actors.admin.account.address]), true);
        assert.equal(await factory.read.DEPLOYER_ROLE(), ROLE.DEPLOYER);
      });
    });

    describe('when an address is zero', () => {
      for (const position of [0, 1, 2]) {
        it(`should revert with FundFactoryZeroAddress(${position})`, async () => {
          const { factory, implementation, registry, actors } = await networkHelpers.loadFixture(factoryFixture);
          const args: [`0x${string}`, `0x${string}`, `0x${string}`] = [
            implementation.address,
            registry.address,
            actors.admin.account.address,
          ];
          args[position] = zeroAddress;
          await viem.assertions.revertWithCustomErrorWithArgs(
            viem.deployContract('FundFactory', args),
            factory,
            'FundFactoryZeroAddress',
            [BigInt(position)],
          );
        });
      }
    });
  });

  describe('.createFund()', () => {
    describe('when the fund id is new', () => {
      it('should deploy an initialised clone at the predicted address and emit FundCreated', async () => {
        const { factory, registry, actors, params } = await networkHelpers.loadFixture(factoryFixture);
        const id = fundId('new');
        const predicted = await factory.read.predictFundAddress([id]);
        assert.equal(await factory.read.fundOf([id]), zeroAddress);
        await viem.assertions.emitWithArgs(factory.write.createFund([id, params]), factory, 'FundCreated', [
          id,
          predicted,
          actors.admin.account.address,
          actors.agent.account.address,
          params.name,
          params.symbol,
          params.decimals,
        ]);
        assert.equal(await factory.read.fundOf([id]), predicted);
        const token = await viem.getContractAt('FundToken', predicted);
        assert.equal(await token.read.name(), params.name);
        assert.equal(await token.read.symbol(), params.symbol);
        assert.equal(await token.read.decimals(), params.decimals);
        assert.equal(await token.read.identityRegistry(), getAddress(registry.address));
      });

      it('should give the token a distinct address per fund id', async () => {
        const { factory, params } = await networkHelpers.loadFixture(factoryFixture);
        await factory.write.createFund([fundId('a'), params]);
        await factory.write.createFund([fundId('b'), params]);
        assert.notEqual(await factory.read.fundOf([fundId('a')]), await factory.read.fundOf([fundId('b')]));
      });
    });

    describe('when the fund id was used before', () => {
      it('should revert with FundFactoryFundExists', async () => {
        const { factory, params } = await networkHelpers.loadFixture(factoryFixture);
        const id = fundId('twice');
        await factory.write.createFund([id, params]);
        await viem.assertions.revertWithCustomErrorWithArgs(
          factory.write.createFund([id, params]),
          factory,
          'FundFactoryFundExists',
          [id, await factory.read.fundOf([id])],
        );
      });
    });

    describe('when the fund id is zero', () => {
      it('should revert with FundFactoryInvalidFundId', async () => {
        const { factory, params } = await networkHelpers.loadFixture(factoryFixture);
        await viem.assertions.revertWithCustomErrorWithArgs(
          factory.write.createFund([zeroHash, params]),
          factory,
          'FundFactoryInvalidFundId',
          [zeroHash],
        );
      });
    });

    describe('when the parameters are invalid', () => {
      it('should revert with the token initialiser error', async () => {
        const { factory, implementation, params } = await networkHelpers.loadFixture(factoryFixture);
        await viem.assertions.revertWithCustomErrorWithArgs(
          factory.write.createFund([fundId('bad'), { ...params, admin: zeroAddress }]),
          implementation,
          'FundTokenInvalidAccount',
          [zeroAddress],
        );
      });
    });

    describe('when the caller lacks DEPLOYER_ROLE', () => {
      it('should revert with AccessControlUnauthorizedAccount', async () => {
        const { asOutsider, factory, actors, params } = await networkHelpers.loadFixture(factoryFixture);
        await viem.assertions.revertWithCustomErrorWithArgs(
          asOutsider.write.createFund([fundId('x'), params]),
          factory,
          'AccessControlUnauthorizedAccount',
          [actors.outsider.account.address, ROLE.DEPLOYER],
        );
      });
    });
  });

  describe('FundToken implementation', () => {
    describe('when anyone initialises it directly', () => {
      it('should revert with FundTokenAlreadyInitialized', async () => {
        const { implementation, params } = await networkHelpers.loadFixture(factoryFixture);
        await viem.assertions.revertWithCustomErrorWithArgs(
          implementation.write.initialize([params]),
          implementation,
          'FundTokenAlreadyInitialized',
          [],
        );
      });
    });

    describe('when a deployed clone is initialised again', () => {
      it('should revert with FundTokenAlreadyInitialized', async () => {
        const { factory, params } = await networkHelpers.loadFixture(factoryFixture);
        await factory.write.createFund([fundId('again'), params]);
        const token = await viem.getContractAt('FundToken', await factory.read.fundOf([fundId('again')]));
        await viem.assertions.revertWithCustomErrorWithArgs(
          token.write.initialize([params]),
          token,
          'FundTokenAlreadyInitialized',
          [],
        );
      });
    });
  });
});
