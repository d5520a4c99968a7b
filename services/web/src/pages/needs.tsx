import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { send } from '../api';
import { CompanyName, useCompany, useCompanySearch } from '../components/names';
import { Timeline } from '../components/timeline';
import { Action, Async, CommandForm, DateText, Field, PagedList, Select, TextArea, text, useApi } from '../components/ui';
import { useMyCompanies } from '../session';
import { NeedItem, NeedTable, RELATION_KINDS } from './company';
import { Reasons, Why } from './meet';

export function NeedsPage() {
  const { t } = useTranslation();
  const [filters, setFilters] = useState<{ capability?: string; departement?: string }>({});
  return (
    <section>
      <h1>{t('needs.discoverTitle')}</h1>
      <p>{t('needs.discoverIntro')}</p>
      <form
        className="grid"
        role="search"
        onSubmit={(e) => {
          e.preventDefault();
          const f = new FormData(e.currentTarget);
          setFilters({ capability: text(f, 'capability'), departement: text(f, 'departement') });
        }}
      >
        <Field label={t('needs.capability')} name="capability" />
        <Field label={t('needs.departement')} name="departement" maxLength={3} />
        <button type="submit">{t('common.filter')}</button>
      </form>
      <PagedList<NeedItem> service="relations" path="/needs" query={filters} empty={t('needs.noneOpen')}>
        {(items) => <NeedTable items={items} showCompany />}
      </PagedList>
    </section>
  );
}

interface NeedDetail extends NeedItem {
  outcome?: { kind: string; partnerCompanyId?: string; relationKind?: string; reason?: string };
  interests: Array<{ companyId: string; status: string; message?: string; hidden?: boolean; expressedAt: string }>;
  shortlist: string[];
  introductions: Array<{ introductionId: string; partnerCompanyId: string; via: string; note?: string; at: string }>;
  meetings: Array<{ meetingId: string; partnerCompanyId: string; on: string; note?: string }>;
  hidden?: boolean;
  hiddenReason?: string;
}

interface PartnerResult {
  companyId: string;
  legalName?: string;
  score: number;
  why?: Why[];
  reasons: string[];
}

export function NeedPage() {
  const { t } = useTranslation();
  const { needId = '' } = useParams();
  const need = useApi<NeedDetail>('relations', `/needs/${needId}`);
  const mine = useMyCompanies();
  return (
    <Async query={need}>
      {(n) => {
        const myCompanies = mine.data?.items ?? [];
        const publisher = myCompanies.some((c) => c.companyId === n.companyId);
        const others = myCompanies.filter((c) => c.companyId !== n.companyId);
        const engaged = new Set([...n.interests.filter((i) => i.status === 'interested').map((i) => i.companyId), ...n.shortlist, ...n.introductions.map((i) => i.partnerCompanyId)]);
        return (
          <section>
            <hgroup>
              <h1>{n.title}</h1>
              <p>
                <CompanyName id={n.companyId} /> · {t(`status.${n.status}` as 'status.open')} · {t('needs.deadline')} <DateText value={n.deadline} /> · {t(`budgets.${n.budgetBand}` as 'budgets.undisclosed')}
              </p>
            </hgroup>
            {n.hidden && <p className="error">{t('needs.hidden', { reason: n.hiddenReason ?? '' })}</p>}
            <p>{n.description}</p>
            <p>
              {n.capabilities.map((c) => (
                <span className="tag" key={c}>
                  {c}
                </span>
              ))}{' '}
              {t('needs.inDepartements', { list: n.territory.join(', ') })}
            </p>
            {n.outcome && (
              <p role="status">
                <strong>{t(`outcomes.${n.outcome.kind}` as 'outcomes.agreement')}</strong>
                {n.outcome.partnerCompanyId && (
                  <>
                    {' '}
                    — <CompanyName id={n.outcome.partnerCompanyId} />
                  </>
                )}
                {n.outcome.reason && ` — ${n.outcome.reason}`}
              </p>
            )}

            {others.length > 0 && n.status === 'open' && (
              <article>
                <h2>{t('needs.yourInterest')}</h2>
                {others.map((c) => (
                  <InterestForm key={c.companyId} needId={needId} companyId={c.companyId} interested={n.interests.some((i) => i.companyId === c.companyId && i.status === 'interested')} />
                ))}
              </article>
            )}

            <h2>{t('needs.interests')}</h2>
            {n.interests.length === 0 ? (
              <p className="empty">{t('needs.noInterest')}</p>
            ) : (
              <ul>
                {n.interests.map((i) => (
                  <li key={i.companyId}>
                    <CompanyName id={i.companyId} /> — {t(`status.${i.status}` as 'status.interested')}
                    {n.shortlist.includes(i.companyId) && <span className="tag">{t('needs.shortlisted')}</span>}
                    {i.message && <blockquote>{i.message}</blockquote>}
                    {publisher && n.status === 'open' && i.status === 'interested' && !n.shortlist.includes(i.companyId) && (
                      <Action run={() => send('relations', 'POST', `/needs/${needId}/shortlist`, { companyId: n.companyId, partnerCompanyId: i.companyId })}>{t('needs.shortlist')}</Action>
                    )}
                  </li>
                ))}
              </ul>
            )}

            {publisher && n.status === 'open' && (
              <>
                <PartnersForNeed needId={needId} />
                {engaged.size > 0 && (
                  <div className="grid">
                    <CommandForm
                      title={t('needs.logMeeting')}
                      submit={t('needs.logMeetingButton')}
                      run={(form) => send('relations', 'POST', `/needs/${needId}/meetings`, { companyId: n.companyId, partnerCompanyId: text(form, 'partner'), on: text(form, 'on'), note: text(form, 'note') })}
                    >
                      <EngagedSelect ids={[...engaged]} />
                      <Field label={t('needs.meetingOn')} name="on" type="date" required />
                      <Field label={t('needs.note')} name="note" />
                    </CommandForm>
                    <CommandForm
                      title={t('needs.close')}
                      submit={t('needs.closeButton')}
                      run={(form) => {
                        const kind = text(form, 'kind');
                        const outcome = kind === 'agreement' ? { kind, partnerCompanyId: text(form, 'partner'), relationKind: text(form, 'relationKind') } : { kind, reason: text(form, 'reason') };
                        return send('relations', 'POST', `/needs/${needId}/outcome`, { companyId: n.companyId, outcome });
                      }}
                    >
                      <Select label={t('needs.outcome')} name="kind" options={(['agreement', 'no_deal', 'withdrawn'] as const).map((k) => [k, t(`outcomes.${k}`)])} />
                      <EngagedSelect ids={[...engaged]} />
                      <Select label={t('needs.relationKind')} name="relationKind" options={RELATION_KINDS.map((k) => [k, t(`relationKinds.${k}`)])} />
                      <Field label={t('needs.reason')} name="reason" hint={t('needs.reasonHint')} />
                    </CommandForm>
                  </div>
                )}
              </>
            )}

            {!publisher && n.status === 'open' && <IntroduceCompany needId={needId} publisherId={n.companyId} />}

            <h2>{t('needs.timeline')}</h2>
            <Timeline service="relations" path={`/needs/${needId}/history`} selfCompanyId={n.companyId} />

            <details>
              <summary>{t('needs.report')}</summary>
              <CommandForm
                submit={t('needs.reportButton')}
                done={t('needs.reported')}
                run={(form) => send('relations', 'POST', `/needs/${needId}/reports`, { target: { kind: 'need' }, reason: text(form, 'reason') })}
              >
                <Field label={t('needs.reportReason')} name="reason" required />
              </CommandForm>
            </details>
          </section>
        );
      }}
    </Async>
  );
}

/** One of the viewer's companies and this need: its interest, or the form to express it. */
function InterestForm({ needId, companyId, interested }: { needId: string; companyId: string; interested: boolean }) {
  const { t } = useTranslation();
  const company = useCompany(companyId);
  return interested ? (
    <p>
      {t('needs.interestedAs')} <CompanyName id={companyId} link={false} />{' '}
      <Action className="secondary outline" run={() => send('relations', 'DELETE', `/needs/${needId}/interests/${companyId}`)}>
        {t('needs.withdrawInterest')}
      </Action>
    </p>
  ) : (
    <CommandForm
      submit={t('needs.expressInterest')}
      done={t('needs.interestSent')}
      run={(form) => send('relations', 'POST', `/needs/${needId}/interests`, { companyId, message: text(form, 'message') })}
    >
      <TextArea label={t('needs.interestMessage', { name: company.data?.legalName ?? '' })} name="message" rows={2} />
    </CommandForm>
  );
}

function EngagedSelect({ ids }: { ids: string[] }) {
  const { t } = useTranslation();
  const id = useId();
  return (
    <div className="field">
      <label htmlFor={id}>{t('needs.partner')}</label>
      <select id={id} name="partner" required>
        {ids.map((companyId) => (
          <option key={companyId} value={companyId}>
            {/* plain text: the name without a link */}
            <CompanyName id={companyId} link={false} />
          </option>
        ))}
      </select>
    </div>
  );
}

/** A coordinator, an admin or someone who knows both sides introduces a company to the publisher. */
function IntroduceCompany({ needId, publisherId }: { needId: string; publisherId: string }) {
  const { t } = useTranslation();
  const [q, setQ] = useState('');
  const directory = useCompanySearch(q, 6);
  return (
    <details>
      <summary>{t('needs.introduce')}</summary>
      <p className="muted">{t('needs.introduceHelp')}</p>
      <Field label={t('relations.searchPartner')} name="introduceSearch" type="search" value={q} onChange={(e) => setQ(e.target.value)} />
      {directory.data?.items
        .filter((c) => c.companyId !== publisherId)
        .map((c) => (
          <CommandForm
            key={c.companyId}
            title={`${c.legalName} (${c.address.city})`}
            submit={t('needs.introduceButton', { name: c.legalName })}
            done={t('needs.introduced')}
            run={(form) => send('relations', 'POST', `/needs/${needId}/introductions`, { partnerCompanyId: c.companyId, via: text(form, 'via'), note: text(form, 'note') })}
          >
            <Select label={t('needs.via')} name="via" options={(['person', 'coordinator', 'platform'] as const).map((v) => [v, t(`needs.viaOptions.${v}`)])} />
            <Field label={t('needs.note')} name="note" />
          </CommandForm>
        ))}
    </details>
  );
}

function PartnersForNeed({ needId }: { needId: string }) {
  const { t } = useTranslation();
  return (
    <article>
      <h2>{t('needs.partnersTitle')}</h2>
      <p className="muted">{t('needs.partnersIntro')}</p>
      <PagedList<PartnerResult> service="recommendations" path={`/needs/${needId}/partners`} empty={t('needs.noPartners')} limit={5}>
        {(items) => (
          <ol>
            {items.map((p) => (
              <li key={p.companyId}>
                <Link to={`/companies/${p.companyId}`}>{p.legalName ?? <CompanyName id={p.companyId} link={false} />}</Link>
                <Reasons why={p.why} reasons={p.reasons} />
              </li>
            ))}
          </ol>
        )}
      </PagedList>
    </article>
  );
}
