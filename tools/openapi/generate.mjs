// TypeScript types of the API from its OpenAPI document, with openapi-typescript (which needs the
// TypeScript 5 JS API: this workspace has its own TypeScript 5, the project's TypeScript 7 has none).
// Used by scripts/openapi.ts (`npm run openapi`) and the staleness checks of scripts/ci/checks.ts.
import openapiTS, { astToString } from 'openapi-typescript';

const HEADER = `// Generated from openapi.json by \`npm run openapi\` (openapi-typescript): do not edit.
// Use it with openapi-fetch: createClient<paths>({ baseUrl }) (see client.ts beside it).
`;

/** The text of clients/typescript/schema.d.ts for this document (an object, already parsed). */
export async function generateTypes(document) {
  const ast = await openapiTS(structuredClone(document), { silent: true, alphabetize: false, rootTypes: false });
  return HEADER + astToString(ast);
}
