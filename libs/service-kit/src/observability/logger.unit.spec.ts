import { Logger as NestLogger } from '@nestjs/common';
import { runWithCorrelation } from '@opn/kernel';
import { PinoLoggerService, createServiceLogger } from './logger';

const JWT = 'eyJhbGciOiJFZERTQSJ9.eyJzdWIiOiJwMSJ9.c2lnbmF0dXJlLWJ5dGVz';

const collect = () => {
  const lines: Array<Record<string, unknown>> = [];
  const raw: string[] = [];
  return { lines, raw, destination: { write: (s: string) => void (raw.push(s), lines.push(JSON.parse(s))) } };
};

describe('service logger', () => {
  it('writes one JSON object per line with level, time, service, message and the context correlation id', () => {
    const { lines, raw, destination } = collect();
    const logger = createServiceLogger({ service: 'identity', level: 'info', destination });
    runWithCorrelation('corr-1', () => logger.info({ streamId: 'company-1' }, 'events appended'));
    logger.debug('not at info');
    logger.warn({ correlationId: 'explicit' }, 'caller wins');
    expect(raw.every((s) => s.endsWith('\n') && s.trim().split('\n').length === 1)).toBe(true);
    expect(lines).toHaveLength(2);
    expect(lines[0]).toMatchObject({ level: 'info', service: 'identity', correlationId: 'corr-1', streamId: 'company-1', msg: 'events appended' });
    expect(typeof lines[0].time).toBe('string');
    expect(lines[1]).toMatchObject({ level: 'warn', correlationId: 'explicit' });
  });

  it('never writes a secret, whether in fields, nested headers, messages or child bindings', () => {
    const { raw, destination } = collect();
    const logger = createServiceLogger({ service: 's', level: 'trace', destination });
    logger.child({ token: 'child-secret' }).info({ req: { headers: { authorization: `Bearer ${JWT}`, cookie: 'sid=cookie-secret' } }, password: 'hunter2' }, `signed in with ${JWT}`);
    logger.error(new Error(`refresh_token=refresh-secret rejected`));
    logger.info('login %s', `password=arg-secret`);
    logger.child({ component: 'a' }).child({ clientSecret: 'grand-secret' }).info('from a grandchild');
    const all = raw.join('');
    for (const secret of [JWT, 'child-secret', 'cookie-secret', 'hunter2', 'refresh-secret', 'arg-secret', 'grand-secret']) expect(all).not.toContain(secret);
    expect(all).toContain('[REDACTED]');
    expect(JSON.parse(raw[1])).toMatchObject({ level: 'error', err: { type: 'Error' }, msg: 'refresh_token=[REDACTED] rejected' });
    expect(JSON.parse(raw[3])).toMatchObject({ component: 'a', clientSecret: '[REDACTED]' });
  });

  it('is a Nest LoggerService: context and stack become fields', () => {
    const { lines, destination } = collect();
    const service = new PinoLoggerService(createServiceLogger({ service: 's', level: 'debug', destination }));
    const nest = new NestLogger('companies');
    NestLogger.overrideLogger(service);
    try {
      nest.log('listening');
      nest.error('boom', 'Error: boom\n    at x');
      service.verbose('too fine');
    } finally {
      NestLogger.overrideLogger(false);
    }
    expect(lines).toEqual([
      expect.objectContaining({ level: 'info', context: 'companies', msg: 'listening' }),
      expect.objectContaining({ level: 'error', context: 'companies', msg: 'boom', stack: 'Error: boom\n    at x' }),
    ]);
  });
});
