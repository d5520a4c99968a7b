import { ForbiddenError, IllegalStateError } from '@opn/kernel';
import { DeciderSpecification, decideAll } from '@opn/testing';
import { IntroductionCommand } from './introduction.commands';
import { IntroductionEvent } from './introduction.events';
import { awaiting, introductionDecider } from './introduction.decider';

const spec = DeciderSpecification.for(introductionDecider);
const T0 = '2026-03-01T09:00:00.000Z';
const T1 = '2026-03-02T09:00:00.000Z';
const [ada, bob, cleo, dan, eve] = ['p-ada', 'p-bob', 'p-cleo', 'p-dan', 'p-eve'];
const id = 'intro-1';

const request = (over: Record<string, unknown> = {}): IntroductionCommand => ({
  type: 'RequestIntroduction',
  data: { introductionId: id, requesterId: ada, brokers: [bob, cleo], targetPersonId: dan, targetCompanyId: 'co-dan', strength: 0.48, note: '  Pour un projet de fraisage  ', now: T0, ...over },
});
const accept = (personId: string, now = T1): IntroductionCommand => ({ type: 'AcceptIntroduction', data: { personId, now } });
const decline = (personId: string, reason?: string): IntroductionCommand => ({ type: 'DeclineIntroduction', data: { personId, ...(reason !== undefined ? { reason } : {}), now: T1 } });
const withdraw = (personId: string): IntroductionCommand => ({ type: 'WithdrawIntroduction', data: { personId, now: T1 } });
const erase = (personId: string): IntroductionCommand => ({ type: 'EraseParty', data: { personId, now: T1 } });

const requested = decideAll(introductionDecider, [request()]);
const atTarget = decideAll(introductionDecider, [request(), accept(bob), accept(cleo)]);

describe('RequestIntroduction', () => {
  it('records the path, the strength and the trimmed note; the first broker answers first', () => {
    spec
      .given([])
      .when(request())
      .then([
        {
          type: 'IntroductionRequested',
          data: { introductionId: id, requesterId: ada, brokers: [bob, cleo], targetPersonId: dan, targetCompanyId: 'co-dan', note: 'Pour un projet de fraisage', strength: 0.48, at: T0 },
        },
      ]);
    spec.given(requested).when(accept(bob)).thenState((s) => expect(awaiting(s)).toEqual({ personId: cleo, role: 'broker' }));
  });

  it('keeps the need it is for, and leaves an empty note out', () => {
    const [e] = introductionDecider.decide(request({ needId: 'need-1', note: '   ' }), introductionDecider.initialState()) as IntroductionEvent[];
    expect(e.data).toMatchObject({ needId: 'need-1' });
    expect(e.data).not.toHaveProperty('note');
  });

  it('refuses every bad field at once: no broker or too many, twice the same, the requester or target as broker, oneself as target, a bad strength, a long note', () => {
    expect(spec.given([]).when(request({ brokers: [] })).thenValidationDetails()).toEqual([{ field: 'brokerIds', message: 'must name 1 to 2 people between you and the target' }]);
    expect(spec.given([]).when(request({ brokers: [bob, cleo, eve] })).thenValidationDetails()).toEqual([{ field: 'brokerIds', message: 'must name 1 to 2 people between you and the target' }]);
    expect(spec.given([]).when(request({ brokers: [bob, bob] })).thenValidationDetails()).toEqual([{ field: 'brokerIds', message: 'must not name the same person twice' }]);
    expect(spec.given([]).when(request({ brokers: [dan] })).thenValidationDetails()).toEqual([{ field: 'brokerIds', message: 'must not name you or the target' }]);
    expect(spec.given([]).when(request({ targetPersonId: ada, brokers: [bob], strength: 0, note: 'x'.repeat(1001) })).thenValidationDetails()).toEqual([
      { field: 'targetPersonId', message: 'must be someone else' },
      { field: 'note', message: 'must be at most 1000 characters' },
      { field: 'strength', message: 'must be in (0, 1]' },
    ]);
  });

  it('is asked once', () => {
    spec.given(requested).when(request()).thenThrows(IllegalStateError, /already requested/);
  });
});

describe('pending: each broker in turn, then the target', () => {
  it('goes broker 1, broker 2, then the target, who makes the introduction', () => {
    spec.given(requested).when(accept(bob)).then([{ type: 'IntroductionAccepted', data: { introductionId: id, personId: bob, role: 'broker', at: T1 } }]);
    spec.given(atTarget).when(accept(dan)).then([
      { type: 'IntroductionAccepted', data: { introductionId: id, personId: dan, role: 'target', at: T1 } },
      { type: 'IntroductionMade', data: { introductionId: id, requesterId: ada, brokers: [bob, cleo], targetPersonId: dan, targetCompanyId: 'co-dan', at: T1 } },
    ]);
    const forNeed = decideAll(introductionDecider, [request({ needId: 'need-1', brokers: [bob] }), accept(bob)]);
    spec.given(forNeed).when(accept(dan)).then([
      { type: 'IntroductionAccepted', data: { introductionId: id, personId: dan, role: 'target', at: T1 } },
      { type: 'IntroductionMade', data: { introductionId: id, requesterId: ada, brokers: [bob], targetPersonId: dan, targetCompanyId: 'co-dan', needId: 'need-1', at: T1 } },
    ]);
    spec.given(decideAll(introductionDecider, [request(), accept(bob), accept(cleo), accept(dan)])).when(accept(dan)).thenThrows(IllegalStateError, /is accepted/);
  });

  it('refuses an answer out of turn (403 naming whose turn it is) and from anyone outside the path', () => {
    spec.given(requested).when(accept(cleo)).thenThrows(ForbiddenError, /answer of broker 1/);
    spec.given(requested).when(accept(dan)).thenThrows(ForbiddenError, /answer of broker 1/);
    spec.given(requested).when(accept(ada)).thenThrows(ForbiddenError, /answer of broker 1/);
    spec.given(atTarget).when(accept(bob)).thenThrows(ForbiddenError, /answer of the target/);
    spec.given(requested).when(accept(eve)).thenThrows(ForbiddenError, /only the people of the introduction/);
  });

  it('ends when whoever it waits for declines, with an optional reason', () => {
    spec.given(requested).when(decline(bob, 'Je ne le connais plus')).then([{ type: 'IntroductionDeclined', data: { introductionId: id, personId: bob, role: 'broker', reason: 'Je ne le connais plus', at: T1 } }]);
    spec.given(atTarget).when(decline(dan)).then([{ type: 'IntroductionDeclined', data: { introductionId: id, personId: dan, role: 'target', at: T1 } }]);
    const declined = decideAll(introductionDecider, [request(), decline(bob)]);
    spec.given(declined).when(accept(cleo)).thenThrows(IllegalStateError, /is declined/);
    expect(spec.given(requested).when(decline(bob, 'x'.repeat(501))).thenValidationDetails()).toEqual([{ field: 'reason', message: 'must be at most 500 characters' }]);
  });

  it('may be withdrawn by its requester only, while pending', () => {
    spec.given(atTarget).when(withdraw(ada)).then([{ type: 'IntroductionWithdrawn', data: { introductionId: id, personId: ada, at: T1 } }]);
    spec.given(atTarget).when(withdraw(bob)).thenThrows(ForbiddenError, /only the person who asked/);
    const withdrawn = decideAll(introductionDecider, [request(), withdraw(ada)]);
    spec.given(withdrawn).when(withdraw(ada)).thenThrows(IllegalStateError, /is withdrawn/);
    spec.given(withdrawn).when(accept(bob)).thenThrows(IllegalStateError, /is withdrawn/);
  });

  it('is cancelled when identity erases one of its people, and only then (idempotent)', () => {
    spec.given(requested).when(erase(dan)).then([{ type: 'IntroductionCancelled', data: { introductionId: id, reason: 'party_erased', at: T1 } }]);
    spec.given(requested).when(erase(eve)).thenNothingHappens();
    const cancelled = decideAll(introductionDecider, [request(), erase(dan)]);
    spec.given(cancelled).when(erase(dan)).thenNothingHappens();
    spec.given([]).when(erase(dan)).thenNothingHappens();
  });

  it('expires when nobody answered for the expiry time since its last step, and only a pending one', () => {
    const expire = (now: string): IntroductionCommand => ({ type: 'ExpireIntroduction', data: { afterDays: 30, now } });
    spec.given(requested).when(expire('2026-03-31T08:59:59.999Z')).thenNothingHappens();
    spec.given(requested).when(expire('2026-03-31T09:00:00.000Z')).then([{ type: 'IntroductionExpired', data: { introductionId: id, at: '2026-03-31T09:00:00.000Z' } }]);
    // Bob passed it on at T1: the clock starts again there.
    const passed = decideAll(introductionDecider, [request(), accept(bob)]);
    spec.given(passed).when(expire('2026-03-31T09:00:00.000Z')).thenNothingHappens();
    spec.given(passed).when(expire('2026-04-01T09:00:00.000Z')).then([{ type: 'IntroductionExpired', data: { introductionId: id, at: '2026-04-01T09:00:00.000Z' } }]);
    const expired = decideAll(introductionDecider, [request(), expire('2026-04-01T09:00:00.000Z')]);
    spec.given(expired).when(expire('2026-05-01T09:00:00.000Z')).thenNothingHappens();
    spec.given(expired).when(accept(bob)).thenThrows(IllegalStateError, /is expired/);
    spec.given(decideAll(introductionDecider, [request(), withdraw(ada)])).when(expire('2026-05-01T09:00:00.000Z')).thenNothingHappens();
  });

  it('refuses answers to an introduction never requested', () => {
    spec.given([]).when(accept(bob)).thenThrows(IllegalStateError, /no such introduction/);
    spec.given([]).when(withdraw(ada)).thenThrows(IllegalStateError, /no such introduction/);
  });
});
