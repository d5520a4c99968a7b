import { luhnValid } from '@opn/kernel';
import { importRows } from '../territory/territory.decider';
import { detectSeparator, parseMemberCsv, tokenizeCsv } from './member-import';

const S = '732829320';
const S2 = '443061841';
const S3 = '552100554';

/** A valid SIREN from 8 digits: the Luhn check digit appended. */
const sirenOf = (n: number): string => {
  const body = String(n).padStart(8, '0');
  for (let d = 0; d < 10; d++) if (luhnValid(`${body}${d}`)) return `${body}${d}`;
  throw new Error('unreachable');
};

const lines = (...l: string[]) => l.join('\n');

describe('parseMemberCsv: good files', () => {
  it('reads siren, name, contact and groups', () => {
    expect(parseMemberCsv(lines('siren,name,contact,groups', `${S},ACME,Jo@ACME.fr,Mécanique;Sous-traitance`, `${S2},Forges du Rhône,,`))).toEqual({
      rows: [
        { line: 2, siren: S, name: 'ACME', contactEmail: 'jo@acme.fr', groups: ['Mécanique', 'Sous-traitance'] },
        { line: 3, siren: S2, name: 'Forges du Rhône', groups: [] },
      ],
      errors: [],
      total: 2,
    });
  });

  it('takes the columns in any order, the header in any case, contact and groups optional', () => {
    expect(parseMemberCsv(lines(' Name ,SIREN', `ACME,${S}`)).rows).toEqual([{ line: 2, siren: S, name: 'ACME' }]);
    expect(parseMemberCsv(lines('GROUPS,Contact,Name,Siren', `b;a; ;a,,ACME,${S}`)).rows).toEqual([{ line: 2, siren: S, name: 'ACME', groups: ['a', 'b'] }]);
  });

  it('normalises the SIREN (spaces), the name (whitespace) and the email (case)', () => {
    expect(parseMemberCsv(lines('siren,name,contact', `732 829 320,"  ACME\n  Industrie ", JO@acme.FR `)).rows).toEqual([
      { line: 2, siren: S, name: 'ACME Industrie', contactEmail: 'jo@acme.fr' },
    ]);
  });

  it('RFC 4180 quoting: separators, doubled quotes and line breaks inside quoted fields', () => {
    const text = lines('siren,name,groups', `${S},"ACME, ""la forge""","Mécanique;Sous-traitance"`, `"${S2}","Forges\ndu Rhône",""`, `${S3},Dupont,x`);
    const parsed = parseMemberCsv(text);
    expect(parsed.errors).toEqual([]);
    expect(parsed.rows).toEqual([
      { line: 2, siren: S, name: 'ACME, "la forge"', groups: ['Mécanique', 'Sous-traitance'] },
      { line: 3, siren: S2, name: 'Forges du Rhône', groups: [] },
      // physical line 5: the record before it spans lines 3 and 4
      { line: 5, siren: S3, name: 'Dupont', groups: ['x'] },
    ]);
  });

  it('CRLF line ends, a UTF-8 BOM, blank lines and a missing final line end', () => {
    const text = `\ufeffsiren,name\r\n\r\n${S},ACME\r\n   \r\n,\r\n${S2},"Forges\r\ndu Rhône"\r\n${S3},Dupont`;
    const parsed = parseMemberCsv(text);
    expect(parsed.errors).toEqual([]);
    expect(parsed.total).toBe(3);
    expect(parsed.rows.map((r) => [r.line, r.name])).toEqual([
      [3, 'ACME'],
      [6, 'Forges du Rhône'],
      [8, 'Dupont'],
    ]);
  });

  it('French Excel: separated by semicolons, groups quoted', () => {
    const text = `\ufeffSIREN;Name;Contact;Groups\r\n` + `${S};"ACME, SA";jo@acme.fr;"Mécanique;Fonderie"\r\n${S2};Forges;;\r\n`;
    expect(parseMemberCsv(text)).toEqual({
      rows: [
        { line: 2, siren: S, name: 'ACME, SA', contactEmail: 'jo@acme.fr', groups: ['Fonderie', 'Mécanique'] },
        { line: 3, siren: S2, name: 'Forges', groups: [] },
      ],
      errors: [],
      total: 2,
    });
  });

  it('a name of 200 characters and 20 groups of 60 are fine', () => {
    const groups = Array.from({ length: 20 }, (_, i) => `${i}`.padEnd(60, 'g'));
    const parsed = parseMemberCsv(lines('siren,name,groups', `${S},${'n'.repeat(200)},${groups.join(';')}`));
    expect(parsed.errors).toEqual([]);
    expect(parsed.rows[0].groups).toHaveLength(20);
  });

  it('gives rows the decider takes as they are', () => {
    const { rows } = parseMemberCsv(lines('siren,name,contact,groups', `732 829 320, ACME ,Jo@ACME.fr, b ; a `, `${S2},"Forges, SA",,`));
    expect(importRows(rows)).toEqual(rows);
  });

  it('an empty member list is no error', () => {
    expect(parseMemberCsv('siren,name\n')).toEqual({ rows: [], errors: [], total: 0 });
  });
});

describe('parseMemberCsv: the header', () => {
  it.each([
    ['siren,name,email', [{ line: 1, reason: 'unknown column "email" (expected siren, name, and optionally contact and groups)' }]],
    [
      'siren,nom,ville',
      [
        { line: 1, reason: 'unknown column "nom" (expected siren, name, and optionally contact and groups)' },
        { line: 1, reason: 'unknown column "ville" (expected siren, name, and optionally contact and groups)' },
        { line: 1, reason: 'missing column "name" (expected siren, name, and optionally contact and groups)' },
      ],
    ],
    ['siren,name,Name', [{ line: 1, reason: 'column "name" appears twice' }]],
    ['siren,name,', [{ line: 1, reason: 'column 3 of the header has no name (expected siren, name, and optionally contact and groups)' }]],
    [`${S},ACME`, [
      { line: 1, reason: `unknown column "${S}" (expected siren, name, and optionally contact and groups)` },
      { line: 1, reason: 'unknown column "ACME" (expected siren, name, and optionally contact and groups)' },
      { line: 1, reason: 'missing column "siren" (expected siren, name, and optionally contact and groups)' },
      { line: 1, reason: 'missing column "name" (expected siren, name, and optionally contact and groups)' },
    ]],
  ])('%p -> %p', (header, errors) => {
    expect(parseMemberCsv(`${header}\n${S},ACME\n`)).toEqual({ rows: [], errors, total: 1 });
  });

  it.each(['', '\n\n', '\ufeff', ' \r\n'])('an empty file (%p) has no header', (text) => {
    expect(parseMemberCsv(text)).toEqual({
      rows: [],
      errors: [{ line: 1, reason: 'missing header: the file is empty (expected the columns siren, name, and optionally contact and groups)' }],
      total: 0,
    });
  });

  it('blank lines before the header are skipped', () => {
    expect(parseMemberCsv(`\n\nsiren,name\n${S},ACME`).rows).toEqual([{ line: 4, siren: S, name: 'ACME' }]);
  });

  it('an unreadable header', () => {
    expect(parseMemberCsv(`siren,"name\n${S},ACME\n`).errors).toEqual([
      { line: 1, reason: 'unreadable header: a quoted field is never closed (a quote opened on this line has no closing quote)' },
    ]);
  });
});

describe('parseMemberCsv: every bad row, with its line and reason', () => {
  const text = lines(
    'siren,name,contact,groups',
    `${S},ACME,jo@acme.fr,Mécanique`, // 2 ok
    '73282932,Short,,', // 3 format
    '732829321,Checksum,,', // 4 check digit
    `${S2},,,`, // 5 empty name
    `${S3},${'n'.repeat(201)},,`, // 6 name too long
    `${sirenOf(1)},Bad mail,jo@,`, // 7 bad email
    `${sirenOf(2)},Long group,,${'g'.repeat(61)}`, // 8 group label too long
    `${sirenOf(3)},Many groups,,${Array.from({ length: 21 }, (_, i) => `g${i}`).join(';')}`, // 9 too many groups
    `${S},ACME again,,`, // 10 repeated (first on line 2)
    `${sirenOf(4)},Too many,,,extra`, // 11 wrong number of fields
    `${sirenOf(5)},Too few`, // 12 wrong number of fields
    ',No siren,,', // 13 missing SIREN
    'ABC,"Two problems",nope,', // 14 two problems
    `${sirenOf(6)},Fine,,`, // 15 ok
  );
  const parsed = parseMemberCsv(text);

  it('lists them all, by line', () => {
    expect(parsed.errors).toEqual([
      { line: 3, reason: 'bad SIREN "73282932": must be 9 digits' },
      { line: 4, reason: 'bad SIREN 732829321: wrong check digit' },
      { line: 5, reason: 'empty name' },
      { line: 6, reason: 'name is longer than 200 characters' },
      { line: 7, reason: 'bad contact email "jo@"' },
      { line: 8, reason: `group "${'g'.repeat(40)}…" is longer than 60 characters` },
      { line: 9, reason: 'too many groups: 21 (at most 20)' },
      { line: 10, reason: `SIREN ${S} is repeated: lines 2 and 10` },
      { line: 11, reason: 'wrong number of fields: expected 4, found 5' },
      { line: 12, reason: 'wrong number of fields: expected 4, found 2' },
      { line: 13, reason: 'missing SIREN' },
      { line: 14, reason: 'bad SIREN "ABC": must be 9 digits' },
      { line: 14, reason: 'bad contact email "nope"' },
    ]);
  });

  it('keeps the good rows and counts every data row', () => {
    expect(parsed.rows.map((r) => r.line)).toEqual([2, 15]);
    expect(parsed.total).toBe(14);
  });

  it('a SIREN repeated with other spacing is the same SIREN', () => {
    expect(parseMemberCsv(lines('siren,name', `${S},A`, `${S2},B`, '732 829 320,C')).errors).toEqual([{ line: 4, reason: `SIREN ${S} is repeated: lines 2 and 4` }]);
  });
});

describe('parseMemberCsv: malformed quoting', () => {
  it('a quote inside an unquoted field: that row only', () => {
    const parsed = parseMemberCsv(lines('siren,name', `${S},ACME "la forge"`, `${S2},Forges`));
    expect(parsed.errors).toEqual([{ line: 2, reason: 'a quote inside an unquoted field (quote the whole field and double the quotes inside)' }]);
    expect(parsed.rows).toEqual([{ line: 3, siren: S2, name: 'Forges' }]);
  });

  it('text after a closing quote: that row only', () => {
    const parsed = parseMemberCsv(lines('siren,name', `${S},"ACME" SA`, `${S2},Forges`));
    expect(parsed.errors).toEqual([{ line: 2, reason: 'unexpected " " after a closing quote (quote the whole field and double the quotes inside)' }]);
    expect(parsed.rows.map((r) => r.siren)).toEqual([S2]);
  });

  it('a quote never closed swallows the rest of the file, reported on the line it opens', () => {
    const parsed = parseMemberCsv(lines('siren,name', `${S2},Forges`, `${S},"ACME`, `${S3},Dupont`));
    expect(parsed.errors).toEqual([{ line: 3, reason: 'a quoted field is never closed (a quote opened on this line has no closing quote)' }]);
    expect(parsed.rows.map((r) => r.siren)).toEqual([S2]);
  });
});

describe('parseMemberCsv: size', () => {
  it('20,000 data rows are fine; one more is an error on the row past the limit', () => {
    const rows = Array.from({ length: 20_001 }, (_, i) => `${sirenOf(i)},F${i}`);
    const ok = parseMemberCsv(['siren,name', ...rows.slice(0, 20_000)].join('\n'));
    expect(ok.errors).toEqual([]);
    expect(ok.rows).toHaveLength(20_000);
    const tooMany = parseMemberCsv(['siren,name', ...rows].join('\n'));
    expect(tooMany.errors).toEqual([{ line: 20_002, reason: 'too many rows: 20001 (at most 20000 per import)' }]);
    expect(tooMany.total).toBe(20_001);
  });
});

describe('detectSeparator and tokenizeCsv', () => {
  it('detects ; from the header line only, outside quotes', () => {
    expect(detectSeparator('siren;name\n1,2,3,4')).toBe(';');
    expect(detectSeparator('siren,name\n1;2;3')).toBe(',');
    expect(detectSeparator('"a;b;c",name')).toBe(',');
    expect(detectSeparator('\ufeff\n\nsiren;name')).toBe(';');
    expect(detectSeparator('siren')).toBe(',');
  });

  it('splits records, keeping empty fields and physical lines', () => {
    expect(tokenizeCsv('a,,b\r\n"x\r\ny",z\n\n,\nlast', ',')).toEqual([
      { fields: ['a', '', 'b'], line: 1 },
      { fields: ['x\r\ny', 'z'], line: 2 },
      { fields: ['last'], line: 6 },
    ]);
  });

  it('counts a lone CR as a line end', () => {
    expect(tokenizeCsv('a\rb', ',')).toEqual([
      { fields: ['a'], line: 1 },
      { fields: ['b'], line: 2 },
    ]);
  });

  it('keeps a quoted empty line as a record', () => {
    expect(tokenizeCsv('""\n', ',')).toEqual([{ fields: [''], line: 1 }]);
  });
});
