// The OpenAPI document and the TypeScript client types, from the built API (run by `npm run openapi`):
//   node --import ./scripts/register-aliases.mjs scripts/openapi.ts           writes openapi.json and clients/typescript/schema.d.ts
//   node --import ./scripts/register-aliases.mjs scripts/openapi.ts --check   writes nothing; exits 1 when either is stale
// The application is created in Nest's preview mode: modules and routes are scanned, no provider is
// instantiated, so no database, queue or chain is needed. The document is the one /docs-json serves.
import 'reflect-metadata';
import { readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { NestFactory } from '@nestjs/core';
import { generateTypes } from '../tools/openapi/generate.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
export const OPENAPI_FILE = join(root, 'openapi.json');
export const CLIENT_TYPES_FILE = join(root, 'clients', 'typescript', 'schema.d.ts');

/** The document as the built API describes it. */
export async function currentDocument(): Promise<Record<string, unknown>> {
  const { ApiModule } = await import(join(root, 'dist/apps/api/src/api.module.js'));
  const { buildOpenApiDocument } = await import(join(root, 'dist/apps/api/src/http/openapi-document.js'));
  const app = await NestFactory.create(ApiModule, { preview: true, logger: false, abortOnError: false });
  try {
    return JSON.parse(JSON.stringify(buildOpenApiDocument(app))) as Record<string, unknown>;
  } finally {
    await app.close();
  }
}

export const documentText = (document: unknown): string => `${JSON.stringify(document, null, 2)}\n`;

function read(file: string): string | undefined {
  try {
    return readFileSync(file, 'utf8');
  } catch {
    return undefined;
  }
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const check = process.argv.includes('--check');
  const document = await currentDocument();
  const outputs: [string, string][] = [
    [OPENAPI_FILE, documentText(document)],
    [CLIENT_TYPES_FILE, await generateTypes(document)],
  ];
  let stale = 0;
  for (const [file, text] of outputs) {
    const name = file.slice(root.length + 1);
    if (read(file) === text) {
      process.stdout.write(`[openapi] ${name}: up to date\n`);
    } else if (check) {
      stale += 1;
      process.stderr.write(`[openapi] ${name} is stale: run npm run openapi and commit it\n`);
    } else {
      writeFileSync(file, text);
      process.stdout.write(`[openapi] ${name}: written\n`);
    }
  }
  const operations = Object.values(document.paths as Record<string, Record<string, unknown>>).reduce((sum, item) => sum + Object.keys(item).length, 0);
  process.stdout.write(`[openapi] ${operations} operations\n`);
  process.exit(stale === 0 ? 0 : 1);
}
