// The generated client (clients/typescript: openapi-fetch over the types of openapi.json) for the
// e2e suites, with every answer checked against the committed document at run time: its status must
// be documented for the operation, and its JSON body must match the documented schema (required
// fields, types, formats, patterns, enums). Compile time checks the requests; this checks the answers.
import { readFileSync } from 'node:fs';
import { Ajv2020 } from 'ajv/dist/2020.js';
import type { ValidateFunction } from 'ajv';
import { createPlatformClient, type PlatformClient } from '../../../clients/typescript/client.js';
import type { Json } from './api-client.js';

const DOCUMENT_ID = 'https://rwa-platform.local/openapi.json';
const document = JSON.parse(readFileSync(new URL('../../../openapi.json', import.meta.url), 'utf8')) as Json;
const ajv = new Ajv2020({ allErrors: true, strict: false });
ajv.addFormat('uuid', /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i);
ajv.addFormat('date', /^\d{4}-\d{2}-\d{2}$/);
ajv.addFormat('date-time', /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$/);
ajv.addSchema({ $id: DOCUMENT_ID, components: document.components });

const validators = new Map<string, ValidateFunction>();

function validatorFor(schema: Json): ValidateFunction {
  const key = JSON.stringify(schema);
  let validate = validators.get(key);
  if (!validate) {
    validate = ajv.compile(rebase(schema));
    validators.set(key, validate);
  }
  return validate;
}

/** Local `#/components/...` references, pointed at the document registered above. */
function rebase(schema: Json): Json {
  return JSON.parse(JSON.stringify(schema).replaceAll('"#/components/', `"${DOCUMENT_ID}#/components/`));
}

/** Why `body`, the answer `status` of `method path`, does not match the document (empty: it does). */
export function answerProblems(method: string, path: string, status: number, contentType: string, body: unknown): string[] {
  const operation = document.paths[path]?.[method.toLowerCase()];
  if (!operation) return [`${method} ${path} is not in openapi.json`];
  let response = operation.responses?.[String(status)];
  if (!response) return [`${method} ${path} answered ${status}, which openapi.json does not document (${Object.keys(operation.responses ?? {}).join(', ')})`];
  if (response.$ref) response = document.components.responses[String(response.$ref).split('/').pop()!];
  const mediaType = contentType.split(';')[0]!.trim();
  const schema = response.content?.[mediaType]?.schema;
  if (!response.content) return body === '' || body === undefined ? [] : [`${method} ${path} ${status} has a body, but openapi.json documents none`];
  if (!schema) return [`${method} ${path} ${status} answered ${mediaType}, which openapi.json does not document (${Object.keys(response.content).join(', ')})`];
  const validate = validatorFor(schema);
  return validate(body) ? [] : (validate.errors ?? []).map((e) => `${method} ${path} ${status}: ${e.instancePath || '/'} ${e.message ?? ''} ${JSON.stringify(e.params)}`);
}

/** The generated client with `apiKey`, failing any call whose answer the document does not describe. */
export function typedClient(baseUrl: string, apiKey?: string): PlatformClient {
  const client = createPlatformClient(baseUrl, apiKey);
  client.use({
    async onResponse({ request, response, schemaPath }) {
      const text = await response.clone().text();
      let body: unknown = text;
      try {
        body = text === '' ? '' : JSON.parse(text);
      } catch {
        // not JSON: compared as text
      }
      const problems = answerProblems(request.method, schemaPath, response.status, response.headers.get('content-type') ?? '', body);
      if (problems.length > 0) throw new Error(`the answer does not match openapi.json:\n${problems.join('\n')}\n${text.slice(0, 2000)}`);
      return undefined;
    },
  });
  return client;
}
