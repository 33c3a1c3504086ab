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
}

/** The worker and start-up code act as the system, not as an organisation. */
export const SYSTEM_ACTOR = 'system';

/** The audit trail names an actor by its API key id, or `system`. */
export function actorName(actor: Actor | typeof SYSTEM_ACTOR): string {
  return actor === SYSTEM_ACTOR ? SYSTEM_ACTOR : `api-key:${actor.apiKeyId}`;
}
