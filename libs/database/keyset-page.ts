import { decodeCursor, encodeCursor, InputValidationException, toPage, type Page, type PageRequest } from '@rwa/common';
import type { ObjectLiteral, SelectQueryBuilder } from 'typeorm';

/** Postgres' own text of a timestamptz in UTC, to the microsecond (what a keyset cursor carries). */
const CURSOR_TIME_SQL = (column: string) => `to_char(${column} AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"')`;

/**
 * One page of a list in (created_at, id) order, or in (due_at, id) order for `timeColumn`, the
 * keyset way: the rows after the cursor, `limit` of them, and the cursor of the next page. The
 * cursor carries the last row's time as Postgres' text to the microsecond, read in the same query:
 * a cursor built from the entity's JavaScript Date lost the microseconds and selected the same row
 * again (a list paged by one never ended). A cursor that is not one of ours is a 400 naming `cursor`.
 */
export async function keysetPage<E extends ObjectLiteral & { id: string }, T>(
  query: SelectQueryBuilder<E>,
  page: PageRequest,
  map: (row: E) => T,
  timeColumn: 'created_at' | 'due_at' = 'created_at',
): Promise<Page<T>> {
  const alias = query.alias;
  const column = `${alias}.${timeColumn}`;
  if (page.cursor !== undefined) {
    const cursor = decodeCursor(page.cursor);
    if (!cursor) throw new InputValidationException([{ field: 'cursor', message: 'cursor is not valid' }]);
    query.andWhere(`(${column}, ${alias}.id) > (CAST(:keysetAt AS timestamptz), CAST(:keysetId AS uuid))`, { keysetAt: cursor.createdAt, keysetId: cursor.id });
  }
  query
    .addSelect(CURSOR_TIME_SQL(column), 'keyset_at')
    .orderBy(column, 'ASC')
    .addOrderBy(`${alias}.id`, 'ASC')
    .limit(page.limit + 1);
  const { entities, raw } = await query.getRawAndEntities<{ keyset_at: string } & Record<string, unknown>>();
  const keysetAt = new Map(raw.map((row) => [row[`${alias}_id`] as string, row.keyset_at]));
  return toPage(entities, page.limit, map, (row) => encodeCursor({ createdAt: keysetAt.get(row.id)!, id: row.id }));
}
