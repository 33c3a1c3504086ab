import { Injectable, SetMetadata, type CallHandler, type ExecutionContext, type NestInterceptor } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { Request, Response } from 'express';
import { from, lastValueFrom, map, type Observable } from 'rxjs';
import type { Actor } from '@rwa/common';
import { hashRequest, IdempotencyService } from '@rwa/idempotency';

const OWN_IDEMPOTENCY_KEY = 'rwa:own-idempotency';
const SECRET_ANSWER_KEY = 'rwa:secret-answer';

/** Marks a handler that records its idempotent answer in its own statement (orders, payment confirmation). */
export const HandlesOwnIdempotency = () => SetMetadata(OWN_IDEMPOTENCY_KEY, true);

/**
 * Marks a handler whose answer carries a secret (a new API key, a webhook secret): its idempotency
 * record keeps a marker, never the body, and a replay answers 409 IDEMPOTENT_REPLAY_UNAVAILABLE.
 */
export const AnswerCarriesSecret = () => SetMetadata(SECRET_ANSWER_KEY, true);

/**
 * Honours `Idempotency-Key` on every POST (keys scoped to the caller's organisation): the key is
 * claimed, the handler runs and its answer is recorded in ONE transaction, which every
 * `dataSource.transaction(...)`, repository and SqlStatement of the handler joins
 * (TransactionContext). Concurrent retries give one effect and the same answer (status and body);
 * the same key with another body is 409; a refused request (any error) leaves no record.
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
    const response = context.switchToHttp().getResponse<Response>();
    const withholdAnswer = this.reflector.get<boolean>(SECRET_ANSWER_KEY, context.getHandler()) === true;
    const answer = this.idempotency.claimed(
      request.actor.organizationId,
      key,
      hashRequest(request.method, request.path, request.body),
      // next.handle() is called here, inside the ambient transaction, so the handler runs in it.
      async () => {
        const body = await lastValueFrom(next.handle(), { defaultValue: undefined });
        return { statusCode: response.statusCode, body };
      },
      { withholdAnswer },
    );
    return from(answer).pipe(
      map((stored) => {
        response.status(stored.statusCode);
        return stored.body;
      }),
    );
  }
}
