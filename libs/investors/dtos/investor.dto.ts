import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsNotEmpty, IsOptional, IsString, Matches, MaxLength } from 'class-validator';
import { IsIsoDateTime } from '@rwa/common';
import { InvestorType, KycStatus } from '../investor.entity.js';

const INVESTOR_CLASSES = ['RETAIL', 'PROFESSIONAL', 'INSTITUTIONAL'] as const;

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
  @Matches(/^[A-Z]{2}$/, { message: 'jurisdiction must be an ISO-3166 alpha-2 code such as "HK"' })
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
}

export class UpdateInvestorRequestDto {
  @ApiPropertyOptional({ enum: KycStatus })
  @IsOptional()
  @IsIn(Object.values(KycStatus))
  kycStatus?: KycStatus;

  @ApiPropertyOptional({ example: '2028-12-31T00:00:00Z' })
  @IsOptional()
  @IsIsoDateTime()
  kycExpiresAt?: string;

  @ApiPropertyOptional({ enum: INVESTOR_CLASSES })
  @IsOptional()
  @IsIn(INVESTOR_CLASSES)
  investorClass?: (typeof INVESTOR_CLASSES)[number];
}

export class InvestorResponseDto {
  @ApiProperty() id: string;
  @ApiProperty() externalRef: string;
  @ApiProperty({ enum: InvestorType }) type: InvestorType;
  @ApiProperty() jurisdiction: string;
  @ApiProperty({ enum: INVESTOR_CLASSES }) investorClass: string;
  @ApiProperty({ enum: KycStatus }) kycStatus: KycStatus;
  @ApiProperty() kycExpiresAt: string;
  @ApiProperty() createdAt: string;
  @ApiProperty() updatedAt: string;
}
