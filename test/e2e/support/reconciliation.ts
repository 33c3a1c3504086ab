import { expectStatus, type ApiClient, type ApiResponse } from './api-client.js';
import { poll } from './poll.js';

/**
 * A completed reconciliation of the fund at or past `block`: asked again until the index (and so the
 * reconciliation's snapshot) has reached the block. A FAILED one is returned as it is.
 */
export async function reconciliationPast(client: ApiClient, fundId: string, block: bigint): Promise<ApiResponse> {
  return poll(
    `a reconciliation of fund ${fundId} at or past block ${block}`,
    async () => {
      const asked = await client.post(`/v1/funds/${fundId}/reconciliations`, {});
      expectStatus(asked, 202);
      return poll('the reconciliation', () => client.get(`/v1/funds/${fundId}/reconciliations/${asked.body.id}`), (r) => r.status !== 200 || r.body.status === 'COMPLETED' || r.body.status === 'FAILED');
    },
    (res) => res.body.status !== 'COMPLETED' || BigInt(res.body.block) >= block,
    { timeoutMs: 60_000, intervalMs: 1_000 },
  );
}
