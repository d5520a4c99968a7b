import { getInfraHandle, setInfraHandle } from './infra-handle';

export default async function globalTeardown(): Promise<void> {
  const infra = getInfraHandle();
  if (!infra) return;
  setInfraHandle(undefined);
  await infra.stop();
}
