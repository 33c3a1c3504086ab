import { ApiProperty } from '@nestjs/swagger';
import { IsInt, Max, Min } from 'class-validator';
import { IsDecimalAmount, decimalPattern } from '@rwa/common';

/** A fund's KYT thresholds; amounts are decimal strings in the fund currency. */
export class PutFundRulesRequestDto {
  @ApiProperty({ pattern: decimalPattern(8), example: '1000000.00', description: 'Orders at or above this amount need originator and beneficiary information (travel rule)' })
  @IsDecimalAmount(8, { positive: true })
  travelRuleThreshold: string;

  @ApiProperty({ example: 10, description: 'More orders than this per investor within the window is a velocity finding' })
  @IsInt()
  @Min(1)
  @Max(100_000)
  velocityMaxOrders: number;

  @ApiProperty({ example: 60 })
  @IsInt()
  @Min(1)
  @Max(525_600)
  velocityWindowMinutes: number;

  @ApiProperty({ example: 3, description: 'Orders within 24 hours just under the threshold that count as structuring' })
  @IsInt()
  @Min(2)
  @Max(1000)
  structuringMinOrders: number;

  @ApiProperty({ example: 10, description: '"Just under": within this percentage below the threshold' })
  @IsInt()
  @Min(1)
  @Max(99)
  structuringBandPercent: number;

  @ApiProperty({ example: 24, description: 'A wallet bound less than this many hours ago is fresh' })
  @IsInt()
  @Min(0)
  @Max(8760)
  freshWalletHours: number;

  @ApiProperty({ pattern: decimalPattern(8), example: '500000.00', description: 'A subscription at or above this into a fresh wallet is a finding' })
  @IsDecimalAmount(8, { positive: true })
  freshWalletLargeAmount: string;
}

export class FundRulesDto extends PutFundRulesRequestDto {
  @ApiProperty({ format: 'uuid' }) fundId: string;
}
