import type { NestExpressApplication } from '@nestjs/platform-express';
import type { NextFunction, Request, Response } from 'express';
import type { ClientRequest } from 'node:http';
import { createProxyMiddleware } from 'http-proxy-middleware';
import { GatewayConfig, UPSTREAMS, upstreamsOf } from '../gateway.config';
import type { IdentitySessions } from '../session/identity-session.client';
import { sessionAccessToken } from '../session/session-access';
import { csrfProblem } from '../session/session-cookies';

const errorBody = (status: number, code: string, message: string) => ({ error: { code, message, status } });

/**
 * /api/<service>/... → <service>/...: bodies stream through untouched (each service applies its own
 * limits and validation). A request without an Authorization header is authenticated by the session
 * cookies, once here: unsafe methods must pass the CSRF check, the access token is renewed when it
 * has expired, and the services never see the cookies.
 */
export function mountApiProxy(app: NestExpressApplication, config: GatewayConfig, sessions: IdentitySessions): void {
  const secure = config.secureCookies === 'true';
  const upstreams = upstreamsOf(config);
  const authenticate = async (req: Request, res: Response, next: NextFunction) => {
    const problem = csrfProblem(req);
    if (problem) {
      res.status(403).json(errorBody(403, 'csrf_failed', problem));
      return;
    }
    if (!req.headers.authorization) {
      const token = await sessionAccessToken(req, res, sessions, secure);
      if (token) req.headers.authorization = `Bearer ${token}`;
    }
    delete req.headers.cookie;
    next();
  };
  for (const service of UPSTREAMS) {
    const proxy = createProxyMiddleware<Request, Response>({
      target: upstreams[service],
      xfwd: true,
      proxyTimeout: 120_000,
      on: {
        proxyReq: (proxyReq: ClientRequest) => proxyReq.setHeader('x-forwarded-prefix', `/api/${service}`),
        error: (_error, _req, res) => {
          const out = res as Response;
          if (typeof out.status !== 'function' || out.headersSent) return void (out as unknown as { end?: () => void }).end?.();
          out.status(502).json(errorBody(502, 'upstream_unavailable', `${service} is not answering; retry in a moment`));
        },
      },
    });
    app.use(`/api/${service}`, authenticate, proxy);
  }
}
