import { Body, Controller, Get, HttpCode, Param, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ActorContext, Ctx, UuidParam } from '@opn/service-kit';
import { EraseMeDto } from './privacy.dto';
import { PrivacyHandler } from './privacy.handler';

@ApiTags('privacy')
@ApiBearerAuth()
@Controller()
export class PrivacyController {
  constructor(private readonly privacy: PrivacyHandler) {}

  @Get('me/export')
  @ApiOperation({ summary: 'Download everything identity holds about you (GDPR art. 15), as JSON' })
  export(@Ctx() ctx: ActorContext) {
    return this.privacy.export(ctx);
  }

  @Post('me/erasure')
  @HttpCode(204)
  @ApiOperation({ summary: 'Erase your account and personal data for good (GDPR art. 17); needs your password' })
  eraseMe(@Body() dto: EraseMeDto, @Ctx() ctx: ActorContext): Promise<void> {
    return this.privacy.eraseSelf(dto.password, ctx);
  }

  @Post('people/:personId/erasure')
  @HttpCode(204)
  @ApiOperation({ summary: "Erase a person's account and personal data (platform admins); audited as PersonErased" })
  erase(@Param('personId', UuidParam) personId: string, @Ctx() ctx: ActorContext): Promise<void> {
    return this.privacy.erase(personId, ctx);
  }
}
