import {
  assertNever,
  commandHandler,
  Decider,
  ForbiddenError,
  IllegalStateError,
  instant,
  invalid,
  nafPrefix,
  NotFoundError,
  optionalDateAfterToday,
  optionalText,
  requiredText,
  requiredToken,
  sameJson,
  streamName,
  validateFields,
  ValidationError,
} from '@opn/kernel';
import {
  COLLECTIVE_ACCESSES,
  COLLECTIVE_RHYTHMS,
  CONTENT_KINDS,
  CollectiveAccess,
  CollectiveCommand,
  CollectiveRhythm,
  CollectiveRole,
  CollectiveStatus,
  ContentKind,
  ContentTarget,
  INVITED_ROLES,
  InvitedRole,
  LEADERSHIP_MODES,
  LeadershipMode,
  ModerationAuthority,
  OCCASION_KINDS,
  OccasionKind,
  RESULT_KINDS,
  ResultKind,
} from './collective.commands';
import { AlumniTieFormed, AlumnusPeriod, CollectiveChanges, CollectiveEvent, CollectivePerimeter, Governance, Occasion } from './collective.events';

export const NAME_MAX = 120;
export const PURPOSE_MAX = 4000;
export const TITLE_MAX = 200;
export const TEXT_MAX = 4000;
export const REASON_MAX = 1000;
export const STATEMENT_MAX = 1000;
export const PLACE_MAX = 300;
export const URL_MAX = 2000;
/** Most members (initiator, leaders, members) at once: about the number of people one can know well (11,175 pairs; turnover while active adds alumni beyond them). */
export const MAX_MEMBERS = 150;
export const MAX_GUESTS = 150;
/**
 * Most distinct people who may ever be members of one collective (leavers included): its alumni
 * ties are written in one append when it dissolves, at most 44,850 of them.
 */
export const MAX_LIFETIME_MEMBERS = 300;
export const PERIMETER_MAX = 100;
export const MAX_SEATS = 5;
/** An election closes at most this many days after it is called. */
export const ELECTION_MAX_DAYS = 31;

export const DEFAULT_GOVERNANCE: Readonly<Governance> = { mode: 'election', termMonths: 6, quorum: 0.5, rotationDays: 30 };
export const DEFAULT_MIN_MEMBERS = 3;

/** Someone in the collective now. */
export interface Member {
  personId: string;
  role: CollectiveRole;
  companyId?: string;
  /** Since when they hold this role. */
  since: string;
  /** A leader's last instant of leadership (exclusive): elected for a term, or their turn in a rotation. */
  termEnds?: string;
}

/** One period of membership (not as a guest): from joining to leaving (open while in). */
export interface Stint {
  personId: string;
  companyId?: string;
  from: string;
  to?: string;
}

/** What a member brought, as counted for elections (hidden content does not count). */
export interface Contribution {
  announcements: number;
  documents: number;
  results: number;
  meetingsAttended: number;
}

export interface Election {
  electionId: string;
  seats: number;
  closesAt: string;
  /** The non-guest members when it was called, sorted: each has one vote. */
  electorate: string[];
  /** Votes needed for the result to count. */
  quorum: number;
  /** In the order they stood. */
  candidates: string[];
  /** voter -> candidate. */
  ballots: Record<string, string>;
  open: boolean;
}

export interface PublishedContent {
  kind: ContentKind;
  by: string;
  /** A result's contributors (credited for it); the author otherwise. */
  credited: string[];
  hidden: boolean;
  /** Its author was erased: its text is gone. */
  erased?: boolean;
}

export interface Collective {
  status: CollectiveStatus;
  collectiveId: string;
  name: string;
  purpose: string;
  occasion: Occasion;
  rhythm: CollectiveRhythm;
  access: CollectiveAccess;
  perimeter: CollectivePerimeter;
  expectedEnd?: string;
  minMembers: number;
  governance: Governance;
  initiator: string;
  /** The people in it now, guests included. */
  members: Record<string, Member>;
  /** Every membership period (not as a guest), in the order they started. */
  stints: Stint[];
  invitations: Record<string, InvitedRole>;
  elections: Record<string, Election>;
  /** The member whose turn it was last (rotation). */
  lastRotated?: string;
  contributions: Record<string, Contribution>;
  /** By `kind:id`. */
  content: Record<string, PublishedContent>;
  /** meetingId -> who scheduled it, when, and who was present. */
  meetings: Record<string, { by: string; startsAt: string; present: string[] }>;
  reports: Record<string, { target: ContentTarget; status: 'open' | 'resolved'; by?: string; erased?: boolean }>;
  createdAt: string;
  activatedAt?: string;
  dissolvedAt?: string;
}

export type CollectiveState = { status: 'none' } | Collective;

/** `collective-<id>` */
export const collectiveStreamId = (collectiveId: string): string => streamName('collective', collectiveId);

export const initialState = (): CollectiveState => ({ status: 'none' });

export const contentKey = (target: ContentTarget): string => `${target.kind}:${target.id}`;

const NO_CONTRIBUTION: Contribution = { announcements: 0, documents: 0, results: 0, meetingsAttended: 0 };

export const contributionOf = (state: Pick<Collective, 'contributions'>, personId: string): Contribution => state.contributions[personId] ?? NO_CONTRIBUTION;

/** How a contribution weighs in an election's tie-break and on the members' page: results 3, meetings attended 2, announcements and documents 1. */
export const contributionScore = (c: Contribution): number => 3 * c.results + 2 * c.meetingsAttended + c.announcements + c.documents;

/** Members with a vote and a say: everyone but guests. */
export const isFullMember = (state: Pick<Collective, 'members'>, personId: string): boolean => {
  const m = state.members[personId];
  return m !== undefined && m.role !== 'guest';
};

export const fullMembers = (state: Pick<Collective, 'members'>): Member[] => Object.values(state.members).filter((m) => m.role !== 'guest');

/** Leaders whose term or turn has not ended at `now`. */
export const currentLeaders = (state: Pick<Collective, 'members'>, now: string): string[] =>
  Object.values(state.members)
    .filter((m) => m.role === 'leader' && (m.termEnds === undefined || m.termEnds > now))
    .map((m) => m.personId)
    .sort();

/** Who organises now: the current leaders, or the initiator (still a member) while there is none. */
export const isOrganiser = (state: Collective, personId: string, now: string): boolean => {
  const leaders = currentLeaders(state, now);
  return leaders.includes(personId) || (leaders.length === 0 && personId === state.initiator && state.members[personId] !== undefined);
};

/** The open election, if any. */
export const openElection = (state: Pick<Collective, 'elections'>): Election | undefined => Object.values(state.elections).find((e) => e.open);

// ---------------------------------------------------------------------------------------------
// values

function oneOf<T extends string>(values: readonly T[]) {
  return (value: unknown, field: string): T => {
    if (!(values as readonly unknown[]).includes(value)) throw invalid(field, `must be one of ${values.join(', ')}`);
    return value as T;
  };
}

export const rhythm = oneOf<CollectiveRhythm>(COLLECTIVE_RHYTHMS);
export const access = oneOf<CollectiveAccess>(COLLECTIVE_ACCESSES);
const occasionKind = oneOf<OccasionKind>(OCCASION_KINDS);
const leadershipMode = oneOf<LeadershipMode>(LEADERSHIP_MODES);
const invitedRole = oneOf<InvitedRole>(INVITED_ROLES);
const contentKind = oneOf<ContentKind>(CONTENT_KINDS);
const resultKind = oneOf<ResultKind>(RESULT_KINDS);

function wholeNumber(value: unknown, field: string, min: number, max: number): number {
  if (typeof value !== 'number' || !Number.isInteger(value) || value < min || value > max) throw invalid(field, `must be a whole number from ${min} to ${max}`);
  return value;
}

function record(value: unknown, field: string): Record<string, unknown> {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) throw invalid(field, 'must be an object');
  return value as Record<string, unknown>;
}

export function occasion(value: unknown, field = 'occasion'): Occasion {
  const o = record(value, field);
  const v = validateFields({
    kind: () => occasionKind(o.kind, `${field}.kind`),
    title: () => requiredText(o.title, `${field}.title`, TITLE_MAX),
    date: () => {
      if (o.date === undefined) return undefined;
      if (typeof o.date !== 'string' || !/^\d{4}-\d{2}-\d{2}$/.test(o.date) || Number.isNaN(Date.parse(`${o.date}T00:00:00Z`)) || new Date(`${o.date}T00:00:00Z`).toISOString().slice(0, 10) !== o.date) {
        throw invalid(`${field}.date`, 'must be a calendar date YYYY-MM-DD');
      }
      return o.date;
    },
  });
  return { kind: v.kind, title: v.title, ...(v.date !== undefined ? { date: v.date } : {}) };
}

function ids(value: unknown, field: string, max: number): string[] {
  if (value === undefined) return [];
  if (!Array.isArray(value)) throw invalid(field, 'must be a list');
  if (value.length > max) throw invalid(field, `must hold at most ${max} entries`);
  return [...new Set(value.map((x, i) => requiredToken(x, `${field}[${i}]`)))].sort();
}

export function perimeter(value: unknown, field = 'perimeter'): CollectivePerimeter {
  if (value === undefined) return { territories: [], sectors: [] };
  const p = record(value, field);
  const v = validateFields({
    territories: () => ids(p.territories, `${field}.territories`, PERIMETER_MAX),
    sectors: () => {
      if (p.sectors === undefined) return [];
      if (!Array.isArray(p.sectors)) throw invalid(`${field}.sectors`, 'must be a list');
      if (p.sectors.length > PERIMETER_MAX) throw invalid(`${field}.sectors`, `must hold at most ${PERIMETER_MAX} entries`);
      return validateFields(Object.fromEntries(p.sectors.map((s, i) => [String(i), () => nafPrefix(s, `${field}.sectors[${i}]`)])));
    },
  });
  return { territories: v.territories, sectors: [...new Set(Object.values(v.sectors))].sort() };
}

export function governance(value: unknown, field = 'governance'): Governance {
  if (value === undefined) return { ...DEFAULT_GOVERNANCE };
  const g = record(value, field);
  const v = validateFields({
    mode: () => leadershipMode(g.mode, `${field}.mode`),
    termMonths: () => (g.termMonths === undefined ? DEFAULT_GOVERNANCE.termMonths : wholeNumber(g.termMonths, `${field}.termMonths`, 1, 24)),
    quorum: () => {
      if (g.quorum === undefined) return DEFAULT_GOVERNANCE.quorum;
      if (typeof g.quorum !== 'number' || !Number.isFinite(g.quorum) || g.quorum < 0.1 || g.quorum > 1) throw invalid(`${field}.quorum`, 'must be a share of the electorate from 0.1 to 1');
      return g.quorum;
    },
    rotationDays: () => (g.rotationDays === undefined ? DEFAULT_GOVERNANCE.rotationDays : wholeNumber(g.rotationDays, `${field}.rotationDays`, 7, 365)),
  });
  return v;
}

/** An absolute http(s) link: documents are shared by link, never uploaded. */
export function httpUrl(value: unknown, field: string): string {
  if (typeof value !== 'string') throw invalid(field, 'is required');
  const text = value.trim();
  if (text.length > URL_MAX) throw invalid(field, `must be at most ${URL_MAX} characters`);
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    throw invalid(field, 'must be an absolute http or https link');
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') throw invalid(field, 'must be an absolute http or https link');
  return url.toString();
}

export function contentTarget(value: unknown, field = 'target'): ContentTarget {
  const t = record(value, field);
  return validateFields({ kind: () => contentKind(t.kind, `${field}.kind`), id: () => requiredToken(t.id, `${field}.id`) });
}

/** An instant in UTC (`toISOString`), so that instants compare as strings. */
export const utcInstant = (value: unknown, field: string): string => new Date(instant(value, field)).toISOString();

/** `months` later on the same day, or on the month's last day when it has no such day (31 Aug + 6 months = 28 or 29 Feb). */
const addMonths = (at: string, months: number): string => {
  const d = new Date(at);
  const day = d.getUTCDate();
  d.setUTCDate(1);
  d.setUTCMonth(d.getUTCMonth() + months);
  const last = new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + 1, 0)).getUTCDate();
  d.setUTCDate(Math.min(day, last));
  return d.toISOString();
};
const addDays = (at: string, days: number): string => new Date(Date.parse(at) + days * 86_400_000).toISOString();

// ---------------------------------------------------------------------------------------------
// evolve

const credit = (state: Collective, people: readonly string[], field: keyof Contribution, delta: number): Record<string, Contribution> => {
  const next = { ...state.contributions };
  for (const p of people) {
    const c = next[p] ?? NO_CONTRIBUTION;
    next[p] = { ...c, [field]: Math.max(0, c[field] + delta) };
  }
  return next;
};

const CREDIT_FIELD: Record<ContentKind, keyof Contribution> = { announcement: 'announcements', document: 'documents', result: 'results' };

const closeStint = (stints: Stint[], personId: string, at: string): Stint[] => stints.map((s) => (s.personId === personId && s.to === undefined ? { ...s, to: at } : s));

const without = <T>(rec: Record<string, T>, key: string): Record<string, T> => {
  const { [key]: _gone, ...rest } = rec;
  return rest;
};

/** A leader whose lead ends goes back to what they were: the initiator stays the initiator. */
const afterLeading = (state: Collective, personId: string, at: string): Member => {
  const m = state.members[personId];
  const { termEnds: _t, ...rest } = m;
  return { ...rest, role: personId === state.initiator ? 'initiator' : 'member', since: at };
};

const putPublished = (state: Collective, kind: ContentKind, id: string, by: string, credited: string[]): Collective => ({
  ...state,
  content: { ...state.content, [`${kind}:${id}`]: { kind, by, credited, hidden: false } },
  contributions: credit(state, credited, CREDIT_FIELD[kind], 1),
});

/** Every election closed: none is open once the collective ends. */
const closed = (elections: Record<string, Election>): Record<string, Election> =>
  Object.fromEntries(Object.entries(elections).map(([k, e]) => [k, { ...e, open: false }]));

export function evolve(state: CollectiveState, event: CollectiveEvent): CollectiveState {
  if (event.type === 'CollectiveProposed') {
    const d = event.data;
    return {
      status: 'proposed',
      collectiveId: d.collectiveId,
      name: d.name,
      purpose: d.purpose,
      occasion: d.occasion,
      rhythm: d.rhythm,
      access: d.access,
      perimeter: d.perimeter,
      ...(d.expectedEnd !== undefined ? { expectedEnd: d.expectedEnd } : {}),
      minMembers: d.minMembers,
      governance: d.governance,
      initiator: d.by,
      members: { [d.by]: { personId: d.by, role: 'initiator', ...(d.companyId ? { companyId: d.companyId } : {}), since: d.at } },
      stints: [{ personId: d.by, ...(d.companyId ? { companyId: d.companyId } : {}), from: d.at }],
      invitations: {},
      elections: {},
      contributions: {},
      content: {},
      meetings: {},
      reports: {},
      createdAt: d.at,
    };
  }
  if (state.status === 'none') return state;
  const s = state;
  switch (event.type) {
    case 'CollectiveUpdated': {
      const { expectedEnd, ...changes } = event.data.changes;
      const next: Collective = { ...s, ...changes };
      if (expectedEnd !== undefined) {
        if (expectedEnd === '') delete next.expectedEnd;
        else next.expectedEnd = expectedEnd;
      }
      return next;
    }
    case 'FormingStarted':
      return { ...s, status: 'forming' };
    case 'CollectiveActivated':
      return { ...s, status: 'active', activatedAt: event.data.at };
    case 'DeliveryStarted':
      return { ...s, status: 'delivering' };
    case 'CollectiveDissolved':
      // An election still open when it dissolves is void: leadership ends with the collective.
      return { ...s, status: 'dissolving', dissolvedAt: event.data.at, elections: closed(s.elections) };
    case 'AlumniTieFormed':
      return s;
    case 'CollectiveArchived':
    case 'CollectiveCancelled':
      return { ...s, status: 'archived', invitations: {}, elections: closed(s.elections) };
    case 'MemberInvited':
      return { ...s, invitations: { ...s.invitations, [event.data.personId]: event.data.role } };
    case 'InvitationDeclined':
      return { ...s, invitations: without(s.invitations, event.data.personId) };
    case 'MemberJoined': {
      const { personId, role, companyId, at } = event.data;
      const member: Member = { personId, role, ...(companyId ? { companyId } : {}), since: at };
      return {
        ...s,
        members: { ...s.members, [personId]: member },
        invitations: without(s.invitations, personId),
        stints: role === 'guest' ? s.stints : [...s.stints, { personId, ...(companyId ? { companyId } : {}), from: at }],
      };
    }
    case 'MemberLeft':
    case 'MemberRemoved':
      return { ...s, members: without(s.members, event.data.personId), stints: closeStint(s.stints, event.data.personId, event.data.at) };
    case 'ElectionCalled': {
      const { electionId, seats, closesAt, electorate, quorum } = event.data;
      return { ...s, elections: { ...s.elections, [electionId]: { electionId, seats, closesAt, electorate, quorum, candidates: [], ballots: {}, open: true } } };
    }
    case 'CandidateStood': {
      const e = s.elections[event.data.electionId];
      return { ...s, elections: { ...s.elections, [e.electionId]: { ...e, candidates: [...e.candidates, event.data.personId] } } };
    }
    case 'VoteCast': {
      const e = s.elections[event.data.electionId];
      return { ...s, elections: { ...s.elections, [e.electionId]: { ...e, ballots: { ...e.ballots, [event.data.voterId]: event.data.candidateId } } } };
    }
    case 'LeadersElected': {
      const { electionId, leaders, previous, termEnds, at } = event.data;
      const members = { ...s.members };
      for (const p of previous) if (members[p] && !leaders.includes(p)) members[p] = afterLeading(s, p, at);
      for (const p of leaders) if (members[p]) members[p] = { ...members[p], role: 'leader', since: at, termEnds };
      return { ...s, members, elections: { ...s.elections, [electionId]: { ...s.elections[electionId], open: false } } };
    }
    case 'ElectionFailed':
      return { ...s, elections: { ...s.elections, [event.data.electionId]: { ...s.elections[event.data.electionId], open: false } } };
    case 'LeadershipRotated': {
      const { personId, previous, termEnds, at } = event.data;
      const members = { ...s.members };
      for (const p of previous) if (members[p] && p !== personId) members[p] = afterLeading(s, p, at);
      if (members[personId]) members[personId] = { ...members[personId], role: 'leader', since: at, termEnds };
      return { ...s, members, lastRotated: personId };
    }
    case 'AnnouncementPosted':
      return putPublished(s, 'announcement', event.data.announcementId, event.data.by, [event.data.by]);
    case 'DocumentAdded':
      return putPublished(s, 'document', event.data.documentId, event.data.by, [event.data.by]);
    case 'ResultRecorded':
      return putPublished(s, 'result', event.data.resultId, event.data.by, event.data.contributors);
    case 'MeetingScheduled':
      return { ...s, meetings: { ...s.meetings, [event.data.meetingId]: { by: event.data.by, startsAt: event.data.startsAt, present: [] } } };
    case 'AttendanceRecorded': {
      const { meetingId, present, previous } = event.data;
      const removed = previous.filter((p) => !present.includes(p));
      const added = present.filter((p) => !previous.includes(p));
      const contributions = credit({ ...s, contributions: credit(s, removed, 'meetingsAttended', -1) }, added, 'meetingsAttended', 1);
      return { ...s, contributions, meetings: { ...s.meetings, [meetingId]: { ...s.meetings[meetingId], present } } };
    }
    case 'ContentReported':
      return { ...s, reports: { ...s.reports, [event.data.reportId]: { target: event.data.target, status: 'open', by: event.data.by } } };
    case 'ContentHidden':
    case 'ContentRestored': {
      const key = contentKey(event.data.target);
      const c = s.content[key];
      if (!c) return s;
      const hidden = event.type === 'ContentHidden';
      const reports = { ...s.reports };
      if (event.type === 'ContentHidden') for (const r of event.data.resolved) if (reports[r]) reports[r] = { ...reports[r], status: 'resolved' };
      return {
        ...s,
        reports,
        content: { ...s.content, [key]: { ...c, hidden } },
        contributions: credit(s, c.credited, CREDIT_FIELD[c.kind], hidden ? -1 : 1),
      };
    }
    case 'ReportDismissed':
      return { ...s, reports: { ...s.reports, [event.data.reportId]: { ...s.reports[event.data.reportId], status: 'resolved' } } };
    case 'PersonErased': {
      const p = event.data.personId;
      const elections = Object.fromEntries(
        Object.entries(s.elections).map(([k, e]) => [k, { ...e, electorate: e.electorate.filter((x) => x !== p), candidates: e.candidates.filter((x) => x !== p), ballots: without(e.ballots, p) }]),
      );
      return { ...s, members: without(s.members, p), invitations: without(s.invitations, p), stints: s.stints.filter((st) => st.personId !== p), contributions: without(s.contributions, p), elections };
    }
    case 'ContentErased': {
      const key = contentKey(event.data.target);
      return s.content[key] ? { ...s, content: { ...s.content, [key]: { ...s.content[key], erased: true } } } : s;
    }
    case 'ReportErased':
      return s.reports[event.data.reportId] ? { ...s, reports: { ...s.reports, [event.data.reportId]: { ...s.reports[event.data.reportId], erased: true } } } : s;
    case 'AlumniTieErased':
      return s;
    default:
      return assertNever(event);
  }
}

// ---------------------------------------------------------------------------------------------
// decide

export function decide(command: CollectiveCommand, state: CollectiveState): CollectiveEvent[] {
  if (command.type === 'ProposeCollective') return propose(command.data as unknown as Record<string, unknown>, state);
  if (state.status === 'none') throw new NotFoundError('collective not found');
  // Erasure is the law's, not the collective's: it reaches archived collectives too.
  if (command.type === 'ErasePerson') return erasePerson(command.data, state);
  if (state.status === 'archived') throw new IllegalStateError('the collective is archived and takes no command');
  const s = state;
  switch (command.type) {
    case 'UpdateCollective':
      return update(command.data as unknown as Record<string, unknown>, s);
    case 'StartForming':
      return startForming(command.data, s);
    case 'Activate':
      return activate(command.data, s);
    case 'StartDelivering':
      return startDelivering(command.data, s);
    case 'Dissolve':
      return dissolve(command.data, s);
    case 'Archive':
      return archive(command.data, s);
    case 'CancelCollective':
      return cancel(command.data, s);
    case 'InviteMember':
      return inviteMember(command.data, s);
    case 'DeclineInvitation':
      return declineInvitation(command.data, s);
    case 'Join':
      return join(command.data, s);
    case 'Leave':
      return leave(command.data, s);
    case 'RemoveMember':
      return removeMember(command.data, s);
    case 'CallElection':
      return callElection(command.data, s);
    case 'StandForElection':
      return standForElection(command.data, s);
    case 'CastVote':
      return castVote(command.data, s);
    case 'CloseElection':
      return closeElection(command.data, s);
    case 'RotateLeadership':
      return rotateLeadership(command.data, s);
    case 'PostAnnouncement':
      return postAnnouncement(command.data, s);
    case 'ScheduleMeeting':
      return scheduleMeeting(command.data, s);
    case 'RecordAttendance':
      return recordAttendance(command.data, s);
    case 'AddDocument':
      return addDocument(command.data, s);
    case 'RecordResult':
      return recordResult(command.data, s);
    case 'ReportContent':
      return reportContent(command.data, s);
    case 'HideContent':
      return hideContent(command.data, s);
    case 'RestoreContent':
      return restoreContent(command.data, s);
    case 'DismissReport':
      return dismissReport(command.data, s);
    default:
      return assertNever(command);
  }
}

/** Checks `by`, `now` and the command's own fields, reporting every bad field at once. */
function validated<More extends Record<string, () => unknown>>(data: { by: unknown; now: unknown }, more: More) {
  return validateFields({ ...more, by: () => requiredToken(data.by, 'by'), now: () => utcInstant(data.now, 'now') });
}

const common = (s: Collective, v: { by: string; now: string }) => ({ collectiveId: s.collectiveId, by: v.by, at: v.now });

function requireStatus(s: Collective, allowed: readonly CollectiveStatus[], what: string): void {
  if (!allowed.includes(s.status)) throw new IllegalStateError(`cannot ${what}: the collective is ${s.status}`);
}

function requireFullMember(s: Collective, personId: string, what: string): void {
  if (!isFullMember(s, personId)) {
    throw new ForbiddenError(s.members[personId] ? `guests cannot ${what}` : `only members of the collective can ${what}`);
  }
}

function requireOrganiser(s: Collective, personId: string, now: string, what: string): void {
  if (!isOrganiser(s, personId, now)) throw new ForbiddenError(`only the collective's leaders (or its initiator while it has none) can ${what}`);
}

function requireLeader(s: Collective, personId: string, now: string, what: string): void {
  if (!currentLeaders(s, now).includes(personId)) throw new ForbiddenError(`only the collective's leaders can ${what}`);
}

function unusedId(s: Collective, key: string, what: string): void {
  if (s.content[key]) throw new IllegalStateError(`${what} id already used`);
}

const BEFORE_END: readonly CollectiveStatus[] = ['proposed', 'forming', 'active', 'delivering'];
const GATHERING: readonly CollectiveStatus[] = ['forming', 'active', 'delivering'];
const RUNNING: readonly CollectiveStatus[] = ['forming', 'active', 'delivering', 'dissolving'];

function propose(data: Record<string, unknown>, state: CollectiveState): CollectiveEvent[] {
  const v = validated(data as { by: unknown; now: unknown }, {
    collectiveId: () => requiredToken(data.collectiveId, 'collectiveId'),
    name: () => requiredText(data.name, 'name', NAME_MAX),
    purpose: () => requiredText(data.purpose, 'purpose', PURPOSE_MAX),
    occasion: () => occasion(data.occasion),
    rhythm: () => rhythm(data.rhythm, 'rhythm'),
    access: () => access(data.access, 'access'),
    perimeter: () => perimeter(data.perimeter),
    expectedEnd: () => optionalDateAfterToday(data.expectedEnd, 'expectedEnd', data.now),
    minMembers: () => (data.minMembers === undefined ? DEFAULT_MIN_MEMBERS : wholeNumber(data.minMembers, 'minMembers', 2, MAX_MEMBERS)),
    governance: () => governance(data.governance),
    companyId: () => (data.companyId === undefined ? undefined : requiredToken(data.companyId, 'companyId')),
  });
  if (state.status !== 'none') throw new IllegalStateError('collective already exists');
  const { by, now, collectiveId, expectedEnd, companyId, ...rest } = v;
  return [
    {
      type: 'CollectiveProposed',
      data: { collectiveId, ...rest, ...(expectedEnd !== undefined ? { expectedEnd } : {}), ...(companyId !== undefined ? { companyId } : {}), by, at: now },
    },
  ];
}


function update(data: Record<string, unknown>, s: Collective): CollectiveEvent[] {
  const v = validated(data as { by: unknown; now: unknown }, {
    name: () => (data.name === undefined ? undefined : requiredText(data.name, 'name', NAME_MAX)),
    purpose: () => (data.purpose === undefined ? undefined : requiredText(data.purpose, 'purpose', PURPOSE_MAX)),
    occasion: () => (data.occasion === undefined ? undefined : occasion(data.occasion)),
    rhythm: () => (data.rhythm === undefined ? undefined : rhythm(data.rhythm, 'rhythm')),
    access: () => (data.access === undefined ? undefined : access(data.access, 'access')),
    perimeter: () => (data.perimeter === undefined ? undefined : perimeter(data.perimeter)),
    expectedEnd: () => (data.expectedEnd === '' ? '' : optionalDateAfterToday(data.expectedEnd, 'expectedEnd', data.now)),
    minMembers: () => (data.minMembers === undefined ? undefined : wholeNumber(data.minMembers, 'minMembers', 2, MAX_MEMBERS)),
  });
  requireStatus(s, BEFORE_END, 'change its description');
  requireOrganiser(s, v.by, v.now, 'change its description');
  if (v.minMembers !== undefined && v.minMembers !== s.minMembers && s.status !== 'proposed' && s.status !== 'forming') {
    throw new IllegalStateError(`cannot change the minimum size: the collective is ${s.status}`);
  }
  const changes: CollectiveChanges = {};
  const fields = ['name', 'purpose', 'occasion', 'rhythm', 'access', 'perimeter', 'minMembers'] as const;
  for (const f of fields) if (v[f] !== undefined && !sameJson(v[f], s[f])) (changes as Record<string, unknown>)[f] = v[f];
  if (v.expectedEnd === '' && s.expectedEnd !== undefined) changes.expectedEnd = '';
  else if (v.expectedEnd && v.expectedEnd !== s.expectedEnd) changes.expectedEnd = v.expectedEnd;
  if (Object.keys(changes).length === 0) return [];
  const after = { ...s, ...changes };
  const expectedEnd = changes.expectedEnd === '' ? undefined : (changes.expectedEnd ?? s.expectedEnd);
  const definition = {
    name: after.name,
    occasion: after.occasion,
    rhythm: after.rhythm,
    access: after.access,
    perimeter: after.perimeter,
    ...(expectedEnd ? { expectedEnd } : {}),
    initiator: s.initiator,
    ...(s.stints[0]?.companyId ? { initiatorCompanyId: s.stints[0].companyId } : {}),
  };
  return [{ type: 'CollectiveUpdated', data: { ...common(s, v), changes, definition } }];
}

function startForming(data: { by: unknown; now: unknown }, s: Collective): CollectiveEvent[] {
  const v = validated(data, {});
  requireStatus(s, ['proposed'], 'start gathering members');
  requireOrganiser(s, v.by, v.now, 'open it to members');
  return [{ type: 'FormingStarted', data: common(s, v) }];
}

function activate(data: { by: unknown; now: unknown }, s: Collective): CollectiveEvent[] {
  const v = validated(data, {});
  requireStatus(s, ['forming'], 'activate it');
  requireOrganiser(s, v.by, v.now, 'activate it');
  const leaders = currentLeaders(s, v.now);
  if (leaders.length === 0) {
    throw new IllegalStateError(`cannot activate without a leader: ${s.governance.mode === 'election' ? 'the members elect one first' : 'let the lead rotate first'}`);
  }
  const members = fullMembers(s).length;
  if (members < s.minMembers) throw new IllegalStateError(`cannot activate with ${members} member${members === 1 ? '' : 's'}: it needs at least ${s.minMembers}`);
  return [{ type: 'CollectiveActivated', data: { ...common(s, v), members, leaders } }];
}

function startDelivering(data: { by: unknown; now: unknown }, s: Collective): CollectiveEvent[] {
  const v = validated(data, {});
  requireStatus(s, ['active'], 'start delivering');
  requireLeader(s, v.by, v.now, 'move it to delivering');
  return [{ type: 'DeliveryStarted', data: common(s, v) }];
}

/** Each alumnus's time in the active collective: their stints clipped to [activatedAt, now]. */
function alumniPeriods(s: Collective, now: string): Map<string, { companyId?: string; periods: Array<[string, string]> }> {
  const from = s.activatedAt ?? now;
  const out = new Map<string, { companyId?: string; periods: Array<[string, string]> }>();
  for (const st of s.stints) {
    const a = st.from > from ? st.from : from;
    const b = st.to === undefined || st.to > now ? now : st.to;
    if (a > b) continue;
    const entry = out.get(st.personId) ?? { periods: [] };
    entry.periods.push([a, b]);
    if (st.companyId !== undefined) entry.companyId = st.companyId;
    else delete entry.companyId;
    out.set(st.personId, entry);
  }
  return out;
}

/** When two people's periods overlap: the first and last instant they were both in, or undefined. */
function overlap(a: Array<[string, string]>, b: Array<[string, string]>): [string, string] | undefined {
  let first: string | undefined;
  let last: string | undefined;
  for (const [a0, a1] of a) {
    for (const [b0, b1] of b) {
      const from = a0 > b0 ? a0 : b0;
      const to = a1 < b1 ? a1 : b1;
      if (from > to) continue;
      if (first === undefined || from < first) first = from;
      if (last === undefined || to > last) last = to;
    }
  }
  return first === undefined ? undefined : [first, last!];
}

/** Each pair of alumni (sorted) whose periods overlap, with the first and last instant they were both in. */
function alumniTies(periods: ReturnType<typeof alumniPeriods>, people: string[]): Array<[string, string, string, string]> {
  const out: Array<[string, string, string, string]> = [];
  for (let i = 0; i < people.length; i++) {
    for (let j = i + 1; j < people.length; j++) {
      const both = overlap(periods.get(people[i])!.periods, periods.get(people[j])!.periods);
      if (both) out.push([people[i], people[j], both[0], both[1]]);
    }
  }
  return out;
}

function dissolve(data: { by: unknown; now: unknown; reason?: unknown }, s: Collective): CollectiveEvent[] {
  const v = validated(data, { reason: () => optionalText(data.reason, 'reason', REASON_MAX) || undefined });
  requireStatus(s, ['active', 'delivering'], 'dissolve it');
  requireLeader(s, v.by, v.now, 'dissolve it');
  const periods = alumniPeriods(s, v.now);
  const people = [...periods.keys()].sort();
  const ties = alumniTies(periods, people).map(
    ([a, b, from, to]): AlumniTieFormed => ({
      type: 'AlumniTieFormed',
      data: { ...common(s, v), collectiveName: s.name, personIds: [a, b], companyIds: [periods.get(a)!.companyId ?? null, periods.get(b)!.companyId ?? null], from, to },
    }),
  );
  const alumni: AlumnusPeriod[] = people.map((p) => {
    const e = periods.get(p)!;
    return { personId: p, ...(e.companyId ? { companyId: e.companyId } : {}), from: e.periods[0][0], to: e.periods[e.periods.length - 1][1] };
  });
  return [
    { type: 'CollectiveDissolved', data: { ...common(s, v), ...(v.reason ? { reason: v.reason } : {}), activeFrom: s.activatedAt ?? v.now, alumni, ties: ties.length } },
    ...ties,
  ];
}

function archive(data: { by: unknown; now: unknown }, s: Collective): CollectiveEvent[] {
  const v = validated(data, {});
  requireStatus(s, ['dissolving'], 'archive it');
  // Terms may have ended while it dissolved (no election is held then): whoever led it last closes it.
  if (v.by !== 'system' && s.members[v.by]?.role !== 'leader') throw new ForbiddenError("only the collective's leaders can archive it");
  return [{ type: 'CollectiveArchived', data: common(s, v) }];
}

function cancel(data: { by: unknown; now: unknown; reason?: unknown }, s: Collective): CollectiveEvent[] {
  const v = validated(data, { reason: () => requiredText(data.reason, 'reason', REASON_MAX) });
  if (s.status !== 'proposed' && s.status !== 'forming') {
    throw new IllegalStateError(`cannot cancel it: the collective is ${s.status} (an active collective is dissolved by its leaders, and keeps its alumni)`);
  }
  requireOrganiser(s, v.by, v.now, 'cancel it');
  return [{ type: 'CollectiveCancelled', data: { ...common(s, v), reason: v.reason, from: s.status } }];
}

function inviteMember(data: { by: unknown; now: unknown; personId?: unknown; role?: unknown }, s: Collective): CollectiveEvent[] {
  const v = validated(data, {
    personId: () => requiredToken(data.personId, 'personId'),
    role: () => (data.role === undefined ? 'member' : invitedRole(data.role, 'role')),
  });
  requireStatus(s, BEFORE_END, 'invite anyone');
  // An open collective grows by its members' invitations; guests and invitation-only collectives are the organisers' call.
  if (v.role === 'guest' || s.access === 'invitation') requireOrganiser(s, v.by, v.now, v.role === 'guest' ? 'invite guests' : 'invite to a collective by invitation');
  else requireFullMember(s, v.by, 'invite');
  if (s.members[v.personId]) throw new IllegalStateError('already in the collective');
  if (s.invitations[v.personId] === v.role) return [];
  return [{ type: 'MemberInvited', data: { ...common(s, v), personId: v.personId, role: v.role } }];
}

function declineInvitation(data: { by: unknown; now: unknown }, s: Collective): CollectiveEvent[] {
  const v = validated(data, {});
  if (!s.invitations[v.by]) throw new NotFoundError('invitation not found');
  return [{ type: 'InvitationDeclined', data: { ...common(s, v), personId: v.by } }];
}

function join(data: { by: unknown; now: unknown; companyId?: unknown }, s: Collective): CollectiveEvent[] {
  const v = validated(data, { companyId: () => (data.companyId === undefined ? undefined : requiredToken(data.companyId, 'companyId')) });
  if (s.members[v.by]) return [];
  if (s.status === 'proposed') throw new IllegalStateError('cannot join yet: the collective is proposed and opens to members when it starts forming');
  requireStatus(s, GATHERING, 'join');
  const invited = s.invitations[v.by];
  if (!invited && s.access === 'invitation') throw new ForbiddenError('the collective is by invitation only');
  const role: InvitedRole = invited ?? 'member';
  if (role === 'member' && fullMembers(s).length >= MAX_MEMBERS) throw new IllegalStateError(`the collective is full (${MAX_MEMBERS} members)`);
  if (role === 'member' && !s.stints.some((st) => st.personId === v.by) && new Set(s.stints.map((st) => st.personId)).size >= MAX_LIFETIME_MEMBERS) {
    throw new IllegalStateError(`the collective has had ${MAX_LIFETIME_MEMBERS} different members over its life: propose a new one`);
  }
  if (role === 'guest' && Object.values(s.members).filter((m) => m.role === 'guest').length >= MAX_GUESTS) throw new IllegalStateError(`the collective has ${MAX_GUESTS} guests already`);
  return [{ type: 'MemberJoined', data: { ...common(s, v), personId: v.by, role, ...(v.companyId ? { companyId: v.companyId } : {}) } }];
}

function leave(data: { by: unknown; now: unknown; reason?: unknown }, s: Collective): CollectiveEvent[] {
  const v = validated(data, { reason: () => optionalText(data.reason, 'reason', REASON_MAX) || undefined });
  if (!s.members[v.by]) throw new IllegalStateError('not in the collective');
  if (s.status === 'proposed') throw new IllegalStateError('cannot leave a proposal: its initiator cancels it');
  if (s.status === 'dissolving') throw new IllegalStateError('cannot leave: the collective is dissolving and its alumni are recorded');
  return [{ type: 'MemberLeft', data: { ...common(s, v), personId: v.by, ...(v.reason ? { reason: v.reason } : {}) } }];
}

function removeMember(data: { by: unknown; now: unknown; personId?: unknown; reason?: unknown }, s: Collective): CollectiveEvent[] {
  const v = validated(data, { personId: () => requiredToken(data.personId, 'personId'), reason: () => requiredText(data.reason, 'reason', REASON_MAX) });
  requireStatus(s, GATHERING, 'remove a member');
  requireLeader(s, v.by, v.now, 'remove a member');
  if (v.personId === v.by) throw new IllegalStateError('a leader leaves rather than removes themselves');
  if (!s.members[v.personId]) throw new NotFoundError('member not found');
  return [{ type: 'MemberRemoved', data: { ...common(s, v), personId: v.personId, reason: v.reason } }];
}

// ---- leadership

function callElection(data: { by: unknown; now: unknown; electionId?: unknown; seats?: unknown; closesAt?: unknown }, s: Collective): CollectiveEvent[] {
  const v = validated(data, {
    electionId: () => requiredToken(data.electionId, 'electionId'),
    seats: () => (data.seats === undefined ? 1 : wholeNumber(data.seats, 'seats', 1, MAX_SEATS)),
    closesAt: () => {
      const at = utcInstant(data.closesAt, 'closesAt');
      if (typeof data.now === 'string' && !Number.isNaN(Date.parse(data.now))) {
        if (at <= new Date(data.now).toISOString()) throw invalid('closesAt', 'must be in the future');
        if (Date.parse(at) > Date.parse(data.now) + ELECTION_MAX_DAYS * 86_400_000) throw invalid('closesAt', `must be within ${ELECTION_MAX_DAYS} days`);
      }
      return at;
    },
  });
  requireStatus(s, GATHERING, 'call an election');
  if (s.governance.mode !== 'election') throw new IllegalStateError('the lead of this collective rotates: it holds no election');
  if (s.elections[v.electionId]) throw new IllegalStateError('election id already used');
  const open = openElection(s);
  if (open) throw new IllegalStateError(`an election is already open until ${open.closesAt}`);
  const leaders = currentLeaders(s, v.now);
  // The platform calls one when the leaders' terms have ended (the steward).
  if (leaders.length > 0) requireLeader(s, v.by, v.now, 'call an election during their term');
  else if (v.by !== 'system') requireFullMember(s, v.by, 'call an election');
  const electorate = fullMembers(s)
    .map((m) => m.personId)
    .sort();
  if (v.seats > electorate.length) throw invalid('seats', `must be at most the ${electorate.length} members`);
  // less a hair: 0.14 x 50 is 7.000000000000001 in floating point, and the quorum is 7, not 8
  const quorum = Math.max(1, Math.ceil(s.governance.quorum * electorate.length - 1e-9));
  return [{ type: 'ElectionCalled', data: { ...common(s, v), electionId: v.electionId, seats: v.seats, closesAt: v.closesAt, electorate, quorum } }];
}

function election(s: Collective, electionId: string): Election {
  const e = s.elections[electionId];
  if (!e) throw new NotFoundError('election not found');
  return e;
}

function requireOpen(e: Election, now: string, what: string): void {
  if (!e.open) throw new IllegalStateError(`cannot ${what}: the election is closed`);
  if (now >= e.closesAt) throw new IllegalStateError(`cannot ${what}: voting ended at ${e.closesAt}`);
}

function standForElection(data: { by: unknown; now: unknown; electionId?: unknown; statement?: unknown }, s: Collective): CollectiveEvent[] {
  const v = validated(data, { electionId: () => requiredToken(data.electionId, 'electionId'), statement: () => optionalText(data.statement, 'statement', STATEMENT_MAX) || undefined });
  requireStatus(s, GATHERING, 'stand for election');
  const e = election(s, v.electionId);
  requireOpen(e, v.now, 'stand');
  if (!e.electorate.includes(v.by) || !isFullMember(s, v.by)) throw new ForbiddenError('only members of the electorate can stand');
  if (e.candidates.includes(v.by)) throw new IllegalStateError('already a candidate');
  return [{ type: 'CandidateStood', data: { ...common(s, v), electionId: e.electionId, personId: v.by, ...(v.statement ? { statement: v.statement } : {}) } }];
}

function castVote(data: { by: unknown; now: unknown; electionId?: unknown; candidateId?: unknown }, s: Collective): CollectiveEvent[] {
  const v = validated(data, { electionId: () => requiredToken(data.electionId, 'electionId'), candidateId: () => requiredToken(data.candidateId, 'candidateId') });
  requireStatus(s, GATHERING, 'vote');
  const e = election(s, v.electionId);
  requireOpen(e, v.now, 'vote');
  if (!e.electorate.includes(v.by) || !isFullMember(s, v.by)) throw new ForbiddenError('only members of the electorate vote');
  if (e.ballots[v.by] !== undefined) throw new IllegalStateError('already voted: one vote each');
  if (!e.candidates.includes(v.candidateId) || !isFullMember(s, v.candidateId)) throw invalid('candidateId', 'must be a candidate of this election');
  return [{ type: 'VoteCast', data: { ...common(s, v), electionId: e.electionId, voterId: v.by, candidateId: v.candidateId } }];
}

/**
 * Counts the votes: the candidates still members with the most votes win the seats; a tie goes
 * to the greater contribution, then to whoever stood first. Without the quorum, or without a
 * candidate who got a vote, the election fails and the leaders stay as they are.
 */
function closeElection(data: { by: unknown; now: unknown; electionId?: unknown }, s: Collective): CollectiveEvent[] {
  const v = validated(data, { electionId: () => requiredToken(data.electionId, 'electionId') });
  requireStatus(s, GATHERING, 'count the votes');
  const e = election(s, v.electionId);
  if (!e.open) throw new IllegalStateError('the election is already closed');
  if (v.by !== 'system') requireFullMember(s, v.by, 'close an election');
  const voters = e.electorate.filter((p) => isFullMember(s, p));
  const allVoted = voters.every((p) => e.ballots[p] !== undefined);
  if (v.now < e.closesAt && !allVoted) throw new IllegalStateError(`cannot count yet: voting is open until ${e.closesAt} and not every member has voted`);
  const ballots = Object.entries(e.ballots).filter(([voter]) => isFullMember(s, voter));
  const turnout = ballots.length;
  const base = { ...common(s, v), electionId: e.electionId };
  if (turnout < e.quorum) return [{ type: 'ElectionFailed', data: { ...base, reason: 'no_quorum', turnout, needed: e.quorum } }];
  const counts = new Map<string, number>();
  for (const [, candidate] of ballots) if (isFullMember(s, candidate)) counts.set(candidate, (counts.get(candidate) ?? 0) + 1);
  const tally = e.candidates
    .filter((c) => isFullMember(s, c))
    .map((c, order) => ({ personId: c, votes: counts.get(c) ?? 0, contribution: contributionScore(contributionOf(s, c)), order }))
    .sort((a, b) => b.votes - a.votes || b.contribution - a.contribution || a.order - b.order);
  const winners = tally.filter((t) => t.votes > 0).slice(0, e.seats);
  if (winners.length === 0) return [{ type: 'ElectionFailed', data: { ...base, reason: 'no_candidate', turnout, needed: e.quorum } }];
  return [
    {
      type: 'LeadersElected',
      data: {
        ...base,
        leaders: winners.map((w) => w.personId).sort(),
        previous: Object.values(s.members)
          .filter((m) => m.role === 'leader')
          .map((m) => m.personId)
          .sort(),
        tally: tally.map(({ personId, votes, contribution }) => ({ personId, votes, contribution })),
        turnout,
        termEnds: addMonths(v.now, s.governance.termMonths),
      },
    },
  ];
}

/**
 * Passes the lead to the next member in the order they joined (after whoever had it last), for
 * `rotationDays`. It is due when nobody leads: at the start, or once the last turn has ended.
 */
function rotateLeadership(data: { by: unknown; now: unknown }, s: Collective): CollectiveEvent[] {
  const v = validated(data, {});
  requireStatus(s, GATHERING, 'rotate the lead');
  if (s.governance.mode !== 'rotation') throw new IllegalStateError('this collective elects its leaders: its lead does not rotate');
  if (v.by !== 'system') requireFullMember(s, v.by, 'rotate the lead');
  const leaders = currentLeaders(s, v.now);
  if (leaders.length > 0) throw new IllegalStateError(`not due yet: ${leaders.join(', ')} leads until ${s.members[leaders[0]].termEnds}`);
  const firstJoined = new Map<string, string>();
  for (const st of s.stints) if (st.to === undefined && !firstJoined.has(st.personId)) firstJoined.set(st.personId, st.from);
  const order = fullMembers(s)
    .map((m) => m.personId)
    .sort((a, b) => (firstJoined.get(a) ?? '').localeCompare(firstJoined.get(b) ?? '') || a.localeCompare(b));
  if (order.length === 0) throw new IllegalStateError('nobody to lead');
  let last = s.lastRotated === undefined ? -1 : order.indexOf(s.lastRotated);
  if (s.lastRotated !== undefined && last === -1) {
    // whoever had the last turn has left: the lead goes on to the next who joined after them (not back to the first)
    const gone = s.lastRotated;
    const goneFrom = [...s.stints].reverse().find((st) => st.personId === gone)?.from ?? '';
    const after = order.findIndex((p) => (firstJoined.get(p) ?? '').localeCompare(goneFrom) > 0 || ((firstJoined.get(p) ?? '') === goneFrom && p.localeCompare(gone) > 0));
    last = (after === -1 ? order.length : after) - 1;
  }
  const next = order[(last + 1) % order.length];
  const previous = Object.values(s.members)
    .filter((m) => m.role === 'leader')
    .map((m) => m.personId)
    .sort();
  return [{ type: 'LeadershipRotated', data: { ...common(s, v), personId: next, previous, termEnds: addDays(v.now, s.governance.rotationDays) } }];
}

// ---- activity

function postAnnouncement(data: { by: unknown; now: unknown; announcementId?: unknown; text?: unknown }, s: Collective): CollectiveEvent[] {
  const v = validated(data, { announcementId: () => requiredToken(data.announcementId, 'announcementId'), text: () => requiredText(data.text, 'text', TEXT_MAX) });
  requireStatus(s, RUNNING, 'post an announcement');
  requireFullMember(s, v.by, 'post announcements');
  unusedId(s, `announcement:${v.announcementId}`, 'announcement');
  return [{ type: 'AnnouncementPosted', data: { ...common(s, v), announcementId: v.announcementId, text: v.text } }];
}

function scheduleMeeting(data: { by: unknown; now: unknown; meetingId?: unknown; title?: unknown; startsAt?: unknown; place?: unknown }, s: Collective): CollectiveEvent[] {
  const v = validated(data, {
    meetingId: () => requiredToken(data.meetingId, 'meetingId'),
    title: () => requiredText(data.title, 'title', TITLE_MAX),
    startsAt: () => utcInstant(data.startsAt, 'startsAt'),
    place: () => optionalText(data.place, 'place', PLACE_MAX) || undefined,
  });
  requireStatus(s, GATHERING, 'schedule a meeting');
  requireFullMember(s, v.by, 'schedule meetings');
  if (s.meetings[v.meetingId]) throw new IllegalStateError('meeting id already used');
  return [{ type: 'MeetingScheduled', data: { ...common(s, v), meetingId: v.meetingId, title: v.title, startsAt: v.startsAt, ...(v.place ? { place: v.place } : {}) } }];
}

function recordAttendance(data: { by: unknown; now: unknown; meetingId?: unknown; present?: unknown }, s: Collective): CollectiveEvent[] {
  const v = validated(data, { meetingId: () => requiredToken(data.meetingId, 'meetingId'), present: () => ids(data.present, 'present', MAX_MEMBERS + MAX_GUESTS) });
  requireStatus(s, RUNNING, 'record attendance');
  const meeting = s.meetings[v.meetingId];
  if (!meeting) throw new NotFoundError('meeting not found');
  if ((v.by !== meeting.by || !s.members[v.by]) && !currentLeaders(s, v.now).includes(v.by)) throw new ForbiddenError("only whoever scheduled the meeting, or the collective's leaders, record who attended");
  if (v.now < meeting.startsAt) throw new IllegalStateError(`cannot record attendance before the meeting starts (${meeting.startsAt})`);
  const strangers = v.present.filter((p) => !s.members[p]);
  if (strangers.length > 0) throw new ValidationError(`present: not in the collective: ${strangers.join(', ')}`, strangers.map((p) => ({ field: 'present', message: `${p} is not in the collective` })));
  if (sameJson(v.present, meeting.present)) return [];
  return [{ type: 'AttendanceRecorded', data: { ...common(s, v), meetingId: v.meetingId, present: v.present, previous: meeting.present } }];
}

function addDocument(data: { by: unknown; now: unknown; documentId?: unknown; title?: unknown; url?: unknown }, s: Collective): CollectiveEvent[] {
  const v = validated(data, { documentId: () => requiredToken(data.documentId, 'documentId'), title: () => requiredText(data.title, 'title', TITLE_MAX), url: () => httpUrl(data.url, 'url') });
  requireStatus(s, RUNNING, 'add a document');
  requireFullMember(s, v.by, 'add documents');
  unusedId(s, `document:${v.documentId}`, 'document');
  return [{ type: 'DocumentAdded', data: { ...common(s, v), documentId: v.documentId, title: v.title, url: v.url } }];
}

function recordResult(
  data: { by: unknown; now: unknown; resultId?: unknown; kind?: unknown; title?: unknown; description?: unknown; url?: unknown; contributors?: unknown },
  s: Collective,
): CollectiveEvent[] {
  const v = validated(data, {
    resultId: () => requiredToken(data.resultId, 'resultId'),
    kind: () => resultKind(data.kind, 'kind'),
    title: () => requiredText(data.title, 'title', TITLE_MAX),
    description: () => optionalText(data.description, 'description', TEXT_MAX) || undefined,
    url: () => (data.url === undefined ? undefined : httpUrl(data.url, 'url')),
    contributors: () => (data.contributors === undefined ? undefined : ids(data.contributors, 'contributors', MAX_MEMBERS)),
  });
  requireStatus(s, ['active', 'delivering', 'dissolving'], 'record a result');
  requireFullMember(s, v.by, 'record results');
  unusedId(s, `result:${v.resultId}`, 'result');
  const contributors = v.contributors && v.contributors.length > 0 ? v.contributors : [v.by];
  const strangers = contributors.filter((p) => !isFullMember(s, p));
  if (strangers.length > 0) throw new ValidationError(`contributors: not members: ${strangers.join(', ')}`, strangers.map((p) => ({ field: 'contributors', message: `${p} is not a member` })));
  return [
    {
      type: 'ResultRecorded',
      data: {
        ...common(s, v),
        resultId: v.resultId,
        kind: v.kind,
        title: v.title,
        ...(v.description ? { description: v.description } : {}),
        ...(v.url ? { url: v.url } : {}),
        contributors,
      },
    },
  ];
}

// ---- moderation

function published(s: Collective, target: ContentTarget): PublishedContent {
  const c = s.content[contentKey(target)];
  if (!c) throw new NotFoundError(`${target.kind} not found`);
  return c;
}

function requireModerator(s: Collective, by: string, now: string, authority: ModerationAuthority): ModerationAuthority {
  if (authority === 'platform_admin') return authority;
  if (authority !== 'leader') throw new ForbiddenError("only the collective's leaders or a platform admin moderate");
  requireLeader(s, by, now, 'moderate');
  return authority;
}

function reportContent(data: { by: unknown; now: unknown; reportId?: unknown; target?: unknown; reason?: unknown }, s: Collective): CollectiveEvent[] {
  const v = validated(data, { reportId: () => requiredToken(data.reportId, 'reportId'), target: () => contentTarget(data.target), reason: () => requiredText(data.reason, 'reason', REASON_MAX) });
  if (!s.members[v.by]) throw new ForbiddenError('only people in the collective report its content');
  const c = published(s, v.target);
  if (c.hidden) throw new IllegalStateError(`the ${v.target.kind} is already hidden`);
  if (s.reports[v.reportId]) throw new IllegalStateError('report id already used');
  return [{ type: 'ContentReported', data: { ...common(s, v), reportId: v.reportId, target: v.target, reason: v.reason } }];
}

function hideContent(data: { by: unknown; now: unknown; target?: unknown; reason?: unknown; authority?: unknown }, s: Collective): CollectiveEvent[] {
  const v = validated(data, { target: () => contentTarget(data.target), reason: () => requiredText(data.reason, 'reason', REASON_MAX) });
  const authority = requireModerator(s, v.by, v.now, data.authority as ModerationAuthority);
  const c = published(s, v.target);
  if (c.hidden) throw new IllegalStateError(`the ${v.target.kind} is already hidden`);
  const key = contentKey(v.target);
  const resolved = Object.entries(s.reports)
    .filter(([, r]) => r.status === 'open' && contentKey(r.target) === key)
    .map(([id]) => id)
    .sort();
  return [{ type: 'ContentHidden', data: { ...common(s, v), target: v.target, reason: v.reason, authority, resolved } }];
}

function restoreContent(data: { by: unknown; now: unknown; target?: unknown; reason?: unknown; authority?: unknown }, s: Collective): CollectiveEvent[] {
  const v = validated(data, { target: () => contentTarget(data.target), reason: () => requiredText(data.reason, 'reason', REASON_MAX) });
  const authority = requireModerator(s, v.by, v.now, data.authority as ModerationAuthority);
  if (!published(s, v.target).hidden) throw new IllegalStateError(`the ${v.target.kind} is not hidden`);
  return [{ type: 'ContentRestored', data: { ...common(s, v), target: v.target, reason: v.reason, authority } }];
}

function dismissReport(data: { by: unknown; now: unknown; reportId?: unknown; reason?: unknown; authority?: unknown }, s: Collective): CollectiveEvent[] {
  const v = validated(data, { reportId: () => requiredToken(data.reportId, 'reportId'), reason: () => requiredText(data.reason, 'reason', REASON_MAX) });
  const authority = requireModerator(s, v.by, v.now, data.authority as ModerationAuthority);
  const r = s.reports[v.reportId];
  if (!r) throw new NotFoundError('report not found');
  if (r.status !== 'open') throw new IllegalStateError('the report is already resolved');
  return [{ type: 'ReportDismissed', data: { ...common(s, v), reportId: v.reportId, target: r.target, reason: v.reason, authority } }];
}

// ---- erasure

/**
 * Removes an erased person (identity's erasure, sent by the platform): they leave the members,
 * invitations, elections and stints; what they wrote (announcements, documents, the description of
 * results they recorded, the reasons of their reports) is erased; the alumni ties of a dissolved
 * collective that name them are withdrawn. Nothing to do for someone the collective never knew.
 */
function erasePerson(data: { by: unknown; now: unknown; personId?: unknown }, s: Collective): CollectiveEvent[] {
  const v = validated(data, { personId: () => requiredToken(data.personId, 'personId') });
  if (v.by !== 'system') throw new ForbiddenError('only the platform erases a person');
  const p = v.personId;
  const content = Object.entries(s.content)
    .filter(([, c]) => c.by === p && !c.erased)
    .map(([key, c]) => ({ kind: c.kind, id: key.slice(c.kind.length + 1) }))
    .sort((a, b) => contentKey(a).localeCompare(contentKey(b)));
  const reports = Object.entries(s.reports)
    .filter(([, r]) => r.by === p && !r.erased)
    .map(([reportId, r]) => ({ reportId, target: r.target }))
    .sort((a, b) => a.reportId.localeCompare(b.reportId));
  let ties: Array<[string, string]> = [];
  if (s.dissolvedAt !== undefined) {
    const periods = alumniPeriods(s, s.dissolvedAt);
    ties = alumniTies(periods, [...periods.keys()].sort())
      .filter(([a, b]) => a === p || b === p)
      .map(([a, b]) => [a, b]);
  }
  const known = s.members[p] || s.invitations[p] || s.stints.some((st) => st.personId === p) || Object.values(s.elections).some((e) => e.electorate.includes(p));
  if (!known && content.length === 0 && reports.length === 0) return [];
  const base = common(s, v);
  return [
    { type: 'PersonErased', data: { ...base, personId: p, ties: ties.length } },
    ...content.map((target): CollectiveEvent => ({ type: 'ContentErased', data: { ...base, target } })),
    ...reports.map((r): CollectiveEvent => ({ type: 'ReportErased', data: { ...base, reportId: r.reportId, target: r.target } })),
    ...ties.map(([a, b]): CollectiveEvent => ({ type: 'AlumniTieErased', data: { ...base, personIds: [a, b] } })),
  ];
}

export const collectiveDecider: Decider<CollectiveState, CollectiveCommand, CollectiveEvent> = { initialState, evolve, decide };

/** The decider bound to its stream naming: call sites pass the collective id only. */
export const collectives = commandHandler(collectiveDecider, collectiveStreamId);
