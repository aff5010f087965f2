// `npm run bench`: times the CLI path (parse, score, aggregate, write) on generated exports and reports peak memory.

import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DEFAULT_CONFIG } from '../core/config';
import { createWorkspace, type Workspace } from './emulator/runtime';
import { generateExport } from './generate';
import { workspace } from './pipeline';
import { formAnswers, syntheticAnswers } from './respondent';
import { main } from './score-command';

const SIZES = [1000, 10000, 100000];

interface CliFigures {
  rows: number;
  ms: number;
  rowsPerSec: number;
  peakMB: number;
}

/** In a child process: runs the CLI on one file and prints its own time and peak memory as JSON. */
function child(file: string, out: string): void {
  const write = process.stdout.write.bind(process.stdout);
  process.stdout.write = (() => true) as typeof process.stdout.write;
  const t0 = process.hrtime.bigint();
  const code = main(['--responses', file, '--out', out]);
  const ms = Number(process.hrtime.bigint() - t0) / 1e6;
  process.stdout.write = write;
  if (code !== 0) process.exit(code);
  write(JSON.stringify({ ms, maxRssKB: process.resourceUsage().maxRSS }));
}

/** Generates an export of `rows` responses and times the CLI on it in a fresh process. */
function measureCli(rows: number, dir: string): CliFigures {
  const file = join(dir, `responses-${rows}.csv`);
  writeFileSync(file, generateExport(rows, 7));
  const r = spawnSync(process.execPath, [__filename, '--child', file, join(dir, `out-${rows}`)], {
    encoding: 'utf8',
    maxBuffer: 1 << 26,
  });
  if (r.status !== 0) throw new Error(`Chạy thử với ${rows} phiếu thất bại: ${r.stderr.trim()}`);
  const { ms, maxRssKB } = JSON.parse(r.stdout) as { ms: number; maxRssKB: number };
  return {
    rows,
    ms: Math.round(ms),
    rowsPerSec: Math.round((rows / ms) * 1000),
    peakMB: Math.round(maxRssKB / 1024),
  };
}

/** Service calls of one piece of work. */
interface Cost {
  calls: number;
  sheetCalls: number;
  cells: number;
  ms?: number;
}

const STORED = [10, 1000, 10000];
const EMAIL = 'lan.nt@mydu.example';

/** Runs `fn` and returns what it cost in service calls and cells (and Node time). */
function cost(ws: Workspace, fn: () => void): Cost {
  ws.log.reset();
  const t0 = process.hrtime.bigint();
  fn();
  const ms = Math.round(Number(process.hrtime.bigint() - t0) / 1e6);
  return { calls: ws.log.total(), sheetCalls: ws.log.sheetCalls(), cells: ws.log.cells, ms };
}

/**
 * Through the real bundle in the emulator: one submission with 10, 1,000 and 10,000 inspections
 * already stored, and a rebuild of 10,000.
 */
function measureGas(): {
  submit: Record<string, Cost>;
  picker: Record<string, Cost>;
  rebuild10000: Cost;
} {
  const code = readFileSync('dist/Code.js', 'utf8');
  const submit: Record<string, Cost> = {};
  const picker: Record<string, Cost> = {};
  let rebuild10000: Cost = { calls: 0, sheetCalls: 0, cells: 0 };
  const { checklist, units } = DEFAULT_CONFIG;
  for (const stored of STORED) {
    const ws = createWorkspace({ start: new Date('2019-01-02T01:00:00Z'), timeoutMs: 600000 });
    ws.run(code, 'setup');
    const formId = String(
      ws.log.uncounted(() => ws.PropertiesService.getScriptProperties().getProperty('formId')),
    );
    for (let k = 0; k < stored; k++) {
      ws.clock.advance(1000);
      ws.submitWithoutTrigger(formId, syntheticAnswers(checklist, units, k), { email: EMAIL });
    }
    const rebuild = cost(ws, () => ws.run(code, 'rebuildAll'));
    if (stored === 10000) rebuild10000 = rebuild;
    ws.clock.advance(1000);
    const { ms: _ms, ...one } = cost(ws, () => {
      // The same new inspection (one finding) whatever is stored, so the sizes compare.
      const answers = formAnswers(checklist, { date: '2020-06-01', B2: 'Không đạt' });
      const { runs } = ws.submit(code, formId, answers, { email: EMAIL });
      if (!runs.every((r) => r.ok))
        throw new Error(`Lần gửi thử thất bại: ${runs.map((r) => r.error).join('; ')}`);
    });
    submit[stored] = one;
    // The leaders' dashboard: a change of its period picker (simple onEdit, 30 s limit).
    picker[stored] = cost(ws, () => {
      const [run] = ws.userEdit(code, 'Bảng điều khiển', 'B2', 'Năm nay');
      if (!run?.ok) throw new Error(`Đổi kỳ thất bại: ${run?.error ?? 'onEdit không chạy'}`);
    });
  }
  return { submit, picker, rebuild10000 };
}

/** One report (Doc, PDF, email) over a week in which each of `units` units was inspected once. */
function measureReport(code: string, units: number): Cost {
  const config = {
    ...DEFAULT_CONFIG,
    units: Array.from({ length: units }, (_, k) => ({
      code: String(20001 + k),
      name: `Xã Thử Nghiệm ${String(k + 1).padStart(3, '0')}`,
      aliases: [],
    })),
  };
  const ws = workspace({ code, config, minutes: false }, Date.UTC(2019, 1, 17, 20));
  const formId = String(
    ws.log.uncounted(() => ws.PropertiesService.getScriptProperties().getProperty('formId')),
  );
  for (let k = 0; k < units; k++) {
    ws.clock.advance(1000);
    ws.submitWithoutTrigger(formId, syntheticAnswers(config.checklist, config.units, k), {
      email: EMAIL,
    });
  }
  ws.run(code, 'rebuildAll');
  const { ms: _ms, ...calls } = cost(ws, () =>
    ws.run(code, 'sendReportNow', '01/01/2019 - 31/12/2019'),
  );
  return calls;
}

/** The whole local pipeline (`npm start -- --responses`) on a generated export, timed as a process. */
function measureLocal(rows: number, dir: string): { rows: number; ms: number } {
  const file = join(dir, `local-${rows}.csv`);
  writeFileSync(file, generateExport(rows, 7));
  const t0 = process.hrtime.bigint();
  const r = spawnSync(
    process.execPath,
    [
      '--max-old-space-size=8192',
      'build/cli.js',
      '--responses',
      file,
      '--out',
      join(dir, `local-${rows}`),
    ],
    { encoding: 'utf8', maxBuffer: 1 << 28 },
  );
  if (r.status !== 0)
    throw new Error(`Chạy toàn bộ quy trình với ${rows} phiếu thất bại: ${r.stderr.trim()}`);
  return { rows, ms: Math.round(Number(process.hrtime.bigint() - t0) / 1e6) };
}

function run(): void {
  const args = process.argv.slice(2);
  if (args[0] === '--child') {
    child(args[1], args[2]);
    return;
  }
  const json = args.includes('--json');
  const dir = mkdtempSync(join(tmpdir(), 'ktcv-bench-'));
  try {
    const cli: Record<string, CliFigures> = {};
    for (const n of SIZES) {
      cli[n] = measureCli(n, dir);
      if (!json) {
        const f = cli[n];
        process.stdout.write(
          `CLI ${String(n).padStart(7)} phiếu: ${String(f.ms).padStart(6)} ms, ${String(f.rowsPerSec).padStart(7)} phiếu/giây, bộ nhớ đỉnh ${f.peakMB} MB\n`,
        );
      }
    }
    const gas = measureGas();
    const code = readFileSync('dist/Code.js', 'utf8');
    const report = { '22': measureReport(code, 22), '200': measureReport(code, 200) };
    if (!json)
      for (const [n, c] of Object.entries(report))
        process.stdout.write(
          `Một báo cáo cho ${n} đơn vị: ${c.calls} lời gọi dịch vụ (${c.sheetCalls} tới bảng tính)\n`,
        );
    if (!json) {
      for (const [n, c] of Object.entries(gas.submit))
        process.stdout.write(
          `Một lần gửi phiếu khi đã có ${n.padStart(5)} phiếu: ${c.calls} lời gọi dịch vụ (${c.sheetCalls} tới bảng tính), ${c.cells} ô\n`,
        );
      for (const [n, c] of Object.entries(gas.picker))
        process.stdout.write(
          `Đổi kỳ trên bảng điều khiển khi đã có ${n.padStart(5)} phiếu: ${c.calls} lời gọi dịch vụ (${c.sheetCalls} tới bảng tính), ${c.cells} ô, ${c.ms} ms trên Node\n`,
        );
      const r = gas.rebuild10000;
      process.stdout.write(
        `Chấm lại toàn bộ 10000 phiếu: ${r.calls} lời gọi dịch vụ (${r.sheetCalls} tới bảng tính), ${r.cells} ô, ${r.ms} ms trên Node\n`,
      );
    }
    // The whole pipeline on 100,000 responses takes about a minute: only with --local.
    const local = args.includes('--local') ? measureLocal(100000, dir) : undefined;
    if (local && !json)
      process.stdout.write(
        `Toàn bộ quy trình cục bộ với ${local.rows} phiếu: ${(local.ms / 1000).toFixed(1)} s\n`,
      );
    const small = cli[SIZES[0]];
    const large = cli[SIZES[SIZES.length - 1]];
    const growth = large.ms / Math.max(1, small.ms) / (large.rows / small.rows);
    if (json)
      process.stdout.write(
        `${JSON.stringify({ cli, ...gas, report, ...(local ? { local } : {}) })}\n`,
      );
    else
      process.stdout.write(
        `Tăng trưởng: thời gian cho mỗi phiếu ở ${large.rows} phiếu bằng ${growth.toFixed(2)} lần ở ${small.rows} phiếu (≈ 1 hoặc thấp hơn là tuyến tính).\n`,
      );
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

run();
