import { createHash } from 'node:crypto';
import {
  assertNever,
  commandHandler,
  dateOf,
  daysBetween,
  Decider,
  DomainError,
  IllegalStateError,
  instant,
  invalid,
  localDateNotAfterToday,
  NotFoundError,
  optionalText,
  requiredToken,
  sameJson,
  streamName,
  validateFields,
} from '@opn/kernel';
import {
  ChangeTieVisibility,
  ConfirmTie,
  DeclareTie,
  DeclineTie,
  EndTie,
  EraseTie,
  RecordContact,
  TieCommand,
  UpdateTie,
} from './tie.commands';
import {
  TIE_KINDS,
  TIE_VISIBILITIES,
  TieChanges,
  TieEvent,
  TieKind,
  TiePublicPart,
  TieStatus,
  TieVisibility,
} from './tie.events';

export { TIE_KINDS, TIE_VISIBILITIES };
export type { TieKind, TiePublicPart, TieStatus, TieVisibility };

export const NOTE_MAX = 500;
export const STRENGTH_MIN = 1;
export const STRENGTH_MAX = 5;

export interface Tie {
  status: TieStatus;
  tieId: string;
  /** Sorted. */
  people: [string, string];
  proposedBy: string;
  /** In TIE_KINDS order. */
  kinds: TieKind[];
  strength: number;
  lastContactOn?: string;
  /** Each side's own choice (the other side has none until it confirms). */
  visibility: Record<string, TieVisibility>;
  /** `private` unless confirmed; then the narrower of the two sides' choices. */
  effective: TieVisibility;
  confirmedAt?: string;
}

export type TieState = { status: 'none' } | Tie;

/** `tie-<id>` */
export const tieStreamId = (tieId: string): string => streamName('tie', tieId);

const sortedPair = (a: string, b: string): [string, string] => (a <= b ? [a, b] : [b, a]);

/** The id of the one stream of a pair of people, whichever of the two declares: 22 url-safe characters. */
export function tieIdOf(personA: string, personB: string): string {
  const [low, high] = sortedPair(personA, personB);
  return createHash('sha256').update(`${low}|${high}`).digest('base64url').slice(0, 22);
}

/** The narrower of two visibilities: nobody's tie is shown wider than they agreed to. */
export const narrowest = (a: TieVisibility, b: TieVisibility): TieVisibility =>
  TIE_VISIBILITIES.indexOf(a) <= TIE_VISIBILITIES.indexOf(b) ? a : b;

/**
 * A confirmed tie whose last contact (or, without one, its confirmation) is more than
 * `dormantAfterDays` days before the date of `now`. Not stored: computed at query time.
 */
export function isDormant(tie: { lastContactOn?: string; confirmedAt?: string }, now: string, dormantAfterDays: number): boolean {
  if (tie.confirmedAt === undefined) return false;
  const since = tie.lastContactOn ?? dateOf(tie.confirmedAt);
  return daysBetween(since, dateOf(now)) > dormantAfterDays;
}

export const publicPartOf = (tie: Pick<Tie, 'people' | 'kinds' | 'strength' | 'lastContactOn'>): TiePublicPart => ({
  people: [tie.people[0], tie.people[1]],
  kinds: [...tie.kinds],
  strength: tie.strength,
  ...(tie.lastContactOn !== undefined ? { lastContactOn: tie.lastContactOn } : {}),
});

export const initialState = (): TieState => ({ status: 'none' });

// ---------------------------------------------------------------------------------------------
// evolve

export function evolve(state: TieState, event: TieEvent): TieState {
  if (event.type === 'TieDeclared') {
    // A new declaration (first, or after a decline or an end) starts the tie afresh.
    const d = event.data;
    return {
      status: 'proposed',
      tieId: d.tieId,
      people: d.people,
      proposedBy: d.by,
      kinds: d.kinds,
      strength: d.strength,
      ...(d.lastContactOn !== undefined ? { lastContactOn: d.lastContactOn } : {}),
      visibility: { [d.by]: d.visibility },
      effective: 'private',
    };
  }
  if (state.status === 'none') return state;
  switch (event.type) {
    case 'TieConfirmed':
      return {
        ...state,
        status: 'confirmed',
        visibility: { ...state.visibility, [event.data.by]: event.data.visibility },
        effective: event.data.effective,
        confirmedAt: event.data.at,
      };
    case 'TieDeclined':
      return { ...state, status: 'declined' };
    case 'TieUpdated':
      return { ...state, ...event.data.changes };
    case 'TieContactRecorded':
      return { ...state, lastContactOn: event.data.on };
    case 'TieVisibilityChanged':
      return {
        ...state,
        visibility: { ...state.visibility, [event.data.by]: event.data.visibility },
        effective: event.data.effective,
      };
    case 'TieEnded':
      return { ...state, status: 'ended', effective: 'private' };
    case 'TieErased':
      return { ...state, status: 'erased', effective: 'private' };
    default:
      return assertNever(event);
  }
}

// ---------------------------------------------------------------------------------------------
// decide

const notFound = (): NotFoundError => new NotFoundError('tie not found');

export function decide(command: TieCommand, state: TieState): TieEvent[] {
  if (command.type === 'DeclareTie') return declareTie(command, state);
  if (command.type === 'EraseTie') return eraseTie(command, state);
  // An unknown tie, an erased one and a tie of other people get the same answer: no oracle.
  if (state.status === 'none' || state.status === 'erased' || !state.people.includes(command.data.by)) throw notFound();
  switch (command.type) {
    case 'ConfirmTie':
      return confirmTie(command, state);
    case 'DeclineTie':
      return declineTie(command, state);
    case 'UpdateTie':
      return updateTie(command, state);
    case 'RecordContact':
      return recordContact(command, state);
    case 'ChangeTieVisibility':
      return changeVisibility(command, state);
    case 'EndTie':
      return endTie(command, state);
    default:
      return assertNever(command);
  }
}

/** The reason a command that needs another state is refused, naming the state. */
function stateConflict(status: TieStatus): DomainError {
  switch (status) {
    case 'proposed':
      return new IllegalStateError('tie is not confirmed yet');
    case 'confirmed':
      return new IllegalStateError('tie is already confirmed');
    case 'declined':
      return new IllegalStateError('tie is already declined');
    case 'ended':
      return new IllegalStateError('tie is already ended');
    case 'erased':
      return notFound();
    default:
      return assertNever(status);
  }
}

function kinds(value: unknown, field: string): TieKind[] {
  if (!Array.isArray(value) || value.length === 0) throw invalid(field, 'must list at least one kind');
  const unknown = value.filter((k) => !(TIE_KINDS as readonly unknown[]).includes(k));
  if (unknown.length > 0) throw invalid(field, `unknown kind ${unknown.map((k) => JSON.stringify(k)).join(', ')}; expected ${TIE_KINDS.join(', ')}`);
  if (new Set(value).size !== value.length) throw invalid(field, 'must not repeat a kind');
  return TIE_KINDS.filter((k) => value.includes(k));
}

function strength(value: unknown, field: string): number {
  if (typeof value !== 'number' || !Number.isInteger(value) || value < STRENGTH_MIN || value > STRENGTH_MAX) {
    throw invalid(field, `must be an integer from ${STRENGTH_MIN} to ${STRENGTH_MAX}`);
  }
  return value;
}

function visibility(value: unknown, field: string): TieVisibility {
  if (!(TIE_VISIBILITIES as readonly unknown[]).includes(value)) throw invalid(field, `must be one of ${TIE_VISIBILITIES.join(', ')}`);
  return value as TieVisibility;
}

function declareTie({ data }: DeclareTie, state: TieState): TieEvent[] {
  if (state.status === 'erased') throw notFound();
  if (state.status !== 'none' && !state.people.includes(data.by)) throw notFound();
  if (state.status === 'proposed') {
    throw new IllegalStateError(state.proposedBy === data.by ? 'tie is already declared' : 'tie is already declared: confirm it instead');
  }
  if (state.status === 'confirmed') throw new IllegalStateError('tie is already confirmed');
  const v = validateFields({
    now: () => instant(data.now, 'now'),
    by: () => requiredToken(data.by, 'by'),
    otherPersonId: () => {
      const other = requiredToken(data.otherPersonId, 'otherPersonId');
      if (other === data.by) throw invalid('otherPersonId', 'must not be the declarer: nobody has a tie with themself');
      return other;
    },
    tieId: () => {
      const id = requiredToken(data.tieId, 'tieId');
      if (typeof data.by === 'string' && typeof data.otherPersonId === 'string' && id !== tieIdOf(data.by, data.otherPersonId)) {
        throw invalid('tieId', 'must be tieIdOf the two people');
      }
      return id;
    },
    kinds: () => kinds(data.kinds, 'kinds'),
    strength: () => strength(data.strength, 'strength'),
    lastContactOn: () => (data.lastContactOn === undefined ? undefined : localDateNotAfterToday(data.lastContactOn, 'lastContactOn', data.now)),
    visibility: () => visibility(data.visibility, 'visibility'),
    note: () => optionalText(data.note, 'note', NOTE_MAX) || undefined,
  });
  return [
    {
      type: 'TieDeclared',
      data: {
        tieId: v.tieId,
        people: sortedPair(v.by, v.otherPersonId),
        by: v.by,
        otherPersonId: v.otherPersonId,
        kinds: v.kinds,
        strength: v.strength,
        ...(v.lastContactOn !== undefined ? { lastContactOn: v.lastContactOn } : {}),
        visibility: v.visibility,
        ...(v.note !== undefined ? { note: v.note } : {}),
        at: v.now,
      },
    },
  ];
}

function confirmTie({ data }: ConfirmTie, state: Tie): TieEvent[] {
  if (state.status !== 'proposed') throw stateConflict(state.status);
  if (data.by === state.proposedBy) throw new IllegalStateError('only the other person can confirm');
  const v = validateFields({ visibility: () => visibility(data.visibility, 'visibility'), now: () => instant(data.now, 'now') });
  const effective = narrowest(state.visibility[state.proposedBy] ?? 'private', v.visibility);
  return [
    {
      type: 'TieConfirmed',
      data: { tieId: state.tieId, by: data.by, visibility: v.visibility, effective, tie: publicPartOf(state), at: v.now },
    },
  ];
}

function declineTie({ data }: DeclineTie, state: Tie): TieEvent[] {
  if (state.status !== 'proposed') throw stateConflict(state.status);
  if (data.by === state.proposedBy) throw new IllegalStateError('the declarer cannot decline: end the tie to withdraw it');
  const now = instant(data.now, 'now');
  return [{ type: 'TieDeclined', data: { tieId: state.tieId, by: data.by, at: now } }];
}

function updateTie({ data }: UpdateTie, state: Tie): TieEvent[] {
  if (state.status !== 'confirmed') throw stateConflict(state.status);
  const v = validateFields({
    now: () => instant(data.now, 'now'),
    kinds: () => (data.kinds === undefined ? undefined : kinds(data.kinds, 'kinds')),
    strength: () => (data.strength === undefined ? undefined : strength(data.strength, 'strength')),
  });
  const changes: TieChanges = {};
  if (v.kinds !== undefined && !sameJson(v.kinds, state.kinds)) changes.kinds = v.kinds;
  if (v.strength !== undefined && v.strength !== state.strength) changes.strength = v.strength;
  if (Object.keys(changes).length === 0) return [];
  return [
    {
      type: 'TieUpdated',
      data: { tieId: state.tieId, changes, by: data.by, effective: state.effective, tie: publicPartOf({ ...state, ...changes }), at: v.now },
    },
  ];
}

function recordContact({ data }: RecordContact, state: Tie): TieEvent[] {
  if (state.status !== 'confirmed') throw stateConflict(state.status);
  const v = validateFields({
    now: () => instant(data.now, 'now'),
    on: () => {
      const on = localDateNotAfterToday(data.on, 'on', data.now);
      if (state.lastContactOn !== undefined && on < state.lastContactOn) {
        throw invalid('on', `must not be before the last contact (${state.lastContactOn})`);
      }
      return on;
    },
    dormantAfterDays: () => {
      if (typeof data.dormantAfterDays !== 'number' || !Number.isInteger(data.dormantAfterDays) || data.dormantAfterDays < 1) {
        throw invalid('dormantAfterDays', 'must be a positive integer');
      }
      return data.dormantAfterDays;
    },
  });
  const after = { ...state, lastContactOn: v.on };
  // Revived: dormant before this contact and no longer after it (an old contact wakes nothing up).
  const revived = isDormant(state, v.now, v.dormantAfterDays) && !isDormant(after, v.now, v.dormantAfterDays);
  return [
    {
      type: 'TieContactRecorded',
      data: { tieId: state.tieId, on: v.on, revived, by: data.by, effective: state.effective, tie: publicPartOf(after), at: v.now },
    },
  ];
}

function changeVisibility({ data }: ChangeTieVisibility, state: Tie): TieEvent[] {
  if (state.status === 'proposed' && data.by !== state.proposedBy) {
    throw new IllegalStateError('tie is not confirmed yet: confirm it with your visibility');
  }
  if (state.status !== 'proposed' && state.status !== 'confirmed') throw stateConflict(state.status);
  const v = validateFields({ visibility: () => visibility(data.visibility, 'visibility'), now: () => instant(data.now, 'now') });
  if (state.visibility[data.by] === v.visibility) return [];
  const sides = { ...state.visibility, [data.by]: v.visibility };
  const effective =
    state.status === 'confirmed' ? narrowest(sides[state.people[0]] ?? 'private', sides[state.people[1]] ?? 'private') : 'private';
  return [
    {
      type: 'TieVisibilityChanged',
      data: { tieId: state.tieId, by: data.by, visibility: v.visibility, before: state.effective, effective, tie: publicPartOf(state), at: v.now },
    },
  ];
}

function endTie({ data }: EndTie, state: Tie): TieEvent[] {
  // A proposal ended by its declarer is a withdrawal; either person may end it (the other could decline too).
  if (state.status !== 'proposed' && state.status !== 'confirmed') throw stateConflict(state.status);
  const now = instant(data.now, 'now');
  return [{ type: 'TieEnded', data: { tieId: state.tieId, by: data.by, before: state.effective, at: now } }];
}

function eraseTie({ data }: EraseTie, state: TieState): TieEvent[] {
  if (state.status === 'none' || !state.people.includes(data.erasedPersonId)) throw notFound();
  if (state.status === 'erased') return [];
  const now = instant(data.now, 'now');
  return [
    {
      type: 'TieErased',
      data: { tieId: state.tieId, erasedPersonId: data.erasedPersonId, before: state.effective, by: 'system', at: now },
    },
  ];
}

export const tieDecider: Decider<TieState, TieCommand, TieEvent> = {
  initialState,
  evolve,
  decide,
};

/** The tie aggregate bound to its streams: `ties.handle(store, tieId, command)`. */
export const ties = commandHandler(tieDecider, tieStreamId);
