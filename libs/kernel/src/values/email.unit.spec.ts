import { email, isValidEmail, normaliseEmail } from './email';

describe('email', () => {
  it('normalises to trimmed lowercase', () => {
    expect(normaliseEmail('  Marie.Curie@Example.FR ')).toBe('marie.curie@example.fr');
    expect(email(' Jean+Pro@Sub.Example.com')).toBe('jean+pro@sub.example.com');
  });

  it.each(['a@b.fr', 'prenom.nom@entreprise.co.uk', 'x_y-z+tag@domaine-long.example'])('accepts %p', (e) =>
    expect(isValidEmail(e)).toBe(true),
  );

  it.each([
    'plainaddress',
    '@example.com',
    'a@',
    'a@b',
    'a b@c.fr',
    'a@@b.fr',
    'a@b..fr',
    '.a@b.fr',
    'a.@b.fr',
    'a..b@c.fr',
    `${'a'.repeat(65)}@b.fr`,
    `a@${'b'.repeat(250)}.fr`,
  ])('refuses %p', (e) => expect(isValidEmail(e)).toBe(false));

  it('names the field', () => {
    expect(() => email('nope')).toThrow(/^email: is not a valid email address$/);
    expect(() => email('  ')).toThrow(/^email: is required$/);
    expect(() => email(undefined, 'invitee')).toThrow(/^invitee: is required$/);
  });
});
