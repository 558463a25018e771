import { readFileSync } from 'node:fs';

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
  children?: number[];
}

interface CpuProfile {
  nodes: ProfileNode[];
  samples: number[];
  timeDeltas: number[];
}

/** Time spent in one function (self) and under it (total), in ms. */
export interface FunctionTime {
  name: string;
  where: string;
  selfMs: number;
  totalMs: number;
}

/** Where a profile's time went. */
export interface ProfileSummary {
  /** Sampled time, idle excluded, in ms. */
  busyMs: number;
  functions: FunctionTime[];
  /** Self time by area (a folder of src/, a package, Node's internals, GC). */
  areas: { area: string; selfMs: number }[];
}

function shortUrl(url: string): string {
  const index = url.indexOf('/node_modules/');
  if (index >= 0) return url.slice(index + '/node_modules/'.length);
  const src = url.search(/\/(src|bench)\//);
  return src >= 0 ? url.slice(src + 1) : url.replace(/^file:\/\//, '');
}

function areaOf(node: ProfileNode): string {
  const { url, functionName } = node.callFrame;
  if (!url) return functionName.startsWith('(') ? functionName : '(native or builtin)';
  if (url.startsWith('node:')) return 'node internals';
  const short = shortUrl(url);
  if (url.includes('/node_modules/')) {
    const parts = short.split('/');
    return parts[0]!.startsWith('@') ? `${parts[0]}/${parts[1]}` : parts[0]!;
  }
  const folders = short.split('/');
  return folders.length > 2 ? `${folders[0]}/${folders[1]}` : short;
}

/** Summarises a `.cpuprofile` (from `node --cpu-prof`): self and total time per function and per area. */
export function summarizeProfile(file: string): ProfileSummary {
  const profile = JSON.parse(readFileSync(file, 'utf8')) as CpuProfile;
  const byId = new Map(profile.nodes.map((node) => [node.id, node]));
  const parent = new Map<number, number>();
  for (const node of profile.nodes) for (const child of node.children ?? []) parent.set(child, node.id);
  const key = (node: ProfileNode): string =>
    // tsx reports every function of a TypeScript file on line 1: the line only helps elsewhere.
    `${node.callFrame.functionName || '(anonymous)'}\u0000${shortUrl(node.callFrame.url)}${node.callFrame.lineNumber > 0 ? `:${node.callFrame.lineNumber + 1}` : ''}`;
  const self = new Map<string, number>();
  const total = new Map<string, number>();
  const areas = new Map<string, number>();
  let busy = 0;
  profile.samples.forEach((id, index) => {
    const ms = (profile.timeDeltas[index] ?? 0) / 1000;
    const node = byId.get(id);
    if (!node || node.callFrame.functionName === '(idle)') return;
    busy += ms;
    const own = key(node);
    const area = areaOf(node);
    self.set(own, (self.get(own) ?? 0) + ms);
    areas.set(area, (areas.get(area) ?? 0) + ms);
    const seen = new Set<string>();
    for (let at: number | undefined = id; at !== undefined; at = parent.get(at)) {
      const k = key(byId.get(at)!);
      if (seen.has(k)) continue;
      seen.add(k);
      total.set(k, (total.get(k) ?? 0) + ms);
    }
  });
  const functions = [...total.entries()].map(([k, totalMs]) => {
    const [name, where] = k.split('\u0000') as [string, string];
    return { name, where, selfMs: self.get(k) ?? 0, totalMs };
  });
  return {
    busyMs: busy,
    functions,
    areas: [...areas.entries()].map(([area, selfMs]) => ({ area, selfMs })).sort((a, b) => b.selfMs - a.selfMs),
  };
}

/** A Markdown report of a profile: the top functions by self time and by total time, and the areas. */
export function profileMarkdown(summary: ProfileSummary, top = 25): string {
  const pct = (ms: number): string => `${((ms / summary.busyMs) * 100).toFixed(1)}%`;
  const rows = (list: FunctionTime[], by: 'selfMs' | 'totalMs'): string[] =>
    [...list]
      .filter((f) => !['(root)', '(program)'].includes(f.name))
      .sort((a, b) => b[by] - a[by])
      .slice(0, top)
      .map((f) => `| ${f.name} | ${f.where} | ${pct(f.selfMs)} | ${pct(f.totalMs)} |`);
  const header = ['| Function | Where | Self | Total |', '| --- | --- | --: | --: |'];
  return [
    `Busy time of the main thread: ${(summary.busyMs / 1000).toFixed(1)} s over the whole process, start-up included ` +
      '(idle excluded). Shares are of that time.',
    '',
    '## By self time',
    '',
    ...header,
    ...rows(summary.functions, 'selfMs'),
    '',
    '## By total time (self + callees)',
    '',
    ...header,
    ...rows(summary.functions, 'totalMs'),
    '',
    '## Self time by area',
    '',
    '| Area | Self |',
    '| --- | --: |',
    ...summary.areas.slice(0, top).map((a) => `| ${a.area} | ${pct(a.selfMs)} |`),
    '',
  ].join('\n');
}
