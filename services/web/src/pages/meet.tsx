import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { send } from '../api';
import { CompanyName, PersonName, useCompanySearch } from '../components/names';
import { Action, CommandForm, DateText, Field, PagedList, TextArea, text } from '../components/ui';

/** A reason of a recommendation, as the recommendations service gives it (see its `why`). */
export type Why =
  | { code: 'matches'; field: 'capabilities' | 'offers' | 'description' | 'name'; companyWords: string; needWords: string; asker: 'need' | 'search'; same: boolean }
  | { code: 'common_partners'; count: number; names: string[] }
  | { code: 'common_contacts'; count: number }
  | { code: 'three_step_chains'; count: number }
  | { code: 'bridge' }
  | { code: 'other_sector'; naf: string }
  | { code: 'elsewhere'; city: string }
  | { code: 'in_territory' }
  | { code: 'in_departement' };

/** "Why this": each reason in the reader's language. */
export function Reasons({ why, reasons }: { why?: Why[]; reasons?: string[] }) {
  const { t } = useTranslation();
  const sentence = (w: Why): string => {
    switch (w.code) {
      case 'matches':
        return (
          t(`why.field.${w.field}`, { words: w.companyWords }) +
          (w.asker === 'need' ? t('why.needAsks') : t('why.youLook')) +
          (w.same ? '' : t('why.as', { words: w.needWords }))
        );
      case 'common_partners':
        return t('why.commonPartners', { count: w.count }) + (w.names.length ? ` (${w.names.join(', ')})` : '');
      case 'common_contacts':
        return t('why.commonContacts', { count: w.count });
      case 'three_step_chains':
        return t('why.chains', { count: w.count });
      case 'bridge':
        return t('why.bridge');
      case 'other_sector':
        return t('why.otherSector', { naf: w.naf });
      case 'elsewhere':
        return t('why.elsewhere', { city: w.city });
      case 'in_territory':
        return t('why.inTerritory');
      case 'in_departement':
        return t('why.inDepartement');
    }
  };
  const lines = why ? why.map(sentence) : (reasons ?? []);
  if (lines.length === 0) return null;
  return (
    <details className="why">
      <summary>{t('why.title')}</summary>
      <ul>
        {lines.map((l, i) => (
          <li key={i}>{l}</li>
        ))}
      </ul>
    </details>
  );
}

interface PersonSuggestion {
  personId: string;
  companyIds: string[];
  score: number;
  why?: Why[];
  reasons: string[];
}
interface WarmPath {
  rank: number;
  strength: number;
  people: Array<{ personId: string; role: 'you' | 'broker' | 'target'; companyIds: string[] }>;
  hops: Array<{ from: string; to: string; strength: number; kinds?: string[]; colleaguesAt?: string; collectives?: string[] }>;
  brokerIds: string[];
}
interface PartnerHit {
  companyId: string;
  legalName: string;
  city: string;
  why?: Why[];
  reasons: string[];
}

export function MeetPage() {
  const { t } = useTranslation();
  return (
    <section>
      <h1>{t('meet.title')}</h1>
      <p>{t('meet.intro')}</p>
      <PartnerSearch />
      <PeopleToMeet />
      <WarmPaths />
      <Introductions />
    </section>
  );
}

function PartnerSearch() {
  const { t } = useTranslation();
  const [q, setQ] = useState('');
  return (
    <article>
      <h2>{t('meet.searchTitle')}</h2>
      <form
        role="search"
        onSubmit={(e) => {
          e.preventDefault();
          setQ(text(new FormData(e.currentTarget), 'q') ?? '');
        }}
      >
        <Field label={t('meet.searchLabel')} name="q" type="search" placeholder={t('meet.searchPlaceholder')} />
        <button type="submit">{t('common.search')}</button>
      </form>
      {q && (
        <PagedList<PartnerHit> service="recommendations" path="/partners" query={{ q }} empty={t('meet.noPartners')} limit={10}>
          {(items) => (
            <ol>
              {items.map((p) => (
                <li key={p.companyId}>
                  <Link to={`/companies/${p.companyId}`}>{p.legalName}</Link> — {p.city}
                  <Reasons why={p.why} reasons={p.reasons} />
                </li>
              ))}
            </ol>
          )}
        </PagedList>
      )}
    </article>
  );
}

function PeopleToMeet() {
  const { t } = useTranslation();
  return (
    <article>
      <h2>{t('meet.peopleTitle')}</h2>
      <PagedList<PersonSuggestion> service="recommendations" path="/me/suggestions" empty={t('meet.noPeople')} limit={10}>
        {(items) => (
          <ol>
            {items.map((s) => (
              <li key={s.personId}>
                <PersonName id={s.personId} />
                {s.companyIds.map((c) => (
                  <span key={c}>
                    {' · '}
                    <CompanyName id={c} />
                  </span>
                ))}
                <Reasons why={s.why} reasons={s.reasons} />
              </li>
            ))}
          </ol>
        )}
      </PagedList>
    </article>
  );
}

function WarmPaths() {
  const { t } = useTranslation();
  const [q, setQ] = useState('');
  const [companyId, setCompanyId] = useState<string>();
  const directory = useCompanySearch(q, 6);
  return (
    <article>
      <h2>{t('meet.warmTitle')}</h2>
      <p className="muted">{t('meet.warmIntro')}</p>
      <Field label={t('meet.warmCompany')} name="warmCompany" type="search" value={q} onChange={(e) => setQ(e.target.value)} />
      {directory.data && (
        <ul>
          {directory.data.items.map((c) => (
            <li key={c.companyId}>
              <button type="button" className={c.companyId === companyId ? '' : 'secondary outline'} onClick={() => setCompanyId(c.companyId)}>
                {c.legalName} ({c.address.city})
              </button>
            </li>
          ))}
        </ul>
      )}
      {companyId && (
        <PagedList<WarmPath> service="recommendations" path="/me/warm-paths" query={{ companyId }} empty={t('meet.noPath')} limit={5}>
          {(items) => (
            <ol>
              {items.map((p) => {
                const target = p.people.find((x) => x.role === 'target');
                return (
                  <li key={p.rank}>
                    <p>
                      {p.people.map((x, i) => (
                        <span key={x.personId}>
                          {i > 0 && ' → '}
                          {x.role === 'you' ? t('meet.you') : <PersonName id={x.personId} />}
                          {x.role === 'broker' && <small> ({t('meet.broker')})</small>}
                        </span>
                      ))}{' '}
                      <span className="tag">{t('meet.strength', { value: Math.round(p.strength * 100) })}</span>
                    </p>
                    <ul>
                      {p.hops.map((h) => (
                        <li key={`${h.from}-${h.to}`}>
                          <PersonName id={h.from} /> — <PersonName id={h.to} />: {Math.round(h.strength * 100)} %
                          {h.kinds && ` · ${h.kinds.map((k) => t(`tieKinds.${k}` as 'tieKinds.colleagues', { defaultValue: k })).join(', ')}`}
                          {h.colleaguesAt && (
                            <>
                              {' · '}
                              {t('meet.colleaguesAt')} <CompanyName id={h.colleaguesAt} link={false} />
                            </>
                          )}
                        </li>
                      ))}
                    </ul>
                    {target && (
                      <CommandForm
                        submit={t('meet.askIntroduction')}
                        done={t('meet.introductionAsked')}
                        run={(form) => send('recommendations', 'POST', '/introductions', { targetCompanyId: companyId, targetPersonId: target.personId, brokerIds: p.brokerIds, note: text(form, 'note') })}
                      >
                        <TextArea label={t('meet.introductionNote')} name="note" rows={2} />
                      </CommandForm>
                    )}
                  </li>
                );
              })}
            </ol>
          )}
        </PagedList>
      )}
    </article>
  );
}

interface IntroductionItem {
  introductionId: string;
  requesterId: string;
  brokers: string[];
  targetPersonId?: string;
  targetCompanyId: string;
  note?: string;
  status: string;
  awaiting?: string;
  requestedAt: string;
  you: 'requester' | 'broker' | 'target';
  awaitingYou: boolean;
}

function Introductions() {
  const { t } = useTranslation();
  return (
    <article>
      <h2>{t('meet.introductionsTitle')}</h2>
      <PagedList<IntroductionItem> service="recommendations" path="/introductions" empty={t('meet.noIntroductions')} limit={10}>
        {(items) => (
          <ul>
            {items.map((i) => (
              <li key={i.introductionId}>
                <PersonName id={i.requesterId} /> → {i.targetPersonId ? <PersonName id={i.targetPersonId} /> : '…'} (<CompanyName id={i.targetCompanyId} />) —{' '}
                {t(`status.${i.status}` as 'status.pending', { defaultValue: i.status })} · {t(`meet.as.${i.you}`)} · <DateText value={i.requestedAt} />
                {i.note && <blockquote>{i.note}</blockquote>}
                {i.awaitingYou && (
                  <>
                    <Action run={() => send('recommendations', 'POST', `/introductions/${i.introductionId}/accept`)}>{t('meet.accept')}</Action>
                    <Action className="secondary" run={() => send('recommendations', 'POST', `/introductions/${i.introductionId}/decline`, {})}>
                      {t('meet.decline')}
                    </Action>
                  </>
                )}
                {i.you === 'requester' && i.status === 'pending' && (
                  <Action className="secondary outline" run={() => send('recommendations', 'POST', `/introductions/${i.introductionId}/withdraw`)}>
                    {t('meet.withdraw')}
                  </Action>
                )}
              </li>
            ))}
          </ul>
        )}
      </PagedList>
    </article>
  );
}
