import { useQuery } from '@tanstack/react-query';
import { BarElement, CategoryScale, Chart as ChartJS, Legend, LinearScale, LineElement, PointElement, Tooltip } from 'chart.js';
import { useMemo, useState } from 'react';
import { Bar, Line } from 'react-chartjs-2';
import { useTranslation } from 'react-i18next';
import { Link, Route, Routes, useParams } from 'react-router';
import { apiUrl, get, send } from '../api';
import { Tabs } from '../components/layout';
import { CompanyName } from '../components/names';
import { Action, Async, CommandForm, DateText, Empty, ErrorMessage, Field, PagedList, Select, TextArea, list, text, useApi, TableHead } from '../components/ui';
import { useMe, useMyTerritories } from '../session';
import { NetworkMap } from './network-map';

ChartJS.register(CategoryScale, LinearScale, BarElement, LineElement, PointElement, Legend, Tooltip);

interface TerritoryCard {
  coordinators?: string[];
  alerts?: { eiThreshold: number; periodMonths: number };
  territoryId: string;
  name: string;
  description?: string;
  kind: string;
  level: string;
  parentId?: string;
  perimeter?: { departements?: string[]; postcodes?: string[]; communes?: string[] };
}

export function TerritoriesPage() {
  const { t } = useTranslation();
  const me = useMe();
  const admin = me.data?.platformRoles.includes('platform_admin');
  return (
    <section>
      <h1>{t('territories.title')}</h1>
      <h2>{t('territories.coordinated')}</h2>
      <PagedList<TerritoryCard> service="territories" path="/me/territories" empty={t('territories.noneCoordinated')}>
        {(items) => (
          <ul>
            {items.map((x) => (
              <li key={x.territoryId}>
                <Link to={`/territories/${x.territoryId}`}>{x.name}</Link>
              </li>
            ))}
          </ul>
        )}
      </PagedList>
      <h2>{t('territories.catalogue')}</h2>
      <PagedList<TerritoryCard> service="territories" path="/territories" empty={t('territories.noneYet')}>
        {(items) => (
          <ul>
            {items.map((x) => (
              <li key={x.territoryId}>
                <Link to={`/territories/${x.territoryId}`}>{x.name}</Link> — {t(`levels.${x.level}` as 'levels.region', { defaultValue: x.level })}
                {x.description && <p className="muted">{x.description}</p>}
              </li>
            ))}
          </ul>
        )}
      </PagedList>
      {admin && <NewTerritory />}
    </section>
  );
}

function NewTerritory({ parentId }: { parentId?: string }) {
  const { t } = useTranslation();
  return (
    <CommandForm
      title={parentId ? t('territories.newNested') : t('territories.new')}
      submit={t('territories.create')}
      done={t('territories.created')}
      run={(form) =>
        send('territories', 'POST', '/territories', {
          name: text(form, 'name'),
          description: text(form, 'description'),
          kind: text(form, 'kind'),
          level: text(form, 'level'),
          ...(parentId ? { parentId } : {}),
          perimeter: { departements: list(form, 'departements') },
        })
      }
    >
      <Field label={t('territories.name')} name="name" required />
      <TextArea label={t('territories.description')} name="description" rows={2} />
      <div className="grid">
        <Select label={t('territories.kind')} name="kind" options={[['geographic', t('territories.geographic')], ['thematic', t('territories.thematic')]]} />
        <Select label={t('territories.level')} name="level" options={(['region', 'departement', 'city', 'employment_area', 'sector', 'value_chain', 'other'] as const).map((l) => [l, t(`levels.${l}`)])} />
      </div>
      <Field label={t('territories.departements')} name="departements" hint={t('common.commaSeparated')} />
    </CommandForm>
  );
}

export function TerritoryPage() {
  const { t } = useTranslation();
  const { territoryId = '' } = useParams();
  const territory = useApi<TerritoryCard>('territories', `/territories/${territoryId}`);
  const mine = useMyTerritories();
  const me = useMe();
  const coordinator = mine.data?.items.some((x) => x.territoryId === territoryId) || me.data?.platformRoles.includes('platform_admin');
  const base = `/territories/${territoryId}`;
  return (
    <Async query={territory}>
      {(x) => (
        <section>
          <hgroup>
            <h1>{x.name}</h1>
            <p>
              {t(`levels.${x.level}` as 'levels.region', { defaultValue: x.level })}
              {x.perimeter?.departements?.length ? ` · ${x.perimeter.departements.join(', ')}` : ''}
            </p>
          </hgroup>
          {x.description && <p>{x.description}</p>}
          {me.data?.platformRoles.includes('platform_admin') && me.data && !(x.coordinators ?? []).includes(me.data.personId) && (
            <Action run={() => send('territories', 'PUT', `/territories/${territoryId}/coordinators/${me.data?.personId}`)}>{t('territory.appointMe')}</Action>
          )}
          {coordinator ? (
            <>
              <Tabs
                items={[
                  [base, t('territory.tabs.dashboard')],
                  [`${base}/map`, t('territory.tabs.map')],
                  [`${base}/onboarding`, t('territory.tabs.onboarding')],
                  [`${base}/members`, t('territory.tabs.members')],
                  [`${base}/import`, t('territory.tabs.import')],
                  [`${base}/weaving`, t('territory.tabs.weaving')],
                  [`${base}/moderation`, t('territory.tabs.moderation')],
                ]}
              />
              <Routes>
                <Route index element={<Dashboard territoryId={territoryId} alerts={x.alerts} />} />
                <Route path="map" element={<NetworkMap territoryId={territoryId} />} />
                <Route path="onboarding" element={<Roster territoryId={territoryId} status="pending" />} />
                <Route path="members" element={<Roster territoryId={territoryId} status="admitted" />} />
                <Route path="import" element={<MemberImport territoryId={territoryId} />} />
                <Route path="weaving" element={<WeavingQueue territoryId={territoryId} />} />
                <Route path="moderation" element={<Moderation />} />
              </Routes>
            </>
          ) : (
            <p className="muted">{t('territory.publicOnly')}</p>
          )}
        </section>
      )}
    </Async>
  );
}

type Dimension = 'sector' | 'town' | 'size' | 'group';
export interface Month {
  month: string;
  at: string;
  members: number;
  activeFirms: number;
  needsPublished: number;
  needsMet: number;
  introductions: number;
  agreements: number;
  newRelations: number;
  crossSector: number;
  crossTown: number;
  crossSize: number;
  relations: number;
  ei: Record<'sector' | 'town' | 'size', number | null>;
}
export interface DashboardData {
  asOf: string;
  members: number;
  firmsOnPlatform: number;
  relations: number;
  density: number | null;
  openness: Record<Dimension, { ei: number | null; groups: Array<{ group: string; internal: number; external: number; ei: number | null; firms: number }> }>;
  brokers: Array<{ companyId: string; name: string; group: string | null; brokeredPairs: number; degree: number; constraint: number | null }>;
  closedClusters: Array<{ size: number; internal: number; external: number; ei: number | null; firms: Array<{ companyId: string; name: string }> }>;
  alerts: Array<{ dimension: Dimension; group: string; since: string; threshold: number; series: Array<{ month: string; ei: number }> }>;
  months: Month[];
}

const fmt = (x: number | null | undefined, digits = 2) => (x === null || x === undefined ? '—' : x.toFixed(digits));

function Dashboard({ territoryId, alerts }: { territoryId: string; alerts?: { eiThreshold: number; periodMonths: number } }) {
  const { t, i18n } = useTranslation();
  const q = useApi<DashboardData>('territories', `/territories/${territoryId}/dashboard`);
  return (
    <Async query={q}>
      {(d) => {
        const labels = d.months.map((m) => m.month);
        const activity = [
          ['needsPublished', '#1f5fa8'],
          ['introductions', '#8a4f00'],
          ['agreements', '#1d6b2f'],
          ['newRelations', '#7b2d8e'],
        ] as const;
        return (
          <>
            <h2>{t('dashboard.title', { date: new Date(d.asOf).toLocaleDateString(i18n.language === 'en' ? 'en-GB' : 'fr-FR', { dateStyle: 'long' }) })}</h2>
            <div className="figures">
              <div>
                <strong>{d.members}</strong>
                {t('dashboard.members')}
              </div>
              <div>
                <strong>{d.firmsOnPlatform}</strong>
                {t('dashboard.onPlatform')}
              </div>
              <div>
                <strong>{d.relations}</strong>
                {t('dashboard.relations')}
              </div>
              <div>
                <strong>{fmt(d.density)}</strong>
                {t('dashboard.density')}
              </div>
              <div>
                <strong>{fmt(d.openness.sector.ei)}</strong>
                {t('dashboard.eiSector')}
              </div>
            </div>
            <h3>{t('dashboard.byMonth')}</h3>
            <div className="chart">
              <Bar
                aria-label={t('dashboard.activityChart')}
                data={{ labels, datasets: activity.map(([key, color]) => ({ label: t(`dashboard.series.${key}`), data: d.months.map((m) => m[key]), backgroundColor: color })) }}
                options={{ responsive: true, maintainAspectRatio: false, animation: false, scales: { y: { beginAtZero: true, ticks: { precision: 0 } } } }}
              />
            </div>
            <div className="chart">
              <Line
                aria-label={t('dashboard.membersChart')}
                data={{
                  labels,
                  datasets: [
                    { label: t('dashboard.series.members'), data: d.months.map((m) => m.members), borderColor: '#1f5fa8', backgroundColor: '#1f5fa8' },
                    { label: t('dashboard.series.activeFirms'), data: d.months.map((m) => m.activeFirms), borderColor: '#8a4f00', backgroundColor: '#8a4f00' },
                    { label: t('dashboard.series.relations'), data: d.months.map((m) => m.relations), borderColor: '#1d6b2f', backgroundColor: '#1d6b2f' },
                  ],
                }}
                options={{ responsive: true, maintainAspectRatio: false, animation: false, scales: { y: { beginAtZero: true, ticks: { precision: 0 } } } }}
              />
            </div>
            <details>
              <summary>{t('dashboard.table')}</summary>
              <div className="overflow-auto">
                <table>
                  <thead>
                    <tr>
                      <th scope="col">{t('dashboard.month')}</th>
                      {(['members', 'activeFirms', 'needsPublished', 'introductions', 'agreements', 'newRelations', 'relations'] as const).map((k) => (
                        <th scope="col" key={k}>
                          {t(`dashboard.series.${k}`)}
                        </th>
                      ))}
                    </tr>
                  </thead>
                  <tbody>
                    {d.months.map((m) => (
                      <tr key={m.month}>
                        <th scope="row">{m.month}</th>
                        {(['members', 'activeFirms', 'needsPublished', 'introductions', 'agreements', 'newRelations', 'relations'] as const).map((k) => (
                          <td key={k}>{m[k]}</td>
                        ))}
                      </tr>
                    ))}
                  </tbody>
                </table>
              </div>
            </details>
            <p>
              <a href={apiUrl('territories', `/territories/${territoryId}/dashboard.csv`)} download>
                {t('dashboard.csv')}
              </a>{' '}
              ·{' '}
              <a href={apiUrl('territories', `/territories/${territoryId}/network.gexf`)} download>
                {t('dashboard.gexf')}
              </a>
            </p>

            <h3>{t('dashboard.alerts')}</h3>
            {d.alerts.length === 0 ? (
              <Empty>{t('dashboard.noAlerts')}</Empty>
            ) : (
              <ul>
                {d.alerts.map((a) => (
                  <li key={`${a.dimension}-${a.group}`} className="error">
                    {t('dashboard.alert', { group: a.group, dimension: t(`dimensions.${a.dimension}`), since: a.since, threshold: a.threshold })}
                  </li>
                ))}
              </ul>
            )}

            <details>
              <summary>{t('dashboard.alertSettings')}</summary>
              <CommandForm
                submit={t('common.save')}
                done={t('common.saved')}
                run={(form) => send('territories', 'PUT', `/territories/${territoryId}/alert-settings`, { eiThreshold: Number(text(form, 'eiThreshold')), periodMonths: Number(text(form, 'periodMonths')) })}
              >
                <div className="grid">
                  <Field label={t('dashboard.eiThreshold')} name="eiThreshold" type="number" min={-1} max={1} step={0.05} defaultValue={alerts?.eiThreshold ?? -0.5} required />
                  <Field label={t('dashboard.periodMonths')} name="periodMonths" type="number" min={1} max={24} defaultValue={alerts?.periodMonths ?? 3} required />
                </div>
              </CommandForm>
            </details>

            <h3>{t('dashboard.openness')}</h3>
            <p className="muted">{t('dashboard.opennessHelp')}</p>
            <div className="openness">
              {(['sector', 'town', 'size', 'group'] as const).map((dim) => (
                <div key={dim}>
                  <h4>
                    {t(`dimensions.${dim}`)} ({t('dashboard.ei')} {fmt(d.openness[dim].ei)})
                  </h4>
                  {d.openness[dim].groups.length === 0 ? (
                    <p className="muted">—</p>
                  ) : (
                    <table>
                      <TableHead columns={[t('dashboard.group'), t('dashboard.firms'), t('dashboard.ei')]} />
                      <tbody>
                        {d.openness[dim].groups.map((g) => (
                          <tr key={g.group}>
                            <td>{g.group}</td>
                            <td>{g.firms}</td>
                            <td>{fmt(g.ei)}</td>
                          </tr>
                        ))}
                      </tbody>
                    </table>
                  )}
                </div>
              ))}
            </div>

            <h3>{t('dashboard.closedClusters')}</h3>
            {d.closedClusters.length === 0 ? (
              <Empty>{t('dashboard.noClosedClusters')}</Empty>
            ) : (
              <ul>
                {d.closedClusters.map((c, i) => (
                  <li key={i}>
                    {t('dashboard.cluster', { size: c.size, internal: c.internal, external: c.external })}: {c.firms.map((f) => f.name).join(', ')}
                  </li>
                ))}
              </ul>
            )}

            <h3>{t('dashboard.brokers')}</h3>
            {d.brokers.length === 0 ? (
              <Empty>{t('dashboard.noBrokers')}</Empty>
            ) : (
              <table>
                <TableHead columns={[t('dashboard.firm'), t('dashboard.brokeredPairs'), t('dashboard.degree'), t('dashboard.constraint')]} />
                <tbody>
                  {d.brokers.map((b) => (
                    <tr key={b.companyId}>
                      <td>
                        <Link to={`/companies/${b.companyId}`}>{b.name}</Link>
                      </td>
                      <td>{b.brokeredPairs}</td>
                      <td>{b.degree}</td>
                      <td>{fmt(b.constraint)}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            )}
          </>
        );
      }}
    </Async>
  );
}

interface RosterItem {
  siren: string;
  name: string | null;
  companyId: string | null;
  onPlatform: boolean;
  status: string;
  origin: string;
  since: string;
  groups: string[];
  validUntil?: string;
  question?: string;
  reason?: string;
}

function Roster({ territoryId, status }: { territoryId: string; status: 'pending' | 'admitted' }) {
  const { t } = useTranslation();
  const [q, setQ] = useState('');
  const act = (siren: string, verb: string, body: unknown = {}) => () => send('territories', 'POST', `/territories/${territoryId}/members/${siren}/${verb}`, body);
  return (
    <>
      <h2>{status === 'pending' ? t('roster.queueTitle') : t('roster.membersTitle')}</h2>
      {status === 'admitted' && <Field label={t('roster.search')} name="q" type="search" value={q} onChange={(e) => setQ(e.target.value)} />}
      <PagedList<RosterItem> service="territories" path={`/territories/${territoryId}/members`} query={{ status, q: q || undefined }} empty={status === 'pending' ? t('roster.queueEmpty') : t('roster.noMembers')}>
        {(items) => (
          <table>
            <TableHead columns={[t('roster.firm'), t('company.siren'), t('relations.status'), t('roster.groups'), t('common.actions')]} />
            <tbody>
              {items.map((m) => (
                <tr key={m.siren}>
                  <td>{m.companyId ? <CompanyName id={m.companyId} /> : (m.name ?? '—')}</td>
                  <td>{m.siren}</td>
                  <td>
                    {t(`membershipStatus.${m.status}` as 'membershipStatus.applied', { defaultValue: m.status })} · <DateText value={m.since} />
                    {m.question && <blockquote>{m.question}</blockquote>}
                  </td>
                  <td>{m.groups.map((g) => <span className="tag" key={g}>{g}</span>)}</td>
                  <td>
                    {(m.status === 'applied' || m.status === 'info_requested') && (
                      <>
                        <Action run={act(m.siren, 'admit', {})}>{t('roster.admit')}</Action>
                        <Action className="secondary" run={act(m.siren, 'refuse', { reason: t('roster.refuseReason') })} confirm={t('roster.refuseConfirm')}>
                          {t('roster.refuse')}
                        </Action>
                        {m.status === 'applied' && (
                          <Action className="secondary outline" run={act(m.siren, 'request-information', { question: t('roster.defaultQuestion') })}>
                            {t('roster.askInfo')}
                          </Action>
                        )}
                      </>
                    )}
                    {m.status === 'admitted' && (
                      <GroupsEditor territoryId={territoryId} siren={m.siren} groups={m.groups} />
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </PagedList>
      {status === 'pending' && (
        <CommandForm
          title={t('roster.invite')}
          submit={t('roster.inviteButton')}
          done={t('roster.invited')}
          run={(form) => send('territories', 'POST', `/territories/${territoryId}/invitations`, { siren: text(form, 'siren'), message: text(form, 'message') })}
        >
          <Field label={t('company.siren')} name="siren" required inputMode="numeric" />
          <Field label={t('roster.message')} name="message" />
        </CommandForm>
      )}
    </>
  );
}

function GroupsEditor({ territoryId, siren, groups }: { territoryId: string; siren: string; groups: string[] }) {
  const { t } = useTranslation();
  return (
    <details>
      <summary>{t('roster.editGroups')}</summary>
      <CommandForm submit={t('common.save')} run={(form) => send('territories', 'PUT', `/territories/${territoryId}/members/${siren}/groups`, { groups: list(form, 'groups') })}>
        <Field label={t('roster.groups')} name="groups" defaultValue={groups.join(', ')} hint={t('common.commaSeparated')} />
      </CommandForm>
    </details>
  );
}

interface ImportJob {
  importId: string;
  dryRun: boolean;
  state: string;
  rows: { total: number; checked: number };
  errors: Array<{ line: number; reason: string }>;
  changes?: { added: number; updated: number; unchanged: number };
  written?: number;
}

function MemberImport({ territoryId }: { territoryId: string }) {
  const { t } = useTranslation();
  const [csv, setCsv] = useState('');
  const [jobId, setJobId] = useState<string>();
  const job = useQuery({
    queryKey: ['territories', 'import', jobId],
    queryFn: () => get<ImportJob>('territories', `/territories/${territoryId}/imports/${jobId}`),
    enabled: !!jobId,
    // Progress: poll while the job runs.
    refetchInterval: (query) => (query.state.data && query.state.data.state !== 'running' && query.state.data.state !== 'queued' ? false : 500),
  });
  const start = (dryRun: boolean) => send<ImportJob>('territories', 'POST', `/territories/${territoryId}/imports`, { csv, dryRun }).then((j) => setJobId(j.importId));
  return (
    <>
      <h2>{t('import.title')}</h2>
      <p className="muted">{t('import.help')}</p>
      <div className="field">
        <label htmlFor="import-file">{t('import.file')}</label>
        <input id="import-file" type="file" accept=".csv,text/csv" onChange={(e) => void e.target.files?.[0]?.text().then(setCsv)} />
      </div>
      <TextArea label={t('import.csv')} name="csv" rows={6} value={csv} onChange={(e) => setCsv(e.target.value)} placeholder="siren,name,contact,groups" />
      <Action run={() => start(true)}>{t('import.dryRun')}</Action>
      {job.data && (
        <article aria-live="polite">
          <h3>{job.data.dryRun ? t('import.dryRunReport') : t('import.report')}</h3>
          <progress value={job.data.rows.checked} max={Math.max(1, job.data.rows.total)} aria-label={t('import.progress')} />
          <p>{t('import.rows', { checked: job.data.rows.checked, total: job.data.rows.total })}</p>
          {job.data.changes && <p>{t('import.changes', job.data.changes)}</p>}
          {job.data.errors.length > 0 && (
            <>
              <p className="error">{t('import.errors', { count: job.data.errors.length })}</p>
              <ul>
                {job.data.errors.map((e) => (
                  <li key={e.line}>
                    {t('import.line', { line: e.line })}: <span lang="en">{e.reason}</span>
                  </li>
                ))}
              </ul>
            </>
          )}
          {job.data.written !== undefined && !job.data.dryRun && <p role="status">{t('import.written', { count: job.data.written })}</p>}
          {job.data.dryRun && job.data.state === 'done' && job.data.errors.length === 0 && <Action run={() => start(false)}>{t('import.confirm')}</Action>}
        </article>
      )}
      {job.isError && <ErrorMessage error={job.error} />}
    </>
  );
}

interface WeavingItem {
  rank: number;
  companies: Array<{ companyId: string; legalName: string; cluster: { id: number; size: number } }>;
  value: number;
  tiesBetweenClusters: number;
  commonPartners: Array<{ companyId: string; legalName: string }>;
  reason: string;
}

function WeavingQueue({ territoryId }: { territoryId: string }) {
  const { t } = useTranslation();
  return (
    <>
      <h2>{t('weaving.title')}</h2>
      <p className="muted">{t('weaving.intro')}</p>
      <PagedList<WeavingItem> service="recommendations" path={`/territories/${territoryId}/weaving-queue`} empty={t('weaving.empty')}>
        {(items) => (
          <ol>
            {items.map((w) => (
              <li key={w.rank}>
                <Link to={`/companies/${w.companies[0].companyId}`}>{w.companies[0].legalName}</Link> ↔ <Link to={`/companies/${w.companies[1].companyId}`}>{w.companies[1].legalName}</Link>
                <p className="muted">
                  {t('weaving.reason', { a: w.companies[0].cluster.size, b: w.companies[1].cluster.size, count: w.tiesBetweenClusters })}
                  {w.commonPartners.length > 0 && ` ${t('weaving.common', { names: w.commonPartners.map((c) => c.legalName).join(', ') })}`}
                </p>
              </li>
            ))}
          </ol>
        )}
      </PagedList>
    </>
  );
}

interface ReportItem {
  reportId: string;
  needId: string;
  target: { kind: 'need' } | { kind: 'interest'; companyId: string };
  reason: string;
  reportedAt: string;
  status: string;
  decision?: string;
}

function Moderation() {
  const { t } = useTranslation();
  return (
    <>
      <h2>{t('moderation.title')}</h2>
      <PagedList<ReportItem> service="relations" path="/moderation/reports" query={{ status: 'open' }} empty={t('moderation.empty')}>
        {(items) => (
          <ul>
            {items.map((r) => (
              <li key={r.reportId}>
                <Link to={`/needs/${r.needId}`}>{r.target.kind === 'need' ? t('moderation.aNeed') : t('moderation.anInterest')}</Link> — <DateText value={r.reportedAt} />
                <blockquote>{r.reason}</blockquote>
                <Action run={() => send('relations', 'POST', `/moderation/reports/${r.reportId}/hide`, { reason: r.reason })}>{t('moderation.hide')}</Action>
                <Action className="secondary" run={() => send('relations', 'POST', `/moderation/reports/${r.reportId}/dismiss`, { reason: t('moderation.dismissReason') })}>
                  {t('moderation.dismiss')}
                </Action>
              </li>
            ))}
          </ul>
        )}
      </PagedList>
    </>
  );
}

/** The past month ends the network can be seen at (the current month is "today"). */
export function useMonths(territoryId: string): string[] {
  const q = useApi<DashboardData>('territories', `/territories/${territoryId}/dashboard`);
  return useMemo(() => (q.data ? q.data.months.map((m) => m.month).filter((m) => m < q.data.asOf.slice(0, 7)) : []), [q.data]);
}
