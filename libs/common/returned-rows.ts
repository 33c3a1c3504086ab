/**
 * The rows of an UPDATE or DELETE ... RETURNING run through `DataSource.query`: TypeORM's Postgres
 * driver answers those statements with `[rows, affectedCount]` (a SELECT or INSERT with the rows
 * alone), so `result.length` would be 2, whatever was changed.
 */
export function returnedRows<Row>(result: unknown): Row[] {
  if (Array.isArray(result) && result.length === 2 && Array.isArray(result[0]) && typeof result[1] === 'number') return result[0] as Row[];
  return result as Row[];
}
