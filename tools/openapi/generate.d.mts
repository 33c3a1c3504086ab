/** The text of clients/typescript/schema.d.ts for this OpenAPI document (already parsed). */
export function generateTypes(document: unknown): Promise<string>;
