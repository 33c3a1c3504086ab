/**
 * One SQL statement assembled from fragments that several modules contribute (each writes only its
 * own tables), numbering the parameters as they are added. It lets a hot path commit a whole change
 * in one round trip, as one atomic statement, without any module writing another module's tables.
 */
export class SqlStatement {
  private readonly values: unknown[] = [];

  /** A placeholder for `value`, optionally cast (`uuid`, `timestamptz`, ...). */
  param(value: unknown, cast?: string): string {
    this.values.push(value);
    return cast ? `$${this.values.length}::${cast}` : `$${this.values.length}`;
  }

  get params(): readonly unknown[] {
    return this.values;
  }
}
