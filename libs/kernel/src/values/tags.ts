import { invalid } from './validation';

export const MAX_TAGS = 50;
export const MAX_TAG_LENGTH = 60;

/** " Usinage   CNC " -> "usinage cnc" (NFC, trimmed, lowercase, inner whitespace collapsed). */
export const normaliseTag = (tag: string): string => tag.normalize('NFC').trim().replace(/\s+/g, ' ').toLowerCase();

/**
 * Capability / offer tags: each normalised with `normaliseTag`, 1..60 characters, duplicates
 * removed (first occurrence kept, order otherwise preserved), at most 50 once deduplicated.
 */
export function tags(value: unknown, field: string): string[] {
  if (!Array.isArray(value)) throw invalid(field, 'must be a list of strings');
  const out: string[] = [];
  value.forEach((raw, i) => {
    if (typeof raw !== 'string') throw invalid(`${field}[${i}]`, 'must be a string');
    const tag = normaliseTag(raw);
    if (tag.length === 0) throw invalid(`${field}[${i}]`, 'must not be empty');
    if ([...tag].length > MAX_TAG_LENGTH) throw invalid(`${field}[${i}]`, `must be at most ${MAX_TAG_LENGTH} characters`);
    if (!out.includes(tag)) out.push(tag);
  });
  if (out.length > MAX_TAGS) throw invalid(field, `must hold at most ${MAX_TAGS} distinct tags`);
  return out;
}

/** Alias kept for readability at call sites: `normaliseTags(input, 'capabilities')`. */
export const normaliseTags = tags;
