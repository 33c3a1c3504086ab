import type { InvestorEntity } from '@rwa/investors';
import { AlertSeverity, KytReasonCode, type ScreeningResult } from '@rwa/kyt';

/** A wallet and its investor as the step that moves value reads them (WalletsService.stateSql, InvestorsService.stateSql). */
export interface MovementState {
  wallet: { address: `0x${string}`; status: string; frozen: boolean } | null;
  investor: { kycStatus: string; kycExpiresAt: string; jurisdiction: string; investorClass: string } | null;
  blocklisted: boolean;
}

/**
 * The screening of a step that moves value (payment confirmation, the mint or burn job just before
 * it signs): the wallet against the blocklist, its freeze and its status, and, before units are
 * minted, the investor's KYC. A redemption's burn does not look at KYC (the guaranteed exit). A
 * finding holds the order behind a HIGH alert; null when the step may go on.
 */
export function movementScreening(state: MovementState, at: Date, checkKyc: boolean): ScreeningResult | null {
  const reasons: { code: string; message: string }[] = [];
  if (state.blocklisted) reasons.push({ code: KytReasonCode.BLOCKLIST_MATCH, message: `${state.wallet?.address ?? 'the wallet'} is blocklisted` });
  if (!state.wallet) reasons.push({ code: KytReasonCode.WALLET_NOT_VERIFIED, message: 'the wallet is gone' });
  else {
    if (state.wallet.frozen) reasons.push({ code: KytReasonCode.WALLET_FROZEN, message: `${state.wallet.address} is frozen` });
    if (state.wallet.status !== 'VERIFIED') reasons.push({ code: KytReasonCode.WALLET_NOT_VERIFIED, message: `${state.wallet.address} is ${state.wallet.status}, not VERIFIED` });
  }
  if (checkKyc && !kycValid(state, at)) reasons.push({ code: KytReasonCode.KYC_NOT_VALID, message: 'the investor has no approved, unexpired KYC' });
  if (reasons.length === 0) return null;
  return { clean: false, severity: AlertSeverity.HIGH, score: 100, reasons };
}

function kycValid(state: MovementState, at: Date): boolean {
  return state.investor !== null && state.investor.kycStatus === 'APPROVED' && new Date(state.investor.kycExpiresAt).getTime() > at.getTime();
}

/** The investor fields the subscription rules read, from its state as the read statement returned it. */
export function investorOf(order: { investorId: string; distributorId: string }, state: NonNullable<MovementState['investor']>): InvestorEntity {
  const expiresAt = new Date(state.kycExpiresAt);
  return {
    id: order.investorId,
    distributorId: order.distributorId,
    jurisdiction: state.jurisdiction,
    investorClass: state.investorClass,
    kycStatus: state.kycStatus,
    kycExpiresAt: expiresAt,
    isKycValid: (at: Date) => state.kycStatus === 'APPROVED' && expiresAt.getTime() > at.getTime(),
  } as unknown as InvestorEntity;
}
