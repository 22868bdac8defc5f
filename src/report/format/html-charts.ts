import { clipAtWord, clipLine } from './clip-line.js';
import { htmlText } from './html-escape.js';

export interface Bar {
  label: string;
  /** 0..100, or undefined for "nothing ran" */
  percent: number | undefined;
}

/**
 * Horizontal bars, one per implementation: its MUST pass rate. Inline SVG (no script, no remote
 * font); every bar also carries its number as text, so the chart reads without colour.
 */
export function passRateChart(bars: readonly Bar[], title: string): string {
  const rowHeight = 22;
  const labelWidth = 330;
  const barWidth = 300;
  const height = bars.length * rowHeight + 6;
  const rows = bars.map((bar, i) => {
    const y = i * rowHeight + 4;
    const width = bar.percent === undefined ? 0 : Math.round((bar.percent * barWidth) / 100);
    const colour = bar.percent === undefined ? '#bbb' : bar.percent === 100 ? '#2a7a2a' : bar.percent >= 80 ? '#a86d00' : '#b02a2a';
    const value = bar.percent === undefined ? 'not run' : `${bar.percent}%`;
    // the chart has no legend and no room to grow: a name with no word boundary is cut after all, and the
    // whole name is the label's tooltip
    const atWord = clipAtWord(bar.label, 48);
    const label = atWord.length > 48 ? clipLine(bar.label, 48) : atWord;
    const whole = label === bar.label ? '' : `<title>${htmlText(bar.label)}</title>`;
    return `<text x="${labelWidth - 6}" y="${y + 14}" text-anchor="end">${whole}${htmlText(label)}</text>`
      + `<rect x="${labelWidth}" y="${y}" width="${barWidth}" height="16" fill="#eee"/>`
      + `<rect x="${labelWidth}" y="${y}" width="${width}" height="16" fill="${colour}"/>`
      + `<text x="${labelWidth + barWidth + 6}" y="${y + 14}">${value}</text>`;
  });
  return `<svg class="chart" role="img" viewBox="0 0 ${labelWidth + barWidth + 70} ${height}" width="${labelWidth + barWidth + 70}" height="${height}"><title>${htmlText(title)}</title>${rows.join('')}</svg>`;
}

/** The p-th percentile (nearest rank) of sorted values. */
export function percentile(sorted: readonly number[], p: number): number {
  if (sorted.length === 0) return 0;
  const rank = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[rank] ?? 0;
}

/** A histogram of answer times with its p95 marked: where most answers fall and how long the tail is. */
export function durationHistogram(durationsMs: readonly number[], title: string): string {
  const sorted = [...durationsMs].sort((a, b) => a - b);
  const bins = 20;
  const max = Math.max(1, sorted[sorted.length - 1] ?? 1);
  const counts = new Array<number>(bins).fill(0);
  for (const value of sorted) {
    const bin = Math.min(bins - 1, Math.floor((value / max) * bins));
    counts[bin] = (counts[bin] ?? 0) + 1;
  }
  const tallest = Math.max(1, ...counts);
  const width = 600;
  const plot = 120;
  const binWidth = width / bins;
  const bars = counts.map((count, i) => {
    const h = Math.round((count / tallest) * (plot - 10));
    return `<rect x="${(i * binWidth).toFixed(1)}" y="${plot - h + 10}" width="${(binWidth - 2).toFixed(1)}" height="${h}" fill="#4a6fa5"><title>${count}</title></rect>`;
  });
  const p95 = percentile(sorted, 95);
  const x = ((p95 / max) * width).toFixed(1);
  const marker = `<line x1="${x}" y1="4" x2="${x}" y2="${plot + 12}" stroke="#b02a2a" stroke-width="2"/><text x="${x}" y="10" dx="4">p95 ${p95} ms</text>`;
  const axis = `<text x="0" y="${plot + 28}">0 ms</text><text x="${width}" y="${plot + 28}" text-anchor="end">${max} ms</text>`;
  return `<svg class="chart" role="img" viewBox="0 0 ${width} ${plot + 34}" width="${width}" height="${plot + 34}"><title>${htmlText(title)}</title>${bars.join('')}${marker}${axis}</svg>`;
}
