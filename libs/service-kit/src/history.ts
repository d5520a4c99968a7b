import { EventStore, RecordedEvent } from '@opn/kernel';
import { Page, PageQuery, pageOf } from './pagination';

/** One step of an aggregate's history as a reader may see it: what happened, who did it, when. */
export interface HistoryEntry {
  revision: number;
  type: string;
  /** The acting person id, or 'system' for the platform. */
  by: string;
  at: string;
  /** What the reader may see of the step's data (the mapper leaves out the rest). */
  details: Record<string, unknown>;
}

/**
 * A page of an aggregate's history, read from its stream (oldest first): `visible` decides, per
 * event, what this reader may see of it (null hides the step entirely, and the total counts only
 * the steps shown, so a hidden step cannot be inferred from a count).
 */
export async function readHistory(
  store: EventStore,
  streamId: string,
  page: PageQuery,
  visible: (event: RecordedEvent) => Omit<HistoryEntry, 'revision'> | null,
): Promise<Page<HistoryEntry>> {
  const entries: HistoryEntry[] = [];
  for (const event of await store.readStream(streamId)) {
    const entry = visible(event);
    if (entry) entries.push({ revision: event.revision, ...entry });
  }
  const from = (page.page - 1) * page.limit;
  return pageOf(entries.slice(from, from + page.limit), entries.length, page);
}
