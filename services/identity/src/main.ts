import 'reflect-metadata';
import { Logger } from '@nestjs/common';
import { createHttpApp } from '@opn/service-kit';
import { identityConfig } from './config';
import { IdentityModule } from './identity.module';

export async function bootstrap() {
  const config = identityConfig();
  const app = await createHttpApp(IdentityModule, {
    title: 'Identity service',
    description: 'Companies, people, roles, sign-in and consent of the open partner network',
  });
  await app.listen(config.port, config.host);
  new Logger('identity').log(`listening on http://${config.host}:${config.port} (OpenAPI at /docs, /openapi.json)`);
  return app;
}

if (require.main === module) {
  bootstrap().catch((error) => {
    console.error(error);
    process.exit(1);
  });
}
