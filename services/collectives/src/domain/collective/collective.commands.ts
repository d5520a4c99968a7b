import type { CollectiveAccess, CollectiveRhythm, CollectiveRole } from '@opn/collectives-contracts';

export type { CollectiveAccess, CollectiveRhythm, CollectiveRole, CollectiveStatus } from '@opn/collectives-contracts';
export { COLLECTIVE_RHYTHMS, COLLECTIVE_STATUSES } from '@opn/collectives-contracts';

export const COLLECTIVE_ACCESSES: readonly CollectiveAccess[] = ['open', 'invitation'];

/** What brings people together: a dated event, a lasting purpose, or a pretext (a dinner, a visit). */
export type OccasionKind = 'event' | 'purpose' | 'pretext';
export const OCCASION_KINDS: readonly OccasionKind[] = ['event', 'purpose', 'pretext'];

export interface OccasionInput {
  kind: OccasionKind;
  /** 1..200 characters. */
  title: string;
  /** `YYYY-MM-DD`, for an event. */
  date?: string;
}

/** Who may join an open collective: members of these territories' firms, in these sectors (NAF prefixes). Empty: no limit on that side. */
export interface CollectivePerimeterInput {
  territories?: string[];
  sectors?: string[];
}

/** `election`: members elect leaders for a term; `rotation`: the lead passes from member to member on a schedule. */
export type LeadershipMode = 'election' | 'rotation';
export const LEADERSHIP_MODES: readonly LeadershipMode[] = ['election', 'rotation'];

export interface GovernanceInput {
  mode: LeadershipMode;
  /** Elected leaders' term, 1..24 months (default 6). */
  termMonths?: number;
  /** Share of the electorate that must vote for an election to count, 0.1..1 (default 0.5). */
  quorum?: number;
  /** How long each member leads in a rotation, 7..365 days (default 30). */
  rotationDays?: number;
}

export type InvitedRole = Extract<CollectiveRole, 'member' | 'guest'>;
export const INVITED_ROLES: readonly InvitedRole[] = ['member', 'guest'];

/** Content members publish, which can be reported and hidden. */
export type ContentKind = 'announcement' | 'document' | 'result';
export const CONTENT_KINDS: readonly ContentKind[] = ['announcement', 'document', 'result'];
export interface ContentTarget {
  kind: ContentKind;
  id: string;
}

export type ResultKind = 'document' | 'agreement' | 'event';
export const RESULT_KINDS: readonly ResultKind[] = ['document', 'agreement', 'event'];

/** A platform admin moderating a collective they are not a leader of (resolved by the handler). */
export type ModerationAuthority = 'leader' | 'platform_admin';

// Raw input: the decider validates every field. `by` is the acting person id (`system` for the
// platform's scheduler), `now` an ISO instant. The decider checks roles inside the collective;
// who may see it and whether a person is in its perimeter is checked by the application layer.

interface Acting {
  by: string;
  now: string;
}

export type ProposeCollective = {
  type: 'ProposeCollective';
  data: Acting & {
    collectiveId: string;
    /** 1..120 characters. */
    name: string;
    /** 1..4000 characters. */
    purpose: string;
    occasion: OccasionInput;
    rhythm: CollectiveRhythm;
    access: CollectiveAccess;
    perimeter?: CollectivePerimeterInput;
    /** `YYYY-MM-DD`, after today. */
    expectedEnd?: string;
    /** Members (initiator, leaders, members; not guests) needed to start: 2..150, default 3. */
    minMembers?: number;
    governance?: GovernanceInput;
    /** The company the initiator takes part for. */
    companyId?: string;
  };
};

export type UpdateCollective = {
  type: 'UpdateCollective';
  data: Acting & {
    name?: string;
    purpose?: string;
    occasion?: OccasionInput;
    rhythm?: CollectiveRhythm;
    access?: CollectiveAccess;
    perimeter?: CollectivePerimeterInput;
    /** `''` removes it. */
    expectedEnd?: string;
    minMembers?: number;
  };
};

export type StartForming = { type: 'StartForming'; data: Acting };
export type Activate = { type: 'Activate'; data: Acting };
export type StartDelivering = { type: 'StartDelivering'; data: Acting };
export type Dissolve = { type: 'Dissolve'; data: Acting & { reason?: string } };
export type Archive = { type: 'Archive'; data: Acting };
export type CancelCollective = { type: 'CancelCollective'; data: Acting & { reason: string } };

export type InviteMember = { type: 'InviteMember'; data: Acting & { personId: string; role?: InvitedRole } };
export type DeclineInvitation = { type: 'DeclineInvitation'; data: Acting };
export type Join = { type: 'Join'; data: Acting & { companyId?: string } };
export type Leave = { type: 'Leave'; data: Acting & { reason?: string } };
export type RemoveMember = { type: 'RemoveMember'; data: Acting & { personId: string; reason: string } };

export type CallElection = { type: 'CallElection'; data: Acting & { electionId: string; seats?: number; closesAt: string } };
export type StandForElection = { type: 'StandForElection'; data: Acting & { electionId: string; statement?: string } };
export type CastVote = { type: 'CastVote'; data: Acting & { electionId: string; candidateId: string } };
export type CloseElection = { type: 'CloseElection'; data: Acting & { electionId: string } };
export type RotateLeadership = { type: 'RotateLeadership'; data: Acting };

export type PostAnnouncement = { type: 'PostAnnouncement'; data: Acting & { announcementId: string; text: string } };
export type ScheduleMeeting = { type: 'ScheduleMeeting'; data: Acting & { meetingId: string; title: string; startsAt: string; place?: string } };
export type RecordAttendance = { type: 'RecordAttendance'; data: Acting & { meetingId: string; present: string[] } };
export type AddDocument = { type: 'AddDocument'; data: Acting & { documentId: string; title: string; url: string } };
export type RecordResult = {
  type: 'RecordResult';
  data: Acting & { resultId: string; kind: ResultKind; title: string; description?: string; url?: string; contributors?: string[] };
};

export type ReportContent = { type: 'ReportContent'; data: Acting & { reportId: string; target: ContentTarget; reason: string } };
export type HideContent = { type: 'HideContent'; data: Acting & { target: ContentTarget; reason: string; authority: ModerationAuthority } };
export type RestoreContent = { type: 'RestoreContent'; data: Acting & { target: ContentTarget; reason: string; authority: ModerationAuthority } };
export type DismissReport = { type: 'DismissReport'; data: Acting & { reportId: string; reason: string; authority: ModerationAuthority } };

/** Identity erased the person: the platform removes them and what they wrote from the collective (allowed in every state, archived included). */
export type ErasePerson = { type: 'ErasePerson'; data: Acting & { personId: string } };

export type CollectiveCommand =
  | ProposeCollective
  | UpdateCollective
  | StartForming
  | Activate
  | StartDelivering
  | Dissolve
  | Archive
  | CancelCollective
  | InviteMember
  | DeclineInvitation
  | Join
  | Leave
  | RemoveMember
  | CallElection
  | StandForElection
  | CastVote
  | CloseElection
  | RotateLeadership
  | PostAnnouncement
  | ScheduleMeeting
  | RecordAttendance
  | AddDocument
  | RecordResult
  | ReportContent
  | HideContent
  | RestoreContent
  | DismissReport
  | ErasePerson;
