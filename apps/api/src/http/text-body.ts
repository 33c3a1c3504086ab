import type { NextFunction, Request, Response } from 'express';
import { InputValidationException } from '@rwa/common';
import { HttpLayerException } from './http-errors.js';

/** The media types a text upload may have (an OFAC SDN file is XML or CSV). */
const TEXT_TYPES = /^(text\/(plain|csv|xml)|application\/xml)\s*(;|$)/i;

/** What a text upload reads into `request.body` past its limit: the handler answers 413. */
const TEXT_BODY_TOO_LARGE = Object.freeze({ textBodyTooLarge: true });

/**
 * Reads a text upload (XML, CSV, plain) of at most `maxBytes` into `request.body` as a string,
 * before the handler and the idempotency interceptor run (so a replayed key compares the file).
 * JSON and other types are left to Nest's parsers. Past the limit it stops reading, marks the body
 * TEXT_BODY_TOO_LARGE and closes the connection after the answer; the handler raises the problem.
 */
export function textBody(maxBytes: number) {
  return (request: Request, response: Response, next: NextFunction): void => {
    if (!TEXT_TYPES.test(request.header('content-type') ?? '')) return next();
    const chunks: Buffer[] = [];
    let size = 0;
    let done = false;
    const finish = (body: string | typeof TEXT_BODY_TOO_LARGE) => {
      if (done) return;
      done = true;
      request.removeListener('data', onData);
      request.body = body;
      next();
    };
    const onData = (chunk: Buffer) => {
      size += chunk.length;
      if (size > maxBytes) {
        request.pause();
        response.setHeader('connection', 'close');
        return finish(TEXT_BODY_TOO_LARGE);
      }
      chunks.push(chunk);
    };
    request.on('data', onData);
    request.once('end', () => finish(Buffer.concat(chunks).toString('utf8')));
    request.once('error', (error) => {
      if (!done) {
        done = true;
        next(error);
      }
    });
  };
}

/**
 * The text a handler was sent by textBody().
 * @throws PAYLOAD_TOO_LARGE past the limit, UNSUPPORTED_MEDIA_TYPE for another content type,
 *   VALIDATION_FAILED (field `file`) for an empty one
 */
export function uploadedText(body: unknown, maxBytes: number): string {
  if (body === TEXT_BODY_TOO_LARGE) throw new HttpLayerException('PAYLOAD_TOO_LARGE', `The file is larger than ${maxBytes / 1024 / 1024} MiB`);
  if (typeof body !== 'string') throw new HttpLayerException('UNSUPPORTED_MEDIA_TYPE', 'Send the file itself as the body, as text/xml, application/xml, text/csv or text/plain');
  if (body.trim() === '') throw new InputValidationException([{ field: 'file', message: 'the file is empty' }]);
  return body;
}
