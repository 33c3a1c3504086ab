import type { INestApplication } from '@nestjs/common';
import type { NestExpressApplication } from '@nestjs/platform-express';
import type { NextFunction, Request, Response } from 'express';
import { InputValidationException, type FieldError } from '@rwa/common';

/**
 * Limits on what a request may carry, checked before anything else reads it (guards, the
 * idempotency interceptor's hash, the validation pipe, the database):
 * - a JSON or form body of at most BODY_LIMIT (larger: 413);
 * - at most MAX_DEPTH levels of nesting and MAX_VALUES values: class-transformer and the request
 *   hash recurse, and a deeply nested body used to overflow the stack (500);
 * - no NUL character and no unpaired UTF-16 surrogate in any string or key of the body, the query
 *   or the path: Postgres refuses both in text (500 before this check).
 */
export const INPUT_LIMITS = { bodyLimit: '256kb', maxDepth: 32, maxValues: 10_000 } as const;

/** Registers the body parsers with their limits, then the input check, ahead of every route. */
export function configureInputParsing(app: INestApplication): void {
  const express = app as NestExpressApplication;
  // Registering them here keeps Nest from adding its defaults (unlimited `extended` forms) at init.
  express.useBodyParser('json', { limit: INPUT_LIMITS.bodyLimit, strict: true });
  express.useBodyParser('urlencoded', { limit: INPUT_LIMITS.bodyLimit, extended: false, parameterLimit: 100 });
  app.use(rejectUnsafeInput);
}

function rejectUnsafeInput(request: Request, _response: Response, next: NextFunction): void {
  let path: string;
  try {
    path = decodeURIComponent(request.path);
  } catch {
    next(new InputValidationException([{ field: 'path', message: 'path is not valid percent-encoded UTF-8' }]));
    return;
  }
  const problem = unsafeString(path, 'path') ?? findUnsafeInput(request.query, 'query') ?? findUnsafeInput(request.body, 'body');
  next(problem ? new InputValidationException([problem]) : undefined);
}

/** A high surrogate not followed by a low one, or a low one not preceded by a high one. */
const UNPAIRED_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

/** Why a string may not reach the database, if it may not. */
function unsafeString(value: string, field: string): FieldError | undefined {
  if (value.includes('\u0000')) return { field, message: `${field} must not contain NUL characters` };
  if (UNPAIRED_SURROGATE.test(value)) return { field, message: `${field} must be well-formed Unicode (no unpaired surrogates)` };
  return undefined;
}

/**
 * The first problem in a parsed body or query: too deep, too many values, or an unsafe string.
 * Iterative, so that a hostile depth cannot overflow the stack here either. Fields are named as the
 * validation pipe names them (`travelRule.originator.name`, `eligibleJurisdictions.2`).
 */
export function findUnsafeInput(value: unknown, root: 'body' | 'query'): FieldError | undefined {
  const stack: { value: unknown; field: string; depth: number }[] = [{ value, field: '', depth: 0 }];
  let values = 0;
  while (stack.length > 0) {
    const current = stack.pop()!;
    const field = current.field || root;
    values += 1;
    if (values > INPUT_LIMITS.maxValues) return { field: root, message: `${root} has more than ${INPUT_LIMITS.maxValues} values` };
    if (typeof current.value === 'string') {
      const problem = unsafeString(current.value, field);
      if (problem) return problem;
      continue;
    }
    if (current.value === null || typeof current.value !== 'object') continue;
    if (current.depth >= INPUT_LIMITS.maxDepth) return { field, message: `${field} is nested deeper than ${INPUT_LIMITS.maxDepth} levels` };
    for (const [key, child] of Object.entries(current.value)) {
      const name = current.field ? `${current.field}.${key}` : key;
      const problem = unsafeString(key, name);
      if (problem) return problem;
      stack.push({ value: child, field: name, depth: current.depth + 1 });
    }
  }
  return undefined;
}
