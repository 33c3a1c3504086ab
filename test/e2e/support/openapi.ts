// The OpenAPI document at /docs-json, walked by the generated suites (fuzz, authorization matrix):
// operations, their roles (`x-roles`), path parameters and a valid example body per schema. An
// endpoint added later is covered as soon as it is in the document.
import type { Json } from './api-client.js';

export type Method = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

export interface Operation {
  method: Method;
  /** The path template, `/v1/funds/{id}/nav`. */
  path: string;
  operationId: string;
  /** The roles that may call it (`x-roles`); empty for a public operation. */
  roles: string[];
  /** False when the document carries no `x-roles` for it (then `roles` is empty and unknown). */
  rolesDocumented: boolean;
  pathParams: string[];
  queryParams: { name: string; schema: Json }[];
  /** The JSON request body schema, references resolved lazily through `schema()`. */
  bodySchema: Json | undefined;
}

export const WRITE_METHODS: readonly Method[] = ['POST', 'PUT', 'PATCH', 'DELETE'];

export class OpenApiDocument {
  constructor(readonly document: Json) {}

  static async load(baseUrl: string): Promise<OpenApiDocument> {
    const response = await fetch(`${baseUrl}/docs-json`);
    if (!response.ok) throw new Error(`GET /docs-json answered ${response.status}`);
    return new OpenApiDocument(await response.json());
  }

  operations(): Operation[] {
    const operations: Operation[] = [];
    for (const [path, item] of Object.entries(this.document.paths as Record<string, Record<string, Json>>)) {
      for (const [verb, operation] of Object.entries(item)) {
        const method = verb.toUpperCase() as Method;
        if (!['GET', 'POST', 'PUT', 'PATCH', 'DELETE'].includes(method)) continue;
        const parameters = (operation.parameters ?? []) as Json[];
        operations.push({
          method,
          path,
          operationId: operation.operationId ?? `${method} ${path}`,
          roles: operation['x-roles'] ?? [],
          rolesDocumented: Array.isArray(operation['x-roles']),
          pathParams: parameters.filter((p) => p.in === 'path').map((p) => p.name as string),
          queryParams: parameters.filter((p) => p.in === 'query').map((p) => ({ name: p.name as string, schema: this.resolve(p.schema ?? {}) })),
          bodySchema: operation.requestBody?.content?.['application/json']?.schema,
        });
      }
    }
    return operations;
  }

  /** A schema with its `$ref` resolved (one level; call again on properties). */
  resolve(schema: Json): Json {
    let current = schema;
    for (let depth = 0; current?.$ref && depth < 20; depth += 1) {
      const name = (current.$ref as string).replace('#/components/schemas/', '');
      current = this.document.components.schemas[name];
    }
    if (current?.allOf?.length === 1) return this.resolve(current.allOf[0]);
    return current ?? {};
  }

  /** A body the schema accepts, from the examples, enums and formats the document gives. */
  example(schema: Json, depth = 0): Json {
    const resolved = this.resolve(schema);
    if (resolved.example !== undefined) return resolved.example;
    if (resolved.default !== undefined) return resolved.default;
    if (resolved.enum?.length) return resolved.enum[0];
    if (depth > 8) return null;
    switch (resolved.type) {
      case 'object':
      case undefined: {
        if (!resolved.properties) return {};
        const body: Record<string, Json> = {};
        for (const [name, property] of Object.entries(resolved.properties as Record<string, Json>)) {
          const value = this.example(property, depth + 1);
          // Undocumented formats: an `...Id` string is a UUID, a signature 65 bytes of hex.
          body[name] = value !== 'example' ? value : /Id$/.test(name) ? '00000000-0000-4000-8000-000000000000' : /signature$/i.test(name) ? `0x${'11'.repeat(65)}` : value;
        }
        return body;
      }
      case 'array':
        return [this.example(resolved.items ?? {}, depth + 1)];
      case 'integer':
      case 'number':
        return resolved.minimum ?? 1;
      case 'boolean':
        return true;
      case 'string':
        if (resolved.format === 'uuid') return '00000000-0000-4000-8000-000000000000';
        if (resolved.format === 'date-time') return '2030-01-01T00:00:00Z';
        if (resolved.format === 'date') return '2030-01-01';
        return 'example';
      default:
        return null;
    }
  }

  /** The top-level property names of a body schema (for targeted mutations). */
  propertyNames(schema: Json | undefined): string[] {
    if (!schema) return [];
    return Object.keys(this.resolve(schema).properties ?? {});
  }
}

/** `/v1/funds/{id}` with its parameters filled in (values URL-encoded unless `raw`). */
export function fillPath(template: string, values: Record<string, string>, raw = false): string {
  return template.replace(/\{(\w+)\}/g, (_, name: string) => (raw ? values[name]! : encodeURIComponent(values[name]!)));
}

/** The resource kind a path parameter names: the segment before it (`funds` for `/v1/funds/{id}`), or its own name. */
export function parameterKinds(template: string): Record<string, string> {
  const kinds: Record<string, string> = {};
  const segments = template.split('/');
  segments.forEach((segment, index) => {
    const match = /^\{(\w+)\}$/.exec(segment);
    if (match) kinds[match[1]!] = match[1] === 'id' ? (segments[index - 1] ?? 'id') : match[1]!;
  });
  return kinds;
}
