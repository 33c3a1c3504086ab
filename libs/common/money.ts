import { formatDecimal, parseDecimal } from './decimal.js';

/** NAVs are kept to 8 decimals; they are shown with at least 6. */
export const NAV_DECIMALS = 8;
const NAV_MIN_SHOWN_DECIMALS = 6;

/** ISO-4217 minor units of the currencies that differ from 2. */
const MINOR_UNITS: Record<string, number> = { JPY: 0, KRW: 0, VND: 0, BHD: 3, KWD: 3, OMR: 3, TND: 3 };

/** How many decimals a cash amount in `currency` may have. */
export function currencyDecimals(currency: string): number {
  return MINOR_UNITS[currency] ?? 2;
}

export function parseNav(value: string): bigint {
  return parseDecimal(value, NAV_DECIMALS);
}

/** Formats a NAV held at 8 decimals, trimming trailing zeros down to 6 decimals. */
export function formatNav(nav: bigint): string {
  const full = formatDecimal(nav, NAV_DECIMALS);
  const [whole, fraction = ''] = full.split('.');
  let shown = fraction;
  while (shown.length > NAV_MIN_SHOWN_DECIMALS && shown.endsWith('0')) shown = shown.slice(0, -1);
  return `${whole}.${shown}`;
}

/** Normalises a numeric column (Postgres text) into a scaled integer. */
export function numericToScaled(value: string, decimals: number): bigint {
  const [whole, fraction = ''] = value.split('.');
  const trimmed = fraction.replace(/0+$/, '');
  return parseDecimal(trimmed ? `${whole}.${trimmed}` : whole!, decimals);
}
