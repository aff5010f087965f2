// The corrective-action loop played on the sample round: units report fixes, the office confirms one, deadlines pass with reminders, a follow-up inspection closes one finding and finds a repeat.

import { addDays, formatDmy, vnDateOf, vnInstant } from '../core/dates';
import type { Config } from '../core/types';
import { criterionChoices } from '../gas/fix-form';
import { ACTION_COL, FIX_TITLES, LOOP_HANDLERS, LOOP_SHEETS } from '../gas/loop-names';
import { SHEETS } from '../gas/names';
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

/**
 * Plays the loop after the sample round: every unit gets an address for its results and
 * reminders; two units report fixes through the second Form; the office confirms one; the days
 * pass to the deadlines (daily run: overdue, one reminder per deadline); a follow-up inspection of
 * the unit with the most open findings passes one and fails another again.
 */
export function playLoop(
  ws: Workspace,
  code: string,
  config: Config,
  say: (line: string) => void,
): void {
  say('3b. Vòng khắc phục: đơn vị báo cáo, văn phòng xác nhận, hết hạn, nhắc hạn, kiểm tra lại…');
  // Units receive their results and reminders from now on.
  ws.log.uncounted(() => {
    const settings = ws.spreadsheet.getSheetByName(SHEETS.settings);
    const sv = settings?.getDataRange().getValues() ?? [];
    const at = sv.findIndex((r) => r[0] === 'Gửi kết quả cho từng đơn vị');
    if (at >= 0) settings?.getRange(at + 1, 2).setValue('Có');
    const units = ws.spreadsheet.getSheetByName(SHEETS.units);
    const uv = units?.getDataRange().getValues() ?? [];
    for (let i = 1; i < uv.length; i++)
      if (uv[i][0] !== '')
        units?.getRange(i + 1, 6).setValue(`ubnd.${slugOf(String(uv[i][1]))}@mydu.example`);
  });
  ws.run(code, 'checkConfig');

  const actions = sheetRows(ws, LOOP_SHEETS.actions)
    .slice(1)
    .filter((r) => r[ACTION_COL.key - 1] !== '' && r[ACTION_COL.status - 1] !== '');
  const byUnit = new Map<string, Row[]>();
  for (const r of actions) {
    const unit = String(r[0]);
    byUnit.set(unit, [...(byUnit.get(unit) ?? []), r]);
  }
  const ordered = [...byUnit].sort((a, b) => b[1].length - a[1].length);
  if (ordered.length < 3) {
    say('   Đợt mẫu có quá ít tồn tại để chạy vòng khắc phục.');
    return;
  }
  const [follow, confirmed, reported] = ordered;
  const fixFormId = prop(ws, 'fixFormId');
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
      { email: `vanphong.${slugOf(unit)}@mydu.example` },
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

  // Follow-up inspection: the first finding passes now, the second is found again.
  const [pass, fail] = follow[1];
  const criteria = new Map(config.checklist.criteria.map((c) => [c.code, c]));
  const failAgain = (code: string): string =>
    criteria.get(code)?.type === 'count' ? '1' : 'Không đạt';
  const inspector = String(sheetRows(ws, SHEETS.results)[1]?.[7] ?? '');
  const formId = prop(ws, 'formId');
  const date = vnDateOf(ws.clock.now());
  ws.submit(
    code,
    formId,
    formAnswers(config.checklist, {
      unit: follow[0],
      date,
      ...(fail ? { [String(fail[1])]: failAgain(String(fail[1])) } : {}),
    }),
    { email: inspector },
  );
  say(
    `   Kiểm tra lại ${follow[0]} ngày ${formatDmy(date)}: ${String(pass[1])} đã đạt (tự đóng)${fail ? `, ${String(fail[1])} tái phạm` : ''}.`,
  );
  say(`   Trang Khắc phục: ${statusLine(ws)}.`);
}
