import type { NestExpressApplication } from '@nestjs/platform-express';
import express, { NextFunction, Request, Response } from 'express';
import { existsSync } from 'node:fs';
import { join } from 'node:path';

/** Paths that belong to the gateway and the services, never to the web app's router. */
const RESERVED = /^\/(api|docs|openapi|health|metrics)(\/|\.|$)/;

/**
 * The built web app at /: hashed assets cached for a year, index.html never, and every other GET
 * that asks for HTML answered with index.html so the app's router handles deep links.
 */
export function mountWebApp(app: NestExpressApplication, webDir: string): void {
  app.use(
    '/assets',
    express.static(join(webDir, 'assets'), { immutable: true, maxAge: '365d', fallthrough: false, index: false }),
  );
  app.use(express.static(webDir, { index: false, maxAge: 0 }));
  app.use((req: Request, res: Response, next: NextFunction) => {
    if ((req.method !== 'GET' && req.method !== 'HEAD') || RESERVED.test(req.path) || !req.accepts('html')) return next();
    const index = join(webDir, 'index.html');
    if (!existsSync(index)) {
      res.status(503).type('text/plain').send(`The web app is not built (${index} is missing): run \`npm run build\`.\n`);
      return;
    }
    res.setHeader('Cache-Control', 'no-cache');
    res.sendFile(index);
  });
}
