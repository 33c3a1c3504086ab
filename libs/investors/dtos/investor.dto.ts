import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsNotEmpty, IsOptional, IsString, Matches, MaxLength, ValidateIf } from 'class-validator';
import { IsIsoDateTime } from '@rwa/common';
import { RegistrySync } from '../investor-registry-hooks.js';
import { DistributionPreference, InvestorType, KycStatus } from '../investor.entity.js';

const INVESTOR_CLASSES = ['RETAIL', 'PROFESSIONAL', 'INSTITUTIONAL'] as const;
const JURISDICTION = /^[A-Z]{2}$/;
const JURISDICTION_MESSAGE = 'jurisdiction must be an ISO-3166 alpha-2 code such as "HK"';
const DATE_TIME_MESSAGE = 'kycExpiresAt must be an ISO-8601 date-time';

/**
 * A PATCH field: absent leaves it unchanged, anything present (null included) must be valid. Unlike
 * IsOptional, which would let a null through to a NOT NULL column.
 */
const IsAbsentOrValid = () => ValidateIf((_object: object, value: unknown) => value !== undefined);

export class CreateInvestorRequestDto {
  @ApiProperty({ example: 'CLIENT-000123', description: "The distributor's own client reference; unique per distributor" })
  @IsString()
  @IsNotEmpty()
  @MaxLength(200)
  externalRef: string;

  @ApiProperty({ enum: InvestorType })
  @IsIn(Object.values(InvestorType))
  type: InvestorType;

  @ApiProperty({ example: 'HK', description: 'ISO-3166 alpha-2 country of residence or incorporation' })
  @IsString({ message: JURISDICTION_MESSAGE })
  @Matches(JURISDICTION, { message: JURISDICTION_MESSAGE })
  jurisdiction: string;

  @ApiProperty({ enum: INVESTOR_CLASSES })
  @IsIn(INVESTOR_CLASSES)
  investorClass: (typeof INVESTOR_CLASSES)[number];

  @ApiProperty({ enum: KycStatus })
  @IsIn(Object.values(KycStatus))
  kycStatus: KycStatus;

  @ApiProperty({ example: '2027-12-31T00:00:00Z', description: 'When the KYC outcome lapses' })
  @IsIsoDateTime()
  kycExpiresAt: string;

  @ApiPropertyOptional({ enum: DistributionPreference, default: DistributionPreference.REINVEST, description: 'What the income engine does with distributions' })
  @IsOptional()
  @IsIn(Object.values(DistributionPreference))
  distributionPreference?: DistributionPreference;
}

/**
 * Every field is optional; a field present is changed. KYC status and expiry, class and jurisdiction
 * are what the on-chain registry holds: a change of any of them updates the identity of each of the
 * investor's registered wallets on chain (`registrySync` shows the progress).
 */
export class UpdateInvestorRequestDto {
  @ApiPropertyOptional({ enum: KycStatus })
  @IsAbsentOrValid()
  @IsIn(Object.values(KycStatus))
  kycStatus?: KycStatus;

  @ApiPropertyOptional({ example: '2028-12-31T00:00:00Z', description: 'When the KYC outcome lapses (a past instant lapses it now)' })
  @IsAbsentOrValid()
  @IsIsoDateTime()
  kycExpiresAt?: string;

  @ApiPropertyOptional({ enum: INVESTOR_CLASSES })
  @IsAbsentOrValid()
  @IsIn(INVESTOR_CLASSES)
  investorClass?: (typeof INVESTOR_CLASSES)[number];

  @ApiPropertyOptional({ example: 'SG', description: 'ISO-3166 alpha-2 country of residence or incorporation' })
  @IsAbsentOrValid()
  @IsString({ message: JURISDICTION_MESSAGE })
  @Matches(JURISDICTION, { message: JURISDICTION_MESSAGE })
  jurisdiction?: string;

  @ApiPropertyOptional({ enum: DistributionPreference, description: 'What the income engine does with distributions' })
  @IsAbsentOrValid()
  @IsIn(Object.values(DistributionPreference))
  distributionPreference?: DistributionPreference;
}

export class InvestorResponseDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty() externalRef: string;
  @ApiProperty({ enum: InvestorType }) type: InvestorType;
  @ApiProperty() jurisdiction: string;
  @ApiProperty({ enum: INVESTOR_CLASSES }) investorClass: string;
  @ApiProperty({ enum: KycStatus }) kycStatus: KycStatus;
  @ApiProperty({ format: 'date-time' }) kycExpiresAt: string;
  @ApiProperty({ enum: DistributionPreference }) distributionPreference: DistributionPreference;
  @ApiProperty({ enum: RegistrySync, description: "Whether every registered wallet's on-chain identity holds the investor's current KYC, class and jurisdiction" })
  registrySync: RegistrySync;
  @ApiProperty({ format: 'date-time' }) createdAt: string;
  @ApiProperty({ format: 'date-time' }) updatedAt: string;
}
