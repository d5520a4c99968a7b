import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { ArrayMaxSize, IsArray, IsIn, IsInt, IsNumber, IsOptional, IsString, IsUUID, Max, MaxLength, Min, ValidateNested } from 'class-validator';
import { PageQuery } from '@opn/service-kit';
import {
  COLLECTIVE_ACCESSES,
  COLLECTIVE_RHYTHMS,
  COLLECTIVE_STATUSES,
  LEADERSHIP_MODES,
  OCCASION_KINDS,
  type CollectiveAccess,
  type CollectiveRhythm,
  type CollectiveStatus,
  type LeadershipMode,
  type OccasionKind,
} from '../../domain';

/** Formats are checked by the decider (one place for the rules); here: shapes and sizes. */
export class OccasionDto {
  @ApiProperty({ enum: OCCASION_KINDS, description: 'a dated event, a lasting purpose, or a pretext' })
  @IsIn(OCCASION_KINDS as unknown as string[])
  kind!: OccasionKind;

  @ApiProperty({ example: 'Salon Global Industrie 2027' })
  @IsString()
  @MaxLength(200)
  title!: string;

  @ApiPropertyOptional({ example: '2027-03-14', description: 'the day of the event' })
  @IsOptional()
  @IsString()
  @MaxLength(10)
  date?: string;
}

export class CollectivePerimeterDto {
  @ApiPropertyOptional({ type: [String], description: 'territory ids (firms of these territories or of territories nested in them); none: any territory' })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(100)
  @IsUUID('all', { each: true })
  territories?: string[];

  @ApiPropertyOptional({ type: [String], example: ['25.62'], description: 'NAF prefixes (division, group, class or subclass); none: any sector' })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(100)
  @IsString({ each: true })
  @MaxLength(8, { each: true })
  sectors?: string[];
}

export class GovernanceDto {
  @ApiProperty({ enum: LEADERSHIP_MODES, description: 'election: members elect leaders for a term; rotation: the lead passes from member to member' })
  @IsIn(LEADERSHIP_MODES as unknown as string[])
  mode!: LeadershipMode;

  @ApiPropertyOptional({ minimum: 1, maximum: 24, default: 6, description: "an elected leader's term, in months" })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(24)
  termMonths?: number;

  @ApiPropertyOptional({ minimum: 0.1, maximum: 1, default: 0.5, description: 'share of the electorate that must vote for an election to count' })
  @IsOptional()
  @IsNumber()
  @Min(0.1)
  @Max(1)
  quorum?: number;

  @ApiPropertyOptional({ minimum: 7, maximum: 365, default: 30, description: "each member's turn in a rotation, in days" })
  @IsOptional()
  @IsInt()
  @Min(7)
  @Max(365)
  rotationDays?: number;
}

export class ProposeCollectiveDto {
  @ApiProperty({ example: 'Mutualiser le stand au salon' })
  @IsString()
  @MaxLength(120)
  name!: string;

  @ApiProperty({ example: 'Partager un stand et les frais de transport pour le salon' })
  @IsString()
  @MaxLength(4000)
  purpose!: string;

  @ApiProperty({ type: OccasionDto })
  @ValidateNested()
  @Type(() => OccasionDto)
  occasion!: OccasionDto;

  @ApiProperty({ enum: COLLECTIVE_RHYTHMS })
  @IsIn(COLLECTIVE_RHYTHMS as unknown as string[])
  rhythm!: CollectiveRhythm;

  @ApiProperty({ enum: COLLECTIVE_ACCESSES, description: 'open: anyone in the perimeter joins; invitation: invited people only, and invisible to others' })
  @IsIn(COLLECTIVE_ACCESSES as unknown as string[])
  access!: CollectiveAccess;

  @ApiPropertyOptional({ type: CollectivePerimeterDto })
  @IsOptional()
  @ValidateNested()
  @Type(() => CollectivePerimeterDto)
  perimeter?: CollectivePerimeterDto;

  @ApiPropertyOptional({ example: '2027-06-30', description: 'the last day planned' })
  @IsOptional()
  @IsString()
  @MaxLength(10)
  expectedEnd?: string;

  @ApiPropertyOptional({ minimum: 2, maximum: 150, default: 3, description: 'members needed to start (guests do not count)' })
  @IsOptional()
  @IsInt()
  @Min(2)
  @Max(150)
  minMembers?: number;

  @ApiPropertyOptional({ type: GovernanceDto })
  @IsOptional()
  @ValidateNested()
  @Type(() => GovernanceDto)
  governance?: GovernanceDto;

  @ApiPropertyOptional({ description: 'the company you take part for (one of yours)' })
  @IsOptional()
  @IsUUID()
  companyId?: string;
}

export class UpdateCollectiveDto {
  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  @MaxLength(120)
  name?: string;

  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  @MaxLength(4000)
  purpose?: string;

  @ApiPropertyOptional({ type: OccasionDto })
  @IsOptional()
  @ValidateNested()
  @Type(() => OccasionDto)
  occasion?: OccasionDto;

  @ApiPropertyOptional({ enum: COLLECTIVE_RHYTHMS })
  @IsOptional()
  @IsIn(COLLECTIVE_RHYTHMS as unknown as string[])
  rhythm?: CollectiveRhythm;

  @ApiPropertyOptional({ enum: COLLECTIVE_ACCESSES })
  @IsOptional()
  @IsIn(COLLECTIVE_ACCESSES as unknown as string[])
  access?: CollectiveAccess;

  @ApiPropertyOptional({ type: CollectivePerimeterDto })
  @IsOptional()
  @ValidateNested()
  @Type(() => CollectivePerimeterDto)
  perimeter?: CollectivePerimeterDto;

  @ApiPropertyOptional({ description: "the last day planned; '' removes it" })
  @IsOptional()
  @IsString()
  @MaxLength(10)
  expectedEnd?: string;

  @ApiPropertyOptional({ minimum: 2, maximum: 150, description: 'only before it is active' })
  @IsOptional()
  @IsInt()
  @Min(2)
  @Max(150)
  minMembers?: number;
}

export class ReasonDto {
  @ApiProperty({ example: 'Le salon est annulé' })
  @IsString()
  @MaxLength(1000)
  reason!: string;
}

export class OptionalReasonDto {
  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  @MaxLength(1000)
  reason?: string;
}

export const DISCOVERY_SCOPES = ['open-to-me', 'visible'] as const;
export type DiscoveryScope = (typeof DISCOVERY_SCOPES)[number];

export class CollectiveListQuery extends PageQuery {
  @ApiPropertyOptional({ enum: DISCOVERY_SCOPES, default: 'open-to-me', description: 'open-to-me: those you may join now or were invited to; visible: every collective you may see' })
  @IsOptional()
  @IsIn(DISCOVERY_SCOPES as unknown as string[])
  scope?: DiscoveryScope;

  @ApiPropertyOptional({ description: 'collectives whose perimeter names this territory (collectives open to any territory are not listed)' })
  @IsOptional()
  @IsUUID()
  territoryId?: string;

  @ApiPropertyOptional({ example: '25.62', description: 'collectives whose perimeter names this sector (a NAF prefix), or one that contains it or that it contains (collectives open to any sector are not listed)' })
  @IsOptional()
  @IsString()
  @MaxLength(8)
  sector?: string;

  @ApiPropertyOptional({ enum: COLLECTIVE_RHYTHMS })
  @IsOptional()
  @IsIn(COLLECTIVE_RHYTHMS as unknown as string[])
  rhythm?: CollectiveRhythm;

  @ApiPropertyOptional({ enum: COLLECTIVE_STATUSES, description: 'default: every state but archived' })
  @IsOptional()
  @IsIn(COLLECTIVE_STATUSES as unknown as string[])
  status?: CollectiveStatus;

  @ApiPropertyOptional({ description: 'words of the name or occasion (accents and case ignored)' })
  @IsOptional()
  @IsString()
  @MaxLength(120)
  q?: string;
}

export const MINE = ['current', 'invited', 'past'] as const;

export class MyCollectivesQuery extends PageQuery {
  @ApiPropertyOptional({ enum: MINE, default: 'current', description: 'current: in it now; invited: invitations waiting; past: dissolved or archived ones you were in' })
  @IsOptional()
  @IsIn(MINE as unknown as string[])
  which?: (typeof MINE)[number];
}
