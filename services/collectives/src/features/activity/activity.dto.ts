import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { ArrayMaxSize, IsArray, IsIn, IsISO8601, IsOptional, IsString, IsUUID, MaxLength, ValidateNested } from 'class-validator';
import { PageQuery } from '@opn/service-kit';
import { CONTENT_KINDS, RESULT_KINDS, type ContentKind, type ResultKind } from '../../domain';

export class AnnouncementDto {
  @ApiProperty({ example: 'Réunion de lancement jeudi à 18h chez Mécanique Dupont' })
  @IsString()
  @MaxLength(4000)
  text!: string;
}

export class MeetingDto {
  @ApiProperty({ example: 'Réunion de lancement' })
  @IsString()
  @MaxLength(200)
  title!: string;

  @ApiProperty({ example: '2027-01-14T17:00:00.000Z' })
  @IsISO8601({ strict: true })
  startsAt!: string;

  @ApiPropertyOptional({ example: 'Mécanique Dupont, 12 rue des Forges, Lyon' })
  @IsOptional()
  @IsString()
  @MaxLength(300)
  place?: string;
}

export class AttendanceDto {
  @ApiProperty({ type: [String], description: 'everyone present (members and guests); a new list replaces the last one' })
  @IsArray()
  @ArrayMaxSize(300)
  @IsUUID('all', { each: true })
  present!: string[];
}

export class DocumentDto {
  @ApiProperty({ example: 'Plan du stand' })
  @IsString()
  @MaxLength(200)
  title!: string;

  @ApiProperty({ example: 'https://drive.example.org/stand.pdf', description: 'an http(s) link: documents are shared by link' })
  @IsString()
  @MaxLength(2000)
  url!: string;
}

export class ResultDto {
  @ApiProperty({ enum: RESULT_KINDS })
  @IsIn(RESULT_KINDS as unknown as string[])
  kind!: ResultKind;

  @ApiProperty({ example: 'Stand commun de 4 PME au salon' })
  @IsString()
  @MaxLength(200)
  title!: string;

  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  @MaxLength(4000)
  description?: string;

  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  @MaxLength(2000)
  url?: string;

  @ApiPropertyOptional({ type: [String], description: 'members credited for it; default: you' })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(150)
  @IsUUID('all', { each: true })
  contributors?: string[];
}

export class ContentTargetDto {
  @ApiProperty({ enum: CONTENT_KINDS })
  @IsIn(CONTENT_KINDS as unknown as string[])
  kind!: ContentKind;

  @ApiProperty()
  @IsUUID()
  id!: string;
}

export class ReportDto {
  @ApiProperty({ type: ContentTargetDto })
  @ValidateNested()
  @Type(() => ContentTargetDto)
  target!: ContentTargetDto;

  @ApiProperty({ example: 'Démarchage commercial hors sujet' })
  @IsString()
  @MaxLength(1000)
  reason!: string;
}

export class ModerateDto extends ReportDto {}

export const ACTIVITY_KINDS = ['announcement', 'meeting', 'document', 'result'] as const;

export class ActivityQuery extends PageQuery {
  @ApiPropertyOptional({ enum: ACTIVITY_KINDS })
  @IsOptional()
  @IsIn(ACTIVITY_KINDS as unknown as string[])
  kind?: (typeof ACTIVITY_KINDS)[number];
}

export class ReportListQuery extends PageQuery {
  @ApiPropertyOptional({ enum: ['open', 'resolved'], default: 'open' })
  @IsOptional()
  @IsIn(['open', 'resolved'])
  status?: 'open' | 'resolved';
}
