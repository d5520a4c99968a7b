import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router';
import { send } from '../api';
import { CompanyName } from '../components/names';
import { Async, CommandForm, Empty, Field, text, useApi } from '../components/ui';
import { useMe, useMyCompanies, useMyTerritories } from '../session';
import type { Page } from '../api';

export function HomePage() {
  const { t } = useTranslation();
  const me = useMe();
  const companies = useMyCompanies();
  const territories = useMyTerritories();
  const waiting = useApi<Page<unknown>>('recommendations', '/introductions', { awaitingMe: true, limit: 1 });
  const [params] = useSearchParams();
  return (
    <section>
      <h1>{t('home.hello', { name: me.data?.displayName ?? '' })}</h1>
      {waiting.data && waiting.data.total > 0 && (
        <p role="status">
          <Link to="/meet">{t('home.introductionsWaiting', { count: waiting.data.total })}</Link>
        </p>
      )}
      <h2>{t('home.companies')}</h2>
      <Async query={companies}>
        {(page) =>
          page.total === 0 ? (
            <Empty>{t('home.noCompany')}</Empty>
          ) : (
            <div className="cards">
              {page.items.map((c) => (
                <article key={c.companyId}>
                  <h3>
                    <CompanyName id={c.companyId} />
                  </h3>
                  <p>{t(`roles.${c.role}`)}</p>
                  {c.role === 'company_admin' && <ProposalsWaiting companyId={c.companyId} />}
                  <p>
                    <Link to={`/companies/${c.companyId}/needs`}>{t('home.needs')}</Link> · <Link to={`/companies/${c.companyId}/relations`}>{t('home.relations')}</Link>
                  </p>
                </article>
              ))}
            </div>
          )
        }
      </Async>
      <p>
        <Link to="/companies/new" className="button-link">
          {t('home.registerCompany')}
        </Link>
      </p>
      {territories.data && territories.data.total > 0 && (
        <>
          <h2>{t('home.territories')}</h2>
          <ul>
            {territories.data.items.map((x) => (
              <li key={x.territoryId}>
                <Link to={`/territories/${x.territoryId}`}>{x.name}</Link> — <ApplicationsWaiting territoryId={x.territoryId} /> ·{' '}
                <Link to={`/territories/${x.territoryId}/map`}>{t('territory.tabs.map')}</Link>
              </li>
            ))}
          </ul>
        </>
      )}
      <details open={params.has('token')}>
        <summary>{t('home.acceptInvitation')}</summary>
        <CommandForm
          submit={t('home.accept')}
          done={t('home.accepted')}
          run={(form) => send('identity', 'POST', '/invitations/accept', { companyId: text(form, 'companyId'), invitationId: text(form, 'invitationId'), token: text(form, 'token') })}
        >
          <Field label={t('home.companyId')} name="companyId" defaultValue={params.get('companyId') ?? ''} required />
          <Field label={t('home.invitationId')} name="invitationId" defaultValue={params.get('invitationId') ?? ''} required />
          <Field label={t('home.token')} name="token" defaultValue={params.get('token') ?? ''} required />
        </CommandForm>
      </details>
    </section>
  );
}

/** Relations the other company proposed, for this company's admins to answer. */
function ProposalsWaiting({ companyId }: { companyId: string }) {
  const { t } = useTranslation();
  const q = useApi<Page<{ proposal?: string }>>('relations', `/companies/${companyId}/relations`, { status: 'proposed', limit: 100 });
  const received = q.data?.items.filter((r) => r.proposal === 'received').length ?? 0;
  if (received === 0) return null;
  return (
    <p role="status">
      <Link to={`/companies/${companyId}/relations`}>{t('home.proposalsWaiting', { count: received })}</Link>
    </p>
  );
}

/** The territory's onboarding queue, with how many firms wait in it. */
function ApplicationsWaiting({ territoryId }: { territoryId: string }) {
  const { t } = useTranslation();
  const q = useApi<Page<unknown>>('territories', `/territories/${territoryId}/members`, { status: 'pending', limit: 1 });
  return (
    <Link to={`/territories/${territoryId}/onboarding`}>
      {t('territory.tabs.onboarding')}
      {q.data && q.data.total > 0 ? ` (${t('home.applicationsWaiting', { count: q.data.total })})` : ''}
    </Link>
  );
}
