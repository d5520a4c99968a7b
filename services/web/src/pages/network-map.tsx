import { useQuery } from '@tanstack/react-query';
import Graph from 'graphology';
import { parse } from 'graphology-gexf/browser';
import forceAtlas2 from 'graphology-layout-forceatlas2';
import { useCallback, useEffect, useId, useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import Sigma from 'sigma';
import { getText } from '../api';
import { Empty, ErrorMessage, Loading, TableHead, useApi } from '../components/ui';
import { DashboardData, useMonths } from './territory';

/** Colours distinguishable on white, for the groups of the map (the legend names each). */
const PALETTE = ['#1f5fa8', '#c05400', '#1d7a3a', '#a3238e', '#7a5c00', '#006d77', '#b3261e', '#4a4e9c', '#5c6b00', '#8c3b3b'];
const GREY = '#c8ccd2';
const BRIDGE = '#111111';

type ColourBy = 'community' | 'sector' | 'town' | 'sizeBand' | 'groups';
interface FirmAttributes {
  label: string;
  x?: number;
  y?: number;
  community?: number;
  sector?: string;
  town?: string;
  sizeBand?: string;
  groups?: string;
  degree?: number;
  constraint?: number;
  effectiveSize?: number;
}

const lastDayOf = (month: string) => {
  const [y, m] = month.split('-').map(Number);
  return new Date(Date.UTC(y, m, 0)).toISOString().slice(0, 10);
};

/** The values a firm takes in a colouring (its labels for `groups`, which may be several). */
const valuesOf = (a: FirmAttributes, by: ColourBy): string[] =>
  by === 'groups' ? (a.groups ? a.groups.split(';').filter(Boolean) : []) : a[by] === undefined || a[by] === null ? [] : [String(a[by])];

/**
 * The territory's firms and their collaborations (active relations) as a graph: coloured by group,
 * bridges (relations between communities) drawn dark and thick, brokers drawn larger, filterable by
 * group, and as it was at the end of any past month. A table gives the same as text.
 */
export function NetworkMap({ territoryId }: { territoryId: string }) {
  const { t } = useTranslation();
  const months = useMonths(territoryId);
  const [step, setStep] = useState<number>();
  const [by, setBy] = useState<ColourBy>('community');
  const [only, setOnly] = useState('');
  const sliderId = useId();
  const index = step ?? months.length;
  const asOf = index >= months.length ? undefined : lastDayOf(months[index]);
  const gexf = useQuery({
    queryKey: ['territories', 'network.gexf', territoryId, asOf],
    queryFn: () => getText('territories', `/territories/${territoryId}/network.gexf`, { asOf }),
    placeholderData: (previous) => previous,
  });
  const graph = useMemo(() => {
    if (!gexf.data) return undefined;
    const g = parse(Graph, gexf.data) as Graph<FirmAttributes>;
    // Start on a circle (stable between renders), then let ForceAtlas2 pull collaborators together.
    g.forEachNode((node, _a) => {
      const i = g.nodes().indexOf(node);
      const angle = (2 * Math.PI * i) / Math.max(1, g.order);
      g.mergeNodeAttributes(node, { x: Math.cos(angle), y: Math.sin(angle) });
    });
    if (g.size > 0) forceAtlas2.assign(g, { iterations: 150, settings: forceAtlas2.inferSettings(g) });
    return g;
  }, [gexf.data]);

  const legend = useMemo(() => {
    const counts = new Map<string, number>();
    graph?.forEachNode((_n, a) => valuesOf(a, by).forEach((v) => counts.set(v, (counts.get(v) ?? 0) + 1)));
    return [...counts.entries()].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]));
  }, [graph, by]);
  const colourOf = useCallback(
    (value: string | undefined) => {
      const i = legend.findIndex(([v]) => v === value);
      return i < 0 ? GREY : (PALETTE[i % PALETTE.length] ?? GREY);
    },
    [legend],
  );

  const bridges = useMemo(() => {
    const set = new Set<string>();
    graph?.forEachEdge((edge, _a, source, target, sa, ta) => {
      if (sa.community !== undefined && ta.community !== undefined && sa.community !== ta.community) set.add(edge);
      void source;
      void target;
    });
    return set;
  }, [graph]);
  // Broker firms as the dashboard finds them on the same date (they join pairs of firms that have no tie of their own).
  const dashboard = useApi<DashboardData>('territories', `/territories/${territoryId}/dashboard`, { asOf });
  const brokers = useMemo(() => new Set((dashboard.data?.brokers ?? []).filter((b) => b.brokeredPairs > 0).map((b) => b.companyId)), [dashboard.data]);

  const container = useRef<HTMLDivElement>(null);
  const [webglError, setWebglError] = useState(false);
  useEffect(() => {
    if (!graph || !container.current) return;
    let renderer: Sigma<FirmAttributes> | undefined;
    try {
      renderer = new Sigma(graph, container.current, {
        labelRenderedSizeThreshold: 0,
        labelDensity: 2,
        labelGridCellSize: 50,
        // Room for the labels of the firms at the edges.
        stagePadding: 120,
        defaultEdgeColor: '#8a9099',
        nodeReducer: (node, a) => {
          const values = valuesOf(a as FirmAttributes, by);
          const shown = !only || values.includes(only);
          return {
            ...a,
            label: (a as FirmAttributes).label,
            size: brokers.has(node) ? 14 : 8,
            color: shown ? colourOf(values[0]) : GREY,
            zIndex: shown ? 1 : 0,
            forceLabel: brokers.has(node),
          };
        },
        edgeReducer: (edge, a) => ({ ...a, size: bridges.has(edge) ? 4 : 1.5, color: bridges.has(edge) ? BRIDGE : '#8a9099' }),
      });
      setWebglError(false);
    } catch {
      setWebglError(true);
    }
    return () => renderer?.kill();
  }, [graph, by, only, bridges, brokers, colourOf]);

  const firms = graph ? graph.mapNodes((node, a) => ({ id: node, ...a })) : [];
  const edges = graph ? graph.mapEdges((edge, a, s, tg) => ({ id: edge, source: graph.getNodeAttribute(s, 'label'), target: graph.getNodeAttribute(tg, 'label'), kinds: String(a.kinds ?? '') })) : [];

  return (
    <>
      <h2>{t('map.title')}</h2>
      <p className="muted">{t('map.help')}</p>
      <div className="grid">
        <div className="field">
          <label htmlFor={sliderId}>
            {t('map.asOf')}: <strong>{asOf ? months[index] : t('map.today')}</strong>
          </label>
          <input
            id={sliderId}
            type="range"
            min={0}
            max={months.length}
            value={index}
            onChange={(e) => setStep(Number(e.target.value))}
            aria-valuetext={asOf ? months[index] : t('map.today')}
          />
        </div>
        <div className="field">
          <label htmlFor={`${sliderId}-by`}>{t('map.colourBy')}</label>
          <select id={`${sliderId}-by`} value={by} onChange={(e) => (setBy(e.target.value as ColourBy), setOnly(''))}>
            {(['community', 'sector', 'town', 'sizeBand', 'groups'] as const).map((b) => (
              <option key={b} value={b}>
                {t(`map.by.${b}`)}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor={`${sliderId}-only`}>{t('map.only')}</label>
          <select id={`${sliderId}-only`} value={only} onChange={(e) => setOnly(e.target.value)}>
            <option value="">{t('map.all')}</option>
            {legend.map(([v]) => (
              <option key={v} value={v}>
                {v}
              </option>
            ))}
          </select>
        </div>
      </div>
      {gexf.isPending && <Loading />}
      {gexf.isError && <ErrorMessage error={gexf.error} />}
      {graph && graph.order === 0 && <Empty>{t('map.empty')}</Empty>}
      {graph && graph.order > 0 && (
        <div className="map-wrap">
          <div>
            <div ref={container} className="map" role="img" aria-label={t('map.label', { firms: graph.order, links: graph.size, bridges: bridges.size })} data-testid="network-map" />
            {webglError && <p className="error">{t('map.noWebgl')}</p>}
          </div>
          <aside>
            <h3>{t('map.legend')}</h3>
            <ul className="legend">
              {legend.map(([v, n]) => (
                <li key={v}>
                  <span className="swatch" style={{ background: colourOf(v) }} aria-hidden="true" />
                  {by === 'community' ? t('map.community', { id: v }) : v} ({n})
                </li>
              ))}
              <li>
                <span className="swatch" style={{ background: BRIDGE }} aria-hidden="true" />
                {t('map.bridge', { count: bridges.size })}
              </li>
              <li>{t('map.brokers', { count: brokers.size })}</li>
            </ul>
          </aside>
        </div>
      )}
      {graph && graph.order > 0 && (
        <details>
          <summary>{t('map.asText')}</summary>
          <table>
            <caption>{t('map.firms')}</caption>
            <TableHead columns={[t('dashboard.firm'), t(`map.by.${by}`), t('dashboard.degree'), t('map.broker')]} />
            <tbody>
              {firms.map((f) => (
                <tr key={f.id}>
                  <td>{f.label}</td>
                  <td>{valuesOf(f, by).join(', ')}</td>
                  <td>{f.degree ?? 0}</td>
                  <td>{brokers.has(f.id) ? t('common.yes') : t('common.no')}</td>
                </tr>
              ))}
            </tbody>
          </table>
          <table>
            <caption>{t('map.collaborations')}</caption>
            <tbody>
              {edges.map((e) => (
                <tr key={e.id}>
                  <td>
                    {e.source} — {e.target}
                  </td>
                  <td>{e.kinds.split(';').filter(Boolean).map((k) => t(`relationKinds.${k}` as 'relationKinds.client', { defaultValue: k })).join(', ')}</td>
                  <td>{bridges.has(e.id) ? t('map.isBridge') : ''}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </details>
      )}
    </>
  );
}
