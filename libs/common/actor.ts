/** Organisation types of the platform. */
export enum OrganizationType {
  PLATFORM = 'PLATFORM',
  ISSUER = 'ISSUER',
  DISTRIBUTOR = 'DISTRIBUTOR',
}

/** API key roles (api-contract.md). */
export enum Role {
  ADMIN = 'ADMIN',
  COMPLIANCE = 'COMPLIANCE',
  ISSUER = 'ISSUER',
  DISTRIBUTOR = 'DISTRIBUTOR',
}

/** Who is calling: the authenticated API key and its organisation. Every query is scoped by it. */
export interface Actor {
  organizationId: string;
  organizationType: OrganizationType;
  role: Role;
  apiKeyId: string;
  /** The person the key belongs to; null for a key without a user (older keys, DISTRIBUTOR and ADMIN keys may have none). */
  userId: string | null;
}

/** The worker and start-up code act as the system, not as an organisation. */
export const SYSTEM_ACTOR = 'system';

/**
 * The audit trail names an actor by its user and the key used (`user:<id>/api-key:<id>`), by its
 * API key alone when the key has no user, or `system`.
 */
export function actorName(actor: Actor | typeof SYSTEM_ACTOR): string {
  if (actor === SYSTEM_ACTOR) return SYSTEM_ACTOR;
  return actor.userId ? `user:${actor.userId}/api-key:${actor.apiKeyId}` : `api-key:${actor.apiKeyId}`;
}

/**
 * The person behind an actor, for four-eyes rules: the user, so that two keys of one user count as
 * one person; a key without a user counts as a person of its own. Two actors are the same person
 * exactly when their personOf values are equal.
 */
export function personOf(actor: Actor): string {
  return actor.userId ? `user:${actor.userId}` : `api-key:${actor.apiKeyId}`;
}
