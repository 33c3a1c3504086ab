// The wallet side of the stablecoin suites: the test stablecoin's own calls and the EIP-2612 permit an investor signs.
import type { Address, Hex } from 'viem';
import type { PrivateKeyAccount } from 'viem/accounts';
import { testStablecoinAbi } from '../../../libs/chain/abis/generated/index.js';
import type { Json } from './api-client.js';
import type { TestChain } from './chain.js';

/** Sends `mint` or `approve` of the stablecoin at `address` from `account`, and checks it succeeded. */
export async function sendStablecoin(chain: TestChain, account: PrivateKeyAccount, address: Address, functionName: 'mint' | 'approve', args: readonly [Address, bigint]): Promise<void> {
  const hash = await chain.walletClientFor(account).writeContract({ account, chain: chain.chain, address, abi: testStablecoinAbi, functionName, args });
  expect((await chain.publicClient.waitForTransactionReceipt({ hash })).status).toBe('success');
}

/** The investor's signature of the permit an order's paymentAuthorization asks for. */
export async function signPermit(account: PrivateKeyAccount, typedData: Json): Promise<Hex> {
  const { message } = typedData;
  return account.signTypedData({
    domain: typedData.domain,
    types: typedData.types,
    primaryType: 'Permit',
    message: { ...message, value: BigInt(message.value), nonce: BigInt(message.nonce), deadline: BigInt(message.deadline) },
  });
}
