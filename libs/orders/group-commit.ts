import { Logger } from '@nestjs/common';

interface Waiting<T> {
  item: T;
  keys: readonly string[];
  resolve(committed: boolean): void;
}

/**
 * The hot paths' setting: each statement in flight holds a pooled connection (20 per process), so 4
 * leave room for everything else; 32 orders keep a statement's parameters and plan small.
 */
export const HOT_PATH_GROUPS = { maxInFlight: 4, maxBatch: 32 } as const;

export interface GroupCommitOptions<T> {
  /** Statements under way at once; while they run, new items queue for the next one. */
  maxInFlight: number;
  maxBatch: number;
  /** Items sharing a key never go in one statement (the later one waits for the next). */
  keysOf(item: T): readonly string[];
  /** Commits the items in one statement and answers which of them took effect. */
  commit(items: T[]): Promise<ReadonlySet<T>>;
}

/**
 * Group commit: items submitted while earlier statements run are committed together by the next
 * statement, so under load one round trip, one plan and one WAL flush serve many requests, and a
 * lone request goes at once. A statement holds a power of two of items (the rest wait for the
 * next). A statement that fails commits nothing (it is atomic): each of its items answers false,
 * and its caller takes its own path.
 */
export class GroupCommit<T> {
  private readonly logger = new Logger(GroupCommit.name);
  private queue: Waiting<T>[] = [];
  private inFlight = 0;

  constructor(private readonly options: GroupCommitOptions<T>) {}

  /** True when the item was committed, false when it was not (its conditions did not hold, or the statement failed). */
  submit(item: T): Promise<boolean> {
    return new Promise((resolve) => {
      this.queue.push({ item, keys: this.options.keysOf(item), resolve });
      this.pump();
    });
  }

  private pump(): void {
    while (this.inFlight < this.options.maxInFlight && this.queue.length > 0) {
      const batch: Waiting<T>[] = [];
      const later: Waiting<T>[] = [];
      const taken = new Set<string>();
      for (const waiting of this.queue) {
        if (batch.length < this.options.maxBatch && waiting.keys.every((key) => !taken.has(key))) {
          batch.push(waiting);
          for (const key of waiting.keys) taken.add(key);
        } else later.push(waiting);
      }
      // A statement's text, and so its plan, depends on how many items it holds: sizes are powers of
      // two, so a connection plans a handful of shapes rather than one per size up to maxBatch.
      const size = 2 ** Math.floor(Math.log2(batch.length));
      this.queue = [...batch.slice(size), ...later];
      batch.length = size;
      this.inFlight += 1;
      void this.run(batch).finally(() => {
        this.inFlight -= 1;
        this.pump();
      });
    }
  }

  private async run(batch: Waiting<T>[]): Promise<void> {
    try {
      const committed = await this.options.commit(batch.map((waiting) => waiting.item));
      for (const waiting of batch) waiting.resolve(committed.has(waiting.item));
    } catch (error) {
      this.logger.warn(`A group commit of ${batch.length} failed, nothing of it was written; each takes its own path: ${(error as Error).message}`);
      for (const waiting of batch) waiting.resolve(false);
    }
  }
}
