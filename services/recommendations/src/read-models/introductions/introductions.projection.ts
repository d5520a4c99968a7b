import { Injectable } from '@nestjs/common';
import { DocumentProjection, KeyedMemoryReadModel } from '@opn/projections';
import type { IntroductionEvent, IntroductionRole, IntroductionStatus } from '../../domain';

/** One answer on an introduction, in path order. */
export interface IntroductionAnswer {
  personId: string;
  role: IntroductionRole;
  answer: 'accepted' | 'declined';
  /** Sealed under the person's key when given. */
  reason?: string;
  at: string;
}

/**
 * An introduction as its parties read it (MongoDB `introductions`, and in memory by party): the
 * path, who it waits for, the answers so far. The note and reasons stay sealed (opened for readers).
 */
export interface IntroductionView {
  introductionId: string;
  requesterId: string;
  brokers: string[];
  targetPersonId: string;
  targetCompanyId: string;
  needId?: string;
  note?: string;
  strength: number;
  status: IntroductionStatus;
  /** The person whose answer it waits for (absent once over). */
  awaiting?: string;
  /** How far it went: brokers who passed it on, then the target. */
  answers: IntroductionAnswer[];
  requestedAt: string;
  updatedAt: string;
}

const HANDLES: readonly IntroductionEvent['type'][] = ['IntroductionRequested', 'IntroductionAccepted', 'IntroductionDeclined', 'IntroductionWithdrawn', 'IntroductionCancelled', 'IntroductionExpired'];

const next = (v: IntroductionView, answered: number): string | undefined => (answered < v.brokers.length ? v.brokers[answered] : v.targetPersonId);

export const introductionsProjection: DocumentProjection<IntroductionView> = {
  name: 'recommendations.introductions',
  collection: 'introductions',
  handles: HANDLES,
  documentId: (recorded) => (recorded.data as { introductionId: string }).introductionId,
  apply: (doc, recorded) => {
    const e = recorded as unknown as IntroductionEvent;
    if (e.type === 'IntroductionRequested') {
      const d = e.data;
      return {
        introductionId: d.introductionId,
        requesterId: d.requesterId,
        brokers: d.brokers,
        targetPersonId: d.targetPersonId,
        targetCompanyId: d.targetCompanyId,
        ...(d.needId ? { needId: d.needId } : {}),
        ...(d.note !== undefined ? { note: d.note } : {}),
        strength: d.strength,
        status: 'pending',
        awaiting: d.brokers[0],
        answers: [],
        requestedAt: d.at,
        updatedAt: d.at,
      };
    }
    if (!doc) return doc;
    const { awaiting: _awaiting, ...rest } = doc;
    switch (e.type) {
      case 'IntroductionAccepted': {
        const answers = [...doc.answers, { personId: e.data.personId, role: e.data.role, answer: 'accepted' as const, at: e.data.at }];
        return e.data.role === 'target' ? { ...rest, status: 'accepted', answers, updatedAt: e.data.at } : { ...doc, answers, awaiting: next(doc, answers.length), updatedAt: e.data.at };
      }
      case 'IntroductionDeclined':
        return { ...rest, status: 'declined', answers: [...doc.answers, { personId: e.data.personId, role: e.data.role, answer: 'declined', ...(e.data.reason !== undefined ? { reason: e.data.reason } : {}), at: e.data.at }], updatedAt: e.data.at };
      case 'IntroductionWithdrawn':
        return { ...rest, status: 'withdrawn', updatedAt: e.data.at };
      case 'IntroductionCancelled':
        return { ...rest, status: 'cancelled', updatedAt: e.data.at };
      case 'IntroductionExpired':
        return { ...rest, status: 'expired', updatedAt: e.data.at };
      default:
        return doc;
    }
  },
};

/** Whether the target may see the introduction yet: once every broker passed it on (double opt-in). */
export const reachedTarget = (v: IntroductionView): boolean => v.answers.filter((a) => a.role === 'broker' && a.answer === 'accepted').length === v.brokers.length;

/** The introductions in memory, listed under each of their parties: "my introductions" with exact totals. */
@Injectable()
export class IntroductionIndex extends KeyedMemoryReadModel<IntroductionView> {
  readonly projection = introductionsProjection;

  protected keysOf(v: IntroductionView): readonly string[] {
    return [v.requesterId, ...v.brokers, v.targetPersonId];
  }
}
