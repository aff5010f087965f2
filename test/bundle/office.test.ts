// Who the office is, through the bundle: Cài đặt names the level and province, setup fills the 2025 units and the document headers, history crosses the reform.

import { createWorkspace, type Workspace } from '../../src/local/emulator/runtime';
import { CODE, rows } from './harness';

type Cell = string | number | boolean | Date;

/** Types values into `Cài đặt` by label, as the office does (not counted). */
function typeSettings(ws: Workspace, values: Record<string, string>): void {
  ws.log.uncounted(() => {
    const sheet = ws.spreadsheet.getSheetByName('Cài đặt');
    if (!sheet) throw new Error('no settings sheet');
    const all = sheet.getDataRange().getValues() as Cell[][];
    for (const [label, value] of Object.entries(values)) {
      const i = all.findIndex((r) => r[0] === label);
      if (i < 0) throw new Error(`no setting ${label}`);
      sheet.getRange(i + 1, 2).setValue(value);
    }
  });
}

const setting = (ws: Workspace, label: string) =>
  rows(ws, 'Cài đặt').find((r) => r[0] === label)?.[1];

function unitItem(ws: Workspace) {
  const formId = String(ws.PropertiesService.getScriptProperties().getProperty('formId'));
  const item = ws.FormApp.openById(formId)
    .getItems()
    .find((i) => i.getTitle() === 'Đơn vị được kiểm tra');
  if (!item) throw new Error('no unit item');
  return item;
}

describe('a province office after the reform', () => {
  test('Hà Nội: setup fills the 126 units with official codes, the Sở Nội vụ header, and a dropdown', () => {
    const ws = createWorkspace({ start: new Date('2025-09-01T02:00:00Z') });
    ws.run(CODE, 'setup');
    typeSettings(ws, { 'Cấp cơ quan': 'Tỉnh', 'Tỉnh, thành phố': 'Hà Nội' });
    const message = String(ws.run(CODE, 'setup'));
    expect(message).toMatch(/^Thiết lập xong/);
    expect(message).toContain('điền 126 đơn vị của Thành phố Hà Nội');
    const units = rows(ws, 'Đơn vị');
    expect(units).toHaveLength(126);
    expect(units[0].slice(0, 5)).toEqual(['00070', 'Phường Hoàn Kiếm', '', '01/07/2025', '']);
    expect(units.filter((r) => String(r[1]).startsWith('Phường '))).toHaveLength(51);
    expect(units.filter((r) => String(r[1]).startsWith('Xã '))).toHaveLength(75);
    expect(setting(ws, 'Cơ quan chủ quản')).toBe('UBND THÀNH PHỐ HÀ NỘI');
    expect(setting(ws, 'Cơ quan ban hành')).toBe('SỞ NỘI VỤ');
    expect(setting(ws, 'Địa danh')).toBe('Hà Nội');
    expect(setting(ws, 'Thẩm quyền ký')).toBe('KT. GIÁM ĐỐC');
    expect(setting(ws, 'Chức vụ người ký')).toBe('PHÓ GIÁM ĐỐC');
    const item = unitItem(ws);
    expect(String(item.getType())).toBe('LIST');
    const choices = item
      .asListItem()
      .getChoices()
      .map((c) => c.getValue());
    expect(choices).toHaveLength(126);
    expect(choices.slice(0, 3)).toEqual(['Xã An Khánh', 'Phường Ba Đình', 'Xã Ba Vì']);
    expect(item.getHelpText()).toMatch(/^Chọn trong danh sách 126 đơn vị, xếp theo tên riêng/);
    expect(String(ws.run(CODE, 'checkConfig'))).toContain('126 đơn vị');
  });

  test("run again after the office's own edits: nothing it changed is overwritten", () => {
    const ws = createWorkspace({ start: new Date('2025-09-01T02:00:00Z') });
    ws.run(CODE, 'setup');
    typeSettings(ws, { 'Cấp cơ quan': '1', 'Tỉnh, thành phố': 'ha noi' });
    ws.run(CODE, 'setup');
    typeSettings(ws, { 'Địa danh': 'Thủ đô Hà Nội' });
    ws.log.uncounted(() =>
      ws.spreadsheet.getSheetByName('Đơn vị')?.getRange(2, 3).setValue('Hoàn Kiếm cũ'),
    );
    const message = String(ws.run(CODE, 'setup'));
    expect(message).not.toContain('điền');
    expect(setting(ws, 'Địa danh')).toBe('Thủ đô Hà Nội');
    expect(rows(ws, 'Đơn vị')[0][2]).toBe('Hoàn Kiếm cũ');
    expect(rows(ws, 'Đơn vị')).toHaveLength(126);
  });

  test('a commune inspects its own departments: four radio buttons, its own header', () => {
    const ws = createWorkspace({ start: new Date('2025-09-01T02:00:00Z') });
    ws.run(CODE, 'setup');
    typeSettings(ws, {
      'Cấp cơ quan': 'Xã',
      'Tỉnh, thành phố': 'Hà Nội',
      'Xã, phường, đặc khu': 'Hồng Sơn',
    });
    expect(String(ws.run(CODE, 'setup'))).toContain('điền 4 đơn vị (các phòng của Xã Hồng Sơn)');
    expect(rows(ws, 'Đơn vị').map((r) => r[1])).toEqual([
      'Văn phòng HĐND và UBND',
      'Phòng Kinh tế',
      'Phòng Văn hóa - Xã hội',
      'Trung tâm Phục vụ hành chính công',
    ]);
    expect(setting(ws, 'Cơ quan chủ quản')).toBe('');
    expect(setting(ws, 'Cơ quan ban hành')).toBe('ỦY BAN NHÂN DÂN XÃ HỒNG SƠN');
    expect(setting(ws, 'Địa danh')).toBe('Hồng Sơn');
    const item = unitItem(ws);
    expect(String(item.getType())).toBe('MULTIPLE_CHOICE');
    expect(item.asMultipleChoiceItem().getChoices()).toHaveLength(4);
  });

  test('a setting the office cannot have meant is refused, naming it', () => {
    const ws = createWorkspace({ start: new Date('2025-09-01T02:00:00Z') });
    ws.run(CODE, 'setup');
    typeSettings(ws, { 'Cấp cơ quan': 'Huyện', 'Tỉnh, thành phố': 'Hà Tây' });
    const message = String(ws.run(CODE, 'setup'));
    expect(message).toContain('"Cấp cơ quan" chỉ nhận Tỉnh hoặc Xã, nhận được "Huyện".');
    expect(message).toContain('Không tìm thấy tỉnh, thành phố "Hà Tây"');
    expect(rows(ws, 'Đơn vị')).toHaveLength(22);
  });
});

describe('a workbook set up before these settings existed', () => {
  test('setup adds the missing rows to Cài đặt, and the office can then name itself there', () => {
    const ws = createWorkspace({ start: new Date('2025-09-01T02:00:00Z') });
    ws.run(CODE, 'setup');
    const newer = [
      'Tên gọi các đơn vị được kiểm tra',
      'Đối tượng kiểm tra (tên báo cáo)',
      'Cấp cơ quan',
      'Tỉnh, thành phố',
      'Xã, phường, đặc khu',
    ];
    ws.log.uncounted(() => {
      const sheet = ws.spreadsheet.getSheetByName('Cài đặt');
      if (!sheet) throw new Error('no settings sheet');
      const all = sheet.getDataRange().getValues() as Cell[][];
      const kept = all.filter((r) => !newer.includes(String(r[0])));
      sheet.clearContents();
      sheet.getRange(1, 1, kept.length, 3).setValues(kept);
    });
    expect(String(ws.run(CODE, 'setup'))).toContain('thêm 5 mục vào trang "Cài đặt"');
    expect(
      rows(ws, 'Cài đặt')
        .slice(-5)
        .map((r) => [r[0], r[1]]),
    ).toEqual([
      ['Tên gọi các đơn vị được kiểm tra', 'xã, thị trấn'],
      ['Đối tượng kiểm tra (tên báo cáo)', 'UBND các xã, thị trấn'],
      ['Cấp cơ quan', ''],
      ['Tỉnh, thành phố', ''],
      ['Xã, phường, đặc khu', ''],
    ]);
    typeSettings(ws, { 'Cấp cơ quan': 'Tỉnh', 'Tỉnh, thành phố': 'Cao Bằng' });
    const message = String(ws.run(CODE, 'setup'));
    expect(message).toContain('điền 56 đơn vị của Tỉnh Cao Bằng');
    expect(message).not.toContain('thêm 5 mục');
    expect(setting(ws, 'Cơ quan chủ quản')).toBe('UBND TỈNH CAO BẰNG');
    expect(setting(ws, 'Tên gọi các đơn vị được kiểm tra')).toBe('xã, phường');
  });
});

describe('history across the reform', () => {
  test("an office's own list is kept and carried across; a stale Form's old name is scored as its successor with a warning", () => {
    // June 2025: the office's own list (the Mỹ Đức communes of 2025, an email added).
    const ws = createWorkspace({
      start: new Date('2025-06-20T02:00:00Z'),
    });
    ws.run(CODE, 'setup');
    ws.log.uncounted(() => {
      const sheet = ws.spreadsheet.getSheetByName('Đơn vị');
      if (!sheet) throw new Error('no units sheet');
      sheet.getRange(2, 1, 3, 6).setValues([
        ['10498', 'Xã Hợp Tiến', '', '', '', 'hoptien@example.com'],
        ['10465', 'Xã Hồng Sơn', '', '', '', ''],
        ['10456', 'Xã Mỹ Thành', '', '', '', ''],
      ]);
      sheet.getRange(5, 1, 20, 6).clearContent();
    });
    typeSettings(ws, { 'Cấp cơ quan': 'Tỉnh', 'Tỉnh, thành phố': 'Hà Nội' });
    const message = String(ws.run(CODE, 'setup'));
    expect(message).toContain(
      'thêm 126 đơn vị từ 01/7/2025 của Thành phố Hà Nội, 2 đơn vị cũ hết hiệu lực từ 01/7/2025',
    );
    expect(message).toContain('chưa rõ đơn vị kế thừa của Xã Mỹ Thành');
    const units = rows(ws, 'Đơn vị');
    expect(units).toHaveLength(129);
    expect(units[0]).toEqual([
      '10498',
      'Xã Hợp Tiến',
      '',
      '',
      '30/06/2025',
      'hoptien@example.com',
      '10465',
    ]);
    // Naming the office again (spelt otherwise) changes nothing.
    typeSettings(ws, { 'Tỉnh, thành phố': 'Thành phố Hà Nội' });
    expect(String(ws.run(CODE, 'setup'))).not.toContain('đơn vị');
    expect(rows(ws, 'Đơn vị')).toHaveLength(129);
    // The Form of June still lists the old communes; nobody runs setup on 1 July.
    const formId = String(ws.PropertiesService.getScriptProperties().getProperty('formId'));
    const answers = (unit: string, date: string): Record<string, string> => {
      const out: Record<string, string> = {
        'Đơn vị được kiểm tra': unit,
        'Ngày kiểm tra': date,
      };
      for (const item of ws.FormApp.openById(formId).getItems()) {
        const t = item.getTitle();
        const type = String(item.getType());
        if (t in out) continue;
        if (type === 'MULTIPLE_CHOICE') out[t] = 'Đạt';
        else if (type === 'TEXT' && /^N\d\./.test(t)) out[t] = '10';
        else if (type === 'TEXT' && /^[A-Z]\d\./.test(t)) out[t] = '0';
      }
      return out;
    };
    ws.submit(CODE, formId, answers('Xã Hợp Tiến', '2025-06-25'), { email: 'lan.nt@mydu.example' });
    ws.clock.advance(15 * 24 * 3600 * 1000);
    ws.submit(CODE, formId, answers('Xã Hợp Tiến', '2025-07-05'), { email: 'lan.nt@mydu.example' });
    const results = rows(ws, 'Kết quả');
    expect(results.map((r) => [r[4], r[5]])).toEqual([
      ['10498', 'Xã Hợp Tiến'],
      ['10465', 'Xã Hồng Sơn'],
    ]);
    expect(results[0][14]).toBe('');
    expect(String(results[1][14])).toContain(
      'Đơn vị "Xã Hợp Tiến" không còn từ ngày 01/07/2025; phiếu ngày 05/07/2025 được tính cho Xã Hồng Sơn (đơn vị kế thừa).',
    );
  });
});

/** A Ui whose prompts answer from a script (OK with the next text; CANCEL when the script is out). */
function scriptedUi(ws: Workspace, typed: string[]) {
  const prompts: { title: string; text: string }[] = [];
  const alerts: string[] = [];
  const ui = {
    ButtonSet: { OK: 'OK', OK_CANCEL: 'OK_CANCEL', YES_NO: 'YES_NO' },
    Button: { OK: 'OK', CANCEL: 'CANCEL', YES: 'YES', NO: 'NO', CLOSE: 'CLOSE' },
    prompt(title: string, text: string) {
      prompts.push({ title, text });
      const answer = typed.shift();
      return {
        getSelectedButton: () => (answer === undefined ? 'CANCEL' : 'OK'),
        getResponseText: () => answer ?? '',
      };
    },
    alert(title: string, text?: string) {
      alerts.push(text ?? title);
      return 'OK';
    },
  };
  const app = ws.SpreadsheetApp;
  ws.register(
    'SpreadsheetApp',
    new Proxy(app, {
      get(target, prop) {
        if (prop === 'getUi') return () => ui;
        const v = Reflect.get(target, prop, target);
        return typeof v === 'function' ? v.bind(target) : v;
      },
    }),
  );
  return { prompts, alerts };
}

test('another province named later is added to a list holding history, never replacing it', () => {
  const ws = createWorkspace({ start: new Date('2025-09-01T02:00:00Z') });
  ws.run(CODE, 'setup');
  ws.log.uncounted(() => {
    const sheet = ws.spreadsheet.getSheetByName('Đơn vị');
    sheet?.getRange(2, 1, 22, 6).clearContent();
    sheet?.getRange(2, 1, 1, 2).setValues([['10498', 'Xã Hợp Tiến']]);
  });
  typeSettings(ws, { 'Cấp cơ quan': 'Tỉnh', 'Tỉnh, thành phố': 'Hà Nội' });
  ws.run(CODE, 'setup');
  expect(rows(ws, 'Đơn vị')).toHaveLength(127);
  typeSettings(ws, { 'Tỉnh, thành phố': 'Hải Phòng' });
  expect(String(ws.run(CODE, 'setup'))).toContain(
    'thêm 114 đơn vị từ 01/7/2025 của Thành phố Hải Phòng',
  );
  const units = rows(ws, 'Đơn vị');
  expect(units).toHaveLength(127 + 114);
  expect(units[0].slice(0, 2)).toEqual(['10498', 'Xã Hợp Tiến']);
});

describe('the setup dialog from the menu', () => {
  test('asks level and province in Vietnamese, explains a wrong answer, then sets everything up', () => {
    const ws = createWorkspace({ start: new Date('2025-09-01T02:00:00Z') });
    ws.run(CODE, 'setup');
    const { prompts, alerts } = scriptedUi(ws, ['huyện', '1', 'Hà Nội']);
    ws.run(CODE, 'setupOffice');
    expect(prompts.map((p) => p.title)).toEqual([
      'Cơ quan kiểm tra (1/3)',
      'Cơ quan kiểm tra (1/3)',
      'Cơ quan kiểm tra (2/3)',
    ]);
    expect(prompts[0].text).toMatch(/^Cơ quan của đồng chí ở cấp nào\?\n1 – Cấp tỉnh/);
    expect(prompts[1].text).toMatch(
      /^Chưa rõ cấp "huyện": nhập 1 \(cấp tỉnh\) hoặc 2 \(cấp xã\)\.\n\nCơ quan của đồng chí/,
    );
    expect(setting(ws, 'Cấp cơ quan')).toBe('Tỉnh');
    expect(setting(ws, 'Tỉnh, thành phố')).toBe('Thành phố Hà Nội');
    expect(rows(ws, 'Đơn vị')).toHaveLength(126);
    expect(alerts.at(-1)).toContain('điền 126 đơn vị của Thành phố Hà Nội');
  });

  test('cancelled: nothing changes', () => {
    const ws = createWorkspace({ start: new Date('2025-09-01T02:00:00Z') });
    ws.run(CODE, 'setup');
    const { alerts } = scriptedUi(ws, ['2']);
    ws.run(CODE, 'setupOffice');
    expect(alerts).toEqual(['Đã hủy: chưa thay đổi gì.']);
    expect(setting(ws, 'Cấp cơ quan')).toBe('');
    expect(rows(ws, 'Đơn vị')).toHaveLength(22);
  });
});
