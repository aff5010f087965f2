// The corrective-action loop played on a sample round, from its own units and findings: units report fixes, the office confirms one, deadlines pass with reminders, a follow-up inspection closes a finding and finds a repeat.

import { criterionChoices, STATUS } from '../core/actions';
import { itemTitle } from '../core/checklist';
import { addDays, formatDmy, vnDateOf, vnInstant } from '../core/dates';
import {
  ACTION_COL,
  ACTION_HEADERS,
  FIX_TITLES,
  LOOP_HANDLERS,
  LOOP_SHEETS,
} from '../core/loop-names';
import { LEADER_TITLE, SHEETS, UNIT_TITLE } from '../core/names';
import type { Config } from '../core/types';
import { indexUnits, matchUnit } from '../core/units';
import type { Workspace } from './emulator/runtime';
import { formAnswers } from './respondent';

type Row = unknown[];

const slugOf = (name: string) =>
  name
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/đ/g, 'd')
    .replace(/Đ/g, 'D')
    .replace(/^(Xa|Thi tran|Phuong)\s+/i, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '');

function sheetRows(ws: Workspace, name: string): Row[] {
  return ws.log.uncounted(() => {
    const sheet = ws.spreadsheet.getSheetByName(name);
    return sheet ? (sheet.getDataRange().getValues() as Row[]) : [];
  });
}

const prop = (ws: Workspace, key: string) =>
  String(ws.log.uncounted(() => ws.PropertiesService.getScriptProperties().getProperty(key)) ?? '');

/** Moves the clock to 07:00 of each day up to `ms`, running the daily loop on the way. */
function daysTo(ws: Workspace, code: string, ms: number): void {
  for (;;) {
    const today = vnDateOf(ws.clock.now());
    let next = vnInstant(today, 7);
    if (next <= ws.clock.now()) next = vnInstant(addDays(today, 1), 7);
    if (next > ms) break;
    ws.clock.advance(next - ws.clock.now());
    ws.fireClock(code, LOOP_HANDLERS.daily);
  }
  if (ms > ws.clock.now()) ws.clock.advance(ms - ws.clock.now());
}

/** Status counts of the actions sheet, in words. */
function statusLine(ws: Workspace): string {
  const counts = new Map<string, number>();
  for (const r of sheetRows(ws, LOOP_SHEETS.actions).slice(1)) {
    const s = String(r[ACTION_COL.status - 1] ?? '');
    if (s) counts.set(s, (counts.get(s) ?? 0) + 1);
  }
  return [...counts].map(([s, n]) => `${n} ${s}`).join(', ');
}

/** The office's mail domain (from `Email văn phòng`), for the invented addresses of units. */
function officeDomain(ws: Workspace): string {
  const row = sheetRows(ws, SHEETS.settings).find((r) => r[0] === 'Email văn phòng');
  return /@([^\s,;]+)/.exec(String(row?.[1] ?? ''))?.[1] ?? 'example.org';
}

/**
 * The units the fix-report form offers now, each with the code the bundle reads it as on `today`
 * (a unit ended by a reform is no longer offered; its findings stay under its old code).
 */
function offeredUnits(ws: Workspace, fixFormId: string, config: Config, today: string) {
  const index = indexUnits(config.units);
  const names = ws.log.uncounted(() => {
    const item = ws.FormApp._open(fixFormId)
      ?.getItems()
      .find((i) => i.getTitle() === FIX_TITLES.unit);
    return item
      ? item
          .asListItem()
          .getChoices()
          .map((c) => c.getValue())
      : [];
  });
  const offered = new Map<string, string>();
  for (const name of names) {
    const m = matchUnit(index, name, today);
    if (m.ok) offered.set(name, m.unit.code);
  }
  return offered;
}

/** The answers of the unit's latest inspection through the form (leader, bases, inspector), or null. */
function lastInspection(ws: Workspace, formId: string, unitTitle: string, unit: string) {
  return ws.log.uncounted(() => {
    const responses = ws.FormApp._open(formId)?.getResponses() ?? [];
    for (const r of [...responses].reverse()) {
      const answers = new Map(
        r.getItemResponses().map((i) => [i.getItem().getTitle(), String(i.getResponse())]),
      );
      if (answers.get(unitTitle) === unit) return { answers, email: r.getRespondentEmail() };
    }
    return null;
  });
}

/**
 * Plays the loop after the sample round, from the round's own units and findings: every unit gets
 * an address for its results and reminders; of the findings still waiting for a unit the fix-report
 * form offers today, two units report one each through the second Form; the office confirms one;
 * the days pass to the deadlines (daily run: overdue, one reminder per deadline); a follow-up
 * inspection of the unit with the most such findings passes one and, when it has another, fails
 * that one again.
 */
export function playLoop(
  ws: Workspace,
  code: string,
  config: Config,
  say: (line: string) => void,
): void {
  say('3b. Vòng khắc phục: đơn vị báo cáo, văn phòng xác nhận, hết hạn, nhắc hạn, kiểm tra lại…');
  const domain = officeDomain(ws);
  // Units receive their results and reminders from now on (one write for the address column).
  ws.log.uncounted(() => {
    const settings = ws.spreadsheet.getSheetByName(SHEETS.settings);
    const sv = settings?.getDataRange().getValues() ?? [];
    const at = sv.findIndex((r) => r[0] === 'Gửi kết quả cho từng đơn vị');
    if (at >= 0) settings?.getRange(at + 1, 2).setValue('Có');
    const units = ws.spreadsheet.getSheetByName(SHEETS.units);
    const uv = units?.getDataRange().getValues() ?? [];
    if (units && uv.length > 1)
      units
        .getRange(2, 6, uv.length - 1, 1)
        .setValues(
          uv
            .slice(1)
            .map((r) => [r[0] !== '' ? `ubnd.${slugOf(String(r[1]))}@${domain}` : (r[5] ?? '')]),
        );
  });
  ws.run(code, 'checkConfig');

  const today = vnDateOf(ws.clock.now());
  const fixFormId = prop(ws, 'fixFormId');
  const offered = offeredUnits(ws, fixFormId, config, today);
  const codeCol = ACTION_HEADERS.indexOf('Mã đơn vị');
  const actions = sheetRows(ws, LOOP_SHEETS.actions)
    .slice(1)
    .filter((r) => r[ACTION_COL.key - 1] !== '' && r[ACTION_COL.status - 1] !== '');
  // What a unit can still report: an open or overdue finding, under a name the form offers with
  // the same code (after the 2025 reform an old commune's findings are no longer reportable).
  const waiting = actions.filter(
    (r) =>
      (r[ACTION_COL.status - 1] === STATUS.open || r[ACTION_COL.status - 1] === STATUS.overdue) &&
      offered.get(String(r[0])) === String(r[codeCol]),
  );
  const byUnit = new Map<string, Row[]>();
  for (const r of waiting) {
    const unit = String(r[0]);
    byUnit.set(unit, [...(byUnit.get(unit) ?? []), r]);
  }
  const ordered = [...byUnit].sort((a, b) => b[1].length - a[1].length);
  if (ordered.length < 3) {
    say(
      '   Đợt mẫu có dưới ba đơn vị còn tồn tại chưa khắc phục để chạy vòng khắc phục; bỏ qua bước này.',
    );
    return;
  }
  const [follow, confirmed, reported] = ordered;
  const choice = (criterion: string) =>
    criterionChoices(config).find((c) => c.startsWith(`${criterion}.`)) ?? criterion;
  const report = (unit: string, r: Row, done: string) =>
    ws.submit(
      code,
      fixFormId,
      {
        [FIX_TITLES.unit]: unit,
        [FIX_TITLES.criterion]: choice(String(r[1])),
        [FIX_TITLES.done]: done,
        [FIX_TITLES.evidence]: `https://drive.example/${slugOf(unit)}/${String(r[1]).toLowerCase()}`,
      },
      { email: `vanphong.${slugOf(unit)}@${domain}` },
    );

  const start = ws.clock.now();
  const mails = ws.MailApp._outbox().length;
  daysTo(ws, code, start + 2 * 3600 * 1000);
  report(
    confirmed[0],
    confirmed[1][0],
    'Đã chấn chỉnh, lập sổ theo dõi và phân công người chịu trách nhiệm.',
  );
  report(reported[0], reported[1][0], 'Đã khắc phục, gửi ảnh chụp sau khi khắc phục.');
  say(
    `   ${confirmed[0]} và ${reported[0]} báo cáo khắc phục ${confirmed[1][0][1]} và ${reported[1][0][1]} qua biểu mẫu thứ hai.`,
  );

  daysTo(ws, code, ws.clock.now() + 24 * 3600 * 1000);
  const key = String(confirmed[1][0][ACTION_COL.key - 1]);
  const row =
    sheetRows(ws, LOOP_SHEETS.actions).findIndex((r) => r[ACTION_COL.key - 1] === key) + 1;
  ws.userEdit(code, LOOP_SHEETS.actions, `K${row}`, 'Đã khắc phục');
  ws.userEdit(code, LOOP_SHEETS.actions, `L${row}`, 'Đã xem ảnh minh chứng.');
  say(
    `   Văn phòng xác nhận ${confirmed[0]} đã khắc phục ${confirmed[1][0][1]} (ô của văn phòng, onEdit).`,
  );

  // The days pass to just after the latest deadline: overdue, reminders once per deadline.
  const latest = actions
    .map((r) => r[4])
    .filter((d): d is Date => d instanceof Date)
    .reduce((m, d) => Math.max(m, d.getTime()), 0);
  daysTo(ws, code, latest + 2 * 24 * 3600 * 1000 + 8 * 3600 * 1000);
  const reminders = ws.MailApp._outbox()
    .slice(mails)
    .filter((m) => m.subject.includes('hạn khắc phục'));
  say(
    `   Đến ${formatDmy(vnDateOf(ws.clock.now()))}: ${reminders.length} thư nhắc hạn khắc phục (mỗi hạn một lần).`,
  );

  // Follow-up inspection by the team that inspected the unit last, with the unit's own figures:
  // the first finding passes now, the second (if any) is found again.
  const [pass, fail] = follow[1];
  const criteria = new Map(config.checklist.criteria.map((c) => [c.code, c]));
  const failAgain = (code: string): string =>
    criteria.get(code)?.type === 'count' ? '1' : 'Không đạt';
  const formId = prop(ws, 'formId');
  const last = lastInspection(ws, formId, UNIT_TITLE, follow[0]);
  const bases: Record<string, string> = {};
  for (const b of config.checklist.bases) {
    const value = last?.answers.get(itemTitle(b.code, b.title));
    if (value) bases[b.code] = value;
  }
  const leader = last?.answers.get(LEADER_TITLE);
  const inspector = last?.email || String(sheetRows(ws, SHEETS.results)[1]?.[7] ?? '');
  const date = vnDateOf(ws.clock.now());
  ws.submit(
    code,
    formId,
    formAnswers(config.checklist, {
      unit: follow[0],
      date,
      ...(leader ? { leader } : {}),
      ...bases,
      ...(fail ? { [String(fail[1])]: failAgain(String(fail[1])) } : {}),
    }),
    { email: inspector },
  );
  // The queue's next run (within 5 minutes): its biên bản, unit mail and the actions.
  ws.clock.advance(5 * 60 * 1000);
  ws.fireClock(code, 'runQueue');
  say(
    `   Kiểm tra lại ${follow[0]} ngày ${formatDmy(date)}: ${String(pass[1])} đã đạt (tự đóng)${fail ? `, ${String(fail[1])} tái phạm` : ''}.`,
  );
  say(`   Trang Khắc phục: ${statusLine(ws)}.`);
}
