import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsBoolean, IsIn, IsNotEmpty, IsOptional, IsString, MaxLength } from 'class-validator';
import { Transform } from 'class-transformer';
import { IsEvmAddress } from '@rwa/common';
import { AlertDecision, AlertSeverity, AlertStatus, AlertSubjectType, ResolutionCode } from '../kyt.entities.js';

export class AddBlocklistEntryRequestDto {
  @ApiProperty({ example: '0x8589427373D6D84E98730D7795D8f6f8731FDA16' })
  @IsEvmAddress()
  address: string;

  @ApiProperty({ example: 'OFAC SDN listed' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(1000)
  reason: string;

  @ApiProperty({ example: 'OFAC-SDN', description: 'Where the listing comes from' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(100)
  source: string;
}

export class BlocklistEntryResponseDto {
  @ApiProperty({ pattern: '^0x[0-9a-fA-F]{40}$' }) address: string;
  @ApiProperty() reason: string;
  @ApiProperty() source: string;
  @ApiProperty() addedBy: string;
  @ApiProperty({ format: 'date-time' }) createdAt: string;
}

export class AlertDecisionRequestDto {
  @ApiProperty({ enum: AlertDecision })
  @IsIn(Object.values(AlertDecision))
  decision: AlertDecision;

  @ApiProperty({ example: 'False positive: address belongs to a regulated exchange' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(2000)
  reason: string;

  @ApiPropertyOptional({
    enum: ResolutionCode,
    description: 'Coded resolution. CLEAR: FALSE_POSITIVE, RISK_ACCEPTED, INFORMATION_PROVIDED, OTHER; CONFIRM: TRUE_MATCH, SUSPICIOUS_ACTIVITY, POLICY_BREACH, OTHER. Default OTHER.',
  })
  @IsOptional()
  @IsIn(Object.values(ResolutionCode))
  resolutionCode?: ResolutionCode;
}

export class ApproveAlertDecisionRequestDto {
  @ApiPropertyOptional({ example: 'Agreed' })
  @IsOptional()
  @IsString()
  @MaxLength(2000)
  comment?: string;
}

export const ALERT_SORTS = ['createdAt', 'dueAt'] as const;
export type AlertSort = (typeof ALERT_SORTS)[number];

export class AlertListQueryDto {
  @ApiPropertyOptional({ enum: AlertStatus })
  @IsOptional()
  @IsIn(Object.values(AlertStatus))
  status?: AlertStatus;

  @ApiPropertyOptional({ enum: AlertSeverity })
  @IsOptional()
  @IsIn(Object.values(AlertSeverity))
  severity?: AlertSeverity;

  @ApiPropertyOptional({ enum: AlertSubjectType })
  @IsOptional()
  @IsIn(Object.values(AlertSubjectType))
  subjectType?: AlertSubjectType;

  @ApiPropertyOptional({ description: 'true: only undecided alerts past their due time; false: only the others' })
  @IsOptional()
  @Transform(({ value }) => (value === 'true' ? true : value === 'false' ? false : value))
  @IsBoolean({ message: 'overdue must be true or false' })
  overdue?: boolean;

  @ApiPropertyOptional({ enum: ALERT_SORTS, description: 'createdAt (default): oldest first; dueAt: the one due soonest first' })
  @IsOptional()
  @IsIn(ALERT_SORTS, { message: `sort must be one of ${ALERT_SORTS.join(', ')}` })
  sort?: AlertSort;
}

/** A HIGH or SEVERE decision waiting for a second officer. */
export class AlertProposalDto {
  @ApiProperty({ enum: AlertDecision }) decision: AlertDecision;
  @ApiProperty({ nullable: true, enum: ResolutionCode }) resolutionCode: ResolutionCode | null;
  @ApiProperty({ nullable: true, type: String }) reason: string | null;
  @ApiProperty({ description: 'The officer who proposed it' }) proposedBy: string;
  @ApiProperty({ description: 'True when the caller proposed it: the caller cannot approve it (four-eyes)' }) proposedByCaller: boolean;
}

export class AlertReasonDto {
  @ApiProperty({ example: 'BLOCKLISTED_COUNTERPARTY' }) code: string;
  @ApiProperty() message: string;
}

export class AlertCommentDto {
  @ApiProperty({ description: 'The officer who wrote it' }) author: string;
  @ApiProperty() text: string;
  @ApiProperty({ format: 'date-time' }) at: string;
}

export class AlertHistoryEventDto {
  @ApiProperty({ nullable: true, type: String }) from: string | null;
  @ApiProperty({ nullable: true, type: String }) to: string | null;
  @ApiProperty({ format: 'date-time' }) at: string;
  @ApiProperty({ nullable: true, type: String }) reason: string | null;
  @ApiProperty() actor: string;
}

export class AlertResponseDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ enum: AlertSeverity }) severity: AlertSeverity;
  @ApiProperty({ enum: AlertStatus }) status: AlertStatus;
  @ApiProperty({ enum: AlertSubjectType }) subjectType: AlertSubjectType;
  @ApiProperty() subjectId: string;
  @ApiProperty({ type: [AlertReasonDto] }) reasons: AlertReasonDto[];
  @ApiProperty({ nullable: true, type: String }) assignee: string | null;
  @ApiProperty({ nullable: true, enum: AlertDecision }) pendingDecision: AlertDecision | null;
  @ApiProperty({ description: 'Risk score 0-100 when raised' }) score: number;
  @ApiProperty({ format: 'date-time', description: 'The decision is due by then' }) dueAt: string;
  @ApiProperty({ description: 'Undecided and past its due time' }) overdue: boolean;
  @ApiProperty({ nullable: true, enum: ResolutionCode }) resolutionCode: ResolutionCode | null;
  @ApiProperty({ type: [AlertCommentDto] }) comments: AlertCommentDto[];
  @ApiProperty({ type: [AlertHistoryEventDto] }) history: AlertHistoryEventDto[];
  @ApiProperty({ format: 'date-time' }) createdAt: string;
  @ApiProperty({ nullable: true, type: AlertProposalDto, description: 'The decision waiting for approval (PENDING_APPROVAL only)' }) proposal: AlertProposalDto | null;
}

export class SendBackAlertDecisionRequestDto {
  @ApiProperty({ example: 'The source of funds is not documented yet' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(2000)
  reason: string;
}

export class BlocklistQueryDto {
  @ApiPropertyOptional({ description: 'Case-insensitive part of the address, reason or source' })
  @IsOptional()
  @IsString()
  @MaxLength(200)
  q?: string;
}

/** How many of the addresses found an import answer lists (all of them are counted). */
export const BLOCKLIST_IMPORT_PREVIEW = 1000;

export class BlocklistImportQueryDto {
  @ApiPropertyOptional({ example: 'OFAC-SDN', description: 'Where the listing comes from (default OFAC-SDN)' })
  @IsOptional()
  @IsString()
  @IsNotEmpty()
  @MaxLength(100)
  source?: string;
}

export class BlocklistImportEntryDto {
  @ApiProperty({ pattern: '^0x[0-9a-fA-F]{40}$' }) address: string;
  @ApiProperty() reason: string;
  @ApiProperty({ description: 'Already on the blocklist before this import' }) listed: boolean;
}

export class BlocklistImportResponseDto {
  @ApiProperty() source: string;
  @ApiProperty({ description: 'true for a preview: nothing was changed' }) dryRun: boolean;
  @ApiProperty({ description: 'EVM addresses found in the file (de-duplicated)' }) evmAddresses: number;
  @ApiProperty({ description: 'Digital currency addresses of other chains, skipped' }) otherChainsSkipped: number;
  @ApiProperty({ description: 'Found addresses that were on the blocklist already' }) alreadyListed: number;
  @ApiProperty({ description: 'Addresses added (0 on a dry run)' }) added: number;
  @ApiProperty({ type: [BlocklistImportEntryDto], description: `The first ${BLOCKLIST_IMPORT_PREVIEW} addresses found` }) entries: BlocklistImportEntryDto[];
  @ApiProperty({ description: 'More addresses were found than entries lists' }) entriesTruncated: boolean;
}

export class AssignAlertRequestDto {
  @ApiPropertyOptional({ description: 'Who reviews the alert; the caller when absent' })
  @IsOptional()
  @IsString()
  @IsNotEmpty()
  @MaxLength(100)
  assignee?: string;
}

export class CommentAlertRequestDto {
  @ApiProperty({ example: 'Counterparty is a regulated exchange; asked the distributor for the source of funds.' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(5000)
  text: string;
}

export class EscalateAlertRequestDto {
  @ApiProperty({ example: 'Exposure above our risk appetite; needs the MLRO' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(2000)
  reason: string;
}
