import { DocumentProjection, ProjectedEvent } from './projection';

/**
 * A read model kept in the service's memory, for the questions MongoDB (and FerretDB above all)
 * cannot answer fast: free-text search, membership in array fields without multikey indexes, graph
 * walks. It is the same kind of pure fold as a DocumentProjection, fed by the same events from the
 * local log by the LocalProjectionRunner, replayed from the start of the log at every start-up
 * (nothing is persisted: the log is the truth), and part of read-your-writes like every read model.
 * Subclasses keep their own search structures up to date in `changed`.
 */
export abstract class MemoryReadModel<Doc extends object> {
  private readonly documents = new Map<string, Doc>();
  private markReady!: () => void;
  private isReady = false;
  /** Resolves once the start-up replay reached the head of the log seen when it started. */
  readonly ready: Promise<void> = new Promise<void>((resolve) => (this.markReady = resolve));

  /** The fold: which document an event touches and what it becomes (null removes it). */
  abstract readonly projection: Pick<DocumentProjection<Doc>, 'name' | 'handles' | 'documentId' | 'apply'>;

  /** Called once per document that an event changed, after the fold (null: removed). */
  protected abstract changed(id: string, before: Doc | undefined, after: Doc | null): void;

  get size(): number {
    return this.documents.size;
  }

  get(id: string): Doc | undefined {
    return this.documents.get(id);
  }

  values(): IterableIterator<Doc> {
    return this.documents.values();
  }

  /** True once the start-up replay caught up (queries may wait on `ready` before that). */
  get caughtUp(): boolean {
    return this.isReady;
  }

  /** Folds a batch of events from the log, in order. Used by the runner; pure apart from this object. */
  apply(events: readonly ProjectedEvent[]): void {
    const handles = new Set(this.projection.handles);
    for (const event of events) {
      if (!handles.has(event.type)) continue;
      const id = this.projection.documentId(event);
      if (id === undefined) continue;
      const before = this.documents.get(id);
      const after = this.projection.apply(before ?? null, event);
      if (after === before) continue;
      if (after === null) {
        if (before === undefined) continue;
        this.documents.delete(id);
      } else {
        this.documents.set(id, after);
      }
      this.changed(id, before, after);
    }
  }

  /** Called by the runner when the start-up replay reached the head of the log. */
  caughtUpWithLog(): void {
    if (this.isReady) return;
    this.isReady = true;
    this.markReady();
  }
}

/**
 * A memory read model that also answers "which documents belong to key K" (a company's
 * relations, a person's ties, a company's needs): the lookups FerretDB can only answer by scanning
 * an array field. Usually built on the same fold as a MongoDB projection (`projection =
 * relationsProjection`), so the two stores cannot disagree: MongoDB serves documents by id and
 * survives restarts, this serves lists with exact totals.
 */
export abstract class KeyedMemoryReadModel<Doc extends object> extends MemoryReadModel<Doc> {
  private readonly byKey = new Map<string, Set<string>>();

  /** The keys a document is listed under (e.g. its two companies). */
  protected abstract keysOf(document: Doc): readonly string[];

  protected changed(id: string, before: Doc | undefined, after: Doc | null): void {
    const old = before ? this.keysOf(before) : [];
    const now = after ? this.keysOf(after) : [];
    for (const key of old) {
      if (now.includes(key)) continue;
      const ids = this.byKey.get(key);
      ids?.delete(id);
      if (ids?.size === 0) this.byKey.delete(key);
    }
    for (const key of now) {
      let ids = this.byKey.get(key);
      if (!ids) this.byKey.set(key, (ids = new Set()));
      ids.add(id);
    }
  }

  /** Ids of the documents listed under `key`. */
  idsFor(key: string): string[] {
    return [...(this.byKey.get(key) ?? [])];
  }

  /** `[id, document]` pairs listed under `key`. */
  entriesFor(key: string): Array<[string, Doc]> {
    return this.idsFor(key).map((id) => [id, this.get(id)!]);
  }
}
