import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  IsArray,
  IsIn,
  IsNumber,
  IsOptional,
  IsString,
  Length,
  Matches,
  Max,
  MaxLength,
  Min,
  ValidateIf,
  ValidateNested,
} from 'class-validator';
import { PageQuery } from '@opn/service-kit';
import { SIZE_BANDS, type SizeBand } from '../../domain';

export class AddressDto {
  @ApiProperty({ example: '12 rue de la République' }) @IsString() @Length(1, 200) line1: string;
  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(200) line2?: string;
  @ApiProperty({ example: '69002' }) @IsString() @Length(1, 16) postalCode: string;
  @ApiProperty({ example: 'Lyon' }) @IsString() @Length(1, 120) city: string;
  @ApiProperty({ example: 'FR', description: 'ISO 3166-1 alpha-2' }) @IsString() @Matches(/^[A-Za-z]{2}$/) country: string;
}

export class CoordinatesDto {
  @ApiProperty({ example: 45.764 }) @IsNumber({ allowNaN: false, allowInfinity: false }) @Min(-90) @Max(90) lat: number;
  @ApiProperty({ example: 4.8357 }) @IsNumber({ allowNaN: false, allowInfinity: false }) @Min(-180) @Max(180) lon: number;
}

const Tags = () => (target: object, key: string) => {
  ApiPropertyOptional({ type: [String], maxItems: 50 })(target, key);
  IsOptional()(target, key);
  IsArray()(target, key);
  ArrayMaxSize(50)(target, key);
  IsString({ each: true })(target, key);
  MaxLength(60, { each: true })(target, key);
};

export class RegisterCompanyDto {
  @ApiProperty({ example: 'Atelier Dupont SARL' }) @IsString() @Length(1, 200) legalName: string;
  @ApiProperty({ example: '732829320', description: '9 digits, Luhn-checked' }) @IsString() @MaxLength(20) siren: string;
  @ApiPropertyOptional({ example: '73282932000074', description: '14 digits, starts with the SIREN' })
  @IsOptional()
  @IsString()
  @MaxLength(20)
  siret?: string;
  @ApiProperty({ example: '62.01Z', description: 'NAF rev. 2 code' }) @IsString() @MaxLength(10) nafCode: string;
  @ApiProperty({ enum: SIZE_BANDS }) @IsIn(SIZE_BANDS as unknown as string[]) sizeBand: SizeBand;
  @ApiProperty({ type: AddressDto }) @ValidateNested() @Type(() => AddressDto) address: AddressDto;
  @ApiPropertyOptional({ type: CoordinatesDto }) @IsOptional() @ValidateNested() @Type(() => CoordinatesDto) coordinates?: CoordinatesDto;
  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(5000) description?: string;
  @Tags() capabilities?: string[];
  @Tags() offers?: string[];
}

export class UpdateCompanyDto {
  @ApiPropertyOptional() @IsOptional() @IsString() @Length(1, 200) legalName?: string;
  @ApiPropertyOptional({ nullable: true, description: 'null removes it' })
  @ValidateIf((o: UpdateCompanyDto) => o.siret !== null && o.siret !== undefined)
  @IsString()
  @MaxLength(20)
  siret?: string | null;
  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(10) nafCode?: string;
  @ApiPropertyOptional({ enum: SIZE_BANDS }) @IsOptional() @IsIn(SIZE_BANDS as unknown as string[]) sizeBand?: SizeBand;
  @ApiPropertyOptional({ type: AddressDto }) @IsOptional() @ValidateNested() @Type(() => AddressDto) address?: AddressDto;
  @ApiPropertyOptional({ type: CoordinatesDto, nullable: true, description: 'null removes them' })
  @ValidateIf((o: UpdateCompanyDto) => o.coordinates !== null && o.coordinates !== undefined)
  @ValidateNested()
  @Type(() => CoordinatesDto)
  coordinates?: CoordinatesDto | null;
  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(5000) description?: string;
  @Tags() capabilities?: string[];
  @Tags() offers?: string[];
}

export class DirectoryQueryDto extends PageQuery {
  @ApiPropertyOptional({ description: 'Part of the legal name, case-insensitive' }) @IsOptional() @IsString() @MaxLength(100) q?: string;
  @ApiPropertyOptional({ example: '62.01Z' }) @IsOptional() @IsString() @MaxLength(10) nafCode?: string;
  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(60) capability?: string;
  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(60) offer?: string;
  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(120) city?: string;
  @ApiPropertyOptional({ enum: SIZE_BANDS }) @IsOptional() @IsIn(SIZE_BANDS as unknown as string[]) sizeBand?: string;
}

export class CompanyView {
  @ApiProperty() companyId: string;
  @ApiProperty() legalName: string;
  @ApiProperty() siren: string;
  @ApiPropertyOptional() siret?: string;
  @ApiProperty() nafCode: string;
  @ApiProperty({ enum: SIZE_BANDS }) sizeBand: string;
  @ApiProperty({ type: AddressDto }) address: AddressDto;
  @ApiPropertyOptional({ type: CoordinatesDto }) coordinates?: CoordinatesDto;
  @ApiProperty() description: string;
  @ApiProperty({ type: [String] }) capabilities: string[];
  @ApiProperty({ type: [String] }) offers: string[];
  @ApiProperty() memberCount: number;
  @ApiProperty() registeredAt: string;
  @ApiProperty() updatedAt: string;
  @ApiProperty({ description: 'Also sent as the ETag header; send it back in If-Match to update safely' }) revision: number;
}
