// Tests of the seeded response-export generator (and of the header of the shipped sample round).

import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseCsv } from '../../src/local/csv';
import { exportHeader, generateExport } from '../../src/local/generate';

const SAMPLE = join(__dirname, '../../src/local/sample/responses.csv');
const read = (text: string): string[][] => parseCsv(text);
const YESNO = new Set(['Đạt', 'Không đạt', 'Không áp dụng']);

describe('generateExport', () => {
  it('is deterministic for a seed and differs between seeds', () => {
    expect(generateExport(300, 7)).toBe(generateExport(300, 7));
    expect(generateExport(300, 7)).not.toBe(generateExport(300, 8));
    expect(generateExport(50)).toBe(generateExport(50, 1));
  });

  it('writes a BOM, CRLF line ends and the header of the sample round', () => {
    const text = generateExport(5, 3);
    expect(text.charCodeAt(0)).toBe(0xfeff);
    expect(text.endsWith('\r\n')).toBe(true);
    const sampleHeader = read(readFileSync(SAMPLE, 'utf8'))[0];
    expect(read(text)[0]).toEqual(sampleHeader);
    expect(exportHeader()).toEqual(sampleHeader);
  });

  it('parses back into n records of the header width', () => {
    for (const n of [0, 1, 17, 2000]) {
      const rows = read(generateExport(n, n + 1));
      expect(rows).toHaveLength(n + 1);
      for (const r of rows) expect(r).toHaveLength(rows[0].length);
    }
  });

  it('dates every record in 2019, mostly valid, with a few invalid records and duplicates', () => {
    const rows = read(generateExport(20000, 11));
    const header = rows[0];
    const col = (prefix: string): number => header.findIndex((h) => h.startsWith(prefix));
    const [unit, date, b2, a1] = ['Đơn vị', 'Ngày kiểm tra', 'B2.', 'A1.'].map(col);
    const body = rows.slice(1);
    expect(body.every((r) => /^\d\d\/\d\d\/2019$/.test(r[date]))).toBe(true);
    expect(body.every((r) => /^2019\/\d\d\/\d\d \d{1,2}:\d\d:\d\d [AP]M GMT\+7$/.test(r[0]))).toBe(
      true,
    );
    const unknown = body.filter((r) => r[unit] === 'Xã Hòa Bình' || r[unit] === 'Xã Thanh Bình');
    const badLabel = body.filter((r) => !YESNO.has(r[b2]) || !/^\d+$/.test(r[a1]));
    expect(unknown.length).toBeGreaterThan(10);
    expect(unknown.length + badLabel.length).toBeLessThan(400);
    let dups = 0;
    for (let i = 2; i < body.length; i++) {
      if (body[i].slice(1).join('\u0001') === body[i - 1].slice(1).join('\u0001')) dups++;
    }
    expect(dups).toBeGreaterThan(100);
    expect(dups).toBeLessThan(300);
    expect(body.some((r) => r.some((f) => f.includes('\n') && f.includes('"')))).toBe(true);
  });

  // How fast is the benchmark's business (`npm run bench` times the exports it generates).
  it('builds 100,000 records, one per line after the header', () => {
    const text = generateExport(100000, 5);
    expect(read(text).length).toBe(100001);
  });
});
