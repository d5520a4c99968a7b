import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsBoolean, IsIn, IsOptional, IsString, Length, MaxLength, ValidateIf } from 'class-validator';

export class UpdateProfileDto {
  @ApiPropertyOptional() @IsOptional() @IsString() @Length(1, 120) displayName?: string;
  @ApiPropertyOptional({ nullable: true })
  @ValidateIf((o: UpdateProfileDto) => o.headline !== null && o.headline !== undefined)
  @IsString()
  @MaxLength(200)
  headline?: string | null;
  @ApiPropertyOptional({ nullable: true, description: 'Private: never published to other services' })
  @ValidateIf((o: UpdateProfileDto) => o.phone !== null && o.phone !== undefined)
  @IsString()
  @MaxLength(30)
  phone?: string | null;
  @ApiPropertyOptional({ enum: ['fr', 'en'] }) @IsOptional() @IsIn(['fr', 'en']) locale?: 'fr' | 'en';
}

export class ChangePasswordDto {
  @ApiProperty() @IsString() @MaxLength(200) currentPassword: string;
  @ApiProperty({ minLength: 12 }) @IsString() @Length(12, 200) newPassword: string;
}

export const CONSENT_PURPOSE_VALUES = ['directory_listing', 'personal_ties', 'warm_introductions', 'analytics', 'marketing_emails'] as const;

export class SetConsentDto {
  @ApiProperty() @IsBoolean() granted: boolean;
  @ApiPropertyOptional({ description: 'Version of the policy the person agreed to (required when granting)' })
  @ValidateIf((o: SetConsentDto) => o.granted === true)
  @IsString()
  @Length(1, 40)
  policyVersion?: string;
}
