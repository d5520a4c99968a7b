import { INestApplication, Type } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { NestExpressApplication } from '@nestjs/platform-express';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
import { json } from 'express';
import helmet from 'helmet';
import { DomainExceptionFilter } from './domain-exception.filter';
import { useObservability } from './observability/observability.module';
import type { ServiceDefinition } from './service-definition';
import { validationPipe } from './validation';

export interface HttpAppOptions {
  title: string;
  description: string;
  version?: string;
  /** Largest accepted JSON body (default 64 kB): bigger ones get 413. */
  bodyLimit?: string;
  logger?: false | Array<'log' | 'error' | 'warn' | 'debug' | 'verbose'>;
  /**
   * Correlation ids, access logs and HTTP metrics (default true: every service has them through the
   * kit). False only for an app without the kit, such as the benchmark's hello-world baseline.
   */
  observability?: boolean;
  /**
   * Middleware mounted after the security headers and before the body parser and Nest's routes: a
   * gateway's proxy streams bodies through untouched, and its web app's files are served from here.
   */
  mount?: (express: NestExpressApplication) => void;
  /** Helmet's options (default: its defaults, a strict same-origin content security policy). */
  helmet?: Parameters<typeof helmet>[0];
  /**
   * Routes with a bigger body limit: a service's declared `largeBodies` (runService and the
   * in-process test harness pass them); none by default.
   */
  largeBodies?: ServiceDefinition['largeBodies'];
  /** Other OpenAPI documents listed beside this app's own in the page at /docs (a gateway's services). */
  moreDocs?: Array<{ name: string; url: string }>;
}

/** The same HTTP shell for every service: security headers, body limits, validation, errors, OpenAPI at /docs. */
export async function createHttpApp(module: Type<unknown>, options: HttpAppOptions): Promise<INestApplication> {
  const app = await NestFactory.create<NestExpressApplication>(module, {
    bodyParser: false,
    logger: options.logger ?? ['error', 'warn'],
  });
  configureHttpApp(app, options);
  return app;
}

export function configureHttpApp(app: INestApplication, options: HttpAppOptions): void {
  // First, so every request (even one the body parser rejects) is correlated, logged and measured.
  if (options.observability !== false) useObservability(app);
  const express = app as NestExpressApplication;
  express.disable('x-powered-by');
  express.set('trust proxy', 'loopback');
  express.use(helmet(options.helmet));
  options.mount?.(express);
  // Routes the service declared for bigger bodies (a member list import) get their own parser first;
  // the default one then sees the body already parsed and leaves it.
  for (const route of options.largeBodies ?? []) express.use(route.path, json({ limit: route.limit, strict: true }));
  express.useBodyParser('json', { limit: options.bodyLimit ?? '64kb', strict: true });
  app.useGlobalPipes(validationPipe());
  app.useGlobalFilters(new DomainExceptionFilter());
  app.enableShutdownHooks();
  const config = new DocumentBuilder()
    .setTitle(options.title)
    .setDescription(options.description)
    .setVersion(options.version ?? '0.1.0')
    .addBearerAuth()
    .build();
  const document = SwaggerModule.createDocument(app, config);
  SwaggerModule.setup('docs', app, document, {
    jsonDocumentUrl: 'openapi.json',
    ...(options.moreDocs && {
      explorer: true,
      swaggerOptions: { urls: [{ name: options.title, url: '/openapi.json' }, ...options.moreDocs], 'urls.primaryName': options.title },
    }),
  });
}
