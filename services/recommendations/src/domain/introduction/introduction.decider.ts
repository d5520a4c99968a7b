import { assertNever, commandHandler, Decider, ForbiddenError, IllegalStateError, instant, invalid, optionalText, streamName, validateFields } from '@opn/kernel';
import { IntroductionCommand, IntroductionRole, MAX_BROKERS, NOTE_MAX, REASON_MAX } from './introduction.commands';
import { IntroductionEvent, IntroductionStatus } from './introduction.events';

export interface IntroductionState {
  introductionId: string | null;
  requesterId: string;
  brokers: string[];
  targetPersonId: string;
  targetCompanyId: string;
  needId?: string;
  status: IntroductionStatus | 'none';
  /** Who must answer next: index into brokers, or brokers.length for the target. */
  step: number;
  /** When it was asked or last passed on (its expiry counts from there). */
  lastStepAt: string;
}

const initialState = (): IntroductionState => ({ introductionId: null, requesterId: '', brokers: [], targetPersonId: '', targetCompanyId: '', status: 'none', step: 0, lastStepAt: '' });

/** True when a pending introduction last moved at `lastStepAt` has waited `afterDays` days at `now`. */
export const introductionExpired = (lastStepAt: string, now: string, afterDays: number): boolean => Date.parse(now) - Date.parse(lastStepAt) >= afterDays * 86_400_000;

/** The person whose answer the introduction waits for (undefined once it is over). */
export function awaiting(s: Pick<IntroductionState, 'brokers' | 'targetPersonId' | 'status' | 'step'>): { personId: string; role: IntroductionRole } | undefined {
  if (s.status !== 'pending') return undefined;
  return s.step < s.brokers.length ? { personId: s.brokers[s.step], role: 'broker' } : { personId: s.targetPersonId, role: 'target' };
}

/** Everyone the introduction involves, in path order. */
export const partiesOf = (s: Pick<IntroductionState, 'requesterId' | 'brokers' | 'targetPersonId'>): string[] => [s.requesterId, ...s.brokers, s.targetPersonId];

function request(c: Extract<IntroductionCommand, { type: 'RequestIntroduction' }>['data'], s: IntroductionState): IntroductionEvent[] {
  if (s.status !== 'none') throw new IllegalStateError('this introduction was already requested');
  const v = validateFields({
    brokers: () => {
      if (!Array.isArray(c.brokers) || c.brokers.length < 1 || c.brokers.length > MAX_BROKERS) throw invalid('brokerIds', `must name 1 to ${MAX_BROKERS} people between you and the target`);
      if (new Set(c.brokers).size !== c.brokers.length) throw invalid('brokerIds', 'must not name the same person twice');
      if (c.brokers.includes(c.requesterId) || c.brokers.includes(c.targetPersonId)) throw invalid('brokerIds', 'must not name you or the target');
      return c.brokers;
    },
    targetPersonId: () => {
      if (c.targetPersonId === c.requesterId) throw invalid('targetPersonId', 'must be someone else');
      return c.targetPersonId;
    },
    note: () => optionalText(c.note, 'note', NOTE_MAX) || undefined,
    strength: () => {
      if (!(c.strength > 0 && c.strength <= 1)) throw invalid('strength', 'must be in (0, 1]');
      return c.strength;
    },
    at: () => instant(c.now, 'now'),
  });
  return [
    {
      type: 'IntroductionRequested',
      data: {
        introductionId: c.introductionId,
        requesterId: c.requesterId,
        brokers: v.brokers,
        targetPersonId: v.targetPersonId,
        targetCompanyId: c.targetCompanyId,
        ...(c.needId ? { needId: c.needId } : {}),
        ...(v.note ? { note: v.note } : {}),
        strength: v.strength,
        at: v.at,
      },
    },
  ];
}

/** The party whose turn it is, or a refusal naming who the introduction waits for. */
function answering(s: IntroductionState, personId: string): IntroductionRole {
  if (s.status === 'none') throw new IllegalStateError('no such introduction');
  if (s.status !== 'pending') throw new IllegalStateError(`the introduction is ${s.status}`);
  const next = awaiting(s)!;
  if (next.personId === personId) return next.role;
  if (partiesOf(s).includes(personId)) throw new ForbiddenError(`the introduction waits for the answer of ${next.role === 'broker' ? `broker ${s.step + 1}` : 'the target'}`);
  throw new ForbiddenError('only the people of the introduction answer it');
}

function decide(command: IntroductionCommand, s: IntroductionState): IntroductionEvent[] {
  const id = s.introductionId!;
  switch (command.type) {
    case 'RequestIntroduction':
      return request(command.data, s);
    case 'AcceptIntroduction': {
      const role = answering(s, command.data.personId);
      const accepted: IntroductionEvent = { type: 'IntroductionAccepted', data: { introductionId: id, personId: command.data.personId, role, at: command.data.now } };
      if (role === 'broker') return [accepted];
      const made: IntroductionEvent = {
        type: 'IntroductionMade',
        data: { introductionId: id, requesterId: s.requesterId, brokers: s.brokers, targetPersonId: s.targetPersonId, targetCompanyId: s.targetCompanyId, ...(s.needId ? { needId: s.needId } : {}), at: command.data.now },
      };
      return [accepted, made];
    }
    case 'DeclineIntroduction': {
      const role = answering(s, command.data.personId);
      const { reason } = validateFields({ reason: () => optionalText(command.data.reason, 'reason', REASON_MAX) || undefined });
      return [{ type: 'IntroductionDeclined', data: { introductionId: id, personId: command.data.personId, role, ...(reason ? { reason } : {}), at: command.data.now } }];
    }
    case 'WithdrawIntroduction':
      if (s.status === 'none') throw new IllegalStateError('no such introduction');
      if (command.data.personId !== s.requesterId) throw new ForbiddenError('only the person who asked may withdraw the introduction');
      if (s.status !== 'pending') throw new IllegalStateError(`the introduction is ${s.status}`);
      return [{ type: 'IntroductionWithdrawn', data: { introductionId: id, personId: command.data.personId, at: command.data.now } }];
    case 'EraseParty':
      if (s.status !== 'pending' || !partiesOf(s).includes(command.data.personId)) return [];
      return [{ type: 'IntroductionCancelled', data: { introductionId: id, reason: 'party_erased', at: command.data.now } }];
    case 'ExpireIntroduction':
      if (s.status !== 'pending' || !introductionExpired(s.lastStepAt, command.data.now, command.data.afterDays)) return [];
      return [{ type: 'IntroductionExpired', data: { introductionId: id, at: command.data.now } }];
    default:
      return assertNever(command);
  }
}

function evolve(s: IntroductionState, e: IntroductionEvent): IntroductionState {
  switch (e.type) {
    case 'IntroductionRequested':
      return {
        introductionId: e.data.introductionId,
        requesterId: e.data.requesterId,
        brokers: e.data.brokers,
        targetPersonId: e.data.targetPersonId,
        targetCompanyId: e.data.targetCompanyId,
        ...(e.data.needId ? { needId: e.data.needId } : {}),
        status: 'pending',
        step: 0,
        lastStepAt: e.data.at,
      };
    case 'IntroductionAccepted':
      return e.data.role === 'target' ? { ...s, status: 'accepted', step: s.brokers.length + 1, lastStepAt: e.data.at } : { ...s, step: s.step + 1, lastStepAt: e.data.at };
    case 'IntroductionMade':
      return s;
    case 'IntroductionDeclined':
      return { ...s, status: 'declined' };
    case 'IntroductionWithdrawn':
      return { ...s, status: 'withdrawn' };
    case 'IntroductionCancelled':
      return { ...s, status: 'cancelled' };
    case 'IntroductionExpired':
      return { ...s, status: 'expired' };
    default:
      return assertNever(e);
  }
}

export const introductionDecider: Decider<IntroductionState, IntroductionCommand, IntroductionEvent> = { initialState, evolve, decide };

export const introductionStreamId = (introductionId: string): string => streamName('introduction', introductionId);

export const introductions = commandHandler(introductionDecider, introductionStreamId);
