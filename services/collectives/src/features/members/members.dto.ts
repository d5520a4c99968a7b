import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional, IsUUID } from 'class-validator';
import { INVITED_ROLES, type InvitedRole } from '../../domain';

export class InviteDto {
  @ApiProperty({ description: 'the person invited (known to identity)' })
  @IsUUID()
  personId!: string;

  @ApiPropertyOptional({ enum: INVITED_ROLES, default: 'member', description: 'a guest attends and reads, without a vote, and does not count to start' })
  @IsOptional()
  @IsIn(INVITED_ROLES as unknown as string[])
  role?: InvitedRole;
}

export class JoinDto {
  @ApiPropertyOptional({ description: 'the company you take part for (one of yours); the perimeter is checked against it' })
  @IsOptional()
  @IsUUID()
  companyId?: string;
}
