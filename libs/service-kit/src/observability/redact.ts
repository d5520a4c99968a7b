/** What replaces a secret in a log line. */
export const REDACTED = '[REDACTED]';

/** Field names (compared lower-case, without `-` and `_`) whose values are never logged. */
const SECRET_NAMES = new Set([
  'authorization',
  'proxyauthorization',
  'cookie',
  'setcookie',
  'password',
  'passwd',
  'passphrase',
  'token',
  'secret',
  'jwt',
  'credentials',
  'xapikey',
]);
/** Suffixes that make a name secret: `accessToken`, `refreshToken`, `clientSecret`, `newPassword`, `apiKey`, `privateKey`, `keys`. */
const SECRET_SUFFIXES = ['password', 'passphrase', 'token', 'secret', 'credentials', 'key', 'keys'];
/** Key-like names that are identifiers, not secrets. */
const NOT_SECRET = new Set(['idempotencykey']);

export function isSecretName(name: string): boolean {
  const n = name.toLowerCase().replace(/[-_]/g, '');
  if (NOT_SECRET.has(n)) return false;
  return SECRET_NAMES.has(n) || SECRET_SUFFIXES.some((s) => n.endsWith(s));
}

/** header.payload.signature where the first two are base64url JSON objects (`eyJ` is `{"`). */
const JWT = /\beyJ[A-Za-z0-9_-]{4,}\.eyJ[A-Za-z0-9_-]{4,}\.[A-Za-z0-9_-]*/g;
const BEARER = /\b(Bearer|Basic)\s+[A-Za-z0-9._~+/=-]+/gi;
const PEM = /-----BEGIN [A-Z ]*PRIVATE KEY-----[\s\S]*?(-----END [A-Z ]*PRIVATE KEY-----|$)/g;
/** `password=...`, `token: ...`, `?access_token=...` inside free text. */
const ASSIGNED = /\b(password|passwd|secret|token|access_token|refresh_token|api_?key)(["']?\s*[=:]\s*["']?)[^\s"'&,;\\]+/gi;

/** Secrets inside free text (messages, error messages, any string value) replaced by [REDACTED]. */
export function redactText(text: string): string {
  return text.replace(PEM, REDACTED).replace(JWT, REDACTED).replace(BEARER, `$1 ${REDACTED}`).replace(ASSIGNED, `$1$2${REDACTED}`);
}

const MAX_DEPTH = 8;

/**
 * A copy of `value` safe to log: values of secret-named fields become [REDACTED] at any depth,
 * strings are scrubbed with redactText, errors become {type, message, stack} (scrubbed too).
 * Cycles and very deep objects are cut rather than followed.
 */
export function redact(value: unknown, depth = 0, seen = new WeakSet<object>()): unknown {
  if (typeof value === 'string') return redactText(value);
  if (value === null || typeof value !== 'object') return value;
  if (seen.has(value)) return '[Circular]';
  if (depth >= MAX_DEPTH) return '[Truncated]';
  seen.add(value);
  try {
    if (value instanceof Error) {
      const { name, message, stack, ...own } = value as Error & Record<string, unknown>;
      const out: Record<string, unknown> = { type: name, message: redactText(message), stack: stack === undefined ? undefined : redactText(stack) };
      for (const [k, v] of Object.entries(own)) out[k] = isSecretName(k) ? REDACTED : redact(v, depth + 1, seen);
      return out;
    }
    if (value instanceof Date) return value.toISOString();
    if (Buffer.isBuffer(value)) return `[Buffer ${value.length} bytes]`;
    if (Array.isArray(value)) return value.map((v) => redact(v, depth + 1, seen));
    if (value instanceof Map) return redact(Object.fromEntries(value), depth + 1, seen);
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value)) {
      out[k] = isSecretName(k) && v !== undefined && v !== null ? REDACTED : redact(v, depth + 1, seen);
    }
    return out;
  } finally {
    seen.delete(value);
  }
}
