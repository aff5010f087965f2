// The advanced Docs service emulator: Google's structural indexes, strict batchUpdate validation, the saved-state rule, and its place in the runtime.

import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CallLog } from '../../../src/local/emulator/calls';
import { VirtualClock } from '../../../src/local/emulator/clock';
import { familyOf, priceOf } from '../../../src/local/emulator/costs';
import { createDocs } from '../../../src/local/emulator/docs-api/docs';
import {
  createDocumentServices,
  type ParagraphSnapshot,
  snapshotDocument,
  type TableSnapshot,
} from '../../../src/local/emulator/documents';
import { createWorkspace } from '../../../src/local/emulator/runtime';
import { manifestAdvancedServices } from '../../../src/local/emulator/scopes';
import { pdfTextNote, pdfToText, withPdfText } from '../export/pdf-text';

const AUTH = 'https://www.googleapis.com/auth/';
type Content = { startIndex?: number; endIndex: number; [k: string]: unknown }[];

function setup() {
  const log = new CallLog();
  const { DocumentApp } = createDocumentServices(log, new VirtualClock());
  return { log, DocumentApp, Docs: createDocs(log, DocumentApp) };
}

function thrown(fn: () => unknown): Error {
  try {
    fn();
  } catch (e) {
    return e as Error;
  }
  throw new Error('expected a throw');
}

/** `Hello` / a 2×2 table / `after`, saved. */
function sample() {
  const s = setup();
  const doc = s.DocumentApp.create('Mẫu');
  const body = doc.getBody();
  body.getChild(0).asParagraph().setText('Hello');
  body.appendTable([
    ['a', 'bc'],
    ['', ' d'],
  ]);
  body.appendParagraph('after');
  doc.saveAndClose();
  const id = doc.getId();
  const content = () => (s.Docs.Documents.get(id).body as { content: Content }).content;
  return { ...s, doc, id, content };
}

const pin = (index: number, count = 1) => ({
  pinTableHeaderRows: { tableStartLocation: { index }, pinnedHeaderRowsCount: count },
});
const keep = (startIndex: number, endIndex: number, fields = 'keepWithNext') => ({
  updateParagraphStyle: {
    range: { startIndex, endIndex },
    paragraphStyle: { keepWithNext: true, keepLinesTogether: true },
    fields,
  },
});

describe('Docs.Documents.get: structural indexes as Google computes them', () => {
  test('section break 0–1, a paragraph its text plus newline, a table +1 at the table, each row and each cell', () => {
    const { content } = sample();
    const c = content();
    expect(c[0]).toEqual(expect.objectContaining({ endIndex: 1, sectionBreak: expect.anything() }));
    expect(c[0].startIndex).toBeUndefined();
    expect([c[1].startIndex, c[1].endIndex]).toEqual([1, 7]);
    const table = c[2] as {
      startIndex: number;
      endIndex: number;
      table: {
        rows: number;
        columns: number;
        tableRows: {
          startIndex: number;
          endIndex: number;
          tableCells: { startIndex: number; endIndex: number; content: Content }[];
        }[];
      };
    };
    expect([table.startIndex, table.table.rows, table.table.columns]).toEqual([7, 2, 2]);
    const [r0, r1] = table.table.tableRows;
    expect([r0.startIndex, r0.endIndex]).toEqual([8, 16]);
    expect(r0.tableCells.map((x) => [x.startIndex, x.endIndex])).toEqual([
      [9, 12],
      [12, 16],
    ]);
    // The first cell's paragraph at table start + 3.
    expect([r0.tableCells[0].content[0].startIndex, r0.tableCells[0].content[0].endIndex]).toEqual([
      10, 12,
    ]);
    expect([r1.startIndex, r1.endIndex]).toEqual([16, 23]);
    expect(r1.tableCells.map((x) => x.content[0].startIndex)).toEqual([18, 20]);
    // One unit closes the table (U); the next paragraph (the empty one appendTable leaves) starts there.
    expect(table.endIndex).toBe(24);
    expect([c[3].startIndex, c[3].endIndex]).toEqual([24, 25]);
    const last = c[c.length - 1] as { startIndex: number; endIndex: number; paragraph: unknown };
    expect(last.startIndex).toBe(25);
    expect(last.endIndex).toBe(31);
    expect(JSON.stringify(last.paragraph)).toContain('"content":"after\\n"');
  });

  test('a line break inside a paragraph is \\u000b, a page break one unit; runs split where the style changes', () => {
    const { DocumentApp, Docs } = setup();
    const doc = DocumentApp.create('Dòng');
    const p = doc.getBody().getChild(0).asParagraph();
    p.setText('ab\ncd');
    p.editAsText().setBold(0, 1, true);
    doc.getBody().appendParagraph('x').appendPageBreak();
    doc.saveAndClose();
    const c = (Docs.Documents.get(doc.getId()).body as { content: Content }).content;
    const runs = (c[1].paragraph as { elements: { textRun: { content: string } }[] }).elements;
    expect(runs.map((r) => r.textRun.content)).toEqual(['ab', '\u000bcd\n']);
    expect([c[1].startIndex, c[1].endIndex]).toEqual([1, 7]);
    // `x`, the page break, the newline.
    expect([c[2].startIndex, c[2].endIndex]).toEqual([7, 10]);
  });

  test('the Docs API sees what DocumentApp saved, not edits still open', () => {
    const { DocumentApp, Docs } = setup();
    const doc = DocumentApp.create('Lưu');
    doc.getBody().appendParagraph('mới');
    const text = () => JSON.stringify(Docs.Documents.get(doc.getId()));
    expect(text()).not.toContain('mới');
    doc.saveAndClose();
    expect(text()).toContain('mới');
  });

  test("an unknown id: the API's not-found error, as the advanced service wraps it", () => {
    const { Docs } = setup();
    const e = thrown(() => Docs.Documents.get('nope'));
    expect(e.name).toBe('GoogleJsonResponseException');
    expect(e.message).toBe(
      'API call to docs.documents.get failed with error: Requested entity was not found.',
    );
  });
});

describe('Docs.Documents.batchUpdate: strict validation, then applied to the model', () => {
  test('pinTableHeaderRows pins the first rows; updateParagraphStyle sets keep-with-next on the paragraphs it overlaps', () => {
    const { Docs, id, doc } = sample();
    const reply = Docs.Documents.batchUpdate(
      { requests: [pin(7), keep(1, 7, 'keepWithNext,keepLinesTogether'), keep(10, 12)] },
      id,
    );
    expect(reply).toEqual({ documentId: id, replies: [{}, {}, {}] });
    const snap = snapshotDocument(doc, { saved: true });
    const table = snap.body[1] as TableSnapshot;
    expect(table.rows.map((r) => r.attributes.TABLE_HEADER)).toEqual([true, undefined]);
    const hello = snap.body[0] as ParagraphSnapshot;
    expect(hello.attributes).toEqual(
      expect.objectContaining({ KEEP_WITH_NEXT: true, KEEP_LINES_TOGETHER: true }),
    );
    const cell = table.rows[0].cells[0].children[0] as ParagraphSnapshot;
    expect(cell.attributes.KEEP_WITH_NEXT).toBe(true);
    expect(cell.attributes.KEEP_LINES_TOGETHER).toBeUndefined();
    // No unsaved edits were open: the open state took the change too.
    expect(snapshotDocument(doc).body[0]).toEqual(hello);
    // The API reports what it set.
    expect(JSON.stringify(Docs.Documents.get(id))).toContain('"tableHeader":true');
    // A listed field without a value goes back to its default; 0 unpins.
    Docs.Documents.batchUpdate(
      {
        requests: [
          pin(7, 0),
          {
            updateParagraphStyle: {
              range: { startIndex: 1, endIndex: 2 },
              paragraphStyle: {},
              fields: 'keepWithNext',
            },
          },
        ],
      },
      id,
    );
    const after = snapshotDocument(doc, { saved: true });
    expect((after.body[1] as TableSnapshot).rows[0].attributes.TABLE_HEADER).toBeUndefined();
    expect((after.body[0] as ParagraphSnapshot).attributes.KEEP_WITH_NEXT).toBeUndefined();
    expect((after.body[0] as ParagraphSnapshot).attributes.KEEP_LINES_TOGETHER).toBe(true);
  });

  test("a location that is not a table start, and every other bad request, fails the whole batch with Google's wording", () => {
    const { Docs, id, doc } = sample();
    const bad = (requests: unknown[]) =>
      thrown(() => Docs.Documents.batchUpdate({ requests }, id)).message;
    const prefix = 'API call to docs.documents.batchUpdate failed with error: Invalid requests';
    expect(bad([pin(7), pin(8)])).toBe(
      `${prefix}[1].pinTableHeaderRows: Invalid table start location. Must specify the start index of the table.`,
    );
    expect(bad([pin(1)])).toContain(`${prefix}[0].pinTableHeaderRows:`);
    expect(bad([pin(7, 3)])).toContain('exceeds the number of rows in the table (2)');
    expect(bad([{}])).toBe(`${prefix}[0]: No request set.`);
    expect(bad([{ ...pin(7), ...keep(1, 3) }])).toContain(
      `${prefix}[0]: More than one request set`,
    );
    expect(
      bad([{ updateParagraphStyle: { ...keep(1, 3).updateParagraphStyle, fields: '' } }]),
    ).toBe(`${prefix}[0].updateParagraphStyle: At least one field must be listed in 'fields'.`);
    expect(bad([keep(26, 32)])).toBe(
      `${prefix}[0].updateParagraphStyle: Index 31 must be less than the end index of the referenced segment, 31.`,
    );
    expect(bad([keep(3, 3)])).toContain('The range should not be empty.');
    // From the body into a table cell (U: refused here).
    expect(bad([keep(1, 11)])).toContain('within one segment or table cell');
    // Atomic: the valid first request was not applied either.
    const snap = snapshotDocument(doc, { saved: true });
    expect((snap.body[1] as TableSnapshot).rows[0].attributes.TABLE_HEADER).toBeUndefined();
  });

  test('request kinds, fields and places not emulated say so instead of being ignored', () => {
    const { Docs, id } = sample();
    const msg = (resource: object) =>
      thrown(() => Docs.Documents.batchUpdate(resource, id)).message;
    expect(
      msg({ requests: [{ insertTable: { location: { index: 1 }, rows: 1, columns: 1 } }] }),
    ).toBe('Docs.Documents.batchUpdate: the request kind insertTable is not emulated');
    expect(msg({ requests: [keep(1, 3, 'indentStart')] })).toContain(
      'the paragraph style field indentStart is not emulated',
    );
    expect(msg({ requests: [{ insertText: { endOfSegmentLocation: {}, text: 'x' } }] })).toContain(
      'the insertText field endOfSegmentLocation is not emulated',
    );
    expect(
      msg({
        requests: [
          {
            updateTextStyle: {
              range: { startIndex: 1, endIndex: 3 },
              textStyle: { weightedFontFamily: { fontFamily: 'Times New Roman', weight: 700 } },
              fields: 'weightedFontFamily',
            },
          },
        ],
      }),
    ).toContain('weight other than 400 is not emulated');
    expect(
      msg({
        requests: [
          { pinTableHeaderRows: { tableStartLocation: { index: 7, segmentId: 'kix.h1' } } },
        ],
      }),
    ).toContain('is not emulated');
    expect(msg({ requests: [], writeControl: {} })).toContain('writeControl is not emulated');
  });

  test('with DocumentApp edits still open, the API changes only the saved state, and a later save writes over it (U, stricter)', () => {
    const { DocumentApp, Docs } = setup();
    const doc = DocumentApp.create('Chồng');
    doc.getBody().appendTable([['h'], ['1']]);
    doc.saveAndClose();
    const open = DocumentApp.openById(doc.getId());
    open.getBody().appendParagraph('chưa lưu');
    Docs.Documents.batchUpdate({ requests: [pin(2)] }, doc.getId());
    const rowsOf = (saved: boolean) =>
      (snapshotDocument(open, { saved }).body[1] as TableSnapshot).rows[0].attributes.TABLE_HEADER;
    expect(rowsOf(true)).toBe(true);
    expect(rowsOf(false)).toBeUndefined();
    open.saveAndClose();
    expect(rowsOf(true)).toBeUndefined();
  });
});

describe('Docs.Documents.batchUpdate: text written through the API', () => {
  /** A saved document holding one paragraph `Hello` in 14 pt, justified; then a 1×1 table. */
  function styled() {
    const s = setup();
    const doc = s.DocumentApp.create('Chữ');
    const body = doc.getBody();
    const first = body.getChild(0).asParagraph();
    first.setText('Hello');
    first.setAttributes({
      FONT_SIZE: 14,
      HORIZONTAL_ALIGNMENT: s.DocumentApp.HorizontalAlignment.JUSTIFY,
    });
    body.appendTable([['x']]);
    doc.saveAndClose();
    const id = doc.getId();
    const paragraphs = () =>
      snapshotDocument(doc, { saved: true }).body.filter(
        (b): b is ParagraphSnapshot => b.type === 'PARAGRAPH',
      );
    return { ...s, doc, id, paragraphs };
  }
  const insert = (index: number, text: string) => ({ insertText: { location: { index }, text } });

  test('a newline makes a paragraph with the style of the one inserted into; \\u000b is a line break; the text takes the style before it', () => {
    const { Docs, id, paragraphs } = styled();
    Docs.Documents.batchUpdate({ requests: [insert(6, ' một\nhai\u000bba\nbốn')] }, id);
    // The body's last paragraph, after the table, is left alone.
    const ps = paragraphs().slice(0, -1);
    expect(ps.map((p) => p.text)).toEqual(['Hello một', 'hai\rba', 'bốn']);
    for (const p of ps) {
      expect(p.attributes.HORIZONTAL_ALIGNMENT).toBe('JUSTIFY');
      expect(p.runs.map((r) => r.attributes.FONT_SIZE)).toEqual([14]);
      expect(p.textStyle.FONT_SIZE).toBe(14);
    }
    // The structure the API reports moved with the text: the table now starts after 3 paragraphs.
    const content = Docs.Documents.get(id).body as { content: Content };
    const table = content.content.find((e) => e.table);
    expect(table?.startIndex).toBe(1 + 'Hello một\nhai\u000bba\nbốn\n'.length);
  });

  test('requests apply in order, each to what the ones before left; control and private-use characters are dropped as Google drops them', () => {
    const { Docs, id, paragraphs } = styled();
    Docs.Documents.batchUpdate(
      {
        requests: [
          { deleteContentRange: { range: { startIndex: 1, endIndex: 6 } } },
          insert(1, 'A\u0007\ue000B\nC'),
          {
            updateTextStyle: {
              range: { startIndex: 1, endIndex: 4 },
              textStyle: {
                bold: true,
                fontSize: { magnitude: 13, unit: 'PT' },
                weightedFontFamily: { fontFamily: 'Times New Roman' },
                foregroundColor: { color: { rgbColor: { red: 1 } } },
              },
              fields: 'bold,fontSize,weightedFontFamily,foregroundColor',
            },
          },
          {
            updateParagraphStyle: {
              range: { startIndex: 4, endIndex: 5 },
              paragraphStyle: {
                alignment: 'CENTER',
                lineSpacing: 115,
                spaceAbove: { magnitude: 6, unit: 'PT' },
                indentFirstLine: { magnitude: 36, unit: 'PT' },
              },
              fields: 'alignment,lineSpacing,spaceAbove,spaceBelow,indentFirstLine',
            },
          },
        ],
      },
      id,
    );
    const [ab, c] = paragraphs();
    expect(ab.text).toBe('AB');
    expect(ab.attributes.HORIZONTAL_ALIGNMENT).toBe('JUSTIFY');
    const bold = {
      BOLD: true,
      FONT_SIZE: 13,
      FONT_FAMILY: 'Times New Roman',
      FOREGROUND_COLOR: '#ff0000',
    };
    expect(ab.runs).toEqual([{ text: 'AB', attributes: expect.objectContaining(bold) }]);
    // Its newline was in the range: new text at its end takes the same style.
    expect(ab.textStyle).toEqual(expect.objectContaining(bold));
    expect(c.text).toBe('C');
    expect(c.attributes).toEqual(
      expect.objectContaining({
        HORIZONTAL_ALIGNMENT: 'CENTER',
        LINE_SPACING: 1.15,
        SPACING_BEFORE: 6,
        INDENT_FIRST_LINE: 36,
      }),
    );
    // Outside the text-style range: the style the text took when inserted.
    expect(c.runs).toEqual([{ text: 'C', attributes: expect.objectContaining({ FONT_SIZE: 14 }) }]);
    expect(c.runs[0].attributes.BOLD ?? null).toBeNull();
  });

  test("an index outside a paragraph, an empty text and a bad value fail the whole batch with Google's wording", () => {
    const { Docs, id, paragraphs } = styled();
    const bad = (requests: unknown[]) =>
      thrown(() => Docs.Documents.batchUpdate({ requests }, id)).message;
    const prefix = 'API call to docs.documents.batchUpdate failed with error: Invalid requests';
    // Index 7 is the table's start.
    expect(bad([insert(1, 'x'), insert(8, 'y')])).toBe(
      `${prefix}[1].insertText: The insertion index must be inside the bounds of an existing paragraph. You can still create new paragraphs by inserting newlines.`,
    );
    expect(bad([insert(1, '')])).toContain(`${prefix}[0].insertText:`);
    expect(
      bad([
        {
          updateTextStyle: {
            range: { startIndex: 1, endIndex: 3 },
            textStyle: { fontSize: { magnitude: 12 } },
            fields: 'fontSize',
          },
        },
      ]),
    ).toContain(`${prefix}[0].updateTextStyle: Invalid value at 'textStyle.fontSize'`);
    // The first request of each batch was valid, and nothing was applied.
    expect(paragraphs()[0].text).toBe('Hello');
  });
});

describe('what the pinned header row does to the PDF Drive makes', () => {
  withPdfText(
    `a long table prints its header row again at the top of each page${pdfTextNote}`,
    () => {
      const { DocumentApp, Docs } = setup();
      const doc = DocumentApp.create('Dài');
      const rows = Array.from({ length: 120 }, (_, k) => [String(k + 1), `Đơn vị số ${k + 1}`]);
      doc.getBody().appendTable([['STT', 'Tên đơn vị kiểm tra'], ...rows]);
      doc.saveAndClose();
      const pages = () =>
        pdfToText(DocumentApp._open(doc.getId())!.getAs('application/pdf')._buffer())
          .split('\f')
          .filter((p) => p.trim() !== '');
      const before = pages();
      expect(before.length).toBeGreaterThan(2);
      expect(before.filter((p) => p.includes('Tên đơn vị kiểm tra'))).toHaveLength(1);
      Docs.Documents.batchUpdate({ requests: [pin(2)] }, doc.getId());
      const after = pages();
      expect(after.every((p) => p.includes('Tên đơn vị kiểm tra'))).toBe(true);
    },
  );
});

describe('the Docs global in an execution', () => {
  const exact = (options: Parameters<typeof createWorkspace>[0] = {}) =>
    createWorkspace({
      start: new Date('2019-02-18T01:00:00Z'),
      jsFactor: 0,
      startupMs: 0,
      ...options,
    });
  const CODE = `
    function probe() { return typeof Docs; }
    function pinFirst() {
      var doc = DocumentApp.create('x');
      doc.getBody().appendTable([['h'], ['1']]);
      doc.saveAndClose();
      var id = doc.getId();
      var t0 = Date.now();
      var table = Docs.Documents.get(id).body.content.filter(function (e) { return e.table; })[0];
      var t1 = Date.now();
      Docs.Documents.batchUpdate({ requests: [{ pinTableHeaderRows: {
        tableStartLocation: { index: table.startIndex }, pinnedHeaderRowsCount: 1 } }] }, id);
      return [t1 - t0, Date.now() - t1];
    }`;

  test('the manifest enables it (Docs v1); without it `Docs` is undefined, as on Google', () => {
    expect(manifestAdvancedServices()).toContainEqual({
      userSymbol: 'Docs',
      serviceId: 'docs',
      version: 'v1',
    });
    expect(exact().run(CODE, 'probe')).toBe('object');
    expect(exact({ advancedServices: [] }).run(CODE, 'probe')).toBe('undefined');
    const dir = mkdtempSync(join(tmpdir(), 'ktcv-manifest-'));
    const file = join(dir, 'appsscript.json');
    writeFileSync(file, JSON.stringify({ timeZone: 'Asia/Ho_Chi_Minh' }));
    expect(manifestAdvancedServices([file])).toEqual([]);
    expect(() =>
      exact({ advancedServices: [{ userSymbol: 'Sheets', serviceId: 'sheets', version: 'v4' }] }),
    ).toThrow('The advanced service sheets v4 is not emulated.');
  });

  test('each call is a server round trip: get 0.5 s, batchUpdate 1 s and 10 ms a request it carries', () => {
    expect(exact().run(CODE, 'pinFirst')).toEqual([500, 1010]);
    expect(familyOf('Docs.Documents', 'Docs.Documents')).toBe('Docs');
    expect(
      priceOf({
        service: 'Docs.Documents',
        method: 'batchUpdate',
        family: 'Docs',
        cells: 0,
        items: 0,
        attachments: false,
      }),
    ).toEqual({ ms: 1000, kind: 'server' });
    expect(
      priceOf({
        service: 'Docs.Documents',
        method: 'batchUpdate',
        family: 'Docs',
        cells: 0,
        items: 300,
        attachments: false,
      }).ms,
    ).toBe(4000);
  });

  test('its calls count against the 6-minute limit like any other', () => {
    const ws = exact();
    const code = `${CODE}
      function late() {
        var doc = DocumentApp.create('y');
        doc.saveAndClose();
        Utilities.sleep(6 * 60 * 1000 - 3000 - 3000 - 200);
        Docs.Documents.get(doc.getId());
      }`;
    expect(() => ws.run(code, 'late')).toThrow('Exceeded maximum execution time');
    expect(ws.executions[ws.executions.length - 1].calls['Docs.Documents.get']).toBe(1);
  });

  test("scopes: documents (or drive) is needed; the fault injector reaches it with the API's texts", () => {
    const narrow = exact({ oauthScopes: [`${AUTH}spreadsheets.currentonly`, `${AUTH}documents`] });
    expect(narrow.run(CODE, 'pinFirst')).toHaveLength(2);
    const ws = exact({
      oauthScopes: [`${AUTH}spreadsheets.currentonly`, `${AUTH}documents.readonly`],
    });
    expect(() => ws.run(CODE, 'pinFirst')).toThrow(/Required permissions: .*auth\/documents/);
    const faulty = exact();
    faulty.faults.failAt({ call: 1, method: 'Docs.Documents.batchUpdate' });
    expect(() => faulty.run(CODE, 'pinFirst')).toThrow(
      'API call to docs.documents.batchUpdate failed with error: Internal error encountered.',
    );
  });
});
