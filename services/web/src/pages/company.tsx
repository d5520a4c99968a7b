import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, Route, Routes, useNavigate, useParams } from 'react-router';
import { Page, send } from '../api';
import { Tabs } from '../components/layout';
import { CompanyName, PersonName, useCompany, useCompanySearch } from '../components/names';
import { Action, Async, CommandForm, DateText, Field, PagedList, Select, TextArea, list, text, useApi, TableHead } from '../components/ui';
import { useMyCompanies } from '../session';
import { Reasons, Why } from './meet';

export const SIZE_BANDS = ['0', '1-9', '10-49', '50-249', '250-4999', '5000+'];
export const RELATION_KINDS = ['client', 'supplier', 'partner', 'co_contractor', 'subcontractor', 'contractor', 'investor', 'investee', 'other'] as const;
export const BUDGET_BANDS = ['undisclosed', 'lt_10k', '10k_50k', '50k_200k', '200k_1m', 'gt_1m'] as const;

/** The viewer's role in a company, if any. */
export function useRole(companyId: string | undefined) {
  const mine = useMyCompanies();
  return mine.data?.items.find((c) => c.companyId === companyId)?.role;
}

function companyBody(form: FormData) {
  const lat = text(form, 'lat');
  const lon = text(form, 'lon');
  return {
    legalName: text(form, 'legalName'),
    siren: text(form, 'siren'),
    nafCode: text(form, 'nafCode'),
    sizeBand: text(form, 'sizeBand'),
    address: { line1: text(form, 'line1'), postalCode: text(form, 'postalCode'), city: text(form, 'city'), country: 'FR' },
    ...(lat && lon ? { coordinates: { lat: Number(lat), lon: Number(lon) } } : {}),
    description: text(form, 'description'),
    capabilities: list(form, 'capabilities'),
    offers: list(form, 'offers'),
  };
}

export function NewCompanyPage() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  return (
    <section>
      <h1>{t('company.newTitle')}</h1>
      <p>{t('company.newIntro')}</p>
      <CommandForm
        submit={t('company.register')}
        run={(form) => send<{ companyId: string }>('identity', 'POST', '/companies', companyBody(form))}
        onDone={(r) => navigate(`/companies/${(r as { companyId: string }).companyId}`)}
      >
        <Field label={t('company.legalName')} name="legalName" required />
        <div className="grid">
          <Field label={t('company.siren')} name="siren" required inputMode="numeric" pattern="[0-9 ]{9,11}" hint={t('company.sirenHint')} />
          <Field label={t('company.nafCode')} name="nafCode" required placeholder="25.62B" />
          <Select label={t('company.sizeBand')} name="sizeBand" options={SIZE_BANDS.map((s) => [s, t(`sizeBands.${s}` as 'sizeBands.0')])} />
        </div>
        <Field label={t('company.line1')} name="line1" required autoComplete="address-line1" />
        <div className="grid">
          <Field label={t('company.postalCode')} name="postalCode" required autoComplete="postal-code" />
          <Field label={t('company.city')} name="city" required autoComplete="address-level2" />
        </div>
        <div className="grid">
          <Field label={t('company.lat')} name="lat" type="number" step="any" min={-90} max={90} />
          <Field label={t('company.lon')} name="lon" type="number" step="any" min={-180} max={180} />
        </div>
        <TextArea label={t('company.description')} name="description" rows={3} />
        <Field label={t('company.capabilities')} name="capabilities" hint={t('common.commaSeparated')} />
        <Field label={t('company.offers')} name="offers" hint={t('common.commaSeparated')} />
      </CommandForm>
    </section>
  );
}

export function CompanyPage() {
  const { t } = useTranslation();
  const { companyId = '' } = useParams();
  const company = useCompany(companyId);
  const role = useRole(companyId);
  const base = `/companies/${companyId}`;
  const tabs: Array<[string, string]> = [[base, t('company.tabs.profile')]];
  if (role) {
    tabs.push([`${base}/people`, t('company.tabs.people')], [`${base}/relations`, t('company.tabs.relations')], [`${base}/needs`, t('company.tabs.needs')]);
    tabs.push([`${base}/territories`, t('company.tabs.territories')], [`${base}/meet`, t('company.tabs.meet')]);
  }
  return (
    <Async query={company}>
      {(c) => (
        <section>
          <hgroup>
            <h1>{c.legalName}</h1>
            <p>
              {t('company.sirenShort')} {c.siren} · {c.address.city} · {role ? t(`roles.${role}`) : t('company.notMember')}
            </p>
          </hgroup>
          <Tabs items={tabs} />
          <Routes>
            <Route index element={<Profile companyId={companyId} admin={role === 'company_admin'} />} />
            {role && <Route path="people" element={<People companyId={companyId} admin={role === 'company_admin'} />} />}
            {role && <Route path="relations" element={<Relations companyId={companyId} admin={role === 'company_admin'} />} />}
            {role && <Route path="needs" element={<CompanyNeeds companyId={companyId} />} />}
            {role && <Route path="territories" element={<Memberships companyId={companyId} admin={role === 'company_admin'} />} />}
            {role && <Route path="meet" element={<CompaniesToMeet companyId={companyId} />} />}
          </Routes>
        </section>
      )}
    </Async>
  );
}

function Profile({ companyId, admin }: { companyId: string; admin: boolean }) {
  const { t } = useTranslation();
  const q = useCompany(companyId);
  const [editing, setEditing] = useState(false);
  return (
    <Async query={q}>
      {(c) => (
        <article>
          <p>{c.description || <span className="muted">{t('company.noDescription')}</span>}</p>
          <dl>
            <dt>{t('company.capabilities')}</dt>
            <dd>{c.capabilities.length ? c.capabilities.map((x) => <span className="tag" key={x}>{x}</span>) : '—'}</dd>
            <dt>{t('company.offers')}</dt>
            <dd>{c.offers.length ? c.offers.map((x) => <span className="tag" key={x}>{x}</span>) : '—'}</dd>
            <dt>{t('company.nafCode')}</dt>
            <dd>{c.nafCode}</dd>
            <dt>{t('company.sizeBand')}</dt>
            <dd>{t(`sizeBands.${c.sizeBand}` as 'sizeBands.0')}</dd>
            <dt>{t('company.address')}</dt>
            <dd>
              {c.address.line1}, {c.address.postalCode} {c.address.city}
            </dd>
            <dt>{t('company.members')}</dt>
            <dd>{c.memberCount}</dd>
          </dl>
          {admin && !editing && (
            <button type="button" className="secondary" onClick={() => setEditing(true)}>
              {t('company.edit')}
            </button>
          )}
          {admin && editing && (
            <CommandForm
              title={t('company.edit')}
              submit={t('common.save')}
              done={t('common.saved')}
              run={(form) =>
                send('identity', 'PATCH', `/companies/${companyId}`, {
                  description: text(form, 'description') ?? '',
                  capabilities: list(form, 'capabilities'),
                  offers: list(form, 'offers'),
                  sizeBand: text(form, 'sizeBand'),
                })
              }
              onDone={() => setEditing(false)}
            >
              <TextArea label={t('company.description')} name="description" defaultValue={c.description} rows={3} />
              <Field label={t('company.capabilities')} name="capabilities" defaultValue={c.capabilities.join(', ')} hint={t('common.commaSeparated')} />
              <Field label={t('company.offers')} name="offers" defaultValue={c.offers.join(', ')} hint={t('common.commaSeparated')} />
              <Select label={t('company.sizeBand')} name="sizeBand" defaultValue={c.sizeBand} options={SIZE_BANDS.map((s) => [s, t(`sizeBands.${s}` as 'sizeBands.0')])} />
            </CommandForm>
          )}
        </article>
      )}
    </Async>
  );
}

interface MemberItem {
  personId: string;
  role: 'member' | 'company_admin';
  joinedAt: string;
  displayName?: string;
  headline?: string;
}
interface InvitationItem {
  invitationId: string;
  email: string;
  role: string;
  status: string;
  invitedAt?: string;
  expiresAt?: string;
}

function People({ companyId, admin }: { companyId: string; admin: boolean }) {
  const { t } = useTranslation();
  const [link, setLink] = useState<string>();
  return (
    <>
      <h2>{t('people.members')}</h2>
      <PagedList<MemberItem> service="identity" path={`/companies/${companyId}/members`} empty={t('people.noMembers')}>
        {(items) => (
          <table>
            <TableHead columns={[t('people.name'), t('people.role'), t('people.since'), admin && t('common.actions')]} />
            <tbody>
              {items.map((m) => (
                <tr key={m.personId}>
                  <td>{m.displayName ?? <PersonName id={m.personId} />}</td>
                  <td>{t(`roles.${m.role}`)}</td>
                  <td>
                    <DateText value={m.joinedAt} />
                  </td>
                  {admin && (
                    <td>
                      <Action className="secondary outline" run={() => send('identity', 'PATCH', `/companies/${companyId}/members/${m.personId}`, { role: m.role === 'member' ? 'company_admin' : 'member' })}>
                        {m.role === 'member' ? t('people.makeAdmin') : t('people.makeMember')}
                      </Action>
                      <Action className="secondary outline" confirm={t('people.removeConfirm')} run={() => send('identity', 'DELETE', `/companies/${companyId}/members/${m.personId}`)}>
                        {t('people.remove')}
                      </Action>
                    </td>
                  )}
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </PagedList>
      {admin && (
        <>
          <h2>{t('people.invitations')}</h2>
          <PagedList<InvitationItem> service="identity" path={`/companies/${companyId}/invitations`} empty={t('people.noInvitations')}>
            {(items) => (
              <ul>
                {items.map((i) => (
                  <li key={i.invitationId}>
                    {i.email} · {t(`roles.${i.role}` as 'roles.member')} · {t(`status.${i.status}` as 'status.pending', { defaultValue: i.status })}{' '}
                    {i.status === 'pending' && (
                      <Action className="secondary outline" run={() => send('identity', 'DELETE', `/companies/${companyId}/invitations/${i.invitationId}`)}>
                        {t('people.revoke')}
                      </Action>
                    )}
                  </li>
                ))}
              </ul>
            )}
          </PagedList>
          <CommandForm
            title={t('people.invite')}
            submit={t('people.sendInvitation')}
            run={(form) => send<{ invitationId: string; token: string }>('identity', 'POST', `/companies/${companyId}/invitations`, { email: text(form, 'email'), role: text(form, 'role') })}
            onDone={(r) => {
              const { invitationId, token } = r as { invitationId: string; token: string };
              setLink(`${location.origin}/invitations/accept?companyId=${companyId}&invitationId=${invitationId}&token=${encodeURIComponent(token)}`);
            }}
          >
            <div className="grid">
              <Field label={t('auth.email')} name="email" type="email" required />
              <Select label={t('people.role')} name="role" options={[['member', t('roles.member')], ['company_admin', t('roles.company_admin')]]} />
            </div>
          </CommandForm>
          {link && (
            <p role="status">
              {t('people.invitationLink')} <code>{link}</code>
            </p>
          )}
        </>
      )}
    </>
  );
}

interface RelationItem {
  relationId: string;
  partnerCompanyId: string;
  kind: string;
  label?: string;
  status: string;
  proposal?: 'sent' | 'received';
  startsOn?: string;
  endsOn?: string;
  agreements: number;
}

function Relations({ companyId, admin }: { companyId: string; admin: boolean }) {
  const { t } = useTranslation();
  const [q, setQ] = useState('');
  const directory = useCompanySearch(q, 8);
  const act = (relationId: string, verb: string, body?: unknown) => () => send('relations', 'POST', `/companies/${companyId}/relations/${relationId}/${verb}`, body ?? {});
  return (
    <>
      <h2>{t('relations.title')}</h2>
      <PagedList<RelationItem> service="relations" path={`/companies/${companyId}/relations`} empty={t('relations.none')}>
        {(items) => (
          <table>
            <TableHead columns={[t('relations.partner'), t('relations.kind'), t('relations.status'), t('relations.agreements'), admin && t('common.actions')]} />
            <tbody>
              {items.map((r) => (
                <tr key={r.relationId}>
                  <td>
                    <CompanyName id={r.partnerCompanyId} />
                  </td>
                  <td>{t(`relationKinds.${r.kind}` as 'relationKinds.client')}</td>
                  <td>
                    {t(`status.${r.status}` as 'status.active', { defaultValue: r.status })}
                    {r.proposal && ` (${t(`relations.${r.proposal}`)})`}
                  </td>
                  <td>{r.agreements}</td>
                  {admin && (
                    <td>
                      {r.status === 'proposed' && r.proposal === 'received' && (
                        <>
                          <Action run={act(r.relationId, 'confirm')}>{t('relations.confirm')}</Action>
                          <Action className="secondary" run={act(r.relationId, 'decline')}>{t('relations.decline')}</Action>
                        </>
                      )}
                      {r.status === 'proposed' && r.proposal === 'sent' && <Action className="secondary" run={act(r.relationId, 'withdraw')}>{t('relations.withdraw')}</Action>}
                      {r.status === 'active' && <Action className="secondary outline" run={act(r.relationId, 'suspend')}>{t('relations.suspend')}</Action>}
                      {r.status === 'suspended' && <Action className="secondary outline" run={act(r.relationId, 'resume')}>{t('relations.resume')}</Action>}
                      {(r.status === 'active' || r.status === 'suspended') && (
                        <Action className="secondary outline" confirm={t('relations.endConfirm')} run={act(r.relationId, 'end')}>
                          {t('relations.end')}
                        </Action>
                      )}
                    </td>
                  )}
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </PagedList>
      {admin && (
        <article>
          <h3>{t('relations.propose')}</h3>
          <Field label={t('relations.searchPartner')} name="partnerSearch" type="search" value={q} onChange={(e) => setQ(e.target.value)} />
          {directory.data?.items
            .filter((c) => c.companyId !== companyId)
            .map((c) => (
              <CommandForm
                key={c.companyId}
                title={`${c.legalName} (${c.address.city})`}
                submit={t('relations.proposeTo', { name: c.legalName })}
                done={t('relations.proposed')}
                run={(form) => send('relations', 'POST', `/companies/${companyId}/relations`, { partnerCompanyId: c.companyId, kind: text(form, 'kind'), label: text(form, 'label') })}
              >
                <div className="grid">
                  <Select label={t('relations.kindOf', { name: c.legalName })} name="kind" options={RELATION_KINDS.map((k) => [k, t(`relationKinds.${k}`)])} />
                  <Field label={t('relations.label')} name="label" />
                </div>
              </CommandForm>
            ))}
        </article>
      )}
    </>
  );
}

export interface NeedItem {
  needId: string;
  companyId: string;
  title: string;
  description: string;
  capabilities: string[];
  territory: string[];
  deadline: string;
  budgetBand: string;
  visibility: string;
  status: 'open' | 'closed';
  interests?: Array<{ companyId: string; status: string }>;
  publishedAt: string;
}

function CompanyNeeds({ companyId }: { companyId: string }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  return (
    <>
      <h2>{t('needs.ofCompany')}</h2>
      <PagedList<NeedItem> service="relations" path={`/companies/${companyId}/needs`} empty={t('needs.noneYet')}>
        {(items) => <NeedTable items={items} />}
      </PagedList>
      <CommandForm
        title={t('needs.publish')}
        submit={t('needs.publishButton')}
        run={(form) =>
          send<{ needId: string }>('relations', 'POST', `/companies/${companyId}/needs`, {
            title: text(form, 'title'),
            description: text(form, 'description'),
            capabilities: list(form, 'capabilities'),
            territory: list(form, 'territory'),
            deadline: text(form, 'deadline'),
            budgetBand: text(form, 'budgetBand'),
            visibility: text(form, 'visibility'),
          })
        }
        onDone={(r) => navigate(`/needs/${(r as { needId: string }).needId}`)}
      >
        <Field label={t('needs.titleField')} name="title" required maxLength={140} />
        <TextArea label={t('needs.description')} name="description" required rows={4} />
        <Field label={t('needs.capabilities')} name="capabilities" hint={t('common.commaSeparated')} />
        <div className="grid">
          <Field label={t('needs.territory')} name="territory" required hint={t('needs.territoryHint')} />
          <Field label={t('needs.deadline')} name="deadline" type="date" required />
        </div>
        <div className="grid">
          <Select label={t('needs.budget')} name="budgetBand" options={BUDGET_BANDS.map((b) => [b, t(`budgets.${b}`)])} />
          <Select label={t('needs.visibility')} name="visibility" options={[['members', t('needs.visibilityMembers')], ['territory', t('needs.visibilityTerritory')]]} />
        </div>
      </CommandForm>
    </>
  );
}

export function NeedTable({ items, showCompany = false }: { items: NeedItem[]; showCompany?: boolean }) {
  const { t } = useTranslation();
  return (
    <table>
      <TableHead columns={[t('needs.titleField'), showCompany && t('needs.company'), t('needs.territory'), t('needs.deadline'), t('relations.status')]} />
      <tbody>
        {items.map((n) => (
          <tr key={n.needId}>
            <td>
              <Link to={`/needs/${n.needId}`}>{n.title}</Link>
            </td>
            {showCompany && (
              <td>
                <CompanyName id={n.companyId} />
              </td>
            )}
            <td>{n.territory.join(', ')}</td>
            <td>
              <DateText value={n.deadline} />
            </td>
            <td>{t(`status.${n.status}` as 'status.open')}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

interface MembershipItem {
  territoryId: string;
  territoryName?: string;
  status: string;
  question?: string;
  validUntil?: string;
  updatedAt?: string;
}

function Memberships({ companyId, admin }: { companyId: string; admin: boolean }) {
  const { t } = useTranslation();
  const catalogue = useApi<Page<{ territoryId: string; name: string }>>('territories', '/territories', { limit: 100 });
  const act = (territoryId: string, verb: string, body: unknown = {}) => () => send('territories', 'POST', `/companies/${companyId}/memberships/${territoryId}/${verb}`, body);
  return (
    <>
      <h2>{t('memberships.title')}</h2>
      <PagedList<MembershipItem> service="territories" path={`/companies/${companyId}/memberships`} empty={t('memberships.none')}>
        {(items) => (
          <ul>
            {items.map((m) => (
              <li key={m.territoryId}>
                <strong>{m.territoryName ?? catalogue.data?.items.find((x) => x.territoryId === m.territoryId)?.name ?? m.territoryId}</strong> —{' '}
                {t(`membershipStatus.${m.status}` as 'membershipStatus.applied', { defaultValue: m.status })}
                {m.question && <blockquote>{m.question}</blockquote>}
                {admin && m.status === 'applied' && <Action className="secondary outline" run={act(m.territoryId, 'withdraw')}>{t('memberships.withdraw')}</Action>}
                {admin && m.status === 'invited' && <Action run={act(m.territoryId, 'accept')}>{t('memberships.accept')}</Action>}
                {admin && m.status === 'member' && (
                  <Action className="secondary outline" confirm={t('memberships.exitConfirm')} run={act(m.territoryId, 'exit', { reason: t('memberships.exitReason') })}>
                    {t('memberships.exit')}
                  </Action>
                )}
              </li>
            ))}
          </ul>
        )}
      </PagedList>
      {admin && (
        <CommandForm
          title={t('memberships.apply')}
          submit={t('memberships.applyButton')}
          done={t('memberships.applied')}
          run={(form) => send('territories', 'POST', `/companies/${companyId}/memberships`, { territoryId: text(form, 'territoryId'), message: text(form, 'message') })}
        >
          <Select label={t('memberships.territory')} name="territoryId" required options={(catalogue.data?.items ?? []).map((x) => [x.territoryId, x.name])} />
          <TextArea label={t('memberships.message')} name="message" rows={2} />
        </CommandForm>
      )}
    </>
  );
}

interface Suggestion {
  companyId: string;
  legalName?: string;
  score: number;
  why?: Why[];
  reasons: string[];
}

function CompaniesToMeet({ companyId }: { companyId: string }) {
  const { t } = useTranslation();
  const [mode, setMode] = useState<'accurate' | 'bridging'>('accurate');
  return (
    <>
      <h2>{t('meet.companiesTitle')}</h2>
      <fieldset>
        <legend>{t('meet.mode')}</legend>
        {(['accurate', 'bridging'] as const).map((m) => (
          <label key={m}>
            <input type="radio" name="mode" value={m} checked={mode === m} onChange={() => setMode(m)} />
            {t(`meet.modes.${m}`)}
          </label>
        ))}
      </fieldset>
      <PagedList<Suggestion> service="recommendations" path={`/companies/${companyId}/suggestions`} query={{ mode }} empty={t('meet.noCompanies')}>
        {(items) => (
          <ol>
            {items.map((s) => (
              <li key={s.companyId}>
                <CompanyName id={s.companyId} />
                <Reasons why={s.why} reasons={s.reasons} />
              </li>
            ))}
          </ol>
        )}
      </PagedList>
    </>
  );
}
