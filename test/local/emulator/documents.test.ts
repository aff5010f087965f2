// DocumentApp emulator against reference §4 and gas-fakes' live-run tests, by source.

import type { DocModel } from '../../../src/core/report';
import { balancedLines, fitWidths, TEXT_WIDTH, writeDoc } from '../../../src/gas/documents';
import { CallLog } from '../../../src/local/emulator/calls';
import { VirtualClock } from '../../../src/local/emulator/clock';
import {
  createDocumentApp,
  createDocumentServices,
  type EmuParagraph,
  type ParagraphSnapshot,
  snapshotDocument,
  type TableSnapshot,
} from '../../../src/local/emulator/documents';
import { GOOGLE_DOC_MIME } from '../../../src/local/emulator/drive';
import { pdfTextNote, pdfToText, withPdfText } from '../export/pdf-text';

function thrown(fn: () => unknown): Error {
  try {
    fn();
  } catch (e) {
    return e as Error;
  }
  throw new Error('expected a throw');
}

const setup = (options: { exportsSeeUnsavedEdits?: boolean } = {}) => {
  const log = new CallLog();
  const { DocumentApp, DriveApp } = createDocumentServices(log, new VirtualClock(), options);
  return { log, DocumentApp, DriveApp };
};

const CLOSED = 'Document is closed, its contents cannot be updated.';

/** The PDF's text as a reader's tool extracts it. */
const pdfText = (blob: { _buffer(): Buffer }): string => pdfToText(blob._buffer());

describe('DocumentApp: documents and Drive (reference §4)', () => {
  test('create makes a Google Doc file in the Drive root; the body holds one empty paragraph (GF notes/oddities.md)', () => {
    const { DocumentApp, DriveApp } = setup();
    const doc = DocumentApp.create('Báo cáo tuần 08');
    const file = DriveApp.getFileById(doc.getId());
    expect(file.getMimeType()).toBe(GOOGLE_DOC_MIME);
    expect(file.getName()).toBe('Báo cáo tuần 08');
    expect(file.getParents().next().getId()).toBe(DriveApp.getRootFolder().getId());
    const body = doc.getBody();
    expect(body.getNumChildren()).toBe(1);
    expect(String(body.getChild(0).getType())).toBe('PARAGRAPH');
    expect(body.getText()).toBe('');
    expect(doc.getId()).toHaveLength(44);
  });

  test('getName/setName follow the Drive file; toString names live classes (GF:test/testdocs.js)', () => {
    const { DocumentApp, DriveApp } = setup();
    const doc = DocumentApp.create('A');
    doc.setName('B');
    expect(DriveApp.getFileById(doc.getId()).getName()).toBe('B');
    expect(doc.getName()).toBe('B');
    expect(String(doc)).toBe('Document');
    expect(String(doc.getBody())).toBe('DocumentBodySection');
  });

  test('openById of an unknown id throws the "is missing" error (C); openByUrl takes getUrl() (U: URL form)', () => {
    const { DocumentApp } = setup();
    expect(thrown(() => DocumentApp.openById('nope')).message).toBe(
      "Document nope is missing (perhaps it was deleted, or you don't have read access?)",
    );
    const doc = DocumentApp.create('X');
    expect(DocumentApp.openByUrl(doc.getUrl()).getId()).toBe(doc.getId());
    expect(
      DocumentApp.openByUrl(`https://docs.google.com/document/d/${doc.getId()}/edit`).getId(),
    ).toBe(doc.getId());
  });

  test('getActiveDocument is null for a spreadsheet-bound script (U)', () => {
    const { DocumentApp } = setup();
    expect(DocumentApp.getActiveDocument()).toBeNull();
  });

  test('after saveAndClose every edit throws the closed-document error; openById gives a fresh, editable handle (C)', () => {
    const { DocumentApp } = setup();
    const doc = DocumentApp.create('Biên bản');
    const body = doc.getBody();
    const p = body.appendParagraph('trước');
    doc.saveAndClose();
    expect(thrown(() => body.appendParagraph('sau')).message).toBe(CLOSED);
    expect(thrown(() => p.setText('sau')).message).toBe(CLOSED);
    expect(thrown(() => p.editAsText().setBold(true)).message).toBe(CLOSED);
    expect(thrown(() => doc.setName('khác')).message).toBe(CLOSED);
    expect(thrown(() => doc.addHeader()).message).toBe(CLOSED);
    const e = thrown(() => body.clear());
    expect(e.name).toBe('Exception');
    // Reads stay allowed (U), so doc.getAs after saveAndClose works as commonly written.
    expect(body.getText()).toBe('\ntrước');
    const again = DocumentApp.openById(doc.getId());
    again.getBody().appendParagraph('sau');
    expect(again.getBody().getText()).toBe('\ntrước\nsau');
  });

  test('Body.getText joins paragraphs with \\n, the first empty paragraph included (GF:test/testdocs.js)', () => {
    const { DocumentApp } = setup();
    const body = DocumentApp.create('T').getBody();
    body.appendParagraph('p1');
    expect(body.getText()).toBe('\np1');
  });

  test('a new page is Letter 612×792 with 72 pt margins (U); A4 and NĐ 30 margins can be set in points', () => {
    const { DocumentApp } = setup();
    const doc = DocumentApp.create('A4');
    const body = doc.getBody();
    expect([body.getPageWidth(), body.getPageHeight(), body.getMarginTop()]).toEqual([
      612, 792, 72,
    ]);
    body
      .setPageWidth(595.276)
      .setPageHeight(841.89)
      .setMarginTop(56.69)
      .setMarginBottom(56.69)
      .setMarginLeft(85.04)
      .setMarginRight(56.69);
    expect(body.getPageWidth()).toBe(595.276);
    expect(body.getMarginLeft()).toBe(85.04);
    expect(snapshotDocument(doc).page).toEqual({
      width: 595.276,
      height: 841.89,
      marginTop: 56.69,
      marginBottom: 56.69,
      marginLeft: 85.04,
      marginRight: 56.69,
    });
    body.setAttributes({ [String(DocumentApp.Attribute.MARGIN_TOP)]: 70 });
    expect(body.getMarginTop()).toBe(70);
  });
});

describe('DocumentApp: paragraphs, text runs and attributes (DT/document)', () => {
  test('attributes round-trip: setAttributes then getAttributes, keys from DocumentApp.Attribute', () => {
    const { DocumentApp } = setup();
    const body = DocumentApp.create('Attrs').getBody();
    const A = DocumentApp.Attribute;
    const p = body.appendParagraph('Kính gửi: Ủy ban nhân dân huyện');
    const style: Record<string, unknown> = {};
    style[String(A.BOLD)] = true;
    style[String(A.FONT_SIZE)] = 13;
    style[String(A.FONT_FAMILY)] = 'Times New Roman';
    style[String(A.FOREGROUND_COLOR)] = '#000000';
    style[String(A.HORIZONTAL_ALIGNMENT)] = DocumentApp.HorizontalAlignment.JUSTIFY;
    style[String(A.INDENT_FIRST_LINE)] = 28.35;
    style[String(A.SPACING_AFTER)] = 6;
    style[String(A.LINE_SPACING)] = 1.15;
    p.setAttributes(style);
    const back = p.getAttributes();
    expect(back.BOLD).toBe(true);
    expect(back.FONT_SIZE).toBe(13);
    expect(back.FONT_FAMILY).toBe('Times New Roman');
    expect(back.FOREGROUND_COLOR).toBe('#000000');
    expect(back.HORIZONTAL_ALIGNMENT).toBe(DocumentApp.HorizontalAlignment.JUSTIFY);
    expect(back.INDENT_FIRST_LINE).toBe(28.35);
    expect(back.SPACING_AFTER).toBe(6);
    expect(back.LINE_SPACING).toBe(1.15);
    expect(back.HEADING).toBe(DocumentApp.ParagraphHeading.NORMAL);
    // Unset keys read null (U: live fills some defaults for NORMAL paragraphs).
    expect(back.ITALIC).toBeNull();
    expect(p.getAlignment()).toBe(DocumentApp.HorizontalAlignment.JUSTIFY);
    expect(p.getIndentFirstLine()).toBe(28.35);
    // null clears an attribute.
    p.setAttributes({ BOLD: null });
    expect(p.getAttributes().BOLD).toBeNull();
    // Text attributes land on the characters, paragraph ones on the paragraph.
    const snap = snapshotDocument(p._doc!).body[1] as ParagraphSnapshot;
    expect(snap.attributes).toEqual({
      HORIZONTAL_ALIGNMENT: 'JUSTIFY',
      INDENT_FIRST_LINE: 28.35,
      SPACING_AFTER: 6,
      LINE_SPACING: 1.15,
    });
    expect(snap.runs).toEqual([
      {
        text: 'Kính gửi: Ủy ban nhân dân huyện',
        attributes: { FONT_SIZE: 13, FONT_FAMILY: 'Times New Roman', FOREGROUND_COLOR: '#000000' },
      },
    ]);
  });

  test('enums compare == to their names; a string where an enum is due gives the signature error (U)', () => {
    const { DocumentApp } = setup();
    const p = DocumentApp.create('E').getBody().appendParagraph('x');
    p.setHeading(DocumentApp.ParagraphHeading.HEADING1);
    // biome-ignore lint/suspicious/noDoubleEquals: Apps Script enums compare == to names.
    expect(p.getHeading() == ('HEADING1' as unknown)).toBe(true);
    expect(thrown(() => p.setHeading('HEADING2' as never)).message).toBe(
      "The parameters (String) don't match the method signature for DocumentApp.Paragraph.setHeading.",
    );
  });

  test('Text keeps run-level ranges: setBold(start, end) and whole-text setters (DT/document Text)', () => {
    const { DocumentApp } = setup();
    const doc = DocumentApp.create('Runs');
    const p = doc.getBody().appendParagraph('Số: 12/BC-UBND');
    const text = p.editAsText();
    text.setFontSize(13).setFontFamily('Times New Roman');
    text.setBold(0, 2, true).setItalic(5, 6, true).setForegroundColor(0, 2, '#ff0000');
    expect(text.isBold(0)).toBe(true);
    expect(text.isBold(4)).toBeNull();
    expect(text.isBold()).toBeNull();
    expect(text.getFontSize()).toBe(13);
    expect(text.getTextAttributeIndices()).toEqual([0, 3, 5, 7]);
    const snap = snapshotDocument(doc).body[1] as ParagraphSnapshot;
    expect(snap.runs).toEqual([
      {
        text: 'Số:',
        attributes: {
          FONT_SIZE: 13,
          FONT_FAMILY: 'Times New Roman',
          BOLD: true,
          FOREGROUND_COLOR: '#ff0000',
        },
      },
      { text: ' 1', attributes: { FONT_SIZE: 13, FONT_FAMILY: 'Times New Roman' } },
      { text: '2/', attributes: { FONT_SIZE: 13, FONT_FAMILY: 'Times New Roman', ITALIC: true } },
      { text: 'BC-UBND', attributes: { FONT_SIZE: 13, FONT_FAMILY: 'Times New Roman' } },
    ]);
    expect(thrown(() => text.setBold(3, 99, true)).name).toBe('Exception');
    expect(thrown(() => text.setBold('yes' as never)).message).toBe(
      "The parameters (String) don't match the method signature for DocumentApp.Text.setBold.",
    );
  });

  test('appendText returns a new Text run that takes the style before it (U), and setLinkUrl marks a range', () => {
    const { DocumentApp } = setup();
    const doc = DocumentApp.create('Append');
    const p = doc.getBody().appendParagraph('');
    p.appendText('Nơi nhận:').setBold(true).setItalic(true);
    const rest = p.appendText(' các đơn vị');
    expect(rest.isBold()).toBe(true);
    rest.setBold(false).setItalic(false);
    p.appendText(' (xem)').setLinkUrl(2, 4, 'https://example.com');
    expect(p.getText()).toBe('Nơi nhận: các đơn vị (xem)');
    expect(p.getNumChildren()).toBe(3);
    const snap = snapshotDocument(doc).body[1] as ParagraphSnapshot;
    expect(snap.children.map((c) => c.type)).toEqual(['TEXT', 'TEXT', 'TEXT']);
    expect(snap.runs.map((r) => [r.text, r.attributes])).toEqual([
      ['Nơi nhận:', { BOLD: true, ITALIC: true }],
      [' các đơn vị (', { BOLD: false, ITALIC: false }],
      ['xem', { BOLD: false, ITALIC: false, LINK_URL: 'https://example.com' }],
      [')', { BOLD: false, ITALIC: false }],
    ]);
  });

  test('\\n in a paragraph becomes \\r (V, DT/document Paragraph)', () => {
    const { DocumentApp } = setup();
    const p = DocumentApp.create('NL').getBody().appendParagraph('dòng 1\ndòng 2');
    expect(p.getText()).toBe('dòng 1\rdòng 2');
  });

  test('replaceText replaces within paragraphs, keeping the style of the replaced text (DT/document)', () => {
    const { DocumentApp } = setup();
    const body = DocumentApp.create('R').getBody();
    const p = body.appendParagraph('Xã {{unit}}: {{score}} điểm');
    p.editAsText().setBold(3, 10, true);
    body.replaceText('\\{\\{unit\\}\\}', 'An Mỹ').replaceText('\\{\\{score\\}\\}', '95');
    expect(p.getText()).toBe('Xã An Mỹ: 95 điểm');
    expect(p.editAsText().isBold(3)).toBe(true);
    expect(p.editAsText().isBold(10)).toBeNull();
  });

  test('list items: glyph, nesting, consecutive items share a list id (U)', () => {
    const { DocumentApp } = setup();
    const body = DocumentApp.create('L').getBody();
    const a = body.appendListItem('Một').setGlyphType(DocumentApp.GlyphType.NUMBER);
    const b = body.appendListItem('Hai').setNestingLevel(1);
    expect(String(a.getGlyphType())).toBe('NUMBER');
    expect(b.getNestingLevel()).toBe(1);
    expect(a.getListId()).toBe(b.getListId());
    expect(body.getListItems()).toHaveLength(2);
    expect(String(b.getType())).toBe('LIST_ITEM');
  });

  test('removing the last paragraph of a section throws (C-weak text)', () => {
    const { DocumentApp } = setup();
    const body = DocumentApp.create('Rm').getBody();
    expect(thrown(() => body.removeChild(body.getChild(0))).message).toBe(
      "Can't remove the last paragraph in a document section.",
    );
    const p = body.appendParagraph('x');
    body.removeChild(body.getChild(0));
    expect(body.getNumChildren()).toBe(1);
    expect(body.getChild(0).getText()).toBe(p.getText());
  });

  test('a detached copy can be appended once; an attached element cannot (U text)', () => {
    const { DocumentApp } = setup();
    const body = DocumentApp.create('Copy').getBody();
    const p = body.appendParagraph('mẫu');
    const copy = p.copy() as EmuParagraph;
    body.appendParagraph(copy);
    expect(body.getText()).toBe('\nmẫu\nmẫu');
    expect(thrown(() => body.appendParagraph(p)).message).toBe('Element must be detached.');
  });
});

describe('DocumentApp: tables (reference §4; DT/document Table, TableCell)', () => {
  test('appendTable(cells) also appends an empty paragraph after the table (V, reference §4; GF:test/testdocs.js)', () => {
    const { DocumentApp } = setup();
    const body = DocumentApp.create('T').getBody();
    const table = body.appendTable([
      ['STT', 'Đơn vị'],
      ['1', 'Xã An Mỹ'],
    ]);
    const n = body.getNumChildren();
    expect(n).toBe(3);
    expect(String(body.getChild(n - 2).getType())).toBe('TABLE');
    expect(String(body.getChild(n - 1).getType())).toBe('PARAGRAPH');
    expect(body.getChild(n - 1).getText()).toBe('');
    expect(table.getNumRows()).toBe(2);
    expect(table.getCell(1, 1).getText()).toBe('Xã An Mỹ');
    expect(table.getRow(0).getNumCells()).toBe(2);
  });

  test('appendTable() with no cells makes a table stub without rows (GF notes/oddities.md)', () => {
    const { DocumentApp } = setup();
    const body = DocumentApp.create('T').getBody();
    const table = body.appendTable();
    expect(table.getNumRows()).toBe(0);
    const row = table.appendTableRow();
    row.appendTableCell('a');
    row.appendTableCell();
    expect(table.getNumRows()).toBe(1);
    expect(table.getCell(0, 0).getText()).toBe('a');
    expect(table.getCell(0, 1).getNumChildren()).toBe(1);
  });

  test('cells that are not strings give the signature error: numbers, Dates, null (U: reference §4)', () => {
    const { DocumentApp } = setup();
    const body = DocumentApp.create('T').getBody();
    const message = (types: string) =>
      `The parameters (${types}) don't match the method signature for DocumentApp.Body.appendTable.`;
    expect(thrown(() => body.appendTable([[1, 2]] as never)).message).toBe(message('number[][]'));
    expect(thrown(() => body.appendTable([['a', 1]] as never)).message).toBe(message('Object[][]'));
    expect(thrown(() => body.appendTable([[new Date(0)]] as never)).message).toBe(
      message('Date[][]'),
    );
    expect(thrown(() => body.appendTable([['a', null]] as never)).name).toBe('Exception');
    // Nothing was appended by the failed calls.
    expect(body.getNumChildren()).toBe(1);
  });

  test('cell styles, borders, widths and padding reach the snapshot; a cell holds paragraphs', () => {
    const { DocumentApp } = setup();
    const doc = DocumentApp.create('Header block');
    const table = doc.getBody().appendTable([['ỦY BAN NHÂN DÂN\nHUYỆN MỸ ĐỨC', 'CỘNG HÒA…']]);
    table.setBorderWidth(0).setBorderColor('#ffffff').setColumnWidth(0, 200);
    const cell = table.getCell(0, 0);
    cell
      .setBackgroundColor('#eeeeee')
      .setVerticalAlignment(DocumentApp.VerticalAlignment.TOP)
      .setPaddingTop(2)
      .setPaddingLeft(0)
      .setWidth(200);
    cell.editAsText().setBold(true);
    cell.getChild(1).asParagraph().setAlignment(DocumentApp.HorizontalAlignment.CENTER);
    const extra = cell.appendParagraph('Số: 12/BC-UBND');
    expect(cell.getNumChildren()).toBe(3);
    expect(extra.editAsText().isBold()).toBeNull();
    expect(table.getBorderWidth()).toBe(0);
    expect(table.getColumnWidth(0)).toBe(200);
    expect(table.getColumnWidth(1)).toBeNull();
    const snap = snapshotDocument(doc).body[1] as TableSnapshot;
    expect(snap.attributes).toEqual({ BORDER_WIDTH: 0, BORDER_COLOR: '#ffffff' });
    expect(snap.columnWidths).toEqual([200, null]);
    const c = snap.rows[0].cells[0];
    expect(c.attributes).toEqual({
      BACKGROUND_COLOR: '#eeeeee',
      VERTICAL_ALIGNMENT: 'TOP',
      PADDING_TOP: 2,
      PADDING_LEFT: 0,
      WIDTH: 200,
    });
    expect(c.children.map((p) => (p as ParagraphSnapshot).text)).toEqual([
      'ỦY BAN NHÂN DÂN',
      'HUYỆN MỸ ĐỨC',
      'Số: 12/BC-UBND',
    ]);
    expect((c.children[1] as ParagraphSnapshot).attributes).toEqual({
      HORIZONTAL_ALIGNMENT: 'CENTER',
    });
    expect((c.children[0] as ParagraphSnapshot).runs[0].attributes).toEqual({ BOLD: true });
  });

  test('getParagraphs includes the paragraphs in table cells (U); getTables lists tables', () => {
    const { DocumentApp } = setup();
    const body = DocumentApp.create('P').getBody();
    body.appendParagraph('a');
    body.appendTable([['b', 'c']]);
    expect(body.getParagraphs().map((p) => p.getText())).toEqual(['', 'a', 'b', 'c', '']);
    expect(body.getTables()).toHaveLength(1);
  });
});

describe('DocumentApp: headers, footers, page breaks', () => {
  test('header and footer are null until added and hold paragraphs and tables; a second header throws (U)', () => {
    const { DocumentApp } = setup();
    const doc = DocumentApp.create('H');
    expect(doc.getHeader()).toBeNull();
    expect(doc.getFooter()).toBeNull();
    const header = doc.addHeader();
    expect(header.getNumChildren()).toBe(1);
    header.getChild(0).asParagraph().setText('ỦY BAN NHÂN DÂN');
    header.appendTable([['a']]);
    doc.addFooter().appendParagraph('Nơi nhận:');
    expect(thrown(() => doc.addHeader()).name).toBe('Exception');
    const snap = snapshotDocument(doc);
    expect(snap.header?.map((b) => b.type)).toEqual(['PARAGRAPH', 'TABLE', 'PARAGRAPH']);
    expect((snap.footer![1] as ParagraphSnapshot).text).toBe('Nơi nhận:');
    // A page-number field is not creatable from Apps Script; the emulator offers none.
    expect('appendPageNumber' in header).toBe(false);
  });

  test('appendPageBreak adds a paragraph holding the break (DT/document Body)', () => {
    const { DocumentApp } = setup();
    const doc = DocumentApp.create('PB');
    const body = doc.getBody();
    const pb = body.appendPageBreak();
    expect(String(pb.getType())).toBe('PAGE_BREAK');
    expect(body.getNumChildren()).toBe(2);
    const snap = snapshotDocument(doc).body[1] as ParagraphSnapshot;
    expect(snap.children).toEqual([{ type: 'PAGE_BREAK' }]);
    body.appendHorizontalRule();
    expect((snapshotDocument(doc).body[2] as ParagraphSnapshot).children).toEqual([
      { type: 'HORIZONTAL_RULE' },
    ]);
  });
});

describe('DocumentApp: export through Drive (reference §4; REF:reference/base/blob#getAs)', () => {
  test('getAs(application/pdf) names at the last dot and gives a PDF that starts %PDF- and ends %%EOF (V)', () => {
    const { DocumentApp } = setup();
    const doc = DocumentApp.create('Q1.2024 report');
    doc.getBody().appendParagraph('Hello inspections');
    doc.saveAndClose();
    const blob = doc.getAs('application/pdf');
    expect(blob.getName()).toBe('Q1.pdf');
    expect(blob.getContentType()).toBe('application/pdf');
    const bytes = blob._buffer().toString('latin1');
    expect(bytes.startsWith('%PDF-')).toBe(true);
    expect(bytes.trimEnd().endsWith('%%EOF')).toBe(true);
    expect(DocumentApp.create('Report').getBlob().getName()).toBe('Report.pdf');
  });

  withPdfText(`the PDF carries the text of the Doc${pdfTextNote}`, () => {
    const { DocumentApp } = setup();
    const doc = DocumentApp.create('Q1.2024 report');
    doc.getBody().appendParagraph('Hello inspections');
    doc.saveAndClose();
    expect(pdfText(doc.getAs('application/pdf'))).toContain('Hello inspections');
  });

  withPdfText(
    `exports render the last saved state: saveAndClose or the end of the execution saves (U)${pdfTextNote}`,
    () => {
      const { DocumentApp, DriveApp } = setup();
      const doc = DocumentApp.create('Stale');
      doc.getBody().appendParagraph('Unsaved words');
      const file = DriveApp.getFileById(doc.getId());
      expect(pdfText(file.getAs('application/pdf'))).not.toContain('Unsaved');
      DocumentApp._endExecution();
      expect(pdfText(file.getAs('application/pdf'))).toContain('Unsaved words');
      const fresh = setup({ exportsSeeUnsavedEdits: true });
      const d2 = fresh.DocumentApp.create('Live');
      d2.getBody().appendParagraph('Visible now');
      expect(pdfText(d2.getAs('application/pdf'))).toContain('Visible now');
    },
  );

  test('File.makeCopy of a Doc gives a new Doc with the saved content, openable by id (template copies)', () => {
    const { DocumentApp, DriveApp } = setup();
    const template = DocumentApp.create('Mẫu biên bản');
    template.getBody().appendParagraph('Đơn vị: {{unit}}');
    template.saveAndClose();
    const copy = DriveApp.getFileById(template.getId()).makeCopy('Biên bản An Mỹ');
    const doc = DocumentApp.openById(copy.getId());
    doc.getBody().replaceText('\\{\\{unit\\}\\}', 'Xã An Mỹ');
    expect(doc.getName()).toBe('Biên bản An Mỹ');
    expect(doc.getBody().getText()).toBe('\nĐơn vị: Xã An Mỹ');
    expect(DocumentApp.openById(template.getId()).getBody().getText()).toBe('\nĐơn vị: {{unit}}');
  });

  test('a Doc converts to PDF only (U text for other types)', () => {
    const { DocumentApp } = setup();
    const doc = DocumentApp.create('D');
    expect(thrown(() => doc.getAs('text/plain')).message).toBe(
      'Converting from application/vnd.google-apps.document to text/plain is not supported.',
    );
  });

  withPdfText(`the PDF keeps every Vietnamese letter, in an embedded serif${pdfTextNote}`, () => {
    const { DocumentApp } = setup();
    const doc = DocumentApp.create('Biên bản');
    const body = doc.getBody();
    body.appendParagraph('ỦY BAN NHÂN DÂN HUYỆN MỸ ĐỨC').editAsText().setBold(true);
    body.appendParagraph('CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM').editAsText().setItalic(true);
    body.appendTable([
      ['Mã', 'Kết quả'],
      ['C8', 'Không đạt – vi phạm nghiêm trọng'],
    ]);
    // Every precomposed Vietnamese letter, both cases, in one paragraph.
    const letters =
      'ăâđêôơư àảãáạ ằẳẵắặ ầẩẫấậ èẻẽéẹ ềểễếệ ìỉĩíị òỏõóọ ồổỗốộ ờởỡớợ ùủũúụ ừửữứự ỳỷỹýỵ';
    body.appendParagraph(`${letters} ${letters.toUpperCase()}`);
    doc.saveAndClose();
    const bytes = doc.getAs('application/pdf')._buffer();
    // The font is in the file (a viewer needs nothing installed), as TrueType font programs.
    expect(bytes.toString('latin1')).toContain('/FontFile2');
    // Lines wrap where the page ends: compare with whitespace collapsed.
    const text = pdfText(doc.getAs('application/pdf')).normalize('NFC').replace(/\s+/g, ' ');
    expect(text).toContain('ỦY BAN NHÂN DÂN HUYỆN MỸ ĐỨC');
    expect(text).toContain('CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM');
    expect(text).toContain('Không đạt – vi phạm nghiêm trọng');
    expect(text).toContain(letters);
    expect(text).toContain(letters.toUpperCase());
  });

  withPdfText(
    `an unbroken 10,000-character token and a long note are laid out, wrapped, not lost${pdfTextNote}`,
    () => {
      const { DocumentApp } = setup();
      const doc = DocumentApp.create('Dài');
      const body = doc.getBody();
      body.appendParagraph(`Mở đầu ${'x'.repeat(10000)} kết thúc`);
      body.appendTable([['Ghi chú'], [`Ghi chú dài ${'ờ'.repeat(20000)}`]]);
      body.appendParagraph(`Đoạn cuối ${'lời ghi chép '.repeat(10000)}hết.`);
      doc.saveAndClose();
      const text = pdfText(doc.getAs('application/pdf'));
      const pages = text.split('\f').length - 1;
      expect(pages).toBeGreaterThan(20);
      expect(text.replace(/\s+/g, '')).toContain(`Mởđầu${'x'.repeat(10000)}kếtthúc`);
      expect(text).toContain('Ghi chú dài');
      expect((text.match(/ờ/g) ?? []).length).toBeGreaterThanOrEqual(20000 + 10000);
      expect(text).toContain('hết.');
    },
  );

  test('document sharing delegates to Drive and is hierarchical (GF:test/testdocs.js)', () => {
    const { DocumentApp } = setup();
    const doc = DocumentApp.create('S');
    doc.addEditor('editor@example.com').addViewer('viewer@example.com');
    expect(doc.getEditors().map((u) => u.getEmail())).toEqual([
      'owner@example.com',
      'editor@example.com',
    ]);
    expect(doc.getViewers().map((u) => u.getEmail())).toEqual([
      'owner@example.com',
      'editor@example.com',
      'viewer@example.com',
    ]);
  });
});

describe('DocumentApp: calls counted by class (calls.ts)', () => {
  test('each method call is counted under its class name; snapshots and hooks count nothing', () => {
    const { DocumentApp, log } = setup();
    const doc = DocumentApp.create('Count');
    const body = doc.getBody();
    const p = body.appendParagraph('a');
    p.editAsText().setBold(true);
    const t = body.appendTable([['x']]);
    t.getCell(0, 0).setBackgroundColor('#eeeeee');
    t.getRow(0).getCell(0);
    doc.addHeader().appendParagraph('h');
    doc.addFooter().appendListItem('f');
    {
      const counts = Object.fromEntries(log.counts);
      expect(counts).toEqual({
        'DocumentApp.create': 1,
        'Document.getBody': 1,
        'Body.appendParagraph': 1,
        'Paragraph.editAsText': 1,
        'Text.setBold': 1,
        'Body.appendTable': 1,
        'Table.getCell': 1,
        'TableCell.setBackgroundColor': 1,
        'Table.getRow': 1,
        'TableRow.getCell': 1,
        'Document.addHeader': 1,
        'HeaderSection.appendParagraph': 1,
        'Document.addFooter': 1,
        'FooterSection.appendListItem': 1,
      });
    }
    const total = log.total();
    snapshotDocument(doc);
    DocumentApp._open(doc.getId());
    DocumentApp._endExecution();
    expect(log.total()).toBe(total + 1);
  });

  test('createDocumentApp makes its own Drive when none is given', () => {
    const log = new CallLog();
    const app = createDocumentApp(log, new VirtualClock());
    const doc = app.create('Own');
    expect(app._drive._item(doc.getId())?.mimeType).toBe(GOOGLE_DOC_MIME);
  });
});

describe('renderInto (src/gas/documents.ts) on the emulated DocumentApp: laid out as signed paper is', () => {
  const model: DocModel = {
    name: 'Biên bản kiểm tra Xã Xuy Xá',
    header: {
      parent: '',
      body: 'Ủy ban nhân dân huyện Mỹ Đức',
      number: 'Số: …/BB-ĐKTCV',
      nation: 'CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM',
      motto: 'Độc lập - Tự do - Hạnh phúc',
      dateLine: 'Mỹ Đức, ngày 20 tháng 02 năm 2019',
    },
    title: 'BIÊN BẢN',
    subtitle: ['Kiểm tra công vụ đột xuất tại UBND xã Xuy Xá'],
    blocks: [
      { kind: 'heading', text: 'II. KẾT QUẢ KIỂM TRA' },
      {
        kind: 'paragraph',
        text: 'Hồi 08 giờ 00 phút, ngày 20 tháng 02 năm 2019, tại trụ sở UBND xã Xuy Xá, Đoàn kiểm tra công vụ tiến hành kiểm tra đột xuất.',
      },
      { kind: 'paragraph', text: 'Ghi chú của đoàn:\nĐ/c Bùi Văn Khánh đi muộn 30 phút.' },
      {
        kind: 'table',
        headers: ['Mã', 'Tiêu chí', 'Ghi nhận', 'Kết quả', 'Điểm'],
        rows: [['C8', 'Công chức có mặt tại vị trí làm việc', 'Không', 'Không đạt', '0/10']],
        // Wider than the page's text: the renderer fits it between the margins.
        widths: [35, 260, 95, 95, 60],
      },
    ],
    signatures: [
      { heading: ['ĐẠI DIỆN ĐƠN VỊ ĐƯỢC KIỂM TRA'], title: '', name: '' },
      { heading: ['TRƯỞNG ĐOÀN'], title: '', name: 'Lê Đức Thắng' },
    ],
    recipients: [],
  };
  const render = () => {
    const { DocumentApp } = setup();
    (globalThis as { DocumentApp?: unknown }).DocumentApp = DocumentApp;
    try {
      return writeDoc(model);
    } finally {
      delete (globalThis as { DocumentApp?: unknown }).DocumentApp;
    }
  };
  const text = TEXT_WIDTH;

  test('every table, ruled or not, is exactly as wide as the text between the margins', () => {
    const snap = snapshotDocument(render() as unknown as Parameters<typeof snapshotDocument>[0], {
      saved: true,
    });
    expect(snap.page.width - snap.page.marginLeft - snap.page.marginRight).toBeCloseTo(text, 2);
    const tables = snap.body.filter((b): b is TableSnapshot => b.type === 'TABLE');
    expect(tables).toHaveLength(3);
    for (const t of tables) {
      const widths = t.columnWidths.some((w) => w !== null)
        ? t.columnWidths.map((w) => w ?? 0)
        : t.rows[0].cells.map((c) => Number(c.attributes.WIDTH));
      expect(widths.reduce((a, w) => a + w, 0)).toBeCloseTo(text, 1);
    }
  });

  test('the issuing body on balanced lines; a paragraph with a line break is flush left, the others justified', () => {
    expect(balancedLines('ỦY BAN NHÂN DÂN HUYỆN MỸ ĐỨC')).toEqual([
      'ỦY BAN NHÂN DÂN',
      'HUYỆN MỸ ĐỨC',
    ]);
    expect(balancedLines('ĐOÀN KIỂM TRA CÔNG VỤ')).toEqual(['ĐOÀN KIỂM TRA CÔNG VỤ']);
    expect(fitWidths([1, 1], 2)).toEqual([233.8, Math.round((text - 233.8) * 10) / 10]);
    // A narrow STT column is widened to hold its header word; the others give the room back.
    const headers = ['STT', 'Đơn vị', 'Số lần', 'Điểm TB', 'Xếp loại', 'Thay đổi', 'Tồn tại chính'];
    const fitted = fitWidths([28, 92, 44, 40, 70, 70, 122], 7, headers);
    expect(fitted[0]).toBeGreaterThanOrEqual(34);
    expect(fitted.reduce((a, w) => a + w, 0)).toBeCloseTo(text, 1);
    expect(fitted[6]).toBeLessThan((122 * text) / 466);
    const snap = snapshotDocument(render() as unknown as Parameters<typeof snapshotDocument>[0], {
      saved: true,
    });
    const paragraphs = snap.body.filter((b): b is ParagraphSnapshot => b.type === 'PARAGRAPH');
    const align = (start: string) =>
      paragraphs.find((p) => p.text.startsWith(start))?.attributes.HORIZONTAL_ALIGNMENT;
    expect(align('Hồi 08 giờ')).toBe('JUSTIFY');
    expect(align('Ghi chú của đoàn:')).toBe('LEFT');
    const header = snap.body[0] as TableSnapshot;
    expect(header.rows[0].cells[0].text).toContain('ỦY BAN NHÂN DÂN\nHUYỆN MỸ ĐỨC');
  });

  withPdfText(
    `in the PDF the national name stands on one line, and the signature names under their titles${pdfTextNote}`,
    () => {
      const doc = render();
      const lines = pdfText(doc.getAs('application/pdf') as unknown as { _buffer(): Buffer })
        .normalize('NFC')
        .split('\n')
        .map((l) => l.trim());
      expect(lines).toContain('CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM');
      expect(lines).toContain('Không đạt');
      // The two columns may be read as one line: find the one that has the title.
      const title = lines.findIndex((l) => l.endsWith('TRƯỞNG ĐOÀN'));
      expect(title).toBeGreaterThan(0);
      expect(lines.slice(title)).toContain('Lê Đức Thắng');
    },
  );
});
