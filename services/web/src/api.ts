// The one way the page talks to the platform: same-origin calls to the gateway, which holds the
// session in HttpOnly cookies. Unsafe calls repeat the readable CSRF cookie as a header.
export type Service = 'identity' | 'relations' | 'territories' | 'collectives' | 'recommendations';

export interface Page<T> {
  items: T[];
  page: number;
  limit: number;
  total: number;
  pages: number;
}

/** An answer other than 2xx, with the platform's machine-readable error body. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly details?: unknown,
  ) {
    super(message);
  }
}

type Query = Record<string, string | number | boolean | undefined | null>;

const csrfToken = () =>
  document.cookie
    .split('; ')
    .find((c) => c.startsWith('opn_csrf='))
    ?.slice('opn_csrf='.length);

export const withQuery = (path: string, query?: Query) => {
  const params = new URLSearchParams();
  for (const [k, v] of Object.entries(query ?? {})) if (v !== undefined && v !== null && v !== '') params.set(k, String(v));
  const s = params.toString();
  return s ? `${path}${path.includes('?') ? '&' : '?'}${s}` : path;
};

/** The platform's error body (`{ error: { code, message, details } }`) of a failed answer, as an ApiError. */
function errorOf(res: Response, text: string): ApiError {
  let error: { code?: string; message?: string; details?: unknown } | undefined;
  try {
    error = (JSON.parse(text) as { error?: typeof error }).error;
  } catch {
    /* not JSON: a proxy's or the browser's own page */
  }
  return new ApiError(res.status, error?.code ?? `http_${res.status}`, error?.message ?? res.statusText, error?.details);
}

async function fetchText(url: string, init: RequestInit): Promise<string> {
  let res: Response;
  try {
    res = await fetch(url, { ...init, credentials: 'same-origin' });
  } catch {
    throw new ApiError(0, 'network_error', 'the platform cannot be reached');
  }
  const text = await res.text();
  if (!res.ok) throw errorOf(res, text);
  return text;
}

export async function call<T>(url: string, method = 'GET', body?: unknown): Promise<T> {
  const headers: Record<string, string> = { accept: 'application/json' };
  if (body !== undefined) headers['content-type'] = 'application/json';
  if (method !== 'GET') headers['x-csrf-token'] = csrfToken() ?? '';
  const text = await fetchText(url, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) });
  return (text ? JSON.parse(text) : undefined) as T;
}

export const apiUrl = (service: Service, path: string, query?: Query) => withQuery(`/api/${service}${path}`, query);
export const get = <T>(service: Service, path: string, query?: Query) => call<T>(apiUrl(service, path, query));
export const send = <T = unknown>(service: Service, method: 'POST' | 'PUT' | 'PATCH' | 'DELETE', path: string, body?: unknown) =>
  call<T>(apiUrl(service, path), method, body);

export const session = {
  current: () => call<{ signedIn: boolean; personId?: string }>('/api/session'),
  signIn: (body: { email: string; password: string }) => call<{ personId: string }>('/api/session/sign-in', 'POST', body),
  signUp: (body: { email: string; password: string; displayName: string; locale: string }) => call<{ personId: string }>('/api/session/sign-up', 'POST', body),
  signOut: () => call<void>('/api/session/sign-out', 'POST'),
};

/** A text answer (CSV, GEXF), with the same error handling. */
export const getText = (service: Service, path: string, query?: Query): Promise<string> => fetchText(apiUrl(service, path, query), { method: 'GET' });
