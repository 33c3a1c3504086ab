import { createHash, randomBytes } from 'node:crypto';

/**
 * API keys carry 256 random bits, so a fast unsalted SHA-256 is enough to make a stolen table
 * useless; a slow KDF would only slow every request down.
 */
export function hashApiKey(key: string): string {
  return createHash('sha256').update(key).digest('hex');
}

export function generateApiKey(): string {
  return `rwa_${randomBytes(32).toString('base64url')}`;
}
