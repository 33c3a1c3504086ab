/** A page of a list endpoint: `{ items, nextCursor }` (api-contract.md). */
export interface Page<T> {
  items: T[];
  nextCursor: string | null;
}

export interface PageRequest {
  limit: number;
  cursor?: string;
}

/** Keyset cursor over (createdAt, id), opaque to clients. */
export interface KeysetCursor {
  createdAt: string;
  id: string;
}

export function encodeCursor(cursor: KeysetCursor): string {
  return Buffer.from(JSON.stringify([cursor.createdAt, cursor.id])).toString('base64url');
}

/** Returns undefined for a cursor that is not one of ours; callers answer 400. */
export function decodeCursor(raw: string): KeysetCursor | undefined {
  try {
    const parsed: unknown = JSON.parse(Buffer.from(raw, 'base64url').toString('utf8'));
    if (Array.isArray(parsed) && parsed.length === 2 && typeof parsed[0] === 'string' && typeof parsed[1] === 'string') {
      return { createdAt: parsed[0], id: parsed[1] };
    }
  } catch {
    // fall through: malformed cursors are reported by the caller
  }
  return undefined;
}

/** Builds a page from `limit + 1` rows fetched in keyset order. */
export function toPage<R extends { id: string; createdAt: Date }, T>(rows: R[], limit: number, map: (row: R) => T): Page<T> {
  const items = rows.slice(0, limit);
  const last = items.at(-1);
  const nextCursor = rows.length > limit && last ? encodeCursor({ createdAt: last.createdAt.toISOString(), id: last.id }) : null;
  return { items: items.map(map), nextCursor };
}
