import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional, IsString, IsUUID, Length, Matches, MaxLength } from 'class-validator';
import { PageQuery } from '@opn/service-kit';
import { RELATION_KINDS, type RelationKind, type RelationStatus } from '../../domain';

const DATE = /^\d{4}-\d{2}-\d{2}$/;
const STATUSES: RelationStatus[] = ['proposed', 'active', 'suspended', 'ended', 'declined', 'withdrawn'];

export class ProposeRelationDto {
  @ApiProperty({ description: 'the other company' }) @IsUUID() partnerCompanyId: string;
  @ApiProperty({ enum: RELATION_KINDS, description: 'what the partner is to your company (it is your client, supplier, ...)' })
  @IsIn(RELATION_KINDS as string[])
  kind: RelationKind;
  @ApiPropertyOptional({ description: "required for kind 'other'", maxLength: 60 }) @IsOptional() @IsString() @Length(1, 60) label?: string;
  @ApiPropertyOptional({ example: '2026-01-15' }) @IsOptional() @Matches(DATE) startsOn?: string;
  @ApiPropertyOptional({ maxLength: 2000 }) @IsOptional() @IsString() @MaxLength(2000) note?: string;
}

export class ConfirmRelationDto {
  @ApiPropertyOptional({ example: '2026-01-15', description: "default: the proposal's, else today" }) @IsOptional() @Matches(DATE) startsOn?: string;
}

export class ReasonDto {
  @ApiPropertyOptional({ maxLength: 1000 }) @IsOptional() @IsString() @MaxLength(1000) reason?: string;
}

export class EndRelationDto extends ReasonDto {
  @ApiPropertyOptional({ example: '2026-06-30', description: 'default: today' }) @IsOptional() @Matches(DATE) endsOn?: string;
}

export class RelationListQuery extends PageQuery {
  @ApiPropertyOptional({ enum: STATUSES }) @IsOptional() @IsIn(STATUSES) status?: RelationStatus;
  @ApiPropertyOptional({ enum: RELATION_KINDS, description: 'what the partner is to this company' }) @IsOptional() @IsIn(RELATION_KINDS as string[]) kind?: RelationKind;
  @ApiPropertyOptional() @IsOptional() @IsUUID() partnerCompanyId?: string;
}
