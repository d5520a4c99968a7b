import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { send } from '../api';
import { CompanyName, PersonName } from '../components/names';
import { Timeline } from '../components/timeline';
import { Action, Async, CommandForm, DateText, Field, PagedList, Select, TextArea, text, useApi } from '../components/ui';
import { useMe, useMyCompanies } from '../session';

const RHYTHMS = ['one_off', 'weekly', 'fortnightly', 'monthly', 'quarterly', 'irregular'] as const;

interface Collective {
  collectiveId: string;
  name: string;
  purpose: string;
  occasion: { kind: 'event' | 'purpose' | 'pretext'; title: string; date?: string };
  rhythm: string;
  access: 'open' | 'invitation';
  status: string;
  minMembers: number;
  governance: { mode: 'election' | 'rotation'; termMonths: number; quorum: number; rotationDays: number };
  initiatorId: string;
  memberCount: number;
  leaders: Array<{ personId: string; termEnds?: string }>;
  companyIds: string[];
  alumni?: number;
  you?: { standing: string; role?: string; canJoin?: boolean; companyId?: string };
}

export function CollectivesPage() {
  const { t } = useTranslation();
  const [which, setWhich] = useState<'discover' | 'current' | 'invited' | 'past'>('discover');
  const mine = useMyCompanies();
  return (
    <section>
      <h1>{t('collectives.title')}</h1>
      <p>{t('collectives.intro')}</p>
      <fieldset>
        <legend>{t('collectives.show')}</legend>
        {(['discover', 'current', 'invited', 'past'] as const).map((w) => (
          <label key={w}>
            <input type="radio" name="which" checked={which === w} onChange={() => setWhich(w)} />
            {t(`collectives.which.${w}`)}
          </label>
        ))}
      </fieldset>
      <PagedList<Collective>
        service="collectives"
        path={which === 'discover' ? '/collectives' : '/me/collectives'}
        query={which === 'discover' ? {} : { which }}
        empty={t('collectives.none')}
      >
        {(items) => (
          <div className="cards">
            {items.map((c) => (
              <article key={c.collectiveId}>
                <h2>
                  <Link to={`/collectives/${c.collectiveId}`}>{c.name}</Link>
                </h2>
                <p>{c.purpose}</p>
                <p className="muted">
                  {t(`collectiveStatus.${c.status}` as 'collectiveStatus.active', { defaultValue: c.status })} · {t(`rhythms.${c.rhythm}` as 'rhythms.monthly')} ·{' '}
                  {t('collectives.members', { count: c.memberCount })}
                </p>
              </article>
            ))}
          </div>
        )}
      </PagedList>
      <CommandForm
        title={t('collectives.propose')}
        submit={t('collectives.proposeButton')}
        done={t('collectives.proposed')}
        run={(form) =>
          send('collectives', 'POST', '/collectives', {
            name: text(form, 'name'),
            purpose: text(form, 'purpose'),
            occasion: { kind: text(form, 'occasionKind'), title: text(form, 'occasionTitle'), ...(text(form, 'occasionDate') ? { date: text(form, 'occasionDate') } : {}) },
            rhythm: text(form, 'rhythm'),
            access: text(form, 'access'),
            governance: { mode: text(form, 'mode') },
            ...(text(form, 'companyId') ? { companyId: text(form, 'companyId') } : {}),
          })
        }
      >
        <Field label={t('collectives.name')} name="name" required />
        <TextArea label={t('collectives.purpose')} name="purpose" required rows={2} />
        <div className="grid">
          <Select label={t('collectives.occasionKind')} name="occasionKind" options={(['event', 'purpose', 'pretext'] as const).map((k) => [k, t(`occasions.${k}`)])} />
          <Field label={t('collectives.occasionTitle')} name="occasionTitle" required />
          <Field label={t('collectives.occasionDate')} name="occasionDate" type="date" />
        </div>
        <div className="grid">
          <Select label={t('collectives.rhythm')} name="rhythm" options={RHYTHMS.map((r) => [r, t(`rhythms.${r}`)])} />
          <Select label={t('collectives.access')} name="access" options={[['open', t('collectives.open')], ['invitation', t('collectives.invitationOnly')]]} />
          <Select label={t('collectives.leadership')} name="mode" options={[['election', t('collectives.election')], ['rotation', t('collectives.rotation')]]} />
        </div>
        <div className="field">
          <label htmlFor="collective-company">{t('collectives.forCompany')}</label>
          <select id="collective-company" name="companyId">
            <option value="">—</option>
            {(mine.data?.items ?? []).map((c) => (
              <option key={c.companyId} value={c.companyId}>
                <CompanyName id={c.companyId} link={false} />
              </option>
            ))}
          </select>
        </div>
      </CommandForm>
    </section>
  );
}

interface Election {
  electionId: string;
  seats: number;
  closesAt: string;
  open: boolean;
  electorate: number;
  turnout: number;
  candidates: Array<{ personId: string; statement?: string; contribution: { score: number } }>;
  you: { mayVote: boolean; voted: boolean };
  outcome?: { outcome: string; leaders: string[] };
}

export function CollectivePage() {
  const { t } = useTranslation();
  const { collectiveId = '' } = useParams();
  const q = useApi<Collective>('collectives', `/collectives/${collectiveId}`);
  const me = useMe();
  const mine = useMyCompanies();
  const path = `/collectives/${collectiveId}`;
  const go = (verb: string, body: unknown = {}) => () => send('collectives', 'POST', `${path}/${verb}`, body);
  return (
    <Async query={q}>
      {(c) => {
        const isLeader = c.leaders.some((l) => l.personId === me.data?.personId);
        const isInitiator = c.initiatorId === me.data?.personId;
        const organiser = isLeader || (isInitiator && c.leaders.length === 0);
        const inside = c.you?.standing === 'member';
        return (
          <section>
            <hgroup>
              <h1>{c.name}</h1>
              <p>
                {t(`collectiveStatus.${c.status}` as 'collectiveStatus.active', { defaultValue: c.status })} · {t(`occasions.${c.occasion.kind}`)}: {c.occasion.title}
                {c.occasion.date && (
                  <>
                    {' '}
                    (<DateText value={c.occasion.date} />)
                  </>
                )}
              </p>
            </hgroup>
            <p>{c.purpose}</p>
            <p>
              {t(`rhythms.${c.rhythm}` as 'rhythms.monthly')} · {c.access === 'open' ? t('collectives.open') : t('collectives.invitationOnly')} · {t('collectives.members', { count: c.memberCount })} ·{' '}
              {t('collectives.leaders')}: {c.leaders.length ? c.leaders.map((l) => <PersonName key={l.personId} id={l.personId} />) : '—'}
            </p>
            <p>
              {c.companyIds.map((id) => (
                <span className="tag" key={id}>
                  <CompanyName id={id} />
                </span>
              ))}
            </p>
            <div>
              {c.you?.canJoin && (
                <Action run={go('join', (mine.data?.items[0] ? { companyId: mine.data.items[0].companyId } : {}))}>{t('collectives.join')}</Action>
              )}
              {inside && !isLeader && <Action className="secondary outline" run={go('leave', {})}>{t('collectives.leave')}</Action>}
              {organiser && c.status === 'proposed' && <Action run={go('forming')}>{t('collectives.forming')}</Action>}
              {isLeader && c.status === 'forming' && <Action run={go('activate')}>{t('collectives.activate')}</Action>}
              {isLeader && c.status === 'active' && <Action run={go('deliver')}>{t('collectives.deliver')}</Action>}
              {isLeader && (c.status === 'active' || c.status === 'delivering') && (
                <Action className="secondary" confirm={t('collectives.dissolveConfirm')} run={go('dissolve', {})}>
                  {t('collectives.dissolve')}
                </Action>
              )}
              {isLeader && c.status === 'dissolving' && <Action run={go('archive')}>{t('collectives.archive')}</Action>}
              {organiser && (c.status === 'proposed' || c.status === 'forming') && (
                <Action className="secondary outline" confirm={t('collectives.cancelConfirm')} run={go('cancel', { reason: t('collectives.cancelReason') })}>
                  {t('collectives.cancel')}
                </Action>
              )}
            </div>

            {inside && (
              <>
                <h2>{t('collectives.elections')}</h2>
                <PagedList<Election> service="collectives" path={`${path}/elections`} empty={t('collectives.noElections')} limit={5}>
                  {(items) => (
                    <ul>
                      {items.map((e) => (
                        <li key={e.electionId}>
                          {t('collectives.election')} — {e.open ? t('collectives.openUntil') : t('collectives.closed')} <DateText value={e.closesAt} /> ·{' '}
                          {t('collectives.turnout', { turnout: e.turnout, electorate: e.electorate })}
                          <ul>
                            {e.candidates.map((cand) => (
                              <li key={cand.personId}>
                                <PersonName id={cand.personId} /> {cand.statement && <q>{cand.statement}</q>}
                                {e.open && e.you.mayVote && !e.you.voted && (
                                  <Action run={() => send('collectives', 'POST', `${path}/elections/${e.electionId}/votes`, { candidateId: cand.personId })}>{t('collectives.vote')}</Action>
                                )}
                              </li>
                            ))}
                          </ul>
                          {e.you.voted && <p className="ok">{t('collectives.voted')}</p>}
                          {e.open && !e.candidates.some((x) => x.personId === me.data?.personId) && (
                            <Action className="secondary outline" run={() => send('collectives', 'POST', `${path}/elections/${e.electionId}/candidacy`, {})}>
                              {t('collectives.stand')}
                            </Action>
                          )}
                          {e.open && <Action className="secondary outline" run={() => send('collectives', 'POST', `${path}/elections/${e.electionId}/close`)}>{t('collectives.count')}</Action>}
                          {e.outcome && (
                            <p>
                              {t('collectives.elected')}: {e.outcome.leaders.map((id) => <PersonName key={id} id={id} />)}
                            </p>
                          )}
                        </li>
                      ))}
                    </ul>
                  )}
                </PagedList>
                {c.governance.mode === 'election' && (
                  <CommandForm title={t('collectives.callElection')} submit={t('collectives.callElectionButton')} run={(form) => send('collectives', 'POST', `${path}/elections`, { closesAt: new Date(`${text(form, 'closesAt')}T18:00:00Z`).toISOString() })}>
                    <Field label={t('collectives.closesAt')} name="closesAt" type="date" required />
                  </CommandForm>
                )}

                <h2>{t('collectives.peopleIn')}</h2>
                <PagedList<{ personId: string; role: string; companyId?: string; contribution: { score: number } }> service="collectives" path={`${path}/members`} empty={t('collectives.noMembers')}>
                  {(items) => (
                    <ul>
                      {items.map((m) => (
                        <li key={m.personId}>
                          <PersonName id={m.personId} /> — {t(`collectiveRoles.${m.role}` as 'collectiveRoles.member', { defaultValue: m.role })} · {t('collectives.score', { score: m.contribution.score })}
                        </li>
                      ))}
                    </ul>
                  )}
                </PagedList>
                <CommandForm title={t('collectives.announce')} submit={t('collectives.post')} run={(form) => send('collectives', 'POST', `${path}/announcements`, { text: text(form, 'text') })}>
                  <TextArea label={t('collectives.announcement')} name="text" required rows={2} />
                </CommandForm>
              </>
            )}

            {(c.status === 'dissolving' || c.status === 'archived') && (
              <>
                <h2>{t('collectives.alumni')}</h2>
                <PagedList<{ personId: string; from: string; to: string }> service="collectives" path={`${path}/alumni`} empty={t('collectives.noAlumni')}>
                  {(items) => (
                    <ul>
                      {items.map((a) => (
                        <li key={a.personId}>
                          <PersonName id={a.personId} /> — <DateText value={a.from} /> → <DateText value={a.to} />
                        </li>
                      ))}
                    </ul>
                  )}
                </PagedList>
              </>
            )}
            {inside && (
              <>
                <h2>{t('collectives.history')}</h2>
                <Timeline service="collectives" path={`${path}/history`} />
              </>
            )}
          </section>
        );
      }}
    </Async>
  );
}
