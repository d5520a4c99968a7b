import { invalid } from './validation';

/** Role of a person inside one company. */
export type CompanyRole = 'member' | 'company_admin';
export const COMPANY_ROLES: readonly CompanyRole[] = ['member', 'company_admin'];

/** Role of a person on the whole platform, held on the person's account. */
export type PlatformRole = 'territory_coordinator' | 'platform_admin';
export const PLATFORM_ROLES: readonly PlatformRole[] = ['territory_coordinator', 'platform_admin'];

export const isCompanyRole = (value: unknown): value is CompanyRole =>
  (COMPANY_ROLES as readonly unknown[]).includes(value);

export const isPlatformRole = (value: unknown): value is PlatformRole =>
  (PLATFORM_ROLES as readonly unknown[]).includes(value);

export function companyRole(value: unknown, field = 'role'): CompanyRole {
  if (!isCompanyRole(value)) throw invalid(field, `must be one of ${COMPANY_ROLES.join(', ')}`);
  return value;
}

export function platformRole(value: unknown, field = 'role'): PlatformRole {
  if (!isPlatformRole(value)) throw invalid(field, `must be one of ${PLATFORM_ROLES.join(', ')}`);
  return value;
}
