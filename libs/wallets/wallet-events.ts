import { EventType, statusEventType, type EventInput } from '@rwa/events';
import type { WalletResponseDto } from './dtos/wallet.dto.js';
import { FreezeSync, type WalletEntity } from './wallet.entities.js';

/** The public representation of a wallet (GET /v1/wallets/{id}). */
export function walletView(wallet: WalletEntity): WalletResponseDto {
  return {
    id: wallet.id,
    investorId: wallet.investorId,
    address: wallet.address,
    chainId: wallet.chainId,
    status: wallet.status,
    onchain: wallet.onchain,
    onchainError: wallet.onchainError,
    frozen: wallet.frozen,
    frozenUnits: wallet.frozenUnits,
    freezeSync: wallet.freezeSyncedVersion >= wallet.freezeVersion ? FreezeSync.SYNCED : wallet.freezeSyncError ? FreezeSync.FAILED : FreezeSync.PENDING,
    createdAt: new Date(wallet.createdAt).toISOString(),
  };
}

/** `wallet.<status>` (the wallet entered its current status), or `wallet.frozen` / `wallet.unfrozen`; its distributor receives it. */
export function walletEvent(wallet: WalletEntity, type: string = statusEventType('wallet', wallet.status)): EventInput {
  return { type, subject: { type: 'wallet', id: wallet.id }, data: walletView(wallet), audience: { distributorId: wallet.distributorId } };
}

/** The freeze event of a wallet after a freeze change. */
export function walletFreezeEvent(wallet: WalletEntity): EventInput {
  return walletEvent(wallet, wallet.frozen || wallet.frozenUnits !== null ? EventType.WALLET_FROZEN : EventType.WALLET_UNFROZEN);
}
