import { PLATFORM_ROLES, PlatformRole, invalid, isPlatformRole } from '@opn/kernel';

/** Role of a person inside one company. */
export type CompanyRole = 'member' | 'company_admin';
export const COMPANY_ROLES: readonly CompanyRole[] = ['member', 'company_admin'];

export const isCompanyRole = (value: unknown): value is CompanyRole =>
  (COMPANY_ROLES as readonly unknown[]).includes(value);

export function companyRole(value: unknown, field = 'role'): CompanyRole {
  if (!isCompanyRole(value)) throw invalid(field, `must be one of ${COMPANY_ROLES.join(', ')}`);
  return value;
}

/** A platform role (the type and list are the kernel's, shared by every service). */
export function platformRole(value: unknown, field = 'role'): PlatformRole {
  if (!isPlatformRole(value)) throw invalid(field, `must be one of ${PLATFORM_ROLES.join(', ')}`);
  return value;
}
