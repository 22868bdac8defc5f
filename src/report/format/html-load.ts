import type { CheckResult } from '../../results/check-result.js';
import { htmlText } from './html-escape.js';
import { implementationLabel } from './implementation-label.js';

interface LoadEvidence {
  asked: { ratePerSecond: number };
  achievedRatePerSecond: number;
  latencyMs: { p50: number; p95: number; p99: number; max: number } | null;
}

function isLoadEvidence(value: unknown): value is LoadEvidence {
  if (value === null || typeof value !== 'object') return false;
  const v = value as Record<string, unknown>;
  const asked = v['asked'] as Record<string, unknown> | null | undefined;
  return typeof v['achievedRatePerSecond'] === 'number' && typeof asked?.['ratePerSecond'] === 'number' && (v['latencyMs'] === null || typeof v['latencyMs'] === 'object');
}

/** Latency percentiles as bars, with the 1 s SHOULD limit marked, and the rate asked vs achieved. */
function loadChart(evidence: LoadEvidence, title: string): string {
  const latency = evidence.latencyMs;
  const rows = latency ? ([['p50', latency.p50], ['p95', latency.p95], ['p99', latency.p99], ['max', latency.max]] as const) : [];
  const top = Math.max(1000, ...rows.map(([, ms]) => ms));
  const width = 400;
  const bars = rows.map(([label, ms], i) => {
    const y = i * 22 + 4;
    return `<text x="36" y="${y + 13}" text-anchor="end">${label}</text><rect x="42" y="${y}" width="${Math.round((ms / top) * width)}" height="16" fill="${label === 'p95' && ms > 1000 ? '#b02a2a' : '#4a6fa5'}"/><text x="${46 + Math.round((ms / top) * width)}" y="${y + 13}">${ms} ms</text>`;
  });
  const limit = 42 + Math.round((1000 / top) * width);
  const marker = `<line x1="${limit}" y1="0" x2="${limit}" y2="${rows.length * 22 + 6}" stroke="#a86d00" stroke-dasharray="4 3"/><text x="${limit + 3}" y="${rows.length * 22 + 18}">1 s</text>`;
  const rate = `<text x="0" y="${rows.length * 22 + 36}">asked ${evidence.asked.ratePerSecond}/s, achieved ${evidence.achievedRatePerSecond}/s</text>`;
  const height = rows.length * 22 + 44;
  return `<svg class="chart" role="img" viewBox="0 0 ${width + 120} ${height}" width="${width + 120}" height="${height}"><title>${htmlText(title)}</title>${bars.join('')}${rows.length ? marker : ''}${rate}</svg>`;
}

/**
 * The load section of a `load` run's report: per implementation and dialect, its latency percentiles
 * and achieved rate (the run keeps totals, not a series over time, so the chart shows those).
 */
export function htmlLoad(results: readonly CheckResult[]): string {
  const charts = results.flatMap((r) => {
    const evidence = r.evidence;
    if (r.checkId !== 'load.throughput' || !isLoadEvidence(evidence)) return [];
    const title = `${implementationLabel(r)} · ${r.transport} · ${r.dialect}`;
    return [`<figure>${loadChart(evidence, `load: ${title}`)}<figcaption>${htmlText(title)}</figcaption></figure>`];
  });
  return charts.length === 0 ? '' : `<h2 id="load">Load</h2>\n${charts.join('\n')}`;
}
