import 'reflect-metadata';
import { INestApplication, Logger } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { ConfigError, configureHttpApp, describeConfig, loadConfig, runMain } from '@opn/service-kit';
import cookieParser from 'cookie-parser';
import { serviceDocs } from './docs.controller';
import { GatewayConfig, gatewayConfigSpec } from './gateway.config';
import { GatewayModule } from './gateway.module';
import { mountApiProxy } from './proxy/api-proxy';
import { IdentitySessions } from './session/identity-session.client';
import { mountWebApp } from './web/web-app';

const TITLE = 'Open partner network';
const DESCRIPTION =
  'The one address of the platform: the web app at /, every service under /api/<service>/ (identity, relations, territories, collectives, recommendations), the browser session under /api/session. Pick a service in the list above to read its API.';

/** The gateway's app on a validated configuration (tests pass their own, with port 0). */
export async function createGateway(config: GatewayConfig): Promise<INestApplication> {
  const app = await NestFactory.create<NestExpressApplication>(GatewayModule.forConfig(config), { bodyParser: false, logger: ['error', 'warn'] });
  const sessions = app.get(IdentitySessions);
  configureHttpApp(app, {
    title: TITLE,
    description: DESCRIPTION,
    bodyLimit: '16kb',
    moreDocs: serviceDocs(),
    // Same-origin only; no upgrade-insecure-requests, which would send a page served over plain HTTP
    // on loopback (npm start) to an HTTPS port that does not exist.
    helmet: { contentSecurityPolicy: { directives: { upgradeInsecureRequests: null } } },
    mount: (express) => {
      express.use(cookieParser());
      mountApiProxy(express, config, sessions);
      mountWebApp(express, config.webDir);
    },
  });
  return app;
}

export async function bootstrap(): Promise<INestApplication | undefined> {
  if (process.argv.includes('--help')) {
    const rows = describeConfig(gatewayConfigSpec);
    process.stdout.write(`gateway: ${DESCRIPTION}\n\n${['| variable | default | meaning |', '| --- | --- | --- |', ...rows].join('\n')}\n`);
    return undefined;
  }
  let config: GatewayConfig;
  try {
    config = loadConfig(gatewayConfigSpec);
  } catch (error) {
    if (error instanceof ConfigError) {
      process.stderr.write(`gateway: ${error.message}\n`);
      process.exit(2);
    }
    throw error;
  }
  const app = await createGateway(config);
  await app.listen(config.port, config.host);
  new Logger('gateway').log(`listening on http://${config.host}:${config.port} (web app at /, APIs under /api/<service>/, reference at /docs)`);
  return app;
}

if (require.main === module) runMain(bootstrap);
