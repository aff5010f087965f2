// `npm run bench`: the CLI's speed and memory, and the bundle's estimated time on Google through the strict emulator.

import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DEFAULT_CONFIG } from '../core/config';
import { defaultTables } from '../core/config-tables';
import { formatDmy, vnDateOf } from '../core/dates';
import { SHEETS } from '../core/names';
import type { Config } from '../core/types';
import { sheetCallsOf } from './emulator/calls';
import {
  createWorkspace,
  type Execution,
  type Workspace,
  type WorkspaceOptions,
} from './emulator/runtime';
import type { TriggerState } from './emulator/triggers';
import { zonedMs } from './emulator/utilities';
import { generateExport } from './generate';
import { writeConfigSheets } from './pipeline';
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

// ---------------------------------------------------------------------------------------------
// The bundle on the strict emulator: every figure is virtual time from the cost table (judge.ts).

const TZ = 'Asia/Ho_Chi_Minh';
const EMAIL = 'lan.nt@mydu.example';
const OWNER = 'noivu@mydu.example';
const MINUTE = 60000;
const HOUR = 60 * MINUTE;

/** What one execution cost on Google, estimated. */
interface ExecutionFigures {
  fn: string;
  ok: boolean;
  calls: number;
  sheetCalls: number;
  cells: number;
  googleSeconds: number;
  lockSeconds: number;
}

const seconds = (ms: number): number => Math.round(ms) / 1000;

function figuresOf(runs: readonly Execution[]): Omit<ExecutionFigures, 'fn' | 'ok'> {
  let calls = 0;
  let sheetCalls = 0;
  let cells = 0;
  let googleMs = 0;
  let lockMs = 0;
  for (const r of runs) {
    calls += r.callCount;
    sheetCalls += sheetCallsOf(r.calls);
    cells += r.cells;
    googleMs += r.googleMs;
    lockMs += r.lockMs;
  }
  return {
    calls,
    sheetCalls,
    cells,
    googleSeconds: seconds(googleMs),
    lockSeconds: seconds(lockMs),
  };
}

/**
 * One line per execution: estimated seconds on Google beside calls, sheet calls and cells. A run of
 * executions alike (a queue worker finding nothing to do every minute) is one line with its count.
 */
function describe(label: string, runs: readonly Execution[], say: (line: string) => void): void {
  let i = 0;
  while (i < runs.length) {
    const r = runs[i];
    const f = figuresOf([r]);
    const same = (x: Execution) =>
      x.fn === r.fn && x.ok === r.ok && x.callCount === r.callCount && x.cells === r.cells;
    let n = 1;
    while (i + n < runs.length && same(runs[i + n])) n++;
    const times = n > 1 ? ` (${n} lần giống nhau, số của lần đầu)` : '';
    say(
      `${label}: ${r.fn}${r.ok ? '' : ' (lỗi)'}${times} ≈ ${f.googleSeconds.toFixed(1)} s trên Google, giữ khóa ${f.lockSeconds.toFixed(1)} s, ${f.calls} lời gọi (${f.sheetCalls} tới bảng tính), ${f.cells} ô${r.ok ? '' : ` — ${r.error}`}`,
    );
    i += n;
  }
}

/** Units with an address each, so per-unit results are mailed. */
function unitAddress(code: string): string {
  return `don-vi-${code}@mydu.example`;
}

/**
 * A workspace with the office's config written into the sheets, then set up from the menu: the
 * biên bản on, per-unit emails on (each unit has an address) unless said otherwise.
 */
function benchWorkspace(
  code: string,
  start: number,
  o: { config?: Config; minutes?: boolean; unitEmails?: boolean; options?: WorkspaceOptions } = {},
): { ws: Workspace; formId: string } {
  const config = o.config ?? DEFAULT_CONFIG;
  const ws = createWorkspace({
    start: new Date(start),
    user: OWNER,
    timeoutMs: 10 * MINUTE,
    ...o.options,
  });
  const tables = defaultTables(config);
  const set = (label: string, value: string) => {
    const row = tables.settings.find((r) => r[0] === label);
    if (!row) throw new Error(`Không thấy cài đặt "${label}".`);
    row[1] = value;
  };
  set('Lập biên bản từng lần kiểm tra', o.minutes === false ? 'Không' : 'Có');
  set('Gửi kết quả cho từng đơn vị', o.unitEmails === false ? 'Không' : 'Có');
  for (const row of tables.units.slice(1)) row[5] = unitAddress(String(row[0]));
  writeConfigSheets(ws, tables);
  const message = String(ws.run(code, 'setup'));
  if (!message.startsWith('Thiết lập xong')) throw new Error(`Thiết lập thất bại: ${message}`);
  const formId = String(
    ws.log.uncounted(() => ws.PropertiesService.getScriptProperties().getProperty('formId')),
  );
  return { ws, formId };
}

/**
 * Google's scheduler: each time-driven trigger runs when due (ScriptApp._nextFire after its last
 * run); executions overlap in virtual time when one runs long.
 */
class Scheduler {
  private cursor: number;

  constructor(
    private readonly ws: Workspace,
    private readonly code: string,
  ) {
    this.cursor = ws.clock.now();
  }

  /** Runs every trigger due up to `until`; `after` is told of each execution. */
  runUntil(until: number, after: (run: Execution) => void = () => {}): Execution[] {
    const ws = this.ws;
    // Executions start in time order: nothing starts before the latest start.
    this.cursor = Math.max(this.cursor, ws.executions.at(-1)?.startedAt.getTime() ?? 0);
    const runs: Execution[] = [];
    for (let guard = 0; guard < 100000; guard++) {
      let next: { t: TriggerState; at: number } | null = null;
      for (const t of ws.ScriptApp._matching('CLOCK', 'CLOCK')) {
        const due = ws.ScriptApp._nextFire(t, t.lastFired ?? t.created);
        if (due === null) continue;
        const at = Math.max(due, this.cursor);
        if (next === null || at < next.at) next = { t, at };
      }
      if (next === null || next.at > until) break;
      this.cursor = next.at;
      const run = ws.fireTrigger(this.code, next.t, { at: next.at });
      runs.push(run);
      after(run);
    }
    if (ws.clock.now() < until) ws.clock.set(until);
    return runs;
  }
}

/** Response ids in a derived sheet's first column (Mã phản hồi), read without counting. */
function idsIn(ws: Workspace, sheetName: string): string[] {
  return ws.log.uncounted(() => {
    const sheet = ws.spreadsheet.getSheetByName(sheetName);
    if (!sheet) return [];
    const values = sheet.getDataRange().getValues();
    return values
      .slice(1)
      .map((r) => String(r[0]))
      .filter((id) => id !== '');
  });
}

/** Every response id of the form, as Google stores them. */
function responseIds(ws: Workspace, formId: string): string[] {
  const form = ws.FormApp._open(formId);
  return form ? form._responses.map((r) => r.id) : [];
}

/**
 * Submits `stored` inspections without their triggers, then rebuilds; the queue's work that
 * follows (biên bản and unit mails, 20 documents a run) runs until the nightly reconcile.
 */
function stock(
  ws: Workspace,
  code: string,
  formId: string,
  stored: number,
): { rebuild: Execution[]; queue: Execution[] } {
  const { checklist, units } = DEFAULT_CONFIG;
  for (let k = 0; k < stored; k++) {
    ws.clock.advance(1000);
    ws.submitWithoutTrigger(formId, syntheticAnswers(checklist, units, k), { email: EMAIL });
  }
  // Google writes each row a few seconds after its submission (the strict order): all are there.
  ws.clock.advance(ws.google.rowDelayMs);
  const first = ws.executions.length;
  try {
    ws.run(code, 'rebuildAll');
  } catch {
    // Recorded: a rebuild stopped at 6 minutes is part of what the figures show.
  }
  const day = vnDateOf(ws.clock.now());
  const later = new Scheduler(ws, code).runUntil(zonedMs(TZ, ...ymd(day), 22, 30));
  // The rebuild's executions: rebuildAll and any run that continues it (none other is rebuildAll).
  const rebuild = ws.executions
    .slice(first, first + 1)
    .concat(later.filter((r) => r.fn === 'rebuildAll'));
  return { rebuild, queue: later.filter((r) => r.fn !== 'rebuildAll') };
}

const ymd = (iso: string): [number, number, number] => {
  const [y, m, d] = iso.split('-').map(Number);
  return [y, m, d];
};

/** One submission's figures at 10, 1,000 and 10,000 stored, and the rebuild of 10,000. */
function measureSubmit(
  code: string,
  say: (line: string) => void,
): {
  submit: Record<string, ReturnType<typeof figuresOf>>;
  rebuild10000: { sheetCalls: number; googleSeconds: number; executions: number };
  picker: Record<string, { calls: number; cells: number; googleSeconds: number }>;
} {
  const submit: Record<string, ReturnType<typeof figuresOf>> = {};
  const picker: Record<string, { calls: number; cells: number; googleSeconds: number }> = {};
  let rebuild10000 = { sheetCalls: 0, googleSeconds: 0, executions: 0 };
  for (const stored of [10, 1000, 10000]) {
    const { ws, formId } = benchWorkspace(code, Date.parse('2019-01-02T01:00:00Z'));
    const { rebuild, queue } = stock(ws, code, formId, stored);
    describe(`Chấm lại ${stored} phiếu`, rebuild, say);
    const docs = ws.log.uncounted(
      () => ws.DriveApp._all().filter((i) => !i.trashed && i.name.startsWith('Biên bản')).length,
    );
    const q = figuresOf(queue);
    say(
      `Chấm lại ${stored} phiếu, hàng đợi đến 22:30: ${queue.length} lần runQueue (≈ ${q.googleSeconds.toFixed(0)} s trên Google), ${docs} biên bản đã lập, phần còn lại tiếp tục các ngày sau`,
    );
    if (stored === 10000) {
      const f = figuresOf(rebuild);
      rebuild10000 = {
        sheetCalls: f.sheetCalls,
        googleSeconds: f.googleSeconds,
        executions: rebuild.length,
      };
    }
    // The same new inspection (one finding) whatever is stored, so the sizes compare.
    ws.clock.set(zonedMs(TZ, ...ymd(vnDateOf(ws.clock.now())), 23, 30) + 9 * HOUR);
    const answers = formAnswers(DEFAULT_CONFIG.checklist, { date: '2020-06-01', B2: 'Không đạt' });
    // The figure is the scoring itself: Google has written the row when the trigger runs.
    ws.google.rowOrder = 'row-first';
    const { runs } = ws.submit(code, formId, answers, { email: EMAIL });
    describe(`Gửi một phiếu khi đã có ${stored} phiếu`, runs, say);
    submit[String(stored)] = figuresOf(runs);
    // The strict order (the trigger before the row): the run also waits for the row, unlocked.
    ws.google.rowOrder = 'trigger-first';
    ws.clock.advance(MINUTE);
    const late = ws.submit(
      code,
      formId,
      formAnswers(DEFAULT_CONFIG.checklist, { date: '2020-06-02', B3: 'Không đạt' }),
      { email: EMAIL },
    );
    describe(
      `Gửi một phiếu khi đã có ${stored} phiếu, trigger chạy trước khi có dòng`,
      late.runs,
      say,
    );
    // The leaders' dashboard: a change of its period picker (simple onEdit, 30 s limit) must cost
    // the same whatever is stored.
    ws.clock.advance(MINUTE);
    const picked = ws.userEdit(code, 'Bảng điều khiển', 'B2', 'Năm nay');
    describe(`Đổi kỳ trên bảng điều khiển khi đã có ${stored} phiếu`, picked, say);
    const { calls, cells, googleSeconds } = figuresOf(picked);
    picker[String(stored)] = { calls, cells, googleSeconds };
  }
  return { submit, rebuild10000, picker };
}

/**
 * 20 inspectors submit within one minute (every 3 s) into a workbook of 1,000 inspections: how
 * many are scored within the next 24 hours of Google's scheduling, and the minutes until the last.
 */
function measureBurst(
  code: string,
  say: (line: string) => void,
): { scored: number; minutes: number } {
  const { ws, formId } = benchWorkspace(code, Date.parse('2019-01-02T01:00:00Z'));
  stock(ws, code, formId, 1000);
  const t0 = zonedMs(TZ, ...ymd(vnDateOf(ws.clock.now())), 23, 30) + 9 * HOUR;
  const ids: string[] = [];
  const scoredAt = new Map<string, number>();
  const check = (at: number) => {
    const done = new Set([...idsIn(ws, SHEETS.results), ...idsIn(ws, SHEETS.review)]);
    for (const id of ids) if (done.has(id) && !scoredAt.has(id)) scoredAt.set(id, at);
  };
  const runs: Execution[] = [];
  const later: Execution[] = [];
  const scheduler = new Scheduler(ws, code);
  const after = (run: Execution) => check(run.endedAt.getTime());
  for (let i = 0; i < 20; i++) {
    const answers = syntheticAnswers(DEFAULT_CONFIG.checklist, DEFAULT_CONFIG.units, 5000 + i);
    // Google's scheduled work (a queue worker) runs when due, between the submissions too.
    later.push(...scheduler.runUntil(t0 + i * 3000, after));
    const r = ws.submit(code, formId, answers, { email: EMAIL, at: t0 + i * 3000 });
    ids.push(r.response.getId());
    runs.push(...r.runs);
    for (const run of r.runs) check(run.endedAt.getTime());
  }
  describe('Đợt 20 phiếu trong một phút', runs, say);
  later.push(...scheduler.runUntil(t0 + 24 * HOUR, after));
  describe('Đợt 20 phiếu, việc theo lịch', later, say);
  const last = Math.max(t0, ...scoredAt.values());
  return { scored: scoredAt.size, minutes: Math.round(((last - t0) / MINUTE) * 10) / 10 };
}

/**
 * Runs one part of the benchmark in a process of its own and returns the JSON of its last line,
 * its other lines passed on when it ends. Each part builds workbooks of thousands of inspections:
 * a fresh heap for each keeps the whole run as quick as its parts (in one process the garbage of
 * the 10,000-inspection workbooks slowed what followed many times over).
 */
function part(flags: string[]): unknown {
  const run = spawnSync(process.execPath, [...process.execArgv, process.argv[1], ...flags], {
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'inherit'],
    maxBuffer: 1 << 28,
  });
  const lines = (run.stdout ?? '').trimEnd().split('\n');
  const last = lines.pop() ?? '';
  for (const line of lines) console.log(line);
  if (run.status !== 0) throw new Error(`bench ${flags.join(' ')}: thoát với mã ${run.status}`);
  return JSON.parse(last);
}

/** One report (Doc, PDF, email) over a period in which each of 200 units was inspected once. */
function measureReport(code: string, say: (line: string) => void): { googleSeconds: number } {
  const config: Config = {
    ...DEFAULT_CONFIG,
    units: Array.from({ length: 200 }, (_, k) => ({
      code: String(20001 + k),
      name: `Xã Thử Nghiệm ${String(k + 1).padStart(3, '0')}`,
      aliases: [],
    })),
  };
  const { ws, formId } = benchWorkspace(code, Date.UTC(2019, 1, 17, 20), {
    config,
    minutes: false,
    unitEmails: false,
  });
  for (let k = 0; k < 200; k++) {
    ws.clock.advance(1000);
    ws.submitWithoutTrigger(formId, syntheticAnswers(config.checklist, config.units, k), {
      email: EMAIL,
    });
  }
  ws.clock.advance(ws.google.rowDelayMs);
  ws.run(code, 'rebuildAll');
  try {
    ws.run(code, 'sendReportNow', '01/01/2019 - 31/12/2019');
  } catch {
    // Recorded and described below.
  }
  const run = ws.executions[ws.executions.length - 1];
  describe('Một báo cáo cho 200 đơn vị', [run], say);
  return { googleSeconds: figuresOf([run]).googleSeconds };
}

// Days of Google's scheduling the soak runs at most while unit mails are still due.
const MAX_SOAK_DAYS = 30;

/** Unit mails the state columns still hold as due (`Chờ gửi`), read without counting. */
function unitMailsLeft(ws: Workspace): number {
  return ws.log.uncounted(() => {
    const name = String(ws.PropertiesService.getScriptProperties().getProperty('responseSheet'));
    const sheet = ws.spreadsheet.getSheetByName(name);
    if (!sheet) return 0;
    const values = sheet.getDataRange().getValues();
    const col = values[0].indexOf('[KTCV] Đã gửi đơn vị lúc');
    return values.slice(1).filter((r) => r[col] === 'Chờ gửi').length;
  });
}

/** What the soak left behind, counted from the emulator's state. */
interface SoakFigures {
  lost: number;
  duplicateRows: number;
  duplicateDocs: number;
  duplicateMails: number;
  unitMailsMissing: number;
}

/** Occurrences beyond the first of each value. */
function extra(values: readonly string[]): number {
  const seen = new Map<string, number>();
  for (const v of values) seen.set(v, (seen.get(v) ?? 0) + 1);
  let n = 0;
  for (const c of seen.values()) n += c - 1;
  return n;
}

/**
 * 1,000 submissions over a working day (every 30 s on average, seeded) with 2 % of server calls
 * failing transiently and 5 % of submit events delivered twice, then a day of Google's
 * scheduling (the nightly reconcile and any worker). Counted from the state: responses missing
 * from Kết quả and Cần xem lại, ids there twice, biên bản made twice, unit mails sent twice or never.
 */
function measureSoak(code: string, say: (line: string) => void, count: number): SoakFigures {
  const start = Date.parse('2019-01-08T00:30:00Z'); // a Tuesday, 07:30 in Hà Nội
  // A third of the Forms triggers run before Google writes their row (ws.google.rowOrder).
  const { ws, formId } = benchWorkspace(code, start, {
    options: { google: { rowOrder: { triggerFirstProbability: 1 / 3 }, seed: 2026 } },
  });
  // 2 % of the calls that reach Google's servers fail with Google's transient texts.
  ws.faults.transient({ rate: 0.02, seed: 2026 });
  const scheduler = new Scheduler(ws, code);
  let seed = 42;
  const random = () => {
    seed = (seed * 1103515245 + 12345) % 2147483648;
    return seed / 2147483648;
  };
  const { checklist, units } = DEFAULT_CONFIG;
  let at = zonedMs(TZ, 2019, 1, 8, 8, 0);
  const runs: Execution[] = [];
  for (let k = 0; k < count; k++) {
    at = Math.max(
      at + Math.round(random() * 60000),
      ws.executions.at(-1)?.startedAt.getTime() ?? 0,
    );
    const r = ws.submit(code, formId, syntheticAnswers(checklist, units, k), { email: EMAIL, at });
    runs.push(...r.runs);
    if (random() < 0.05) runs.push(...ws.fireFormSubmitAgain(code, r.response, { at: at + 2000 }));
  }
  const failed = runs.filter((r) => !r.ok).length;
  const f = figuresOf(runs);
  say(
    `Chạy bền ${count} phiếu (một phần ba trigger chạy trước khi có dòng): ${runs.length} lần chạy (${failed} bị Google dừng hoặc báo lỗi, ${idsIn(ws, SHEETS.log).length} dòng trong Nhật ký), trung bình ≈ ${(f.googleSeconds / runs.length).toFixed(1)} s trên Google, ${ws.faults.injected.length} lỗi tạm thời được gây ra`,
  );
  const settle = scheduler.runUntil(zonedMs(TZ, 2019, 1, 9, 8, 0));
  describe('Chạy bền, việc theo lịch', settle, say);
  ws.faults.clear();
  // The promise is every unit email sent once; an office's ordinary account sends to 100
  // recipients a day (the emulator's default, the stricter of Google's two quotas: Workspace
  // allows 1,500), so the worker goes on, day after day, until nothing is left to send.
  let days = 1;
  for (; days < MAX_SOAK_DAYS && unitMailsLeft(ws) > 0; days++)
    scheduler.runUntil(zonedMs(TZ, 2019, 1, 9 + days, 8, 0));
  say(
    `Chạy bền: hạn mức thư 100 người nhận một ngày (tài khoản thường); hàng đợi chạy tiếp ${days} ngày, còn ${unitMailsLeft(ws)} thư đơn vị chờ gửi`,
  );

  const results = idsIn(ws, SHEETS.results);
  const review = idsIn(ws, SHEETS.review);
  const placed = new Set([...results, ...review]);
  const ids = responseIds(ws, formId);
  const docs = ws.DriveApp._all().filter(
    (i) => !i.trashed && i.mimeType === 'application/vnd.google-apps.document',
  );
  const minutes = docs.map((d) => d.name).filter((n) => n.startsWith('Biên bản'));
  const unitMails = ws.MailApp._outbox().flatMap((m) =>
    m.to.filter((t) => t.startsWith('don-vi-')).map((t) => `${t}|${m.subject}`),
  );
  const mailed = new Set(unitMails);
  // Each inspection in Kết quả whose unit has an address should have its unit's mail.
  const expected = ws.log.uncounted(() => {
    const sheet = ws.spreadsheet.getSheetByName(SHEETS.results);
    if (!sheet) return [];
    return sheet
      .getDataRange()
      .getValues()
      .slice(1)
      .filter((r) => String(r[0]) !== '')
      .map((r) => {
        const typed = String(r[3]);
        const date =
          r[3] instanceof Date
            ? formatDmy(vnDateOf(r[3].getTime()))
            : /^\d{4}-/.test(typed)
              ? formatDmy(typed)
              : typed;
        return { to: unitAddress(String(r[4])), date };
      });
  });
  say(
    `Chạy bền: ${results.length} dòng Kết quả, ${review.length} dòng Cần xem lại, ${minutes.length} biên bản, ${unitMails.length} thư gửi đơn vị`,
  );
  const missing = expected.filter(
    (e) => ![...mailed].some((m) => m.startsWith(`${e.to}|`) && m.endsWith(e.date)),
  ).length;
  return {
    lost: ids.filter((id) => !placed.has(id)).length,
    duplicateRows: extra([...results, ...review]),
    duplicateDocs: extra(minutes),
    duplicateMails: extra(unitMails),
    unitMailsMissing: missing,
  };
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
  const say = (line: string) => {
    process.stdout.write(`${line}\n`);
  };
  // `--soak N`: only the soak, with N submissions (a quicker look while changing the bundle).
  const soakOnly = args.indexOf('--soak');
  if (soakOnly >= 0) {
    const count = Number(args[soakOnly + 1]);
    const soak = measureSoak(readFileSync('dist/Code.js', 'utf8'), say, count);
    say(JSON.stringify(soak));
    return;
  }
  // `--burst`: only the 20 submissions within one minute.
  if (args.includes('--burst')) {
    const burst = measureBurst(readFileSync('dist/Code.js', 'utf8'), say);
    say(JSON.stringify(burst));
    return;
  }
  // `--report`: only the report for 200 units.
  if (args.includes('--report')) {
    say(JSON.stringify(measureReport(readFileSync('dist/Code.js', 'utf8'), say)));
    return;
  }
  // `--submit`: only one submission at 10, 1,000 and 10,000 stored.
  if (args.includes('--submit')) {
    const { submit, rebuild10000, picker } = measureSubmit(
      readFileSync('dist/Code.js', 'utf8'),
      say,
    );
    say(JSON.stringify({ submit, rebuild10000, picker }));
    return;
  }
  const dir = mkdtempSync(join(tmpdir(), 'ktcv-bench-'));
  try {
    const cli: Record<string, CliFigures> = {};
    for (const n of SIZES) {
      cli[n] = measureCli(n, dir);
      const f = cli[n];
      say(
        `CLI ${String(n).padStart(7)} phiếu: ${String(f.ms).padStart(6)} ms, ${String(f.rowsPerSec).padStart(7)} phiếu/giây, bộ nhớ đỉnh ${f.peakMB} MB`,
      );
    }
    const small = cli[SIZES[0]];
    const large = cli[SIZES[SIZES.length - 1]];
    const growth = large.ms / Math.max(1, small.ms) / (large.rows / small.rows);
    say(
      `Tăng trưởng: thời gian cho mỗi phiếu ở ${large.rows} phiếu bằng ${growth.toFixed(2)} lần ở ${small.rows} phiếu (≈ 1 hoặc thấp hơn là tuyến tính).`,
    );
    say(
      'Ước tính thời gian trên Google (trình giả lập nghiêm ngặt, chưa kể 2 s khởi động mỗi lần chạy):',
    );
    const { submit, rebuild10000, picker } = part(['--submit']) as ReturnType<typeof measureSubmit>;
    const burst20 = part(['--burst']) as ReturnType<typeof measureBurst>;
    say(`Đợt 20 phiếu: ${burst20.scored}/20 được chấm, phiếu cuối sau ${burst20.minutes} phút`);
    const report200 = part(['--report']) as ReturnType<typeof measureReport>;
    const soak = part(['--soak', '1000']) as SoakFigures;
    say(
      `Chạy bền: ${soak.lost} phiếu mất, ${soak.duplicateRows} dòng trùng, ${soak.duplicateDocs} biên bản trùng, ${soak.duplicateMails} thư trùng, ${soak.unitMailsMissing} thư đơn vị còn thiếu`,
    );
    // The whole pipeline on 100,000 responses takes about a minute: only with --local.
    if (args.includes('--local')) {
      const local = measureLocal(100000, dir);
      say(`Toàn bộ quy trình cục bộ với ${local.rows} phiếu: ${(local.ms / 1000).toFixed(1)} s`);
    }
    if (json) say(JSON.stringify({ submit, burst20, rebuild10000, report200, soak, picker }));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

run();
