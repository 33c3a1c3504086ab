import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { ArrayMaxSize, ArrayUnique, IsArray, IsInt, IsNotEmpty, IsOptional, IsString, Max, MaxLength, Min } from 'class-validator';

export class PutCalendarRequestDto {
  @ApiProperty({ example: 'Hong Kong general holidays' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(200)
  name: string;

  @ApiProperty({ example: ['2026-12-25', '2026-12-26'], description: 'Holidays (YYYY-MM-DD, real dates); weekends are never business days' })
  @IsArray()
  @ArrayMaxSize(3660)
  @IsString({ each: true })
  holidays: string[];

  @ApiPropertyOptional({ type: 'integer', isArray: true, minimum: 0, maximum: 6, example: [6, 0], default: [6, 0], description: 'Days of the week that are never business days (0 = Sunday ... 6 = Saturday)' })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(6)
  @ArrayUnique()
  @IsInt({ each: true })
  @Min(0, { each: true })
  @Max(6, { each: true })
  weekendDays?: number[];
}

export class CalendarResponseDto {
  @ApiProperty({ example: 'HK' }) code: string;
  @ApiProperty() name: string;
  @ApiProperty({ type: [String] }) holidays: string[];
  @ApiProperty({ type: [Number], example: [6, 0] }) weekendDays: number[];
}
