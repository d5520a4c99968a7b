import { Body, Controller, Get, HttpCode, Param, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Actor, CurrentActor } from '@opn/auth';
import { Meta, RequestMeta, UuidParam } from '@opn/service-kit';
import { EraseMeDto } from './privacy.dto';
import { PrivacyService } from './privacy.service';

@ApiTags('privacy')
@ApiBearerAuth()
@Controller()
export class PrivacyController {
  constructor(private readonly privacy: PrivacyService) {}

  @Get('me/export')
  @ApiOperation({ summary: 'Download everything identity holds about you (GDPR art. 15), as JSON' })
  export(@CurrentActor() actor: Actor) {
    return this.privacy.export(actor.personId);
  }

  @Post('me/erasure')
  @HttpCode(204)
  @ApiOperation({ summary: 'Erase your account and personal data for good (GDPR art. 17); needs your password' })
  async eraseMe(@Body() dto: EraseMeDto, @CurrentActor() actor: Actor, @Meta() meta: RequestMeta): Promise<void> {
    await this.privacy.eraseSelf(actor, dto.password, meta);
  }

  @Post('people/:personId/erasure')
  @HttpCode(204)
  @ApiOperation({ summary: "Erase a person's account and personal data (platform admins); audited as PersonErased" })
  async erase(@Param('personId', UuidParam) personId: string, @CurrentActor() actor: Actor, @Meta() meta: RequestMeta): Promise<void> {
    await this.privacy.erase(personId, actor, meta);
  }
}
