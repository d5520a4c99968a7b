import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional, Matches } from 'class-validator';
import { PageQuery } from '@opn/service-kit';

const AS_OF = /^\d{4}-\d{2}-\d{2}(T\d{2}:\d{2}(:\d{2}(\.\d{1,3})?)?Z)?$/;
const MONTH = /^\d{4}-(0[1-9]|1[0-2])$/;

export class AsOfQuery {
  @ApiPropertyOptional({
    example: '2026-06-30',
    description: 'the network as it was at this date (end of that day, UTC) or instant (`...Z`); default now. Not in the future',
  })
  @IsOptional()
  @Matches(AS_OF, { message: 'asOf must be a date YYYY-MM-DD or an instant YYYY-MM-DDTHH:MM[:SS[.mmm]]Z' })
  asOf?: string;
}

export class DashboardQuery extends AsOfQuery {
  @ApiPropertyOptional({ example: '2026-01', description: 'first month of the monthly series (default: 11 months before asOf)' })
  @IsOptional()
  @Matches(MONTH, { message: 'from must be a month YYYY-MM' })
  from?: string;

  @ApiPropertyOptional({ example: '2026-12', description: "last month of the series (default and at most: asOf's month)" })
  @IsOptional()
  @Matches(MONTH, { message: 'to must be a month YYYY-MM' })
  to?: string;

  @ApiPropertyOptional({ enum: ['sector', 'town', 'size'], default: 'sector', description: 'the groups brokers are found between' })
  @IsOptional()
  @IsIn(['sector', 'town', 'size'])
  brokersBy?: 'sector' | 'town' | 'size';
}

export const FIRM_SORTS = ['constraint', 'effectiveSize', 'degree', 'name'] as const;

export class FirmMetricsQuery extends PageQuery {
  @ApiPropertyOptional({ example: '2026-06-30' })
  @IsOptional()
  @Matches(AS_OF, { message: 'asOf must be a date YYYY-MM-DD or an instant YYYY-MM-DDTHH:MM[:SS[.mmm]]Z' })
  asOf?: string;

  @ApiPropertyOptional({ enum: FIRM_SORTS, default: 'constraint', description: 'constraint: most constrained (closed-in) first; effectiveSize and degree: largest first' })
  @IsOptional()
  @IsIn(FIRM_SORTS as unknown as string[])
  sort?: (typeof FIRM_SORTS)[number];
}
