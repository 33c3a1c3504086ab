import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { ArrayMaxSize, ArrayMinSize, ArrayUnique, IsArray, IsBoolean, IsIn, IsInt, IsOptional, IsString, IsUrl, Max, MaxLength, Min } from 'class-validator';
import { EVENT_TYPES } from '../event-types.js';

export enum DeliveryStatus {
  PENDING = 'PENDING',
  DELIVERED = 'DELIVERED',
  FAILED = 'FAILED',
}

const URL_OPTIONS = { protocols: ['http', 'https'], require_protocol: true, require_tld: false, require_host: true };

export class CreateWebhookRequestDto {
  @ApiProperty({ example: 'https://hooks.example.com/rwa', description: 'https, resolving to public addresses only' })
  @IsString()
  @MaxLength(2048)
  @IsUrl(URL_OPTIONS, { message: 'url must be an http(s) URL' })
  url: string;

  @ApiProperty({ example: ['order.settled', 'order.failed'], enum: EVENT_TYPES, isArray: true })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(EVENT_TYPES.length)
  @ArrayUnique()
  @IsIn(EVENT_TYPES, { each: true })
  events: string[];

  @ApiPropertyOptional({ example: 'Back office' })
  @IsOptional()
  @IsString()
  @MaxLength(500)
  description?: string;
}

export class UpdateWebhookRequestDto {
  @ApiPropertyOptional({ example: 'https://hooks.example.com/rwa' })
  @IsOptional()
  @IsString()
  @MaxLength(2048)
  @IsUrl(URL_OPTIONS, { message: 'url must be an http(s) URL' })
  url?: string;

  @ApiPropertyOptional({ enum: EVENT_TYPES, isArray: true })
  @IsOptional()
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(EVENT_TYPES.length)
  @ArrayUnique()
  @IsIn(EVENT_TYPES, { each: true })
  events?: string[];

  @ApiPropertyOptional({ description: 'false stops deliveries (they wait); true resumes them (also after the platform disabled a failing endpoint)' })
  @IsOptional()
  @IsBoolean()
  enabled?: boolean;

  @ApiPropertyOptional({ example: 'Back office' })
  @IsOptional()
  @IsString()
  @MaxLength(500)
  description?: string;
}

export class WebhookResponseDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty() url: string;
  @ApiProperty({ enum: EVENT_TYPES, isArray: true }) events: string[];
  @ApiProperty({ nullable: true, type: String }) description: string | null;
  @ApiProperty() enabled: boolean;
  @ApiProperty({ nullable: true, type: String, description: 'Why the platform disabled the endpoint' }) disabledReason: string | null;
  @ApiProperty({ format: 'date-time' }) createdAt: string;
}

export class CreatedWebhookResponseDto extends WebhookResponseDto {
  @ApiProperty({ example: 'whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw', description: 'The signing secret, shown once' }) secret: string;
}

export class WebhookListResponseDto {
  @ApiProperty({ type: [WebhookResponseDto] }) items: WebhookResponseDto[];
  @ApiProperty({ nullable: true, type: String }) nextCursor: string | null;
}

export class RotatedSecretResponseDto {
  @ApiProperty({ example: 'whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw', description: 'The new signing secret, shown once; the previous one keeps signing too for the overlap (24 h)' }) secret: string;
  @ApiProperty({ format: 'date-time', description: 'Until when the previous secret signs too' }) previousSecretExpiresAt: string;
}

export class AcceptedResponseDto {
  @ApiProperty({ example: true }) accepted: boolean;
  @ApiPropertyOptional({ format: 'uuid', description: 'The event sent (test)' }) eventId?: string;
}

/** The delivery log's filter; paging is the list endpoints' PageQueryDto. */
export class DeliveryListQueryDto {
  @ApiPropertyOptional({ enum: DeliveryStatus })
  @IsOptional()
  @IsIn(Object.values(DeliveryStatus))
  status?: DeliveryStatus;
}

export class DeliveryResponseDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ format: 'uuid' }) eventId: string;
  @ApiProperty({ example: 'order.settled' }) eventType: string;
  @ApiProperty({ enum: DeliveryStatus }) status: DeliveryStatus;
  @ApiProperty() attempts: number;
  @ApiProperty({ nullable: true, type: Number }) lastStatusCode: number | null;
  @ApiProperty({ nullable: true, type: String, description: 'Why the last attempt failed without a status (timeout, refused target, ...)' }) lastError: string | null;
  @ApiProperty({ nullable: true, type: String, format: 'date-time' }) nextAttemptAt: string | null;
  @ApiProperty({ nullable: true, type: String, format: 'date-time' }) deliveredAt: string | null;
  @ApiProperty({ format: 'date-time' }) createdAt: string;
}

export class DeliveryListResponseDto {
  @ApiProperty({ type: [DeliveryResponseDto] }) items: DeliveryResponseDto[];
  @ApiProperty({ nullable: true, type: String }) nextCursor: string | null;
}
