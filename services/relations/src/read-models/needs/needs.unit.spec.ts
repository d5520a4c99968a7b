import { foldDocuments as fold, projectedEvents } from '@opn/testing';
import { needsToExpire } from '../../features/needs/need-expiry';
import { reportsProjection } from '../moderation/reports.projection';
import { NeedReader, historyStepFor, needForReader, scopeOf } from './need-visibility';
import { NeedIndex, NeedView, needsProjection } from './needs.projection';

const needId = 'n1';
const A = 'company-a';
const B = 'company-b';
const C = 'company-c';
const ev = projectedEvents(`need-${needId}`);
const at = (h: number) => `2026-11-24T${String(h).padStart(2, '0')}:00:00.000Z`;

const published = ev('NeedPublished', {
  needId,
  companyId: A,
  title: 'Usinage',
  description: 'Pièces',
  capabilities: ['usinage'],
  territory: ['69'],
  deadline: '2026-12-31',
  budgetBand: '10k_50k',
  visibility: 'territory',
  by: 'pa',
  at: at(1),
});
const interest = (companyId: string, h: number, message?: string) => ev('InterestExpressed', { needId, companyId, ...(message ? { message } : {}), by: 'pb', at: at(h) });
const flow = [
  published,
  interest(B, 2, 'nous savons faire'),
  interest(C, 3, 'spam'),
  ev('PartnerShortlisted', { needId, companyId: A, partnerCompanyId: B, by: 'pa', at: at(4) }),
  ev('IntroductionMade', { needId, introductionId: 'i1', companyId: A, partnerCompanyId: B, via: 'coordinator', authority: 'coordinator', by: 'coord', at: at(5) }),
  ev('MeetingLogged', { needId, meetingId: 'm1', companyId: A, publisherCompanyId: A, partnerCompanyId: B, on: '2026-11-24', by: 'pa', at: at(6) }),
  ev('ContentHidden', { needId, target: { kind: 'interest', companyId: C }, reportId: 'r1', reason: 'spam', authority: 'coordinator', by: 'coord', at: at(7) }),
  ev('NeedClosed', { needId, companyId: A, outcome: { kind: 'agreement', partnerCompanyId: B, relationKind: 'supplier' }, by: 'pa', at: at(8) }),
];
const need = (): NeedView => fold(needsProjection, flow).get(needId)!;

const reader = (over: Partial<NeedReader> = {}): NeedReader => ({ companyIds: [], departements: [], moderator: false, ...over });

describe('needs read model (pure fold)', () => {
  it('folds a need from publication to agreement, with interests, shortlist, introductions, meetings and moderation', () => {
    const doc = need();
    expect(doc).toMatchObject({ needId, companyId: A, status: 'closed', hidden: false, shortlist: [B], publishedBy: 'pa', publishedAt: at(1), closedAt: at(8), updatedAt: at(8) });
    expect(doc.outcome).toEqual({ kind: 'agreement', partnerCompanyId: B, relationKind: 'supplier' });
    expect(doc.interests).toEqual([
      expect.objectContaining({ companyId: B, status: 'interested', message: 'nous savons faire', hidden: false }),
      expect.objectContaining({ companyId: C, status: 'interested', hidden: true, hiddenReason: 'spam' }),
    ]);
    expect(doc.introductions).toEqual([expect.objectContaining({ introductionId: 'i1', partnerCompanyId: B, via: 'coordinator', by: 'coord' })]);
    expect(doc.meetings).toEqual([expect.objectContaining({ meetingId: 'm1', partnerCompanyId: B, on: '2026-11-24' })]);
  });

  it('keeps a hidden interest hidden when its company withdraws and expresses it again; restoring clears the reason', () => {
    const events = [
      published,
      interest(C, 2),
      ev('ContentHidden', { needId, target: { kind: 'interest', companyId: C }, reason: 'spam', authority: 'coordinator', by: 'x', at: at(3) }),
      ev('InterestWithdrawn', { needId, companyId: C, by: 'pc', at: at(4) }),
      interest(C, 5, 'again'),
    ];
    const doc = fold(needsProjection, events).get(needId)!;
    expect(doc.interests).toEqual([expect.objectContaining({ companyId: C, status: 'interested', hidden: true, message: 'again' })]);
    const restored = fold(needsProjection, [...events, ev('ContentRestored', { needId, target: { kind: 'interest', companyId: C }, reason: 'ok', authority: 'coordinator', by: 'x', at: at(6) })]).get(needId)!;
    expect(restored.interests[0].hidden).toBe(false);
    expect(restored.interests[0]).not.toHaveProperty('hiddenReason');
    const hiddenNeed = fold(needsProjection, [published, ev('ContentHidden', { needId, target: { kind: 'need' }, reason: 'abuse', authority: 'platform_admin', by: 'x', at: at(2) })]).get(needId)!;
    expect(hiddenNeed).toMatchObject({ hidden: true, hiddenReason: 'abuse' });
  });

  it('ignores events of a need it never saw published', () => {
    expect(fold(needsProjection, [interest(B, 2)]).get(needId)).toBeUndefined();
  });

  it('NeedIndex lists a need under its publisher and every engaged company, and moves it when that changes', () => {
    const index = new NeedIndex();
    index.apply(flow.slice(0, 2));
    expect(index.idsFor(A)).toEqual([needId]);
    expect(index.idsFor(B)).toEqual([needId]);
    expect(index.idsFor(C)).toEqual([]);
    index.apply(flow.slice(2));
    expect(index.idsFor(C)).toEqual([needId]);
  });
});

describe('moderation reports read model (pure fold)', () => {
  it('opens a report and resolves it with the decision', () => {
    const reported = ev('ContentReported', { needId, reportId: 'r1', target: { kind: 'need' }, reason: 'abuse', by: 'p9', at: at(2) });
    expect(fold(reportsProjection, [reported]).get('r1')).toEqual({ reportId: 'r1', needId, target: { kind: 'need' }, reason: 'abuse', reportedBy: 'p9', reportedAt: at(2), status: 'open' });
    const resolved = fold(reportsProjection, [reported, ev('ReportResolved', { needId, reportId: 'r1', decision: 'dismissed', reason: 'fine', authority: 'coordinator', by: 'coord', at: at(3) })]).get('r1');
    expect(resolved).toMatchObject({ status: 'resolved', decision: 'dismissed', decisionReason: 'fine', resolvedBy: 'coord', resolvedAt: at(3) });
    expect(fold(reportsProjection, [ev('ReportResolved', { needId, reportId: 'r2', decision: 'hidden', reason: 'x', authority: 'coordinator', by: 'c', at: at(3) })]).get('r2')).toBeUndefined();
  });
});

describe('need visibility (pure)', () => {
  const open = () => fold(needsProjection, flow.slice(0, 7)).get(needId)!;

  it('territory needs: members of companies in the territory, the publisher, engaged companies and moderators; nobody else', () => {
    const n = open();
    expect(scopeOf(n, reader({ companyIds: [A] }))).toBe('full');
    expect(scopeOf(n, reader({ moderator: true }))).toBe('full');
    expect(scopeOf(n, reader({ companyIds: [B] }))).toBe('party');
    expect(scopeOf(n, reader({ companyIds: ['z'], departements: ['69'] }))).toBe('public');
    expect(scopeOf(n, reader({ companyIds: ['z'], departements: ['75'] }))).toBe('none');
    expect(scopeOf({ ...n, visibility: 'members' }, reader({ companyIds: ['z'], departements: ['75'] }))).toBe('public');
  });

  it('a hidden need: its publisher and moderators only', () => {
    const n = { ...open(), hidden: true, visibility: 'members' as const };
    expect(scopeOf(n, reader({ companyIds: [A] }))).toBe('full');
    expect(scopeOf(n, reader({ moderator: true }))).toBe('full');
    expect(scopeOf(n, reader({ companyIds: [B] }))).toBe('none');
    expect(scopeOf(n, reader({ companyIds: ['z'], departements: ['69'] }))).toBe('none');
  });

  it('what each reader sees inside: everything, their own part, or the public part', () => {
    const n = need();
    const publisher = needForReader(n, reader({ companyIds: [A] }));
    expect(publisher.interests.map((i) => i.companyId)).toEqual([B, C]);
    expect(publisher.interests[1]).not.toHaveProperty('message');
    expect(publisher.interests[1]).toMatchObject({ hidden: true, hiddenReason: 'spam' });
    expect(publisher.outcome).toEqual({ kind: 'agreement', partnerCompanyId: B, relationKind: 'supplier' });
    const moderator = needForReader(n, reader({ moderator: true }));
    expect(moderator.interests[1]).toHaveProperty('message', 'spam');
    const partyC = needForReader(n, reader({ companyIds: [C] }));
    expect(partyC.interests.map((i) => i.companyId)).toEqual([C]);
    expect(partyC).toMatchObject({ shortlist: [], introductions: [], meetings: [], outcome: { kind: 'agreement' } });
    expect(partyC).not.toHaveProperty('hidden');
    const partyB = needForReader(n, reader({ companyIds: [B] }));
    expect(partyB).toMatchObject({ shortlist: [B], introductions: [expect.objectContaining({ partnerCompanyId: B })], meetings: [expect.objectContaining({ meetingId: 'm1' })] });
    const outsider = needForReader({ ...n, visibility: 'members' }, reader({ companyIds: ['z'] }));
    expect(outsider).toMatchObject({ interests: [], shortlist: [], introductions: [], meetings: [], outcome: { kind: 'agreement' } });
    expect(outsider.outcome).not.toHaveProperty('partnerCompanyId');
  });

  it('history steps: reports and moderation for moderators; the publisher learns what was hidden and why; others their own steps', () => {
    const n = need();
    const step = (type: string, data: Record<string, unknown>, r: NeedReader) => historyStepFor({ type, data: { needId, by: 'x', at: at(1), ...data } }, n, r, scopeOf(n, r), ['company-c']);
    const hidden = { target: { kind: 'need' }, reason: 'abuse', authority: 'coordinator', reportId: 'r1' };
    expect(step('ContentReported', { reportId: 'r1', target: { kind: 'need' }, reason: 'abuse' }, reader({ companyIds: [A] }))).toBeNull();
    expect(step('ContentReported', { reportId: 'r1', target: { kind: 'need' }, reason: 'abuse' }, reader({ moderator: true }))).toMatchObject({ reportId: 'r1' });
    expect(step('ContentHidden', hidden, reader({ companyIds: [A] }))).toEqual({ target: { kind: 'need' }, reason: 'abuse' });
    expect(step('ContentHidden', hidden, reader({ companyIds: [B] }))).toBeNull();
    expect(step('InterestExpressed', { companyId: C, message: 'spam' }, reader({ companyIds: [A] }))).toEqual({ companyId: C });
    expect(step('InterestExpressed', { companyId: C, message: 'spam' }, reader({ companyIds: [B] }))).toBeNull();
    expect(step('MeetingLogged', { partnerCompanyId: B }, reader({ companyIds: [B] }))).toEqual({ partnerCompanyId: B });
    expect(step('NeedClosed', { companyId: A, outcome: { kind: 'agreement', partnerCompanyId: B } }, reader({ companyIds: [C] }))).toEqual({ outcome: { kind: 'agreement' } });
  });
});

describe('need expiry selection (pure)', () => {
  it('selects open needs whose deadline (their last day) is before today', () => {
    const all = [
      { needId: 'past', status: 'open', deadline: '2026-11-29' },
      { needId: 'today', status: 'open', deadline: '2026-11-30' },
      { needId: 'closed', status: 'closed', deadline: '2026-01-01' },
    ];
    expect(needsToExpire(all, '2026-11-30')).toEqual(['past']);
  });
});
