import { useTranslation } from 'react-i18next';
import { Service } from '../api';
import { CompanyName, PersonName } from './names';
import { DateText, PagedList } from './ui';

export interface HistoryEntry {
  revision: number;
  type: string;
  by?: string;
  at: string;
  details?: Record<string, unknown>;
}

/** Who did what and when, from an aggregate's stream (the services' /history endpoints). */
export function Timeline({ service, path, selfCompanyId }: { service: Service; path: string; selfCompanyId?: string }) {
  const { t, i18n } = useTranslation();
  return (
    <PagedList<HistoryEntry> service={service} path={path} empty={t('timeline.empty')} limit={50}>
      {(items) => (
        <ol className="timeline">
          {items.map((e) => {
            const d = e.details ?? {};
            const partner = typeof d.partnerCompanyId === 'string' ? d.partnerCompanyId : typeof d.companyId === 'string' && d.companyId !== selfCompanyId ? d.companyId : undefined;
            const note = [d.message, d.note, d.reason, d.question, d.answer].find((x) => typeof x === 'string') as string | undefined;
            const key = `events.${e.type}`;
            return (
              <li key={e.revision}>
                <DateText value={e.at} /> — <strong>{i18n.exists(key) ? t(key as 'events.NeedPublished') : e.type}</strong>
                {partner && (
                  <>
                    {' · '}
                    <CompanyName id={partner} />
                  </>
                )}
                {typeof d.on === 'string' && (
                  <>
                    {' · '}
                    <DateText value={d.on} />
                  </>
                )}
                {e.by && (
                  <span className="muted">
                    {' '}
                    ({t('timeline.by')} <PersonName id={e.by} />)
                  </span>
                )}
                {note && <blockquote>{note}</blockquote>}
              </li>
            );
          })}
        </ol>
      )}
    </PagedList>
  );
}
