import { IllegalStateError, NotFoundError, ValidationError } from '@opn/kernel';
import { DeciderSpecification } from '@opn/testing';
import { communeCode, departementCode, nafCodeMatches, nafPrefix, perimeter, postcode } from './perimeter';
import { CreateTerritory, TerritoryCommand } from './territory.commands';
import { DEFAULT_ALERTS, Territory, TerritoryState, territories, territoryDecider, territoryStreamId } from './territory.decider';
import { TerritoryCreated, TerritoryEvent } from './territory.events';

const spec = DeciderSpecification.for(territoryDecider);

const T0 = '2026-03-01T09:00:00.000Z';
const T1 = '2026-03-02T09:00:00.000Z';
const territoryId = 'terr-rhone';
const coordinator = 'p-claire';
const admin = 'p-admin';

const create = (over: Partial<CreateTerritory['data']> = {}): TerritoryCommand => ({
  type: 'CreateTerritory',
  data: {
    territoryId,
    name: '  Vallée du Rhône ',
    description: ' Industriels de la vallée ',
    kind: 'geographic',
    level: 'employment_area',
    parentId: 'terr-aura',
    perimeter: { postcodes: ['69003', ' 69001', '69003'], departements: ['69', '2a'], communes: ['69123', '2B033'] },
    by: admin,
    now: T0,
    ...over,
  },
});

const created: TerritoryCreated = {
  type: 'TerritoryCreated',
  data: {
    territoryId,
    name: 'Vallée du Rhône',
    description: 'Industriels de la vallée',
    kind: 'geographic',
    level: 'employment_area',
    parentId: 'terr-aura',
    perimeter: { postcodes: ['69001', '69003'], communes: ['2B033', '69123'], departements: ['2A', '69'], nafCodes: [] },
    by: admin,
    at: T0,
  },
};

/** The public definition a TerritoryUpdated carries, from a creation. */
const definitionOf = ({ data }: TerritoryCreated) => ({ name: data.name, kind: data.kind, level: data.level, ...(data.parentId ? { parentId: data.parentId } : {}), perimeter: data.perimeter });

const thematic: TerritoryCreated = {
  type: 'TerritoryCreated',
  data: {
    territoryId,
    name: 'Mécanique',
    kind: 'thematic',
    level: 'value_chain',
    perimeter: { postcodes: [], communes: [], departements: [], nafCodes: ['25.62A', '28'] },
    by: admin,
    at: T0,
  },
};

const appointed: TerritoryEvent = { type: 'CoordinatorAppointed', data: { territoryId, personId: coordinator, by: admin, at: T1 } };

const cmd = <T extends Exclude<TerritoryCommand['type'], 'CreateTerritory'>>(type: T, extra: Record<string, unknown> = {}): TerritoryCommand =>
  ({ type, data: { by: coordinator, now: T1, ...extra } }) as TerritoryCommand;

const territory = (events: TerritoryEvent[]): Territory => {
  const state: TerritoryState = events.reduce(territoryDecider.evolve, territoryDecider.initialState());
  if (state.status === 'none') throw new Error('no territory');
  return state;
};

describe('streams', () => {
  it('are territory-<id>, and the command handler uses them', () => {
    expect(territoryStreamId('abc')).toBe('territory-abc');
    expect(territories.streamId('abc')).toBe('territory-abc');
  });
});

describe('perimeter values', () => {
  it.each([
    ['69003', '69003'],
    [' 75 001 ', '75001'],
  ])('postcode %p -> %p', (raw, expected) => expect(postcode(raw, 'p')).toBe(expected));

  it.each(['6900', '690033', '6900A', '', 69003])('refuses the postcode %p', (raw) => {
    expect(() => postcode(raw, 'p')).toThrow(/^p: must be a postcode of 5 digits$/);
  });

  it.each([
    ['69123', '69123'],
    ['2a004', '2A004'],
    ['2B033', '2B033'],
  ])('commune %p -> %p', (raw, expected) => expect(communeCode(raw, 'c')).toBe(expected));

  it.each(['2C004', '2A04', '6912', 'lyon'])('refuses the commune %p', (raw) => {
    expect(() => communeCode(raw, 'c')).toThrow(/^c: must be an INSEE commune code/);
  });

  it.each(['01', '19', '21', '2A', '2b', '69', '95', '971', '976'])('accepts the département %p', (raw) => {
    expect(departementCode(raw, 'd')).toBe(raw.toUpperCase());
  });

  it.each(['00', '20', '96', '970', '977', '1', '2C', '690'])('refuses the département %p', (raw) => {
    expect(() => departementCode(raw, 'd')).toThrow(/^d: must be a département code/);
  });

  it.each([
    ['25', '25'],
    ['25.6', '25.6'],
    ['256', '25.6'],
    ['25.62', '25.62'],
    [' 25.62a ', '25.62A'],
    ['2562A', '25.62A'],
  ])('NAF prefix %p -> %p', (raw, expected) => expect(nafPrefix(raw, 'n')).toBe(expected));

  it.each(['2', '25.', '25.62AB', '25.6A', 'AB', '25-62'])('refuses the NAF prefix %p', (raw) => {
    expect(() => nafPrefix(raw, 'n')).toThrow(/^n: must be a NAF rev. 2 prefix/);
  });

  it('refuses a division NAF rev. 2 does not have', () => {
    expect(() => nafPrefix('04', 'n')).toThrow(/^n: division 04 does not exist in NAF rev. 2$/);
  });

  it('matches NAF codes under a prefix', () => {
    expect(nafCodeMatches('25.62A', '25')).toBe(true);
    expect(nafCodeMatches('25.62A', '25.6')).toBe(true);
    expect(nafCodeMatches('25.62a', '25.62A')).toBe(true);
    expect(nafCodeMatches('25.73A', '25.6')).toBe(false);
  });

  it('dedupes and sorts every list, and keeps them all', () => {
    expect(perimeter({ nafCodes: ['28', '25.62a', '2562A'] }, 'thematic')).toEqual({ postcodes: [], communes: [], departements: [], nafCodes: ['25.62A', '28'] });
  });

  it('lists every bad entry of every list at once', () => {
    let details: unknown;
    try {
      perimeter({ postcodes: ['1', '69003', 'x'], departements: ['20'], towns: [] }, 'geographic');
    } catch (e) {
      details = (e as ValidationError).details;
    }
    expect(details).toEqual([
      { field: 'perimeter.towns', message: 'is not a perimeter list' },
      { field: 'perimeter.postcodes[0]', message: 'must be a postcode of 5 digits' },
      { field: 'perimeter.postcodes[2]', message: 'must be a postcode of 5 digits' },
      { field: 'perimeter.departements[0]', message: 'must be a département code: 01..95, 2A, 2B or 971..976' },
    ]);
  });

  it('holds at most 2000 entries per list, counted once deduplicated', () => {
    const codes = Array.from({ length: 2001 }, (_, i) => String(10000 + i));
    expect(() => perimeter({ postcodes: codes }, 'geographic')).toThrow(/^perimeter.postcodes: must hold at most 2000 entries$/);
    expect(perimeter({ postcodes: [...codes.slice(0, 2000), ...codes.slice(0, 2000)] }, 'geographic').postcodes).toHaveLength(2000);
  });

  it('refuses a list that is not a list, and a missing perimeter', () => {
    expect(() => perimeter({ postcodes: '69003' }, 'geographic')).toThrow(/perimeter.postcodes: must be a list of strings/);
    expect(() => perimeter(undefined, 'geographic')).toThrow(/^perimeter: is required$/);
  });
});

describe('no territory', () => {
  describe('CreateTerritory', () => {
    it('records the territory, trimmed, with its perimeter normalised', () => {
      spec.given([]).when(create()).then([created]);
    });

    it('a thematic territory by NAF prefixes, without description nor parent', () => {
      spec
        .given([])
        .when(create({ name: 'Mécanique', description: '  ', kind: 'thematic', level: 'value_chain', parentId: undefined, perimeter: { nafCodes: ['28', '2562a'] } }))
        .then([thematic]);
    });

    it('evolves into a territory with no coordinator, default alerts and an empty roster', () => {
      spec
        .given([])
        .when(create())
        .thenState((state) =>
          expect(state).toEqual({
            status: 'active',
            territoryId,
            name: 'Vallée du Rhône',
            description: 'Industriels de la vallée',
            kind: 'geographic',
            level: 'employment_area',
            parentId: 'terr-aura',
            perimeter: created.data.perimeter,
            coordinators: [],
            alerts: { eiThreshold: -0.5, periodMonths: 3 },
            roster: new Map(),
            createdAt: T0,
          }),
        );
    });

    it('reports every bad field at once', () => {
      expect(
        spec
          .given([])
          .when(create({ territoryId: '', name: ' ', description: 'd'.repeat(2001), kind: 'both' as never, level: 'country' as never, parentId: '', perimeter: { postcodes: ['1'] }, by: '', now: 'now' }))
          .thenValidationDetails(),
      ).toEqual([
        { field: 'territoryId', message: 'is required' },
        { field: 'name', message: 'must not be empty' },
        { field: 'description', message: 'must be at most 2000 characters' },
        { field: 'kind', message: 'must be one of geographic, thematic' },
        { field: 'level', message: 'must be one of region, departement, city, employment_area, sector, value_chain, other' },
        { field: 'parentId', message: 'is required' },
        { field: 'perimeter.postcodes[0]', message: 'must be a postcode of 5 digits' },
        { field: 'by', message: 'is required' },
        { field: 'now', message: 'must be an ISO 8601 instant, e.g. 2025-01-31T09:00:00.000Z' },
      ]);
    });

    it('refuses a name over 120 characters', () => {
      spec.given([]).when(create({ name: 'n'.repeat(121) })).thenThrows(ValidationError, /^name: must be at most 120 characters$/);
    });

    it('refuses a territory that is its own parent', () => {
      spec.given([]).when(create({ parentId: territoryId })).thenThrows(ValidationError, /^parentId: must be another territory$/);
    });

    it('a geographic territory needs a geographic list and no NAF code', () => {
      expect(spec.given([]).when(create({ perimeter: { nafCodes: ['25'] } })).thenValidationDetails()).toEqual([
        { field: 'perimeter.nafCodes', message: 'only a thematic territory has NAF codes' },
        { field: 'perimeter', message: 'a geographic territory needs postcodes, communes or départements' },
      ]);
      expect(spec.given([]).when(create({ perimeter: { postcodes: [] } })).thenValidationDetails()).toEqual([
        { field: 'perimeter', message: 'a geographic territory needs postcodes, communes or départements' },
      ]);
    });

    it('a thematic territory needs NAF codes and no geographic list', () => {
      expect(spec.given([]).when(create({ kind: 'thematic', perimeter: { postcodes: ['69003'], departements: ['69'] } })).thenValidationDetails()).toEqual([
        { field: 'perimeter.postcodes', message: 'only a geographic territory has a geographic list' },
        { field: 'perimeter.departements', message: 'only a geographic territory has a geographic list' },
        { field: 'perimeter.nafCodes', message: 'a thematic territory needs at least one NAF code' },
      ]);
    });

    it('a bad entry is not also reported as a missing list', () => {
      expect(spec.given([]).when(create({ perimeter: { communes: ['lyon'] } })).thenValidationDetails()).toEqual([
        { field: 'perimeter.communes[0]', message: 'must be an INSEE commune code: 5 digits, or 2A/2B and 3 digits' },
      ]);
    });
  });

  it.each([
    cmd('UpdateTerritory', { name: 'x' }),
    cmd('AppointCoordinator', { personId: coordinator }),
    cmd('RemoveCoordinator', { personId: coordinator }),
    cmd('ConfigureAlerts', { eiThreshold: 0, periodMonths: 6 }),
    cmd('Apply', { siren: '732829320', companyId: 'co-1' }),
    cmd('WithdrawApplication', { siren: '732829320' }),
    cmd('Invite', { siren: '732829320' }),
    cmd('AcceptInvitation', { siren: '732829320', companyId: 'co-1' }),
    cmd('DeclineInvitation', { siren: '732829320' }),
    cmd('RequestInformation', { siren: '732829320', question: 'q' }),
    cmd('ProvideInformation', { siren: '732829320', answer: 'a' }),
    cmd('Admit', { siren: '732829320' }),
    cmd('Refuse', { siren: '732829320', reason: 'r' }),
    cmd('Renew', { siren: '732829320', validUntil: '2027-01-01' }),
    cmd('ExitMembership', { siren: '732829320', reason: 'r', initiatedBy: 'firm' }),
    cmd('SetMemberGroups', { siren: '732829320', groups: [] }),
    cmd('ImportMembers', { importId: 'imp-1', rows: [] }),
  ].map((c) => [c.type, c] as const))('%s -> territory not found', (_type, command) => {
    spec.given([]).when(command).thenThrows(NotFoundError, /^territory not found$/);
  });
});

describe('a territory', () => {
  it('CreateTerritory again -> 409', () => {
    spec.given([created]).when(create()).thenThrows(IllegalStateError, /^territory already exists$/);
  });

  describe('UpdateTerritory', () => {
    it('records only what changed', () => {
      spec
        .given([created])
        .when(cmd('UpdateTerritory', { name: ' Vallée du Rhône ', description: 'Autre', perimeter: { departements: ['69'] } }))
        .then([
          {
            type: 'TerritoryUpdated',
            data: {
              territoryId,
              changes: { description: 'Autre', perimeter: { postcodes: [], communes: [], departements: ['69'], nafCodes: [] } },
              definition: { name: 'Vallée du Rhône', kind: 'geographic', level: 'employment_area', parentId: 'terr-aura', perimeter: { postcodes: [], communes: [], departements: ['69'], nafCodes: [] } },
              by: coordinator,
              at: T1,
            },
          },
        ]);
    });

    it('nothing when nothing changes (same name, description, perimeter in another order)', () => {
      spec
        .given([created])
        .when(cmd('UpdateTerritory', { name: 'Vallée du Rhône', description: 'Industriels de la vallée ', perimeter: { communes: ['69123', '2b033'], departements: ['69', '2A'], postcodes: ['69003', '69001'] } }))
        .thenNothingHappens();
      spec.given([created]).when(cmd('UpdateTerritory')).thenNothingHappens();
    });

    it('removes the description with an empty one, and evolves', () => {
      spec
        .given([created])
        .when(cmd('UpdateTerritory', { description: ' ', name: 'Rhône' }))
        .then([{ type: 'TerritoryUpdated', data: { territoryId, changes: { name: 'Rhône', description: '' }, definition: { ...definitionOf(created), name: 'Rhône' }, by: coordinator, at: T1 } }]);
      spec
        .given([created])
        .when(cmd('UpdateTerritory', { description: '' }))
        .thenState((s) => {
          expect(s).not.toHaveProperty('description');
          expect(s).toMatchObject({ name: 'Vallée du Rhône' });
        });
      spec.given([thematic]).when(cmd('UpdateTerritory', { description: '' })).thenNothingHappens();
    });

    it('evolves name, description and perimeter', () => {
      spec
        .given([created])
        .when(cmd('UpdateTerritory', { name: 'Rhône', description: 'Autre', perimeter: { postcodes: ['69007'] } }))
        .thenState((s) =>
          expect(s).toMatchObject({ name: 'Rhône', description: 'Autre', perimeter: { postcodes: ['69007'], communes: [], departements: [], nafCodes: [] } }),
        );
    });

    it('checks the perimeter against the kind of the territory', () => {
      spec.given([thematic]).when(cmd('UpdateTerritory', { perimeter: { postcodes: ['69003'] } })).thenThrows(ValidationError, /only a geographic territory/);
      spec.given([created]).when(cmd('UpdateTerritory', { perimeter: { nafCodes: ['25'] } })).thenThrows(ValidationError, /only a thematic territory has NAF codes/);
    });

    it('reports every bad field at once', () => {
      expect(
        spec
          .given([created])
          .when(cmd('UpdateTerritory', { name: '', description: 'd'.repeat(2001), perimeter: { postcodes: ['x'] }, by: '' }))
          .thenValidationDetails(),
      ).toEqual([
        { field: 'name', message: 'must not be empty' },
        { field: 'description', message: 'must be at most 2000 characters' },
        { field: 'perimeter.postcodes[0]', message: 'must be a postcode of 5 digits' },
        { field: 'by', message: 'is required' },
      ]);
    });
  });

  describe('coordinators', () => {
    it('AppointCoordinator records the appointment and evolves', () => {
      spec.given([created]).when(cmd('AppointCoordinator', { personId: coordinator, by: admin })).then([appointed]);
      spec
        .given([created, appointed])
        .when(cmd('AppointCoordinator', { personId: 'p-marc' }))
        .thenState((s) => expect((s as Territory).coordinators).toEqual([coordinator, 'p-marc']));
    });

    it('appointing a coordinator twice -> 409', () => {
      spec
        .given([created, appointed])
        .when(cmd('AppointCoordinator', { personId: coordinator }))
        .thenThrows(IllegalStateError, /^person is already a coordinator of the territory$/);
    });

    it('RemoveCoordinator records the removal and evolves', () => {
      const removed: TerritoryEvent = { type: 'CoordinatorRemoved', data: { territoryId, personId: coordinator, by: admin, at: T1 } };
      spec.given([created, appointed]).when(cmd('RemoveCoordinator', { personId: coordinator, by: admin })).then([removed]);
      spec.given([created, appointed]).when(cmd('RemoveCoordinator', { personId: coordinator })).thenState((s) => expect((s as Territory).coordinators).toEqual([]));
    });

    it('removing a person who is not a coordinator -> 404', () => {
      spec.given([created]).when(cmd('RemoveCoordinator', { personId: coordinator })).thenThrows(NotFoundError, /^person is not a coordinator of the territory$/);
    });

    it('requires the person id', () => {
      expect(spec.given([created]).when(cmd('AppointCoordinator', { personId: '' })).thenValidationDetails()).toEqual([{ field: 'personId', message: 'is required' }]);
      expect(spec.given([created]).when(cmd('RemoveCoordinator', {})).thenValidationDetails()).toEqual([{ field: 'personId', message: 'is required' }]);
    });
  });

  describe('ConfigureAlerts', () => {
    it('defaults when never configured', () => {
      expect(territory([created]).alerts).toEqual(DEFAULT_ALERTS);
      expect(DEFAULT_ALERTS).toEqual({ eiThreshold: -0.5, periodMonths: 3 });
    });

    it('records the settings and evolves', () => {
      spec
        .given([created])
        .when(cmd('ConfigureAlerts', { eiThreshold: -0.2, periodMonths: 6 }))
        .then([{ type: 'AlertSettingsChanged', data: { territoryId, eiThreshold: -0.2, periodMonths: 6, by: coordinator, at: T1 } }]);
      spec
        .given([created])
        .when(cmd('ConfigureAlerts', { eiThreshold: 1, periodMonths: 24 }))
        .thenState((s) => expect((s as Territory).alerts).toEqual({ eiThreshold: 1, periodMonths: 24 }));
    });

    it('nothing when the settings are the current ones', () => {
      spec.given([created]).when(cmd('ConfigureAlerts', { eiThreshold: -0.5, periodMonths: 3 })).thenNothingHappens();
    });

    it.each([
      [{ eiThreshold: -1.01, periodMonths: 0 }, ['eiThreshold', 'periodMonths']],
      [{ eiThreshold: 2, periodMonths: 25 }, ['eiThreshold', 'periodMonths']],
      [{ eiThreshold: Number.NaN, periodMonths: 1.5 }, ['eiThreshold', 'periodMonths']],
      [{ eiThreshold: '0', periodMonths: '3' }, ['eiThreshold', 'periodMonths']],
    ])('refuses %p', (settings, fields) => {
      expect(spec.given([created]).when(cmd('ConfigureAlerts', settings)).thenValidationDetails()).toEqual([
        { field: fields[0], message: 'must be a number from -1 to 1' },
        { field: fields[1], message: 'must be a whole number of months from 1 to 24' },
      ]);
    });
  });
});
