// The dashboard's charts in the exported .xlsx: native chart parts over the same cells, with the values Sheets draws.

import ExcelJS from 'exceljs';
import JSZip from 'jszip';
import { workbookToXlsx } from '../../../src/local/export/xlsx';
import { answers, CODE, runDue, setUp } from '../../bundle/harness';

describe('workbookToXlsx with embedded charts', () => {
  test('the dashboard opens first, its three charts anchored beside it, fed from its cells', async () => {
    const { ws, formId } = setUp();
    ws.submit(CODE, formId, answers({ unit: 'Xã Hợp Tiến', date: '2019-02-19', B2: 'Không đạt' }), {
      email: 'lan.nt@mydu.example',
    });
    ws.submit(
      CODE,
      formId,
      answers({ unit: 'Xã An Mỹ', date: '2019-02-20', B2: 'Không đạt', C4: 'Không đạt' }),
      {
        email: 'lan.nt@mydu.example',
      },
    );
    // The dashboard follows at the queue's next run.
    runDue(ws, 'runQueue');
    const buffer = await workbookToXlsx(ws.spreadsheet);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(buffer as unknown as ArrayBuffer);
    expect(wb.worksheets[0].name).toBe('Bảng điều khiển');
    expect(wb.worksheets.map((w) => w.name)).toContain('Khắc phục');

    const zip = await JSZip.loadAsync(buffer);
    const charts = await Promise.all(
      [1, 2, 3].map((k) => zip.file(`xl/charts/chart${k}.xml`)?.async('string') ?? ''),
    );
    expect(charts.map((c) => /<c:(lineChart|barChart|pieChart)>/.exec(c)?.[1])).toEqual([
      'lineChart',
      'barChart',
      'pieChart',
    ]);
    expect(charts[0]).toContain('<a:t>Điểm trung bình theo tuần (13 tuần gần nhất)</a:t>');
    expect(charts[0]).toContain("<c:f>'Bảng điều khiển'!$Q$2:$Q$14</c:f>");
    // The week of 18/02 averages the two scores (97 and 94): 95.5.
    expect(charts[0]).toMatch(/<c:pt idx="12"><c:v>95.5<\/c:v><\/c:pt>/);
    // Findings by criterion in the period: B2 twice, C4 once.
    expect(charts[1]).toContain("<c:f>'Bảng điều khiển'!$T$2:$T$23</c:f>");
    expect(charts[1]).toContain('<c:pt idx="6"><c:v>B2</c:v></c:pt>');
    expect(charts[1]).toMatch(/<c:pt idx="6"><c:v>2<\/c:v><\/c:pt>/);
    expect(charts[1]).toMatch(/<c:pt idx="12"><c:v>1<\/c:v><\/c:pt>/);
    // Units per class: two Xuất sắc, twenty not inspected.
    expect(charts[2]).toMatch(/<c:pt idx="0"><c:v>2<\/c:v><\/c:pt>/);
    expect(charts[2]).toMatch(/<c:pt idx="5"><c:v>20<\/c:v><\/c:pt>/);

    const drawing = (await zip.file('xl/drawings/drawing1.xml')?.async('string')) ?? '';
    expect(drawing.match(/<xdr:twoCellAnchor/g)).toHaveLength(3);
    expect(drawing).toContain('<xdr:from><xdr:col>8</xdr:col>');
    const sheet1 = (await zip.file('xl/worksheets/sheet1.xml')?.async('string')) ?? '';
    expect(sheet1).toContain('<drawing r:id="rIdChart1"/>');
    const types = (await zip.file('[Content_Types].xml')?.async('string')) ?? '';
    expect(types).toContain('/xl/charts/chart3.xml');
  });
});
