import { OURS_BATCHES_CONTENDER_ID, OURS_CONTENDER_ID, RAW_CONTENDER_ID } from '../contenders/contenders.js';
import { int } from '../harness/format.js';
import type { BenchResults } from './results.js';

const width = 820;
const labelWidth = 340;
const barArea = 360;
const rowHeight = 34;
const top = 64;

const escape = (text: string): string =>
  text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

/**
 * A horizontal bar chart of each contender's median records/s, with a min–max whisker when there
 * were several runs. Plain SVG written by hand, readable without any chart library.
 */
export function resultsSvg(results: BenchResults): string {
  const rows = results.contenders;
  const scale = Math.max(1, ...rows.map((c) => c.recordsPerSecond?.max ?? 0));
  const height = top + rows.length * rowHeight + 36;
  const x = (value: number): number => labelWidth + (value / scale) * barArea;
  const parts: string[] = [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" font-family="system-ui, sans-serif" font-size="13">`,
    `<rect width="${width}" height="${height}" fill="#ffffff"/>`,
    `<text x="16" y="26" font-size="16" font-weight="600">Records per second, reading ${escape(int(results.dataset.records))} GoodWe messages (median${results.runsPerContender > 1 ? ` of ${results.runsPerContender}, min–max` : ''})</text>`,
    `<text x="16" y="46" fill="#555">${escape(`${results.machine.cpuModel}, ${results.machine.cores} cores; Node ${results.machine.node}; ${results.date.slice(0, 10)}, commit ${results.machine.commit}`)}</text>`,
  ];
  rows.forEach((contender, index) => {
    const y = top + index * rowHeight;
    const middle = y + rowHeight / 2;
    const fill =
      contender.id === OURS_CONTENDER_ID || contender.id === OURS_BATCHES_CONTENDER_ID
        ? '#e07a1f'
        : contender.id === RAW_CONTENDER_ID
          ? '#4a4a4a'
          : '#8fa8c8';
    parts.push(`<text x="${labelWidth - 10}" y="${middle + 4}" text-anchor="end">${escape(contender.label)}</text>`);
    const r = contender.recordsPerSecond;
    if (!r) {
      parts.push(`<text x="${labelWidth + 4}" y="${middle + 4}" fill="#b00020">failed</text>`);
      return;
    }
    parts.push(
      `<rect x="${labelWidth}" y="${y + 7}" width="${(x(r.median) - labelWidth).toFixed(1)}" height="${rowHeight - 14}" fill="${fill}"/>`,
    );
    if (r.max > r.min) {
      parts.push(
        `<path d="M${x(r.min).toFixed(1)} ${middle}H${x(r.max).toFixed(1)}M${x(r.min).toFixed(1)} ${middle - 5}v10M${x(r.max).toFixed(1)} ${middle - 5}v10" stroke="#222" stroke-width="1.2" fill="none"/>`,
      );
    }
    parts.push(`<text x="${(x(r.max) + 8).toFixed(1)}" y="${middle + 4}">${escape(int(r.median))}</text>`);
  });
  const axisY = top + rows.length * rowHeight + 4;
  parts.push(
    `<path d="M${labelWidth} ${top}V${axisY}" stroke="#999" fill="none"/>`,
    `<text x="${labelWidth}" y="${axisY + 18}" fill="#555">0</text>`,
    `<text x="${labelWidth + barArea}" y="${axisY + 18}" fill="#555" text-anchor="end">${escape(int(scale))} rec/s</text>`,
    '</svg>',
    '',
  );
  return parts.join('\n');
}
