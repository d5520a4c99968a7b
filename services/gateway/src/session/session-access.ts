import type { Request, Response } from 'express';
import { ACCESS_COOKIE, CSRF_COOKIE, REFRESH_COOKIE, clearSessionCookies, setSessionCookies } from './session-cookies';
import type { IdentitySessions } from './identity-session.client';

/**
 * The access token of a cookie session: the access cookie, or, once it has expired, a refresh
 * (shared by concurrent requests) that sets new cookies on this response. Undefined when there is
 * no session or identity refused the refresh (the cookies are then cleared).
 */
export async function sessionAccessToken(req: Request, res: Response, sessions: IdentitySessions, secureCookies: boolean): Promise<string | undefined> {
  const access = req.cookies?.[ACCESS_COOKIE] as string | undefined;
  if (access) return access;
  const refresh = req.cookies?.[REFRESH_COOKIE] as string | undefined;
  if (!refresh) return undefined;
  const tokens = await sessions.refresh(refresh);
  if (!tokens) {
    clearSessionCookies(res, secureCookies);
    return undefined;
  }
  // Keep the page's CSRF token: it stays valid for the renewed session.
  setSessionCookies(res, tokens, secureCookies, req.cookies?.[CSRF_COOKIE] as string | undefined);
  return tokens.accessToken;
}
