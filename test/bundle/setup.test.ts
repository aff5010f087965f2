// The bundle's shape and setup, as an office runs it from the workbook menu.

import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { createWorkspace } from '../../src/local/emulator/runtime';
import { CODE, rows, setUp, workbook } from './harness';

describe('the bundle', () => {
  test('entry points are top-level function declarations; no import, export or require', () => {
    for (const fn of ['onOpen', 'setup', 'handleFormSubmit', 'rebuildAll', 'reconcile'])
      expect(CODE).toMatch(new RegExp(`^function ${fn}\\(`, 'm'));
    expect(CODE).not.toMatch(/^\s*(import|export)\s/m);
    expect(CODE).not.toMatch(/\brequire\(/);
  });

  test('every function the entry module exports is a top-level function of the bundle', () => {
    const entry = readFileSync(join(__dirname, '../../src/gas/entry.ts'), 'utf8');
    const exported = [...entry.matchAll(/^export function (\w+)/gm)].map((m) => m[1]);
    expect(exported.length).toBeGreaterThan(5);
    for (const fn of exported)
      expect(CODE).toMatch(
        new RegExp(`^function ${fn}\\(e\\) \\{ return App\\.${fn}\\(e\\); \\}$`, 'm'),
      );
  });

  test('dist holds Code.js and the manifest: V8, Vietnam time, explicit scopes', () => {
    const manifest = JSON.parse(
      readFileSync(join(__dirname, '../../dist/appsscript.json'), 'utf8'),
    );
    expect(manifest).toMatchObject({ runtimeVersion: 'V8', timeZone: 'Asia/Ho_Chi_Minh' });
    expect(manifest.oauthScopes.length).toBeGreaterThan(0);
  });

  test('clasp would push exactly dist/Code.js and dist/appsscript.json', () => {
    const r = spawnSync(
      process.execPath,
      [join(__dirname, '../../node_modules/@google/clasp/build/src/index.js'), 'show-file-status'],
      {
        cwd: join(__dirname, '../..'),
        encoding: 'utf8',
      },
    );
    const tracked = r.stdout.split('Untracked files:')[0];
    expect(tracked.match(/dist\/\S+/g)?.sort()).toEqual(['dist/Code.js', 'dist/appsscript.json']);
  });
});

describe('opening the workbook', () => {
  test('onOpen adds the Vietnamese menu', () => {
    const ws = createWorkspace();
    ws.open(CODE);
    const menus = ws.SpreadsheetApp._menus();
    expect(JSON.stringify(menus)).toContain('Kiểm tra công vụ');
    expect(JSON.stringify(menus)).toContain('Thiết lập / cập nhật biểu mẫu');
  });
});

describe('setup', () => {
  test('creates config sheets with defaults, the form, derived sheets and four triggers', () => {
    const { ws, formId } = setUp();
    const names = ws.spreadsheet.getSheets().map((s) => s.getName());
    for (const n of [
      'Cài đặt',
      'Tiêu chí',
      'Xếp loại',
      'Đơn vị',
      'Cán bộ kiểm tra',
      'Tổng hợp',
      'Kết quả',
      'Tồn tại',
      'Cần xem lại',
      'Nhật ký',
    ])
      expect(names).toContain(n);
    expect(rows(ws, 'Đơn vị')).toHaveLength(22);
    const form = ws.FormApp.openById(formId);
    const titles = form.getItems().map((i) => i.getTitle());
    expect(titles.slice(0, 3)).toEqual(['Đơn vị được kiểm tra', 'Ngày kiểm tra', 'Trưởng đoàn']);
    expect(titles).toContain('A. Chấp hành thời giờ làm việc, kỷ luật, kỷ cương');
    expect(titles).toContain('N1. Tổng số cán bộ, công chức theo danh sách');
    expect(titles).toContain('C8. Công chức Bộ phận Một cửa có mặt tại vị trí làm việc');
    expect(titles).toContain('Ghi chú nhóm E');
    expect(form.collectsEmail()).toBe(true);
    const unit = form.getItems().find((i) => i.getTitle() === 'Đơn vị được kiểm tra');
    expect(
      unit
        ?.asListItem()
        .getChoices()
        .map((c) => c.getValue())[0],
    ).toBe('Xã An Mỹ');
    const triggers = ws.ScriptApp.getProjectTriggers().map(
      (t) => `${t.getHandlerFunction()}:${t.getEventType()}`,
    );
    expect(triggers.sort()).toEqual([
      'handleFormSubmit:ON_FORM_SUBMIT',
      'reconcile:CLOCK',
      'runQueue:CLOCK',
      'sendScheduledSummary:CLOCK',
    ]);
  });

  test('run again, changes nothing: no second form, sheet or trigger', () => {
    const { ws, formId } = setUp();
    const before = workbook(ws);
    const items = ws.FormApp.openById(formId).getItems().length;
    ws.run(CODE, 'setup');
    expect(ws.PropertiesService.getScriptProperties().getProperty('formId')).toBe(formId);
    expect(ws.FormApp._all()).toHaveLength(1);
    expect(ws.FormApp.openById(formId).getItems().length).toBe(items);
    expect(ws.ScriptApp.getProjectTriggers()).toHaveLength(4);
    expect(workbook(ws)).toEqual(before);
  });

  test('after the office edits the checklist, the form is updated in place', () => {
    const { ws, formId } = setUp();
    ws.log.uncounted(() => {
      const sheet = ws.spreadsheet.getSheetByName('Tiêu chí');
      if (!sheet) throw new Error('no sheet');
      const values = sheet.getDataRange().getValues();
      const b2 = values.findIndex((r) => r[0] === 'B2');
      sheet.getRange(b2 + 1, 3).setValue('Có biển tên, chức danh rõ ràng tại bàn làm việc');
      sheet.appendRow(['E4', 'E', 'Có sổ góp ý của công dân', 'Đạt/Không đạt', '', 2, '']);
    });
    ws.run(CODE, 'setup');
    const titles = ws.FormApp.openById(formId)
      .getItems()
      .map((i) => i.getTitle());
    expect(ws.FormApp._all()).toHaveLength(1);
    expect(titles).toContain('B2. Có biển tên, chức danh rõ ràng tại bàn làm việc');
    expect(titles).not.toContain('B2. Có biển tên, chức danh tại bàn làm việc');
    expect(titles.indexOf('E4. Có sổ góp ý của công dân')).toBe(
      titles.indexOf('Ghi chú nhóm E') - 1,
    );
  });

  test('an invalid config is refused with every problem listed, and no form is built', () => {
    const ws = createWorkspace();
    ws.run(CODE, 'setup');
    ws.log.uncounted(() => {
      const sheet = ws.spreadsheet.getSheetByName('Tiêu chí');
      if (!sheet) throw new Error('no sheet');
      const values = sheet.getDataRange().getValues();
      const a1 = values.findIndex((r) => r[0] === 'A1');
      sheet.getRange(a1 + 1, 6).setValue(0);
      sheet.getRange(a1 + 3, 4).setValue('Thang 10');
    });
    const message = String(ws.run(CODE, 'checkConfig'));
    expect(message).toMatch(/A1.*số dương.*0/);
    expect(message).toContain('"Thang 10"');
    const alerts = JSON.stringify(ws.SpreadsheetApp._alerts());
    expect(alerts).toContain('Thang 10');
  });

  test('setup refuses an invalid config before building anything', () => {
    const ws = createWorkspace();
    ws.log.uncounted(() => {
      const sheet = ws.spreadsheet.insertSheet('Xếp loại');
      sheet.getRange(1, 1, 3, 3).setValues([
        ['Xếp loại', 'Điểm từ', 'Mức trần'],
        ['Tốt', 50, ''],
        ['Xuất sắc', 90, ''],
      ]);
    });
    const message = String(ws.run(CODE, 'setup'));
    expect(message).toContain('Chưa thiết lập được');
    expect(message).toMatch(/giảm dần/);
    expect(ws.FormApp._all()).toHaveLength(0);
    expect(ws.ScriptApp.getProjectTriggers()).toHaveLength(0);
  });
});
