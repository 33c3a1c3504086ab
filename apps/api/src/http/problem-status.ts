import { assertUnreachable } from '@rwa/common';
import { ChainErrorCode } from '@rwa/chain';
import { EventsErrorCode } from '@rwa/events';
import { FundsErrorCode } from '@rwa/funds';
import { IdempotencyErrorCode } from '@rwa/idempotency';
import { IncomeErrorCode } from '@rwa/income';
import { InvestorsErrorCode } from '@rwa/investors';
import { KytErrorCode } from '@rwa/kyt';
import { OrdersErrorCode } from '@rwa/orders';
import { OrganizationsErrorCode } from '@rwa/organizations';
import { StablecoinsErrorCode } from '@rwa/stablecoins';
import { WalletsErrorCode } from '@rwa/wallets';
import type { HttpErrorCode } from './http-errors.js';

/** Every error code the API can answer with. */
export type ProblemCode =
  | HttpErrorCode
  | 'VALIDATION_FAILED'
  | 'INVALID_STATE_TRANSITION'
  | ChainErrorCode
  | EventsErrorCode
  | FundsErrorCode
  | IdempotencyErrorCode
  | IncomeErrorCode
  | InvestorsErrorCode
  | KytErrorCode
  | OrdersErrorCode
  | OrganizationsErrorCode
  | StablecoinsErrorCode
  | WalletsErrorCode;

/**
 * The one place where error codes meet HTTP statuses (style.md E8). Not found, or another tenant's
 * resource: 404; wrong role: 403; state conflicts: 409; business rules: 422; malformed input: 400.
 * A new code that is not mapped here fails to compile.
 */
export function problemStatus(code: ProblemCode): number {
  switch (code) {
    case 'VALIDATION_FAILED':
    case 'MALFORMED_REQUEST':
    case IdempotencyErrorCode.IDEMPOTENCY_KEY_REQUIRED:
    case IdempotencyErrorCode.IDEMPOTENCY_KEY_INVALID:
      return 400;
    case 'UNAUTHORIZED':
      return 401;
    case 'FORBIDDEN':
      return 403;
    case 'NOT_FOUND':
    case FundsErrorCode.FUND_NOT_FOUND:
    case FundsErrorCode.DISTRIBUTOR_NOT_FOUND:
    case FundsErrorCode.CALENDAR_NOT_FOUND:
    case FundsErrorCode.NAV_NOT_FOUND:
    case IncomeErrorCode.DISTRIBUTION_NOT_FOUND:
    case IncomeErrorCode.RECONCILIATION_NOT_FOUND:
    case InvestorsErrorCode.INVESTOR_NOT_FOUND:
    case KytErrorCode.ALERT_NOT_FOUND:
    case KytErrorCode.BLOCKLIST_ENTRY_NOT_FOUND:
    case KytErrorCode.FUND_NOT_FOUND:
    case OrdersErrorCode.ORDER_NOT_FOUND:
    case OrganizationsErrorCode.ORGANIZATION_NOT_FOUND:
    case OrganizationsErrorCode.USER_NOT_FOUND:
    case OrganizationsErrorCode.API_KEY_NOT_FOUND:
    case WalletsErrorCode.WALLET_NOT_FOUND:
    case WalletsErrorCode.CHALLENGE_NOT_FOUND:
    case EventsErrorCode.WEBHOOK_NOT_FOUND:
    case EventsErrorCode.DELIVERY_NOT_FOUND:
    case StablecoinsErrorCode.STABLECOIN_NOT_FOUND:
      return 404;
    case 'INVALID_STATE_TRANSITION':
    case IdempotencyErrorCode.IDEMPOTENCY_KEY_REUSED:
    case IdempotencyErrorCode.IDEMPOTENT_REPLAY_UNAVAILABLE:
    case IdempotencyErrorCode.IDEMPOTENCY_REQUEST_IN_PROGRESS:
    case InvestorsErrorCode.DUPLICATE_EXTERNAL_REF:
    case KytErrorCode.ALERT_CLOSED:
    case KytErrorCode.ALERT_NOT_PENDING_APPROVAL:
    case KytErrorCode.FOUR_EYES_REQUIRED:
    case OrganizationsErrorCode.USER_EMAIL_TAKEN:
    case WalletsErrorCode.CHALLENGE_USED:
    case WalletsErrorCode.WALLET_ALREADY_BOUND:
    case WalletsErrorCode.WALLET_NOT_FROZEN:
    case WalletsErrorCode.WALLET_HOLDS_UNITS:
    case FundsErrorCode.NAV_ALREADY_DEALT:
    case FundsErrorCode.NAV_NOT_PENDING_APPROVAL:
    case FundsErrorCode.FOUR_EYES_REQUIRED:
    case OrdersErrorCode.CUT_OFF_PASSED:
    case OrdersErrorCode.PAYMENT_REFERENCE_USED:
    case OrdersErrorCode.REFUND_FROM_ESCROW:
    case StablecoinsErrorCode.STABLECOIN_ALREADY_REGISTERED:
    case IncomeErrorCode.INCOME_ALREADY_PUBLISHED:
    case IncomeErrorCode.INCOME_ALREADY_DISTRIBUTED:
    case IncomeErrorCode.DISTRIBUTION_EXISTS:
    case IncomeErrorCode.INDEX_BEHIND:
      return 409;
    case FundsErrorCode.FUND_NOT_ACTIVE:
    case FundsErrorCode.NAV_DATE_NOT_ALLOWED:
    case KytErrorCode.TRAVEL_RULE_INFO_REQUIRED:
    case OrdersErrorCode.FUND_NOT_ACTIVE:
    case OrdersErrorCode.KYC_NOT_APPROVED:
    case OrdersErrorCode.INVESTOR_NOT_ELIGIBLE:
    case OrdersErrorCode.WALLET_NOT_VERIFIED:
    case OrdersErrorCode.BELOW_MINIMUM:
    case OrdersErrorCode.INSUFFICIENT_UNITS:
    case OrdersErrorCode.NOT_A_SUBSCRIPTION:
    case OrdersErrorCode.NOT_A_REDEMPTION:
    case OrganizationsErrorCode.ROLE_NOT_ALLOWED_FOR_ORGANIZATION:
    case OrganizationsErrorCode.USER_ROLE_MISMATCH:
    case WalletsErrorCode.CHALLENGE_EXPIRED:
    case WalletsErrorCode.SIGNATURE_MISMATCH:
    case WalletsErrorCode.WRONG_CHAIN:
    case WalletsErrorCode.KYC_NOT_APPROVED:
    case ChainErrorCode.CONTRACT_REVERTED:
    case IncomeErrorCode.FUND_NOT_DISTRIBUTING:
    case IncomeErrorCode.INCOME_DATE_NOT_ALLOWED:
    case IncomeErrorCode.RECORD_DATE_NOT_ALLOWED:
    case OrdersErrorCode.FUND_PAUSED:
    case OrdersErrorCode.FUND_CLOSED:
    case OrdersErrorCode.FUND_MAX_HOLDERS_REACHED:
    case OrdersErrorCode.MAX_UNITS_PER_HOLDER_EXCEEDED:
    case OrdersErrorCode.UNITS_LOCKED:
    case EventsErrorCode.WEBHOOK_TARGET_REFUSED:
    case StablecoinsErrorCode.STABLECOIN_NOT_ON_CHAIN:
    case StablecoinsErrorCode.STABLECOIN_NOT_ACCEPTED:
    case StablecoinsErrorCode.STABLECOIN_SETTINGS_INVALID:
    case StablecoinsErrorCode.INSUFFICIENT_STABLECOIN_BALANCE:
    case StablecoinsErrorCode.PAYMENT_NOT_AUTHORIZED:
    case StablecoinsErrorCode.PERMIT_EXPIRED:
    case StablecoinsErrorCode.INSTANT_REDEMPTION_CAP_EXCEEDED:
    case StablecoinsErrorCode.SETTLEMENT_PAUSED:
    case StablecoinsErrorCode.NOT_A_STABLECOIN_ORDER:
    case StablecoinsErrorCode.DEALING_DAY_CLOSED:
    case StablecoinsErrorCode.REQUEST_REJECTED:
      return 422;
    case 'PAYLOAD_TOO_LARGE':
      return 413;
    case 'UNSUPPORTED_MEDIA_TYPE':
      return 415;
    case ChainErrorCode.PLATFORM_CONTRACTS_MISSING:
    case ChainErrorCode.CHAIN_ID_MISMATCH:
      return 503;
    default:
      return assertUnreachable(code);
  }
}
