import { createParamDecorator, SetMetadata, type ExecutionContext } from '@nestjs/common';
import type { Actor, Role } from '@rwa/common';

export const ROLES_KEY = 'rwa:roles';
export const PUBLIC_KEY = 'rwa:public';

/** The roles allowed to call a handler; any other authenticated caller gets 403. */
export const Roles = (...roles: Role[]) => SetMetadata(ROLES_KEY, roles);

/** A route that needs no API key (health, metrics). */
export const Public = () => SetMetadata(PUBLIC_KEY, true);

/** The authenticated caller. */
export const CurrentActor = createParamDecorator((_data: unknown, context: ExecutionContext): Actor => {
  return context.switchToHttp().getRequest<{ actor: Actor }>().actor;
});
