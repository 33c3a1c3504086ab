import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional, IsUUID } from 'class-validator';
import { IsCalendarDate, IsDecimalAmount, IsIsoDateTime } from '@rwa/common';
import { RATE_DECIMALS } from '../accrual.js';

/** Digits an income rate per unit may have before the point: a day's income per unit is far below a unit's price. */
export const RATE_INTEGER_DIGITS = 6;

export class PublishIncomeRequestDto {
  @ApiProperty({ example: '2027-01-04', description: "A business day of the fund's calendar, not in the future (fund time zone)" })
  @IsCalendarDate()
  date: string;

  @ApiProperty({ example: '0.000136986', description: `Income per unit for that day, in the fund currency: a decimal string, at most ${RATE_INTEGER_DIGITS} digits before the point and ${RATE_DECIMALS} after` })
  @IsDecimalAmount(RATE_DECIMALS, { integerDigits: RATE_INTEGER_DIGITS })
  ratePerUnit: string;
}

export class IncomeRateResponseDto {
  @ApiProperty() fundId: string;
  @ApiProperty({ example: '2027-01-04' }) date: string;
  @ApiProperty({ example: '0.000136986' }) ratePerUnit: string;
  @ApiProperty({ description: 'Start of the period the rate covers (the business day in the fund time zone)' }) periodStart: string;
  @ApiProperty() periodEnd: string;
  @ApiProperty() publishedBy: string;
  @ApiProperty() publishedAt: string;
}

export class AccrualsQueryDto {
  @ApiPropertyOptional({ description: 'ISO time: accruals up to then (default: now)' })
  @IsOptional()
  @IsIsoDateTime()
  asOf?: string;

  @ApiPropertyOptional({ description: 'Only the holders of this distributor (ISSUER); a DISTRIBUTOR always sees its own only' })
  @IsOptional()
  @IsUUID()
  distributorId?: string;
}

export class AccrualItemDto {
  @ApiProperty({ nullable: true, type: String }) investorId: string | null;
  @ApiProperty({ nullable: true, type: String }) distributorId: string | null;
  @ApiProperty() address: string;
  @ApiProperty({ example: '12.34', description: 'Income accrued since the fund began, fund currency' }) accrued: string;
  @ApiProperty({ example: '10.00', description: 'Of which distributed (reinvested or recorded as cash payable)' }) distributed: string;
}

export class AccrualsResponseDto {
  @ApiProperty() asOf: string;
  @ApiProperty({ description: 'Income accrued by all holders, fund currency' }) totalAccrued: string;
  @ApiProperty({ type: [AccrualItemDto] }) items: AccrualItemDto[];
  @ApiProperty({ nullable: true, type: String }) nextCursor: string | null;
}

export class InvestorIncomeItemDto {
  @ApiProperty() fundId: string;
  @ApiProperty({ description: 'Fund currency' }) accrued: string;
  @ApiProperty({ description: 'Units minted by reinvested distributions' }) distributedUnits: string;
  @ApiProperty({ description: 'Cash recorded as payable through the distributor, fund currency' }) distributedCash: string;
}

export class InvestorIncomeResponseDto {
  @ApiProperty({ type: [InvestorIncomeItemDto] }) items: InvestorIncomeItemDto[];
  @ApiProperty({ nullable: true, type: String }) nextCursor: string | null;
}

export class CreateDistributionRequestDto {
  @ApiProperty({ example: '2027-01-29', description: 'Holders of record at the end of this day (fund time zone) are paid what they accrued since the previous record date' })
  @IsCalendarDate()
  recordDate: string;
}

export enum DistributionStatus {
  PENDING = 'PENDING',
  PROCESSING = 'PROCESSING',
  COMPLETED = 'COMPLETED',
}

export class DistributionAcceptedDto {
  @ApiProperty() id: string;
  @ApiProperty({ enum: DistributionStatus }) status: DistributionStatus;
}

export class DistributionResponseDto {
  @ApiProperty() id: string;
  @ApiProperty() fundId: string;
  @ApiProperty({ enum: DistributionStatus }) status: DistributionStatus;
  @ApiProperty() recordDate: string;
  @ApiProperty({ description: 'End of the record date, fund time zone' }) recordTime: string;
  @ApiProperty({ nullable: true, type: String, description: 'The last indexed block at the record time' }) block: string | null;
  @ApiProperty({ description: 'Holders paid (items)' }) holders: number;
  @ApiProperty({ description: 'Fund currency' }) totalAmount: string;
  @ApiProperty() unitsReinvested: string;
  @ApiProperty({ description: 'Fund currency' }) cashPayable: string;
  @ApiProperty({ description: 'Held by a control at payment time (blocklist, freeze, KYC, unknown holder): neither minted nor payable yet' }) heldAmount: string;
  @ApiProperty({ nullable: true, type: String }) completedAt: string | null;
}

export class DistributionItemDto {
  @ApiProperty() address: string;
  @ApiProperty({ nullable: true, type: String }) investorId: string | null;
  @ApiProperty({ nullable: true, type: String }) distributorId: string | null;
  @ApiProperty() amount: string;
  @ApiProperty({ enum: ['REINVEST', 'CASH'] }) method: string;
  @ApiProperty() units: string;
  @ApiProperty({ enum: ['PENDING', 'MINTED', 'CASH_PAYABLE', 'HELD'] }) status: string;
  @ApiProperty({ nullable: true, type: String }) heldReason: string | null;
  @ApiProperty({ nullable: true, type: String }) txHash: string | null;
}

export class DistributionItemsResponseDto {
  @ApiProperty({ type: [DistributionItemDto] }) items: DistributionItemDto[];
  @ApiProperty({ nullable: true, type: String }) nextCursor: string | null;
}

export class HoldersQueryDto {
  @ApiPropertyOptional({ description: 'ISO time: the register as it stood then (from the chain index journal)' })
  @IsOptional()
  @IsIsoDateTime()
  asOf?: string;

  @ApiPropertyOptional({ enum: ['json', 'csv'], description: 'csv: the same page as text/csv (or send Accept: text/csv)' })
  @IsOptional()
  @IsIn(['json', 'csv'])
  format?: 'json' | 'csv';
}

export class RegisterHolderDto {
  @ApiProperty() address: string;
  @ApiProperty({ nullable: true, type: String }) investorId: string | null;
  @ApiProperty({ nullable: true, type: String }) distributorId: string | null;
  @ApiProperty() units: string;
}

export class RegisterResponseDto {
  @ApiProperty({ nullable: true, type: String, description: 'The time asked for; null for the current register' }) asOf: string | null;
  @ApiProperty({ nullable: true, type: String, description: 'The last indexed block the answer reflects' }) block: string | null;
  @ApiProperty({ type: [RegisterHolderDto] }) items: RegisterHolderDto[];
  @ApiProperty({ nullable: true, type: String }) nextCursor: string | null;
}

export enum ReconciliationStatus {
  PENDING = 'PENDING',
  RUNNING = 'RUNNING',
  COMPLETED = 'COMPLETED',
  FAILED = 'FAILED',
}

export enum BreakKind {
  /** The register (indexer) says another balance than the token at the block. */
  REGISTER_VS_CHAIN = 'REGISTER_VS_CHAIN',
  /** The platform's own records (mints, burns, transfers between its wallets, distributions) say another balance than the token. */
  LEDGER_VS_CHAIN = 'LEDGER_VS_CHAIN',
  /** Units at an address no investor of the platform is bound to. */
  UNKNOWN_HOLDER = 'UNKNOWN_HOLDER',
  /**
   * The platform's stablecoin payments say another net amount paid to the fund by a wallet, in a stablecoin, than
   * the settlement contract's legs on chain (the break names the stablecoin; its amounts are in that stablecoin).
   */
  STABLECOIN_LEDGER_VS_CHAIN = 'STABLECOIN_LEDGER_VS_CHAIN',
}

export class ReconciliationAcceptedDto {
  @ApiProperty() id: string;
  @ApiProperty({ enum: ReconciliationStatus }) status: ReconciliationStatus;
}

export class ReconciliationBreakDto {
  @ApiProperty() id: string;
  @ApiProperty({ enum: BreakKind }) kind: BreakKind;
  @ApiProperty() address: string;
  @ApiProperty({ nullable: true, type: String, description: 'The stablecoin (address) of a STABLECOIN_LEDGER_VS_CHAIN break, whose amounts are in that stablecoin; null for the units breaks' })
  stablecoin: string | null;
  @ApiProperty({ nullable: true, type: String }) register: string | null;
  @ApiProperty({ nullable: true, type: String }) chain: string | null;
  @ApiProperty({ nullable: true, type: String }) ledger: string | null;
  @ApiProperty({ enum: ['OPEN', 'RESOLVED'] }) status: string;
  @ApiProperty({ nullable: true, type: String, description: 'The compliance alert raised for it' }) alertId: string | null;
}

export class ReconciliationResponseDto {
  @ApiProperty() id: string;
  @ApiProperty() fundId: string;
  @ApiProperty({ enum: ReconciliationStatus }) status: ReconciliationStatus;
  @ApiProperty({ enum: ['ON_DEMAND', 'SCHEDULED'] }) trigger: string;
  @ApiProperty({ nullable: true, type: String }) block: string | null;
  @ApiProperty() holdersChecked: number;
  @ApiProperty({ type: [ReconciliationBreakDto] }) breaks: ReconciliationBreakDto[];
  @ApiProperty({ nullable: true, type: String }) error: string | null;
  @ApiProperty() createdAt: string;
  @ApiProperty({ nullable: true, type: String }) completedAt: string | null;
}
