import { ApiProperty } from '@nestjs/swagger';
import { IsString, MaxLength } from 'class-validator';

/** Self-service erasure re-confirms the account's password. */
export class EraseMeDto {
  @ApiProperty() @IsString() @MaxLength(200) password: string;
}
