// Reports through the bundle: the Doc's structure, PDF, sharing, the outbox, once-only sending, quota deferral, empty periods, minutes.

import { snapshotDocument } from '../../src/local/emulator/documents';
import { snapshotDrive } from '../../src/local/emulator/drive';
import type { Workspace } from '../../src/local/emulator/runtime';
import { answers, CODE, rows, runDue, setUp } from './harness';

const EMAIL = 'lan.nt@mydu.example';

/** Submits a small week-8 round: three units, one critical failure, a note with markup. */
function round(ws: Workspace, formId: string) {
  ws.submit(
    CODE,
    formId,
    answers({
      unit: 'Xã Hợp Tiến',
      date: '2019-02-19',
      B1: '2',
      'Ghi chú nhóm B': 'Đ/c <b>Hùng</b> không đeo thẻ',
    }),
    { email: EMAIL },
  );
  ws.clock.advance(3_600_000);
  ws.submit(CODE, formId, answers({ unit: 'Xã Đại Hưng', date: '2019-02-21', C8: 'Không đạt' }), {
    email: EMAIL,
  });
  ws.clock.advance(3_600_000);
  ws.submit(CODE, formId, answers({ unit: 'Xã An Mỹ', date: '2019-02-22' }), { email: EMAIL });
}

/** Moves the virtual clock to a Vietnam wall time. */
function at(ws: Workspace, iso: string) {
  const target = new Date(`${iso}+07:00`).getTime();
  ws.clock.advance(target - ws.clock.now());
}

function setSetting(ws: Workspace, label: string, value: string) {
  ws.log.uncounted(() => {
    const sheet = ws.spreadsheet.getSheetByName('Cài đặt');
    const values = sheet?.getDataRange().getValues() ?? [];
    sheet?.getRange(values.findIndex((x) => x[0] === label) + 1, 2).setValue(value);
  });
}

const docText = (ws: Workspace, id: string) => {
  const doc = ws.DocumentApp._open(id);
  if (!doc) throw new Error(`no doc ${id}`);
  return snapshotDocument(doc, { saved: true });
};

const flat = (blocks: ReturnType<typeof docText>['body']): string[] =>
  blocks.flatMap((b) =>
    b.type === 'TABLE' ? b.rows.flatMap((r) => r.cells.flatMap((c) => [c.text])) : [b.text],
  );

describe('the scheduled summary', () => {
  test('Monday 07:00: one email to the committee with the PDF, and a Doc in the official format', () => {
    const { ws, formId } = setUp({ start: new Date('2019-02-18T01:00:00Z') });
    round(ws, formId);
    at(ws, '2019-02-25T07:00:00');
    ws.fireClock(CODE, 'sendScheduledSummary');
    const out = ws.MailApp._outbox().filter((m) => m.subject.includes('Báo cáo tuần'));
    expect(out).toHaveLength(1);
    const mail = out[0];
    expect(mail.to.sort()).toEqual(['chutich@mydu.example', 'noivu@mydu.example']);
    expect(mail.subject).toBe('[Kiểm tra công vụ] Báo cáo tuần 08/2019 (18/02–24/02/2019)');
    expect(mail.attachments.map((a) => [a.name, a.contentType])).toEqual([
      ['Báo cáo kiểm tra công vụ 18-02-2019 đến 24-02-2019.pdf', 'application/pdf'],
    ]);
    expect(mail.htmlBody).toContain('Xã Đại Hưng');
    expect(mail.body).toContain('Đã kiểm tra 3 lượt tại 3/22 đơn vị');

    const drive = snapshotDrive(ws.DriveApp);
    const doc = drive.files.find(
      (f) => f.mimeType === 'application/vnd.google-apps.document' && f.name.startsWith('Báo cáo'),
    );
    if (!doc) throw new Error('no report doc');
    expect(doc.path).toContain('Kiểm tra công vụ - Văn bản');
    // The committee reads it through the office folder, shared once; no file is shared by itself.
    expect(doc.viewers).toEqual([]);
    const folder = drive.folders.find((f) => f.name === 'Kiểm tra công vụ - Văn bản');
    expect(folder?.viewers.sort()).toEqual(['chutich@mydu.example', 'noivu@mydu.example']);
    const snap = docText(ws, doc.id);
    expect(snap.page.width).toBeCloseTo(595.28, 1);
    expect(snap.page.marginLeft).toBeCloseTo(85.04, 1);
    const text = flat(snap.body);
    // The issuing body on two balanced lines, as the header block sets it.
    expect(text[0]).toContain('ỦY BAN NHÂN DÂN\nHUYỆN MỸ ĐỨC');
    expect(text[1]).toContain('CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM');
    expect(text[1]).toContain('Độc lập - Tự do - Hạnh phúc');
    expect(text[1]).toContain('Mỹ Đức, ngày 25 tháng 02 năm 2019');
    expect(text).toContain('BÁO CÁO');
    expect(text).toContain('(từ ngày 18/02/2019 đến ngày 24/02/2019)');
    for (const h of [
      'I. PHẠM VI, HÌNH THỨC KIỂM TRA',
      'II. KẾT QUẢ KIỂM TRA',
      '5. Bảng tổng hợp kết quả',
      'III. KIẾN NGHỊ, ĐỀ XUẤT',
    ])
      expect(text).toContain(h);
    const table = snap.body.find((b) => b.type === 'TABLE' && b.rows[0].cells[0].text === 'STT');
    if (table?.type !== 'TABLE') throw new Error('no ranking table');
    expect(table.rows.slice(1, 4).map((r) => r.cells[1].text)).toEqual([
      'Xã An Mỹ',
      'Xã Hợp Tiến',
      'Xã Đại Hưng',
    ]);
    expect(table.rows).toHaveLength(23);
    expect(text.join('\n')).toContain('Đ/c <b>Hùng</b> không đeo thẻ');
    expect(text.join('\n')).toContain('Nơi nhận:');
    expect(text.join('\n')).toContain('PHÓ CHỦ TỊCH');
  });

  test('the trigger fired twice, then the menu for the same period: one email in all', () => {
    const { ws, formId } = setUp({ start: new Date('2019-02-18T01:00:00Z') });
    round(ws, formId);
    at(ws, '2019-02-25T07:00:00');
    ws.fireClock(CODE, 'sendScheduledSummary');
    ws.fireClock(CODE, 'sendScheduledSummary');
    expect(ws.run(CODE, 'sendReportNow', '18/02/2019 - 24/02/2019')).toBe('already-sent');
    expect(ws.MailApp._outbox().filter((m) => m.subject.includes('Báo cáo'))).toHaveLength(1);
    expect(rows(ws, 'Nhật ký gửi')).toHaveLength(1);
  });

  test('units get their own result; a short quota then defers the report whole, and the next day sends it once', () => {
    // Late entries on Monday morning use 3 of the day's 4 recipients before the 07:00 report.
    const { ws, formId } = setUp({ start: new Date('2019-02-24T18:00:00Z'), mailQuota: 4 });
    setSetting(ws, 'Gửi kết quả cho từng đơn vị', 'Có');
    ws.log.uncounted(() => {
      const sheet = ws.spreadsheet.getSheetByName('Đơn vị');
      const values = sheet?.getDataRange().getValues() ?? [];
      for (const [code, email] of [
        ['10498', 'hoptien@mydu.example'],
        ['10480', 'daihung@mydu.example'],
        ['10462', 'anmy@mydu.example'],
      ])
        sheet?.getRange(values.findIndex((r) => r[0] === code) + 1, 6).setValue(email);
    });
    ws.run(CODE, 'checkConfig');
    round(ws, formId);
    runDue(ws, 'runQueue');
    const units = ws.MailApp._outbox();
    expect(units.map((m) => m.to[0])).toEqual([
      'hoptien@mydu.example',
      'daihung@mydu.example',
      'anmy@mydu.example',
    ]);
    expect(units[1].body).toContain(
      'Tồn tại phải khắc phục trước ngày 08/03/2019, báo cáo kết quả về Phòng Nội vụ:',
    );
    at(ws, '2019-02-25T07:00:00');
    ws.fireClock(CODE, 'sendScheduledSummary');
    expect(ws.MailApp._outbox()).toHaveLength(3);
    expect(
      rows(ws, 'Nhật ký')
        .map((r) => String(r[2]))
        .join('\n'),
    ).toContain('Hoãn gửi báo cáo 18/02/2019 – 24/02/2019');
    expect(rows(ws, 'Nhật ký gửi')).toHaveLength(0);
    at(ws, '2019-02-26T23:00:00');
    ws.fireClock(CODE, 'reconcile');
    ws.fireClock(CODE, 'reconcile');
    const reports = ws.MailApp._outbox().filter((m) => m.subject.includes('Báo cáo tuần 08/2019'));
    expect(reports).toHaveLength(1);
    expect(rows(ws, 'Nhật ký gửi')).toHaveLength(1);
  });

  test('an empty period: a short notice by default; nothing when the office says so', () => {
    const { ws } = setUp({ start: new Date('2019-02-18T01:00:00Z') });
    at(ws, '2019-02-25T07:00:00');
    ws.fireClock(CODE, 'sendScheduledSummary');
    const out = ws.MailApp._outbox();
    expect(out).toHaveLength(1);
    expect(out[0].body).toContain('không có phiếu kiểm tra công vụ nào');
    expect(out[0].attachments).toHaveLength(0);

    const other = setUp({ start: new Date('2019-02-18T01:00:00Z') }).ws;
    setSetting(other, 'Khi kỳ không có phiếu', 'Không gửi');
    other.run(CODE, 'checkConfig');
    at(other, '2019-02-25T07:00:00');
    other.fireClock(CODE, 'sendScheduledSummary');
    expect(other.MailApp._outbox()).toHaveLength(0);
    expect(rows(other, 'Nhật ký gửi')[0][6]).toBe('Bỏ qua: kỳ không có phiếu kiểm tra');
  });

  test('preview makes a Doc and sends nothing', () => {
    const { ws, formId } = setUp({ start: new Date('2019-02-18T01:00:00Z') });
    round(ws, formId);
    const url = String(ws.run(CODE, 'previewReport', '18/02/2019 - 24/02/2019'));
    expect(url).toMatch(/^https:/);
    expect(ws.MailApp._outbox()).toHaveLength(0);
  });

  test('a changed schedule replaces the report trigger, never adding a second', () => {
    const { ws } = setUp();
    setSetting(ws, 'Lịch gửi báo cáo', 'Hằng tháng');
    ws.run(CODE, 'setup');
    ws.run(CODE, 'setup');
    const report = ws.ScriptApp.getProjectTriggers().filter(
      (t) => t.getHandlerFunction() === 'sendScheduledSummary',
    );
    expect(report).toHaveLength(1);
  });
});

describe('failures', () => {
  test('an automatic run that fails is logged each time and mailed to the office at most once a day', () => {
    const { ws, formId } = setUp({ start: new Date('2019-02-18T01:00:00Z') });
    ws.log.uncounted(() =>
      ws.spreadsheet
        .getSheetByName(
          String(ws.PropertiesService.getScriptProperties().getProperty('responseSheet')),
        )
        ?.setName('Đổi tên'),
    );
    ws.submit(CODE, formId, answers(), { email: EMAIL });
    ws.clock.advance(60_000);
    ws.submit(CODE, formId, answers({ unit: 'Xã An Mỹ' }), { email: EMAIL });
    expect(rows(ws, 'Nhật ký').filter((r) => r[1] === 'handleFormSubmit')).toHaveLength(2);
    const notices = () =>
      ws.MailApp._outbox().filter(
        (m) => m.subject === '[Kiểm tra công vụ] Có lỗi khi chạy tự động',
      );
    expect(notices()).toHaveLength(1);
    expect(notices()[0].to).toEqual(['noivu@mydu.example']);
    at(ws, '2019-02-19T09:00:00');
    ws.submit(CODE, formId, answers({ unit: 'Xã Tuy Lai' }), { email: EMAIL });
    expect(notices()).toHaveLength(2);
  });

  test('setup creates the office folder once', () => {
    const { ws } = setUp();
    ws.run(CODE, 'setup');
    expect(
      snapshotDrive(ws.DriveApp).folders.filter((f) => f.name === 'Kiểm tra công vụ - Văn bản'),
    ).toHaveLength(1);
  });
});

describe('biên bản', () => {
  test('made within 5 minutes of the submission, linked on the results row, rewritten in place on an edit', () => {
    const { ws, formId } = setUp();
    const { response } = ws.submit(
      CODE,
      formId,
      answers({
        C8: 'Không đạt',
        'Ghi chú nhóm C': 'Không có ai tại Bộ phận Một cửa lúc 8h15',
        'Giờ bắt đầu kiểm tra': '8:10',
      }),
      {
        email: EMAIL,
      },
    );
    // Made by the queue's next run (every 5 minutes).
    runDue(ws, 'runQueue');
    const link = String(rows(ws, 'Kết quả')[0][15]);
    expect(link).toMatch(/^https:/);
    const docs = () =>
      snapshotDrive(ws.DriveApp).files.filter((f) => f.name.startsWith('Biên bản'));
    expect(docs()).toHaveLength(1);
    const text = flat(docText(ws, docs()[0].id).body).join('\n');
    expect(text).toContain('BIÊN BẢN');
    expect(text).toContain('Kiểm tra công vụ đột xuất tại UBND xã Hợp Tiến');
    expect(text).toContain('Không có ai tại Bộ phận Một cửa lúc 8h15');
    // The time the team recorded, not the submission time.
    expect(text).toContain(
      'Hồi 08 giờ 10 phút, ngày 21 tháng 02 năm 2019, tại trụ sở UBND xã Hợp Tiến',
    );
    expect(text).toContain('Không đạt – vi phạm nghiêm trọng');
    expect(text).toContain('hoàn thành trước ngày 08/03/2019 và báo cáo kết quả về Phòng Nội vụ');
    expect(text).toContain('TRƯỞNG ĐOÀN');
    ws.clock.advance(60_000);
    ws.edit(CODE, response.getId(), answers({ C8: 'Đạt' }));
    runDue(ws, 'runQueue');
    expect(docs()).toHaveLength(1);
    expect(String(rows(ws, 'Kết quả')[0][15])).toBe(link);
    expect(flat(docText(ws, docs()[0].id).body).join('\n')).toContain(
      'Không có tồn tại phải khắc phục.',
    );
  });
});
