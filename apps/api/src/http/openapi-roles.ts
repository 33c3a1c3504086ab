import type { INestApplication, Type } from '@nestjs/common';
import { ROUTE_ARGS_METADATA } from '@nestjs/common/constants.js';
import { RouteParamtypes } from '@nestjs/common/enums/route-paramtypes.enum.js';
import { ModulesContainer, Reflector } from '@nestjs/core';
import type { OpenAPIObject } from '@nestjs/swagger';
import { Role } from '@rwa/common';
import { PUBLIC_KEY, ROLES_KEY } from './auth.decorators.js';
import { UuidParamPipe } from './uuid-param.pipe.js';

/** Where @ApiOperation keeps its options (DECORATORS.API_OPERATION of @nestjs/swagger, which exports no constants). */
const API_OPERATION_METADATA = 'swagger/apiOperation';

/** What the route metadata says of one operation, beyond what Swagger reads. */
interface RouteFacts {
  roles: Role[];
  /** Path parameters read through UuidParamPipe (a non-UUID answers 400). */
  uuidParams: string[];
}

/**
 * Adds `x-roles` to every operation of the OpenAPI document: the roles the ApiKeyGuard lets call it,
 * read from the same route metadata the guard reads (`@Roles` on the handler, else on the
 * controller; every role when neither names any; none for a `@Public` route). Generated suites
 * (the authorization matrix, the fuzz) walk it, so a new endpoint is covered as it is added.
 * Path parameters read through UuidParamPipe get `format: uuid`. Operations are matched by their
 * operationId: the one given to `@ApiOperation` (ApiEndpoint), else Swagger's `<Controller>_<method>`.
 */
export function addRolesExtension(app: INestApplication, document: OpenAPIObject): void {
  const reflector = new Reflector();
  const facts = new Map<string, RouteFacts>();
  for (const module of app.get(ModulesContainer).values()) {
    for (const wrapper of module.controllers.values()) {
      const controller = wrapper.metatype as Type | null;
      if (!controller) continue;
      for (const name of Object.getOwnPropertyNames(controller.prototype)) {
        const handler = (controller.prototype as Record<string, unknown>)[name];
        if (name === 'constructor' || typeof handler !== 'function') continue;
        const targets = [handler, controller];
        const roles = reflector.getAllAndOverride<boolean>(PUBLIC_KEY, targets) ? [] : (reflector.getAllAndOverride<Role[] | undefined>(ROLES_KEY, targets) ?? Object.values(Role));
        const operationId = (Reflect.getMetadata(API_OPERATION_METADATA, handler) as { operationId?: string } | undefined)?.operationId ?? `${controller.name}_${name}`;
        facts.set(operationId, { roles, uuidParams: uuidParamsOf(controller, name) });
      }
    }
  }
  for (const item of Object.values(document.paths)) {
    for (const operation of Object.values(item)) {
      const id = (operation as { operationId?: string } | undefined)?.operationId;
      if (id === undefined) continue;
      const found = facts.get(id);
      if (!found) continue;
      (operation as Record<string, unknown>)['x-roles'] = found.roles;
      for (const parameter of ((operation as { parameters?: { in: string; name: string; schema?: Record<string, unknown> }[] }).parameters ?? [])) {
        if (parameter.in === 'path' && found.uuidParams.includes(parameter.name)) parameter.schema = { ...parameter.schema, type: 'string', format: 'uuid' };
      }
    }
  }
}

function uuidParamsOf(controller: Type, method: string): string[] {
  const args = (Reflect.getMetadata(ROUTE_ARGS_METADATA, controller, method) ?? {}) as Record<string, { data?: unknown; pipes?: unknown[] }>;
  return Object.entries(args)
    .filter(([key, arg]) => Number(key.split(':')[0]) === RouteParamtypes.PARAM && typeof arg.data === 'string' && (arg.pipes ?? []).includes(UuidParamPipe))
    .map(([, arg]) => arg.data as string);
}
