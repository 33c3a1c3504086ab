import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsInt, IsNotEmpty, IsOptional, IsString, IsUUID, Matches, Max, MaxLength, Min } from 'class-validator';
import { IsDecimalAmount, IsEvmAddress, DECIMAL_STRING_PATTERN, decimalPattern } from '@rwa/common';
import { FreezeSync, OnchainRegistration, WalletStatus } from '../wallet.entities.js';

export class CreateWalletChallengeRequestDto {
  @ApiProperty({ example: '0x70997970C51812dc3A010C7d01b50e0d17dc79C8' })
  @IsEvmAddress()
  address: string;

  @ApiProperty({ example: 31337, description: 'Chain id the wallet will hold units on' })
  @IsInt()
  @Min(1)
  // The column is a Postgres int.
  @Max(2_147_483_647)
  chainId: number;
}

export class WalletChallengeResponseDto {
  @ApiProperty({ format: 'uuid' }) challengeId: string;
  @ApiProperty({ description: 'EIP-4361 (Sign-In with Ethereum) message for the wallet to sign' }) message: string;
  @ApiProperty({ format: 'date-time' }) expiresAt: string;
}

export class BindWalletRequestDto {
  @ApiProperty()
  @IsUUID('all', { message: 'challengeId must be a UUID' })
  challengeId: string;

  @ApiProperty({ description: 'The wallet signature of the challenge message (EIP-191; EIP-1271 for contract wallets)' })
  @Matches(/^0x([0-9a-fA-F]{2})+$/, { message: 'signature must be a 0x-prefixed hex string' })
  signature: string;
}

export class WalletResponseDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ format: 'uuid' }) investorId: string;
  @ApiProperty({ pattern: '^0x[0-9a-fA-F]{40}$' }) address: string;
  @ApiProperty() chainId: number;
  @ApiProperty({ enum: WalletStatus }) status: WalletStatus;
  @ApiProperty({ enum: OnchainRegistration }) onchain: OnchainRegistration;
  @ApiProperty({ nullable: true, type: String, description: 'Why the chain refused the registration or removal (onchain FAILED), e.g. IDENTITY_REGISTRY_STALE_BINDING' })
  onchainError: string | null;
  @ApiProperty() frozen: boolean;
  @ApiProperty({ pattern: DECIMAL_STRING_PATTERN, nullable: true, type: String, description: 'Units frozen by a partial freeze' }) frozenUnits: string | null;
  @ApiProperty({ enum: FreezeSync, description: 'Whether the chain holds the latest freeze change (FAILED: refused on chain, an alert is open)' }) freezeSync: FreezeSync;
  @ApiProperty({ format: 'date-time' }) createdAt: string;
}

export class FreezeWalletRequestDto {
  @ApiProperty({ example: 'Listed by OFAC on 2026-11-26; pending review' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(2000)
  reason: string;

  @ApiPropertyOptional({ pattern: decimalPattern(18), example: '1000.000000', description: 'Freeze only these units (in each ACTIVE fund); absent: freeze the whole wallet' })
  @IsOptional()
  @IsDecimalAmount(18, { positive: true })
  units?: string;
}

export class UnfreezeWalletRequestDto {
  @ApiProperty({ example: 'Review closed: false positive' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(2000)
  reason: string;
}
