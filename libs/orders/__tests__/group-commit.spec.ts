import { GroupCommit } from '../group-commit.js';

describe(GroupCommit.name, () => {
  it('should commit items submitted while a statement runs together, and never two items sharing a key', async () => {
    const statements: string[][] = [];
    const group = new GroupCommit<string>({
      maxInFlight: 1,
      maxBatch: 10,
      keysOf: (item) => [item.split('-')[0]!],
      commit: async (items) => {
        statements.push(items);
        await new Promise((resolve) => setTimeout(resolve, 5));
        return new Set(items.filter((item) => !item.endsWith('refused')));
      },
    });

    const answers = await Promise.all(['a-1', 'b-1', 'a-2', 'c-1', 'b-refused'].map((item) => group.submit(item)));

    expect(answers).toEqual([true, true, true, true, false]);
    expect(statements).toEqual([['a-1'], ['b-1', 'a-2'], ['c-1', 'b-refused']]);
  });

  it('should put a power of two of items in each statement, in the order they came', async () => {
    const statements: number[][] = [];
    const group = new GroupCommit<number>({
      maxInFlight: 1,
      maxBatch: 8,
      keysOf: (item) => [String(item)],
      commit: async (items) => {
        statements.push(items);
        await new Promise((resolve) => setTimeout(resolve, 5));
        return new Set(items);
      },
    });

    const answers = await Promise.all(Array.from({ length: 15 }, (_, item) => group.submit(item)));

    expect(answers.every(Boolean)).toBe(true);
    expect(statements).toEqual([[0], [1, 2, 3, 4, 5, 6, 7, 8], [9, 10, 11, 12], [13, 14]]);
  });

  it('should answer false for every item of a statement that failed', async () => {
    const group = new GroupCommit<number>({ maxInFlight: 2, maxBatch: 10, keysOf: (item) => [String(item)], commit: async () => Promise.reject(new Error('connection lost')) });

    expect(await Promise.all([1, 2, 3].map((item) => group.submit(item)))).toEqual([false, false, false]);
  });
});
