// The .docx exporter: an emulated Doc, exported, its XML read back with jszip, and LibreOffice.
import { execFileSync } from 'node:child_process';
import JSZip from 'jszip';
import { CallLog } from '../../../src/local/emulator/calls';
import { VirtualClock } from '../../../src/local/emulator/clock';
import { createDocs } from '../../../src/local/emulator/docs-api/docs';
import {
  createDocumentServices,
  type DocumentSnapshot,
  snapshotDocument,
  type TableSnapshot,
} from '../../../src/local/emulator/documents';
import { documentToDocx } from '../../../src/local/export/docx';
import { convertToPdf, officeTitle, onPath, withOffice } from './libreoffice';

const MM = 72 / 25.4;
const BODY_TEXT =
  'Thực hiện Quyết định số 12/QĐ-UBND ngày 10/3/2025 của Chủ tịch Ủy ban nhân dân tỉnh về việc kiểm tra đột xuất việc chấp hành kỷ luật, kỷ cương hành chính, Đoàn kiểm tra đã làm việc tại đơn vị.';

function build(): DocumentSnapshot {
  const { DocumentApp } = createDocumentServices(new CallLog(), new VirtualClock());
  const H = DocumentApp.HorizontalAlignment;
  const doc = DocumentApp.create('Biên bản kiểm tra');
  const body = doc.getBody();
  body
    .setPageWidth(595.28)
    .setPageHeight(841.89)
    .setMarginTop(20 * MM)
    .setMarginBottom(20 * MM)
    .setMarginLeft(30 * MM)
    .setMarginRight(15 * MM);
  const first = body.getChild(0);
  const times = { FONT_FAMILY: 'Times New Roman', FONT_SIZE: 13 };

  // The Nghị định 30 header block: a borderless two-column table.
  const header = body.appendTable([
    [
      'UBND TỈNH NINH BÌNH\nĐOÀN KIỂM TRA',
      'CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nĐộc lập - Tự do - Hạnh phúc',
    ],
  ]);
  header.setBorderWidth(0);
  header.setAttributes({ ...times, BOLD: true });
  header.getRow(0).getCell(0).setWidth(190);
  header.getRow(0).getCell(1).setWidth(290);

  body
    .appendParagraph('BIÊN BẢN KIỂM TRA')
    .setAttributes({ ...times, BOLD: true, HORIZONTAL_ALIGNMENT: H.CENTER });
  const p = body.appendParagraph(BODY_TEXT).setAttributes({
    ...times,
    FONT_SIZE: 14,
    HORIZONTAL_ALIGNMENT: H.JUSTIFY,
    INDENT_FIRST_LINE: 36,
    SPACING_AFTER: 6,
    LINE_SPACING: 1.15,
  });
  p.editAsText().setBold(0, 'Thực hiện'.length - 1, true);
  p.editAsText().setLinkUrl(
    BODY_TEXT.indexOf('Quyết định'),
    BODY_TEXT.indexOf(' ngày') - 1,
    'https://example.com/qd-12',
  );

  const data = body.appendTable([
    ['STT', 'Tiêu chí', 'Điểm'],
    ['1', 'Có mặt đúng giờ', '10'],
    ['2', 'Đeo thẻ công chức', '8'],
  ]);
  data.setBorderWidth(1).setBorderColor('#000000');
  data.setAttributes(times);
  data.setColumnWidth(0, 40).setColumnWidth(1, 320).setColumnWidth(2, 80);
  for (let c = 0; c < 3; c++) data.getRow(0).getCell(c).setBackgroundColor('#d9d9d9');

  body
    .appendListItem('Kết luận thứ nhất')
    .setGlyphType(DocumentApp.GlyphType.NUMBER)
    .setAttributes(times);
  body.appendPageBreak();
  body.appendParagraph('Ý kiến của đơn vị').setHeading(DocumentApp.ParagraphHeading.HEADING2);
  body.appendParagraph('Đơn vị thống nhất với kết quả kiểm tra.').setAttributes(times);
  body.removeChild(first);
  return snapshotDocument(doc);
}

async function exported(): Promise<{
  snap: DocumentSnapshot;
  buf: Buffer;
  zip: JSZip;
  xml: string;
}> {
  const snap = build();
  const buf = await documentToDocx(snap);
  const zip = await JSZip.loadAsync(buf);
  const xml = await zip.file('word/document.xml')!.async('string');
  return { snap, buf, zip, xml };
}

/** The value of attribute `name` on the first `<tag …>` in `xml`. */
function attr(xml: string, tag: string, name: string): string | undefined {
  const el = new RegExp(`<${tag}\\b[^>]*>`).exec(xml)?.[0];
  return el ? new RegExp(`\\b${name}="([^"]*)"`).exec(el)?.[1] : undefined;
}

/** Top-level tables (no nesting in this document), each as its XML. */
const tables = (xml: string): string[] => xml.match(/<w:tbl>.*?<\/w:tbl>/gs) ?? [];
/** The text of each `<w:tc>` of a table's rows. */
const rowTexts = (tbl: string): string[][] =>
  (tbl.match(/<w:tr\b.*?<\/w:tr>/gs) ?? []).map((tr) =>
    (tr.match(/<w:tc>.*?<\/w:tc>/gs) ?? []).map((tc) =>
      [...tc.matchAll(/<w:t(?: [^>]*)?>([^<]*)<\/w:t>/g)].map((m) => m[1]).join(''),
    ),
  );

describe('documentToDocx', () => {
  test('page size and margins are the Doc’s, in twips; A4 with 20/20/30/15 mm', async () => {
    const { snap, xml } = await exported();
    const tw = (pt: number) => String(Math.round(pt * 20));
    expect(attr(xml, 'w:pgSz', 'w:w')).toBe(tw(snap.page.width));
    expect(attr(xml, 'w:pgSz', 'w:h')).toBe(tw(snap.page.height));
    expect([attr(xml, 'w:pgSz', 'w:w'), attr(xml, 'w:pgSz', 'w:h')]).toEqual(['11906', '16838']);
    expect(attr(xml, 'w:pgMar', 'w:top')).toBe(tw(snap.page.marginTop));
    expect(attr(xml, 'w:pgMar', 'w:bottom')).toBe(tw(snap.page.marginBottom));
    expect(attr(xml, 'w:pgMar', 'w:left')).toBe(tw(snap.page.marginLeft));
    expect(attr(xml, 'w:pgMar', 'w:right')).toBe(tw(snap.page.marginRight));
    expect(attr(xml, 'w:pgMar', 'w:left')).toBe('1701');
  });

  test('Times New Roman is the default font and the runs’ own', async () => {
    const { zip, xml } = await exported();
    const styles = await zip.file('word/styles.xml')!.async('string');
    const defaults = /<w:docDefaults>.*?<\/w:docDefaults>/s.exec(styles)?.[0] ?? '';
    expect(attr(defaults, 'w:rFonts', 'w:ascii')).toBe('Times New Roman');
    expect(attr(defaults, 'w:rFonts', 'w:hAnsi')).toBe('Times New Roman');
    expect(xml).toContain('w:ascii="Times New Roman"');
    expect(xml).not.toMatch(/w:ascii="(?!Times New Roman)/);
  });

  test('the justified paragraph keeps its bold run, indent, spacing, size and link', async () => {
    const { xml } = await exported();
    const para = (xml.match(/<w:p>.*?<\/w:p>|<w:p [^>]*>.*?<\/w:p>/gs) ?? []).find((x) =>
      x.includes('Thực hiện'),
    )!;
    expect(attr(para, 'w:jc', 'w:val')).toBe('both');
    expect(attr(para, 'w:ind', 'w:firstLine')).toBe('720');
    expect(attr(para, 'w:spacing', 'w:after')).toBe('120');
    expect(attr(para, 'w:spacing', 'w:line')).toBe('276');
    const runs = para.match(/<w:r>.*?<\/w:r>/gs) ?? [];
    const bold = runs.find((r) => r.includes('>Thực hiện<'))!;
    expect(bold).toMatch(/<w:b\/>|<w:b w:val="true"\/>/);
    expect(bold).toContain('<w:sz w:val="28"/>');
    const rest = runs.find((r) => r.includes('của Chủ tịch'))!;
    expect(rest).not.toMatch(/<w:b\/>|<w:b w:val="true"\/>/);
    expect(para).toMatch(
      /<w:hyperlink [^>]*r:id="[^"]+"[^>]*>.*Quyết định số 12\/QĐ-UBND.*<\/w:hyperlink>/s,
    );
  });

  test('tables keep rows, cell text, widths and backgrounds; border width 0 means no borders', async () => {
    const { snap, xml } = await exported();
    const [header, data] = tables(xml);
    const snapTables = snap.body.filter((b): b is TableSnapshot => b.type === 'TABLE');
    for (const [i, tbl] of [header, data].entries())
      expect(rowTexts(tbl)).toEqual(
        snapTables[i].rows.map((r) => r.cells.map((c) => c.text.replace(/\n/g, ''))),
      );
    expect(rowTexts(data)).toHaveLength(3);
    const borders = /<w:tblBorders>.*?<\/w:tblBorders>/s.exec(header)![0];
    expect(borders.match(/w:val="([^"]+)"/g)).toEqual(Array(6).fill('w:val="none"'));
    expect(attr(data, 'w:top', 'w:val')).toBe('single');
    expect(attr(data, 'w:top', 'w:sz')).toBe('8');
    expect([...data.matchAll(/<w:gridCol w:w="(\d+)"\/>/g)].map((m) => m[1])).toEqual([
      '800',
      '6400',
      '1600',
    ]);
    expect([...header.matchAll(/<w:gridCol w:w="(\d+)"\/>/g)].map((m) => m[1])).toEqual([
      '3800',
      '5800',
    ]);
    const firstRow = /<w:tr\b.*?<\/w:tr>/s.exec(data)![0];
    expect(firstRow.match(/w:fill="D9D9D9"/g)).toHaveLength(3);
  });

  test('pagination follows the Doc: a header row and keep-with-next only where the Docs API set them; layout rows never split', async () => {
    const log = new CallLog();
    const { DocumentApp } = createDocumentServices(log, new VirtualClock());
    const Docs = createDocs(log, DocumentApp);
    const doc = DocumentApp.create('Trang');
    const body = doc.getBody();
    body.appendParagraph('A. Chấp hành thời giờ làm việc');
    body.appendTable([
      ['Mã', 'Tiêu chí'],
      ['A1', 'Số cán bộ, công chức đi muộn'],
      ['A2', 'Số cán bộ, công chức vắng mặt'],
    ]);
    const sign = body.appendTable([['TRƯỞNG ĐOÀN\n\n\nLê Đức Thắng', 'ĐẠI DIỆN ĐƠN VỊ']]);
    sign.setBorderWidth(0);
    doc.saveAndClose();
    const xmlOf = async () =>
      (await JSZip.loadAsync(await documentToDocx(snapshotDocument(doc, { saved: true }))))
        .file('word/document.xml')!
        .async('string');
    const caption = (xml: string) =>
      /<w:p>(?:(?!<w:p>).)*?A\. Chấp hành thời giờ làm việc.*?<\/w:p>/s.exec(xml)![0];
    // What DocumentApp alone makes: nothing repeats, nothing keeps with the next.
    const plain = await xmlOf();
    expect(plain).not.toContain('<w:tblHeader/>');
    expect(caption(plain)).not.toContain('<w:keepNext/>');
    expect(tables(plain)[1]).toContain('<w:cantSplit/>');

    // The blank first paragraph (1–2), the caption (2–33), then the ruled table at 33.
    const content = Docs.Documents.get(doc.getId()).body as { content: { startIndex?: number }[] };
    const table = content.content[3].startIndex as number;
    Docs.Documents.batchUpdate(
      {
        requests: [
          {
            pinTableHeaderRows: { tableStartLocation: { index: table }, pinnedHeaderRowsCount: 1 },
          },
          {
            updateParagraphStyle: {
              range: { startIndex: table - 2, endIndex: table },
              paragraphStyle: { keepWithNext: true },
              fields: 'keepWithNext',
            },
          },
        ],
      },
      doc.getId(),
    );
    const xml = await xmlOf();
    const [data, layout] = tables(xml);
    const rows = data.match(/<w:tr\b.*?<\/w:tr>/gs) ?? [];
    expect(rows[0]).toContain('<w:tblHeader/>');
    expect(rows.slice(1).join('')).not.toContain('<w:tblHeader/>');
    expect(layout).toContain('<w:cantSplit/>');
    expect(rowTexts(layout)[0][0]).toBe('TRƯỞNG ĐOÀNLê Đức Thắng');
    expect(caption(xml)).toContain('<w:keepNext/>');
    expect(caption(xml)).not.toContain('<w:keepLines/>');
  });

  test('characters XML 1.0 forbids (U+FFFE, U+FFFF, controls, a lone surrogate) are dropped, the rest kept', async () => {
    const { DocumentApp } = createDocumentServices(new CallLog(), new VirtualClock());
    const doc = DocumentApp.create('Ký tự\uFFFE lạ');
    const note =
      'Ghi chú: [\u0008][\u000b][\u001b][\ufffe][\uffff][\ud800][\u0085][\u2028] Đ/c Hải 😀';
    doc.getBody().appendParagraph(note);
    doc.getBody().appendTable([['Ghi nhận', note]]);
    const zip = await JSZip.loadAsync(await documentToDocx(snapshotDocument(doc)));
    for (const name of ['word/document.xml', 'docProps/core.xml']) {
      const xml = await zip.file(name)!.async('string');
      const bad = [...xml].filter((ch) => {
        const c = ch.codePointAt(0) ?? 0;
        const control = c < 0x20 && c !== 0x09 && c !== 0x0a && c !== 0x0d;
        return control || c === 0xfffe || c === 0xffff || (c >= 0xd800 && c <= 0xdfff);
      });
      expect(bad).toEqual([]);
    }
    const xml = await zip.file('word/document.xml')!.async('string');
    expect(xml).toContain('Ghi chú: [][][][][][][\u0085][\u2028] Đ/c Hải 😀');
  });

  test('list items are numbered, the page break and the heading are kept', async () => {
    const { xml } = await exported();
    expect(xml).toMatch(/<w:numPr>.*?<\/w:numPr>.*?Kết luận thứ nhất/s);
    expect(xml).toContain('<w:br w:type="page"/>');
    expect(xml).toMatch(/<w:pStyle w:val="Heading2"\/>.*?Ý kiến của đơn vị/s);
  });

  test('page numbers: a PAGE field centred in the default header, none on the first page', async () => {
    const { zip, xml } = await exported();
    const sectPr = /<w:sectPr\b.*?<\/w:sectPr>/s.exec(xml)![0];
    expect(sectPr).toMatch(/<w:titlePg\/>|<w:titlePg w:val="true"\/>/);
    const rels = await zip.file('word/_rels/document.xml.rels')!.async('string');
    const target = (type: string) => {
      const id = new RegExp(`<w:headerReference w:type="${type}" r:id="([^"]+)"`).exec(sectPr)![1];
      return (
        new RegExp(`Id="${id}"[^>]*Target="([^"]+)"`).exec(rels)?.[1] ??
        new RegExp(`Target="([^"]+)"[^>]*Id="${id}"`).exec(rels)![1]
      );
    };
    const header = (type: string) => zip.file(`word/${target(type)}`)!.async('string');
    const main = await header('default');
    expect(main).toMatch(/<w:instrText[^>]*>\s*PAGE\s*<\/w:instrText>/);
    expect(main).toContain('<w:jc w:val="center"/>');
    expect(await header('first')).not.toContain('PAGE');
  });

  test('the Doc’s own header and footer: on every page, the page number beside the header', async () => {
    const { DocumentApp } = createDocumentServices(new CallLog(), new VirtualClock());
    const doc = DocumentApp.create('Có đầu trang');
    doc.addHeader().appendParagraph('Đầu trang riêng');
    doc.addFooter().appendParagraph('Chân trang riêng');
    const zip = await JSZip.loadAsync(await documentToDocx(snapshotDocument(doc)));
    const xml = await zip.file('word/document.xml')!.async('string');
    const parts = await Promise.all(
      Object.keys(zip.files)
        .filter((f) => /^word\/(header|footer)\d+\.xml$/.test(f))
        .map((f) => zip.file(f)!.async('string')),
    );
    const headers = parts.filter((x) => x.includes('Đầu trang riêng'));
    expect(headers).toHaveLength(2);
    expect(headers.filter((x) => /instrText[^>]*>\s*PAGE/.test(x))).toHaveLength(1);
    expect(parts.filter((x) => x.includes('Chân trang riêng'))).toHaveLength(2);
    expect(xml.match(/<w:footerReference w:type="(default|first)"/g)).toHaveLength(2);
  });

  test('pageNumbers: false leaves the headers out', async () => {
    const buf = await documentToDocx(build(), { pageNumbers: false });
    const xml = await (await JSZip.loadAsync(buf)).file('word/document.xml')!.async('string');
    expect(xml).not.toContain('w:headerReference');
    expect(xml).not.toContain('w:titlePg');
  });
});

describe('LibreOffice opens the .docx', () => {
  withOffice(
    officeTitle,
    async () => {
      const { buf } = await exported();
      await convertToPdf('bien-ban.docx', buf, (pdf) => {
        // Where poppler's pdftotext is there too, read the page numbers LibreOffice laid out.
        if (!onPath('pdftotext')) return;
        const page = (n: number) =>
          execFileSync('pdftotext', ['-f', String(n), '-l', String(n), pdf, '-'], {
            encoding: 'utf8',
          })
            .split('\n')
            .map((l) => l.trim())
            .filter((l) => l !== '');
        expect(page(1)[0]).toBe('UBND TỈNH NINH BÌNH');
        expect(page(2)[0]).toBe('2');
      });
    },
    180000,
  );
});
