import { ForbiddenError, IllegalStateError, NotFoundError, ValidationError } from '@opn/kernel';
import { DeciderSpecification } from '@opn/testing';
import { NeedCommand } from './need.commands';
import {
  BUDGET_BANDS,
  NEED_VISIBILITIES,
  NeedState,
  PublishedNeed,
  departementCode,
  isEngaged,
  needDecider,
  needStreamId,
  needs,
} from './need.decider';
import { ContentReported, IntroductionMade, NeedClosed, NeedEvent, NeedPublished } from './need.events';

const spec = DeciderSpecification.for(needDecider);

const T0 = '2026-03-01T09:00:00.000Z';
const T1 = '2026-03-05T09:00:00.000Z';
const ON_DEADLINE = '2026-04-30T21:00:00.000Z';
const AFTER_DEADLINE = '2026-05-01T00:00:00.000Z';
const DEADLINE = '2026-04-30';

const needId = 'need-1';
const P = 'co-publisher';
const X = 'co-x';
const Y = 'co-y';
const OUTSIDER = 'co-outsider';
const paul = 'p-paul'; // of P
const xavier = 'p-xavier'; // of X
const yves = 'p-yves'; // of Y
const mod = 'p-moderator';
const personOf: Record<string, string> = { [P]: paul, [X]: xavier, [Y]: yves, [OUTSIDER]: 'p-outsider' };

type Data<T extends NeedCommand['type']> = Extract<NeedCommand, { type: T }>['data'];

const publish = (over: Partial<Data<'PublishNeed'>> = {}): NeedCommand => ({
  type: 'PublishNeed',
  data: {
    needId,
    actingCompanyId: P,
    title: '  Usinage de 500 pièces  ',
    description: 'Série de pièces en aluminium',
    capabilities: ['Usinage CNC', ' usinage  cnc', 'Aluminium'],
    territory: ['69', '2a', ' 01 ', '69'],
    deadline: DEADLINE,
    budgetBand: '10k_50k',
    visibility: 'territory',
    by: paul,
    now: T0,
    ...over,
  },
});
const published: NeedPublished = {
  type: 'NeedPublished',
  data: {
    needId,
    companyId: P,
    title: 'Usinage de 500 pièces',
    description: 'Série de pièces en aluminium',
    capabilities: ['usinage cnc', 'aluminium'],
    territory: ['69', '2A', '01'],
    deadline: DEADLINE,
    budgetBand: '10k_50k',
    visibility: 'territory',
    by: paul,
    at: T0,
  },
};

const byCompany = <T extends NeedCommand['type']>(type: T, actingCompanyId: string, extra: Partial<Data<T>> = {}): NeedCommand =>
  ({ type, data: { actingCompanyId, by: personOf[actingCompanyId], now: T1, ...extra } }) as NeedCommand;

const interested = (companyId: string, message?: string): NeedEvent => ({
  type: 'InterestExpressed',
  data: { needId, companyId, ...(message !== undefined ? { message } : {}), by: personOf[companyId], at: T1 },
});
const interestWithdrawn = (companyId: string): NeedEvent => ({ type: 'InterestWithdrawn', data: { needId, companyId, by: personOf[companyId], at: T1 } });
const shortlisted = (partnerCompanyId: string): NeedEvent => ({
  type: 'PartnerShortlisted',
  data: { needId, companyId: P, partnerCompanyId, by: paul, at: T1 },
});
const removedFromShortlist = (partnerCompanyId: string): NeedEvent => ({
  type: 'PartnerRemovedFromShortlist',
  data: { needId, companyId: P, partnerCompanyId, by: paul, at: T1 },
});
const introduce = (over: Partial<Data<'MakeIntroduction'>> = {}): NeedCommand => ({
  type: 'MakeIntroduction',
  data: { introductionId: 'intro-1', partnerCompanyId: Y, via: 'coordinator', note: 'se connaissent', by: mod, authority: 'coordinator', now: T1, ...over },
});
const introduced: IntroductionMade = {
  type: 'IntroductionMade',
  data: { needId, introductionId: 'intro-1', companyId: P, partnerCompanyId: Y, via: 'coordinator', note: 'se connaissent', authority: 'coordinator', by: mod, at: T1 },
};
const meeting = (actingCompanyId: string, partnerCompanyId: string, over: Partial<Data<'LogMeeting'>> = {}): NeedCommand =>
  byCompany('LogMeeting', actingCompanyId, { meetingId: 'm-1', partnerCompanyId, on: '2026-03-04', ...over });
const meetingLogged = (companyId: string, partnerCompanyId: string): NeedEvent => ({
  type: 'MeetingLogged',
  data: { needId, meetingId: 'm-1', companyId, publisherCompanyId: P, partnerCompanyId, on: '2026-03-04', by: personOf[companyId], at: T1 },
});
const outcome = (o: unknown, actingCompanyId = P): NeedCommand => byCompany('RecordOutcome', actingCompanyId, { outcome: o as Data<'RecordOutcome'>['outcome'] });
const closed = (o: NeedClosed['data']['outcome'], by = paul, at = T1): NeedClosed => ({ type: 'NeedClosed', data: { needId, companyId: P, outcome: o, by, at } });
const reportCmd = (over: Partial<Data<'ReportContent'>> = {}): NeedCommand => ({
  type: 'ReportContent',
  data: { reportId: 'r-1', target: { kind: 'need' }, reason: ' Spam ', by: yves, now: T1, ...over },
});
const reported = (reportId = 'r-1', target: ContentReported['data']['target'] = { kind: 'need' }): ContentReported => ({
  type: 'ContentReported',
  data: { needId, reportId, target, reason: 'Spam', by: yves, at: T1 },
});
const moderate = <T extends 'HideContent' | 'RestoreContent'>(type: T, over: Partial<Data<T>> = {}): NeedCommand =>
  ({ type, data: { target: { kind: 'need' }, reason: 'hors charte', by: mod, authority: 'coordinator', now: T1, ...over } }) as NeedCommand;
const hidden = (target: ContentReported['data']['target'] = { kind: 'need' }, reportId?: string): NeedEvent => ({
  type: 'ContentHidden',
  data: { needId, target, ...(reportId ? { reportId } : {}), reason: 'hors charte', authority: 'coordinator', by: mod, at: T1 },
});
const restored = (target: ContentReported['data']['target'] = { kind: 'need' }): NeedEvent => ({
  type: 'ContentRestored',
  data: { needId, target, reason: 'hors charte', authority: 'coordinator', by: mod, at: T1 },
});
const resolved = (decision: 'hidden' | 'dismissed', reportId = 'r-1', reason = 'hors charte'): NeedEvent => ({
  type: 'ReportResolved',
  data: { needId, reportId, decision, reason, authority: 'coordinator', by: mod, at: T1 },
});
const dismissCmd = (over: Partial<Data<'DismissReport'>> = {}): NeedCommand => ({
  type: 'DismissReport',
  data: { reportId: 'r-1', reason: 'rien à redire', by: mod, authority: 'platform_admin', now: T1, ...over },
});

const open: NeedEvent[] = [published];
const withInterest: NeedEvent[] = [published, interested(X, 'Nous avons un parc 5 axes')];
const isClosed: NeedEvent[] = [...withInterest, closed({ kind: 'no_deal', reason: 'trop cher' })];

const stateOf = (events: NeedEvent[]): NeedState => events.reduce(needDecider.evolve, needDecider.initialState());
const needOf = (events: NeedEvent[]): PublishedNeed => {
  const s = stateOf(events);
  if (s.status === 'none') throw new Error('no need');
  return s;
};

const validationDetails = (events: NeedEvent[], command: NeedCommand) => spec.given(events).when(command).thenValidationDetails();

/** Every command but PublishNeed, each allowed in some state of an open need. */
const commandsOnANeed: NeedCommand[] = [
  byCompany('ExpressInterest', X),
  byCompany('WithdrawInterest', X),
  byCompany('Shortlist', P, { partnerCompanyId: X }),
  byCompany('RemoveFromShortlist', P, { partnerCompanyId: X }),
  introduce(),
  meeting(P, X),
  outcome({ kind: 'no_deal', reason: 'x' }),
  { type: 'ExpireNeed', data: { now: AFTER_DEADLINE } },
  reportCmd(),
  moderate('HideContent'),
  moderate('RestoreContent'),
  dismissCmd(),
];

describe('values', () => {
  it('lists budget bands and visibilities', () => {
    expect(BUDGET_BANDS).toEqual(['undisclosed', 'lt_10k', '10k_50k', '50k_200k', '200k_1m', 'gt_1m']);
    expect(NEED_VISIBILITIES).toEqual(['members', 'territory']);
  });

  it.each(['01', '09', '19', '21', '2A', '2b', '75', '95', '971', '976'])('accepts the département %p', (code) => {
    expect(departementCode(code, 'd')).toBe(code.toUpperCase());
  });

  it.each(['00', '20', '96', '970', '977', '2C', '1', '075', 75, ''])('refuses %p', (code) => {
    expect(() => departementCode(code, 'territory[0]')).toThrow(/^territory\[0\]: must be a département code/);
  });

  it('streams are need-<id>, and the command handler uses them', () => {
    expect(needStreamId('abc')).toBe('need-abc');
    expect(needs.streamId('abc')).toBe('need-abc');
  });
});

describe('no need', () => {
  describe('PublishNeed', () => {
    it('records the normalised need', () => {
      spec.given([]).when(publish()).then([published]);
    });

    it('reports every bad field at once', () => {
      expect(
        validationDetails(
          [],
          publish({
            title: ' ',
            description: 'd'.repeat(5001),
            capabilities: ['ok', 'x'.repeat(61)],
            territory: ['20', '69', '977'],
            deadline: '2026-03-01',
            budgetBand: 'huge' as never,
            visibility: 'public' as never,
            by: '',
          }),
        ),
      ).toEqual([
        { field: 'title', message: 'must not be empty' },
        { field: 'description', message: 'must be at most 5000 characters' },
        { field: 'capabilities[1]', message: 'must be at most 60 characters' },
        { field: 'territory[0]', message: 'must be a département code: 01..95, 2A, 2B or 971..976' },
        { field: 'territory[2]', message: 'must be a département code: 01..95, 2A, 2B or 971..976' },
        { field: 'deadline', message: 'must be after today' },
        { field: 'budgetBand', message: 'must be one of undisclosed, lt_10k, 10k_50k, 50k_200k, 200k_1m, gt_1m' },
        { field: 'visibility', message: 'must be one of members, territory' },
        { field: 'by', message: 'is required' },
      ]);
    });

    it('accepts tomorrow as a deadline, and no capabilities', () => {
      spec
        .given([])
        .when(publish({ deadline: '2026-03-02', capabilities: [] }))
        .then([{ ...published, data: { ...published.data, deadline: '2026-03-02', capabilities: [] } }]);
    });

    it('refuses more than 20 capabilities or départements, and none', () => {
      const many = Array.from({ length: 21 }, (_, i) => `c${i}`);
      const deps = Array.from({ length: 21 }, (_, i) => String(i + 21));
      expect(validationDetails([], publish({ capabilities: many, territory: deps }))).toEqual([
        { field: 'capabilities', message: 'must hold at most 20 distinct tags' },
        { field: 'territory', message: 'must hold at most 20 départements' },
      ]);
      spec.given([]).when(publish({ territory: [] })).thenThrows(ValidationError, /^territory: must hold at least one département$/);
      spec.given([]).when(publish({ deadline: '30/04/2026' })).thenThrows(ValidationError, /^deadline: must be a date/);
    });

    it('evolves into an open need', () => {
      spec
        .given([])
        .when(publish())
        .thenState((state) =>
          expect(state).toEqual({
            status: 'open',
            needId,
            companyId: P,
            title: 'Usinage de 500 pièces',
            description: 'Série de pièces en aluminium',
            capabilities: ['usinage cnc', 'aluminium'],
            territory: ['69', '2A', '01'],
            deadline: DEADLINE,
            budgetBand: '10k_50k',
            visibility: 'territory',
            publishedAt: T0,
            interests: {},
            shortlist: [],
            introductions: {},
            meetings: [],
            hidden: false,
            reports: {},
          } satisfies NeedState),
        );
    });
  });

  it.each(commandsOnANeed.map((c) => [c.type, c] as const))('%s -> need not found', (_type, command) => {
    spec.given([]).when(command).thenThrows(NotFoundError, /^need not found$/);
  });
});

describe('open', () => {
  it('PublishNeed -> 409 need is already published', () => {
    spec.given(open).when(publish()).thenThrows(IllegalStateError, /^need is already published$/);
  });

  describe('ExpressInterest', () => {
    it('records the interest with its message', () => {
      spec.given(open).when(byCompany('ExpressInterest', X, { message: ' Nous avons un parc 5 axes ' })).then([interested(X, 'Nous avons un parc 5 axes')]);
      spec.given(open).when(byCompany('ExpressInterest', Y)).then([interested(Y)]);
    });

    it('on the deadline day still', () => {
      spec
        .given(open)
        .when(byCompany('ExpressInterest', X, { now: ON_DEADLINE }))
        .then([{ type: 'InterestExpressed', data: { needId, companyId: X, by: xavier, at: ON_DEADLINE } }]);
    });

    it('again after a withdrawal', () => {
      spec.given([...withInterest, interestWithdrawn(X)]).when(byCompany('ExpressInterest', X)).then([interested(X)]);
    });

    it('again after a withdrawal, still hidden when moderation hid it', () => {
      spec
        .given([...withInterest, hidden({ kind: 'interest', companyId: X }), interestWithdrawn(X)])
        .when(byCompany('ExpressInterest', X, { message: 'autre message' }))
        .thenState((s) => expect(s).toMatchObject({ interests: { [X]: { status: 'interested', message: 'autre message', hidden: true } } }));
    });

    it('interest in one\'s own need -> 409', () => {
      spec.given(open).when(byCompany('ExpressInterest', P)).thenThrows(IllegalStateError, /^cannot express interest in your own need$/);
    });

    it('twice -> 409', () => {
      spec.given(withInterest).when(byCompany('ExpressInterest', X)).thenThrows(IllegalStateError, /^interest is already expressed$/);
    });

    it('after the deadline -> 409', () => {
      spec.given(open).when(byCompany('ExpressInterest', X, { now: AFTER_DEADLINE })).thenThrows(IllegalStateError, /^deadline has passed$/);
    });

    it('in a hidden need -> 409', () => {
      spec.given([...open, hidden()]).when(byCompany('ExpressInterest', X)).thenThrows(IllegalStateError, /^need is hidden by moderation$/);
    });

    it('reports every bad field at once', () => {
      expect(validationDetails(open, byCompany('ExpressInterest', '', { message: 'm'.repeat(2001), now: 'later' }))).toEqual([
        { field: 'actingCompanyId', message: 'is required' },
        { field: 'message', message: 'must be at most 2000 characters' },
        { field: 'by', message: 'is required' },
        { field: 'now', message: expect.stringMatching(/^must be an ISO 8601 instant/) },
      ]);
    });

    it('evolves: the company is interested and engaged', () => {
      spec
        .given(open)
        .when(byCompany('ExpressInterest', X, { message: 'hello' }))
        .thenState((s) => {
          expect(s).toMatchObject({ interests: { [X]: { status: 'interested', message: 'hello', hidden: false } } });
          expect(isEngaged(s, X)).toBe(true);
        });
    });
  });

  describe('WithdrawInterest', () => {
    it('withdraws the interest', () => {
      spec.given(withInterest).when(byCompany('WithdrawInterest', X)).then([interestWithdrawn(X)]);
    });

    it('without an interest, or twice -> 404', () => {
      spec.given(withInterest).when(byCompany('WithdrawInterest', Y)).thenThrows(NotFoundError, /^interest not found$/);
      spec.given([...withInterest, interestWithdrawn(X)]).when(byCompany('WithdrawInterest', X)).thenThrows(NotFoundError, /^interest not found$/);
    });

    it('evolves: withdrawn and no longer engaged', () => {
      spec
        .given(withInterest)
        .when(byCompany('WithdrawInterest', X))
        .thenState((s) => {
          expect(s).toMatchObject({ interests: { [X]: { status: 'withdrawn' } } });
          expect(isEngaged(s, X)).toBe(false);
        });
    });
  });

  describe('Shortlist', () => {
    it('shortlists an interested partner', () => {
      spec.given(withInterest).when(byCompany('Shortlist', P, { partnerCompanyId: X })).then([shortlisted(X)]);
    });

    it('by anyone but the publisher -> 404', () => {
      spec.given(withInterest).when(byCompany('Shortlist', X, { partnerCompanyId: X })).thenThrows(NotFoundError, /^need not found$/);
    });

    it('a partner that has not expressed interest, or withdrew it -> 409', () => {
      spec.given(withInterest).when(byCompany('Shortlist', P, { partnerCompanyId: Y })).thenThrows(IllegalStateError, /^partner has not expressed interest$/);
      spec
        .given([...withInterest, interestWithdrawn(X)])
        .when(byCompany('Shortlist', P, { partnerCompanyId: X }))
        .thenThrows(IllegalStateError, /^partner has not expressed interest$/);
    });

    it('twice -> 409', () => {
      spec
        .given([...withInterest, shortlisted(X)])
        .when(byCompany('Shortlist', P, { partnerCompanyId: X }))
        .thenThrows(IllegalStateError, /^partner is already shortlisted$/);
    });

    it('the publisher itself -> 400', () => {
      spec.given(withInterest).when(byCompany('Shortlist', P, { partnerCompanyId: P })).thenThrows(ValidationError, /^partnerCompanyId: /);
    });

    it('evolves: on the shortlist', () => {
      spec
        .given(withInterest)
        .when(byCompany('Shortlist', P, { partnerCompanyId: X }))
        .thenState((s) => expect(s).toMatchObject({ shortlist: [X] }));
    });
  });

  describe('RemoveFromShortlist', () => {
    it('removes a shortlisted partner', () => {
      spec.given([...withInterest, shortlisted(X)]).when(byCompany('RemoveFromShortlist', P, { partnerCompanyId: X })).then([removedFromShortlist(X)]);
    });

    it('a partner not shortlisted -> 409', () => {
      spec.given(withInterest).when(byCompany('RemoveFromShortlist', P, { partnerCompanyId: X })).thenThrows(NotFoundError, /^partner is not shortlisted$/);
    });

    it('by anyone but the publisher -> 404', () => {
      spec
        .given([...withInterest, shortlisted(X)])
        .when(byCompany('RemoveFromShortlist', X, { partnerCompanyId: X }))
        .thenThrows(NotFoundError, /^need not found$/);
    });

    it('evolves: off the shortlist', () => {
      spec
        .given([...withInterest, shortlisted(X)])
        .when(byCompany('RemoveFromShortlist', P, { partnerCompanyId: X }))
        .thenState((s) => expect(s).toMatchObject({ shortlist: [] }));
    });
  });

  describe('MakeIntroduction', () => {
    it('introduces a partner', () => {
      spec.given(open).when(introduce()).then([introduced]);
    });

    it('the publisher to itself -> 400', () => {
      spec.given(open).when(introduce({ partnerCompanyId: P })).thenThrows(ValidationError, /^partnerCompanyId: must be another company than the publisher$/);
    });

    it('a partner already introduced, or an id used twice -> 409', () => {
      spec.given([...open, introduced]).when(introduce({ introductionId: 'intro-2' })).thenThrows(IllegalStateError, /^partner is already introduced$/);
      spec.given([...open, introduced]).when(introduce({ partnerCompanyId: X })).thenThrows(IllegalStateError, /^introduction id already used$/);
    });

    it('reports every bad field at once', () => {
      expect(validationDetails(open, introduce({ introductionId: '', via: 'pigeon' as never, authority: 'king' as never, note: 'n'.repeat(2001) }))).toEqual([
        { field: 'introductionId', message: 'is required' },
        { field: 'via', message: 'must be one of platform, coordinator, person' },
        { field: 'note', message: 'must be at most 2000 characters' },
        { field: 'authority', message: 'must be one of member, coordinator, platform_admin, system' },
      ]);
    });

    it('evolves: the introduced partner is engaged', () => {
      spec
        .given(open)
        .when(introduce())
        .thenState((s) => {
          expect(s).toMatchObject({ introductions: { 'intro-1': { partnerCompanyId: Y } } });
          expect(isEngaged(s, Y)).toBe(true);
        });
    });
  });

  describe('LogMeeting', () => {
    it('by the publisher or by the partner', () => {
      spec.given(withInterest).when(meeting(P, X)).then([meetingLogged(P, X)]);
      spec.given(withInterest).when(meeting(X, X)).then([meetingLogged(X, X)]);
    });

    it('with a partner introduced or shortlisted', () => {
      spec.given([...open, introduced]).when(meeting(Y, Y)).then([meetingLogged(Y, Y)]);
      spec.given([...withInterest, shortlisted(X), interestWithdrawn(X)]).when(meeting(P, X)).then([meetingLogged(P, X)]);
    });

    it('by neither side -> 404', () => {
      spec.given(withInterest).when(meeting(OUTSIDER, X)).thenThrows(NotFoundError, /^need not found$/);
    });

    it('with a partner not engaged -> 409', () => {
      spec.given(withInterest).when(meeting(P, Y)).thenThrows(IllegalStateError, /^partner is not engaged on this need$/);
      spec.given([...withInterest, interestWithdrawn(X)]).when(meeting(X, X)).thenThrows(IllegalStateError, /^partner is not engaged on this need$/);
    });

    it('after the deadline -> 409', () => {
      spec.given(withInterest).when(meeting(P, X, { now: AFTER_DEADLINE })).thenThrows(IllegalStateError, /^deadline has passed$/);
    });

    it('the same meeting twice -> 409', () => {
      spec.given([...withInterest, meetingLogged(P, X)]).when(meeting(X, X)).thenThrows(IllegalStateError, /^meeting is already logged$/);
    });

    it('refuses dates in the future or before the publication', () => {
      spec.given(withInterest).when(meeting(P, X, { on: '2026-03-06' })).thenThrows(ValidationError, /^on: must not be in the future$/);
      spec.given(withInterest).when(meeting(P, X, { on: '2026-02-28' })).thenThrows(ValidationError, /^on: must not be before the need was published$/);
    });

    it('reports every bad field at once', () => {
      expect(validationDetails(withInterest, meeting(P, P, { meetingId: '', on: 'lundi', note: 'n'.repeat(2001) }))).toEqual([
        { field: 'meetingId', message: 'is required' },
        { field: 'partnerCompanyId', message: 'must be another company than the publisher' },
        { field: 'on', message: 'must be a date YYYY-MM-DD' },
        { field: 'note', message: 'must be at most 2000 characters' },
      ]);
    });

    it('evolves: the meeting is remembered', () => {
      spec.given(withInterest).when(meeting(P, X)).thenState((s) => expect(s).toMatchObject({ meetings: ['m-1'] }));
    });
  });

  describe('RecordOutcome', () => {
    it('an agreement with an engaged partner', () => {
      spec
        .given(withInterest)
        .when(outcome({ kind: 'agreement', partnerCompanyId: X, relationKind: 'supplier' }))
        .then([closed({ kind: 'agreement', partnerCompanyId: X, relationKind: 'supplier' })]);
    });

    it('no deal, or a withdrawal', () => {
      spec.given(open).when(outcome({ kind: 'no_deal', reason: ' trop cher ' })).then([closed({ kind: 'no_deal', reason: 'trop cher' })]);
      spec.given(open).when(outcome({ kind: 'withdrawn' })).then([closed({ kind: 'withdrawn' })]);
      spec.given(open).when(outcome({ kind: 'withdrawn', reason: 'projet annulé' })).then([closed({ kind: 'withdrawn', reason: 'projet annulé' })]);
    });

    it('after the deadline still (until it expires)', () => {
      spec
        .given(open)
        .when(byCompany('RecordOutcome', P, { outcome: { kind: 'withdrawn' }, now: AFTER_DEADLINE }))
        .then([closed({ kind: 'withdrawn' }, paul, AFTER_DEADLINE)]);
    });

    it('an agreement with a partner not engaged -> 409', () => {
      spec
        .given(withInterest)
        .when(outcome({ kind: 'agreement', partnerCompanyId: Y, relationKind: 'supplier' }))
        .thenThrows(IllegalStateError, /^agreement partner is not engaged on this need$/);
    });

    it('by anyone but the publisher -> 404', () => {
      spec.given(withInterest).when(outcome({ kind: 'withdrawn' }, X)).thenThrows(NotFoundError, /^need not found$/);
    });

    it.each([
      [undefined, 'outcome: must be an agreement, a no_deal or a withdrawal'],
      [{ kind: 'expired' }, 'outcome.kind: must be one of agreement, no_deal, withdrawn'],
      [{ kind: 'no_deal' }, 'outcome.reason: is required'],
      [{ kind: 'withdrawn', reason: 'r'.repeat(1001) }, 'outcome.reason: must be at most 1000 characters'],
      [
        { kind: 'agreement', partnerCompanyId: P, relationKind: 'boss' },
        'outcome.partnerCompanyId: must be another company than the publisher; outcome.relationKind: must be one of client, supplier, partner, co_contractor, subcontractor, contractor, investor, investee, other',
      ],
    ])('an invalid outcome %p -> 400', (o, message) => {
      spec.given(withInterest).when(outcome(o)).thenThrows(ValidationError, (e) => expect(e.message).toBe(message));
    });

    it('evolves: closed with the outcome', () => {
      spec
        .given(withInterest)
        .when(outcome({ kind: 'no_deal', reason: 'trop cher' }))
        .thenState((s) => expect(s).toMatchObject({ status: 'closed', outcome: { kind: 'no_deal', reason: 'trop cher' } }));
    });
  });

  describe('ExpireNeed', () => {
    it('closes the need once the deadline has passed', () => {
      spec.given(open).when({ type: 'ExpireNeed', data: { now: AFTER_DEADLINE } }).then([closed({ kind: 'expired' }, 'system', AFTER_DEADLINE)]);
    });

    it('before or on the deadline day -> 409', () => {
      spec.given(open).when({ type: 'ExpireNeed', data: { now: T1 } }).thenThrows(IllegalStateError, /^deadline has not passed yet/);
      spec.given(open).when({ type: 'ExpireNeed', data: { now: ON_DEADLINE } }).thenThrows(IllegalStateError, /^deadline has not passed yet/);
    });

    it('refuses a bad instant', () => {
      spec.given(open).when({ type: 'ExpireNeed', data: { now: 'never' } }).thenThrows(ValidationError, /^now: /);
    });
  });

  describe('ReportContent', () => {
    it('reports the need or an interest', () => {
      spec.given(withInterest).when(reportCmd()).then([reported()]);
      spec
        .given(withInterest)
        .when(reportCmd({ reportId: 'r-2', target: { kind: 'interest', companyId: X } }))
        .then([reported('r-2', { kind: 'interest', companyId: X })]);
    });

    it('an interest that does not exist -> 404', () => {
      spec.given(withInterest).when(reportCmd({ target: { kind: 'interest', companyId: Y } })).thenThrows(NotFoundError, /^interest not found$/);
    });

    it('a report id used twice -> 409', () => {
      spec.given([...withInterest, reported()]).when(reportCmd()).thenThrows(IllegalStateError, /^report id already used$/);
    });

    it('reports every bad field at once', () => {
      expect(validationDetails(withInterest, reportCmd({ reportId: '', target: { kind: 'company' } as never, reason: 'r'.repeat(1001) }))).toEqual([
        { field: 'reportId', message: 'is required' },
        { field: 'target.kind', message: 'must be one of need, interest' },
        { field: 'reason', message: 'must be at most 1000 characters' },
      ]);
      expect(validationDetails(withInterest, reportCmd({ target: { kind: 'interest' } as never, reason: '' }))).toEqual([
        { field: 'target.companyId', message: 'is required' },
        { field: 'reason', message: 'must not be empty' },
      ]);
    });

    it('evolves: an open report', () => {
      spec
        .given(withInterest)
        .when(reportCmd())
        .thenState((s) => expect(s).toMatchObject({ reports: { 'r-1': { status: 'open', target: { kind: 'need' } } } }));
    });
  });

  describe('HideContent', () => {
    it('hides the need and resolves the report given', () => {
      spec
        .given([...withInterest, reported()])
        .when(moderate('HideContent', { reportId: 'r-1' }))
        .then([hidden({ kind: 'need' }, 'r-1'), resolved('hidden')]);
    });

    it('hides an interest without a report', () => {
      spec
        .given(withInterest)
        .when(moderate('HideContent', { target: { kind: 'interest', companyId: X } }))
        .then([hidden({ kind: 'interest', companyId: X })]);
    });

    it('already hidden -> 409', () => {
      spec.given([...withInterest, hidden()]).when(moderate('HideContent')).thenThrows(IllegalStateError, /^need is already hidden$/);
      spec
        .given([...withInterest, hidden({ kind: 'interest', companyId: X })])
        .when(moderate('HideContent', { target: { kind: 'interest', companyId: X } }))
        .thenThrows(IllegalStateError, /^interest is already hidden$/);
    });

    it('an unknown report or interest -> 404', () => {
      spec.given(withInterest).when(moderate('HideContent', { reportId: 'r-9' })).thenThrows(NotFoundError, /^report not found$/);
      spec
        .given(withInterest)
        .when(moderate('HideContent', { target: { kind: 'interest', companyId: Y } }))
        .thenThrows(NotFoundError, /^interest not found$/);
    });

    it('a report already resolved -> 409', () => {
      spec
        .given([...withInterest, reported(), resolved('dismissed')])
        .when(moderate('HideContent', { reportId: 'r-1' }))
        .thenThrows(IllegalStateError, /^report is already resolved$/);
    });

    it('a report on another target -> 400', () => {
      spec
        .given([...withInterest, reported()])
        .when(moderate('HideContent', { reportId: 'r-1', target: { kind: 'interest', companyId: X } }))
        .thenThrows(ValidationError, /^target: must be the target of the report$/);
    });

    it('by a member -> 403', () => {
      spec.given(withInterest).when(moderate('HideContent', { authority: 'member' as never })).thenThrows(ForbiddenError);
    });

    it('evolves: the need, or the interest, is hidden', () => {
      spec
        .given([...withInterest, reported()])
        .when(moderate('HideContent', { reportId: 'r-1' }))
        .thenState((s) => expect(s).toMatchObject({ hidden: true, reports: { 'r-1': { status: 'resolved' } } }));
      spec
        .given(withInterest)
        .when(moderate('HideContent', { target: { kind: 'interest', companyId: X } }))
        .thenState((s) => expect(s).toMatchObject({ hidden: false, interests: { [X]: { hidden: true } } }));
    });
  });

  describe('RestoreContent', () => {
    it('restores hidden content', () => {
      spec.given([...withInterest, hidden()]).when(moderate('RestoreContent')).then([restored()]);
      spec
        .given([...withInterest, hidden({ kind: 'interest', companyId: X })])
        .when(moderate('RestoreContent', { target: { kind: 'interest', companyId: X } }))
        .then([restored({ kind: 'interest', companyId: X })]);
    });

    it('content not hidden -> 409', () => {
      spec.given(withInterest).when(moderate('RestoreContent')).thenThrows(IllegalStateError, /^need is not hidden$/);
    });

    it('an unknown report -> 404', () => {
      spec.given([...withInterest, hidden()]).when(moderate('RestoreContent', { reportId: 'r-9' })).thenThrows(NotFoundError, /^report not found$/);
    });

    it('evolves: visible again, and interest can be expressed again', () => {
      spec
        .given([...withInterest, hidden()])
        .when(moderate('RestoreContent'))
        .thenState((s) => expect(s).toMatchObject({ hidden: false }));
      spec.given([...open, hidden(), restored()]).when(byCompany('ExpressInterest', Y)).then([interested(Y)]);
    });
  });

  describe('DismissReport', () => {
    it('dismisses an open report', () => {
      spec
        .given([...withInterest, reported()])
        .when(dismissCmd())
        .then([{ ...resolved('dismissed', 'r-1', 'rien à redire'), data: { ...resolved('dismissed', 'r-1', 'rien à redire').data, authority: 'platform_admin' } } as NeedEvent]);
    });

    it('an unknown report -> 404', () => {
      spec.given(withInterest).when(dismissCmd()).thenThrows(NotFoundError, /^report not found$/);
    });

    it('a resolved report -> 409', () => {
      spec.given([...withInterest, reported(), resolved('dismissed')]).when(dismissCmd()).thenThrows(IllegalStateError, /^report is already resolved$/);
    });

    it('requires a reason and a moderator', () => {
      spec.given([...withInterest, reported()]).when(dismissCmd({ reason: '' })).thenThrows(ValidationError, /^reason: must not be empty$/);
      spec.given([...withInterest, reported()]).when(dismissCmd({ authority: 'system' as never })).thenThrows(ForbiddenError);
    });

    it('evolves: the report is resolved', () => {
      spec
        .given([...withInterest, reported()])
        .when(dismissCmd())
        .thenState((s) => expect(s).toMatchObject({ reports: { 'r-1': { status: 'resolved' } } }));
    });
  });
});

describe('closed', () => {
  const closing: NeedCommand[] = [
    byCompany('ExpressInterest', Y),
    byCompany('WithdrawInterest', X),
    byCompany('Shortlist', P, { partnerCompanyId: X }),
    byCompany('RemoveFromShortlist', P, { partnerCompanyId: X }),
    introduce(),
    meeting(P, X),
    meeting(X, X),
    outcome({ kind: 'withdrawn' }),
  ];

  it.each(closing.map((c) => [c.type, c] as const))('%s -> 409 need is closed', (_type, command) => {
    spec.given(isClosed).when(command).thenThrows(IllegalStateError, /^need is closed$/);
  });

  it('a meeting on a closed need -> 409, even on an agreement', () => {
    spec
      .given([...withInterest, closed({ kind: 'agreement', partnerCompanyId: X, relationKind: 'client' })])
      .when(meeting(X, X))
      .thenThrows(IllegalStateError, /^need is closed$/);
  });

  it('PublishNeed -> 409 need is already published', () => {
    spec.given(isClosed).when(publish()).thenThrows(IllegalStateError, /^need is already published$/);
  });

  it('ExpireNeed does nothing', () => {
    spec.given(isClosed).when({ type: 'ExpireNeed', data: { now: AFTER_DEADLINE } }).thenNothingHappens();
  });

  it('a non-publisher still gets 404, not the state', () => {
    spec.given(isClosed).when(byCompany('Shortlist', X, { partnerCompanyId: X })).thenThrows(NotFoundError, /^need not found$/);
  });

  it('moderation still works: report, hide, restore, dismiss', () => {
    spec.given(isClosed).when(reportCmd({ target: { kind: 'interest', companyId: X } })).then([reported('r-1', { kind: 'interest', companyId: X })]);
    spec.given([...isClosed, reported()]).when(moderate('HideContent', { reportId: 'r-1' })).then([hidden({ kind: 'need' }, 'r-1'), resolved('hidden')]);
    spec.given([...isClosed, hidden()]).when(moderate('RestoreContent')).then([restored()]);
    spec.given([...isClosed, reported()]).when(dismissCmd()).thenState((s) => expect(s).toMatchObject({ status: 'closed', reports: { 'r-1': { status: 'resolved' } } }));
  });
});

describe('isEngaged', () => {
  it('interest not withdrawn, shortlist or introduction', () => {
    const s = needOf([...withInterest, interested(Y), shortlisted(Y), interestWithdrawn(Y), introduced]);
    expect(isEngaged(s, X)).toBe(true);
    expect(isEngaged(s, Y)).toBe(true);
    expect(isEngaged(s, OUTSIDER)).toBe(false);
    expect(isEngaged(needOf([...withInterest, interestWithdrawn(X)]), X)).toBe(false);
    expect(isEngaged(needOf([...withInterest, shortlisted(X), removedFromShortlist(X), interestWithdrawn(X)]), X)).toBe(false);
    expect(isEngaged({ status: 'none' }, X)).toBe(false);
  });
});
