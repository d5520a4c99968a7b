import { Body, Controller, Get, HttpCode, Post, Req } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { AuthenticatedActor, CurrentActor, Public, TokenSigner } from '@opn/auth';
import { Meta, RequestMeta } from '@opn/service-kit';
import type { Request } from 'express';
import { RefreshDto, SignInDto, SignUpDto, TokensView } from './auth.dto';
import { AuthService } from './auth.service';

@ApiTags('auth')
@Controller()
export class AuthController {
  constructor(
    private readonly auth: AuthService,
    private readonly signer: TokenSigner,
  ) {}

  @Public()
  @Post('auth/sign-up')
  @ApiOperation({ summary: 'Create an account and sign in' })
  @ApiCreatedResponse({ type: TokensView })
  signUp(@Body() dto: SignUpDto, @Meta() meta: RequestMeta): Promise<TokensView> {
    return this.auth.signUp(dto, meta);
  }

  @Public()
  @Post('auth/sign-in')
  @HttpCode(200)
  @ApiOperation({ summary: 'Sign in with email and password (rate limited per email and per address)' })
  @ApiOkResponse({ type: TokensView })
  signIn(@Body() dto: SignInDto, @Req() request: Request, @Meta() meta: RequestMeta): Promise<TokensView> {
    return this.auth.signIn(dto, request.ip ?? 'unknown', meta);
  }

  @Public()
  @Post('auth/refresh')
  @HttpCode(200)
  @ApiOperation({ summary: 'Exchange a refresh token for new tokens (rotation with reuse detection)' })
  @ApiOkResponse({ type: TokensView })
  refresh(@Body() dto: RefreshDto, @Meta() meta: RequestMeta): Promise<TokensView> {
    return this.auth.refresh(dto.refreshToken, meta);
  }

  @Post('auth/sign-out')
  @HttpCode(204)
  @ApiBearerAuth()
  @ApiOperation({ summary: 'End the current session: its refresh token stops working' })
  async signOut(@CurrentActor() actor: AuthenticatedActor, @Meta() meta: RequestMeta): Promise<void> {
    await this.auth.signOut(actor, meta);
  }

  @Public()
  @Get('.well-known/jwks.json')
  @ApiOperation({ summary: 'Public keys that verify access tokens (for the other services)' })
  jwks() {
    return this.signer.jwks();
  }
}
