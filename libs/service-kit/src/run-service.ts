import { INestApplication, Logger, Type } from '@nestjs/common';
import { createHttpApp } from './bootstrap';
import { ConfigError, describeConfig } from './config/config';
import { kitSpec } from './config/kit-config';
import { ServiceDefinition, loadServiceConfig } from './service-definition';

/**
 * A service's `main.ts` in one call: validate the configuration first (every bad variable named,
 * exit code 2, nothing opened), then build the app, listen, and stop in order on SIGTERM/SIGINT.
 */
export async function runService(module: Type<unknown>, definition: ServiceDefinition): Promise<INestApplication | undefined> {
  if (process.argv.includes('--help')) {
    process.stdout.write(`${definition.title}: ${definition.description}\n\n${configReference(definition)}\n`);
    return undefined;
  }
  let config;
  try {
    config = loadServiceConfig(definition);
  } catch (error) {
    if (error instanceof ConfigError) {
      process.stderr.write(`${definition.name}: ${error.message}\n`);
      process.exit(2);
    }
    throw error;
  }
  const app = await createHttpApp(module, { title: definition.title, description: definition.description, largeBodies: definition.largeBodies });
  await app.listen(config.port, config.host);
  new Logger(definition.name).log(`listening on http://${config.host}:${config.port} (OpenAPI at /docs, /openapi.json)`);
  return app;
}

/** `if (require.main === module) main(...)` with a printed error and exit code 1 on failure. */
export function runMain(main: () => Promise<unknown>): void {
  main().catch((error) => {
    console.error(error);
    process.exit(1);
  });
}

/** The Markdown table of a service's environment variables: its own, then the kit's. */
export function configReference(definition: ServiceDefinition, only: 'own' | 'all' = 'all'): string {
  const rows = describeConfig(definition.config);
  if (only === 'all') rows.push(...describeConfig(kitSpec(definition.name, definition.defaultPort)));
  return ['| variable | default | meaning |', '| --- | --- | --- |', ...rows].join('\n');
}
