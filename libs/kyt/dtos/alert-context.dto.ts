import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { AlertSubjectType } from '../kyt.entities.js';
import { DECIMAL_STRING_PATTERN } from '@rwa/common';

// The context of an alert's subject, for the officer who reviews it. Each section comes from the
// module that owns the data (wallets, investors, holdings, orders register a describer with
// KytSubjectHandlers), so KYT reads none of their tables. Amounts and units are decimal strings.

export class ContextWalletDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ pattern: '^0x[0-9a-fA-F]{40}$' }) address: string;
  @ApiProperty() chainId: number;
  @ApiProperty() status: string;
  @ApiProperty() onchain: string;
  @ApiProperty() frozen: boolean;
  @ApiProperty({ pattern: DECIMAL_STRING_PATTERN, nullable: true, type: String }) frozenUnits: string | null;
  @ApiProperty({ enum: ['SYNCED', 'PENDING', 'FAILED'] }) freezeSync: 'SYNCED' | 'PENDING' | 'FAILED';
  @ApiProperty({ format: 'date-time' }) createdAt: string;
}

export class ContextInvestorDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty() externalRef: string;
  @ApiProperty() type: string;
  @ApiProperty() jurisdiction: string;
  @ApiProperty() investorClass: string;
  @ApiProperty() kycStatus: string;
  @ApiProperty({ format: 'date-time', nullable: true, type: String }) kycExpiresAt: string | null;
}

export class ContextOrganizationDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty() name: string;
}

export class ContextHoldingDto {
  @ApiProperty({ format: 'uuid' }) fundId: string;
  @ApiProperty() fundName: string;
  @ApiProperty() symbol: string;
  @ApiProperty({ pattern: DECIMAL_STRING_PATTERN }) units: string;
}

export class ContextCounterpartyDto {
  @ApiProperty({ pattern: '^0x[0-9a-fA-F]{40}$' }) address: string;
  @ApiProperty({ format: 'uuid' }) fundId: string;
  @ApiProperty({ description: 'Transfers to this address' }) sent: number;
  @ApiProperty({ description: 'Transfers from this address' }) received: number;
  @ApiProperty({ pattern: DECIMAL_STRING_PATTERN }) unitsSent: string;
  @ApiProperty({ pattern: DECIMAL_STRING_PATTERN }) unitsReceived: string;
  @ApiProperty() lastBlock: string;
  @ApiProperty({ format: 'uuid', nullable: true, type: String, description: 'The investor bound to it, when the platform knows one' }) investorId: string | null;
  @ApiProperty({ description: 'On the blocklist now' }) blocklisted: boolean;
}

export class ContextFundDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty() name: string;
  @ApiProperty() symbol: string;
  @ApiProperty() currency: string;
  @ApiProperty({ pattern: '^0x[0-9a-fA-F]{40}$', nullable: true, type: String }) tokenAddress: string | null;
}

export class ContextOrderEventDto {
  @ApiProperty({ nullable: true, type: String }) from: string | null;
  @ApiProperty({ nullable: true, type: String }) to: string | null;
  @ApiProperty({ format: 'date-time' }) at: string;
  @ApiProperty({ nullable: true, type: String }) reason: string | null;
}

export class ContextOrderDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty() type: string;
  @ApiProperty() status: string;
  @ApiProperty({ format: 'uuid' }) fundId: string;
  @ApiProperty({ format: 'uuid' }) investorId: string;
  @ApiProperty({ format: 'uuid' }) walletId: string;
  @ApiProperty() currency: string;
  @ApiProperty({ pattern: DECIMAL_STRING_PATTERN, nullable: true, type: String }) amount: string | null;
  @ApiProperty({ pattern: DECIMAL_STRING_PATTERN, nullable: true, type: String }) units: string | null;
  @ApiProperty({ format: 'date', nullable: true, type: String }) dealingDate: string | null;
  @ApiProperty({ format: 'date-time' }) createdAt: string;
  @ApiProperty({ type: [ContextOrderEventDto] }) events: ContextOrderEventDto[];
}

export class ContextTransferPartyDto {
  @ApiProperty({ pattern: '^0x[0-9a-fA-F]{40}$' }) address: string;
  @ApiProperty({ format: 'uuid', nullable: true, type: String }) walletId: string | null;
  @ApiProperty({ format: 'uuid', nullable: true, type: String }) investorId: string | null;
  @ApiProperty() blocklisted: boolean;
}

export class ContextTransferDto {
  @ApiProperty() id: string;
  @ApiProperty({ format: 'uuid' }) fundId: string;
  @ApiProperty({ pattern: '^0x[0-9a-f]{64}$' }) txHash: string;
  @ApiProperty() logIndex: number;
  @ApiProperty() blockNumber: string;
  @ApiProperty({ pattern: DECIMAL_STRING_PATTERN }) units: string;
  @ApiProperty({ type: ContextTransferPartyDto }) from: ContextTransferPartyDto;
  @ApiProperty({ type: ContextTransferPartyDto }) to: ContextTransferPartyDto;
}

/** The sections a subject's owners can contribute; absent sections are unknown to the platform. */
export class AlertSubjectContextSections {
  @ApiPropertyOptional({ type: ContextWalletDto }) wallet?: ContextWalletDto;
  @ApiPropertyOptional({ type: ContextInvestorDto }) investor?: ContextInvestorDto;
  @ApiPropertyOptional({ type: ContextOrganizationDto, description: 'The distributor of the investor' }) distributor?: ContextOrganizationDto;
  @ApiPropertyOptional({ type: [ContextHoldingDto], description: 'Units held per fund, from the chain index' }) holdings?: ContextHoldingDto[];
  @ApiPropertyOptional({ type: [ContextCounterpartyDto], description: 'Addresses it exchanged units with on chain, from the chain index' }) counterparties?: ContextCounterpartyDto[];
  @ApiPropertyOptional({ type: ContextOrderDto }) order?: ContextOrderDto;
  @ApiPropertyOptional({ type: ContextFundDto }) fund?: ContextFundDto;
  @ApiPropertyOptional({ type: ContextTransferDto }) transfer?: ContextTransferDto;
}

export class AlertSubjectContextDto extends AlertSubjectContextSections {
  @ApiProperty({ format: 'uuid' }) alertId: string;
  @ApiProperty({ enum: AlertSubjectType }) subjectType: AlertSubjectType;
  @ApiProperty() subjectId: string;
}
