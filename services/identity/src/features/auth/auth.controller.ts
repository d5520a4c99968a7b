import { Body, Controller, Get, HttpCode, Post, Req } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Public, TokenSigner } from '@opn/auth';
import { ActorContext, CommandContext, Ctx, PublicCtx } from '@opn/service-kit';
import type { Request } from 'express';
import { RefreshDto, SignInDto, SignUpDto, TokensView } from './auth.dto';
import { AuthHandler } from './auth.handler';

@ApiTags('auth')
@Controller()
export class AuthController {
  constructor(
    private readonly auth: AuthHandler,
    private readonly signer: TokenSigner,
  ) {}

  @Public()
  @Post('auth/sign-up')
  @ApiOperation({ summary: 'Create an account and sign in' })
  @ApiCreatedResponse({ type: TokensView })
  signUp(@Body() dto: SignUpDto, @PublicCtx() ctx: CommandContext): Promise<TokensView> {
    return this.auth.signUp(dto, ctx);
  }

  @Public()
  @Post('auth/sign-in')
  @HttpCode(200)
  @ApiOperation({ summary: 'Sign in with email and password (rate limited per email and per address)' })
  @ApiOkResponse({ type: TokensView })
  signIn(@Body() dto: SignInDto, @Req() request: Request, @PublicCtx() ctx: CommandContext): Promise<TokensView> {
    return this.auth.signIn(dto, request.ip ?? 'unknown', ctx);
  }

  @Public()
  @Post('auth/refresh')
  @HttpCode(200)
  @ApiOperation({ summary: 'Exchange a refresh token for new tokens (rotation with reuse detection)' })
  @ApiOkResponse({ type: TokensView })
  refresh(@Body() dto: RefreshDto, @PublicCtx() ctx: CommandContext): Promise<TokensView> {
    return this.auth.refresh(dto.refreshToken, ctx);
  }

  @Post('auth/sign-out')
  @HttpCode(204)
  @ApiBearerAuth()
  @ApiOperation({ summary: 'End the current session: its refresh token stops working' })
  signOut(@Ctx() ctx: ActorContext): Promise<void> {
    return this.auth.signOut(ctx.actor.sessionId, ctx);
  }

  @Public()
  @Get('.well-known/jwks.json')
  @ApiOperation({ summary: 'Public keys that verify access tokens (for the other services)' })
  jwks() {
    return this.signer.jwks();
  }
}
