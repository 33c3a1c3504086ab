import type { DataSource, EntityTarget, ObjectLiteral } from 'typeorm';

/**
 * The entity of a row that a hand-written statement read (`SELECT t.*`, by column name), each value
 * converted exactly as TypeORM converts the rows it reads itself.
 */
export function hydrate<T extends ObjectLiteral>(dataSource: DataSource, target: EntityTarget<T>, row: Record<string, unknown>): T {
  const metadata = dataSource.getMetadata(target);
  const entity = metadata.create() as T;
  for (const column of metadata.columns) column.setEntityValue(entity, dataSource.driver.prepareHydratedValue(row[column.databaseName], column));
  return entity;
}
