/** An event as a projection receives it (structurally @opn/projections' ProjectedEvent). */
export interface TestProjectedEvent {
  id: string;
  type: string;
  version: number;
  data: unknown;
  position: number;
  subject: string;
  revision?: number;
  occurredAt: Date | string;
}

/** Structurally a DocumentProjection (@opn/projections' own tests import this lib, so no import back). */
export interface FoldableProjection<D> {
  handles: readonly string[];
  documentId(event: TestProjectedEvent): string | undefined;
  apply(document: D | null, event: TestProjectedEvent): D | null;
}

/**
 * Events for projection unit tests, numbered as a log would: each call gets the next position
 * (and revision = position - 1), so a spec reads as the list of facts it folds.
 */
export function projectedEvents(defaultSubject = 'stream-1') {
  let position = 0;
  return (type: string, data: object, subject = defaultSubject): TestProjectedEvent => ({
    id: `e${++position}`,
    type,
    version: 1,
    data,
    position,
    subject,
    revision: position - 1,
    occurredAt: new Date(),
  });
}

/** Folds events the way the projector does: per document id, unhandled types skipped, null deletes. */
export function foldDocuments<D>(projection: FoldableProjection<D>, events: TestProjectedEvent[]): Map<string, D> {
  const docs = new Map<string, D>();
  for (const e of events) {
    if (!projection.handles.includes(e.type)) continue;
    const id = projection.documentId(e);
    if (id === undefined) continue;
    const next = projection.apply(docs.get(id) ?? null, e);
    if (next) docs.set(id, next);
    else docs.delete(id);
  }
  return docs;
}
