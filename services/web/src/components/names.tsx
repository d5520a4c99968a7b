import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { Page, get } from '../api';

export interface CompanyCard {
  companyId: string;
  legalName: string;
  siren: string;
  nafCode: string;
  sizeBand: string;
  address: { line1: string; line2?: string; postalCode: string; city: string; country: string };
  coordinates?: { lat: number; lon: number };
  description: string;
  capabilities: string[];
  offers: string[];
  memberCount: number;
  revision: number;
}

export const useCompany = (companyId: string | undefined) =>
  useQuery({ queryKey: ['identity', `/companies/${companyId}`], queryFn: () => get<CompanyCard>('identity', `/companies/${companyId}`), enabled: !!companyId, staleTime: 60_000 });

/** A company's name (from identity's directory), linked to its page. */
export function CompanyName({ id, link = true }: { id: string; link?: boolean }) {
  const { t } = useTranslation();
  const q = useCompany(id);
  const name = q.data?.legalName ?? (q.isError ? t('common.unknownCompany') : '…');
  return link ? <Link to={`/companies/${id}`}>{name}</Link> : <>{name}</>;
}

/** A person's name when their profile is visible to the viewer. */
export function PersonName({ id }: { id: string }) {
  const { t } = useTranslation();
  const q = useQuery({
    queryKey: ['identity', `/people/${id}`],
    queryFn: () => get<{ displayName: string }>('identity', `/people/${id}`),
    staleTime: 60_000,
    retry: false,
  });
  return <>{q.data?.displayName ?? (q.isError ? t('common.someone') : '…')}</>;
}

/** Companies of the directory whose name contains `q` (from 2 letters), for pickers. */
export function useCompanySearch(q: string, limit = 8) {
  return useQuery({
    queryKey: ['identity', '/companies', 'search', q, limit],
    queryFn: () => get<Page<{ companyId: string; legalName: string; address: { city: string } }>>('identity', '/companies', { q, limit }),
    enabled: q.trim().length >= 2,
  });
}
