import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsEmail, IsIn, IsISO8601, IsNotEmpty, IsOptional, IsString, IsUUID, Matches, MaxLength } from 'class-validator';
import { OrganizationType, Role } from '@rwa/common';

export class CreateOrganizationRequestDto {
  @ApiProperty({ enum: [OrganizationType.ISSUER, OrganizationType.DISTRIBUTOR], description: 'Issuers publish funds; distributors sell them' })
  @IsIn([OrganizationType.ISSUER, OrganizationType.DISTRIBUTOR])
  type: OrganizationType.ISSUER | OrganizationType.DISTRIBUTOR;

  @ApiProperty({ example: 'Harbour Asset Management', description: 'Legal or trading name' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(200)
  name: string;

  @ApiProperty({ example: 'HK', description: 'ISO-3166 alpha-2 country of the organisation' })
  @Matches(/^[A-Z]{2}$/, { message: 'jurisdiction must be an ISO-3166 alpha-2 code such as "HK"' })
  jurisdiction: string;
}

export class OrganizationResponseDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ enum: OrganizationType }) type: OrganizationType;
  @ApiProperty() name: string;
  @ApiProperty() jurisdiction: string;
}

export class CreateApiKeyRequestDto {
  @ApiProperty({ example: 'back office', description: 'What the key is used for' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(200)
  label: string;

  @ApiProperty({ enum: Role, description: 'Must fit the organisation: ISSUER, DISTRIBUTOR, or ADMIN/COMPLIANCE on the platform organisation' })
  @IsIn(Object.values(Role))
  role: Role;

  @ApiPropertyOptional({
    format: 'uuid',
    description: 'The user (of this organisation, with this role) the key belongs to. Required for ISSUER and COMPLIANCE keys: four-eyes rules compare users',
  })
  @IsOptional()
  @IsUUID('all', { message: 'userId must be a UUID' })
  userId?: string;

  @ApiPropertyOptional({ example: '2027-01-31T00:00:00Z', description: 'After this instant the key answers 401 (ISO-8601, in the future, at most 10 years ahead); absent: no expiry' })
  @IsOptional()
  @IsISO8601({ strict: true, strictSeparator: true }, { message: 'expiresAt must be an ISO-8601 date and time' })
  expiresAt?: string;
}

export class ApiKeyResponseDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ enum: Role }) role: Role;
  @ApiProperty({ description: 'The key itself; shown only in this response, store it safely' }) key: string;
  @ApiProperty({ format: 'uuid', type: String, nullable: true }) userId: string | null;
  @ApiProperty({ format: 'date-time', type: String, nullable: true, description: 'ISO-8601; null: no expiry' }) expiresAt: string | null;
}

/** A key as GET .../api-keys lists it: never its secret nor its hash. */
export class ApiKeyListItemDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty() label: string;
  @ApiProperty({ enum: Role }) role: Role;
  @ApiProperty({ format: 'uuid', type: String, nullable: true }) userId: string | null;
  @ApiProperty({ format: 'date-time' }) createdAt: string;
  @ApiProperty({ format: 'date-time', type: String, nullable: true }) expiresAt: string | null;
  @ApiProperty({ format: 'date-time', type: String, nullable: true }) revokedAt: string | null;
  @ApiProperty({ format: 'date-time', type: String, nullable: true, description: 'Last successful authentication, to the minute' }) lastUsedAt: string | null;
}

export class ApiKeyPageDto {
  @ApiProperty({ type: [ApiKeyListItemDto] }) items: ApiKeyListItemDto[];
  @ApiProperty({ type: String, nullable: true }) nextCursor: string | null;
}

export class CreateUserRequestDto {
  @ApiProperty({ example: 'Mei Chan', description: 'Full name' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(200)
  name: string;

  @ApiProperty({ example: 'mei.chan@harbour.example', description: 'Unique within the organisation (compared case-insensitively)' })
  @IsString()
  @MaxLength(254)
  @IsEmail({}, { message: 'email must be an email address' })
  email: string;

  @ApiProperty({ enum: Role, description: 'Must fit the organisation, like a key role; the user\'s keys take this role' })
  @IsIn(Object.values(Role))
  role: Role;
}

export class UserResponseDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ format: 'uuid' }) organizationId: string;
  @ApiProperty() name: string;
  @ApiProperty() email: string;
  @ApiProperty({ enum: Role }) role: Role;
}

export class MeResponseDto {
  @ApiProperty({ format: 'uuid' }) organizationId: string;
  @ApiProperty({ enum: OrganizationType }) organizationType: OrganizationType;
  @ApiProperty({ enum: Role }) role: Role;
  @ApiProperty({ format: 'uuid', type: String, nullable: true, description: 'The user the key belongs to; null for a key without a user' }) userId: string | null;
  @ApiProperty({ type: String, nullable: true }) userName: string | null;
}
