import { isIsoDateTime } from './dates.js';

/** A page of a list endpoint: `{ items, nextCursor }` (api-contract.md). */
export interface Page<T> {
  items: T[];
  nextCursor: string | null;
}

export interface PageRequest {
  limit: number;
  cursor?: string;
}

/**
 * Keyset cursor over (createdAt, id), opaque to clients. `createdAt` is the timestamp as Postgres
 * wrote it, to the microsecond (`2026-11-26T08:00:00.123456Z`): a JavaScript Date keeps
 * milliseconds only, and a cursor rounded down to them re-selects the row it came from, so that a
 * page of one repeated the same row forever.
 */
export interface KeysetCursor {
  createdAt: string;
  id: string;
}

const CURSOR_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}(\d{3})?Z$/;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export function encodeCursor(cursor: KeysetCursor): string {
  return encodeKeyCursor([cursor.createdAt, cursor.id]);
}

/** Returns undefined for a cursor that is not one of ours (or names no real instant); callers answer 400. */
export function decodeCursor(raw: string): KeysetCursor | undefined {
  const parts = decodeKeyCursor(raw, 2);
  if (!parts) return undefined;
  const [createdAt, id] = parts as [string, string];
  if (!CURSOR_TIME.test(createdAt) || !isIsoDateTime(createdAt) || !UUID.test(id)) return undefined;
  return { createdAt, id };
}

/** A cursor of `parts` (strings: the sort key of the last row of a page). */
export function encodeKeyCursor(parts: readonly string[]): string {
  return Buffer.from(JSON.stringify(parts)).toString('base64url');
}

/** The `length` strings of a cursor made by encodeKeyCursor, or undefined for anything else. */
export function decodeKeyCursor(raw: string, length: number): string[] | undefined {
  if (raw.length > 500 || !/^[A-Za-z0-9_-]+$/.test(raw)) return undefined;
  try {
    const parsed: unknown = JSON.parse(Buffer.from(raw, 'base64url').toString('utf8'));
    if (Array.isArray(parsed) && parsed.length === length && parsed.every((part) => typeof part === 'string' && part.length <= 200)) return parsed as string[];
  } catch {
    // fall through: malformed cursors are reported by the caller
  }
  return undefined;
}

/**
 * Builds a page from `limit + 1` rows fetched in key order: the extra row only says there is a next
 * page, whose cursor is the key of the last row shown (`cursorOf`, from encodeCursor or encodeKeyCursor).
 */
export function toPage<R, T>(rows: R[], limit: number, map: (row: R) => T, cursorOf: (row: R) => string): Page<T> {
  const items = rows.slice(0, limit);
  const last = items.at(-1);
  return { items: items.map(map), nextCursor: rows.length > limit && last !== undefined ? cursorOf(last) : null };
}
