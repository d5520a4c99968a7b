// eslint-disable-next-line @nx/enforce-module-boundaries -- loaded by jest's globalSetup, which resolves without the @opn/* aliases
import type { Infra } from '../../../infra/src';

// globalSetup and globalTeardown run in the same process (jest's parent), so a global carries the handle.
type WithInfra = typeof globalThis & { __OPN_INFRA__?: Infra };

export function getInfraHandle(): Infra | undefined {
  return (globalThis as WithInfra).__OPN_INFRA__;
}

export function setInfraHandle(infra: Infra | undefined): void {
  (globalThis as WithInfra).__OPN_INFRA__ = infra;
}
