import type { INestApplication, Type } from '@nestjs/common';
import { ModulesContainer, Reflector } from '@nestjs/core';
import type { OpenAPIObject } from '@nestjs/swagger';
import { Role } from '@rwa/common';
import { PUBLIC_KEY, ROLES_KEY } from './auth.decorators.js';

/** Where @nestjs/swagger keeps @ApiOperation's options on a handler (DECORATORS.API_OPERATION). */
const API_OPERATION_METADATA = 'swagger/apiOperation';

/**
 * Adds `x-roles` to every operation of the OpenAPI document: the roles the ApiKeyGuard lets call it,
 * read from the same route metadata the guard reads (`@Roles` on the handler, else on the
 * controller; every role when neither names any; none for a `@Public` route). Generated suites
 * (the authorization matrix, the fuzz) walk it, so a new endpoint is covered as it is added.
 * Operations are matched by the operationId Swagger derives (`<Controller>_<method>`), or the one
 * an @ApiOperation names.
 */
export function addRolesExtension(app: INestApplication, document: OpenAPIObject): void {
  const reflector = new Reflector();
  const rolesByOperation = new Map<string, Role[]>();
  for (const module of app.get(ModulesContainer).values()) {
    for (const wrapper of module.controllers.values()) {
      const controller = wrapper.metatype as Type | null;
      if (!controller) continue;
      for (const name of Object.getOwnPropertyNames(controller.prototype)) {
        const handler = (controller.prototype as Record<string, unknown>)[name];
        if (name === 'constructor' || typeof handler !== 'function') continue;
        const targets = [handler, controller];
        const roles = reflector.getAllAndOverride<boolean>(PUBLIC_KEY, targets) ? [] : (reflector.getAllAndOverride<Role[] | undefined>(ROLES_KEY, targets) ?? Object.values(Role));
        rolesByOperation.set(`${controller.name}_${name}`, roles);
        // An operationId named in @ApiOperation replaces the derived one.
        const named = (reflector.get<{ operationId?: string } | undefined>(API_OPERATION_METADATA, handler as Type) ?? {}).operationId;
        if (named) rolesByOperation.set(named, roles);
      }
    }
  }
  for (const item of Object.values(document.paths)) {
    for (const operation of Object.values(item)) {
      const id = (operation as { operationId?: string } | undefined)?.operationId;
      if (id === undefined) continue;
      const roles = rolesByOperation.get(id);
      if (roles) (operation as Record<string, unknown>)['x-roles'] = roles;
    }
  }
}
