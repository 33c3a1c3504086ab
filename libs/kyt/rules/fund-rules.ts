/**
 * A fund's KYT thresholds. Amounts are decimal strings in the fund currency (never floats).
 * Funds without their own row use DEFAULT_FUND_RULES.
 */
export interface FundRules {
  /** Orders at or above this amount must carry originator and beneficiary information. */
  travelRuleThreshold: string;
  /** More orders than this by one investor within the window is a velocity finding. */
  velocityMaxOrders: number;
  velocityWindowMinutes: number;
  /** This many orders (this one included) in 24 hours just under the travel-rule threshold is structuring. */
  structuringMinOrders: number;
  /** "Just under": within this percentage below the threshold. */
  structuringBandPercent: number;
  /** A wallet bound less than this many hours ago is fresh. */
  freshWalletHours: number;
  /** A subscription at or above this into a fresh wallet is a finding. */
  freshWalletLargeAmount: string;
}

/** Conservative defaults: high enough that ordinary retail flows pass, low enough to catch patterns. */
export const DEFAULT_FUND_RULES: Readonly<FundRules> = Object.freeze({
  travelRuleThreshold: '1000000',
  velocityMaxOrders: 10,
  velocityWindowMinutes: 60,
  structuringMinOrders: 3,
  structuringBandPercent: 10,
  freshWalletHours: 24,
  freshWalletLargeAmount: '500000',
});

export const STRUCTURING_WINDOW_MS = 24 * 60 * 60 * 1000;
