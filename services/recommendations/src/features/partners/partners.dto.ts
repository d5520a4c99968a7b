import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsIn, IsNumber, IsOptional, IsString, IsUUID, Max, MaxLength, Min, MinLength } from 'class-validator';
import { PageQuery } from '@opn/service-kit';

export const SIZE_BANDS = ['0', '1-9', '10-49', '50-249', '250-4999', '5000+'] as const;

/** Filters of partner search: a territory, a size band, a distance from a point. */
export class PartnerFilterQuery extends PageQuery {
  @ApiPropertyOptional({ description: 'only member firms of this territory (or of a territory nested in it)' })
  @IsOptional()
  @IsUUID()
  territoryId?: string;

  @ApiPropertyOptional({ enum: SIZE_BANDS })
  @IsOptional()
  @IsIn(SIZE_BANDS as unknown as string[])
  sizeBand?: string;

  @ApiPropertyOptional({ description: 'with lon and radiusKm: only firms within radiusKm of this point (firms without coordinates are left out)', minimum: -90, maximum: 90 })
  @IsOptional()
  @Type(() => Number)
  @IsNumber()
  @Min(-90)
  @Max(90)
  lat?: number;

  @ApiPropertyOptional({ minimum: -180, maximum: 180 })
  @IsOptional()
  @Type(() => Number)
  @IsNumber()
  @Min(-180)
  @Max(180)
  lon?: number;

  @ApiPropertyOptional({ minimum: 1, maximum: 1000 })
  @IsOptional()
  @Type(() => Number)
  @IsNumber()
  @Min(1)
  @Max(1000)
  radiusKm?: number;
}

export class PartnerSearchQuery extends PartnerFilterQuery {
  @ApiProperty({ description: 'what you look for, in French or English words (trades, capabilities, products)', example: 'usinage CNC inox' })
  @IsString()
  @MinLength(2)
  @MaxLength(500)
  q!: string;
}
