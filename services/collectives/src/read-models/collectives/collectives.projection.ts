import { Injectable } from '@nestjs/common';
import { DocumentProjection, MemoryReadModel } from '@opn/projections';
import { AlumnusPeriod, Collective, CollectiveEvent, evolve } from '../../domain';

/** How an election ended, as its members read it afterwards (the ballots themselves stay secret). */
export interface ElectionOutcome {
  outcome: 'elected' | 'failed';
  leaders?: string[];
  reason?: 'no_quorum' | 'no_candidate';
  tally?: Array<{ personId: string; votes: number; contribution: number }>;
  turnout: number;
  needed?: number;
  closedAt: string;
}

/**
 * A collective as the service reads it: the decider's own state (one fold for commands and
 * queries, so that roles, terms and contributions never disagree) and what only readers need:
 * candidates' statements, election outcomes, alumni and the lifecycle's dates.
 */
export type CollectiveView = Collective & {
  statements: Record<string, Record<string, string>>;
  outcomes: Record<string, ElectionOutcome>;
  alumni?: AlumnusPeriod[];
  alumniTies?: number;
  lifecycle: Array<{ status: Collective['status']; at: string; by: string; reason?: string }>;
  updatedAt: string;
};

/** What the read model keeps of a ballot. */
export const SECRET_BALLOT = 'secret';

/** Every event of a collective's stream (one aggregate). */
export const COLLECTIVE_EVENTS: readonly CollectiveEvent['type'][] = [
  'CollectiveProposed',
  'CollectiveUpdated',
  'FormingStarted',
  'CollectiveActivated',
  'DeliveryStarted',
  'CollectiveDissolved',
  'AlumniTieFormed',
  'CollectiveArchived',
  'CollectiveCancelled',
  'MemberInvited',
  'InvitationDeclined',
  'MemberJoined',
  'MemberLeft',
  'MemberRemoved',
  'ElectionCalled',
  'CandidateStood',
  'VoteCast',
  'LeadersElected',
  'ElectionFailed',
  'LeadershipRotated',
  'AnnouncementPosted',
  'MeetingScheduled',
  'AttendanceRecorded',
  'DocumentAdded',
  'ResultRecorded',
  'ContentReported',
  'ContentHidden',
  'ContentRestored',
  'ReportDismissed',
  'PersonErased',
  'ContentErased',
  'ReportErased',
  'AlumniTieErased',
];

const LIFECYCLE: Partial<Record<CollectiveEvent['type'], Collective['status']>> = {
  CollectiveProposed: 'proposed',
  FormingStarted: 'forming',
  CollectiveActivated: 'active',
  DeliveryStarted: 'delivering',
  CollectiveDissolved: 'dissolving',
  CollectiveArchived: 'archived',
  CollectiveCancelled: 'archived',
};

/** Pure fold of a collective's events (MongoDB `collectives`, and the CollectiveIndex in memory). */
export const collectivesProjection: DocumentProjection<CollectiveView> = {
  name: 'collectives.collectives',
  collection: 'collectives',
  handles: COLLECTIVE_EVENTS,
  documentId: (e) => (e.data as { collectiveId: string }).collectiveId,
  apply: (doc, recorded) => {
    const e = recorded as unknown as CollectiveEvent;
    if (e.type === 'AlumniTieFormed' || e.type === 'AlumniTieErased') return doc;
    const before = e.type === 'CollectiveProposed' ? undefined : doc;
    if (e.type !== 'CollectiveProposed' && !before) return doc;
    const state = evolve(before ?? { status: 'none' }, e);
    if (state.status === 'none') return doc;
    const at = e.data.at;
    // Ballots stay secret in the read model too: it keeps who voted, not for whom (the count reads the log).
    if (e.type === 'VoteCast') {
      const election = state.elections[e.data.electionId];
      state.elections = { ...state.elections, [e.data.electionId]: { ...election, ballots: { ...election.ballots, [e.data.voterId]: SECRET_BALLOT } } };
    }
    let view: CollectiveView = {
      statements: {},
      outcomes: {},
      lifecycle: [],
      ...(before ?? {}),
      ...state,
      updatedAt: at,
    };
    const status = LIFECYCLE[e.type];
    if (status) {
      const reason = (e.data as { reason?: string }).reason;
      view = { ...view, lifecycle: [...view.lifecycle, { status, at, by: e.data.by, ...(reason ? { reason } : {}) }] };
    }
    switch (e.type) {
      case 'CandidateStood':
        if (e.data.statement) view = { ...view, statements: { ...view.statements, [e.data.electionId]: { ...view.statements[e.data.electionId], [e.data.personId]: e.data.statement } } };
        break;
      case 'LeadersElected':
        view = { ...view, outcomes: { ...view.outcomes, [e.data.electionId]: { outcome: 'elected', leaders: e.data.leaders, tally: e.data.tally, turnout: e.data.turnout, closedAt: at } } };
        break;
      case 'ElectionFailed':
        view = { ...view, outcomes: { ...view.outcomes, [e.data.electionId]: { outcome: 'failed', reason: e.data.reason, turnout: e.data.turnout, needed: e.data.needed, closedAt: at } } };
        break;
      case 'CollectiveDissolved':
        view = { ...view, alumni: e.data.alumni, alumniTies: e.data.ties };
        break;
      case 'PersonErased': {
        const p = e.data.personId;
        const statements = Object.fromEntries(Object.entries(view.statements).map(([k, byPerson]) => [k, Object.fromEntries(Object.entries(byPerson).filter(([who]) => who !== p))]));
        view = { ...view, statements };
        if (view.alumni) view = { ...view, alumni: view.alumni.filter((a) => a.personId !== p), alumniTies: (view.alumniTies ?? 0) - e.data.ties };
        break;
      }
    }
    return view;
  },
  indexes: [{ fields: { status: 1 } }],
};

/**
 * Every collective in memory: discovery filters them, access decides from their members and
 * invitations, and each person's current and past collectives are indexed.
 */
@Injectable()
export class CollectiveIndex extends MemoryReadModel<CollectiveView> {
  readonly projection = collectivesProjection;
  /** personId -> collectives they are in, invited to, alumni of, were ever members of, or wrote or reported in. */
  private readonly byPerson = new Map<string, Set<string>>();

  protected changed(id: string, before: CollectiveView | undefined, after: CollectiveView | null): void {
    for (const p of peopleOf(before)) this.byPerson.get(p)?.delete(id);
    for (const p of peopleOf(after ?? undefined)) {
      let set = this.byPerson.get(p);
      if (!set) this.byPerson.set(p, (set = new Set()));
      set.add(id);
    }
  }

  /** The collectives a person is in, invited to, an alumnus of, was a member of, or wrote or reported in (callers filter). */
  of(personId: string): CollectiveView[] {
    return [...(this.byPerson.get(personId) ?? [])].map((id) => this.get(id)!).filter(Boolean);
  }
}

function peopleOf(view: CollectiveView | undefined): string[] {
  if (!view) return [];
  return [
    ...new Set([
      ...Object.keys(view.members),
      ...Object.keys(view.invitations),
      ...(view.alumni ?? []).map((a) => a.personId),
      ...view.stints.map((s) => s.personId),
      ...Object.values(view.content).map((c) => c.by),
      ...Object.values(view.reports).flatMap((r) => (r.by ? [r.by] : [])),
    ]),
  ];
}
