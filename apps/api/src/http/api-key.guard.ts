import { Injectable, type CanActivate, type ExecutionContext } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { Request } from 'express';
import type { Actor, Role } from '@rwa/common';
import { OrganizationsService } from '@rwa/organizations';
import { PUBLIC_KEY, ROLES_KEY } from './auth.decorators.js';
import { HttpLayerException } from './http-errors.js';

/** Authenticates `Authorization: Bearer <api key>` (401) and enforces the handler's roles (403). */
@Injectable()
export class ApiKeyGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    private readonly organizations: OrganizationsService,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const targets = [context.getHandler(), context.getClass()];
    if (this.reflector.getAllAndOverride<boolean>(PUBLIC_KEY, targets)) return true;
    const request = context.switchToHttp().getRequest<Request & { actor?: Actor }>();
    await this.authorize(request, this.reflector.getAllAndOverride<Role[] | undefined>(ROLES_KEY, targets));
    return true;
  }

  /** The key's actor (set on the request), or 401/403; also used by routes outside Nest's router (the queue dashboard). */
  async authorize(request: Request & { actor?: Actor }, roles: readonly Role[] | undefined): Promise<Actor> {
    const match = /^Bearer (\S+)$/.exec(request.headers.authorization ?? '');
    const actor = match ? await this.organizations.authenticate(match[1]!) : null;
    if (!actor) throw new HttpLayerException('UNAUTHORIZED', 'A valid API key is required: Authorization: Bearer <key>');
    request.actor = actor;
    if (roles && !roles.includes(actor.role)) {
      throw new HttpLayerException('FORBIDDEN', `This operation needs the ${roles.join(' or ')} role; this key is ${actor.role}`);
    }
    return actor;
  }
}
