import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { ArrayMaxSize, ArrayMinSize, IsArray, IsIn, IsOptional, IsString, IsUUID, MaxLength } from 'class-validator';
import { PageQuery } from '@opn/service-kit';
import { MAX_BROKERS, NOTE_MAX, REASON_MAX } from '../../domain';

export class WarmPathQuery extends PageQuery {
  @ApiProperty({ description: 'the company you want to be introduced to' })
  @IsUUID()
  companyId!: string;
}

export class RequestIntroductionDto {
  @ApiProperty({ description: 'the company you want to be introduced to' })
  @IsUUID()
  targetCompanyId!: string;

  @ApiProperty({ description: 'the person of that company at the end of the path' })
  @IsUUID()
  targetPersonId!: string;

  @ApiProperty({ description: `the people who pass the introduction on, in order from you (1 to ${MAX_BROKERS}), as a warm path lists them`, type: [String] })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(MAX_BROKERS)
  @IsUUID('all', { each: true })
  brokerIds!: string[];

  @ApiPropertyOptional({ description: "one of your company's needs the introduction is for" })
  @IsOptional()
  @IsUUID()
  needId?: string;

  @ApiPropertyOptional({ description: 'why you ask, for the brokers and the target to read', maxLength: NOTE_MAX })
  @IsOptional()
  @IsString()
  @MaxLength(NOTE_MAX)
  note?: string;
}

export class DeclineDto {
  @ApiPropertyOptional({ description: 'why, for the requester to read', maxLength: REASON_MAX })
  @IsOptional()
  @IsString()
  @MaxLength(REASON_MAX)
  reason?: string;
}

export const INTRODUCTION_ROLES = ['requester', 'broker', 'target'] as const;
export const INTRODUCTION_STATUSES = ['pending', 'accepted', 'declined', 'withdrawn', 'cancelled', 'expired'] as const;

export class IntroductionListQuery extends PageQuery {
  @ApiPropertyOptional({ enum: INTRODUCTION_ROLES, description: 'only those where you are this party' })
  @IsOptional()
  @IsIn(INTRODUCTION_ROLES as unknown as string[])
  role?: (typeof INTRODUCTION_ROLES)[number];

  @ApiPropertyOptional({ enum: INTRODUCTION_STATUSES })
  @IsOptional()
  @IsIn(INTRODUCTION_STATUSES as unknown as string[])
  status?: (typeof INTRODUCTION_STATUSES)[number];

  @ApiPropertyOptional({ description: 'true: only those waiting for your answer' })
  @IsOptional()
  @IsIn(['true', 'false'])
  awaitingMe?: 'true' | 'false';
}
