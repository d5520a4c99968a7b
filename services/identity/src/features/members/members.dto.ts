import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn } from 'class-validator';

export class ChangeRoleDto {
  @ApiProperty({ enum: ['member', 'company_admin'] })
  @IsIn(['member', 'company_admin'])
  role: 'member' | 'company_admin';
}

export class MemberView {
  @ApiProperty() companyId: string;
  @ApiProperty() personId: string;
  @ApiProperty({ enum: ['member', 'company_admin'] }) role: string;
  @ApiProperty() joinedAt: string;
  @ApiPropertyOptional() displayName?: string;
  @ApiPropertyOptional() headline?: string;
}
