// A territory's member list as a CSV file, parsed and checked as a pure function over its text
// (the application layer reads the upload, shows every error, and imports the rows with
// `ImportMembers` when there is none).
//
// Why not `parseCsv` of @opn/network-metrics: it reads `,`-separated files only and stops at the
// first malformed record; a member list often comes from French Excel (`;`) and its author needs
// every bad line at once, so this tokenizer takes the separator and keeps going after an error.
import { isValidEmail, isValidSiren, normaliseEmail, normaliseSiren } from '@opn/kernel';
import { ImportRow } from '../territory/territory.commands';
import { GROUPS_MAX, GROUP_MAX, IMPORT_ROWS_MAX, MEMBER_NAME_MAX, normaliseGroup } from './membership';

export interface MemberCsvError {
  /** 1-based physical line of the file (the first line of a record that spans several). */
  line: number;
  reason: string;
}

export interface MemberCsv {
  /** The good rows, in file order (a row with any error is left out). */
  rows: ImportRow[];
  /** Every problem found, by line; several for a row with several problems. */
  errors: MemberCsvError[];
  /** Data rows in the file (blank lines not counted). */
  total: number;
}

const REQUIRED = ['siren', 'name'] as const;
const OPTIONAL = ['contact', 'groups'] as const;
const KNOWN: readonly string[] = [...REQUIRED, ...OPTIONAL];
const EXPECTED = 'siren, name, and optionally contact and groups';

interface CsvRecord {
  fields: string[];
  /** 1-based line where the record starts. */
  line: number;
  /** Why the record could not be read (its fields are then meaningless). */
  error?: string;
}

/** `;` when the header line holds more semicolons than commas (outside quotes), else `,`. */
export function detectSeparator(text: string): ',' | ';' {
  let commas = 0;
  let semicolons = 0;
  let quoted = false;
  for (let i = text.charCodeAt(0) === 0xfeff ? 1 : 0; i < text.length; i++) {
    const ch = text[i];
    if (ch === '"') quoted = !quoted;
    else if (!quoted && (ch === '\n' || ch === '\r')) {
      if (commas + semicolons > 0) break;
    } else if (!quoted && ch === ',') commas++;
    else if (!quoted && ch === ';') semicolons++;
  }
  return semicolons > commas ? ';' : ',';
}

/**
 * Splits CSV text into records (RFC 4180: quoted fields may hold the separator, line breaks and
 * doubled quotes; CRLF, LF or CR line ends; a leading BOM). A malformed record gets an `error`
 * and reading resumes on the next line; blank lines are skipped.
 */
export function tokenizeCsv(text: string, separator: ',' | ';'): CsvRecord[] {
  const records: CsvRecord[] = [];
  const sep = separator.charCodeAt(0);
  const n = text.length;
  let pos = text.charCodeAt(0) === 0xfeff ? 1 : 0;
  let line = 1;
  const isLineEnd = (i: number) => text[i] === '\n' || text[i] === '\r';
  /** Moves past the line end at `pos` (if any), counting the line. */
  const endLine = () => {
    if (pos >= n) return;
    pos += text[pos] === '\r' && text[pos + 1] === '\n' ? 2 : 1;
    line++;
  };
  /** Skips the rest of a malformed record's physical line. */
  const skipLine = () => {
    while (pos < n && !isLineEnd(pos)) pos++;
    endLine();
  };
  while (pos < n) {
    const startLine = line;
    const fields: string[] = [];
    let error: string | undefined;
    let quotedAny = false;
    for (;;) {
      let field = '';
      if (text[pos] === '"') {
        quotedAny = true;
        pos++;
        let closed = false;
        while (pos < n) {
          const ch = text[pos];
          if (ch === '"') {
            if (text[pos + 1] === '"') {
              field += '"';
              pos += 2;
              continue;
            }
            pos++;
            closed = true;
            break;
          }
          if (ch === '\n' || (ch === '\r' && text[pos + 1] !== '\n')) line++;
          field += ch;
          pos++;
        }
        if (!closed) {
          error = 'a quoted field is never closed (a quote opened on this line has no closing quote)';
          break;
        }
        if (pos < n && text.charCodeAt(pos) !== sep && !isLineEnd(pos)) {
          error = `unexpected ${JSON.stringify(text[pos])} after a closing quote (quote the whole field and double the quotes inside)`;
          skipLine();
          break;
        }
      } else {
        let end = pos;
        while (end < n && text.charCodeAt(end) !== sep && !isLineEnd(end) && text[end] !== '"') end++;
        if (text[end] === '"') {
          error = 'a quote inside an unquoted field (quote the whole field and double the quotes inside)';
          pos = end;
          skipLine();
          break;
        }
        field = text.slice(pos, end);
        pos = end;
      }
      fields.push(field);
      if (pos < n && text.charCodeAt(pos) === sep) {
        pos++;
        continue;
      }
      endLine();
      break;
    }
    if (error !== undefined) {
      records.push({ fields, line: startLine, error });
      continue;
    }
    const blank = !quotedAny && fields.every((f) => f.trim() === '');
    if (!blank) records.push({ fields, line: startLine });
  }
  return records;
}

interface Header {
  siren: number;
  name: number;
  contact?: number;
  groups?: number;
  width: number;
}

function readHeader(record: CsvRecord | undefined, errors: MemberCsvError[]): Header | undefined {
  if (record === undefined) {
    errors.push({ line: 1, reason: `missing header: the file is empty (expected the columns ${EXPECTED})` });
    return undefined;
  }
  if (record.error !== undefined) {
    errors.push({ line: record.line, reason: `unreadable header: ${record.error}` });
    return undefined;
  }
  const columns = new Map<string, number>();
  const before = errors.length;
  record.fields.forEach((raw, i) => {
    const name = raw.trim().toLowerCase();
    if (name === '') errors.push({ line: record.line, reason: `column ${i + 1} of the header has no name (expected ${EXPECTED})` });
    else if (!KNOWN.includes(name)) errors.push({ line: record.line, reason: `unknown column ${JSON.stringify(raw.trim())} (expected ${EXPECTED})` });
    else if (columns.has(name)) errors.push({ line: record.line, reason: `column ${JSON.stringify(name)} appears twice` });
    else columns.set(name, i);
  });
  for (const name of REQUIRED) {
    if (!columns.has(name)) errors.push({ line: record.line, reason: `missing column ${JSON.stringify(name)} (expected ${EXPECTED})` });
  }
  if (errors.length > before) return undefined;
  return {
    siren: columns.get('siren') as number,
    name: columns.get('name') as number,
    ...(columns.has('contact') ? { contact: columns.get('contact') } : {}),
    ...(columns.has('groups') ? { groups: columns.get('groups') } : {}),
    width: record.fields.length,
  };
}

const quoted = (value: string): string => JSON.stringify(value.length > 40 ? `${value.slice(0, 40)}…` : value);

/** The problems of one SIREN cell; the normalised SIREN when there is none. */
function checkSiren(raw: string, problems: string[]): string | undefined {
  const value = normaliseSiren(raw);
  if (value === '') problems.push('missing SIREN');
  else if (!/^\d{9}$/.test(value)) problems.push(`bad SIREN ${quoted(raw.trim())}: must be 9 digits`);
  else if (!isValidSiren(value)) problems.push(`bad SIREN ${value}: wrong check digit`);
  else return value;
  return undefined;
}

function checkGroups(raw: string, problems: string[]): string[] {
  const labels = new Set<string>();
  for (const piece of raw.split(';')) {
    const label = normaliseGroup(piece);
    if (label === '') continue;
    if ([...label].length > GROUP_MAX) problems.push(`group ${quoted(label)} is longer than ${GROUP_MAX} characters`);
    else labels.add(label);
  }
  if (labels.size > GROUPS_MAX) problems.push(`too many groups: ${labels.size} (at most ${GROUPS_MAX})`);
  return [...labels].sort();
}

/**
 * Parses a member list: a header (case-insensitive, any order) with the columns `siren`,
 * `name`, and optionally `contact` (an email, may be empty) and `groups` (labels separated by
 * `;`), then one firm per row. Separated by `,` or, as French Excel writes it, by `;` (detected
 * on the header line). Every bad row is reported with its line and each of its problems; at most
 * 20,000 data rows.
 */
export function parseMemberCsv(text: string): MemberCsv {
  const records = tokenizeCsv(text, detectSeparator(text));
  const errors: MemberCsvError[] = [];
  const total = Math.max(records.length - 1, 0);
  const header = readHeader(records[0], errors);
  if (header === undefined) return { rows: [], errors, total };
  if (total > IMPORT_ROWS_MAX) {
    errors.push({ line: records[IMPORT_ROWS_MAX + 1].line, reason: `too many rows: ${total} (at most ${IMPORT_ROWS_MAX} per import)` });
  }
  const rows: ImportRow[] = [];
  const lineOf = new Map<string, number>();
  for (const record of records.slice(1)) {
    const { line, fields } = record;
    if (record.error !== undefined) {
      errors.push({ line, reason: record.error });
      continue;
    }
    if (fields.length !== header.width) {
      errors.push({ line, reason: `wrong number of fields: expected ${header.width}, found ${fields.length}` });
      continue;
    }
    const problems: string[] = [];
    const siren = checkSiren(fields[header.siren], problems);
    const name = fields[header.name].normalize('NFC').trim().replace(/\s+/g, ' ');
    if (name === '') problems.push('empty name');
    else if ([...name].length > MEMBER_NAME_MAX) problems.push(`name is longer than ${MEMBER_NAME_MAX} characters`);
    const contact = header.contact === undefined ? '' : fields[header.contact].trim();
    if (contact !== '' && !isValidEmail(contact)) problems.push(`bad contact email ${quoted(contact)}`);
    const groups = header.groups === undefined ? undefined : checkGroups(fields[header.groups], problems);
    if (siren !== undefined) {
      const first = lineOf.get(siren);
      if (first !== undefined) problems.push(`SIREN ${siren} is repeated: lines ${first} and ${line}`);
      else lineOf.set(siren, line);
    }
    if (problems.length > 0) {
      for (const reason of problems) errors.push({ line, reason });
      continue;
    }
    rows.push({ line, siren: siren as string, name, ...(contact !== '' ? { contactEmail: normaliseEmail(contact) } : {}), ...(groups !== undefined ? { groups } : {}) });
  }
  errors.sort((a, b) => a.line - b.line);
  return { rows, errors, total };
}
