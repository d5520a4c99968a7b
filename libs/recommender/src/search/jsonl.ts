// COMPANIES.jsonl and NEEDS.jsonl of `npm run -s reco -- search`: one JSON object a line, checked
// field by field, every error naming the file and the line. Empty lines are skipped.
import { NetworkInputError } from '@opn/network-metrics';
import type { CompanyDocument, NeedText } from './partner-index';

export interface NeedRecord extends NeedText {
  id: string;
}

type Row = Record<string, unknown>;

function rows(text: string, file: string, fields: readonly string[]): { row: Row; line: number }[] {
  const out: { row: Row; line: number }[] = [];
  const ids = new Map<string, number>();
  text.split('\n').forEach((raw, i) => {
    const line = i + 1;
    const trimmed = raw.replace(/^\uFEFF/, '').trim();
    if (trimmed === '') return;
    let value: unknown;
    try {
      value = JSON.parse(trimmed);
    } catch (e) {
      throw new NetworkInputError(`malformed JSON: ${e instanceof Error ? e.message : String(e)}`, file, line);
    }
    if (typeof value !== 'object' || value === null || Array.isArray(value)) throw new NetworkInputError('expected one JSON object on the line', file, line);
    const row = value as Row;
    for (const key of Object.keys(row)) if (!fields.includes(key)) throw new NetworkInputError(`unknown field ${JSON.stringify(key)} (expected ${fields.join(', ')})`, file, line);
    const id = row.id;
    if (typeof id !== 'string' && typeof id !== 'number') throw new NetworkInputError('"id" is required: a string or a number', file, line);
    const key = String(id);
    if (key === '') throw new NetworkInputError('"id" is empty', file, line);
    const previous = ids.get(key);
    if (previous !== undefined) throw new NetworkInputError(`id ${JSON.stringify(key)} already on line ${previous}`, file, line);
    ids.set(key, line);
    out.push({ row, line });
  });
  return out;
}

function text(row: Row, field: string, file: string, line: number, required: boolean): string | undefined {
  const v = row[field];
  if (v === undefined || v === null) {
    if (required) throw new NetworkInputError(`"${field}" is required: a string`, file, line);
    return undefined;
  }
  if (typeof v !== 'string') throw new NetworkInputError(`"${field}" must be a string`, file, line);
  return v;
}

function list(row: Row, field: string, file: string, line: number): string[] | undefined {
  const v = row[field];
  if (v === undefined || v === null) return undefined;
  if (!Array.isArray(v) || v.some((x) => typeof x !== 'string')) throw new NetworkInputError(`"${field}" must be a list of strings`, file, line);
  return v as string[];
}

function coordinate(row: Row, field: string, limit: number, file: string, line: number): number | undefined {
  const v = row[field];
  if (v === undefined || v === null) return undefined;
  if (typeof v !== 'number' || !Number.isFinite(v) || Math.abs(v) > limit) throw new NetworkInputError(`"${field}" must be a number from -${limit} to ${limit}`, file, line);
  return v;
}

const COMPANY_FIELDS = ['id', 'name', 'description', 'capabilities', 'offers', 'naf', 'city', 'lat', 'lon'] as const;
const NEED_FIELDS = ['id', 'title', 'description', 'capabilities'] as const;

export function parseCompaniesJsonl(source: string, file = 'companies.jsonl'): CompanyDocument[] {
  return rows(source, file, COMPANY_FIELDS).map(({ row, line }) => {
    const lat = coordinate(row, 'lat', 90, file, line);
    const lon = coordinate(row, 'lon', 180, file, line);
    if ((lat === undefined) !== (lon === undefined)) throw new NetworkInputError('"lat" and "lon" go together', file, line);
    return {
      id: String(row.id),
      name: text(row, 'name', file, line, true)!,
      description: text(row, 'description', file, line, false),
      capabilities: list(row, 'capabilities', file, line),
      offers: list(row, 'offers', file, line),
      naf: text(row, 'naf', file, line, false),
      city: text(row, 'city', file, line, false),
      lat,
      lon,
    };
  });
}

export function parseNeedsJsonl(source: string, file = 'needs.jsonl'): NeedRecord[] {
  return rows(source, file, NEED_FIELDS).map(({ row, line }) => ({
    id: String(row.id),
    title: text(row, 'title', file, line, true)!,
    description: text(row, 'description', file, line, false),
    capabilities: list(row, 'capabilities', file, line),
  }));
}
