import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsDefined, IsNotEmpty, IsOptional, IsString, Matches, MaxLength, ValidateNested } from 'class-validator';

/** A party of a transfer as the FATF travel rule (Recommendation 16) asks for it. */
export class TravelRulePartyDto {
  @ApiProperty({ example: 'Chan Tai Man', description: 'Full name of the natural or legal person' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(200)
  name: string;

  @ApiProperty({ example: 'HSBC-HK-123-456789-001', description: 'Account number or another unique reference of the party' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(100)
  accountRef: string;

  @ApiPropertyOptional({ example: 'HK', description: 'ISO 3166-1 alpha-2 country of residence or registration' })
  @IsOptional()
  @Matches(/^[A-Z]{2}$/, { message: 'country must be an ISO 3166-1 alpha-2 code' })
  country?: string;
}

/** Originator and beneficiary of an order; required at or above the fund's travel-rule threshold. */
export class TravelRuleInfoDto {
  @ApiProperty({ type: TravelRulePartyDto })
  @IsDefined()
  @ValidateNested()
  @Type(() => TravelRulePartyDto)
  originator: TravelRulePartyDto;

  @ApiProperty({ type: TravelRulePartyDto })
  @IsDefined()
  @ValidateNested()
  @Type(() => TravelRulePartyDto)
  beneficiary: TravelRulePartyDto;
}
