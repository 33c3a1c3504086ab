/**
 * Secrets never reach a log line (style.md 6): credentials inside URLs, bearer tokens and API keys
 * in free text, and well-known secret fields of logged objects.
 */

/** Object paths pino blanks out wherever they appear (pino `redact`). */
export const REDACTED_PATHS = [
  'req.headers.authorization',
  'req.headers.cookie',
  'req.headers["x-api-key"]',
  'headers.authorization',
  '*.password',
  '*.apiKey',
  '*.privateKey',
  '*.signerPrivateKey',
  '*.secret',
  '*.token',
];

const URL_CREDENTIALS = /\b([a-z][a-z0-9+.-]*:\/\/)([^\s:/@]*):([^\s/@]+)@/gi;
const BEARER = /\b(Bearer\s+)[^\s"']+/gi;
const PLATFORM_KEY = /\brwa_[A-Za-z0-9_-]{16,}/g;

/** The text with URL passwords, bearer tokens and platform API keys replaced by `***`. */
export function redactText(text: string): string {
  return text
    .replace(URL_CREDENTIALS, '$1$2:***@')
    .replace(BEARER, '$1***')
    .replace(PLATFORM_KEY, 'rwa_***');
}

/** A copy of `value` with every string redacted (objects and arrays walked, at most `depth` levels). */
export function redactDeep(value: unknown, depth = 6): unknown {
  if (typeof value === 'string') return redactText(value);
  if (depth === 0 || value === null || typeof value !== 'object') return value;
  if (Array.isArray(value)) return value.map((item) => redactDeep(item, depth - 1));
  if (value instanceof Error) return { type: value.name, message: redactText(value.message), stack: value.stack === undefined ? undefined : redactText(value.stack) };
  const out: Record<string, unknown> = {};
  for (const [key, item] of Object.entries(value)) out[key] = redactDeep(item, depth - 1);
  return out;
}
