// Drives the built bundle (dist/Code.js) in the emulator as a user would: helpers shared by the bundle tests.

import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { DEFAULT_CONFIG } from '../../src/core/config';
import { snapshotDrive } from '../../src/local/emulator/drive';
import {
  createWorkspace,
  type Workspace,
  type WorkspaceOptions,
} from '../../src/local/emulator/runtime';
import { formAnswers } from '../../src/local/respondent';

/** The bundle: dist/Code.js, or the instrumented copy `npm run coverage` names. */
export const CODE = readFileSync(
  process.env.KTCV_BUNDLE ?? join(__dirname, '../../dist/Code.js'),
  'utf8',
);

type Cell = string | number | boolean | Date;

/** A workspace with the bundle set up (setup run once from the menu). */
export function setUp(options: WorkspaceOptions = {}): { ws: Workspace; formId: string } {
  const ws = createWorkspace({ start: new Date('2019-02-18T01:00:00Z'), ...options });
  ws.run(CODE, 'setup');
  const formId = String(ws.PropertiesService.getScriptProperties().getProperty('formId'));
  return { ws, formId };
}

/** Answers by form title: all compliant for Xã Hợp Tiến on 2019-02-21 (N1 = 20, N2 = 10), overridden by `set`. */
export function answers(set: Record<string, string> = {}): Record<string, string> {
  return formAnswers(DEFAULT_CONFIG.checklist, { N2: '10', ...set });
}

/** Every row below the header of a sheet, read without counting calls. */
export function rows(ws: Workspace, name: string): Cell[][] {
  return ws.log.uncounted(() => {
    const sheet = ws.spreadsheet.getSheetByName(name);
    if (!sheet) throw new Error(`no sheet ${name}`);
    const values = sheet.getDataRange().getValues() as Cell[][];
    return values.slice(1).filter((r) => r.some((c) => c !== ''));
  });
}

// The dashboard says when it was last refreshed: a time, not data, so comparisons leave it out.
const REFRESHED = / · cập nhật \d{2}\/\d{2}\/\d{4} \d{2}:\d{2}$/;

/** A cell without the refresh time the dashboard and `Tổng hợp` carry (a time, not data). */
export const unstamped = (c: Cell): Cell => (typeof c === 'string' ? c.replace(REFRESHED, '') : c);

/** Every sheet's values (for before/after comparisons, the refresh time left out), read without counting calls. */
export function workbook(ws: Workspace): Record<string, Cell[][]> {
  return ws.log.uncounted(() => {
    const out: Record<string, Cell[][]> = {};
    for (const sheet of ws.spreadsheet.getSheets())
      out[sheet.getName()] = (sheet.getDataRange().getValues() as Cell[][])
        .filter((r) => r.some((c) => c !== ''))
        .map((r) => r.map(unstamped));
    return out;
  });
}

/** The name of the form's response sheet. */
export function responseSheet(ws: Workspace): string {
  return String(ws.PropertiesService.getScriptProperties().getProperty('responseSheet'));
}

/**
 * Moves the clock to the next time the `handler` time trigger fires (now if it is due) and fires
 * it, as Google would: a clock trigger runs on its schedule, not when a test asks.
 */
export function runDue(ws: Workspace, handler: string): void {
  const trigger = ws.ScriptApp._all().find((t) => t.handler === handler && t.eventType === 'CLOCK');
  if (!trigger) throw new Error(`no time trigger for ${handler}`);
  const now = ws.clock.now();
  if (!ws.ScriptApp._due(trigger, now)) {
    const next = ws.ScriptApp._nextFire(trigger, Math.max(now, trigger.lastFired ?? 0));
    if (next === null) throw new Error(`${handler} will not fire again`);
    ws.clock.set(next);
  }
  const runs = ws.fireClock(CODE, handler);
  if (runs.length === 0) throw new Error(`${handler} did not fire`);
}

/** The unit result emails sent so far. */
export const unitMails = (ws: Workspace) =>
  ws.MailApp._outbox().filter((m) => m.subject.includes('Kết quả kiểm tra tại'));

/** The biên bản documents in Drive. */
export const minutesDocs = (ws: Workspace) =>
  snapshotDrive(ws.DriveApp).files.filter(
    (f) => f.mimeType === 'application/vnd.google-apps.document' && f.name.startsWith('Biên bản'),
  );

/** Types a value into the settings sheet, as the office would (uncounted). */
export function setSetting(ws: Workspace, label: string, value: string): void {
  ws.log.uncounted(() => {
    const sheet = ws.spreadsheet.getSheetByName('Cài đặt');
    const values = sheet?.getDataRange().getValues() ?? [];
    sheet?.getRange(values.findIndex((x) => x[0] === label) + 1, 2).setValue(value);
  });
}
