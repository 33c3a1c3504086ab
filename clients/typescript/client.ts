// A typed client of the platform API: openapi-fetch over the types generated from openapi.json
// (schema.d.ts, by `npm run openapi`). Paths, bodies, parameters and answers are checked by the
// compiler against the document:
//   const api = createPlatformClient('https://platform.example', process.env.API_KEY);
//   const { data, error, response } = await api.POST('/v1/orders', { body, params: { header: { 'Idempotency-Key': key } } });
import createClient, { type Client, type ClientOptions } from 'openapi-fetch';
import type { components, paths } from './schema.js';

export type { components, operations, paths } from './schema.js';

/** The schemas of the document by name: `Schemas['OrderResponseDto']`. */
export type Schemas = components['schemas'];

export type PlatformClient = Client<paths>;

/** A client of the API at `baseUrl`, sending `apiKey` as the bearer token when given. */
export function createPlatformClient(baseUrl: string, apiKey?: string, options: Omit<ClientOptions, 'baseUrl'> = {}): PlatformClient {
  const headers = { ...(options.headers as Record<string, string> | undefined), ...(apiKey === undefined ? {} : { authorization: `Bearer ${apiKey}` }) };
  return createClient<paths>({ ...options, baseUrl, headers });
}
