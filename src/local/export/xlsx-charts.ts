// The emulated sheets' embedded charts as native xlsx charts (DrawingML), added to the package exceljs wrote, which cannot write charts itself.

import JSZip from 'jszip';
import type { EmuEmbeddedChart, RangeLike } from '../emulator/charts';
import type { EmuRange, EmuSheet, EmuSpreadsheet } from '../emulator/spreadsheet';

/*
 * Each chart becomes a chart part (line, clustered column or bar, pie) whose series reference
 * the same cells as in Sheets, with the values cached so a viewer draws it without
 * recalculating; each sheet with charts gets one drawing part anchoring them where Sheets shows
 * them. Excel and LibreOffice draw these natively.
 */

const NS = {
  c: 'http://schemas.openxmlformats.org/drawingml/2006/chart',
  a: 'http://schemas.openxmlformats.org/drawingml/2006/main',
  r: 'http://schemas.openxmlformats.org/officeDocument/2006/relationships',
  xdr: 'http://schemas.openxmlformats.org/drawingml/2006/spreadsheetDrawing',
  rel: 'http://schemas.openxmlformats.org/package/2006/relationships',
};
const REL_DRAWING = `${NS.r}/drawing`;
const REL_CHART = `${NS.r}/chart`;
const EMU_PER_PX = 9525;

type Cell = string | number | boolean | Date;

const esc = (s: string) =>
  s.replace(
    /[&<>"]/g,
    (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' })[c] as string,
  );

function letters(n: number): string {
  let s = '';
  for (let x = n; x > 0; x = Math.floor((x - 1) / 26))
    s = String.fromCharCode(65 + ((x - 1) % 26)) + s;
  return s;
}

/** `'Bảng điều khiển'!$P$2:$P$14` for one column of a range, rows `from`..`to` (1-based in the range). */
function ref(sheet: string, r: RangeLike, col: number, from: number, to: number): string {
  const c = letters(r._col + col);
  return `'${sheet.replace(/'/g, "''")}'!$${c}$${r._row + from}:$${c}$${r._row + to}`;
}

function strCache(values: Cell[]): string {
  const pts = values
    .map((v, i) => (v === '' ? '' : `<c:pt idx="${i}"><c:v>${esc(String(v))}</c:v></c:pt>`))
    .join('');
  return `<c:strCache><c:ptCount val="${values.length}"/>${pts}</c:strCache>`;
}

function numCache(values: Cell[]): string {
  const pts = values
    .map((v, i) => (typeof v === 'number' ? `<c:pt idx="${i}"><c:v>${v}</c:v></c:pt>` : ''))
    .join('');
  return `<c:numCache><c:formatCode>General</c:formatCode><c:ptCount val="${values.length}"/>${pts}</c:numCache>`;
}

function title(text: string): string {
  if (!text) return '<c:autoTitleDeleted val="1"/>';
  return `<c:title><c:tx><c:rich><a:bodyPr/><a:lstStyle/><a:p><a:pPr><a:defRPr sz="1200" b="1"/></a:pPr><a:r><a:rPr lang="vi-VN" sz="1200" b="1"/><a:t>${esc(text)}</a:t></a:r></a:p></c:rich></c:tx><c:overlay val="0"/></c:title><c:autoTitleDeleted val="0"/>`;
}

/** The chart part of one emulated chart (first range: categories in its first column, one series per other column, a header row). */
export function chartXml(sheetName: string, chart: EmuEmbeddedChart, values: Cell[][]): string {
  const s = chart._spec;
  const r = s.ranges[0];
  const rows = values.length - 1;
  const series = [];
  for (let col = 1; col < r._numCols; col++) {
    const name = String(values[0]?.[col] ?? '');
    const cats = values.slice(1).map((v) => v[0]);
    const vals = values.slice(1).map((v) => v[col]);
    const marker =
      s.type === 'LINE' ? '<c:marker><c:symbol val="circle"/><c:size val="5"/></c:marker>' : '';
    const labels =
      s.type === 'PIE'
        ? '<c:dLbls><c:showLegendKey val="0"/><c:showVal val="1"/><c:showCatName val="0"/><c:showSerName val="0"/><c:showPercent val="0"/><c:showBubbleSize val="0"/><c:showLeaderLines val="1"/></c:dLbls>'
        : '';
    series.push(
      `<c:ser><c:idx val="${col - 1}"/><c:order val="${col - 1}"/>` +
        `<c:tx><c:strRef><c:f>${esc(ref(sheetName, r, col, 0, 0))}</c:f>${strCache([name])}</c:strRef></c:tx>` +
        marker +
        labels +
        `<c:cat><c:strRef><c:f>${esc(ref(sheetName, r, 0, 1, rows))}</c:f>${strCache(cats)}</c:strRef></c:cat>` +
        `<c:val><c:numRef><c:f>${esc(ref(sheetName, r, col, 1, rows))}</c:f>${numCache(vals)}</c:numRef></c:val>` +
        (s.type === 'LINE' ? '<c:smooth val="0"/>' : '') +
        '</c:ser>',
    );
  }
  const axes = '<c:axId val="5001"/><c:axId val="5002"/>';
  const vAxis = (s.options.vAxis ?? {}) as { viewWindow?: { min?: number; max?: number } };
  const bounds =
    (typeof vAxis.viewWindow?.max === 'number' ? `<c:max val="${vAxis.viewWindow.max}"/>` : '') +
    (typeof vAxis.viewWindow?.min === 'number' ? `<c:min val="${vAxis.viewWindow.min}"/>` : '');
  let plot: string;
  if (s.type === 'PIE')
    plot = `<c:pieChart><c:varyColors val="1"/>${series.join('')}<c:firstSliceAng val="0"/></c:pieChart>`;
  else {
    const body =
      s.type === 'LINE'
        ? `<c:lineChart><c:grouping val="standard"/><c:varyColors val="0"/>${series.join('')}<c:marker val="1"/>${axes}</c:lineChart>`
        : `<c:barChart><c:barDir val="${s.type === 'BAR' ? 'bar' : 'col'}"/><c:grouping val="clustered"/><c:varyColors val="0"/>${series.join('')}<c:gapWidth val="80"/>${axes}</c:barChart>`;
    plot =
      body +
      `<c:catAx><c:axId val="5001"/><c:scaling><c:orientation val="minMax"/></c:scaling><c:delete val="0"/><c:axPos val="${s.type === 'BAR' ? 'l' : 'b'}"/><c:numFmt formatCode="General" sourceLinked="0"/><c:tickLblPos val="nextTo"/><c:crossAx val="5002"/><c:crosses val="autoZero"/><c:auto val="1"/><c:lblAlgn val="ctr"/><c:lblOffset val="100"/><c:noMultiLvlLbl val="0"/></c:catAx>` +
      `<c:valAx><c:axId val="5002"/><c:scaling><c:orientation val="minMax"/>${bounds}</c:scaling><c:delete val="0"/><c:axPos val="${s.type === 'BAR' ? 'b' : 'l'}"/><c:majorGridlines/><c:numFmt formatCode="General" sourceLinked="0"/><c:tickLblPos val="nextTo"/><c:crossAx val="5001"/><c:crosses val="autoZero"/><c:crossBetween val="between"/></c:valAx>`;
  }
  const legendPos = ((s.options.legend ?? {}) as { position?: string }).position;
  const legend =
    legendPos === 'none'
      ? ''
      : `<c:legend><c:legendPos val="${s.type === 'PIE' ? 'r' : 'b'}"/><c:overlay val="0"/></c:legend>`;
  const blanks = s.options.interpolateNulls ? 'span' : 'gap';
  return (
    `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<c:chartSpace xmlns:c="${NS.c}" xmlns:a="${NS.a}" xmlns:r="${NS.r}"><c:roundedCorners val="0"/><c:chart>` +
    `${title(String(s.options.title ?? ''))}<c:plotArea><c:layout/>${plot}</c:plotArea>${legend}<c:plotVisOnly val="1"/><c:dispBlanksAs val="${blanks}"/></c:chart></c:chartSpace>`
  );
}

/** Cell position (0-based column/row and pixel offsets) of a pixel distance from a cell. */
function walk(
  start: number,
  px: number,
  size: (i: number) => number,
): { index: number; offset: number } {
  let i = start;
  let left = px;
  while (left >= size(i)) {
    left -= size(i);
    i++;
  }
  return { index: i - 1, offset: left };
}

/** The last cell (0-based column and row) a chart covers. */
function chartEnd(sheet: EmuSheet, chart: EmuEmbeddedChart) {
  const colPx = (c: number) => sheet._colWidths[c - 1] ?? 100;
  const rowPx = (r: number) => sheet._rowHeights[r - 1] ?? 21;
  const a = chart._spec.anchor;
  return {
    col: walk(a.column, a.offsetX + Number(chart._spec.options.width ?? 600), colPx),
    row: walk(a.row, a.offsetY + Number(chart._spec.options.height ?? 371), rowPx),
  };
}

function drawingXml(sheet: EmuSheet, charts: EmuEmbeddedChart[]): string {
  const anchors = charts.map((chart, k) => {
    const a = chart._spec.anchor;
    const to = chartEnd(sheet, chart);
    return (
      '<xdr:twoCellAnchor editAs="oneCell">' +
      `<xdr:from><xdr:col>${a.column - 1}</xdr:col><xdr:colOff>${a.offsetX * EMU_PER_PX}</xdr:colOff><xdr:row>${a.row - 1}</xdr:row><xdr:rowOff>${a.offsetY * EMU_PER_PX}</xdr:rowOff></xdr:from>` +
      `<xdr:to><xdr:col>${to.col.index}</xdr:col><xdr:colOff>${to.col.offset * EMU_PER_PX}</xdr:colOff><xdr:row>${to.row.index}</xdr:row><xdr:rowOff>${to.row.offset * EMU_PER_PX}</xdr:rowOff></xdr:to>` +
      `<xdr:graphicFrame macro=""><xdr:nvGraphicFramePr><xdr:cNvPr id="${k + 2}" name="${esc(String(chart._spec.options.title ?? `Biểu đồ ${k + 1}`))}"/><xdr:cNvGraphicFramePr/></xdr:nvGraphicFramePr>` +
      '<xdr:xfrm><a:off x="0" y="0"/><a:ext cx="0" cy="0"/></xdr:xfrm>' +
      `<a:graphic><a:graphicData uri="${NS.c}"><c:chart xmlns:c="${NS.c}" xmlns:r="${NS.r}" r:id="rId${k + 1}"/></a:graphicData></a:graphic></xdr:graphicFrame><xdr:clientData/></xdr:twoCellAnchor>`
    );
  });
  return `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<xdr:wsDr xmlns:xdr="${NS.xdr}" xmlns:a="${NS.a}">${anchors.join('')}</xdr:wsDr>`;
}

function rels(items: { id: string; type: string; target: string }[]): string {
  return `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<Relationships xmlns="${NS.rel}">${items
    .map((i) => `<Relationship Id="${i.id}" Type="${i.type}" Target="${i.target}"/>`)
    .join('')}</Relationships>`;
}

/**
 * Adds the spreadsheet's embedded charts to an .xlsx exceljs wrote from it (sheets in the same
 * order); returns the package unchanged when no sheet has a chart.
 */
export async function addCharts(xlsx: Buffer, ss: EmuSpreadsheet): Promise<Buffer> {
  const sheets = ss._sheets.filter((s) => s._charts.charts.length > 0);
  if (sheets.length === 0) return xlsx;
  const zip = await JSZip.loadAsync(xlsx);
  const workbook = (await zip.file('xl/workbook.xml')?.async('string')) ?? '';
  const wbRels = (await zip.file('xl/_rels/workbook.xml.rels')?.async('string')) ?? '';
  const target = new Map<string, string>();
  for (const m of wbRels.matchAll(/<Relationship [^>]*Id="([^"]+)"[^>]*Target="([^"]+)"/g))
    target.set(m[1], m[2].replace(/^\/?xl\//, ''));
  for (const m of wbRels.matchAll(/<Relationship [^>]*Target="([^"]+)"[^>]*Id="([^"]+)"/g))
    target.set(m[2], m[1].replace(/^\/?xl\//, ''));
  const entries = [...workbook.matchAll(/<sheet [^>]*name="([^"]*)"[^>]*r:id="([^"]+)"/g)].map(
    (m) => ({
      name: m[1]
        .replace(/&amp;/g, '&')
        .replace(/&quot;/g, '"')
        .replace(/&lt;/g, '<')
        .replace(/&gt;/g, '>'),
      file: target.get(m[2]) ?? '',
    }),
  );
  let types = (await zip.file('[Content_Types].xml')?.async('string')) ?? '';
  let chartNo = 0;
  let drawingNo = 0;
  for (const sheet of sheets) {
    const at = ss._sheets.indexOf(sheet);
    const entry = entries[at];
    if (!entry?.file) continue;
    const sheetPath = `xl/${entry.file}`;
    const base = sheetPath.split('/').pop() as string;
    drawingNo++;
    const charts = sheet._charts.charts;
    const chartRels: { id: string; type: string; target: string }[] = [];
    for (const [k, chart] of charts.entries()) {
      chartNo++;
      const values = ss._app._log.uncounted(() =>
        (chart._spec.ranges[0] as unknown as EmuRange).getValues(),
      ) as Cell[][];
      zip.file(`xl/charts/chart${chartNo}.xml`, chartXml(entry.name, chart, values));
      chartRels.push({
        id: `rId${k + 1}`,
        type: REL_CHART,
        target: `../charts/chart${chartNo}.xml`,
      });
      types = types.replace(
        '</Types>',
        `<Override PartName="/xl/charts/chart${chartNo}.xml" ContentType="application/vnd.openxmlformats-officedocument.drawingml.chart+xml"/></Types>`,
      );
    }
    zip.file(`xl/drawings/drawing${drawingNo}.xml`, drawingXml(sheet, charts));
    zip.file(`xl/drawings/_rels/drawing${drawingNo}.xml.rels`, rels(chartRels));
    types = types.replace(
      '</Types>',
      `<Override PartName="/xl/drawings/drawing${drawingNo}.xml" ContentType="application/vnd.openxmlformats-officedocument.drawing+xml"/></Types>`,
    );
    // The sheet's relationships: keep what exceljs wrote, add the drawing.
    const relPath = `xl/worksheets/_rels/${base}.rels`;
    const old = (await zip.file(relPath)?.async('string')) ?? '';
    const id = `rIdChart${drawingNo}`;
    const relXml = old
      ? old.replace(
          '</Relationships>',
          `<Relationship Id="${id}" Type="${REL_DRAWING}" Target="../drawings/drawing${drawingNo}.xml"/></Relationships>`,
        )
      : rels([{ id, type: REL_DRAWING, target: `../drawings/drawing${drawingNo}.xml` }]);
    zip.file(relPath, relXml);
    let xml = (await zip.file(sheetPath)?.async('string')) ?? '';
    if (!xml.includes('xmlns:r='))
      xml = xml.replace('<worksheet ', `<worksheet xmlns:r="${NS.r}" `);
    // <drawing> comes after the page set-up and before legacy drawings, table parts and extensions.
    const later = xml.search(
      /<(legacyDrawing|legacyDrawingHF|picture|oleObjects|controls|webPublishItems|tableParts|extLst)[ >/]/,
    );
    const tag = `<drawing r:id="${id}"/>`;
    // Printed (and pictured) one page wide, landscape, so the charts sit beside the blocks.
    if (!xml.includes('<sheetPr'))
      xml = xml.replace(/(<worksheet[^>]*>)/, '$1<sheetPr><pageSetUpPr fitToPage="1"/></sheetPr>');
    xml = xml.replace(
      /<pageSetup [^>]*\/>/,
      '<pageSetup orientation="landscape" fitToWidth="1" fitToHeight="0"/>',
    );
    xml =
      later >= 0
        ? xml.slice(0, later) + tag + xml.slice(later)
        : xml.replace('</worksheet>', `${tag}</worksheet>`);
    zip.file(sheetPath, xml);
  }
  zip.file('[Content_Types].xml', types);
  // A print area ending with the charts, so the page shows the blocks and the charts, not the
  // data the charts read or a reason's overflow far to the right.
  const areas = sheets
    .map((sheet) => {
      const at = ss._sheets.indexOf(sheet);
      const ends = sheet._charts.charts.map((c) => chartEnd(sheet, c));
      const col = Math.max(...ends.map((e) => e.col.index)) + 1;
      const row = Math.max(sheet._lastRow(), ...ends.map((e) => e.row.index + 1));
      const name = entries[at].name.replace(/'/g, "''");
      return `<definedName name="_xlnm.Print_Area" localSheetId="${at}">${esc(`'${name}'!$A$1:$${letters(col)}$${row}`)}</definedName>`;
    })
    .join('');
  const book = workbook.includes('<definedNames>')
    ? workbook.replace('<definedNames>', `<definedNames>${areas}`)
    : workbook.replace('</sheets>', `</sheets><definedNames>${areas}</definedNames>`);
  zip.file('xl/workbook.xml', book);
  return zip.generateAsync({ type: 'nodebuffer', compression: 'DEFLATE' });
}
