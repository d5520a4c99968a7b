import { definePersonalDataPolicy } from '@opn/kernel';
import type { CollectiveEvent } from './collective/collective.events';

/** The data subject of what a person writes in collectives: one key per person, destroyed when identity erases them. */
export const authorSubject = (personId: string): string => `collectives-person-${personId}`;

/**
 * Collectives' personal data (docs/adr/0009-crypto-shredding.md): what people write, sealed under
 * their author's key (announcements, documents' titles and links, results' descriptions,
 * candidates' statements, reasons for leaving and for reports). Names and purposes of
 * collectives, results' titles and moderators' reasons belong to the collective.
 */
export const COLLECTIVES_PERSONAL_DATA = definePersonalDataPolicy<CollectiveEvent>({
  AnnouncementPosted: { subject: (d) => authorSubject(d.by), fields: ['text'] },
  DocumentAdded: { subject: (d) => authorSubject(d.by), fields: ['title', 'url'] },
  ResultRecorded: { subject: (d) => authorSubject(d.by), fields: ['description'] },
  CandidateStood: { subject: (d) => authorSubject(d.personId), fields: ['statement'] },
  MemberLeft: { subject: (d) => authorSubject(d.personId), fields: ['reason'] },
  ContentReported: { subject: (d) => authorSubject(d.by), fields: ['reason'] },
});
