import { DomainEvent } from '@opn/kernel';
import type { CollectiveAccess, CollectiveRhythm, ContentTarget, InvitedRole, LeadershipMode, OccasionKind, ResultKind } from './collective.commands';

export interface Occasion {
  kind: OccasionKind;
  title: string;
  date?: string;
}

/** As stored: both lists present, normalised, deduplicated and sorted. */
export interface CollectivePerimeter {
  territories: string[];
  sectors: string[];
}

export interface Governance {
  mode: LeadershipMode;
  termMonths: number;
  quorum: number;
  rotationDays: number;
}

/**
 * The service's private, stored events: facts in the past tense. Each carries the
 * `collectiveId`, the acting person `by` (`system` for the platform's scheduler) and the
 * command's instant `at`.
 */
type Fact<T extends string, D> = DomainEvent<T, D & { collectiveId: string; by: string; at: string }>;

export type CollectiveProposed = Fact<
  'CollectiveProposed',
  {
    name: string;
    purpose: string;
    occasion: Occasion;
    rhythm: CollectiveRhythm;
    access: CollectiveAccess;
    perimeter: CollectivePerimeter;
    expectedEnd?: string;
    minMembers: number;
    governance: Governance;
    /** The initiator's company, when they named one. */
    companyId?: string;
  }
>;

/** Only the fields that changed; `expectedEnd: ''` means it was removed. */
export type CollectiveChanges = Partial<{
  name: string;
  purpose: string;
  occasion: Occasion;
  rhythm: CollectiveRhythm;
  access: CollectiveAccess;
  perimeter: CollectivePerimeter;
  expectedEnd: string;
  minMembers: number;
}>;

/** The public definition after a change (published whole, so consumers need no earlier event). */
export interface CollectiveDefinition {
  name: string;
  occasion: Occasion;
  rhythm: CollectiveRhythm;
  access: CollectiveAccess;
  perimeter: CollectivePerimeter;
  expectedEnd?: string;
  initiator: string;
  initiatorCompanyId?: string;
}

export type CollectiveUpdated = Fact<'CollectiveUpdated', { changes: CollectiveChanges; definition: CollectiveDefinition }>;
export type FormingStarted = Fact<'FormingStarted', object>;
export type CollectiveActivated = Fact<'CollectiveActivated', { members: number; leaders: string[] }>;
export type DeliveryStarted = Fact<'DeliveryStarted', object>;

/** One member's time in the active collective, as the alumni ties were computed from it. */
export interface AlumnusPeriod {
  personId: string;
  companyId?: string;
  from: string;
  to: string;
}

export type CollectiveDissolved = Fact<'CollectiveDissolved', { reason?: string; activeFrom: string; alumni: AlumnusPeriod[]; ties: number }>;

/** "Were in collective X together": one per pair of alumni whose periods in the active collective overlap. */
export type AlumniTieFormed = Fact<
  'AlumniTieFormed',
  { collectiveName: string; personIds: [string, string]; companyIds: [string | null, string | null]; from: string; to: string }
>;

export type CollectiveArchived = Fact<'CollectiveArchived', object>;
export type CollectiveCancelled = Fact<'CollectiveCancelled', { reason: string; from: 'proposed' | 'forming' }>;

export type MemberInvited = Fact<'MemberInvited', { personId: string; role: InvitedRole }>;
export type InvitationDeclined = Fact<'InvitationDeclined', { personId: string }>;
export type MemberJoined = Fact<'MemberJoined', { personId: string; role: InvitedRole; companyId?: string }>;
export type MemberLeft = Fact<'MemberLeft', { personId: string; reason?: string }>;
export type MemberRemoved = Fact<'MemberRemoved', { personId: string; reason: string }>;

export type ElectionCalled = Fact<'ElectionCalled', { electionId: string; seats: number; closesAt: string; electorate: string[]; quorum: number }>;
export type CandidateStood = Fact<'CandidateStood', { electionId: string; personId: string; statement?: string }>;
/** Private: the ballot's choice never leaves the service; read models show turnout until the count. */
export type VoteCast = Fact<'VoteCast', { electionId: string; voterId: string; candidateId: string }>;
export type LeadersElected = Fact<
  'LeadersElected',
  { electionId: string; leaders: string[]; previous: string[]; tally: Array<{ personId: string; votes: number; contribution: number }>; turnout: number; termEnds: string }
>;
export type ElectionFailed = Fact<'ElectionFailed', { electionId: string; reason: 'no_quorum' | 'no_candidate'; turnout: number; needed: number }>;
export type LeadershipRotated = Fact<'LeadershipRotated', { personId: string; previous: string[]; termEnds: string }>;

export type AnnouncementPosted = Fact<'AnnouncementPosted', { announcementId: string; text: string }>;
export type MeetingScheduled = Fact<'MeetingScheduled', { meetingId: string; title: string; startsAt: string; place?: string }>;
/** The whole list of people present (a correction replaces it); `previous` is the list it replaces. */
export type AttendanceRecorded = Fact<'AttendanceRecorded', { meetingId: string; present: string[]; previous: string[] }>;
export type DocumentAdded = Fact<'DocumentAdded', { documentId: string; title: string; url: string }>;
export type ResultRecorded = Fact<
  'ResultRecorded',
  { resultId: string; kind: ResultKind; title: string; description?: string; url?: string; contributors: string[] }
>;

export type ContentReported = Fact<'ContentReported', { reportId: string; target: ContentTarget; reason: string }>;
export type ContentHidden = Fact<'ContentHidden', { target: ContentTarget; reason: string; authority: 'leader' | 'platform_admin'; resolved: string[] }>;
export type ContentRestored = Fact<'ContentRestored', { target: ContentTarget; reason: string; authority: 'leader' | 'platform_admin' }>;
export type ReportDismissed = Fact<'ReportDismissed', { reportId: string; target: ContentTarget; reason: string; authority: 'leader' | 'platform_admin' }>;

/** The person was erased by identity: gone from the members, invitations, elections and alumni of the collective. */
export type PersonErased = Fact<'PersonErased', { personId: string; ties: number }>;
/** Content the erased person wrote: its text, title, link or description is gone (the sealed fields read `[erased]` in the log too). */
export type ContentErased = Fact<'ContentErased', { target: ContentTarget }>;
/** A report the erased person filed: its reason is gone, the moderators' decision stays. */
export type ReportErased = Fact<'ReportErased', { reportId: string; target: ContentTarget }>;
/** An alumni tie of the erased person, withdrawn. */
export type AlumniTieErased = Fact<'AlumniTieErased', { personIds: [string, string] }>;

export type ErasureEvent = PersonErased | ContentErased | ReportErased | AlumniTieErased;

export type LifecycleEvent =
  | CollectiveProposed
  | CollectiveUpdated
  | FormingStarted
  | CollectiveActivated
  | DeliveryStarted
  | CollectiveDissolved
  | AlumniTieFormed
  | CollectiveArchived
  | CollectiveCancelled;

export type MembershipEvent = MemberInvited | InvitationDeclined | MemberJoined | MemberLeft | MemberRemoved;
export type LeadershipEvent = ElectionCalled | CandidateStood | VoteCast | LeadersElected | ElectionFailed | LeadershipRotated;
export type ActivityEvent = AnnouncementPosted | MeetingScheduled | AttendanceRecorded | DocumentAdded | ResultRecorded;
export type ModerationEvent = ContentReported | ContentHidden | ContentRestored | ReportDismissed;

export type CollectiveEvent = LifecycleEvent | MembershipEvent | LeadershipEvent | ActivityEvent | ModerationEvent | ErasureEvent;
