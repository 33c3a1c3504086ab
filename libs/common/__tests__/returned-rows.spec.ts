import { returnedRows } from '../returned-rows.js';

describe('returnedRows', () => {
  it("should take the rows of an UPDATE or DELETE answer, which TypeORM's Postgres driver gives as [rows, count]", () => {
    expect(returnedRows([[{ id: 'a' }, { id: 'b' }, { id: 'c' }], 3])).toEqual([{ id: 'a' }, { id: 'b' }, { id: 'c' }]);
    expect(returnedRows([[], 0])).toEqual([]);
  });

  it('should take a SELECT or INSERT answer, the rows alone, as it is', () => {
    expect(returnedRows([{ id: 'a' }, { id: 'b' }])).toEqual([{ id: 'a' }, { id: 'b' }]);
    expect(returnedRows([])).toEqual([]);
  });
});
