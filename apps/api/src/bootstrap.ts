import type { INestApplication } from '@nestjs/common';
import { SwaggerModule } from '@nestjs/swagger';
import type { NextFunction, Request, Response } from 'express';
import { BLOCKLIST_IMPORT_PATH, BLOCKLIST_UPLOAD_MAX_BYTES } from './controllers/kyt.controller.js';
import { textBody } from './http/text-body.js';
import { configureInputParsing } from './http/input-guard.js';
import { buildOpenApiDocument } from './http/openapi-document.js';
import { requestIdOf } from './http/request-logging.js';

/** HTTP set-up shared by main.ts and the tests: request ids, OpenAPI at /docs and /docs-json. */
export function configureHttp(app: INestApplication): void {
  app.use((request: Request & { id?: string }, response: Response, next: NextFunction) => {
    request.id = requestIdOf(request);
    response.setHeader('x-request-id', request.id);
    next();
  });
  // An OFAC SDN file is uploaded as the body itself (XML or CSV), which the JSON parser leaves.
  app.use(BLOCKLIST_IMPORT_PATH, textBody(BLOCKLIST_UPLOAD_MAX_BYTES));
  configureInputParsing(app);
  const document = buildOpenApiDocument(app);
  SwaggerModule.setup('docs', app, document, { jsonDocumentUrl: 'docs-json' });
}
