export type HealthState = 'ok' | 'degraded' | 'down';

export interface HealthCheck {
  name: string;
  /** 'down' only for what makes the service unable to accept commands (its event store). */
  check(): Promise<{ state: HealthState; details?: Record<string, unknown> }>;
}

export interface HealthReport {
  status: HealthState;
  checks: Record<string, { state: HealthState; details?: Record<string, unknown> }>;
}

/** Worst state wins; a check that throws or hangs counts as degraded, or down when it is critical. */
export async function runHealthChecks(checks: HealthCheck[], timeoutMs = 2000): Promise<HealthReport> {
  const results = await Promise.all(
    checks.map(async (c) => {
      try {
        const result = await Promise.race([
          c.check(),
          new Promise<never>((_, reject) => setTimeout(() => reject(new Error('health check timed out')), timeoutMs).unref()),
        ]);
        return [c.name, result] as const;
      } catch (e) {
        return [c.name, { state: 'degraded' as HealthState, details: { error: e instanceof Error ? e.message : String(e) } }] as const;
      }
    }),
  );
  const rank: Record<HealthState, number> = { ok: 0, degraded: 1, down: 2 };
  const status = results.reduce<HealthState>((worst, [, r]) => (rank[r.state] > rank[worst] ? r.state : worst), 'ok');
  return { status, checks: Object.fromEntries(results) };
}
