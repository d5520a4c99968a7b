import { Inject, Injectable } from '@nestjs/common';
import { IllegalStateError, TooManyRequestsError, UnauthorizedError, deterministicId, newId } from '@opn/kernel';
import { RequestMeta } from '@opn/service-kit';
import type { IdentityConfig } from '../../config';
import {
  Actor,
  RegisteredPerson,
  emailClaimDecider,
  emailClaimStreamId,
  normaliseEmail,
  personDecider,
  personStreamId,
  sessionDecider,
  sessionStreamId,
} from '../../domain';
import { CommandRunner } from '../../infrastructure/command-runner';
import { PasswordHasher } from '../../infrastructure/passwords';
import { STREAM_ID_SECRET } from '../../infrastructure/personal-data';
import { CLOCK, CONFIG, Clock } from '../../infrastructure/tokens';
import { AttemptLimiter } from './attempt-limiter';
import { SignInDto, SignUpDto, TokensView } from './auth.dto';
import { SessionTokens } from './session-tokens';

/** Acts as a platform admin for the bootstrap grant of PLATFORM_ADMIN_EMAILS. */
const SYSTEM: Actor = { personId: 'system', platformRoles: ['platform_admin'] };

@Injectable()
export class AuthService {
  private readonly byEmail: AttemptLimiter;
  private readonly byAddress: AttemptLimiter;

  constructor(
    private readonly commands: CommandRunner,
    private readonly passwords: PasswordHasher,
    private readonly tokens: SessionTokens,
    @Inject(CONFIG) private readonly config: IdentityConfig,
    @Inject(CLOCK) private readonly clock: Clock,
    @Inject(STREAM_ID_SECRET) private readonly streamIdSecret: Buffer,
  ) {
    const windowMs = config.signInWindowSeconds * 1000;
    this.byEmail = new AttemptLimiter(config.signInMaxFailures, windowMs);
    this.byAddress = new AttemptLimiter(config.signInMaxFailures * 10, windowMs);
  }

  /**
   * Claims the email (one stream per address makes it unique), then writes the person. A crash
   * between the two leaves a claim without a person, which the next sign-up for that email completes.
   */
  async signUp(dto: SignUpDto, meta: RequestMeta): Promise<TokensView> {
    const now = this.clock();
    const email = normaliseEmail(dto.email);
    const claimStream = emailClaimStreamId(email, this.streamIdSecret);
    const claim = await this.commands.load(claimStream, emailClaimDecider);
    const personId =
      claim.state.status === 'claimed'
        ? claim.state.personId
        : meta.idempotencyKey
          ? deterministicId('opn.person', meta.idempotencyKey, email)
          : newId();
    const passwordHash = await this.passwords.hash(dto.password);
    await this.commands.run(claimStream, emailClaimDecider, { type: 'ClaimEmail', data: { email, personId, now: now.toISOString() } }, { meta, step: 'claim' });
    try {
      await this.commands.run(
        personStreamId(personId),
        personDecider,
        { type: 'RegisterPerson', data: { personId, email, passwordHash, displayName: dto.displayName, locale: dto.locale, now: now.toISOString() } },
        { meta, step: 'register', actor: personId },
      );
    } catch (error) {
      if (error instanceof IllegalStateError) throw new IllegalStateError('email already registered');
      throw error;
    }
    if (this.config.platformAdminEmails.includes(email)) {
      const person = await this.commands.load(personStreamId(personId), personDecider);
      if (person.state.status === 'registered' && !person.state.platformRoles.includes('platform_admin')) {
        await this.commands.run(personStreamId(personId), personDecider, { type: 'GrantPlatformRole', data: { actor: SYSTEM, role: 'platform_admin', now: now.toISOString() } }, { actor: 'system' });
      }
    }
    return this.startSession(personId, meta, now);
  }

  async signIn(dto: SignInDto, address: string, meta: RequestMeta): Promise<TokensView> {
    const now = this.clock();
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
    return this.startSession(person.id, meta, now);
  }

  async refresh(refreshToken: string, meta: RequestMeta): Promise<TokensView> {
    const now = this.clock();
    const { sessionId, hash } = this.tokens.parseRefreshToken(refreshToken);
    const next = this.tokens.newRefreshSecret(sessionId, now);
    const result = await this.commands.run(sessionStreamId(sessionId), sessionDecider, {
      type: 'RefreshSession',
      data: { presentedTokenHash: hash, newTokenHash: next.hash, newExpiresAt: next.expiresAt, now: now.toISOString() },
    }, { meta });
    if (result.state.status !== 'active') {
      throw new UnauthorizedError('refresh token was already used: the session is revoked, sign in again');
    }
    return this.tokens.view(await this.personClaims(result.state.personId), sessionId, next, now);
  }

  async signOut(actor: { sessionId: string; personId: string }, meta: RequestMeta): Promise<void> {
    await this.commands.run(sessionStreamId(actor.sessionId), sessionDecider, { type: 'EndSession', data: { now: this.clock().toISOString() } }, { meta, actor: actor.personId });
  }

  private async startSession(personId: string, meta: RequestMeta, now: Date): Promise<TokensView> {
    const sessionId = newId();
    const refresh = this.tokens.newRefreshSecret(sessionId, now);
    await this.commands.run(sessionStreamId(sessionId), sessionDecider, {
      type: 'StartSession',
      data: { sessionId, personId, refreshTokenHash: refresh.hash, expiresAt: refresh.expiresAt, now: now.toISOString(), userAgent: meta.userAgent },
    }, { actor: personId });
    return this.tokens.view(await this.personClaims(personId), sessionId, refresh, now);
  }

  private async findByEmail(email: string): Promise<RegisteredPerson | undefined> {
    let claimStream: string;
    try {
      claimStream = emailClaimStreamId(email, this.streamIdSecret);
    } catch {
      return undefined;
    }
    const claim = await this.commands.load(claimStream, emailClaimDecider);
    if (claim.state.status !== 'claimed') return undefined;
    const person = await this.commands.load(personStreamId(claim.state.personId), personDecider);
    return person.state.status === 'registered' ? person.state : undefined;
  }

  private async personClaims(personId: string) {
    const person = await this.commands.load(personStreamId(personId), personDecider);
    if (person.state.status !== 'registered') throw new UnauthorizedError('unknown account');
    return { personId, email: person.state.email, platformRoles: person.state.platformRoles };
  }
}
