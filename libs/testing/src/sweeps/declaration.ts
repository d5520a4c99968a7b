import type { INestApplication } from '@nestjs/common';
import type { EventStore } from '@opn/kernel';
import type { Connection } from 'mongoose';

/**
 * What a service declares once so that every sweep (coverage, BOLA, mass assignment, fuzzing,
 * rebuild) runs against it. Operation keys are `METHOD /path/{param}` exactly as the service's
 * OpenAPI document spells them (`PATCH /companies/{companyId}`).
 */
export interface ServiceSweepDeclaration<F extends SweepFixture = SweepFixture> {
  service: string;
  /** The running service, in-process: the sweeps call it over HTTP (`/openapi.json`, `/health`, every operation). */
  app: INestApplication;
  /** What the service kit gives the app, handed over by the spec (see SweepKit). */
  kit: SweepKit;
  /** Creates tenant A's resources and the callers; called once per sweep so sweeps do not share state. */
  fixture(): Promise<F>;
  /** Every operation of the OpenAPI document, classified. An operation missing here fails the coverage sweep. */
  operations: Record<string, OperationDeclaration<F>>;
  /** The service's projections (`definition.projections`): each is rebuilt from the log and compared with the live read model. */
  projections: SweptProjection[];
  /** Extra privileged fields to plant in bodies, beside DEFAULT_PRIVILEGED_FIELDS (name -> a tempting value). */
  privilegedFields?: Record<string, unknown>;
  /** Fields a rebuilt document may differ in, per projection name, each with the documented reason. Default: none. */
  rebuildIgnores?: Record<string, { fields: string[]; because: string }>;
  fuzz?: FuzzOptions;
}

/** The PRNG seed is not declared: it is SWEEP_SEED from the environment, else 20261130, and shows in the test title and report. */
export interface FuzzOptions {
  /** Requests per operation (default 100; SWEEP_FUZZ_PER_OPERATION overrides it for a longer run). */
  perOperation?: number;
  /** Time bound of the whole fuzz sweep (default 120 s): past it, the remaining operations get fewer requests, and the report says so. */
  maxSeconds?: number;
}

/** The callers and tenant A's resources. Tokens are bearer access tokens. */
export interface SweepFixture {
  /** A user of tenant A allowed to do everything on A's resources (a company admin). */
  owner: string;
  /** A signed-in user of another tenant B (with resources of its own), related to nothing of A's. */
  outsider: string;
  /** A platform admin, when the service has admin-only operations. */
  admin?: string;
  /** Path parameter values: ids of A's resources (`companyId`, `invitationId`, ...) and valid values of the other parameters (`purpose`, `role`). */
  params: Record<string, string>;
}

/** One valid request of an operation: `request()` of a declaration returns it, and every sweep starts from it. */
export interface SweepRequest {
  /** Bearer token; default: the owner's, or none for public operations; null: anonymous. */
  token?: string | null;
  /** Overrides of the fixture's path parameter values for this operation. */
  params?: Record<string, string>;
  /** JSON body. */
  body?: unknown;
  headers?: Record<string, string>;
  query?: Record<string, string>;
}

/**
 * How an operation is guarded, which is what the BOLA sweep checks:
 * - `public`: open to anonymous callers (sign-up, health, keys);
 * - `signed-in`: any signed-in user, on no resource of another tenant (the directory, registering a company);
 * - `self`: acts on the caller only (`/me...`), so no id of anyone else can be sent;
 * - `tenant`: the path parameters named in `ids` address resources of one tenant: anyone outside gets 404,
 *   exactly like a random id;
 * - `open`: readable by every signed-in user by design (`because` says why, e.g. a public profile): an
 *   outsider gets 2xx, a random id 404;
 * - `admin`: platform admins only: everyone else gets the same 403 whatever the ids (no existence oracle),
 *   an admin gets 404 for a random id.
 */
export type Access =
  | { access: 'public' }
  | { access: 'signed-in' }
  | { access: 'self' }
  | { access: 'tenant'; ids: string[] }
  | { access: 'open'; ids: string[]; because: string }
  | { access: 'admin'; ids: string[] };

export type OperationDeclaration<F extends SweepFixture = SweepFixture> = Access & {
  /** A valid request (it must succeed when sent as is; it may create what it needs first). Default: no body, fixture params. */
  request?: (fixture: F) => SweepRequest | Promise<SweepRequest>;
  /**
   * Requests in which another tenant uses A's ids where the path does not carry them (body, query),
   * e.g. accepting A's invitation: each must get 404 and write nothing. Token default: the outsider's.
   */
  foreign?: (fixture: F) => SweepRequest[] | Promise<SweepRequest[]>;
};

/** What every sweep returns: the requests it sent and one line per violation (empty when it passes). */
export interface SweepReport {
  sweep: string;
  requests: number;
  failures: string[];
  notes: string[];
}

/**
 * The kit's parts the sweeps need beyond HTTP, passed in by the service's spec:
 * `{ store: app.get(EVENT_STORE), mongo: app.get(MONGO), rebuildProjection }`. @opn/testing may not
 * import @opn/service-kit or @opn/projections at run time: their libraries' own specs import
 * @opn/testing, and Nx refuses the cycle.
 */
export interface SweepKit {
  /** The service's event store: its head tells whether a refused request wrote anything, and the rebuild reads it. */
  store: EventStore;
  /** The service's MongoDB connection: the live read models, and the server the rebuilds go to (a fresh database). */
  mongo: Connection;
  /** `rebuildProjection` from @opn/projections. */
  rebuildProjection(options: { store: EventStore; connection: Connection; projection: SweptProjection }): Promise<{ events: number }>;
}

/** What the sweeps read of a `DocumentProjection` (a structural type, for the same reason as SweepKit). */
export interface SweptProjection {
  name: string;
  collection: string;
}
