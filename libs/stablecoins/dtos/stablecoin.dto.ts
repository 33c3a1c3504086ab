import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsInt, IsNotEmpty, IsOptional, IsString, Max, MaxLength, Min } from 'class-validator';
import { IsDecimalAmount, IsEvmAddress } from '@rwa/common';
import { FundStablecoinStatus } from '../stablecoin.entities.js';

export class CreateStablecoinRequestDto {
  @ApiProperty({ example: 31337, description: 'The chain the stablecoin lives on: the platform chain' })
  @IsInt()
  @Min(1)
  @Max(2_147_483_647)
  chainId: number;

  @ApiProperty({ example: '0x5FbDB2315678afecb367f032d93F642f64180aa3', description: 'The token contract (checked on chain)' })
  @IsEvmAddress()
  address: `0x${string}`;

  @ApiProperty({ example: 'USDC' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(20)
  symbol: string;

  @ApiProperty({ example: 6, minimum: 0, maximum: 36, description: 'Must equal what the token answers to decimals()' })
  @IsInt()
  @Min(0)
  @Max(36)
  decimals: number;

  @ApiProperty({ example: 'Circle Internet Financial', description: 'The issuer of the stablecoin' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(200)
  issuer: string;

  @ApiPropertyOptional({ example: 'HKMA SCI-0001', description: "The issuer's licence (e.g. under Hong Kong's Stablecoins Ordinance)" })
  @IsOptional()
  @IsString()
  @IsNotEmpty()
  @MaxLength(200)
  licence?: string;
}

export class StablecoinResponseDto {
  @ApiProperty() id: string;
  @ApiProperty() chainId: number;
  @ApiProperty() address: string;
  @ApiProperty() symbol: string;
  @ApiProperty() decimals: number;
  @ApiProperty() issuer: string;
  @ApiProperty({ nullable: true, type: String }) licence: string | null;
  @ApiProperty() createdAt: string;
}

export class StablecoinListResponseDto {
  @ApiProperty({ type: [StablecoinResponseDto] }) items: StablecoinResponseDto[];
  @ApiProperty({ nullable: true, type: String }) nextCursor: string | null;
}

export class FundStablecoinRequestDto {
  @ApiProperty({ example: '0x70997970C51812dc3A010C7d01b50e0d17dc79C8', description: "The fund's treasury: receives subscriptions, pays instant redemptions (it approves the settlement contract)" })
  @IsEvmAddress()
  treasury: `0x${string}`;

  @ApiProperty({ example: '1000000', description: 'Instant redemptions of the fund per UTC day, in whole stablecoins (0: none)' })
  @IsDecimalAmount(0, { integerDigits: 30 })
  instantRedemptionDailyCap: string;

  @ApiProperty({ example: '50000', description: 'Instant redemptions of one investor per UTC day, in whole stablecoins (0: none)' })
  @IsDecimalAmount(0, { integerDigits: 30 })
  instantRedemptionPerInvestorDailyCap: string;
}

export class FundStablecoinResponseDto {
  @ApiProperty() fundId: string;
  @ApiProperty() stablecoinId: string;
  @ApiProperty() symbol: string;
  @ApiProperty({ enum: FundStablecoinStatus, description: 'CONFIGURING until the settlement contract has the settings, then ACTIVE' }) status: FundStablecoinStatus;
  @ApiProperty() treasury: string;
  @ApiProperty({ description: 'Whole stablecoins per UTC day' }) instantRedemptionDailyCap: string;
  @ApiProperty({ description: 'Whole stablecoins per investor and UTC day' }) instantRedemptionPerInvestorDailyCap: string;
  @ApiProperty({ nullable: true, type: String, description: 'The settlement contract of the chain, once deployed' }) settlementContract: string | null;
  @ApiProperty({ nullable: true, type: String, description: 'The last configuration transaction' }) txHash: string | null;
  @ApiProperty({ nullable: true, type: String, description: 'FAILED: the contract error that refused the settings' }) failureCode: string | null;
}

export class FundStablecoinListResponseDto {
  @ApiProperty({ type: [FundStablecoinResponseDto] }) items: FundStablecoinResponseDto[];
}
