import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { ArrayMaxSize, ArrayMinSize, IsArray, IsBoolean, IsIn, IsInt, IsOptional, IsString, IsUUID, Matches, Max, MaxLength, Min } from 'class-validator';
import { PageQuery } from '@opn/service-kit';
import { TIE_KINDS, TIE_NOTE_MAX, TIE_VISIBILITIES, type TieKind, type TieStatus, type TieVisibility } from '../../domain';

const DATE = /^\d{4}-\d{2}-\d{2}$/;
const STATUSES: TieStatus[] = ['proposed', 'confirmed', 'declined', 'ended'];

export class VisibilityDto {
  @ApiProperty({ enum: TIE_VISIBILITIES, description: 'your own choice; the tie is shown no wider than the narrower of the two sides' })
  @IsIn(TIE_VISIBILITIES as unknown as string[])
  visibility: TieVisibility;
}

export class DeclareTieDto extends VisibilityDto {
  @ApiProperty({ description: 'the other person' }) @IsUUID() otherPersonId: string;
  @ApiProperty({ enum: TIE_KINDS, isArray: true }) @IsArray() @ArrayMinSize(1) @ArrayMaxSize(TIE_KINDS.length) @IsIn(TIE_KINDS as unknown as string[], { each: true }) kinds: TieKind[];
  @ApiProperty({ minimum: 1, maximum: 5 }) @IsInt() @Min(1) @Max(5) strength: number;
  @ApiPropertyOptional({ example: '2026-01-15', description: 'the date of your last contact' }) @IsOptional() @Matches(DATE) lastContactOn?: string;
  @ApiPropertyOptional({ maxLength: TIE_NOTE_MAX, description: 'seen by the two of you only; erased with either of you' }) @IsOptional() @IsString() @MaxLength(TIE_NOTE_MAX) note?: string;
}

export class UpdateTieDto {
  @ApiPropertyOptional({ enum: TIE_KINDS, isArray: true }) @IsOptional() @IsArray() @ArrayMinSize(1) @ArrayMaxSize(TIE_KINDS.length) @IsIn(TIE_KINDS as unknown as string[], { each: true }) kinds?: TieKind[];
  @ApiPropertyOptional({ minimum: 1, maximum: 5 }) @IsOptional() @IsInt() @Min(1) @Max(5) strength?: number;
}

export class ContactDto {
  @ApiProperty({ example: '2026-11-20', description: 'the date of the contact' }) @Matches(DATE) on: string;
}

export class TieListQuery extends PageQuery {
  @ApiPropertyOptional({ enum: STATUSES }) @IsOptional() @IsIn(STATUSES) status?: TieStatus;
  @ApiPropertyOptional({ enum: TIE_KINDS }) @IsOptional() @IsIn(TIE_KINDS as unknown as string[]) kind?: TieKind;
  @ApiPropertyOptional({ description: 'true: only dormant confirmed ties; false: the others' })
  @IsOptional()
  @Transform(({ value }) => (value === 'true' ? true : value === 'false' ? false : value))
  @IsBoolean()
  dormant?: boolean;
}
