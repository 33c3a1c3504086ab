import type { DataSource } from 'typeorm';
import { AuditEventEntity } from './audit-event.entity.js';
import { GENESIS_HASH, hashAuditRow } from './audit-hash.js';

/**
 * How a chain breaks (docs/audit.md):
 * - HASH_MISMATCH: the row's seal is not the keyed seal of its content and place: the row was
 *   changed, or (re)sealed by someone without AUDIT_SEAL_KEY (a rewritten chain);
 * - PREV_HASH_MISMATCH: the row does not link to the row before it: a row before it was removed,
 *   inserted or re-sealed;
 * - POSITION_GAP: the chain skips a position (rows renumbered or removed);
 * - TAIL_MISSING: the chain ends before the head anchored outside the database: its newest rows
 *   were deleted;
 * - ANCHOR_MISMATCH: the row at the anchored head's position is not the row anchored: the chain
 *   was rewritten up to there, or a row was unsealed and sealed again with other content.
 */
export type AuditProblem = 'HASH_MISMATCH' | 'PREV_HASH_MISMATCH' | 'POSITION_GAP' | 'TAIL_MISSING' | 'ANCHOR_MISMATCH';

/** The first place where a chain breaks, and how. */
export interface BrokenAuditRow {
  chain: number;
  /** The chain position where it breaks. */
  position: string;
  /** The row found there; null for TAIL_MISSING (the row is gone). */
  seq: string | null;
  id: string | null;
  problem: AuditProblem;
  expected: string | null;
  found: string | null;
}

/** A chain's head (position and seal). */
export interface AuditChainHead {
  position: bigint;
  hash: string;
}

/** What verification found in one chain. */
export interface AuditChainSummary {
  chain: number;
  /** Sealed rows checked (up to and including the first broken one). */
  rows: number;
  headPosition: string;
  headHash: string | null;
  /** The head anchored outside the database, if any. */
  anchoredPosition: string | null;
  anchoredHash: string | null;
}

/** The checks of the rows themselves: seals, links, positions and anchored heads. */
export interface AuditChainVerification {
  valid: boolean;
  checkedRows: number;
  /** Rows written but not sealed into their chain yet (AuditSealer seals them within moments). */
  unsealedRows: number;
  /** The first problem found (the lowest chain's), or null. */
  firstBroken: BrokenAuditRow | null;
  /** The first problem of each broken chain. */
  problems: BrokenAuditRow[];
  chains: AuditChainSummary[];
  verifiedAt: string;
}

/** A sealed row as the check needs it. */
type SealedRow = Pick<AuditEventEntity, 'seq' | 'id' | 'entityType' | 'entityId' | 'action' | 'fromStatus' | 'toStatus' | 'actor' | 'reason' | 'data' | 'at' | 'chain' | 'chainPos' | 'prevHash' | 'hash'>;

/**
 * Checks the rows of one chain in position order, from a head known to be good (genesis, or an
 * anchored head): each must come at the next position, link to the previous seal and carry the
 * keyed seal of its content; the row at the anchored position must be the anchored one, and the
 * chain must reach it. One rule for the full verification and for the anchoring's check that a new
 * head extends the anchored one.
 */
export class AuditChainCheck {
  private position: bigint;
  private hash: string;
  /** Rows checked, the broken one included. */
  rows = 0;

  constructor(
    private readonly sealKey: string,
    readonly chain: number,
    from: AuditChainHead = { position: 0n, hash: GENESIS_HASH },
    private readonly anchored: AuditChainHead | null = null,
  ) {
    this.position = from.position;
    this.hash = from.hash;
  }

  get head(): AuditChainHead {
    return { position: this.position, hash: this.hash };
  }

  /** The problem with the next row, or null (then it becomes the head). */
  next(row: SealedRow): BrokenAuditRow | null {
    this.rows += 1;
    const position = BigInt(row.chainPos!);
    const broken = (problem: AuditProblem, expected: string | null, found: string | null): BrokenAuditRow => ({
      chain: this.chain,
      position: position.toString(),
      seq: row.seq,
      id: row.id,
      problem,
      expected,
      found,
    });
    if (row.prevHash !== this.hash) return broken('PREV_HASH_MISMATCH', this.hash, row.prevHash);
    if (position !== this.position + 1n) return broken('POSITION_GAP', (this.position + 1n).toString(), position.toString());
    const expected = hashAuditRow(this.sealKey, { ...row, chain: Number(row.chain), chainPos: position.toString(), prevHash: this.hash });
    if (row.hash !== expected) return broken('HASH_MISMATCH', expected, row.hash);
    if (this.anchored && position === this.anchored.position && expected !== this.anchored.hash) return broken('ANCHOR_MISMATCH', this.anchored.hash, expected);
    this.position = position;
    this.hash = expected;
    return null;
  }

  /** The problem with where the chain ends (after its last row), or null. */
  end(): BrokenAuditRow | null {
    if (this.anchored && this.position < this.anchored.position) {
      return { chain: this.chain, position: (this.position + 1n).toString(), seq: null, id: null, problem: 'TAIL_MISSING', expected: this.anchored.hash, found: null };
    }
    return null;
  }
}

const BATCH = 2000;
const MAX_POSITION = '9223372036854775807';

/**
 * Walks each chain in position order and checks every row (AuditChainCheck): a row changed by
 * hand no longer matches its seal, a row removed or inserted breaks the link to the next one, a
 * chain recomputed without the seal key fails at its first row, and a chain shorter than, or
 * different at, its anchored head was cut or rewritten. A broken chain is reported at its first
 * break and the walk goes on with the next chain. Reads in keyset batches, so memory stays flat
 * however long the trail is. Verifies sealed rows; AuditVerificationService seals what is committed
 * first and reads the anchored heads.
 */
export async function verifyAuditChain(
  dataSource: DataSource,
  sealKey: string,
  anchoredHeads: ReadonlyMap<number, AuditChainHead> = new Map(),
): Promise<AuditChainVerification> {
  const repository = dataSource.getRepository(AuditEventEntity);
  const [{ unsealed }] = (await dataSource.query('SELECT count(*)::int AS unsealed FROM audit_events WHERE chain_pos IS NULL')) as [{ unsealed: number }];
  const chains: AuditChainSummary[] = [];
  const problems: BrokenAuditRow[] = [];
  let checkedRows = 0;
  let check: AuditChainCheck | null = null;
  let after = { chain: -1, pos: '0' };
  const finish = (current: AuditChainCheck, broken: BrokenAuditRow | null) => {
    const problem = broken ?? current.end();
    if (problem) problems.push(problem);
    const anchored = anchoredHeads.get(current.chain);
    const head = current.head;
    chains.push({
      chain: current.chain,
      rows: current.rows,
      headPosition: head.position.toString(),
      headHash: head.position > 0n ? head.hash : null,
      anchoredPosition: anchored?.position.toString() ?? null,
      anchoredHash: anchored?.hash ?? null,
    });
    checkedRows += current.rows;
  };
  for (;;) {
    const rows = await repository
      .createQueryBuilder('event')
      .where('event.chain_pos IS NOT NULL AND (event.chain, event.chain_pos) > (:chain, :pos)', after)
      .orderBy('event.chain', 'ASC')
      .addOrderBy('event.chain_pos', 'ASC')
      .limit(BATCH)
      .getMany();
    let skipped = false;
    for (const row of rows) {
      if (!check || check.chain !== row.chain) {
        if (check) finish(check, null);
        check = new AuditChainCheck(sealKey, row.chain, undefined, anchoredHeads.get(row.chain) ?? null);
      }
      const broken = check.next(row);
      after = { chain: row.chain, pos: row.chainPos! };
      if (broken) {
        finish(check, broken);
        check = null;
        // The rest of a broken chain says nothing more: go on with the next chain.
        after = { chain: row.chain, pos: MAX_POSITION };
        skipped = true;
        break;
      }
    }
    if (!skipped && rows.length < BATCH) break;
  }
  if (check) finish(check, null);
  // A chain anchored outside the database but without a single row left here was cut entirely.
  for (const [chain, anchored] of anchoredHeads) {
    if (chains.some((summary) => summary.chain === chain)) continue;
    finish(new AuditChainCheck(sealKey, chain, undefined, anchored), null);
  }
  chains.sort((a, b) => a.chain - b.chain);
  problems.sort((a, b) => a.chain - b.chain);
  return {
    valid: problems.length === 0,
    checkedRows,
    unsealedRows: unsealed,
    firstBroken: problems[0] ?? null,
    problems,
    chains,
    verifiedAt: new Date().toISOString(),
  };
}
