import { ConfigOf, env } from '@opn/service-kit';
import { join } from 'node:path';

/** The services behind the gateway, each under /api/<name>/, in the order of the API reference. */
export const UPSTREAMS = ['identity', 'relations', 'territories', 'collectives', 'recommendations'] as const;
export type Upstream = (typeof UPSTREAMS)[number];

const DEFAULT_PORTS: Record<Upstream, number> = { identity: 3001, relations: 3002, territories: 3003, collectives: 3004, recommendations: 3005 };

const upstreamUrl = (name: Upstream) =>
  env.url(`${name.toUpperCase()}_URL`, {
    default: `http://127.0.0.1:${DEFAULT_PORTS[name]}`,
    protocols: ['http://', 'https://'],
    description: `where the gateway reaches ${name} (/api/${name}/... is routed there)`,
  });

export const gatewayConfigSpec = {
  port: env.port('GATEWAY_PORT', { default: 3000, description: 'HTTP port of the gateway: the one address the browser opens' }),
  host: env.string('HOST', { default: '127.0.0.1', description: 'interface the HTTP servers listen on' }),
  identityUrl: upstreamUrl('identity'),
  relationsUrl: upstreamUrl('relations'),
  territoriesUrl: upstreamUrl('territories'),
  collectivesUrl: upstreamUrl('collectives'),
  recommendationsUrl: upstreamUrl('recommendations'),
  webDir: env.string('GATEWAY_WEB_DIR', {
    default: join(process.cwd(), 'dist', 'web'),
    shownDefault: 'dist/web',
    description: 'the built web app (`npm run build` writes it) that the gateway serves at /',
  }),
  secureCookies: env.oneOf('GATEWAY_SECURE_COOKIES', ['true', 'false'] as const, {
    default: 'false',
    description: 'mark the session cookies Secure: set true whenever the gateway is reached over HTTPS',
  }),
  logLevel: env.oneOf('LOG_LEVEL', ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const, { default: 'info', description: 'pino log level' }),
};

export type GatewayConfig = ConfigOf<typeof gatewayConfigSpec>;

export const upstreamsOf = (config: GatewayConfig): Record<Upstream, string> => ({
  identity: config.identityUrl,
  relations: config.relationsUrl,
  territories: config.territoriesUrl,
  collectives: config.collectivesUrl,
  recommendations: config.recommendationsUrl,
});

export const GATEWAY_CONFIG = Symbol('GatewayConfig');
