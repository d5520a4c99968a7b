import { Body, Controller, Get, HttpCode, Param, Patch, Put, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiParam, ApiTags } from '@nestjs/swagger';
import { ActorContext, Ctx, EnumParam, PageQuery } from '@opn/service-kit';
import { ConsentPurpose } from '../../domain';
import { CONSENT_PURPOSE_VALUES, ChangePasswordDto, SetConsentDto, UpdateProfileDto } from './me.dto';
import { MeHandler } from './me.handler';

const purposePipe = EnumParam('purpose', CONSENT_PURPOSE_VALUES);

@ApiTags('me')
@ApiBearerAuth()
@Controller('me')
export class MeController {
  constructor(private readonly me: MeHandler) {}

  @Get()
  @ApiOperation({ summary: 'Your profile, platform roles and consents' })
  get(@Ctx() ctx: ActorContext) {
    return this.me.me(ctx);
  }

  @Patch()
  @ApiOperation({ summary: 'Update your profile' })
  update(@Body() dto: UpdateProfileDto, @Ctx() ctx: ActorContext) {
    return this.me.update(dto, ctx);
  }

  @Put('password')
  @HttpCode(204)
  @ApiOperation({ summary: 'Change your password (needs the current one)' })
  changePassword(@Body() dto: ChangePasswordDto, @Ctx() ctx: ActorContext): Promise<void> {
    return this.me.changePassword(dto, ctx);
  }

  @Get('consents')
  @ApiOperation({ summary: 'Your consent records, by purpose' })
  consents(@Ctx() ctx: ActorContext) {
    return this.me.consents(ctx);
  }

  @Put('consents/:purpose')
  @ApiParam({ name: 'purpose', enum: CONSENT_PURPOSE_VALUES })
  @ApiOperation({ summary: 'Give or withdraw a consent' })
  setConsent(@Param('purpose', purposePipe) purpose: ConsentPurpose, @Body() dto: SetConsentDto, @Ctx() ctx: ActorContext) {
    return this.me.setConsent(purpose, dto, ctx);
  }

  @Get('companies')
  @ApiOperation({ summary: 'The companies you belong to, with your role' })
  companies(@Ctx() ctx: ActorContext, @Query() page: PageQuery) {
    return this.me.companies(page, ctx);
  }
}
