import { Injectable, SetMetadata, type CallHandler, type ExecutionContext, type NestInterceptor } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { Request, Response } from 'express';
import { from, of, switchMap, type Observable } from 'rxjs';
import type { Actor } from '@rwa/common';
import { hashRequest, IdempotencyService } from '@rwa/idempotency';

const OWN_IDEMPOTENCY_KEY = 'rwa:own-idempotency';

/** Marks a handler that records its idempotent answer in its own transaction (orders). */
export const HandlesOwnIdempotency = () => SetMetadata(OWN_IDEMPOTENCY_KEY, true);

/**
 * Honours `Idempotency-Key` on every POST: the same key and body replay the first answer; the same
 * key with another body is 409. Keys are scoped to the caller's organisation.
 */
@Injectable()
export class IdempotencyInterceptor implements NestInterceptor {
  constructor(
    private readonly reflector: Reflector,
    private readonly idempotency: IdempotencyService,
  ) {}

  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    const request = context.switchToHttp().getRequest<Request & { actor?: Actor }>();
    const key = request.header('idempotency-key');
    if (request.method !== 'POST' || key === undefined || !request.actor || this.reflector.get<boolean>(OWN_IDEMPOTENCY_KEY, context.getHandler())) {
      return next.handle();
    }
    this.idempotency.assertValidKey(key);
    const organizationId = request.actor.organizationId;
    const requestHash = hashRequest(request.method, request.path, request.body);
    const response = context.switchToHttp().getResponse<Response>();
    return from(this.idempotency.find(organizationId, key, requestHash)).pipe(
      switchMap((stored) => {
        if (stored) return of(stored.body);
        return next.handle().pipe(
          switchMap((body: unknown) => from(this.idempotency.save(organizationId, key, requestHash, { statusCode: response.statusCode, body })).pipe(switchMap(() => of(body)))),
        );
      }),
    );
  }
}
