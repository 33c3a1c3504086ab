// Shared fixtures of the contract tests: one in-process Hardhat chain per test file, snapshots via
// loadFixture, and named actors. Deploys the platform exactly as the backend does: IdentityRegistry(admin),
// FundToken() implementation, FundFactory(implementation, registry, admin), then createFund.
import { network } from 'hardhat';
import type { Address, Hex } from 'viem';
import { keccak256, stringToHex, toHex } from 'viem';

export const RETAIL = 1;
export const PROFESSIONAL = 2;
export const INSTITUTIONAL = 3;
export const DAY = 24 * 60 * 60;
export const LOCKUP = 30 * DAY;
export const YEAR = 365n * 24n * 60n * 60n;

/** ISO-3166 alpha-2 code as the uint16 the contracts use ("HK" = 0x484B). */
export const jurisdiction = (code: string): number => (code.charCodeAt(0) << 8) | code.charCodeAt(1);
/** Whole fund units with 18 decimals. */
export const units = (n: number | bigint): bigint => BigInt(n) * 10n ** 18n;
export const investorId = (label: string): Hex => keccak256(stringToHex(`investor:${label}`));
export const orderRef = (refSeq: bigint | number): Hex => keccak256(toHex(BigInt(refSeq)));
export const fundId = (label: string): Hex => keccak256(stringToHex(`fund:${label}`));
/** What the registry stores of an investor id: its first 21 bytes. */
export const storedInvestorId = (id: Hex): Hex => `0x${id.slice(2, 44)}${'0'.repeat(22)}`;

export const ROLE = {
  DEFAULT_ADMIN: `0x${'0'.repeat(64)}` as Hex,
  AGENT: keccak256(stringToHex('AGENT_ROLE')),
  FREEZER: keccak256(stringToHex('FREEZER_ROLE')),
  RECOVERY: keccak256(stringToHex('RECOVERY_ROLE')),
  PAUSER: keccak256(stringToHex('PAUSER_ROLE')),
  COMPLIANCE: keccak256(stringToHex('COMPLIANCE_ROLE')),
  DEPLOYER: keccak256(stringToHex('DEPLOYER_ROLE')),
} as const;

/** Reason codes of detectTransferRestriction, see IFundToken. */
export const CODE = {
  SUCCESS: 0,
  PAUSED: 1,
  SENDER_FROZEN: 2,
  RECIPIENT_FROZEN: 3,
  SENDER_NOT_VERIFIED: 4,
  RECIPIENT_NOT_VERIFIED: 5,
  SENDER_JURISDICTION_NOT_ELIGIBLE: 6,
  RECIPIENT_JURISDICTION_NOT_ELIGIBLE: 7,
  SENDER_CLASS_NOT_ELIGIBLE: 8,
  RECIPIENT_CLASS_NOT_ELIGIBLE: 9,
  MAX_HOLDERS_REACHED: 10,
  MAX_BALANCE_EXCEEDED: 11,
  TOKENS_LOCKED: 12,
  TOKENS_FROZEN: 13,
  INSUFFICIENT_BALANCE: 14,
} as const;

export async function connect() {
  const connection = await network.create();
  const { viem, networkHelpers } = connection;
  const publicClient = await viem.getPublicClient();

  async function now(): Promise<bigint> {
    return BigInt(await networkHelpers.time.latest());
  }

  async function deployPlatform() {
    const [admin, agent, alice, aliceSpare, bob, carol, dave, erin, outsider] = await viem.getWalletClients();
    const registry = await viem.deployContract('IdentityRegistry', [admin.account.address]);
    const implementation = await viem.deployContract('FundToken', []);
    const factory = await viem.deployContract('FundFactory', [
      implementation.address,
      registry.address,
      admin.account.address,
    ]);
    const expiresAt = (await now()) + YEAR;
    return {
      actors: { admin, agent, alice, aliceSpare, bob, carol, dave, erin, outsider },
      registry,
      implementation,
      factory,
      expiresAt,
    };
  }

  const defaultParams = (admin: Address, agent: Address) => ({
    name: 'Platform USD Money Market Fund',
    symbol: 'PUSD',
    decimals: 18,
    admin,
    agent,
    eligibleJurisdictions: [jurisdiction('HK'), jurisdiction('SG')],
    eligibleClassMask: (1 << PROFESSIONAL) | (1 << INSTITUTIONAL),
    maxHolders: 100,
    maxBalancePerHolder: units(1_000_000),
    lockupSeconds: LOCKUP,
  });

  /**
   * A fund with every rule on: HK and SG, professional and institutional investors, 100 holders,
   * 1,000,000 units per holder, 30-day lock-up. Registered: alice and aliceSpare (same investor, HK,
   * professional), bob (SG, institutional), carol (HK, professional), dave (US: jurisdiction not
   * eligible), erin (HK, retail: class not eligible). outsider is not registered.
   */
  async function deployFund() {
    const platform = await deployPlatform();
    const { actors, registry, factory, expiresAt } = platform;
    const params = defaultParams(actors.admin.account.address, actors.agent.account.address);
    const id = fundId('main');
    await factory.write.createFund([id, params]);
    const address = await factory.read.fundOf([id]);
    const register = async (wallet: Address, investor: string, code: string, cls: number) =>
      registry.write.registerIdentity([wallet, investorId(investor), jurisdiction(code), cls, expiresAt]);
    await register(actors.alice.account.address, 'alice', 'HK', PROFESSIONAL);
    await register(actors.aliceSpare.account.address, 'alice', 'HK', PROFESSIONAL);
    await register(actors.bob.account.address, 'bob', 'SG', INSTITUTIONAL);
    await register(actors.carol.account.address, 'carol', 'HK', PROFESSIONAL);
    await register(actors.dave.account.address, 'dave', 'US', PROFESSIONAL);
    await register(actors.erin.account.address, 'erin', 'HK', RETAIL);
    const as = (wallet: (typeof actors)[keyof typeof actors]) =>
      viem.getContractAt('FundToken', address, { client: { wallet } });
    const token = await as(actors.agent);
    return {
      ...platform,
      fundId: id,
      params,
      token,
      asAdmin: await as(actors.admin),
      asAlice: await as(actors.alice),
      asBob: await as(actors.bob),
      asOutsider: await as(actors.outsider),
    };
  }

  /** deployFund, then 1,000 units minted to alice (refSeq 1) and bob (refSeq 2), lock-up over. */
  async function fundedFund() {
    const fund = await deployFund();
    const { token, actors } = fund;
    await token.write.mint([actors.alice.account.address, units(1_000), 1n, orderRef(1)]);
    await token.write.mint([actors.bob.account.address, units(1_000), 2n, orderRef(2)]);
    await networkHelpers.time.increase(LOCKUP + 1);
    return fund;
  }

  return { connection, viem, networkHelpers, publicClient, now, deployPlatform, deployFund, fundedFund, defaultParams };
}
