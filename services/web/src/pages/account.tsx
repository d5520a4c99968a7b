import { useQueries } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { Page, apiUrl, get, send, session } from '../api';
import { PersonName } from '../components/names';
import { Action, Async, CommandForm, DateText, Field, PagedList, Select, TextArea, list, text, useApi, TableHead } from '../components/ui';
import { useMe, useMyCompanies } from '../session';

const PURPOSES = ['directory_listing', 'personal_ties', 'warm_introductions', 'analytics', 'marketing_emails'] as const;
/** The version of the privacy notice these consents are given under (recorded with each consent). */
export const PRIVACY_POLICY_VERSION = '2026-11';
const VISIBILITIES = ['private', 'company', 'territory', 'members'] as const;
const TIE_KINDS = ['current_colleagues', 'former_colleagues', 'classmates', 'client', 'supplier', 'partner', 'family', 'home_region', 'hobby', 'association', 'investment_club'] as const;

interface Tie {
  tieId: string;
  people: [string, string];
  proposedBy: string;
  status: string;
  kinds: string[];
  strength: number;
  visibility: Record<string, string>;
  effective: string;
  dormant?: boolean;
}

export function AccountPage() {
  const me = useMe();
  return (
    <Async query={me}>
      {(m) => (
        <section>
          <h1>{m.displayName}</h1>
          <p className="muted">{m.email}</p>
          <Profile displayName={m.displayName} locale={m.locale} />
          <Consents />
          <Ties personId={m.personId} />
          <Privacy />
        </section>
      )}
    </Async>
  );
}

function Profile({ displayName, locale }: { displayName: string; locale?: string }) {
  const { t } = useTranslation();
  return (
    <CommandForm
      title={t('account.profile')}
      submit={t('common.save')}
      done={t('common.saved')}
      run={(form) => send('identity', 'PATCH', '/me', { displayName: text(form, 'displayName'), headline: text(form, 'headline') ?? null, locale: text(form, 'locale') })}
    >
      <Field label={t('auth.displayName')} name="displayName" defaultValue={displayName} required />
      <Field label={t('account.headline')} name="headline" />
      <Select label={t('account.locale')} name="locale" defaultValue={locale ?? 'fr'} options={[['fr', 'Français'], ['en', 'English']]} />
    </CommandForm>
  );
}

function Consents() {
  const { t } = useTranslation();
  const q = useApi<Record<string, { granted: boolean; at: string }>>('identity', '/me/consents');
  return (
    <article>
      <h2>{t('account.consents')}</h2>
      <Async query={q}>
        {(c) => (
          <ul>
            {PURPOSES.map((p) => (
              <li key={p}>
                <strong>{t(`consents.${p}.title`)}</strong> — {t(`consents.${p}.help`)}{' '}
                <Action className={c[p]?.granted ? 'secondary outline' : ''} run={() => send('identity', 'PUT', `/me/consents/${p}`, { granted: !c[p]?.granted, policyVersion: PRIVACY_POLICY_VERSION })}>
                  {c[p]?.granted ? t('account.withdraw') : t('account.grant')}
                </Action>
                {c[p]?.granted && (
                  <small>
                    {t('account.grantedOn')} <DateText value={c[p].at} />
                  </small>
                )}
              </li>
            ))}
          </ul>
        )}
      </Async>
    </article>
  );
}

/** People the viewer may know: their companies' members and their collectives' alumni. */
function useKnownPeople(self: string) {
  const companies = useMyCompanies();
  const members = useQueries({
    queries: (companies.data?.items ?? []).map((c) => ({
      queryKey: ['identity', `/companies/${c.companyId}/members`, 'all'],
      queryFn: () => get<Page<{ personId: string; displayName?: string }>>('identity', `/companies/${c.companyId}/members`, { limit: 100 }),
    })),
  });
  const alumni = useApi<Page<{ personId: string }>>('collectives', '/me/alumni', { limit: 100 });
  const ids = new Map<string, string | undefined>();
  for (const m of members) for (const p of m.data?.items ?? []) if (p.personId !== self) ids.set(p.personId, p.displayName);
  for (const a of alumni.data?.items ?? []) if (a.personId !== self && !ids.has(a.personId)) ids.set(a.personId, undefined);
  return [...ids.entries()];
}

function Ties({ personId }: { personId: string }) {
  const { t } = useTranslation();
  const known = useKnownPeople(personId);
  const visibilityOptions = VISIBILITIES.map((v): [string, string] => [v, t(`visibility.${v}`)]);
  return (
    <article>
      <h2>{t('ties.title')}</h2>
      <p className="muted">{t('ties.help')}</p>
      <PagedList<Tie> service="relations" path="/me/ties" empty={t('ties.none')}>
        {(items) => (
          <table>
            <TableHead columns={[t('ties.with'), t('ties.kinds'), t('ties.strength'), t('ties.visibility'), t('relations.status'), t('common.actions')]} />
            <tbody>
              {items.map((tie) => {
                const other = tie.people[0] === personId ? tie.people[1] : tie.people[0];
                const mine = tie.visibility[personId];
                return (
                  <tr key={tie.tieId}>
                    <td>
                      <PersonName id={other} />
                    </td>
                    <td>{tie.kinds.map((k) => t(`tieKinds.${k}` as 'tieKinds.colleagues', { defaultValue: k })).join(', ')}</td>
                    <td>{tie.strength}/5</td>
                    <td>
                      {mine ? t(`visibility.${mine}` as 'visibility.private') : '—'} ({t('ties.shown')} {t(`visibility.${tie.effective}` as 'visibility.private')})
                    </td>
                    <td>
                      {t(`status.${tie.status}` as 'status.confirmed', { defaultValue: tie.status })}
                      {tie.dormant && ` · ${t('ties.dormant')}`}
                    </td>
                    <td>
                      {tie.status === 'proposed' && tie.proposedBy !== personId && (
                        <>
                          <Action run={() => send('relations', 'POST', `/ties/${tie.tieId}/confirm`, { visibility: 'members' })}>{t('ties.confirm')}</Action>
                          <Action className="secondary" run={() => send('relations', 'POST', `/ties/${tie.tieId}/decline`)}>
                            {t('ties.decline')}
                          </Action>
                        </>
                      )}
                      {tie.status === 'confirmed' && (
                        <>
                          <Action className="secondary outline" run={() => send('relations', 'POST', `/ties/${tie.tieId}/contact`, { on: new Date().toISOString().slice(0, 10) })}>
                            {t('ties.contactToday')}
                          </Action>
                          <Action
                            className="secondary outline"
                            run={() => send('relations', 'PUT', `/ties/${tie.tieId}/visibility`, { visibility: mine === 'members' ? 'private' : 'members' })}
                          >
                            {mine === 'members' ? t('ties.makePrivate') : t('ties.showMembers')}
                          </Action>
                        </>
                      )}
                      {(tie.status === 'confirmed' || (tie.status === 'proposed' && tie.proposedBy === personId)) && (
                        <Action className="secondary outline" confirm={t('ties.endConfirm')} run={() => send('relations', 'POST', `/ties/${tie.tieId}/end`)}>
                          {t('ties.end')}
                        </Action>
                      )}
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        )}
      </PagedList>
      <CommandForm
        title={t('ties.declare')}
        submit={t('ties.declareButton')}
        done={t('ties.declared')}
        run={(form) =>
          send('relations', 'POST', '/ties', {
            otherPersonId: text(form, 'otherPersonId'),
            kinds: list(form, 'kinds').length ? list(form, 'kinds') : [text(form, 'kind')],
            strength: Number(text(form, 'strength') ?? 3),
            visibility: text(form, 'visibility'),
            note: text(form, 'note'),
          })
        }
      >
        <Select label={t('ties.with')} name="otherPersonId" required options={known.map(([id, name]) => [id, name ?? id])} />
        <div className="grid">
          <Select label={t('ties.kind')} name="kind" options={TIE_KINDS.map((k) => [k, t(`tieKinds.${k}`)])} />
          <Field label={t('ties.strength')} name="strength" type="number" min={1} max={5} defaultValue={3} />
          <Select label={t('ties.visibility')} name="visibility" defaultValue="members" options={visibilityOptions} />
        </div>
        <TextArea label={t('ties.note')} name="note" rows={2} />
      </CommandForm>
    </article>
  );
}

function Privacy() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  return (
    <article>
      <h2>{t('account.privacy')}</h2>
      <p>
        <a href={apiUrl('identity', '/me/export')} download="my-data.json" className="button-link">
          {t('account.export')}
        </a>
      </p>
      <details>
        <summary>{t('account.erase')}</summary>
        <p className="error">{t('account.eraseWarning')}</p>
        <CommandForm
          submit={t('account.eraseButton')}
          run={(form) => send('identity', 'POST', '/me/erasure', { password: String(form.get('password') ?? '') })}
          onDone={() => {
            void session.signOut().catch(() => undefined);
            navigate('/sign-in');
          }}
        >
          <Field label={t('auth.password')} name="password" type="password" required autoComplete="current-password" />
        </CommandForm>
      </details>
    </article>
  );
}
