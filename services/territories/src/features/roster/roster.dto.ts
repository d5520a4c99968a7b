import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { ArrayMaxSize, IsArray, IsBoolean, IsIn, IsOptional, IsString, IsUUID, Matches, MaxLength, MinLength } from 'class-validator';
import { PageQuery } from '@opn/service-kit';

const DATE = /^\d{4}-\d{2}-\d{2}$/;
export const MEMBERSHIP_FILTERS = ['invited', 'applied', 'info_requested', 'admitted', 'lapsed', 'refused', 'declined', 'withdrawn', 'exited', 'pending'] as const;
export type MembershipFilter = (typeof MEMBERSHIP_FILTERS)[number];

export class ApplyDto {
  @ApiProperty({ description: 'the territory the firm applies to' })
  @IsUUID()
  territoryId!: string;

  @ApiPropertyOptional({ maxLength: 2000 })
  @IsOptional()
  @IsString()
  @MaxLength(2000)
  message?: string;
}

export class ReasonDto {
  @ApiProperty({ maxLength: 2000 })
  @IsString()
  @MinLength(1)
  @MaxLength(2000)
  reason!: string;
}

export class OptionalReasonDto {
  @ApiPropertyOptional({ maxLength: 2000 })
  @IsOptional()
  @IsString()
  @MaxLength(2000)
  reason?: string;
}

export class AnswerDto {
  @ApiProperty({ maxLength: 4000 })
  @IsString()
  @MinLength(1)
  @MaxLength(4000)
  answer!: string;
}

export class QuestionDto {
  @ApiProperty({ maxLength: 2000 })
  @IsString()
  @MinLength(1)
  @MaxLength(2000)
  question!: string;
}

export class InviteDto {
  @ApiProperty({ example: '732829320', description: 'SIREN of the firm (9 digits, valid key); it may not be on the platform yet' })
  @IsString()
  @MaxLength(20)
  siren!: string;

  @ApiPropertyOptional({ maxLength: 2000 })
  @IsOptional()
  @IsString()
  @MaxLength(2000)
  message?: string;

  @ApiPropertyOptional({ example: '2027-12-31', description: 'last day of the membership offered' })
  @IsOptional()
  @Matches(DATE, { message: 'validUntil must be a date YYYY-MM-DD' })
  validUntil?: string;
}

export class AdmitDto {
  @ApiPropertyOptional({ example: '2027-12-31', description: 'last day of the membership (renewed later); none: open-ended' })
  @IsOptional()
  @Matches(DATE, { message: 'validUntil must be a date YYYY-MM-DD' })
  validUntil?: string;

  @ApiPropertyOptional({ type: [String], description: "the coordinators' group labels for the firm" })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(20)
  @IsString({ each: true })
  groups?: string[];
}

export class RenewDto {
  @ApiProperty({ example: '2028-12-31' })
  @Matches(DATE, { message: 'validUntil must be a date YYYY-MM-DD' })
  validUntil!: string;
}

export class GroupsDto {
  @ApiProperty({ type: [String] })
  @IsArray()
  @ArrayMaxSize(20)
  @IsString({ each: true })
  groups!: string[];
}

export class ImportDto {
  @ApiProperty({
    description: 'the member list as CSV text: header `siren,name,contact,groups` (contact and groups optional; `;` between groups; `,` or `;` separated)',
    example: 'siren,name,contact,groups\n732829320,Atelier Dupont,contact@dupont.fr,mécanique;export\n',
  })
  @IsString()
  @MinLength(1)
  csv!: string;

  @ApiPropertyOptional({ description: 'check every row and report what would change, writing nothing' })
  @IsOptional()
  @IsBoolean()
  dryRun?: boolean;
}

export class RosterQuery extends PageQuery {
  @ApiPropertyOptional({ enum: MEMBERSHIP_FILTERS, description: '`pending`: applications and invitations waiting for an answer' })
  @IsOptional()
  @IsIn(MEMBERSHIP_FILTERS as unknown as string[])
  status?: MembershipFilter;

  @ApiPropertyOptional({ description: 'members carrying this group label' })
  @IsOptional()
  @IsString()
  @MaxLength(60)
  group?: string;

  @ApiPropertyOptional({ description: 'words of the name, or a SIREN' })
  @IsOptional()
  @IsString()
  @MaxLength(120)
  q?: string;
}
