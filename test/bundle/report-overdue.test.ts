// The committee's báo cáo lists overdue corrective actions by unit, through the real bundle.

import { snapshotDocument } from '../../src/local/emulator/documents';
import { snapshotDrive } from '../../src/local/emulator/drive';
import type { Workspace } from '../../src/local/emulator/runtime';
import { answers, CODE, setUp } from './harness';

const EMAIL = 'lan.nt@mydu.example';

/** Moves the virtual clock to a Vietnam wall time. */
function at(ws: Workspace, iso: string) {
  ws.clock.advance(new Date(`${iso}+07:00`).getTime() - ws.clock.now());
}

/** The newest báo cáo Doc's snapshot. */
function reportSnapshot(ws: Workspace) {
  const docs = snapshotDrive(ws.DriveApp).files.filter(
    (f) => f.mimeType === 'application/vnd.google-apps.document' && f.name.startsWith('Báo cáo'),
  );
  const last = docs.at(-1);
  if (!last) throw new Error('no report doc');
  const doc = ws.DocumentApp._open(last.id);
  if (!doc) throw new Error(`no doc ${last.id}`);
  return snapshotDocument(doc, { saved: true });
}

/** The text of the newest báo cáo Doc, blocks in order (a table as one entry per row, cells joined by ` | `). */
function reportText(ws: Workspace): string[] {
  return reportSnapshot(ws).body.flatMap((b) =>
    b.type === 'TABLE' ? b.rows.map((r) => r.cells.map((c) => c.text).join(' | ')) : [b.text],
  );
}

/** Two units inspected in week 8: Hợp Tiến with A1 and C2 failing, An Mỹ with C2 failing a day later. */
function round(ws: Workspace, formId: string) {
  at(ws, '2019-02-19T15:00:00');
  ws.submit(
    CODE,
    formId,
    answers({ unit: 'Xã Hợp Tiến', date: '2019-02-19', N1: '16', A1: '3', C2: 'Không đạt' }),
    { email: EMAIL },
  );
  at(ws, '2019-02-20T15:00:00');
  ws.submit(CODE, formId, answers({ unit: 'Xã An Mỹ', date: '2019-02-20', C2: 'Không đạt' }), {
    email: EMAIL,
  });
}

const C2 = 'Bộ phận Một cửa chưa gọn gàng, sạch đẹp hoặc thiếu trang thiết bị';

describe('overdue corrective actions in the committee’s report', () => {
  test('deadlines passed: section III names them per unit, the most first, and tabulates them', () => {
    const { ws, formId } = setUp({ start: new Date('2019-02-18T01:00:00Z') });
    round(ws, formId);
    // Hợp Tiến's deadline is 06/03, An Mỹ's 07/03; on 09/03 they are 3 and 2 days overdue.
    at(ws, '2019-03-09T09:00:00');
    expect(ws.run(CODE, 'sendReportNow', '18/02/2019 - 24/02/2019')).toBe('sent');
    const text = reportText(ws);
    const iii = text.slice(text.indexOf('III. KIẾN NGHỊ, ĐỀ XUẤT'));
    expect(iii.slice(2, 5)).toEqual([
      'Đến ngày 09/03/2019, 2 đơn vị còn việc khắc phục đã quá hạn:',
      `- UBND xã Hợp Tiến còn 2 việc khắc phục quá hạn: 3/16 cán bộ, công chức đi muộn (hạn 06/03/2019, quá 3 ngày); ${C2} (hạn 06/03/2019, quá 3 ngày); đề nghị hoàn thành ngay và báo cáo về Phòng Nội vụ.`,
      `- UBND xã An Mỹ còn 1 việc khắc phục quá hạn: ${C2} (hạn 07/03/2019, quá 2 ngày); đề nghị hoàn thành ngay và báo cáo về Phòng Nội vụ.`,
    ]);
    expect(iii.slice(5, 9)).toEqual([
      'STT | Đơn vị | Tồn tại quá hạn | Hạn khắc phục | Số ngày quá hạn',
      '1 | Xã Hợp Tiến | 3/16 cán bộ, công chức đi muộn | 06/03/2019 | 3',
      `2 | Xã Hợp Tiến | ${C2} | 06/03/2019 | 3`,
      `3 | Xã An Mỹ | ${C2} | 07/03/2019 | 2`,
    ]);
    // Set out like the report's other tables: its columns fill the width between the margins.
    const snap = reportSnapshot(ws);
    const table = snap.body.find(
      (b) => b.type === 'TABLE' && b.rows[0].cells[2]?.text === 'Tồn tại quá hạn',
    );
    if (table?.type !== 'TABLE') throw new Error('no overdue table');
    const sum = table.columnWidths.reduce<number>((a, w) => a + (w ?? 0), 0);
    expect(sum).toBeLessThanOrEqual(snap.page.width - snap.page.marginLeft - snap.page.marginRight);
    expect(sum).toBeGreaterThan(460);
  });

  test('a workbook without the corrective-action sheets still gets its report, with no overdue part', () => {
    const { ws, formId } = setUp({ start: new Date('2019-02-18T01:00:00Z') });
    round(ws, formId);
    ws.log.uncounted(() => {
      for (const name of ['Khắc phục', 'Dữ liệu kiểm tra']) {
        const sheet = ws.spreadsheet.getSheetByName(name);
        if (!sheet) throw new Error(`no sheet ${name}`);
        ws.spreadsheet.deleteSheet(sheet);
      }
    });
    at(ws, '2019-03-09T09:00:00');
    expect(ws.run(CODE, 'sendReportNow', '18/02/2019 - 24/02/2019')).toBe('sent');
    const text = reportText(ws).join('\n');
    expect(text).toContain('Đề nghị Chủ tịch UBND 2 đơn vị sau chỉ đạo khắc phục');
    expect(text).not.toContain('quá hạn');
  });

  test('before any deadline the report has no overdue part', () => {
    const { ws, formId } = setUp({ start: new Date('2019-02-18T01:00:00Z') });
    round(ws, formId);
    at(ws, '2019-02-25T07:00:00');
    ws.fireClock(CODE, 'sendScheduledSummary');
    const text = reportText(ws).join('\n');
    expect(text).toContain('III. KIẾN NGHỊ, ĐỀ XUẤT');
    expect(text).not.toContain('quá hạn');
    expect(text).not.toContain('Số ngày quá hạn');
  });
});
