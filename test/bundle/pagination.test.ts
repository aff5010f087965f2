// Pagination through the Docs API: report tables repeat their header row, signature blocks stay whole, in the Doc and its .docx.

import JSZip from 'jszip';
import {
  type DocumentSnapshot,
  type ParagraphSnapshot,
  snapshotDocument,
  type TableSnapshot,
} from '../../src/local/emulator/documents';
import { snapshotDrive } from '../../src/local/emulator/drive';
import type { Workspace } from '../../src/local/emulator/runtime';
import { documentToDocx } from '../../src/local/export/docx';
import { answers, CODE, minutesDocs, rows, runDue, setUp } from './harness';

const EMAIL = 'lan.nt@mydu.example';

/** Moves the virtual clock to a Vietnam wall time. */
function at(ws: Workspace, iso: string) {
  ws.clock.advance(new Date(`${iso}+07:00`).getTime() - ws.clock.now());
}

/** A week-8 round of two inspections, and the Monday report. */
function weeklyReport(ws: Workspace, formId: string): void {
  ws.submit(CODE, formId, answers({ unit: 'Xã Hợp Tiến', date: '2019-02-19', B1: '2' }), {
    email: EMAIL,
  });
  ws.clock.advance(3_600_000);
  ws.submit(CODE, formId, answers({ unit: 'Xã Đại Hưng', date: '2019-02-21', C8: 'Không đạt' }), {
    email: EMAIL,
  });
  at(ws, '2019-02-25T07:00:00');
  ws.fireClock(CODE, 'sendScheduledSummary');
}

function docByName(ws: Workspace, prefix: string): DocumentSnapshot {
  const file = snapshotDrive(ws.DriveApp).files.find(
    (f) => f.mimeType === 'application/vnd.google-apps.document' && f.name.startsWith(prefix),
  );
  const doc = file && ws.DocumentApp._open(file.id);
  if (!doc) throw new Error(`no document ${prefix}`);
  return snapshotDocument(doc, { saved: true });
}

const tables = (snap: DocumentSnapshot): TableSnapshot[] =>
  snap.body.filter((b): b is TableSnapshot => b.type === 'TABLE');

/** Ruled tables (the report's data tables): the layout tables have no lines. */
const ruled = (snap: DocumentSnapshot) =>
  tables(snap).filter((t) => t.attributes.BORDER_WIDTH !== 0);

/** The signature table's columns, as lists of paragraphs. */
function signatureColumns(snap: DocumentSnapshot): ParagraphSnapshot[][] {
  const last = tables(snap).pop() as TableSnapshot;
  return last.rows[0].cells.map((c) =>
    c.children.filter((b): b is ParagraphSnapshot => b.type !== 'TABLE'),
  );
}

/** word/document.xml of the .docx exported from the Doc's saved state. */
async function docxXml(snap: DocumentSnapshot): Promise<string> {
  const zip = await JSZip.loadAsync(await documentToDocx(snap));
  return zip.file('word/document.xml')?.async('string') ?? '';
}

/** The `<w:p>` elements of the XML whose text contains `text`. */
function paragraphsWith(xml: string, text: string): string[] {
  return (xml.match(/<w:p[ >][\s\S]*?<\/w:p>/g) ?? []).filter((p) =>
    (p.match(/<w:t[^>]*>([^<]*)<\/w:t>/g) ?? [])
      .map((t) => t.replace(/<[^>]+>/g, ''))
      .join('')
      .includes(text),
  );
}

/** The messages of the log sheet (a run with nothing to log may have none). */
const logLines = (ws: Workspace): string[] =>
  ws.log.uncounted(() => ws.spreadsheet.getSheetByName('Nhật ký'))
    ? rows(ws, 'Nhật ký').map((r) => String(r[2]))
    : [];

describe('the weekly báo cáo on Google paginates as printed', () => {
  test('every data table repeats its header row; the signature column keeps its titles with the name', async () => {
    const { ws, formId } = setUp({ start: new Date('2019-02-18T01:00:00Z') });
    weeklyReport(ws, formId);
    const snap = docByName(ws, 'Báo cáo');
    const data = ruled(snap);
    expect(data.length).toBeGreaterThan(0);
    for (const t of data) {
      expect(t.rows[0].attributes.TABLE_HEADER).toBe(true);
      expect(t.rows.slice(1).some((r) => r.attributes.TABLE_HEADER)).toBe(false);
    }
    // The header block and the signatures are layout tables: nothing pinned there.
    expect(tables(snap)[0].rows[0].attributes.TABLE_HEADER).toBeUndefined();
    const [recipients, signer] = signatureColumns(snap);
    expect(recipients[0].text).toBe('Nơi nhận:');
    // Every line of the signer's column but the name keeps with the next: titles, the signing
    // space and the name are one block.
    const name = signer[signer.length - 1];
    expect(name.text).not.toBe('');
    for (const p of signer.slice(0, -1)) expect(p.attributes.KEEP_WITH_NEXT).toBe(true);
    expect(name.attributes.KEEP_WITH_NEXT).toBeUndefined();
    expect(signer.map((p) => p.text)).toContain('PHÓ CHỦ TỊCH');

    const xml = await docxXml(snap);
    // The ranking table's first row is a Word header row, repeated on each page.
    const headerRows = xml.match(/<w:tr>(?:(?!<\/w:tr>)[\s\S])*?<w:tblHeader\/>[\s\S]*?<\/w:tr>/g);
    expect(headerRows?.length).toBe(data.length);
    expect(headerRows?.some((r) => r.includes('>STT<'))).toBe(true);
    for (const p of paragraphsWith(xml, 'PHÓ CHỦ TỊCH')) expect(p).toContain('<w:keepNext/>');
    // The heading just before the ranking table stays on the table's page.
    expect(paragraphsWith(xml, '5. Bảng tổng hợp kết quả')[0]).toContain('<w:keepNext/>');
    expect(logLines(ws).join('\n')).not.toContain('Không đặt được');
  });

  test('the Docs API failing for good: the report is still sent, and the office reads one line why', async () => {
    const { ws, formId } = setUp({ start: new Date('2019-02-18T01:00:00Z') });
    ws.faults.transient({ rate: 1, methods: ['Docs.Documents.batchUpdate'] });
    weeklyReport(ws, formId);
    ws.faults.clear();
    const sent = ws.MailApp._outbox().filter((m) => m.subject.includes('Báo cáo tuần'));
    expect(sent).toHaveLength(1);
    expect(sent[0].attachments).toHaveLength(1);
    // Each document's batchUpdate (the biên bản and the report) tried four times, then given up:
    // its text written again through DocumentApp, then the layout's batchUpdate tried four times
    // too. Two lines for each in the log.
    const docs = snapshotDrive(ws.DriveApp).files.filter(
      (f) => f.mimeType === 'application/vnd.google-apps.document',
    );
    expect(docs.length).toBeGreaterThanOrEqual(1);
    expect(ws.faults.injected.map((f) => `${f.service}.${f.method}`)).toEqual(
      new Array(8 * docs.length).fill('Docs.Documents.batchUpdate'),
    );
    const lines = logLines(ws).filter((l) => l.includes('Không đặt được'));
    expect(lines).toHaveLength(docs.length);
    expect(logLines(ws).filter((l) => l.includes('Không ghi được nội dung'))).toHaveLength(
      docs.length,
    );
    const report = lines.filter((l) =>
      l.includes('"Báo cáo kiểm tra công vụ 18-02-2019 đến 24-02-2019"'),
    );
    expect(report).toHaveLength(1);
    expect(report[0]).toContain('nội dung văn bản vẫn đầy đủ');
    expect(report[0]).toContain('API call to docs.documents.batchUpdate failed with error:');
    // The content is whole; only the pagination is missing, and the .docx shows it missing too.
    const snap = docByName(ws, 'Báo cáo');
    expect(ruled(snap)[0].rows[0].cells[0].text).toBe('STT');
    expect(ruled(snap)[0].rows[0].attributes.TABLE_HEADER).toBeUndefined();
    expect(await docxXml(snap)).not.toContain('<w:tblHeader/>');
  });

  test('a passing failure of the Docs API is retried and the layout still applied', () => {
    const { ws, formId } = setUp({ start: new Date('2019-02-18T01:00:00Z') });
    ws.faults.failAt({ call: 1, method: 'Docs.Documents.get' });
    weeklyReport(ws, formId);
    expect(ws.faults.injected).toHaveLength(1);
    expect(ruled(docByName(ws, 'Báo cáo'))[0].rows[0].attributes.TABLE_HEADER).toBe(true);
    expect(logLines(ws).join('\n')).not.toContain('Không đặt được');
  });
});

describe('the text of a document through the Docs API', () => {
  // A note with line breaks, characters the Docs API strips, a character beyond the BMP and text
  // that looks like a token: what the office reads must not depend on how the text was written.
  const NOTE = 'Đ/c Hùng đi muộn.\r\nĐ/c Lan\u0007 vắng\ue000 mặt 😀.\n[KTCV abc 1]';

  /** A biên bản with the note, written after `before` (faults to set) ran on the workspace. */
  function minutes(options: Parameters<typeof setUp>[0] = {}, before = (_: Workspace) => {}) {
    const { ws, formId } = setUp(options);
    before(ws);
    ws.submit(
      CODE,
      formId,
      answers({ unit: 'Xã Hợp Tiến', C8: 'Không đạt', 'Ghi chú nhóm B': NOTE }),
      { email: EMAIL },
    );
    ws.log.reset();
    runDue(ws, 'runQueue');
    const [file] = minutesDocs(ws);
    return { ws, snap: snapshotDocument(ws.DocumentApp._open(file.id)!, { saved: true }) };
  }
  /** The document without what only the layout sets (kept lines, pinned header rows). */
  const content = (snap: DocumentSnapshot): string[] =>
    JSON.stringify(
      snap.body,
      (k, v) => {
        if (k === 'KEEP_WITH_NEXT' || k === 'KEEP_LINES_TOGETHER' || k === 'TABLE_HEADER')
          return undefined;
        // Attributes in one order: the order they were set in is not what a reader sees.
        if (v && typeof v === 'object' && !Array.isArray(v))
          return Object.fromEntries(Object.entries(v).sort(([a], [b]) => a.localeCompare(b)));
        return v;
      },
      1,
    ).split('\n');

  test('is the same, to every character and attribute, as the text DocumentApp writes line by line', () => {
    const viaApi = minutes();
    const [doc] = minutesDocs(viaApi.ws);
    // One read and one batchUpdate wrote the text and the layout; DocumentApp's calls do not
    // grow with the lines.
    expect(viaApi.ws.log.counts.get('Docs.Documents.get')).toBe(1);
    expect(viaApi.ws.log.counts.get('Docs.Documents.batchUpdate')).toBe(1);
    expect(viaApi.ws.log.counts.get('Body.appendParagraph') ?? 0).toBeLessThan(10);
    const byLine = minutes({ advancedServices: [] });
    expect(content(viaApi.snap)).toEqual(content(byLine.snap));
    const text = JSON.stringify(viaApi.snap.body);
    // The note as the biên bản words it, with what the Docs API strips gone in both ways of writing.
    expect(text).toContain(
      '"text":"Ghi chú của Đoàn: Đ/c Hùng đi muộn; Đ/c Lan vắng mặt 😀; [KTCV abc 1]."',
    );
    expect(text).not.toMatch(/\[KTCV [a-z0-9]{6,} \d+\]/);
    expect(doc).toBeDefined();
  });

  test('refused by the API, the text is written line by line, laid out the same, and the office reads why', () => {
    const viaApi = minutes();
    const { ws, snap } = minutes({}, (w) =>
      w.faults.failAt({
        call: 1,
        method: 'Docs.Documents.batchUpdate',
        message:
          'API call to docs.documents.batchUpdate failed with error: Invalid requests[3].insertText: The insertion index must be inside the bounds of an existing paragraph.',
      }),
    );
    // Layout included: the layout pass on the text written line by line sets what the one batch set.
    const sorted = (s: DocumentSnapshot) =>
      JSON.stringify(s.body, (_, v) =>
        v && typeof v === 'object' && !Array.isArray(v)
          ? Object.fromEntries(Object.entries(v).sort(([a], [b]) => a.localeCompare(b)))
          : v,
      );
    expect(sorted(snap)).toBe(sorted(viaApi.snap));
    const lines = logLines(ws).filter((l) => l.includes('Không ghi được nội dung'));
    expect(lines).toHaveLength(1);
    expect(lines[0]).toContain('đã ghi lại bằng DocumentApp, đầy đủ');
  });

  test('a batchUpdate that took effect and then failed is not applied twice', () => {
    const once = minutes();
    const { ws, snap } = minutes({}, (w) =>
      w.faults.failAt({ call: 1, method: 'Docs.Documents.batchUpdate', after: true }),
    );
    expect(ws.faults.injected).toHaveLength(1);
    expect(JSON.stringify(snap.body)).toBe(JSON.stringify(once.snap.body));
    expect(logLines(ws).join('\n')).not.toContain('Không ghi được');
  });
});

describe('the biên bản on Google keeps its signatures with their titles', () => {
  test('both columns: the titles, the signing space and the team leader name are one block; the criteria table repeats its header', async () => {
    const { ws, formId } = setUp();
    ws.submit(CODE, formId, answers({ unit: 'Xã Hợp Tiến', C8: 'Không đạt' }), { email: EMAIL });
    runDue(ws, 'runQueue');
    const [file] = minutesDocs(ws);
    expect(file).toBeDefined();
    const doc = ws.DocumentApp._open(file.id);
    if (!doc) throw new Error('no biên bản');
    const snap = snapshotDocument(doc, { saved: true });
    const [unit, leader] = signatureColumns(snap);
    // Too long for half the line: two balanced lines, never a lone word on the second.
    expect(unit.slice(0, 2).map((p) => p.text)).toEqual(['ĐẠI DIỆN ĐƠN VỊ', 'ĐƯỢC KIỂM TRA']);
    expect(leader[0].text).toBe('TRƯỞNG ĐOÀN');
    // The names stand on the same line: the shorter title gets a blank line.
    expect(leader).toHaveLength(unit.length);
    expect(leader[leader.length - 1].text).not.toBe('');
    for (const column of [unit, leader])
      for (const p of column.slice(0, -1)) {
        expect(p.attributes.KEEP_WITH_NEXT).toBe(true);
        expect(p.attributes.KEEP_LINES_TOGETHER).toBe(true);
      }
    for (const t of ruled(snap)) expect(t.rows[0].attributes.TABLE_HEADER).toBe(true);

    const xml = await docxXml(snap);
    for (const title of ['ĐẠI DIỆN ĐƠN VỊ', 'ĐƯỢC KIỂM TRA', 'TRƯỞNG ĐOÀN']) {
      // The signature block is the document's last: its paragraph is the last one with the words.
      const p = paragraphsWith(xml, title).at(-1);
      expect(p).toContain('<w:keepNext/>');
    }
    expect(xml).toContain('<w:tblHeader/>');
    expect(String(rows(ws, 'Kết quả')[0][15])).toContain(file.id);
  });

  test('rewritten in place after an edit: paginated again, in the same document', () => {
    const { ws, formId } = setUp();
    const { response } = ws.submit(CODE, formId, answers({ C8: 'Không đạt' }), { email: EMAIL });
    runDue(ws, 'runQueue');
    ws.clock.advance(60_000);
    ws.log.reset();
    ws.edit(CODE, response.getId(), answers({ C8: 'Đạt' }));
    runDue(ws, 'runQueue');
    expect(ws.log.counts.get('Docs.Documents.batchUpdate')).toBe(1);
    const [file] = minutesDocs(ws);
    const snap = snapshotDocument(ws.DocumentApp._open(file.id)!, { saved: true });
    expect(JSON.stringify(snap.body)).toContain('Không có tồn tại phải khắc phục.');
    const [, leader] = signatureColumns(snap);
    expect(leader[0].attributes.KEEP_WITH_NEXT).toBe(true);
    for (const t of ruled(snap)) expect(t.rows[0].attributes.TABLE_HEADER).toBe(true);
  });

  test('one get and one batchUpdate per document, whatever its length', () => {
    const { ws, formId } = setUp();
    ws.submit(CODE, formId, answers({ unit: 'Xã Hợp Tiến' }), { email: EMAIL });
    ws.submit(CODE, formId, answers({ unit: 'Xã An Mỹ', C8: 'Không đạt' }), { email: EMAIL });
    ws.log.reset();
    runDue(ws, 'runQueue');
    expect(minutesDocs(ws)).toHaveLength(2);
    expect(ws.log.counts.get('Docs.Documents.get')).toBe(2);
    expect(ws.log.counts.get('Docs.Documents.batchUpdate')).toBe(2);
  });
});

describe('without the advanced service in the manifest', () => {
  test('`Docs` is undefined, as on Google: the report is made without pagination, and the log says why', async () => {
    const { ws, formId } = setUp({ start: new Date('2019-02-18T01:00:00Z'), advancedServices: [] });
    weeklyReport(ws, formId);
    const snap = docByName(ws, 'Báo cáo');
    expect(ruled(snap)[0].rows[0].attributes.TABLE_HEADER).toBeUndefined();
    const lines = logLines(ws).filter((l) => l.includes('"Báo cáo kiểm tra công vụ'));
    expect(lines).toHaveLength(1);
    expect(lines[0]).toContain('chưa được bật trong appsscript.json');
    expect(await docxXml(snap)).not.toContain('<w:keepNext/>');
  });
});
