// The benchmark's outputs: a markdown table for the README and reports/bench.json.
import { mkdirSync, writeFileSync } from 'node:fs';
import { cpus, totalmem } from 'node:os';
import { dirname } from 'node:path';
import { Row, Side, fmtRate, rate } from './lib';

const cell = (s: Side | undefined) => (!s ? '-' : s.failed ? `${s.failed}` : (s.display ?? `${fmtRate(s.perSecond)} ${s.unit}/s`));

export function markdownTable(rows: Row[]): string {
  const lines = ['| what | ours | baseline | ratio | bar | result |', '| --- | ---: | ---: | ---: | --- | --- |'];
  for (const r of rows) {
    const ratio = r.ratio === undefined || r.ours.failed || r.baseline?.failed ? '-' : `${r.ratio.toFixed(2)}x`;
    lines.push(`| ${r.what} | ${cell(r.ours)} | ${cell(r.baseline)} | ${ratio} | ${r.bar.text} | ${r.pass ? 'PASS' : 'FAIL'} |`);
  }
  return lines.join('\n');
}

export function machine() {
  const c = cpus();
  return {
    node: process.version,
    platform: `${process.platform} ${process.arch}`,
    cpus: c.length,
    cpuModel: c[0]?.model ?? 'unknown',
    memoryGb: Math.round(totalmem() / 2 ** 30),
  };
}

const sideJson = (s: Side | undefined) =>
  s && {
    label: s.label,
    unit: s.unit,
    failed: s.failed,
    display: s.display,
    medianPerSecond: Math.round(s.perSecond * 10) / 10,
    rounds: s.samples.map((x) => ({ count: x.events, seconds: Math.round(x.seconds * 1e4) / 1e4, perSecond: Math.round(rate(x) * 10) / 10 })),
  };

export function writeJson(file: string, payload: { rows: Row[]; [key: string]: unknown }): void {
  const { rows, ...rest } = payload;
  const json = {
    ...rest,
    rows: rows.map((r) => ({
      id: r.id,
      what: r.what,
      ours: sideJson(r.ours),
      baseline: sideJson(r.baseline),
      ratio: r.ratio === undefined ? undefined : Math.round(r.ratio * 1000) / 1000,
      bar: r.bar,
      result: r.pass ? 'PASS' : 'FAIL',
      notes: r.notes,
    })),
    table: markdownTable(rows),
  };
  mkdirSync(dirname(file), { recursive: true });
  writeFileSync(file, JSON.stringify(json, null, 2) + '\n');
}
