import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional } from 'class-validator';
import { LINK_MODES, type LinkMode } from '@opn/recommender';
import { PageQuery } from '@opn/service-kit';

export class SuggestionQuery extends PageQuery {
  @ApiPropertyOptional({
    enum: LINK_MODES,
    default: 'accurate',
    description: 'accurate: the likeliest next ties; bridging: as likely, but favouring other groups (community, sector, town) and spread over them',
  })
  @IsOptional()
  @IsIn(LINK_MODES as unknown as string[])
  mode?: LinkMode;
}
