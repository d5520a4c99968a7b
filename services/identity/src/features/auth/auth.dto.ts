import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsEmail, IsIn, IsOptional, IsString, Length, MaxLength } from 'class-validator';

export class SignUpDto {
  @ApiProperty({ example: 'ada@example.fr' })
  @IsString()
  @MaxLength(254)
  @IsEmail()
  email: string;

  @ApiProperty({ minLength: 12, maxLength: 200, description: 'At least 12 characters.' })
  @IsString()
  @Length(12, 200)
  password: string;

  @ApiProperty({ example: 'Ada Lovelace' })
  @IsString()
  @Length(1, 120)
  displayName: string;

  @ApiPropertyOptional({ enum: ['fr', 'en'] })
  @IsOptional()
  @IsIn(['fr', 'en'])
  locale?: 'fr' | 'en';
}

export class SignInDto {
  @ApiProperty()
  @IsString()
  @MaxLength(254)
  email: string;

  @ApiProperty()
  @IsString()
  @MaxLength(200)
  password: string;
}

export class RefreshDto {
  @ApiProperty({ description: 'The refresh token from sign-in or the previous refresh (single use).' })
  @IsString()
  @Length(10, 300)
  refreshToken: string;
}

export class TokensView {
  @ApiProperty() personId: string;
  @ApiProperty() accessToken: string;
  @ApiProperty({ description: 'Seconds until the access token expires.' }) expiresIn: number;
  @ApiProperty({ description: 'Single use: each refresh returns a new one; reusing an old one ends the session.' })
  refreshToken: string;
  @ApiProperty() refreshTokenExpiresAt: string;
}
