/**
 * Configuration by environment variables only, read once at start-up and validated as a whole:
 * every missing or malformed variable is reported, each on its own line naming it, and the
 * service exits non-zero before it opens anything.
 */
export interface EnvVar<T> {
  /** The environment variable's name. */
  readonly name: string;
  readonly description: string;
  /** Shown in the generated table and in errors; undefined: the variable is required. */
  readonly defaultText?: string;
  /** Never printed, not even in errors (keys, passwords). */
  readonly secret: boolean;
  /** Returns the value, or throws an Error whose message says what is expected. */
  read(raw: string | undefined): T;
}

export type ConfigSpec = Record<string, EnvVar<unknown>>;
export type ConfigOf<S extends ConfigSpec> = { readonly [K in keyof S]: S[K] extends EnvVar<infer T> ? T : never };

export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`invalid configuration:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.name = 'ConfigError';
  }
}

export function loadConfig<S extends ConfigSpec>(spec: S, env: NodeJS.ProcessEnv = process.env): ConfigOf<S> {
  const out: Record<string, unknown> = {};
  const problems: string[] = [];
  for (const [key, variable] of Object.entries(spec)) {
    const raw = env[variable.name];
    try {
      out[key] = variable.read(raw === undefined || raw.trim() === '' ? undefined : raw.trim());
    } catch (error) {
      const got = raw === undefined || raw.trim() === '' ? 'it is not set' : variable.secret ? 'got a value (hidden)' : `got "${raw.slice(0, 80)}"`;
      problems.push(`${variable.name}: ${(error as Error).message}; ${got}`);
    }
  }
  if (problems.length) throw new ConfigError(problems);
  return out as ConfigOf<S>;
}

interface Options<T> {
  description: string;
  /** Omit for a required variable. */
  default?: T;
  /** How the default is shown in docs when it depends on the machine (a path, a generated key). */
  shownDefault?: string;
  secret?: boolean;
}

const variable = <T>(name: string, options: Options<T>, parse: (raw: string) => T, show: (v: T) => string = String): EnvVar<T> => ({
  name,
  description: options.description,
  defaultText: options.shownDefault ?? ('default' in options ? (options.default === undefined ? '(unset)' : show(options.default as T)) : undefined),
  secret: options.secret ?? false,
  read(raw) {
    if (raw === undefined) {
      if ('default' in options) return options.default as T;
      throw new Error('is required');
    }
    return parse(raw);
  },
});

const HOST_PORT = /^[A-Za-z0-9.\-_[\]:]+:\d{1,5}$/;

/** Parsers for the kinds of values services read. Each error message says what is expected. */
export const env = {
  string: (name: string, options: Options<string> & { pattern?: RegExp; patternText?: string }) =>
    variable(name, options, (raw) => {
      if (options.pattern && !options.pattern.test(raw)) throw new Error(`must be ${options.patternText ?? `like ${options.pattern}`}`);
      return raw;
    }),
  optionalString: (name: string, options: Omit<Options<string | undefined>, 'default'> & { pattern?: RegExp; patternText?: string }) =>
    variable<string | undefined>(name, { ...options, default: undefined }, (raw) => {
      if (options.pattern && !options.pattern.test(raw)) throw new Error(`must be ${options.patternText ?? `like ${options.pattern}`}`);
      return raw;
    }),
  int: (name: string, options: Options<number> & { min?: number; max?: number }) =>
    variable(name, options, (raw) => {
      const min = options.min ?? 0;
      const max = options.max ?? Number.MAX_SAFE_INTEGER;
      if (!/^-?\d+$/.test(raw)) throw new Error(`must be a whole number between ${min} and ${max}`);
      const value = Number(raw);
      if (value < min || value > max) throw new Error(`must be a whole number between ${min} and ${max}`);
      return value;
    }),
  port: (name: string, options: Options<number>) =>
    variable(name, options, (raw) => {
      if (!/^\d{1,5}$/.test(raw) || Number(raw) > 65535) throw new Error('must be a TCP port number (0-65535)');
      return Number(raw);
    }),
  oneOf: <T extends string>(name: string, values: readonly T[], options: Options<T>) =>
    variable(name, options, (raw) => {
      if (!(values as readonly string[]).includes(raw)) throw new Error(`must be one of ${values.join(', ')}`);
      return raw as T;
    }),
  list: (name: string, options: Options<string[]> & { item?: (s: string) => string | undefined; itemText?: string }) =>
    variable(
      name,
      options,
      (raw) => {
        const items = raw.split(',').map((s) => s.trim()).filter(Boolean);
        if (options.item) {
          const bad = items.filter((i) => options.item!(i) === undefined);
          if (bad.length) throw new Error(`must be a comma-separated list of ${options.itemText ?? 'values'} (bad: ${bad.join(', ')})`);
          return items.map((i) => options.item!(i)!);
        }
        return items;
      },
      (v) => (v.length ? v.join(',') : '(empty)'),
    ),
  /** host:port pairs, comma-separated (Kafka bootstrap servers). */
  hostPorts: (name: string, options: Options<string[]>) =>
    env.list(name, { ...options, item: (s) => (HOST_PORT.test(s) ? s : undefined), itemText: 'host:port' }),
  url: (name: string, options: Options<string> & { protocols: string[] }) =>
    variable(name, options, (raw) => {
      let protocol: string;
      try {
        protocol = new URL(raw).protocol;
      } catch {
        throw new Error(`must be a URL starting with ${options.protocols.join(' or ')}`);
      }
      if (!options.protocols.includes(protocol.replace(/:$/, '://'))) throw new Error(`must be a URL starting with ${options.protocols.join(' or ')}`);
      return raw;
    }),
  optionalUrl: (name: string, options: Omit<Options<string | undefined>, 'default'> & { protocols: string[] }) =>
    variable<string | undefined>(name, { ...options, default: undefined }, (raw) => env.url(name, { ...options, default: undefined as never }).read(raw)),
};

/** The table of a spec's variables, for docs and `--help`. */
export const describeConfig = (spec: ConfigSpec): string[] =>
  Object.values(spec).map((v) => `| \`${v.name}\` | ${v.defaultText === undefined ? 'required' : `\`${v.defaultText}\``} | ${v.description} |`);
