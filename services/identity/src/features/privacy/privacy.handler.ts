import { Inject, Injectable, Logger } from '@nestjs/common';
import { Actor, ERASED, EventStore, KeyStore, NotFoundError, RecordedEvent, UnauthorizedError, isPlatformAdmin } from '@opn/kernel';
import { ActorContext, Commands, EVENT_STORE, KEY_STORE, PageQuery } from '@opn/service-kit';
import { EmailClaims, invitationSubject, people, personStreamId, sessionStreamId, sessions } from '../../domain';
import { PasswordHasher } from '../../infrastructure/passwords';
import { EMAIL_CLAIMS } from '../../infrastructure/stream-id-secret';
import { CompanyInvitationsQuery } from '../../read-models/company-invitations/company-invitations.query';
import { CompanyMembersQuery } from '../../read-models/company-members/company-members.query';
import { PersonSessionsQuery } from '../../read-models/person-sessions/person-sessions.query';

/** Credentials (hashes of passwords and tokens) are replaced by this in an export. */
export const CREDENTIAL = '[credential]';
const CREDENTIAL_FIELDS = new Set(['passwordHash', 'refreshTokenHash', 'tokenHash']);

export interface ExportedEvent {
  id: string;
  type: string;
  version: number;
  revision: number;
  occurredAt: string;
  data: unknown;
  metadata: Record<string, unknown>;
}

/**
 * GDPR access (art. 15) and erasure (art. 17) for identity. Both read the truth from the log
 * (through the personal-data decorator: clear values) and the read models (opened by the queries).
 */
@Injectable()
export class PrivacyHandler {
  private readonly logger = new Logger('identity.privacy');

  constructor(
    private readonly commands: Commands,
    private readonly passwords: PasswordHasher,
    private readonly members: CompanyMembersQuery,
    private readonly invitations: CompanyInvitationsQuery,
    private readonly sessions: PersonSessionsQuery,
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(KEY_STORE) private readonly keys: KeyStore,
    @Inject(EMAIL_CLAIMS) private readonly emailClaims: EmailClaims,
  ) {}

  /** Everything identity holds about the person, decrypted; credentials redacted. */
  async export(ctx: ActorContext) {
    const { personId } = ctx.actor;
    const { state } = await this.commands.load(people, personId);
    if (state.status !== 'registered') throw new NotFoundError('person not found');
    const memberships = [];
    for (let page = 1; ; page++) {
      const result = await this.members.companiesOf(personId, Object.assign(new PageQuery(), { page, limit: 100 }));
      memberships.push(...result.items);
      if (memberships.length >= result.total || result.items.length === 0) break;
    }
    const sessions = await this.sessions.ofPerson(personId);
    const invitations = await this.invitations.acceptedBy(personId);
    const claimStream = this.emailClaims.streamId(state.email);
    const streams: Record<string, ExportedEvent[]> = {
      [personStreamId(personId)]: await this.eventsOf(personStreamId(personId)),
      // The address may have had an earlier (erased) holder: only this person's claim events.
      [claimStream]: (await this.eventsOf(claimStream)).filter((e) => (e.data as { personId?: string }).personId === personId),
    };
    for (const s of sessions) streams[sessionStreamId(s.sessionId)] = await this.eventsOf(sessionStreamId(s.sessionId));
    return {
      exportedAt: ctx.now,
      personId,
      profile: {
        email: state.email,
        displayName: state.displayName,
        headline: state.profile.headline,
        phone: state.profile.phone,
        locale: state.profile.locale,
      },
      consents: state.consents,
      platformRoles: state.platformRoles,
      memberships,
      invitations,
      sessions,
      events: streams,
    };
  }

  /** Self-service erasure: the person re-confirms with their password. */
  async eraseSelf(password: string, ctx: ActorContext): Promise<void> {
    const { state } = await this.commands.load(people, ctx.actor.personId);
    const hash = state.status === 'registered' ? state.passwordHash : undefined;
    if (!(await this.passwords.verify(hash, password))) throw new UnauthorizedError('password is wrong');
    await this.erase(ctx.actor.personId, ctx);
  }

  /**
   * Erasure by the person or a platform admin (anyone else: 404). In order: free the email,
   * revoke the sessions, record `PersonErased` (the audit: who, whom, when, no personal data),
   * then destroy the keys (the person's, and those of the invitations they accepted). Each step is
   * idempotent, so a retry after a crash completes the erasure.
   */
  async erase(personId: string, ctx: ActorContext): Promise<void> {
    const { actor, now } = ctx;
    if (actor.personId !== personId && !isPlatformAdmin(actor)) throw new NotFoundError('person not found');
    const { state } = await this.commands.load(people, personId);
    if (state.status === 'unregistered') throw new NotFoundError('person not found');
    if (state.status === 'registered') {
      if (state.email !== ERASED) {
        await this.commands.handle(this.emailClaims, state.email, { type: 'ReleaseEmail', data: { personId, now } }, ctx, { step: 'erase-release' });
      }
      for (const s of await this.sessions.ofPerson(personId)) {
        if (s.status !== 'active') continue;
        const revoke = { type: 'RevokeSession' as const, data: { reason: 'person_erased' as const, now } };
        await this.commands.handle(sessions, s.sessionId, revoke, ctx, { step: `erase-revoke-${s.sessionId}` });
      }
      await this.commands.handle(people, personId, { type: 'ErasePerson', data: { actor: actor as Actor, now } }, ctx, { step: 'erase' });
    }
    for (const invitation of await this.invitations.acceptedBy(personId)) await this.keys.destroy(invitationSubject(invitation.invitationId));
    await this.keys.destroy(personId);
    // Operational trace of the audit event: ids only, never a personal value.
    this.logger.log(`person ${personId} erased by ${actor.personId} (${actor.personId === personId ? 'self' : 'platform_admin'})`);
  }

  private async eventsOf(streamId: string): Promise<ExportedEvent[]> {
    return (await this.store.readStream(streamId)).map((e: RecordedEvent) => ({
      id: e.id,
      type: e.type,
      version: e.version,
      revision: e.revision,
      occurredAt: e.occurredAt.toISOString(),
      data: redactCredentials(e.data),
      metadata: e.metadata,
    }));
  }
}

function redactCredentials(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(redactCredentials);
  if (value === null || typeof value !== 'object') return value;
  return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, CREDENTIAL_FIELDS.has(k) ? CREDENTIAL : redactCredentials(v)]));
}
