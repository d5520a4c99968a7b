import { Inject, Injectable } from '@nestjs/common';
import { GATEWAY_CONFIG, GatewayConfig } from '../gateway.config';
import type { Tokens } from './session-cookies';

/** identity's answer, passed on as it is when it is not a success. */
export interface Upstreamed<T> {
  status: number;
  body: T | unknown;
  retryAfter?: string | null;
}

/** How long a refresh's result is shared with the requests that presented the same refresh token. */
const SHARE_MS = 30_000;

/**
 * Signs in, up and out and refreshes through identity's /auth endpoints. Refresh tokens are single
 * use and identity ends the session when one is presented twice, so concurrent requests of a page
 * carrying the same expired session share one refresh.
 */
@Injectable()
export class IdentitySessions {
  private readonly refreshing = new Map<string, Promise<Tokens | undefined>>();

  constructor(@Inject(GATEWAY_CONFIG) private readonly config: GatewayConfig) {}

  async call<T>(path: string, body: unknown, headers: Record<string, string> = {}): Promise<Upstreamed<T>> {
    const res = await fetch(new URL(path, this.config.identityUrl), {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...headers },
      body: body === undefined ? undefined : JSON.stringify(body),
      signal: AbortSignal.timeout(15_000),
    });
    const text = await res.text();
    return { status: res.status, body: text ? (JSON.parse(text) as T) : undefined, retryAfter: res.headers.get('retry-after') };
  }

  /** New tokens for a refresh token, or undefined when identity refuses it (expired, revoked, reused). */
  refresh(refreshToken: string): Promise<Tokens | undefined> {
    const pending = this.refreshing.get(refreshToken);
    if (pending) return pending;
    const promise = this.call<Tokens>('/auth/refresh', { refreshToken })
      .then((r) => (r.status === 200 ? (r.body as Tokens) : undefined))
      .catch(() => undefined);
    this.refreshing.set(refreshToken, promise);
    setTimeout(() => this.refreshing.delete(refreshToken), SHARE_MS).unref();
    return promise;
  }
}
