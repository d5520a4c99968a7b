import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { ArrayMaxSize, IsArray, IsIn, IsNumber, IsInt, IsOptional, IsString, IsUUID, Max, MaxLength, Min, ValidateNested } from 'class-validator';
import { PageQuery } from '@opn/service-kit';
import { TERRITORY_KINDS, TERRITORY_LEVELS, type TerritoryKind, type TerritoryLevel } from '../../domain';

/** Formats are checked by the decider (one place for the rules); here: shapes and sizes. */
export class PerimeterDto {
  @ApiPropertyOptional({ type: [String], example: ['69001', '69002'], description: 'postcodes (5 digits)' })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(2000)
  @IsString({ each: true })
  postcodes?: string[];

  @ApiPropertyOptional({ type: [String], example: ['69123'], description: 'INSEE commune codes' })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(2000)
  @IsString({ each: true })
  communes?: string[];

  @ApiPropertyOptional({ type: [String], example: ['69'], description: 'départements (01-95, 2A, 2B, 971-976)' })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(2000)
  @IsString({ each: true })
  departements?: string[];

  @ApiPropertyOptional({ type: [String], example: ['25.62'], description: 'NAF prefixes of a thematic territory (division, group, class or subclass)' })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(2000)
  @IsString({ each: true })
  nafCodes?: string[];
}

export class CreateTerritoryDto {
  @ApiProperty({ example: 'Vallée de la mécanique' })
  @IsString()
  @MaxLength(120)
  name!: string;

  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  @MaxLength(2000)
  description?: string;

  @ApiProperty({ enum: TERRITORY_KINDS })
  @IsIn(TERRITORY_KINDS as unknown as string[])
  kind!: TerritoryKind;

  @ApiProperty({ enum: TERRITORY_LEVELS })
  @IsIn(TERRITORY_LEVELS as unknown as string[])
  level!: TerritoryLevel;

  @ApiPropertyOptional({ description: 'the territory this one is part of; its coordinators (or a platform admin) create it' })
  @IsOptional()
  @IsUUID()
  parentId?: string;

  @ApiProperty({ type: PerimeterDto })
  @ValidateNested()
  @Type(() => PerimeterDto)
  perimeter!: PerimeterDto;
}

export class UpdateTerritoryDto {
  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  @MaxLength(120)
  name?: string;

  @ApiPropertyOptional({ description: "'' removes the description" })
  @IsOptional()
  @IsString()
  @MaxLength(2000)
  description?: string;

  @ApiPropertyOptional({ type: PerimeterDto })
  @IsOptional()
  @ValidateNested()
  @Type(() => PerimeterDto)
  perimeter?: PerimeterDto;
}

export class AlertSettingsDto {
  @ApiProperty({ minimum: -1, maximum: 1, example: -0.5, description: "a group's E-I index below this at every month end of the period raises a closed-circle alert" })
  @IsNumber()
  @Min(-1)
  @Max(1)
  eiThreshold!: number;

  @ApiProperty({ minimum: 1, maximum: 24, example: 3 })
  @IsInt()
  @Min(1)
  @Max(24)
  periodMonths!: number;
}

export class TerritoryListQuery extends PageQuery {
  @ApiPropertyOptional({ enum: TERRITORY_KINDS })
  @IsOptional()
  @IsIn(TERRITORY_KINDS as unknown as string[])
  kind?: TerritoryKind;

  @ApiPropertyOptional({ enum: TERRITORY_LEVELS })
  @IsOptional()
  @IsIn(TERRITORY_LEVELS as unknown as string[])
  level?: TerritoryLevel;

  @ApiPropertyOptional({ description: 'territories nested directly in this one' })
  @IsOptional()
  @IsUUID()
  parentId?: string;

  @ApiPropertyOptional({ description: 'words of the name (accents and case ignored)' })
  @IsOptional()
  @IsString()
  @MaxLength(120)
  q?: string;

  @ApiPropertyOptional({ description: 'a département or postcode the territory covers' })
  @IsOptional()
  @IsString()
  @MaxLength(5)
  covers?: string;
}
