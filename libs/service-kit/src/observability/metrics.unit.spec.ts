import { Body, Controller, Get, INestApplication, Module, Param, Post } from '@nestjs/common';
import { Test } from '@nestjs/testing';
import { ConcurrencyError, EventStore, NewEvent, currentCorrelationId } from '@opn/kernel';
import request from 'supertest';
import { configureHttpApp } from '../bootstrap';
import { instrumentEventStore } from './instrumented-event-store';
import { ServiceMetrics } from './metrics';
import { LOG_DESTINATION, ObservabilityModule } from './observability.module';

/** Value of one series (`name{a="1",b="2"}`, labels in any order) in the exposition text, or undefined when absent. */
const sample = (text: string, series: string): number | undefined => {
  const parse = (s: string) => {
    const m = /^([a-z_:]+)(?:\{(.*)\})?$/.exec(s);
    return m ? `${m[1]}|${(m[2] ?? '').split(',').sort().join(',')}` : s;
  };
  const wanted = parse(series);
  const line = text.split('\n').find((l) => !l.startsWith('#') && parse(l.slice(0, l.lastIndexOf(' '))) === wanted);
  return line === undefined ? undefined : Number(line.slice(line.lastIndexOf(' ') + 1));
};

@Controller('items')
class ItemsController {
  @Get(':id')
  get(@Param('id') id: string) {
    return { id, correlationId: currentCorrelationId() };
  }
  @Post()
  create(@Body() body: { fail?: boolean }) {
    if (body.fail) throw new Error('boom');
    return { correlationId: currentCorrelationId() };
  }
}

@Module({ imports: [ObservabilityModule.forRoot({ service: 'shop' })], controllers: [ItemsController] })
class ShopModule {}

describe('ServiceMetrics', () => {
  it('exposes gauges computed at scrape time from the relay, projections, consumers and lag source', async () => {
    const metrics = new ServiceMetrics({ service: 'shop' });
    let head = 10;
    const store = { headPosition: async () => head };
    metrics.watchEventStore(store);
    metrics.watchRelay('shop.relay', { status: async () => ({ head, position: 7, published: 7 }) });
    metrics.watchProjections({ status: () => [{ name: 'orders', position: 10 }, { name: 'stock', position: 4 }] }, store);
    metrics.watchConsumer('billing', { status: () => ({ handled: 5, retries: 2, deadLettered: 1 }) });
    metrics.watchConsumerLag(async () => [{ group: 'billing', topic: 'shop.order', partition: 0, lag: 3 }]);
    metrics.watchConsumerLag(async () => {
      throw new Error('broker unreachable');
    });

    let text = await metrics.exposition();
    expect(sample(text, 'eventstore_head_position{service="shop"}')).toBe(10);
    expect(sample(text, 'relay_lag_events{relay="shop.relay",service="shop"}')).toBe(3);
    expect(sample(text, 'relay_published_events_total{relay="shop.relay",service="shop"}')).toBe(7);
    expect(sample(text, 'projection_lag_events{projection="orders",service="shop"}')).toBe(0);
    expect(sample(text, 'projection_lag_events{projection="stock",service="shop"}')).toBe(6);
    expect(sample(text, 'consumer_lag_messages{group="billing",topic="shop.order",partition="0",service="shop"}')).toBe(3);
    expect(sample(text, 'consumer_handled_events_total{group="billing",service="shop"}')).toBe(5);
    expect(sample(text, 'consumer_dead_letters_total{group="billing",service="shop"}')).toBe(1);
    expect(text).toContain('# TYPE consumer_dead_letters_total counter');
    expect(text).toMatch(/^process_cpu_user_seconds_total\{service="shop"\} /m);

    head = 12; // a scrape later: read again, not cached
    text = await metrics.exposition();
    expect(sample(text, 'relay_lag_events{relay="shop.relay",service="shop"}')).toBe(5);
    expect(sample(text, 'projection_lag_events{projection="stock",service="shop"}')).toBe(8);
  });

  it('keeps two apps in one process apart (own registry each)', async () => {
    const a = new ServiceMetrics({ service: 'a', defaultMetrics: false });
    const b = new ServiceMetrics({ service: 'b', defaultMetrics: false });
    a.countAppend('ok', 3);
    expect(sample(await a.exposition(), 'eventstore_appended_events_total{service="a"}')).toBe(3);
    expect(sample(await b.exposition(), 'eventstore_appended_events_total{service="b"}')).toBe(0);
  });

  it('counts appends by result and appended events through the store decorator, everything else untouched', async () => {
    const metrics = new ServiceMetrics({ service: 's', defaultMetrics: false });
    const failure: { next?: Error } = {};
    const inner = {
      kind: 'fake',
      extra: () => 'checkpoint methods survive',
      appendToStream: async (streamId: string, events: NewEvent[]) => {
        if (failure.next) throw failure.next;
        const recorded = events.map((e, i) => ({ ...e, id: `e${i}`, version: 1, streamId, revision: i, position: i + 1, occurredAt: new Date(), recordedAt: new Date(), metadata: {} }));
        return { nextExpectedRevision: events.length - 1, lastPosition: events.length, events: recorded };
      },
      headPosition: async () => 2,
    } as unknown as EventStore & { extra(): string };
    const store = instrumentEventStore(inner, { metrics });
    await store.appendToStream('s-1', [{ type: 'A', data: {} }, { type: 'B', data: {} }]);
    failure.next = new ConcurrencyError('s-1', '0', '1');
    await expect(store.appendToStream('s-1', [{ type: 'A', data: {} }])).rejects.toBeInstanceOf(ConcurrencyError);
    expect(store.extra()).toBe('checkpoint methods survive');
    expect(store.kind).toBe('fake');
    const text = await metrics.exposition();
    expect(sample(text, 'eventstore_appends_total{result="ok",service="s"}')).toBe(1);
    expect(sample(text, 'eventstore_appends_total{result="conflict",service="s"}')).toBe(1);
    expect(sample(text, 'eventstore_appended_events_total{service="s"}')).toBe(2);
  });
});

describe('HTTP observability in a Nest app', () => {
  let app: INestApplication;
  const lines: Array<Record<string, unknown>> = [];
  beforeAll(async () => {
    process.env.LOG_LEVEL = 'debug';
    const moduleRef = await Test.createTestingModule({ imports: [ShopModule] })
      .overrideProvider(LOG_DESTINATION)
      .useValue({ write: (s: string) => void lines.push(JSON.parse(s)) })
      .compile();
    app = moduleRef.createNestApplication({ bodyParser: false, logger: false });
    configureHttpApp(app, { title: 'shop', description: 'test' });
    await app.init();
  });
  afterAll(async () => {
    delete process.env.LOG_LEVEL;
    await app.close();
  });

  it('labels requests by route template, never by raw path, and logs one access line without the query', async () => {
    const http = () => request(app.getHttpServer());
    const res = await http().get('/items/42?access_token=abc').set('x-correlation-id', 'corr-42').expect(200);
    expect(res.headers['x-correlation-id']).toBe('corr-42');
    expect(res.body.correlationId).toBe('corr-42'); // the handler runs inside the request's context
    await http().get('/items/43').expect(200);
    await http().get('/no/such/path/123').expect(404);
    await http().post('/items').send({ fail: true }).expect(500);
    // after the body parser too (its callbacks come from the socket's events, not from the middleware)
    const posted = await http().post('/items').set('x-correlation-id', 'corr-post').send({ a: 'x'.repeat(20000) }).expect(201);
    expect(posted.body.correlationId).toBe('corr-post');
    const made = await http().get('/items/44').set('x-correlation-id', 'not valid!').expect(200);
    expect(made.headers['x-correlation-id']).toMatch(/^[0-9a-f-]{36}$/);

    const text = (await http().get('/metrics').expect(200).expect('content-type', /text\/plain/)).text;
    expect(sample(text, 'http_request_duration_seconds_count{method="GET",route="/items/:id",status="200",service="shop"}')).toBe(3);
    expect(sample(text, 'http_request_duration_seconds_count{method="GET",route="unmatched",status="404",service="shop"}')).toBe(1);
    expect(sample(text, 'http_request_duration_seconds_count{method="POST",route="/items",status="500",service="shop"}')).toBe(1);
    expect(text).not.toMatch(/route="\/items\/4\d|\/no\/such/);

    const access = lines.filter((l) => l.msg === 'request completed');
    expect(access[0]).toEqual(
      expect.objectContaining({ level: 'info', service: 'shop', method: 'GET', route: '/items/:id', status: 200, correlationId: 'corr-42', durationMs: expect.any(Number) }),
    );
    expect(JSON.stringify(lines)).not.toContain('access_token');
    expect(access.find((l) => l.status === 500)).toMatchObject({ level: 'error', route: '/items' });
    // the 500's stack came through Nest's logger as a JSON line carrying the request's correlation id
    expect(lines.find((l) => l.context === 'errors')).toMatchObject({ level: 'error', correlationId: expect.any(String) });
  });
});
