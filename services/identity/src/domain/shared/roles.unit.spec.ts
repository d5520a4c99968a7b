import { isPlatformRole } from '@opn/kernel';
import { companyRole, isCompanyRole, platformRole } from './roles';

describe('roles', () => {
  it('company roles', () => {
    expect(isCompanyRole('member')).toBe(true);
    expect(isCompanyRole('company_admin')).toBe(true);
    expect(isCompanyRole('platform_admin')).toBe(false);
    expect(companyRole('member')).toBe('member');
    expect(() => companyRole('owner')).toThrow(/^role: must be one of member, company_admin$/);
  });
  it('platform roles', () => {
    expect(isPlatformRole('territory_coordinator')).toBe(true);
    expect(isPlatformRole('platform_admin')).toBe(true);
    expect(isPlatformRole('company_admin')).toBe(false);
    expect(platformRole('platform_admin')).toBe('platform_admin');
    expect(() => platformRole('root')).toThrow(/^role: must be one of territory_coordinator, platform_admin$/);
  });
});
