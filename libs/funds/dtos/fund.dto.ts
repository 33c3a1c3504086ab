import { ApiProperty, ApiPropertyOptional, PartialType, PickType } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { ArrayMaxSize, ArrayMinSize, ArrayUnique, IsArray, IsIn, IsInt, IsNotEmpty, IsOptional, IsString, Matches, Max, MaxLength, Min } from 'class-validator';
import { IsCalendarDate, IsDecimalAmount, NAV_DECIMALS, DECIMAL_STRING_PATTERN, decimalPattern } from '@rwa/common';
import { FundPricing, FundStatus, IncomeMode, InvestorClass, NavStatus } from '../fund.entity.js';

/** The largest maxHolders: the column is a Postgres int (the token's field is a uint32). */
export const MAX_HOLDERS_LIMIT = 2_147_483_647;

export class CreateFundRequestDto {
  @ApiProperty({ example: 'HKD Money Market Fund' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(200)
  name: string;

  @ApiProperty({ example: 'HKDMMF', description: '2 to 11 capital letters or digits; the token symbol' })
  @Matches(/^[A-Z0-9]{2,11}$/, { message: 'symbol must be 2 to 11 capital letters or digits' })
  symbol: string;

  @ApiProperty({ example: 'HKD', description: 'ISO-4217 currency of subscriptions and NAV' })
  @Matches(/^[A-Z]{3}$/, { message: 'currency must be an ISO-4217 code such as "HKD"' })
  currency: string;

  @ApiPropertyOptional({ default: 6, minimum: 0, maximum: 18, description: 'Decimals of a unit on chain' })
  @IsOptional()
  @IsInt()
  @Min(0)
  @Max(18)
  unitDecimals?: number;

  @ApiProperty({ pattern: decimalPattern(NAV_DECIMALS), example: '1.000000', description: `NAV per unit, decimal string, up to ${NAV_DECIMALS} decimals` })
  @IsDecimalAmount(NAV_DECIMALS, { positive: true })
  initialNav: string;

  @ApiProperty({ pattern: decimalPattern(8), example: '1000.00', description: 'Minimum subscription amount in the fund currency' })
  @IsDecimalAmount(8)
  minSubscription: string;

  @ApiProperty({ example: '16:00', description: 'Dealing cut-off, HH:MM in the fund time zone' })
  @Matches(/^([01]\d|2[0-3]):[0-5]\d$/, { message: 'cutOffTime must be HH:MM, such as "16:00"' })
  cutOffTime: string;

  @ApiProperty({ example: 'Asia/Hong_Kong', description: 'IANA time zone of the cut-off' })
  @IsString()
  @MaxLength(64)
  timezone: string;

  @ApiProperty({ example: 0, minimum: 0, maximum: 10, description: 'Settlement cycle in business days (T+n)' })
  @IsInt()
  @Min(0)
  @Max(10)
  settlementDays: number;

  @ApiProperty({ enum: FundPricing })
  @IsIn(Object.values(FundPricing))
  pricing: FundPricing;

  @ApiProperty({ example: ['HK', 'SG'], description: 'ISO-3166 alpha-2 codes of eligible investor jurisdictions' })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(100)
  @ArrayUnique()
  @Matches(/^[A-Z]{2}$/, { each: true, message: 'each eligibleJurisdictions entry must be an ISO-3166 alpha-2 code such as "HK"' })
  eligibleJurisdictions: string[];

  @ApiProperty({ enum: InvestorClass, isArray: true, example: ['PROFESSIONAL', 'INSTITUTIONAL'] })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayUnique()
  @IsIn(Object.values(InvestorClass), { each: true })
  eligibleInvestorClasses: InvestorClass[];

  @ApiPropertyOptional({ minimum: 1, maximum: 2_147_483_647, description: 'Maximum number of holders, enforced on chain' })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(MAX_HOLDERS_LIMIT)
  @Type(() => Number)
  maxHolders?: number;

  @ApiPropertyOptional({ example: 'HK', default: 'HK', description: 'Business-day calendar of the dealing days (GET /v1/calendars/{code})' })
  @IsOptional()
  @Matches(/^[A-Z0-9_-]{2,16}$/, { message: 'calendar must be a calendar code such as "HK"' })
  calendar?: string;

  @ApiPropertyOptional({ pattern: decimalPattern(18), example: '1000000.000000', description: 'Most units one holder may hold, enforced on chain and at placement' })
  @IsOptional()
  @IsDecimalAmount(18)
  maxUnitsPerHolder?: string;

  @ApiPropertyOptional({ example: 30, minimum: 0, maximum: 3650, description: 'Days a subscription\'s units are locked (no redemption, no transfer)' })
  @IsOptional()
  @IsInt()
  @Min(0)
  @Max(3650)
  lockupDays?: number;

  @ApiPropertyOptional({ pattern: decimalPattern(2), example: '2', default: '2', description: 'A NAV moving more than this percent from the previous one needs a second issuer user' })
  @IsOptional()
  @IsDecimalAmount(2)
  navTolerancePercent?: string;

  @ApiPropertyOptional({ enum: IncomeMode, default: IncomeMode.ACCUMULATING })
  @IsOptional()
  @IsIn(Object.values(IncomeMode))
  incomeMode?: IncomeMode;
}

/** PATCH /v1/funds/{id}: any of the rules and dealing terms; the token's rules follow by a job. */
export class UpdateFundRequestDto extends PartialType(
  PickType(CreateFundRequestDto, [
    'eligibleJurisdictions',
    'eligibleInvestorClasses',
    'maxHolders',
    'maxUnitsPerHolder',
    'lockupDays',
    'minSubscription',
    'cutOffTime',
    'settlementDays',
    'calendar',
    'navTolerancePercent',
  ] as const),
) {}

export class FundLifecycleRequestDto {
  @ApiProperty({ example: 'Quarterly rebalancing', description: 'Why: kept in the audit trail' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(500)
  reason: string;
}

export class PublishNavRequestDto {
  @ApiProperty({ pattern: decimalPattern(NAV_DECIMALS), example: '1.000123' })
  @IsDecimalAmount(NAV_DECIMALS, { positive: true })
  nav: string;

  @ApiProperty({ example: '2026-11-26', description: 'Dealing date the NAV applies to: a business day, not in the future, not before the latest NAV' })
  @IsCalendarDate()
  asOf: string;
}

export class FundResponseDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ format: 'uuid' }) issuerId: string;
  @ApiProperty({ enum: FundStatus }) status: FundStatus;
  @ApiProperty() name: string;
  @ApiProperty() symbol: string;
  @ApiProperty() currency: string;
  @ApiProperty() unitDecimals: number;
  @ApiProperty({ pattern: DECIMAL_STRING_PATTERN, example: '1.000000' }) nav: string;
  @ApiProperty({ format: 'date' }) navAsOf: string;
  @ApiProperty({ pattern: DECIMAL_STRING_PATTERN }) minSubscription: string;
  @ApiProperty() cutOffTime: string;
  @ApiProperty() timezone: string;
  @ApiProperty() settlementDays: number;
  @ApiProperty({ enum: FundPricing }) pricing: FundPricing;
  @ApiProperty() eligibleJurisdictions: string[];
  @ApiProperty({ enum: InvestorClass, isArray: true }) eligibleInvestorClasses: InvestorClass[];
  @ApiProperty({ nullable: true, type: Number }) maxHolders: number | null;
  @ApiProperty() calendar: string;
  @ApiProperty({ pattern: DECIMAL_STRING_PATTERN, nullable: true, type: String }) maxUnitsPerHolder: string | null;
  @ApiProperty({ nullable: true, type: Number }) lockupDays: number | null;
  @ApiProperty({ pattern: DECIMAL_STRING_PATTERN, example: '2.00' }) navTolerancePercent: string;
  @ApiProperty({ enum: IncomeMode }) incomeMode: IncomeMode;
  @ApiProperty({ enum: ['PENDING', 'SYNCED'], description: "Whether the token's rules match the fund's (a job brings them there)" }) rulesSync: 'PENDING' | 'SYNCED';
  @ApiProperty({ enum: ['PENDING', 'SYNCED'], description: "Whether the token's pause state matches the fund's status (pause, resume and close go through a job)" })
  lifecycleSync: 'PENDING' | 'SYNCED';
  @ApiProperty() chainId: number;
  @ApiProperty({ pattern: '^0x[0-9a-fA-F]{40}$', nullable: true, type: String }) tokenAddress: string | null;
  @ApiProperty({ format: 'date-time' }) createdAt: string;
}

export class ShelfEntryResponseDto {
  @ApiProperty({ format: 'uuid' }) fundId: string;
  @ApiProperty({ format: 'uuid' }) distributorId: string;
  @ApiProperty({ enum: ['ACTIVE', 'REMOVED'] }) status: string;
}

export class NavResponseDto {
  @ApiProperty({ format: 'uuid' }) fundId: string;
  @ApiProperty({ pattern: DECIMAL_STRING_PATTERN }) nav: string;
  @ApiProperty({ format: 'date' }) asOf: string;
  @ApiProperty({ enum: NavStatus }) status: NavStatus;
}

export class NavHistoryItemDto {
  @ApiProperty({ format: 'date' }) asOf: string;
  @ApiProperty({ pattern: DECIMAL_STRING_PATTERN }) nav: string;
  @ApiProperty({ enum: NavStatus }) status: NavStatus;
  @ApiProperty({ nullable: true, type: String, description: 'The person who published it (null: the initial NAV of the fund)' }) publishedBy: string | null;
  @ApiProperty({ nullable: true, type: String }) approvedBy: string | null;
  @ApiProperty({ format: 'date-time' }) publishedAt: string;
  @ApiProperty({ format: 'date-time', nullable: true, type: String }) approvedAt: string | null;
}
