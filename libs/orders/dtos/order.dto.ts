import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { ArrayMaxSize, ArrayMinSize, ArrayUnique, Equals, IsArray, IsIn, IsNotEmpty, IsOptional, IsString, IsUUID, Matches, MaxLength, ValidateIf, ValidateNested } from 'class-validator';
import { IsDecimalAmount, DECIMAL_STRING_PATTERN, decimalPattern } from '@rwa/common';
import { TravelRuleInfoDto } from '@rwa/kyt';
import { OrderStatus, OrderType } from '../order.entity.js';

/** A subscription paid in stablecoin from the investor's wallet, atomically against the units (FundSettlement). */
export class StablecoinPaymentRequestDto {
  @ApiProperty({ enum: ['STABLECOIN'] })
  @IsIn(['STABLECOIN'])
  method: 'STABLECOIN';

  @ApiProperty({ description: 'A stablecoin the fund accepts (GET /v1/stablecoins)' })
  @IsUUID('all', { message: 'stablecoinId must be a UUID' })
  stablecoinId: string;
}

/** A redemption paid out in stablecoin to the investor's wallet, instantly, within the fund's daily caps. */
export class StablecoinPayoutRequestDto extends StablecoinPaymentRequestDto {
  @ApiProperty({ enum: [true], description: 'Instant: burned and paid out in one transaction' })
  @Equals(true, { message: 'instant must be true: stablecoin payouts are instant' })
  instant: true;
}

export class CreateOrderRequestDto {
  @ApiProperty({ enum: OrderType })
  @IsIn(Object.values(OrderType))
  type: OrderType;

  @ApiProperty({ format: 'uuid' }) @IsUUID('all', { message: 'fundId must be a UUID' }) fundId: string;
  @ApiProperty({ format: 'uuid' }) @IsUUID('all', { message: 'investorId must be a UUID' }) investorId: string;
  @ApiProperty({ format: 'uuid' }) @IsUUID('all', { message: 'walletId must be a UUID' }) walletId: string;

  @ApiPropertyOptional({ pattern: decimalPattern(8), example: '10000.00', description: 'Subscription: cash amount in the fund currency' })
  @ValidateIf((order: CreateOrderRequestDto) => order.type === OrderType.SUBSCRIPTION)
  @IsDecimalAmount(8, { positive: true })
  amount?: string;

  @ApiPropertyOptional({ pattern: decimalPattern(18), example: '500.000000', description: 'Redemption: units to redeem' })
  @ValidateIf((order: CreateOrderRequestDto) => order.type === OrderType.REDEMPTION)
  @IsDecimalAmount(18, { positive: true })
  units?: string;

  @ApiPropertyOptional({ type: StablecoinPaymentRequestDto, description: 'Subscription: pay in stablecoin (the answer carries the permit to sign)' })
  @IsOptional()
  @ValidateNested()
  @Type(() => StablecoinPaymentRequestDto)
  payment?: StablecoinPaymentRequestDto;

  @ApiPropertyOptional({ type: StablecoinPayoutRequestDto, description: 'Redemption: paid out instantly in stablecoin' })
  @IsOptional()
  @ValidateNested()
  @Type(() => StablecoinPayoutRequestDto)
  payout?: StablecoinPayoutRequestDto;

  @ApiPropertyOptional({
    type: TravelRuleInfoDto,
    description: "Originator and beneficiary (FATF travel rule); required when the amount reaches the fund's KYT travel-rule threshold",
  })
  @IsOptional()
  @ValidateNested()
  @Type(() => TravelRuleInfoDto)
  travelRule?: TravelRuleInfoDto;
}

export class PaymentConfirmationRequestDto {
  @ApiProperty({ example: 'HSBC-TT-20261126-0042', description: 'The bank reference of the cash received' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(200)
  reference: string;
}

/** One wire paying for several orders: all are confirmed, or none. */
export class BatchPaymentConfirmationRequestDto extends PaymentConfirmationRequestDto {
  @ApiProperty({ type: [String], description: 'The subscriptions (AWAITING_PAYMENT) the wire pays for, at most 100' })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(100)
  @ArrayUnique({ message: 'orderIds must not repeat an order' })
  @IsUUID('all', { each: true, message: 'each orderIds entry must be a UUID' })
  orderIds: string[];
}

/** The investor's wallet authorises the stablecoin leg: an EIP-2612 permit signature, or its own prior approval. */
export class PaymentAuthorizationRequestDto {
  @ApiPropertyOptional({ example: `0x${'1b'.repeat(65)}`, description: 'The EIP-2612 signature of the typed data the order answered with (65 or 64 bytes, hex)' })
  @ValidateIf((body: PaymentAuthorizationRequestDto) => body.method === undefined || body.signature !== undefined)
  @IsString()
  @Matches(/^0x([0-9a-fA-F]{128}|[0-9a-fA-F]{130})$/, { message: 'signature must be a 64- or 65-byte hex signature' })
  signature?: `0x${string}`;

  @ApiPropertyOptional({ enum: ['APPROVAL'], description: 'APPROVAL: the wallet approved the settlement contract itself' })
  @ValidateIf((body: PaymentAuthorizationRequestDto) => body.signature === undefined || body.method !== undefined)
  @IsIn(['APPROVAL'], { message: 'method must be APPROVAL (or send a signature)' })
  method?: 'APPROVAL';
}

export class RefundConfirmationRequestDto {
  @ApiProperty({ example: 'HSBC-TT-20261127-0007', description: 'The bank reference of the cash returned' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(200)
  reference: string;
}

export class OrderListQueryDto {
  @ApiPropertyOptional() @IsOptional() @IsUUID('all', { message: 'fundId must be a UUID' }) fundId?: string;
  @ApiPropertyOptional({ enum: OrderStatus }) @IsOptional() @IsIn(Object.values(OrderStatus)) status?: OrderStatus;
}

export class OrderEventDto {
  @ApiProperty({ nullable: true, type: String }) from: string | null;
  @ApiProperty({ nullable: true, type: String }) to: string | null;
  @ApiProperty() at: string;
  @ApiProperty({ nullable: true, type: String }) reason: string | null;
}

export class OrderPaymentDto {
  @ApiProperty({ enum: ['STABLECOIN'] }) method: 'STABLECOIN';
  @ApiProperty() stablecoinId: string;
  @ApiProperty({ description: 'Stablecoin base units: the order amount until settled, then what moved on chain' }) amount: string;
  @ApiProperty({ nullable: true, type: String, description: 'The one transaction that moved the stablecoin and the units' }) txHash: string | null;
  @ApiPropertyOptional({ description: 'A payout: instant' }) instant?: boolean;
}

export class PaymentAuthorizationDto {
  @ApiProperty({ enum: ['EIP2612_PERMIT'] }) kind: 'EIP2612_PERMIT';
  @ApiProperty({ type: 'object', additionalProperties: true, description: 'EIP-712 typed data (eth_signTypedData_v4): domain, types, primaryType, message with value, nonce and deadline as decimal strings' })
  typedData: Record<string, unknown>;
}

export class OrderResponseDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ enum: OrderType }) type: OrderType;
  @ApiProperty({ enum: OrderStatus }) status: OrderStatus;
  @ApiProperty({ format: 'uuid' }) fundId: string;
  @ApiProperty({ format: 'uuid' }) investorId: string;
  @ApiProperty({ format: 'uuid' }) walletId: string;
  @ApiProperty() currency: string;
  @ApiProperty({ pattern: DECIMAL_STRING_PATTERN, nullable: true, type: String }) amount: string | null;
  @ApiProperty({ pattern: DECIMAL_STRING_PATTERN, nullable: true, type: String, description: 'Units as a decimal string with the fund unit decimals' }) units: string | null;
  @ApiProperty({ pattern: DECIMAL_STRING_PATTERN, nullable: true, type: String }) nav: string | null;
  @ApiProperty({ pattern: DECIMAL_STRING_PATTERN, nullable: true, type: String, description: 'Cash not converted into whole units' }) cashRemainder: string | null;
  @ApiProperty({ format: 'date', description: 'The business day whose cut-off the order made (fund time zone)' }) dealingDate: string;
  @ApiProperty({ format: 'date-time', description: "The cut-off of the dealing date: the distributor may cancel until then" }) cutOffAt: string;
  @ApiProperty({ format: 'date', description: 'Dealing date plus the fund settlement days, in business days' }) settlementDate: string;
  @ApiProperty({ format: 'date', nullable: true, type: String, description: 'The date of the NAV that priced the order' }) navAsOf: string | null;
  @ApiProperty({ nullable: true, type: String, description: 'For REFUNDED: the bank reference of the cash returned' }) refundReference: string | null;
  @ApiProperty({ nullable: true, type: String }) paymentReference: string | null;
  @ApiProperty({ pattern: '^0x[0-9a-f]{64}$', nullable: true, type: String }) txHash: string | null;
  @ApiProperty({ nullable: true, type: String, description: 'For a FAILED order: the token contract error that refused it, e.g. FUND_TOKEN_ADDRESS_FROZEN' })
  failureCode: string | null;
  @ApiPropertyOptional({ type: OrderPaymentDto, nullable: true, description: 'The stablecoin leg of the order, if it pays or is paid in stablecoin' })
  payment?: OrderPaymentDto | null;
  @ApiPropertyOptional({ type: PaymentAuthorizationDto, description: 'In the answer to a stablecoin subscription: what the investor wallet signs' })
  paymentAuthorization?: PaymentAuthorizationDto;
  @ApiProperty({ type: [OrderEventDto] }) events: OrderEventDto[];
  @ApiProperty({ format: 'date-time' }) createdAt: string;
}

export class DistributorFiguresDto {
  @ApiProperty({ format: 'uuid' }) distributorId: string;
  @ApiProperty({ description: 'Investors with a settled subscription through this distributor' }) investors: number;
  @ApiProperty({ pattern: DECIMAL_STRING_PATTERN, description: 'Units subscribed less units redeemed' }) unitsHeld: string;
  @ApiProperty({ pattern: DECIMAL_STRING_PATTERN, description: 'Cash of settled subscriptions, in the fund currency' }) subscribedAmount: string;
  @ApiProperty({ pattern: DECIMAL_STRING_PATTERN }) redeemedUnits: string;
}

export class DistributionReportDto {
  @ApiProperty({ format: 'uuid' }) fundId: string;
  @ApiProperty({ description: 'Distributors on the fund shelf' }) distributors: number;
  @ApiProperty({ description: 'Investors with a settled subscription' }) investors: number;
  @ApiProperty({ pattern: DECIMAL_STRING_PATTERN, description: 'Total supply of the fund token on chain' }) unitsOutstanding: string;
  @ApiProperty({ type: [DistributorFiguresDto] }) byDistributor: DistributorFiguresDto[];
}

export class DealingSideDto {
  @ApiProperty() count: number;
  @ApiProperty({ pattern: DECIMAL_STRING_PATTERN, description: 'Cash in the fund currency' }) amount: string;
  @ApiProperty({ pattern: DECIMAL_STRING_PATTERN, description: 'Units (priced orders only)' }) units: string;
}

export class DealingSummaryDto {
  @ApiProperty({ format: 'uuid' }) fundId: string;
  @ApiProperty({ format: 'date' }) dealingDate: string;
  @ApiProperty({ pattern: DECIMAL_STRING_PATTERN, nullable: true, type: String, description: 'The published NAV of the dealing date, if any' }) nav: string | null;
  @ApiProperty({ type: DealingSideDto, description: 'Subscriptions that are or will be dealt (not cancelled, rejected or refunded)' }) subscriptions: DealingSideDto;
  @ApiProperty({ type: DealingSideDto, description: 'Redemptions that are or will be dealt (not cancelled, rejected or failed)' }) redemptions: DealingSideDto;
  @ApiProperty({ type: 'object', additionalProperties: { type: 'number' }, description: 'Orders of the day by status, all of them' }) byStatus: Record<string, number>;
}
