import { Inject, Injectable } from '@nestjs/common';
import { IllegalStateError, SYSTEM_ACTOR, TooManyRequestsError, UnauthorizedError, deterministicId, newId, normaliseEmail } from '@opn/kernel';
import { CommandContext, Commands, SERVICE_CONFIG, actingAs } from '@opn/service-kit';
import { EmailClaims, RegisteredPerson, people, sessions } from '../../domain';
import type { IdentityConfig } from '../../identity.service';
import { PasswordHasher } from '../../infrastructure/passwords';
import { EMAIL_CLAIMS } from '../../infrastructure/stream-id-secret';
import { AttemptLimiter } from './attempt-limiter';
import { SignInDto, SignUpDto, TokensView } from './auth.dto';
import { SessionTokens } from './session-tokens';

@Injectable()
export class AuthHandler {
  private readonly byEmail: AttemptLimiter;
  private readonly byAddress: AttemptLimiter;

  constructor(
    private readonly commands: Commands,
    private readonly passwords: PasswordHasher,
    private readonly tokens: SessionTokens,
    @Inject(SERVICE_CONFIG) private readonly config: IdentityConfig,
    @Inject(EMAIL_CLAIMS) private readonly emailClaims: EmailClaims,
  ) {
    const windowMs = config.signInWindowSeconds * 1000;
    this.byEmail = new AttemptLimiter(config.signInMaxFailures, windowMs);
    this.byAddress = new AttemptLimiter(config.signInMaxFailures * 10, windowMs);
  }

  /**
   * Claims the email (one stream per address makes it unique), then writes the person. A crash
   * between the two leaves a claim without a person, which the next sign-up for that email completes.
   */
  async signUp(dto: SignUpDto, ctx: CommandContext): Promise<TokensView> {
    const email = normaliseEmail(dto.email);
    const claim = await this.commands.load(this.emailClaims, email);
    const personId =
      claim.state.status === 'claimed' ? claim.state.personId : ctx.idempotencyKey ? deterministicId('opn.person', ctx.idempotencyKey, email) : newId();
    const passwordHash = await this.passwords.hash(dto.password);
    await this.commands.handle(this.emailClaims, email, { type: 'ClaimEmail', data: { email, personId, now: ctx.now } }, ctx, { step: 'claim' });
    const self = actingAs(ctx, { personId, platformRoles: [] });
    try {
      const data = { personId, email, passwordHash, displayName: dto.displayName, locale: dto.locale, now: ctx.now };
      await this.commands.handle(people, personId, { type: 'RegisterPerson', data }, self, { step: 'register' });
    } catch (error) {
      if (error instanceof IllegalStateError) throw new IllegalStateError('email already registered');
      throw error;
    }
    if (this.config.platformAdminEmails.includes(email)) {
      const person = await this.commands.load(people, personId);
      if (person.state.status === 'registered' && !person.state.platformRoles.includes('platform_admin')) {
        const system = actingAs({ ...ctx, idempotencyKey: undefined }, SYSTEM_ACTOR);
        await this.commands.handle(people, personId, { type: 'GrantPlatformRole', data: { actor: SYSTEM_ACTOR, role: 'platform_admin', now: ctx.now } }, system);
      }
    }
    return this.startSession(personId, self);
  }

  async signIn(dto: SignInDto, address: string, ctx: CommandContext): Promise<TokensView> {
    const email = normaliseEmail(dto.email);
    const wait = Math.max(this.byEmail.retryAfter(email), this.byAddress.retryAfter(address));
    if (wait > 0) throw new TooManyRequestsError(`too many failed sign-in attempts, retry in ${wait} s`, { retryAfterSeconds: wait });

    const person = await this.findByEmail(email);
    const ok = await this.passwords.verify(person?.passwordHash, dto.password);
    if (!person || !ok) {
      this.byEmail.fail(email);
      this.byAddress.fail(address);
      throw new UnauthorizedError('invalid email or password');
    }
    this.byEmail.reset(email);
    return this.startSession(person.id, actingAs({ ...ctx, idempotencyKey: undefined }, { personId: person.id, platformRoles: person.platformRoles }));
  }

  async refresh(refreshToken: string, ctx: CommandContext): Promise<TokensView> {
    const { sessionId, hash } = this.tokens.parseRefreshToken(refreshToken);
    const next = this.tokens.newRefreshSecret(sessionId, new Date(ctx.now));
    const data = { presentedTokenHash: hash, newTokenHash: next.hash, newExpiresAt: next.expiresAt, now: ctx.now };
    const result = await this.commands.handle(sessions, sessionId, { type: 'RefreshSession', data }, ctx);
    if (result.state.status !== 'active') {
      throw new UnauthorizedError('refresh token was already used: the session is revoked, sign in again');
    }
    return this.tokens.view(await this.personClaims(result.state.personId), sessionId, next, new Date(ctx.now));
  }

  async signOut(sessionId: string, ctx: CommandContext): Promise<void> {
    await this.commands.handle(sessions, sessionId, { type: 'EndSession', data: { now: ctx.now } }, ctx);
  }

  /** A new session for a person who just proved who they are (no idempotency key: each sign-in is new). */
  private async startSession(personId: string, ctx: CommandContext): Promise<TokensView> {
    const sessionId = newId();
    const now = new Date(ctx.now);
    const refresh = this.tokens.newRefreshSecret(sessionId, now);
    const data = { sessionId, personId, refreshTokenHash: refresh.hash, expiresAt: refresh.expiresAt, now: ctx.now, userAgent: ctx.userAgent };
    await this.commands.handle(sessions, sessionId, { type: 'StartSession', data }, { ...ctx, idempotencyKey: undefined });
    return this.tokens.view(await this.personClaims(personId), sessionId, refresh, now);
  }

  private async findByEmail(email: string): Promise<RegisteredPerson | undefined> {
    let claim;
    try {
      claim = await this.commands.load(this.emailClaims, email);
    } catch {
      return undefined;
    }
    if (claim.state.status !== 'claimed') return undefined;
    const person = await this.commands.load(people, claim.state.personId);
    return person.state.status === 'registered' ? person.state : undefined;
  }

  private async personClaims(personId: string) {
    const person = await this.commands.load(people, personId);
    if (person.state.status !== 'registered') throw new UnauthorizedError('unknown account');
    return { personId, email: person.state.email, platformRoles: person.state.platformRoles };
  }
}
