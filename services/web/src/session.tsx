import { useQuery } from '@tanstack/react-query';
import { Page, get, session } from './api';

export interface Me {
  personId: string;
  displayName: string;
  email: string;
  platformRoles: string[];
  locale?: string;
}
/** identity's `/me/companies` item (the name comes from the company's own profile, `useCompany`). */
export interface MyCompany {
  companyId: string;
  role: 'member' | 'company_admin';
  joinedAt: string;
}
export interface CoordinatedTerritory {
  territoryId: string;
  name: string;
}

/** Who is signed in (the gateway renews the access token as needed). */
export const useSession = () => useQuery({ queryKey: ['session'], queryFn: session.current, staleTime: 60_000 });

export const useMe = () => {
  const s = useSession();
  return useQuery({ queryKey: ['identity', '/me'], queryFn: () => get<Me>('identity', '/me'), enabled: s.data?.signedIn === true });
};

export const useMyCompanies = () => {
  const s = useSession();
  return useQuery({
    queryKey: ['identity', '/me/companies'],
    queryFn: () => get<Page<MyCompany>>('identity', '/me/companies', { limit: 100 }),
    enabled: s.data?.signedIn === true,
  });
};

export const useMyTerritories = () => {
  const s = useSession();
  return useQuery({
    queryKey: ['territories', '/me/territories'],
    queryFn: () => get<Page<CoordinatedTerritory>>('territories', '/me/territories', { limit: 100 }),
    enabled: s.data?.signedIn === true,
  });
};
