// Response DTOs, for the OpenAPI document, of the answers that the libs type as interfaces (each
// class `implements` its interface, so the two cannot drift apart). The answers are unchanged.
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import type { AuditAnchorCheck, AuditAnchorStatusKind, AuditChainSummary, AuditEventView, AuditProblem, AuditVerification, BrokenAuditRow } from '@rwa/audit';
import { DECIMAL_STRING_PATTERN } from '@rwa/common';
import type { HolderDto } from '@rwa/holdings';
import { OrderResponseDto } from '@rwa/orders';

const EVM_ADDRESS = '^0x[0-9a-fA-F]{40}$';
const SEQUENCE = '^[0-9]+$';
const HASH = '^[0-9a-f]{64}$';

export class HolderResponseDto implements HolderDto {
  @ApiProperty({ pattern: EVM_ADDRESS, example: '0x52908400098527886E0F7030069857D2E4169EE7' }) address: string;
  @ApiProperty({ type: String, format: 'uuid', nullable: true, description: 'The investor whose wallet this is; null for an address the platform never bound' }) investorId: string | null;
  @ApiProperty({ pattern: DECIMAL_STRING_PATTERN, example: '10000.000000', description: 'Units held, with the fund unit decimals' }) units: string;
}

export class AuditEventDto implements AuditEventView {
  @ApiProperty({ pattern: SEQUENCE, description: 'Position in the trail (a 64-bit integer as a string)' }) seq: string;
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ example: 'order' }) entityType: string;
  @ApiProperty({ example: '5f0c7a8e-0d5c-4e0b-9a57-2f5b1f3c9d11' }) entityId: string;
  @ApiProperty({ example: 'order.settled' }) action: string;
  @ApiProperty({ type: String, nullable: true }) fromStatus: string | null;
  @ApiProperty({ type: String, nullable: true }) toStatus: string | null;
  @ApiProperty({ example: 'user:5f0c7a8e-0d5c-4e0b-9a57-2f5b1f3c9d11', description: 'Who did it: user:<id>, key:<id> or a system process' }) actor: string;
  @ApiProperty({ type: String, nullable: true }) reason: string | null;
  @ApiProperty({ type: 'object', additionalProperties: true, description: 'What changed, per action' }) data: Record<string, unknown>;
  @ApiProperty({ format: 'date-time' }) at: string;
  @ApiProperty({ type: String, nullable: true, pattern: HASH, description: 'Null until the row is sealed into its chain' }) prevHash: string | null;
  @ApiProperty({ type: String, nullable: true, pattern: HASH }) hash: string | null;
}

const AUDIT_PROBLEMS: AuditProblem[] = ['HASH_MISMATCH', 'PREV_HASH_MISMATCH', 'POSITION_GAP', 'TAIL_MISSING', 'ANCHOR_MISMATCH'];
const ANCHOR_STATUSES: AuditAnchorStatusKind[] = ['CHECKED', 'NOT_ANCHORED', 'DISABLED', 'UNAVAILABLE', 'INVALID_CONTRACT'];

export class BrokenAuditRowDto implements BrokenAuditRow {
  @ApiProperty({ type: 'integer' }) chain: number;
  @ApiProperty({ pattern: SEQUENCE, description: 'The chain position where it breaks' }) position: string;
  @ApiProperty({ type: String, nullable: true, pattern: SEQUENCE, description: 'The row found there; null for TAIL_MISSING' }) seq: string | null;
  @ApiProperty({ type: String, nullable: true, format: 'uuid' }) id: string | null;
  @ApiProperty({ enum: AUDIT_PROBLEMS }) problem: AuditProblem;
  @ApiProperty({ type: String, nullable: true }) expected: string | null;
  @ApiProperty({ type: String, nullable: true }) found: string | null;
}

export class AuditChainSummaryDto implements AuditChainSummary {
  @ApiProperty({ type: 'integer' }) chain: number;
  @ApiProperty({ type: 'integer', description: 'Sealed rows checked (up to and including the first broken one)' }) rows: number;
  @ApiProperty({ pattern: SEQUENCE }) headPosition: string;
  @ApiProperty({ type: String, nullable: true, pattern: HASH }) headHash: string | null;
  @ApiProperty({ type: String, nullable: true, pattern: SEQUENCE, description: 'The head anchored on chain, if any' }) anchoredPosition: string | null;
  @ApiProperty({ type: String, nullable: true, pattern: HASH }) anchoredHash: string | null;
}

export class AuditAnchorCheckDto implements AuditAnchorCheck {
  @ApiProperty({ enum: ANCHOR_STATUSES, description: 'Whether the anchored heads were read (UNAVAILABLE: the rows were checked, their anchors not)' }) status: AuditAnchorStatusKind;
  @ApiProperty({ type: 'integer' }) chainId: number;
  @ApiProperty({ type: String, nullable: true, pattern: EVM_ADDRESS }) address: string | null;
  @ApiProperty({ pattern: EVM_ADDRESS }) anchorer: string;
  @ApiProperty({ type: 'integer', description: 'How many chains have an anchored head' }) anchoredChains: number;
  @ApiProperty({ type: String, nullable: true, format: 'date-time' }) lastAnchoredAt: string | null;
  @ApiProperty({ type: String, nullable: true }) detail: string | null;
}

export class AuditVerificationDto implements AuditVerification {
  @ApiProperty({ description: 'False for any broken chain and for an anchor address that is not AuditAnchor' }) valid: boolean;
  @ApiProperty({ type: 'integer' }) checkedRows: number;
  @ApiProperty({ type: 'integer', description: 'Rows written but not sealed into their chain yet' }) unsealedRows: number;
  @ApiProperty({ type: BrokenAuditRowDto, nullable: true, description: 'The first problem found (the lowest chain), or null' }) firstBroken: BrokenAuditRowDto | null;
  @ApiProperty({ type: [BrokenAuditRowDto], description: 'The first problem of each broken chain' }) problems: BrokenAuditRowDto[];
  @ApiProperty({ type: [AuditChainSummaryDto] }) chains: AuditChainSummaryDto[];
  @ApiProperty({ format: 'date-time' }) verifiedAt: string;
  @ApiProperty({ type: AuditAnchorCheckDto }) anchor: AuditAnchorCheckDto;
}

/** The orders a batch payment confirmation confirmed. */
export class OrderListDto {
  @ApiProperty({ type: [OrderResponseDto] }) items: OrderResponseDto[];
}

/** One dependency of a probe; the reasons (`message`, `chainId`, ...) are shown to ADMIN keys only. */
export class HealthIndicatorDto {
  @ApiProperty({ enum: ['up', 'down'] }) status: 'up' | 'down';
  @ApiPropertyOptional({ description: 'Why it is down (ADMIN keys only)' }) message?: string;
}

/** A probe's answer (@nestjs/terminus): 200 when every dependency is up, else 503 with the same shape. */
export class HealthCheckDto {
  @ApiProperty({ enum: ['ok', 'error', 'shutting_down'] }) status: string;
  @ApiPropertyOptional({ type: 'object', additionalProperties: { $ref: '#/components/schemas/HealthIndicatorDto' }, description: 'The dependencies that are up' }) info?: Record<string, HealthIndicatorDto>;
  @ApiPropertyOptional({ type: 'object', additionalProperties: { $ref: '#/components/schemas/HealthIndicatorDto' }, description: 'The dependencies that are down' }) error?: Record<string, HealthIndicatorDto>;
  @ApiProperty({ type: 'object', additionalProperties: { $ref: '#/components/schemas/HealthIndicatorDto' }, description: 'Every dependency checked' }) details: Record<string, HealthIndicatorDto>;
}
