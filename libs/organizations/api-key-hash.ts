import { createHash, createHmac, randomBytes } from 'node:crypto';

/** How a stored key hash was made (api_keys.hash_version). */
export enum ApiKeyHashVersion {
  /** Unkeyed SHA-256: keys created before issue 11. Upgraded to HMAC on their next successful use. */
  SHA256 = 1,
  /** HMAC-SHA256 keyed with the server's API_KEY_PEPPER. */
  HMAC_SHA256 = 2,
}

/**
 * The hashes of a presented API key. Keys are looked up by their hash, so the hash must be
 * deterministic (no per-key salt). An HMAC keyed with a server secret that never enters the
 * database (API_KEY_PEPPER) makes a copy of the api_keys table useless for guessing keys offline,
 * including operator-chosen ones such as PLATFORM_ADMIN_KEY, at the cost of one HMAC per request; a
 * slow KDF would slow every request, and generated keys carry 256 random bits anyway.
 */
export class ApiKeyHasher {
  constructor(private readonly pepper: string) {}

  /** The hash stored for new keys (ApiKeyHashVersion.HMAC_SHA256). */
  hash(key: string): string {
    return createHmac('sha256', this.pepper).update(key).digest('hex');
  }

  /** The hash stored for keys created before issue 11 (ApiKeyHashVersion.SHA256). */
  legacyHash(key: string): string {
    return createHash('sha256').update(key).digest('hex');
  }
}

export function generateApiKey(): string {
  return `rwa_${randomBytes(32).toString('base64url')}`;
}
