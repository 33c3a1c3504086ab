import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { AppConfig } from '@rwa/config';
import { AuditSealer } from '../audit-sealer.js';
import { verifyAuditChain, type AuditChainVerification } from '../audit-verifier.js';
import { AuditAnchorReader, type AuditAnchorStatusKind } from './audit-anchor-reader.js';

/** Where the heads were checked against (GET /v1/audit-events/verification `anchor`). */
export interface AuditAnchorCheck {
  status: AuditAnchorStatusKind;
  chainId: number;
  address: string | null;
  anchorer: string;
  /** How many chains have an anchored head. */
  anchoredChains: number;
  /** The newest anchoring among the chains' heads. */
  lastAnchoredAt: string | null;
  detail: string | null;
}

/** The verification answer: the rows' checks plus the anchor they were checked against. */
export interface AuditVerification extends AuditChainVerification {
  anchor: AuditAnchorCheck;
}

/**
 * Verification of the whole trail (the API's GET /v1/audit-events/verification and
 * `npm run audit:verify`): seals what is committed, reads the heads anchored on chain, then walks
 * every chain against the seal key and those heads. `valid` is false for any broken chain and for
 * an anchor address whose code is not AuditAnchor's; `anchor.status` says whether the heads were
 * read (UNAVAILABLE: the rows were checked, their anchors not).
 */
@Injectable()
export class AuditVerificationService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly sealer: AuditSealer,
    private readonly reader: AuditAnchorReader,
    private readonly config: AppConfig,
  ) {}

  async verify(): Promise<AuditVerification> {
    await this.sealer.sealAll();
    const reading = await this.reader.read();
    const rows = await verifyAuditChain(this.dataSource, this.config.audit.sealKey, reading.heads);
    const anchoredAt = [...reading.heads.values()].map((head) => head.anchoredAt).sort();
    return {
      ...rows,
      valid: rows.valid && reading.status !== 'INVALID_CONTRACT',
      anchor: {
        status: reading.status,
        chainId: reading.chainId,
        address: reading.address,
        anchorer: reading.anchorer,
        anchoredChains: reading.heads.size,
        lastAnchoredAt: anchoredAt.at(-1) ?? null,
        detail: reading.detail,
      },
    };
  }
}
