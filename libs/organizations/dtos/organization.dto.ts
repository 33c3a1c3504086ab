import { ApiProperty } from '@nestjs/swagger';
import { IsIn, IsNotEmpty, IsString, Matches, MaxLength } from 'class-validator';
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
  @ApiProperty() id: string;
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
}

export class ApiKeyResponseDto {
  @ApiProperty() id: string;
  @ApiProperty({ enum: Role }) role: Role;
  @ApiProperty({ description: 'The key itself; shown only in this response, store it safely' }) key: string;
}

export class MeResponseDto {
  @ApiProperty() organizationId: string;
  @ApiProperty({ enum: OrganizationType }) organizationType: OrganizationType;
  @ApiProperty({ enum: Role }) role: Role;
}
