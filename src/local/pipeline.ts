// The main job, locally: the real bundle on the emulator, from form submissions (or an export) to the emailed report, then files to open.

import {
  accessSync,
  constants,
  existsSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { dirname, join, relative, resolve, sep } from 'node:path';
import { defaultTables } from '../core/config-tables';
import { addDays, parseDateAnswer, parseTimestamp, vnInstant, weekdayOf } from '../core/dates';
import { QUEUE, SHEETS } from '../core/names';
import { mapColumns } from '../core/records';
import { InputError, type ScoreRun, scoreExport } from '../core/score-export';
import { clipText, groupDigits, quoteValue, SHEET_CELL_CHARS } from '../core/shown';
import type { Config, DateOrder } from '../core/types';
import { indexUnits, matchUnit } from '../core/units';
import { snapshotDocument } from './emulator/documents';
import { snapshotDrive } from './emulator/drive';
import { createWorkspace, type Workspace } from './emulator/runtime';
import { documentToDocx } from './export/docx';
import { messageToEml } from './export/eml';
import { workbookToXlsx } from './export/xlsx';
import { playLoop } from './loop-round';

/** What the local run needs. */
export interface PipelineOptions {
  code: string;
  config: Config;
  /** A parsed export (header first), or null for the shipped sample round through the Form. */
  table: (readonly string[])[] | null;
  sample: (readonly string[])[];
  from?: string;
  to?: string;
  dateOrder: DateOrder;
  out: string;
  /** Write a biên bản per record in export mode (always on for the sample round). */
  minutes: boolean;
  /** Values the office types into `Cài đặt` before setup (label → value). */
  settings?: Record<string, string>;
  /** When the office runs setup again during the sample round (e.g. the day units change). */
  setupAgainAt?: number;
  say: (line: string) => void;
}

/** What the run produced. */
export interface PipelineResult {
  run: ScoreRun;
  files: string[];
  ws: Workspace;
  /** Report periods still queued at the end (a send failed; `Nhật ký` says why), `dd/mm/yyyy – dd/mm/yyyy`. */
  unsent: string[];
}

const OWNER = 'noivu@mydu.example';
const GOOGLE_DOC = 'application/vnd.google-apps.document';

/** Moves the virtual clock to `ms`, firing the daily reconcile (23:00) and the weekly report (Monday 07:00) on the way. */
function advanceTo(ws: Workspace, ms: number): void {
  for (;;) {
    const now = ws.clock.now();
    let next = nextClockEvent(now);
    // The queue's 5-minute trigger, when a submission left it work (its idle runs change nothing).
    const queued = QUEUE_DUE.get(ws);
    if (queued !== undefined && queued <= next.at) next = { at: queued, handler: 'runQueue' };
    if (next.at > ms) break;
    if (next.handler === 'runQueue') QUEUE_DUE.delete(ws);
    ws.clock.advance(Math.max(0, next.at - now));
    ws.fireClock(codeOf(ws), next.handler);
  }
  if (ms > ws.clock.now()) ws.clock.advance(ms - ws.clock.now());
}

// When the queue's trigger next runs with work to do: 5 minutes after a submission at most.
const QUEUE_DUE = new WeakMap<Workspace, number>();
const queueAfterSubmit = (ws: Workspace) => {
  if (!QUEUE_DUE.has(ws)) QUEUE_DUE.set(ws, ws.clock.now() + 5 * 60 * 1000);
};

// The bundle's code, kept beside each workspace so clock triggers can run it.
const CODE = new WeakMap<Workspace, string>();
const codeOf = (ws: Workspace) => CODE.get(ws) as string;

function nextClockEvent(now: number): { at: number; handler: string } {
  const day = new Date(now + 7 * 3600 * 1000).toISOString().slice(0, 10);
  const candidates: { at: number; handler: string }[] = [];
  for (let k = 0; k <= 7; k++) {
    const d = addDays(day, k);
    if (weekdayOf(d) === 1)
      candidates.push({ at: vnInstant(d, 7), handler: 'sendScheduledSummary' });
    candidates.push({ at: vnInstant(d, 23), handler: 'reconcile' });
  }
  return candidates.filter((c) => c.at > now).sort((a, b) => a.at - b.at)[0];
}

/**
 * A workspace with the bundle set up: the office's config written into the sheets first, with
 * `inspectors` (email, name, position) in `Cán bộ kiểm tra`.
 */
export function workspace(
  o: Pick<PipelineOptions, 'code' | 'config' | 'minutes' | 'settings'>,
  start: number,
  inspectors: string[][] = [],
): Workspace {
  const ws = createWorkspace({ start: new Date(start), user: OWNER, timeoutMs: 10 * 60 * 1000 });
  CODE.set(ws, o.code);
  const tables = defaultTables(o.config);
  tables.inspectors.push(...inspectors);
  if (!o.minutes) {
    const row = tables.settings.findIndex((r) => r[0] === 'Lập biên bản từng lần kiểm tra');
    tables.settings[row][1] = 'Không';
  }
  for (const [label, value] of Object.entries(o.settings ?? {})) {
    const row = tables.settings.find((r) => r[0] === label);
    if (row) row[1] = value;
  }
  writeConfigSheets(ws, tables);
  const message = String(ws.run(o.code, 'setup'));
  if (!message.startsWith('Thiết lập xong'))
    throw new InputError(message.replace(/\s*\n\s*/g, ' '));
  return ws;
}

/** The sample round through the Form: each record submitted at its time, one edited later, one event delivered twice. */
function sampleRound(o: PipelineOptions): Workspace {
  const [header, ...records] = o.sample;
  const map = mapColumns(header, o.config.checklist);
  if (!map) throw new Error('Đợt mẫu thiếu cột đơn vị.');
  const tsCol = map.roles.timestamp[0];
  const emailCol = map.roles.email[0];
  const dateCol = map.roles.date[0];
  const timed = records
    .map((values) => ({ values, at: parseTimestamp(values[tsCol] ?? '', 'dmy') ?? 0 }))
    .sort((a, b) => a.at - b.at);
  // The office lists its inspectors first, as setup asks (only they are scored).
  const ws = workspace(
    { ...o, minutes: true },
    timed[0].at - 3600 * 1000,
    senders(records, emailCol, map.roles.inspector[0]),
  );
  const formId = String(
    ws.log.uncounted(() => ws.PropertiesService.getScriptProperties().getProperty('formId')),
  );
  const units = indexUnits(o.config.units);
  let refused = 0;
  const ids = new Map<string, string>();
  let setupAgain = o.setupAgainAt;
  for (const { values, at } of timed) {
    if (setupAgain !== undefined && at >= setupAgain) {
      advanceTo(ws, setupAgain);
      o.say(`   Văn phòng chạy lại "Thiết lập": ${String(ws.run(o.code, 'setup')).split(':')[0]}.`);
      setupAgain = undefined;
    }
    advanceTo(ws, at);
    const answers: Record<string, string> = {};
    header.forEach((h, i) => {
      if (i === tsCol || i === emailCol || !values[i]) return;
      answers[h] = i === dateCol ? (parseDateAnswer(values[i], 'dmy') ?? values[i]) : values[i];
    });
    // On a phone the unit is picked from the list, so a name typed loosely arrives as the listed one.
    const unitTitle = header[map.roles.unit[0]];
    const picked = matchUnit(units, answers[unitTitle] ?? '', null);
    if (picked.ok) answers[unitTitle] = picked.unit.name;
    try {
      const { response } = ws.submit(o.code, formId, answers, { email: values[emailCol] });
      queueAfterSubmit(ws);
      ids.set(values[map.roles.unit[0]], response.getId());
    } catch (e) {
      refused++;
      const question = /"([^"]+)"/.exec((e as Error).message)?.[1] ?? '';
      o.say(
        `   Biểu mẫu từ chối phiếu của ${values[map.roles.unit[0]]}: câu trả lời cho "${question}" không hợp lệ hoặc bị bỏ trống.`,
      );
    }
  }
  o.say(
    `   ${timed.length - refused} phiếu được gửi qua Biểu mẫu, ${refused} phiếu bị Biểu mẫu từ chối (như trên điện thoại).`,
  );

  // The next morning an inspector corrects an answer; a trigger delivers one event twice.
  const edited = ids.get('Xã Bột Xuyên');
  if (edited) {
    advanceTo(ws, ws.clock.now() + 12 * 3600 * 1000);
    const title = o.config.checklist.criteria.find((c) => c.code === 'A5');
    if (title) ws.edit(o.code, edited, { [`A5. ${title.text}`]: 'Đạt' });
    queueAfterSubmit(ws);
    o.say(
      '   Trưởng đoàn sửa lại phiếu của Xã Bột Xuyên (A5: Đạt): dòng kết quả được cập nhật tại chỗ.',
    );
  }
  const again = ids.get('Xã Hợp Tiến');
  if (again) {
    const r = ws.FormApp._findResponse(again);
    if (r) ws.fireFormSubmitAgain(o.code, r);
    o.say('   Một sự kiện gửi phiếu bị phát hai lần: lần thứ hai không thay đổi gì.');
  }
  // The queue's run after the last submission: its biên bản, unit mail and dashboard.
  const last = QUEUE_DUE.get(ws);
  if (last !== undefined) advanceTo(ws, last);
  return ws;
}

/**
 * When a run over an export happens: the first morning after the period (07:00, Vietnam time), and
 * never before the last response was submitted, so the report is dated after what it covers.
 */
export function exportStart(
  table: (readonly string[])[],
  config: Config,
  dateOrder: DateOrder,
  periodEnd: string | null,
): number {
  const [header, ...records] = table;
  const map = mapColumns(header, config.checklist);
  let last = Number.NEGATIVE_INFINITY;
  for (const col of map?.roles.timestamp ?? [])
    for (const r of records) {
      const ms = parseTimestamp(r[col] ?? '', dateOrder);
      if (ms !== null && ms > last) last = ms;
    }
  const after = periodEnd ? vnInstant(addDays(periodEnd, 1), 7) : Number.NEGATIVE_INFINITY;
  const start = Math.max(after, last + 60_000);
  return Number.isFinite(start) ? start : Date.now();
}

// The `Cài đặt` row that tells the bundle how to read a date typed as text.
const DATE_ORDER_LABEL = 'Thứ tự ngày tháng';
const DATE_ORDER_VALUE: Record<DateOrder, string> = {
  dmy: 'Ngày/tháng/năm',
  mdy: 'Tháng/ngày/năm',
};

/**
 * An export's cells as a Google sheet can hold them: a cell over 50,000 characters is cut with a
 * visible mark (Sheets refuses more), and the run says which. The scoring and the bundle then read
 * the same cells.
 */
export function fitCells(
  table: (readonly string[])[],
  say: (line: string) => void,
): (readonly string[])[] {
  const cut: string[] = [];
  const out = table.map((values, r) => {
    if (!values.some((v) => v.length > SHEET_CELL_CHARS)) return values;
    return values.map((v, c) => {
      if (v.length <= SHEET_CELL_CHARS) return v;
      const column = quoteValue(table[0][c] ?? '', 60);
      cut.push(
        r === 0
          ? `tiêu đề cột ${c + 1} (${groupDigits(Array.from(v).length)} ký tự)`
          : `dòng ${r + 1}, cột ${column} (${groupDigits(Array.from(v).length)} ký tự)`,
      );
      return clipText(v, SHEET_CELL_CHARS);
    });
  });
  if (cut.length)
    say(
      `   Cảnh báo: ${cut.length} ô dài hơn ${groupDigits(SHEET_CELL_CHARS)} ký tự (giới hạn một ô Google Sheets) được cắt bớt khi nạp, có ghi dấu: ${cut.slice(0, 5).join('; ')}${cut.length > 5 ? `; … và ${cut.length - 5} ô khác` : ''}.`,
    );
  return out;
}

/** An export's records written into the response sheet in one batch, then processed as a backlog. */
function exportRound(o: PipelineOptions, table: (readonly string[])[], start: number): Workspace {
  const [header, ...records] = table;
  const map = mapColumns(header, o.config.checklist);
  if (!map) throw new InputError('Tệp không có cột "Đơn vị được kiểm tra": không thể chấm điểm.');
  // Dates left as text (not readable in the file's order) are read by the bundle in the same
  // order as here: one answer in results.json, the workbook and the report. The office scores its
  // own export: whoever the file names as sender is one of its inspectors.
  const ws = workspace(
    { ...o, settings: { ...o.settings, [DATE_ORDER_LABEL]: DATE_ORDER_VALUE[o.dateOrder] } },
    start,
    senders(records, map.roles.email[0], map.roles.inspector[0]),
  );
  const sheetName = String(
    ws.log.uncounted(() => ws.PropertiesService.getScriptProperties().getProperty('responseSheet')),
  );
  const tsCol = new Set(map.roles.timestamp);
  const dateCol = new Set(map.roles.date);
  ws.log.uncounted(() => {
    const sheet = ws.spreadsheet.getSheetByName(sheetName);
    if (!sheet) throw new Error('Thiếu trang câu trả lời.');
    sheet.clear();
    // What Google holds for such rows: timestamps and dates as date cells, the rest as typed text.
    sheet._googleWriteRow(1, [...header]);
    records.forEach((values, k) => {
      const row = header.map((_, i) => {
        const v = values[i] ?? '';
        if (tsCol.has(i)) {
          const ms = parseTimestamp(v, o.dateOrder);
          return ms === null ? v : new Date(ms);
        }
        if (dateCol.has(i)) {
          const iso = parseDateAnswer(v, o.dateOrder);
          return iso === null ? v : new Date(vnInstant(iso));
        }
        return v;
      });
      sheet._googleWriteRow(k + 2, row);
    });
  });
  ws.run(o.code, 'rebuildAll');
  // The biên bản are made by the queue's 5-minute trigger after the rebuild, a few per run.
  if (o.minutes) drainQueue(ws);
  return ws;
}

/**
 * The distinct senders of `records` as rows of `Cán bộ kiểm tra` (email, name, position), the
 * name and position read from a team leader's text such as `Nguyễn Thị Lan - Phó Trưởng phòng`.
 */
function senders(
  records: (readonly string[])[],
  emailCol: number | undefined,
  leaderCol: number | undefined,
): string[][] {
  const out = new Map<string, string[]>();
  if (emailCol === undefined) return [];
  for (const r of records) {
    const email = (r[emailCol] ?? '').trim().toLowerCase();
    if (!/^[^\s@,;]+@[^\s@,;]+\.[^\s@,;]+$/.test(email) || out.has(email)) continue;
    const [name, ...position] = (leaderCol === undefined ? '' : (r[leaderCol] ?? '')).split(' - ');
    out.set(email, [email, name.trim(), position.join(' - ').trim()]);
  }
  return [...out.values()];
}

/** Fires the queue's trigger every 5 virtual minutes until a run makes no more documents. */
function drainQueue(ws: Workspace): void {
  const docs = () =>
    ws.log.uncounted(() => ws.DriveApp._all().filter((i) => i.mimeType === GOOGLE_DOC).length);
  for (let before = -1; docs() !== before; ) {
    before = docs();
    ws.clock.advance(5 * 60 * 1000);
    ws.fireClock(codeOf(ws), 'runQueue');
  }
}

/** Text cells of the response sheet's form columns, as a CSV export would hold them. */
function responseTable(ws: Workspace): string[][] {
  const name = String(
    ws.log.uncounted(() => ws.PropertiesService.getScriptProperties().getProperty('responseSheet')),
  );
  return ws.log.uncounted(() => {
    const sheet = ws.spreadsheet.getSheetByName(name);
    const values = (sheet?.getDataRange().getValues() ?? []) as unknown[][];
    const header = values[0].map(String);
    const width = header.findIndex((h) => h.startsWith('[KTCV]'));
    const cut = width < 0 ? header.length : width;
    const text = (v: unknown, i: number): string => {
      if (v instanceof Date) {
        const p = new Date(v.getTime() + 7 * 3600 * 1000).toISOString();
        return i === 0 ? `${p.slice(0, 10)} ${p.slice(11, 19)}` : p.slice(0, 10);
      }
      return v === undefined || v === null ? '' : String(v);
    };
    return values.map((r, k) => (k === 0 ? header.slice(0, cut) : r.slice(0, cut).map(text)));
  });
}

// The dates a document's or message's name ends with (`21-02-2019`, `18-02-2019-den-24-02-2019`).
const DATE_TAIL = /(?:-\d{1,4}){2,3}(?:-den(?:-\d{1,4}){2,3})?$/;

/**
 * A file name from a title: ASCII letters and digits joined by `-`, at most 80 characters. A long
 * name is cut in its middle, never its date, so files stay distinct and sort by date.
 */
export function slug(s: string): string {
  const full = s
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/đ/g, 'd')
    .replace(/Đ/g, 'D')
    .replace(/[^A-Za-z0-9]+/g, '-')
    .replace(/^-|-$/g, '');
  if (full.length <= 80) return full;
  const tail = DATE_TAIL.exec(full)?.[0] ?? '';
  return full.slice(0, 80 - tail.length).replace(/-$/, '') + tail;
}

// Where the run notes the files it wrote, so a later run into the same folder replaces those
// and nothing else.
const MANIFEST = '.kiem-tra-cong-vu.json';

/** Checks `--out` before any work: a folder that is (or can be made) writable; one Vietnamese line otherwise. */
export function prepareOut(out: string): void {
  const full = resolve(out);
  const missing: string[] = [];
  let at = full;
  while (!existsSync(at)) {
    missing.unshift(at);
    const up = dirname(at);
    if (up === at) break;
    at = up;
  }
  try {
    if (!statSync(at).isDirectory())
      throw new InputError(`--out "${out}": "${at}" là một tệp, không phải thư mục.`);
    accessSync(at, constants.W_OK);
    // One level at a time: a recursive mkdir under a pseudo file system may never return.
    for (const dir of missing) mkdirSync(dir);
    for (const sub of ['van-ban', 'thu']) {
      const dir = join(full, sub);
      if (existsSync(dir) && !statSync(dir).isDirectory())
        throw new InputError(`--out "${out}": "${dir}" là một tệp, không phải thư mục.`);
      if (!existsSync(dir)) mkdirSync(dir);
    }
    // The two files every run writes: someone else's of the same name stops the run now, not
    // after it (the documents' names are known only at the end, and are checked then).
    const mine = writtenBefore(full);
    for (const name of ['results.json', 'workbook.xlsx'])
      if (existsSync(join(full, name)) && !mine.has(name))
        throw new InputError(
          `--out "${out}": đã có tệp ${join(out, name)} không do chương trình này ghi; hãy chọn thư mục khác (không ghi đè).`,
        );
    const probe = join(full, `${MANIFEST}.thu`);
    writeFileSync(probe, '');
    rmSync(probe);
  } catch (e) {
    if (e instanceof InputError) throw e;
    throw new InputError(
      `--out "${out}": không tạo hoặc ghi được vào thư mục này (${(e as NodeJS.ErrnoException).code ?? (e as Error).message}).`,
    );
  }
}

/**
 * Files an earlier run wrote into `out` (relative paths), from its manifest. The project's own
 * `out/` (git-ignored, the default) written by a version before the manifest: the files of the
 * names this program gives are taken as its own there, and only there.
 */
function writtenBefore(out: string): Set<string> {
  try {
    const list = JSON.parse(readFileSync(join(out, MANIFEST), 'utf8')) as unknown;
    return new Set(Array.isArray(list) ? list.filter((f) => typeof f === 'string') : []);
  } catch {
    if (resolve(out) !== resolve('out')) return new Set();
    const own = ['results.json', 'workbook.xlsx'].filter((f) => existsSync(join(out, f)));
    for (const [dir, ext] of [
      ['van-ban', '.docx'],
      ['thu', '.eml'],
    ])
      if (existsSync(join(out, dir)) && statSync(join(out, dir)).isDirectory())
        for (const f of readdirSync(join(out, dir)))
          if (f.endsWith(ext) && /^(Bao-cao|Bien-ban|\d\d-)/.test(f)) own.push(`${dir}/${f}`);
    return new Set(own);
  }
}

/** Response rows scored and still without a biên bản, read from the response sheet's state columns. */
function minutesMissing(ws: Workspace): { scored: number; missing: number } {
  return ws.log.uncounted(() => {
    const name = String(ws.PropertiesService.getScriptProperties().getProperty('responseSheet'));
    const values = (ws.spreadsheet.getSheetByName(name)?.getDataRange().getValues() ??
      []) as unknown[][];
    const header = (values[0] ?? []).map(String);
    const status = header.indexOf('[KTCV] Trạng thái');
    const minutes = header.indexOf('[KTCV] Biên bản');
    if (status < 0 || minutes < 0) return { scored: 0, missing: 0 };
    const scored = values.slice(1).filter((r) => r[status] === 'ok');
    return { scored: scored.length, missing: scored.filter((r) => r[minutes] === '').length };
  });
}

/** Runs everything and writes the files. */
export async function runPipeline(options: PipelineOptions): Promise<PipelineResult> {
  const t0 = Date.now();
  const took = () => `${((Date.now() - t0) / 1000).toFixed(1)} s`;
  prepareOut(options.out);
  options.say(
    options.table
      ? '1. Nạp tệp câu trả lời vào trang câu trả lời của biểu mẫu (giả lập)…'
      : '1. Thiết lập bảng tính và Biểu mẫu bằng bản dựng dist/Code.js trên trình giả lập…',
  );
  const o = options.table ? { ...options, table: fitCells(options.table, options.say) } : options;
  o.say(
    o.table
      ? '2. Chấm lại toàn bộ như khi xử lý phiếu tồn đọng (rebuildAll)…'
      : '2. Các đoàn gửi phiếu qua Biểu mẫu; trình kích hoạt chấm từng phiếu…',
  );
  const score = (table: (readonly string[])[]) =>
    scoreExport(table, o.config, {
      from: o.from,
      to: o.to,
      dateOrder: o.table ? o.dateOrder : 'dmy',
    });
  // An export is scored first: its period says when the run happens (the day after it).
  const early = o.table ? score(o.table) : null;
  const ws = o.table
    ? exportRound(
        o,
        o.table,
        exportStart(o.table, o.config, o.dateOrder, early?.aggregate.period.to ?? null),
      )
    : sampleRound(o);
  let run = early ?? score(responseTable(ws));
  const { from, to } = run.aggregate.period;

  if (o.table && o.minutes) {
    // The bundle makes a few biên bản per run (Apps Script's time limit); the daily reconcile
    // carries on. Locally the runs follow one another until every scored inspection has one.
    let { scored, missing } = minutesMissing(ws);
    for (let before = Number.POSITIVE_INFINITY; missing > 0 && missing < before; ) {
      before = missing;
      ws.run(o.code, 'reconcile');
      ({ scored, missing } = minutesMissing(ws));
    }
    o.say(
      missing === 0
        ? `   Đã lập biên bản cho cả ${scored} lần kiểm tra hợp lệ.`
        : `   Đã lập biên bản cho ${scored - missing}/${scored} lần kiểm tra hợp lệ; ${missing} lần chưa có biên bản (xem Nhật ký).`,
    );
  }

  o.say(`3. Gửi báo cáo cho lãnh đạo… (${took()})`);
  if (o.table) {
    if (from && to)
      ws.run(
        o.code,
        'sendReportNow',
        `${from.split('-').reverse().join('/')} - ${to.split('-').reverse().join('/')}`,
      );
  } else {
    const last =
      run.batch.inspections
        .map((i) => i.date)
        .sort()
        .pop() ?? '';
    let monday = addDays(last, 1);
    while (weekdayOf(monday) !== 1) monday = addDays(monday, 1);
    advanceTo(ws, vnInstant(monday, 7) + 60_000);
    // The corrective-action loop (loop-round.ts); its follow-up inspection counts in the results.
    playLoop(ws, o.code, o.config, o.say);
    run = scoreExport(responseTable(ws), o.config, { from: o.from, to: o.to, dateOrder: 'dmy' });
  }
  // The bundle logs what went wrong in its log sheet (it never lets an error escape a trigger).
  const logged = ws.log.uncounted(() => {
    const sheet = ws.spreadsheet.getSheetByName(SHEETS.log);
    return sheet
      ? (sheet.getDataRange().getValues() as unknown[][]).slice(1).filter((r) => r[1] !== '')
      : [];
  });
  for (const r of logged) o.say(`   Nhật ký: ${String(r[1])}: ${clipText(String(r[2]), 500)}`);
  // A report still queued at the end was not sent: the run must not end as if it had been.
  const unsent = ws.log.uncounted(() =>
    Object.keys(ws.PropertiesService.getScriptProperties().getProperties())
      .filter((k) => k.startsWith(QUEUE.report))
      .map((k) =>
        k
          .slice(QUEUE.report.length)
          .split('|')
          .map((d) => d.split('-').reverse().join('/'))
          .join(' – '),
      )
      .sort(),
  );

  o.say(`4. Ghi tệp vào ${o.out}/… (${took()})`);
  // Only what an earlier run wrote here is replaced or removed; anything else in the folder is
  // left alone, and a file of the same name that this program did not write stops the run.
  const before = writtenBefore(o.out);
  const plan: { path: string; data: () => Promise<Buffer | string> }[] = [];
  plan.push({
    path: join(o.out, 'results.json'),
    data: async () => `${JSON.stringify(run.results, null, 2)}\n`,
  });
  plan.push({ path: join(o.out, 'workbook.xlsx'), data: () => workbookToXlsx(ws.spreadsheet) });
  const names = new Set<string>();
  for (const f of snapshotDrive(ws.DriveApp).files.filter(
    (x) => x.mimeType === GOOGLE_DOC && !x.trashed,
  )) {
    const doc = ws.DocumentApp._open(f.id);
    if (!doc) continue;
    let name = slug(f.name);
    for (let k = 2; names.has(name); k++) name = `${slug(f.name)}-${k}`;
    names.add(name);
    plan.push({
      path: join(o.out, 'van-ban', `${name}.docx`),
      data: () => documentToDocx(snapshotDocument(doc, { saved: true })),
    });
  }
  const outbox = ws.MailApp._outbox();
  for (const [k, m] of outbox.entries())
    plan.push({
      path: join(
        o.out,
        'thu',
        `${String(k + 1).padStart(2, '0')}-${slug(m.subject.replace('[Kiểm tra công vụ] ', ''))}.eml`,
      ),
      data: () => messageToEml(m, OWNER),
    });
  const rel = (path: string) => relative(o.out, path).split(sep).join('/');
  const foreign = plan.find((f) => existsSync(f.path) && !before.has(rel(f.path)));
  if (foreign)
    throw new InputError(
      `--out "${o.out}": đã có tệp ${foreign.path} không do chương trình này ghi; hãy chọn thư mục khác (không ghi đè).`,
    );
  const now = new Set(plan.map((f) => rel(f.path)));
  for (const old of before)
    if (!now.has(old) && !old.split('/').includes('..')) rmSync(join(o.out, old), { force: true });
  // Noted before writing: a run stopped half way still owns what it wrote.
  writeFileSync(join(o.out, MANIFEST), `${JSON.stringify([...now], null, 1)}\n`);
  const files: string[] = [];
  for (const f of plan) {
    writeFileSync(f.path, await f.data());
    files.push(f.path);
  }
  o.say(`   Xong sau ${took()}.`);
  return { run, files, ws, unsent };
}

/** Reads the built bundle. */
export function readBundle(): string {
  try {
    return readFileSync('dist/Code.js', 'utf8');
  } catch {
    throw new InputError('Chưa có bản dựng dist/Code.js: hãy chạy "npm run build".');
  }
}

/**
 * Types the office's configuration into the config sheets, as text, before the first setup (what
 * an office does by hand; uncounted, since it is not the script's work).
 */
export function writeConfigSheets(ws: Workspace, tables: ReturnType<typeof defaultTables>): void {
  ws.log.uncounted(() => {
    const names: Record<string, string> = {
      settings: SHEETS.settings,
      criteria: SHEETS.criteria,
      tiers: SHEETS.tiers,
      units: SHEETS.units,
      inspectors: SHEETS.inspectors,
    };
    for (const [key, name] of Object.entries(names)) {
      const rows = tables[key as keyof typeof tables];
      const width = Math.max(...rows.map((r) => r.length));
      const sheet = ws.spreadsheet.insertSheet(name);
      sheet.getRange(1, 1, rows.length, width).setNumberFormat('@');
      sheet
        .getRange(1, 1, rows.length, width)
        .setValues(rows.map((r) => [...r, ...new Array(width - r.length).fill('')]));
    }
  });
}
