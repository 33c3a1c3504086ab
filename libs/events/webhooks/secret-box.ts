import { createCipheriv, createDecipheriv, createHash, randomBytes } from 'node:crypto';

const OPENED_SECRETS_KEPT = 10_000;

/**
 * Encrypts webhook signing secrets at rest (AES-256-GCM, a fresh IV per secret) under a key derived
 * from WEBHOOK_SECRET_ENCRYPTION_KEY: a copy of the database alone does not let anyone sign.
 * Stored as `v1.<iv>.<tag>.<ciphertext>` (base64url).
 */
export class SecretBox {
  private readonly key: Buffer;
  /** Secrets opened so far, by their sealed form: a delivery would otherwise pay a key set-up and a decryption. */
  private readonly opened = new Map<string, string>();

  constructor(secret: string) {
    this.key = createHash('sha256').update(`rwa-webhook-secrets:${secret}`).digest();
  }

  seal(plaintext: string): string {
    const iv = randomBytes(12);
    const cipher = createCipheriv('aes-256-gcm', this.key, iv);
    const encrypted = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final()]);
    return ['v1', iv.toString('base64url'), cipher.getAuthTag().toString('base64url'), encrypted.toString('base64url')].join('.');
  }

  open(sealed: string): string {
    const known = this.opened.get(sealed);
    if (known !== undefined) return known;
    const secret = this.decrypt(sealed);
    // A bound on memory: rotated and deleted secrets fall out when the map is started afresh.
    if (this.opened.size >= OPENED_SECRETS_KEPT) this.opened.clear();
    this.opened.set(sealed, secret);
    return secret;
  }

  private decrypt(sealed: string): string {
    const [version, iv, tag, encrypted] = sealed.split('.');
    if (version !== 'v1' || !iv || !tag || encrypted === undefined) throw new Error('Not a sealed webhook secret');
    const decipher = createDecipheriv('aes-256-gcm', this.key, Buffer.from(iv, 'base64url'));
    decipher.setAuthTag(Buffer.from(tag, 'base64url'));
    return Buffer.concat([decipher.update(Buffer.from(encrypted, 'base64url')), decipher.final()]).toString('utf8');
  }
}

/** A new signing secret: `whsec_` and 32 random bytes in base64 (the Standard Webhooks form). */
export function newWebhookSecret(): string {
  return `whsec_${randomBytes(32).toString('base64')}`;
}
