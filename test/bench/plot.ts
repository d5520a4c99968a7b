// Plots the `scaling` group's curves as a PNG: Vega-Lite spec -> Vega view -> SVG (headless, no
// canvas) -> PNG with resvg (system fonts). Also a command to re-plot a saved JSON:
//   node dist/test/bench/plot.js docs/bench/scaling.json docs/bench/scaling.png
import { readFileSync, writeFileSync, mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { Resvg } from '@resvg/resvg-js';
import * as vega from 'vega';
import * as vegaLite from 'vega-lite';
import type { Curve } from './scaling';

/** What docs/bench/scaling.json holds (written by run.ts). */
export interface ScalingJson {
  generatedAt: string;
  command: string;
  scale: number;
  machine: { cpus: number; cpuModel: string };
  ferretdb?: string;
  curves: Curve[];
}

export function scalingSpec(data: ScalingJson): vegaLite.TopLevelSpec {
  const values = data.curves.flatMap((c) =>
    c.points
      .filter((p) => !p.failed && Number.isFinite(p.medianUs))
      .map((p) => ({ size: p.size, operation: c.label, us: p.medianUs, p95: p.p95Us, ratio: p.sameTimeRatio ?? p.ratio, ops: p.ops })),
  );
  const order = data.curves.map((c) => c.label);
  const color = { field: 'operation', type: 'nominal', title: null, sort: order, legend: { orient: 'bottom', columns: 2, labelLimit: 500 } } as const;
  const x = {
    field: 'size',
    type: 'quantitative',
    title: 'events or documents already stored (log scale)',
    scale: { type: 'log' },
    axis: { format: '~s', grid: true },
  } as const;
  const failed = data.curves.flatMap((c) => c.points.filter((p) => p.failed).map((p) => `${c.label} at ${p.size.toLocaleString('en-US')}: ${p.failed}`));
  return {
    $schema: 'https://vega.github.io/schema/vega-lite/v5.json',
    title: {
      text: 'Cost per operation as the data grows',
      subtitle: [
        `${data.generatedAt.slice(0, 10)}, scale ${data.scale}, ${data.machine.cpus} x ${data.machine.cpuModel}${data.ferretdb ? `, ${data.ferretdb}` : ''}; medians of single timed operations`,
        ...failed.slice(0, 3),
      ],
    },
    data: { values },
    config: { font: 'DejaVu Sans', view: { stroke: '#ccc' }, background: 'white' },
    hconcat: [
      {
        width: 420,
        height: 320,
        title: 'µs per operation (median)',
        layer: [
          {
            mark: { type: 'line', point: true },
            encoding: {
              x,
              y: { field: 'us', type: 'quantitative', title: 'µs per operation (median)', scale: { type: 'log' }, axis: { format: '~s' } },
              color,
              tooltip: [{ field: 'operation' }, { field: 'size' }, { field: 'us' }, { field: 'p95' }, { field: 'ops' }],
            },
          },
        ],
      },
      {
        width: 420,
        height: 320,
        title: 'relative to the smallest size, same rounds',
        layer: [
          {
            mark: { type: 'line', point: true },
            encoding: {
              x,
              y: { field: 'ratio', type: 'quantitative', title: 'cost / cost at the smallest size (dashed: 1.5x, 2x)', scale: { type: 'log' } },
              color,
            },
          },
          {
            data: { values: [{ bar: 2 }, { bar: 1.5 }] },
            mark: { type: 'rule', strokeDash: [6, 4], color: '#c00' },
            encoding: { y: { field: 'bar', type: 'quantitative' } },
          },
        ],
      },
    ],
  } as vegaLite.TopLevelSpec;
}

export async function renderScalingSvg(data: ScalingJson): Promise<string> {
  const compiled = vegaLite.compile(scalingSpec(data)).spec;
  const view = new vega.View(vega.parse(compiled), { renderer: 'none' });
  try {
    return await view.toSVG();
  } finally {
    view.finalize();
  }
}

export async function writeScalingPng(data: ScalingJson, file: string): Promise<void> {
  const svg = await renderScalingSvg(data);
  const png = new Resvg(svg, {
    background: 'white',
    fitTo: { mode: 'zoom', value: 2 },
    font: { loadSystemFonts: true, defaultFontFamily: 'DejaVu Sans' },
  })
    .render()
    .asPng();
  mkdirSync(dirname(file), { recursive: true });
  writeFileSync(file, png);
}

if (require.main === module) {
  const [json, png] = process.argv.slice(2);
  if (!json || !png) {
    process.stderr.write('usage: node dist/test/bench/plot.js <scaling.json> <scaling.png>\n');
    process.exit(2);
  }
  writeScalingPng(JSON.parse(readFileSync(json, 'utf8')) as ScalingJson, png).then(
    () => process.stderr.write(`wrote ${png}\n`),
    (e) => {
      process.stderr.write(`plot failed: ${String(e)}\n`);
      process.exit(1);
    },
  );
}
