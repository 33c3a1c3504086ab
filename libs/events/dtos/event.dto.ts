import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsInt, IsOptional, IsString, Matches, Max, MaxLength, Min } from 'class-validator';
import { EVENT_TYPES } from '../event-types.js';

const TYPE_LIST = new RegExp(`^(${EVENT_TYPES.map((type) => type.replace('.', '\\.')).join('|')})(,(${EVENT_TYPES.map((type) => type.replace('.', '\\.')).join('|')}))*$`);

export class EventListQueryDto {
  @ApiPropertyOptional({ description: 'nextCursor of the previous page (absent: from the oldest event kept)', example: '1042' })
  @IsOptional()
  @IsString()
  @Matches(/^\d{1,18}$/, { message: 'after must be a cursor returned by this endpoint' })
  after?: string;

  @ApiPropertyOptional({ description: 'Comma-separated event types', example: 'order.settled,order.failed' })
  @IsOptional()
  @IsString()
  @MaxLength(2000)
  @Matches(TYPE_LIST, { message: `types must be a comma-separated list of: ${EVENT_TYPES.join(', ')}` })
  types?: string;

  @ApiPropertyOptional({ default: 50, minimum: 1, maximum: 500 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(500)
  limit?: number;
}

export class EventSubjectDto {
  @ApiProperty({ example: 'order' }) type: string;
  @ApiProperty({ format: 'uuid' }) id: string;
}

export class EventResponseDto {
  @ApiProperty({ format: 'uuid', description: 'Stable: the same id in the feed and in every delivery (the webhook-id header)' }) id: string;
  @ApiProperty({ example: 'order.settled', enum: EVENT_TYPES }) type: string;
  @ApiProperty({ format: 'date-time' }) occurredAt: string;
  @ApiProperty({ type: EventSubjectDto }) subject: EventSubjectDto;
  @ApiProperty({ type: 'object', additionalProperties: true, description: "The subject's public representation at the change" }) data: Record<string, unknown>;
}

export class EventListResponseDto {
  @ApiProperty({ type: [EventResponseDto] }) items: EventResponseDto[];
  @ApiProperty({ nullable: true, type: String, description: 'Pass as `after` to read on; the same cursor again when nothing new was committed' }) nextCursor: string | null;
}
