import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { keccak256, type Address, type Hex } from 'viem';
import type { DataSource } from 'typeorm';
import { auditAnchorAbi, auditAnchorBytecode, ChainClients } from '@rwa/chain';
import { AppConfig } from '@rwa/config';
import { AUDIT_CHAINS } from '../audit.service.js';
import type { AuditChainHead } from '../audit-verifier.js';
import { AuditAnchorContractEntity } from './audit-anchor.entity.js';

/** Every chain of the trail, as the contract's uint16 chain ids. */
export const ALL_AUDIT_CHAINS: readonly number[] = Array.from({ length: AUDIT_CHAINS }, (_, chain) => chain);

/**
 * What could be read of the anchored heads:
 * - CHECKED: the contract was read; `heads` holds every chain anchored by the platform's signer;
 * - NOT_ANCHORED: anchoring is on but nothing is anchored yet (no contract, or no head in it);
 * - DISABLED: AUDIT_ANCHOR_INTERVAL_MS=0 and nothing was ever anchored;
 * - UNAVAILABLE: the chain did not answer (the rows were still checked; try again);
 * - INVALID_CONTRACT: the code at the recorded address is not AuditAnchor's (the recorded address
 *   was changed): verification fails.
 */
export type AuditAnchorStatusKind = 'CHECKED' | 'NOT_ANCHORED' | 'DISABLED' | 'UNAVAILABLE' | 'INVALID_CONTRACT';

export interface AuditAnchorReading {
  status: AuditAnchorStatusKind;
  chainId: number;
  /** The AuditAnchor contract read, or null. */
  address: Address | null;
  /** Whose heads: the platform's signer (from configuration, not from the database). */
  anchorer: Address;
  heads: Map<number, AuditChainHead & { anchoredAt: string }>;
  detail: string | null;
}

/** Reads the heads the platform's signer anchored in the AuditAnchor contract. */
@Injectable()
export class AuditAnchorReader {
  private expectedCodeHash: Hex | undefined;

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly clients: ChainClients,
    private readonly config: AppConfig,
  ) {}

  /** The recorded contract of this chain, if anchoring ever deployed one. */
  async contractAddress(): Promise<Address | null> {
    const contract = await this.dataSource.getRepository(AuditAnchorContractEntity).findOneBy({ chainId: this.clients.chain.id });
    return contract?.address ?? null;
  }

  /** Never throws: what could not be read is said in `status` and `detail`. */
  async read(): Promise<AuditAnchorReading> {
    const reading: AuditAnchorReading = {
      status: 'NOT_ANCHORED',
      chainId: this.clients.chain.id,
      address: null,
      anchorer: this.clients.signer.address,
      heads: new Map(),
      detail: null,
    };
    try {
      reading.address = await this.contractAddress();
      if (!reading.address) {
        if (this.config.audit.anchorIntervalMs === 0) reading.status = 'DISABLED';
        return reading;
      }
      if (!(await this.isAuditAnchor(reading.address))) {
        return { ...reading, status: 'INVALID_CONTRACT', detail: `The code at ${reading.address} is not the AuditAnchor contract's` };
      }
      reading.heads = await this.headsAt(reading.address);
      reading.status = reading.heads.size > 0 ? 'CHECKED' : 'NOT_ANCHORED';
      return reading;
    } catch (error) {
      return { ...reading, status: 'UNAVAILABLE', heads: new Map(), detail: `The anchored heads could not be read: ${(error as Error).message.split('\n')[0]}` };
    }
  }

  /** The signer's non-empty heads in the contract at `address`. */
  async headsAt(address: Address): Promise<Map<number, AuditChainHead & { anchoredAt: string }>> {
    const heads = await this.clients.publicClient.readContract({
      address,
      abi: auditAnchorAbi,
      functionName: 'headsOf',
      args: [this.clients.signer.address, [...ALL_AUDIT_CHAINS]],
    });
    const anchored = new Map<number, AuditChainHead & { anchoredAt: string }>();
    heads.forEach((head, chain) => {
      if (head.position === 0n) return;
      anchored.set(chain, { position: head.position, hash: head.hash.slice(2), anchoredAt: new Date(Number(head.anchoredAt) * 1000).toISOString() });
    });
    return anchored;
  }

  /**
   * Whether the code at `address` is AuditAnchor's runtime code: an address changed in the database
   * could otherwise point at a contract that answers whatever its author likes. The expected code
   * is what running the creation code returns (eth_call without a recipient), so no second copy
   * of the bytecode is kept.
   */
  private async isAuditAnchor(address: Address): Promise<boolean> {
    const { publicClient } = this.clients;
    if (!this.expectedCodeHash) {
      const { data } = await publicClient.call({ data: auditAnchorBytecode });
      if (!data) throw new Error('the chain did not return the AuditAnchor runtime code');
      this.expectedCodeHash = keccak256(data);
    }
    const code = await publicClient.getCode({ address });
    return code !== undefined && code !== '0x' && keccak256(code) === this.expectedCodeHash;
  }
}
