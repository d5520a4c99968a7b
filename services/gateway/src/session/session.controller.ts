import { Body, Controller, Get, HttpCode, Inject, Post, Req, Res } from '@nestjs/common';
import { ApiBody, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import { decodeJwt } from 'jose';
import { GATEWAY_CONFIG, GatewayConfig } from '../gateway.config';
import { IdentitySessions, Upstreamed } from './identity-session.client';
import { sessionAccessToken } from './session-access';
import { Tokens, clearSessionCookies, csrfProblem, setSessionCookies } from './session-cookies';

/**
 * The browser's address for identity, which limits failed sign-ins per client address: without it
 * every browser would share the gateway's address and one client could lock everyone out.
 */
const clientAddress = (req: Request): Record<string, string> => (req.ip ? { 'x-forwarded-for': req.ip } : {});

const credentials = {
  schema: {
    type: 'object',
    required: ['email', 'password'],
    properties: { email: { type: 'string' }, password: { type: 'string' }, displayName: { type: 'string', description: 'sign-up only' }, locale: { type: 'string', enum: ['fr', 'en'] } },
  },
};

/**
 * The browser's session: identity's sign-in and sign-up, with the tokens kept in HttpOnly cookies
 * instead of the page. Everything else under /api/<service>/ is proxied with the session's token.
 */
@ApiTags('session')
@Controller('api/session')
export class SessionController {
  constructor(
    private readonly sessions: IdentitySessions,
    @Inject(GATEWAY_CONFIG) private readonly config: GatewayConfig,
  ) {}

  @Get()
  @ApiOperation({ summary: 'Whether this browser is signed in, and as whom (renews an expired access token)' })
  async current(@Req() req: Request, @Res({ passthrough: true }) res: Response) {
    const token = await sessionAccessToken(req, res, this.sessions, this.secure);
    return token ? { signedIn: true, personId: decodeJwt(token).sub } : { signedIn: false };
  }

  @Post('sign-in')
  @HttpCode(200)
  @ApiBody(credentials)
  @ApiOperation({ summary: 'Sign in (identity /auth/sign-in): sets the session cookies and returns the CSRF token' })
  async signIn(@Body() body: unknown, @Req() req: Request, @Res({ passthrough: true }) res: Response) {
    return this.open(await this.sessions.call<Tokens>('/auth/sign-in', body, clientAddress(req)), res);
  }

  @Post('sign-up')
  @HttpCode(201)
  @ApiBody(credentials)
  @ApiOperation({ summary: 'Create an account and sign in (identity /auth/sign-up)' })
  async signUp(@Body() body: unknown, @Req() req: Request, @Res({ passthrough: true }) res: Response) {
    return this.open(await this.sessions.call<Tokens>('/auth/sign-up', body, clientAddress(req)), res);
  }

  @Post('sign-out')
  @HttpCode(204)
  @ApiOperation({ summary: 'Sign out: identity ends the session and the cookies are cleared (needs X-CSRF-Token)' })
  async signOut(@Req() req: Request, @Res({ passthrough: true }) res: Response) {
    const problem = csrfProblem(req);
    if (problem) return this.fail(res, { status: 403, body: { error: { code: 'csrf_failed', message: problem, status: 403 } } });
    const token = await sessionAccessToken(req, res, this.sessions, this.secure);
    if (token) await this.sessions.call('/auth/sign-out', undefined, { authorization: `Bearer ${token}` }).catch(() => undefined);
    clearSessionCookies(res, this.secure);
  }

  private get secure() {
    return this.config.secureCookies === 'true';
  }

  private open(answer: Upstreamed<Tokens>, res: Response) {
    if (answer.status !== 200 && answer.status !== 201) return this.fail(res, answer);
    const tokens = answer.body as Tokens;
    const csrfToken = setSessionCookies(res, tokens, this.secure);
    return { personId: tokens.personId, csrfToken };
  }

  /** identity's refusal as it is: its status, machine-readable body and Retry-After. */
  private fail(res: Response, answer: Upstreamed<unknown>) {
    res.status(answer.status);
    if (answer.retryAfter) res.setHeader('Retry-After', answer.retryAfter);
    return answer.body;
  }
}
