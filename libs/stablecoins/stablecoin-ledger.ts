import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { getAddress } from 'viem';

/**
 * What one wallet paid a fund in one stablecoin, net (paid in less paid back or out), in the stablecoin's
 * base units, by the two sources reconciliation compares.
 */
export interface StablecoinNet {
  /** The investor's wallet (or, for a leg of no platform order, the address the leg moved the stablecoin of). */
  address: string;
  stablecoin: string;
  /** Null for a stablecoin the platform never registered on this chain. */
  decimals: number | null;
  /** By the settlement contract's legs the chain indexer recorded, up to the block. */
  chain: bigint;
  /** By the platform's stablecoin payments whose transactions are in a block up to the block. */
  ledger: bigint;
}

/** Transaction `hash` (an SQL expression) is in a block up to `$2` (by the hash index, as the units ledger reads it). */
const MINED = (hash: string) => `EXISTS (SELECT 1 FROM chain_transactions ct WHERE ct.hash = ${hash} AND ct.block_number <= $2)`;

/**
 * The chain side: every indexed leg of the fund up to block `$2`, counted for the wallet of its order (the
 * order reference is the order's UUID, left-aligned in 32 bytes): + what the wallet paid, - what it was paid.
 * The settled deposit's treasury leg (escrow to treasury) moves nothing of the wallet's. A leg of no platform
 * order counts for the address it took from (a subscription or deposit) or paid (anything else), so it shows.
 *
 * The ledger side, per payment of the fund (`mined(h)`: transaction h is in a block up to `$2`):
 * a payout mined counts -settled_amount; a pay-in mined (the atomic subscription, or the FORWARD request's
 * settlement, cancellation or rejection) +settled_amount (the units' cost; 0 for a refund in full); a FORWARD
 * request whose escrow transaction is mined but not its end +amount (in escrow).
 */
const NETS_SQL = `
WITH leg_wallets AS (
  SELECT l.stablecoin, l.kind, l.payer, l.payee, l.amount, w.address AS wallet
  FROM stablecoin_legs l
  LEFT JOIN orders o ON o.fund_id = l.fund_id
    AND o.id = CASE WHEN l.order_ref ~ '^0x[0-9a-f]{32}0{32}$' THEN substr(l.order_ref, 3, 32)::uuid END
  LEFT JOIN wallets w ON w.id = o.wallet_id
  WHERE l.fund_id = $1 AND l.block_number <= $2
), chain AS (
  SELECT lower(stablecoin) AS stablecoin, lower(investor) AS address,
         sum(CASE WHEN lower(payer) = lower(investor) THEN amount WHEN lower(payee) = lower(investor) THEN -amount ELSE 0 END) AS amount
  FROM (SELECT *, coalesce(wallet, CASE WHEN kind IN ('SUBSCRIBED', 'DEPOSIT_REQUESTED') THEN payer ELSE payee END) AS investor FROM leg_wallets) legs
  GROUP BY 1, 2
), ledger AS (
  SELECT lower(s.address) AS stablecoin, lower(w.address) AS address,
         sum(CASE
               WHEN p.direction = 'PAY_OUT' THEN CASE WHEN ${MINED('p.tx_hash')} THEN -coalesce(p.settled_amount, 0) ELSE 0 END
               WHEN ${MINED('p.tx_hash')} THEN coalesce(p.settled_amount, 0)
               WHEN ${MINED('p.request_tx_hash')} THEN p.amount
               ELSE 0
             END) AS amount
  FROM stablecoin_payments p JOIN orders o ON o.id = p.order_id JOIN wallets w ON w.id = o.wallet_id JOIN stablecoins s ON s.id = p.stablecoin_id
  WHERE p.fund_id = $1
  GROUP BY 1, 2
)
SELECT coalesce(c.stablecoin, l.stablecoin) AS stablecoin, coalesce(c.address, l.address) AS address,
       coalesce(c.amount, 0)::text AS chain, coalesce(l.amount, 0)::text AS ledger,
       (SELECT s.decimals FROM stablecoins s WHERE s.chain_id = $3 AND lower(s.address) = coalesce(c.stablecoin, l.stablecoin)) AS decimals
FROM chain c FULL OUTER JOIN ledger l ON l.stablecoin = c.stablecoin AND l.address = c.address
ORDER BY 2, 1`;

/** The stablecoin side of a fund's reconciliation (the payments and legs are this module's tables). */
@Injectable()
export class StablecoinLedger {
  /** Every (wallet, stablecoin) either source knows for the fund at `block`, read in the caller's snapshot. */
  async nets(manager: EntityManager, fundId: string, block: bigint, chainId: number): Promise<StablecoinNet[]> {
    const rows = (await manager.query(NETS_SQL, [fundId, block.toString(), chainId])) as { stablecoin: string; address: string; chain: string; ledger: string; decimals: number | null }[];
    return rows.map((row) => ({ address: getAddress(row.address), stablecoin: getAddress(row.stablecoin), decimals: row.decimals, chain: BigInt(row.chain), ledger: BigInt(row.ledger) }));
  }
}
