import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsInt, IsISO8601, IsOptional, IsString, IsUUID, Max, MaxLength, Min } from 'class-validator';

export class CallElectionDto {
  @ApiPropertyOptional({ minimum: 1, maximum: 5, default: 1, description: 'leaders to elect' })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(5)
  seats?: number;

  @ApiProperty({ example: '2027-01-15T18:00:00.000Z', description: 'when voting ends (within 31 days); the platform counts the votes then, or anyone may once everyone voted' })
  @IsISO8601({ strict: true })
  closesAt!: string;
}

export class StandDto {
  @ApiPropertyOptional({ description: 'why you stand, for the members' })
  @IsOptional()
  @IsString()
  @MaxLength(1000)
  statement?: string;
}

export class VoteDto {
  @ApiProperty({ description: 'a candidate of this election' })
  @IsUUID()
  candidateId!: string;
}
