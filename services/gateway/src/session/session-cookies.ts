import type { CookieOptions, Request, Response } from 'express';
import { randomBytes, timingSafeEqual } from 'node:crypto';

/**
 * The browser's session lives in three cookies the gateway sets, so the tokens never reach the page's
 * scripts: the access token and the refresh token are HttpOnly; the CSRF token is readable, and the
 * page sends it back as the `X-CSRF-Token` header of every unsafe request (double submit). All three
 * are SameSite=Strict and scoped to /api.
 */
export const ACCESS_COOKIE = 'opn_access';
export const REFRESH_COOKIE = 'opn_refresh';
export const CSRF_COOKIE = 'opn_csrf';
export const CSRF_HEADER = 'x-csrf-token';

/** What identity answers to a sign-in, a sign-up or a refresh. */
export interface Tokens {
  personId: string;
  accessToken: string;
  expiresIn: number;
  refreshToken: string;
  refreshTokenExpiresAt: string;
}

const base = (secure: boolean): CookieOptions => ({ sameSite: 'strict', secure, path: '/api' });

/** Sets the session cookies; the access cookie goes 30 s before the token expires, so a stale one is never sent. */
export function setSessionCookies(res: Response, tokens: Tokens, secure: boolean, csrf = randomBytes(24).toString('base64url')): string {
  const refreshMs = Math.max(0, Date.parse(tokens.refreshTokenExpiresAt) - Date.now());
  res.cookie(ACCESS_COOKIE, tokens.accessToken, { ...base(secure), httpOnly: true, maxAge: Math.max(1, tokens.expiresIn - 30) * 1000 });
  res.cookie(REFRESH_COOKIE, tokens.refreshToken, { ...base(secure), httpOnly: true, maxAge: refreshMs });
  res.cookie(CSRF_COOKIE, csrf, { ...base(secure), path: '/', httpOnly: false, maxAge: refreshMs });
  return csrf;
}

export function clearSessionCookies(res: Response, secure: boolean): void {
  res.clearCookie(ACCESS_COOKIE, base(secure));
  res.clearCookie(REFRESH_COOKIE, base(secure));
  res.clearCookie(CSRF_COOKIE, { ...base(secure), path: '/' });
}

const UNSAFE = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

/** A request that the session cookies authenticate (no Authorization header of its own). */
export const usesCookieSession = (req: Request): boolean =>
  !req.headers.authorization && Boolean(req.cookies?.[ACCESS_COOKIE] || req.cookies?.[REFRESH_COOKIE]);

/**
 * Why an unsafe cookie-authenticated request is refused, or undefined when it may pass: its
 * X-CSRF-Token must equal the CSRF cookie, and its Origin, when sent, must be this host.
 */
export function csrfProblem(req: Request): string | undefined {
  if (!UNSAFE.has(req.method) || !usesCookieSession(req)) return undefined;
  const origin = req.headers.origin;
  if (origin && origin !== `${req.protocol}://${req.headers.host}`) return `requests from ${origin} may not use this session`;
  const cookie = String(req.cookies?.[CSRF_COOKIE] ?? '');
  const header = String(req.headers[CSRF_HEADER] ?? '');
  if (!cookie || !header) return `the ${CSRF_HEADER} header must repeat the ${CSRF_COOKIE} cookie`;
  const a = Buffer.from(cookie);
  const b = Buffer.from(header);
  if (a.length !== b.length || !timingSafeEqual(a, b)) return `the ${CSRF_HEADER} header does not match the session`;
  return undefined;
}
