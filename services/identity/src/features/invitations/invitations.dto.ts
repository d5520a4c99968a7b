import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsEmail, IsIn, IsOptional, IsString, IsUUID, Length, MaxLength } from 'class-validator';
import { PageQuery } from '@opn/service-kit';

export class InviteDto {
  @ApiProperty() @IsString() @MaxLength(254) @IsEmail() email: string;
  @ApiPropertyOptional({ enum: ['member', 'company_admin'], default: 'member' })
  @IsOptional()
  @IsIn(['member', 'company_admin'])
  role?: 'member' | 'company_admin';
}

export class AcceptInvitationDto {
  @ApiProperty() @IsUUID() companyId: string;
  @ApiProperty() @IsUUID() invitationId: string;
  @ApiProperty({ description: 'The secret token the invitation carried' }) @IsString() @Length(20, 200) token: string;
}

export class InvitationsQueryDto extends PageQuery {
  @ApiPropertyOptional({ enum: ['pending', 'accepted', 'revoked'] })
  @IsOptional()
  @IsIn(['pending', 'accepted', 'revoked'])
  status?: 'pending' | 'accepted' | 'revoked';
}

export class InvitationCreatedView {
  @ApiProperty() invitationId: string;
  @ApiProperty() companyId: string;
  @ApiProperty() email: string;
  @ApiProperty() role: string;
  @ApiProperty() expiresAt: string;
  @ApiProperty({ description: 'Shown once: send it to the invitee (only its hash is stored)' }) token: string;
}
