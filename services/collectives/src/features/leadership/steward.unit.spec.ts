import { deterministicId } from '@opn/kernel';
import { decideAll } from '@opn/testing';
import { CollectiveCommand, CollectiveEvent, collectiveDecider } from '../../domain';
import { CollectiveView, collectivesProjection } from '../../read-models/collectives/collectives.projection';
import { dueWork } from './steward';

const T0 = '2026-01-10T10:00:00.000Z';
const alice = 'aaaaaaaa-aaaa-4aaa-8aaa-aaaaaaaaaaaa';
const bob = 'bbbbbbbb-bbbb-4bbb-8bbb-bbbbbbbbbbbb';
const policy = { electionDays: 7, archiveAfterDays: 30 };

const propose = (collectiveId: string, mode: 'election' | 'rotation'): CollectiveCommand => ({
  type: 'ProposeCollective',
  data: { collectiveId, name: collectiveId, purpose: 'p', occasion: { kind: 'pretext', title: 't' }, rhythm: 'monthly', access: 'open', minMembers: 2, governance: { mode, termMonths: 1 }, by: alice, now: T0 },
});
const at = (now: string, command: CollectiveCommand): CollectiveCommand => ({ ...command, data: { ...command.data, now } }) as CollectiveCommand;

/** The read model of a collective after these commands (the projection over the decided events). */
function view(commands: CollectiveCommand[]): CollectiveView {
  const events = decideAll(collectiveDecider, commands);
  let doc: CollectiveView | null = null;
  for (const e of events as CollectiveEvent[]) doc = collectivesProjection.apply(doc, { ...e, id: '', position: 0, revision: 0, streamId: '', occurredAt: new Date(), metadata: {} } as never);
  return doc!;
}

const gathering = (id: string, mode: 'election' | 'rotation') => [propose(id, mode), { type: 'StartForming', data: { by: alice, now: T0 } }, { type: 'Join', data: { by: bob, now: T0 } }] as CollectiveCommand[];
const elected = (id: string): CollectiveCommand[] => [
  ...gathering(id, 'election'),
  { type: 'CallElection', data: { electionId: 'e1', closesAt: '2026-01-15T10:00:00.000Z', by: alice, now: T0 } },
  { type: 'StandForElection', data: { electionId: 'e1', by: bob, now: T0 } },
  { type: 'CastVote', data: { electionId: 'e1', candidateId: bob, by: alice, now: T0 } },
  { type: 'CastVote', data: { electionId: 'e1', candidateId: bob, by: bob, now: T0 } },
  { type: 'CloseElection', data: { electionId: 'e1', by: alice, now: '2026-01-11T10:00:00.000Z' } },
];

describe('the steward: what the platform does on its own', () => {
  it('counts an election once its voting time is up, not before', () => {
    const c = view([...gathering('c1', 'election'), { type: 'CallElection', data: { electionId: 'e1', closesAt: '2026-01-15T10:00:00.000Z', by: alice, now: T0 } }]);
    expect(dueWork([c], '2026-01-14T10:00:00.000Z', policy)).toEqual([]);
    expect(dueWork([c], '2026-01-15T10:00:00.000Z', policy).map((w) => w.command)).toEqual([{ type: 'CloseElection', data: { electionId: 'e1', by: 'system', now: '2026-01-15T10:00:00.000Z' } }]);
  });

  it('passes the lead of a rotating collective nobody leads', () => {
    const c = view(gathering('c2', 'rotation'));
    expect(dueWork([c], T0, policy).map((w) => w.command.type)).toEqual(['RotateLeadership']);
  });

  it('calls an election when the elected leaders’ term has ended, once per term, and never in a collective that never elected anyone', () => {
    const c = view(elected('c3'));
    const termEnds = c.members[bob].termEnds!;
    expect(termEnds).toBe('2026-02-11T10:00:00.000Z');
    expect(dueWork([c], '2026-02-10T10:00:00.000Z', policy)).toEqual([]);
    const work = dueWork([c], termEnds, policy);
    expect(work).toEqual([
      {
        collectiveId: 'c3',
        command: { type: 'CallElection', data: { electionId: deterministicId('opn.collectives.term-election', 'c3', termEnds), closesAt: '2026-02-18T10:00:00.000Z', by: 'system', now: termEnds } },
      },
    ]);
    // The decider takes it from the platform.
    expect(decideAll(collectiveDecider, [...elected('c3'), work[0].command]).at(-1)!.type).toBe('ElectionCalled');
    expect(dueWork([view(gathering('c4', 'election'))], termEnds, policy)).toEqual([]);
  });

  it('archives a collective 30 days after it dissolved', () => {
    const dissolved = view([...elected('c5'), at('2026-01-12T10:00:00.000Z', { type: 'Activate', data: { by: bob, now: '' } }), at('2026-01-20T10:00:00.000Z', { type: 'Dissolve', data: { by: bob, now: '' } })]);
    expect(dueWork([dissolved], '2026-02-18T10:00:00.000Z', policy)).toEqual([]);
    expect(dueWork([dissolved], '2026-02-19T10:00:00.000Z', policy).map((w) => w.command)).toEqual([{ type: 'Archive', data: { by: 'system', now: '2026-02-19T10:00:00.000Z' } }]);
  });
});
