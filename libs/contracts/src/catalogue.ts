import { EventContract } from './contract';
import { wireName } from './envelope';

type Schema = { type?: unknown; properties?: Record<string, Schema>; required?: string[]; enum?: unknown[]; items?: Schema; anyOf?: Schema[]; format?: string; pattern?: string };

const typeOf = (s: Schema | undefined): string => {
  if (!s) return 'any';
  if (s.enum) return s.enum.map((v) => JSON.stringify(v)).join(' \\| ');
  if (s.anyOf) return s.anyOf.map(typeOf).join(' \\| ');
  if (s.type === 'array') return `${typeOf(s.items)}[]`;
  if (s.type === 'object' && s.properties) return `{${Object.keys(s.properties).join(', ')}}`;
  const t = Array.isArray(s.type) ? s.type.join(' \\| ') : String(s.type ?? 'any');
  return s.format ? `${t} (${s.format})` : t;
};

/** One line per field of a contract's data: name (`?` when optional) and type. */
export const describeFields = (contract: EventContract): string => {
  const schema = contract.schema as Schema;
  const required = new Set(schema.required ?? []);
  const sealed = new Set(contract.sealedFields ?? []);
  const nestedSealed = (name: string) => [...sealed].filter((f) => f.startsWith(`${name}.`)).map((f) => f.slice(name.length + 1));
  return Object.entries(schema.properties ?? {})
    .map(([name, s]) => {
      const inner = nestedSealed(name);
      const mark = sealed.has(name) ? ' *sealed*' : inner.length ? ` (*sealed*: ${inner.join(', ')})` : '';
      return `${name}${required.has(name) ? '' : '?'}: ${typeOf(s)}${mark}`;
    })
    .join('<br>');
};

/**
 * The event catalogue as Markdown, generated from the contracts libs (never kept by hand):
 * per producing service, every public event with its topic, version, description and fields.
 */
export function renderCatalogue(services: Array<{ service: string; contracts: readonly EventContract[] }>): string {
  const lines: string[] = [];
  for (const { service, contracts } of services) {
    lines.push(`## ${service}`, '', '| topic | event | description | data |', '| --- | --- | --- | --- |');
    const sorted = [...contracts].sort((a, b) => a.topic.localeCompare(b.topic) || a.type.localeCompare(b.type) || a.version - b.version);
    for (const c of sorted) lines.push(`| \`${c.topic}\` | \`${wireName(c.type, c.version)}\` | ${c.description} | ${describeFields(c)} |`);
    lines.push('');
  }
  return lines.join('\n');
}
