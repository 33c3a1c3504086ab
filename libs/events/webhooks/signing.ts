import { Webhook } from 'standardwebhooks';

/** The Standard Webhooks headers of one delivery attempt. */
export interface SignedHeaders {
  'webhook-id': string;
  'webhook-timestamp': string;
  'webhook-signature': string;
}

/**
 * Signs `body` per Standard Webhooks with every secret given (the current one first, then the one
 * rotated out while it overlaps): the signatures are space-separated, and a receiver that knows
 * either secret verifies the delivery. `id` is the event id, the same on every retry and duplicate.
 */
export function signDelivery(secrets: readonly string[], id: string, at: Date, body: string): SignedHeaders {
  if (secrets.length === 0) throw new Error('No secret to sign with');
  const signatures = secrets.map((secret) => signerOf(secret).sign(id, at, body));
  return { 'webhook-id': id, 'webhook-timestamp': Math.floor(at.getTime() / 1000).toString(), 'webhook-signature': signatures.join(' ') };
}

const SIGNERS_KEPT = 10_000;
const signers = new Map<string, Webhook>();

/** The library's signer of one secret, kept: it decodes the secret once. */
function signerOf(secret: string): Webhook {
  let signer = signers.get(secret);
  if (!signer) {
    if (signers.size >= SIGNERS_KEPT) signers.clear();
    signers.set(secret, (signer = new Webhook(secret)));
  }
  return signer;
}
