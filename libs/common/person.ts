import type { Actor } from './actor.js';

/**
 * The person behind an actor, for four-eyes rules: two approvals need two different people.
 * Keys bound to a user count as that user (two keys of one user are one person); a key without a
 * user counts as a person of its own. Every four-eyes comparison goes through this one function.
 */
export function personOf(actor: Actor): string {
  const userId = (actor as Actor & { userId?: string | null }).userId;
  return userId ? `user:${userId}` : `api-key:${actor.apiKeyId}`;
}
