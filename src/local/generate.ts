// Deterministic generator of large Google Forms response exports (CSV) for tests and benchmarks.

import { DEFAULT_CHECKLIST } from '../core/checklist';
import type { Checklist } from '../core/types';
import { DEFAULT_UNITS } from '../core/units';

// Local copies: global look-ups are slow inside sandboxes such as Jest's VM context.
const { floor, imul, min } = Math;

const META = [
  'Dấu thời gian',
  'Địa chỉ email',
  'Đơn vị được kiểm tra',
  'Ngày kiểm tra',
  'Trưởng đoàn',
];

const INSPECTORS: [string, string][] = [
  ['lan.nt@mydu.example', 'Nguyễn Thị Lan - Phó Trưởng phòng Nội vụ'],
  ['minh.tv@mydu.example', 'Trần Văn Minh - Phó Chánh Văn phòng HĐND và UBND huyện'],
  ['thang.ld@mydu.example', 'Lê Đức Thắng - Phó Chánh Thanh tra huyện'],
];

const UNKNOWN_UNITS = ['Xã Hòa Bình', 'Xã Hồng Quang', 'Xã Thanh Bình'];
const FAMILY = ['Nguyễn', 'Trần', 'Lê', 'Phạm', 'Hoàng', 'Vũ', 'Đặng', 'Bùi', 'Đỗ', 'Ngô', 'Đinh'];
const MIDDLE = ['Văn', 'Thị', 'Đức', 'Minh', 'Thanh', 'Ngọc', 'Quang', 'Thu'];
const GIVEN = ['Hùng', 'Lan', 'Tuấn', 'Hoa', 'Nam', 'Mai', 'Dũng', 'Hà', 'Sơn', 'Hằng', 'Long'];
const ROLES = [
  'công chức Tư pháp - Hộ tịch',
  'công chức Văn phòng - Thống kê',
  'công chức Địa chính - Xây dựng',
  'công chức Tài chính - Kế toán',
  'công chức Văn hóa - Xã hội',
];
const FACTS: Record<string, string[]> = {
  A: ['đi muộn 15 phút', 'đi muộn 25 phút', 'vắng mặt không báo cáo lãnh đạo', 'làm việc riêng'],
  B: ['không đeo thẻ công chức', 'chưa có biển tên, chức danh tại bàn làm việc'],
  C: ['trả kết quả chậm 2 ngày so với giấy hẹn', 'không có mặt tại Bộ phận Một cửa'],
  D: ['chưa hướng dẫn công dân nộp hồ sơ trực tuyến', 'chưa số hóa kết quả giải quyết'],
  E: ['chưa ký cam kết năm', 'chưa khắc phục kiến nghị của đợt kiểm tra trước'],
};

// Public holidays of 2019 falling on weekdays (Tết: 04–08/02; Giỗ Tổ moved to 15/4; 29/4 swapped).
const HOLIDAYS = new Set([
  '01/01',
  '04/02',
  '05/02',
  '06/02',
  '07/02',
  '08/02',
  '15/04',
  '29/04',
  '30/04',
  '01/05',
  '02/09',
]);
const DAY_SECONDS = 34200; // 07:30–17:00
const DAY_START = 27000; // 07:30

/** Working days of 2019 as `dd/mm/yyyy` (answer) and `yyyy/mm/dd` (timestamp). */
function workingDays(): { dmy: string; ymd: string }[] {
  const days: { dmy: string; ymd: string }[] = [];
  const pad = (n: number): string => (n < 10 ? `0${n}` : String(n));
  for (let t = Date.UTC(2019, 0, 1); t < Date.UTC(2020, 0, 1); t += 86400000) {
    const d = new Date(t);
    const wd = d.getUTCDay();
    const dd = pad(d.getUTCDate());
    const mm = pad(d.getUTCMonth() + 1);
    if (wd === 0 || wd === 6 || HOLIDAYS.has(`${dd}/${mm}`)) continue;
    days.push({ dmy: `${dd}/${mm}/2019`, ymd: `2019/${mm}/${dd}` });
  }
  return days;
}

/** Mulberry32: a small, fast, seeded PRNG returning floats in [0, 1). */
function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = imul(t ^ (t >>> 15), t | 1);
    t ^= t + imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/**
 * Header of a Forms export for a checklist, in the order a linked sheet shows it: the meta
 * columns, then page by page each group's base numbers (where first used), criteria and note.
 */
export function exportHeader(checklist: Checklist = DEFAULT_CHECKLIST): string[] {
  const header = META.slice();
  const placed = new Set<string>();
  for (const g of checklist.groups) {
    const items = checklist.criteria.filter((c) => c.group === g.code);
    for (const c of items) {
      const base = c.base ? checklist.bases.find((b) => b.code === c.base) : undefined;
      if (base && !placed.has(base.code)) {
        placed.add(base.code);
        header.push(`${base.code}. ${base.title}`);
      }
    }
    for (const c of items) header.push(`${c.code}. ${c.text}`);
    header.push(`Ghi chú nhóm ${g.code}`);
  }
  return header;
}

const NEEDS_QUOTES = /[",\r\n]/;
const quote = (s: string): string => (NEEDS_QUOTES.test(s) ? `"${s.replace(/"/g, '""')}"` : s);

/** What a column holds: the base number or criterion of that index, or the note of a group. */
type Column = { kind: 'base' | 'item' | 'note'; index: number };

/**
 * A Google Forms CSV export (UTF-8 with BOM, CRLF, quoting where needed) of `n` inspections of the
 * 22 default units spread over the working days of 2019, in submission order. Same `n` and `seed`,
 * same text. About 1% of records are invalid (a label not of its item's type, `3.0` in a count,
 * an unknown unit) and about 1% repeat the previous record with a later timestamp (duplicates);
 * a few answers are empty; notes sometimes hold commas, quotes and newlines. Beyond some 20,000
 * records each unit is inspected several times a day, so clean records also coincide by chance
 * (about 1% more duplicates at 100,000).
 */
export function generateExport(n: number, seed = 1): string {
  const rand = mulberry32(seed);
  const pick = <T>(list: T[]): T => list[floor(rand() * list.length)];
  const { bases, criteria, groups } = DEFAULT_CHECKLIST;
  const header = exportHeader(DEFAULT_CHECKLIST);
  const days = workingDays();
  const units = DEFAULT_UNITS.map((u) => ({
    name: u.name,
    quality: 0.78 + rand() * 0.2,
    staff: 12 + floor(rand() * 14),
  }));

  const columns: Column[] = header.slice(META.length).map((h): Column => {
    if (h.startsWith('Ghi chú nhóm ')) {
      return { kind: 'note', index: groups.findIndex((g) => g.code === h.slice(13)) };
    }
    const code = h.slice(0, h.indexOf('.'));
    const item = criteria.findIndex((c) => c.code === code);
    return item >= 0
      ? { kind: 'item', index: item }
      : { kind: 'base', index: bases.findIndex((b) => b.code === code) };
  });
  const baseOf = criteria.map((c) => bases.findIndex((b) => b.code === c.base));
  const groupOf = criteria.map((c) => groups.findIndex((g) => g.code === c.group));
  // Relative failure rates: critical items fail rarely, late arrivals and missing ID cards often.
  const failOf = criteria.map((c) => (c.critical ? 0.2 : c.type === 'count' ? 2.5 : 1));
  const yesnoItems = criteria.flatMap((c, i) => (c.type === 'yesno' ? [i] : []));
  const countItems = criteria.flatMap((c, i) => (c.type === 'count' ? [i] : []));

  const person = (): string => `Đ/c ${pick(FAMILY)} ${pick(MIDDLE)} ${pick(GIVEN)}, ${pick(ROLES)}`;
  const note = (group: string, dmy: string): string => {
    let text = `${person()} ${pick(FACTS[group] ?? ['chưa đạt yêu cầu'])}.`;
    const r = rand();
    if (r < 0.3) text = `${person()}, ${text.charAt(0).toLowerCase()}${text.slice(1)}`;
    if (r < 0.08) text += ' Lĩnh vực "Hộ tịch" cần rà soát lại.';
    if (r < 0.05) text += `\nĐề nghị khắc phục trước ngày ${dmy}.`;
    return quote(text);
  };

  const out: string[] = [`\ufeff${header.map(quote).join(',')}`];
  const total = days.length * DAY_SECONDS;
  const pad = (v: number): string => (v < 10 ? `0${v}` : `${v}`);
  const answers: string[] = new Array(criteria.length);
  const baseValues: number[] = new Array(bases.length);
  const failed: boolean[] = new Array(groups.length);
  const fields: string[] = new Array(header.length);
  let previous: string | null = null;

  for (let i = 0; i < n; i++) {
    const t = floor(((i + 0.1 + 0.8 * rand()) * total) / n);
    const day = days[min(days.length - 1, floor(t / DAY_SECONDS))];
    const sod = DAY_START + (t % DAY_SECONDS);
    const h = floor(sod / 3600);
    const stamp = `${day.ymd} ${h % 12 || 12}:${pad(floor(sod / 60) % 60)}:${pad(sod % 60)} ${h < 12 ? 'AM' : 'PM'} GMT+7`;

    const roll = rand();
    if (previous !== null && roll < 0.01) {
      // Submitted twice: same unit, date and answers, a later timestamp.
      out.push(stamp + previous.slice(previous.indexOf(',')));
      previous = null;
      continue;
    }

    const unit = pick(units);
    const [email, lead] = pick(INSPECTORS);
    const fail = 1 - unit.quality;
    // The first base number is the staff list (fixed per unit); the others are dossiers sampled.
    for (let b = 0; b < bases.length; b++) {
      baseValues[b] = b === 0 ? unit.staff : 5 + floor(rand() * 26);
    }
    failed.fill(false);
    for (let c = 0; c < criteria.length; c++) {
      const type = criteria[c].type;
      const r = rand();
      let a = type === 'count' ? '0' : 'Đạt';
      if (r < fail * failOf[c]) {
        const s = rand();
        if (type === 'count') a = `${min(baseValues[baseOf[c]] ?? 0, 1 + floor(s * 3))}`;
        else if (s < 0.01) a = '';
        else if (s < 0.05) a = 'Không áp dụng';
        else a = type === 'choice3' && s < 0.7 ? 'Đạt một phần' : 'Không đạt';
        if (a !== '' && a !== 'Không áp dụng' && a !== '0') failed[groupOf[c]] = true;
      }
      answers[c] = a;
    }

    let unitName = unit.name;
    const variant = rand();
    if (variant < 0.02) unitName = unitName.replace(/^(Xã|Thị trấn) /, '').toLowerCase();
    else if (variant < 0.03) unitName = unitName.normalize('NFD');

    let valid = true;
    if (roll > 0.99) {
      valid = false;
      const kind = rand();
      if (kind < 0.35) unitName = pick(UNKNOWN_UNITS);
      else if (kind < 0.7) answers[pick(yesnoItems)] = 'Đạt một phần';
      else answers[pick(countItems)] = '3.0';
    }

    fields[0] = stamp;
    fields[1] = email;
    fields[2] = quote(unitName);
    fields[3] = day.dmy;
    fields[4] = quote(lead);
    for (let k = 0; k < columns.length; k++) {
      const col = columns[k];
      let v = '';
      if (col.kind === 'item') v = answers[col.index];
      else if (col.kind === 'base') v = `${baseValues[col.index] ?? ''}`;
      else if (failed[col.index] && rand() < 0.6) v = note(groups[col.index].code, day.dmy);
      fields[META.length + k] = v;
    }
    const line = fields.join(',');
    out.push(line);
    previous = valid ? line : null;
  }
  return `${out.join('\r\n')}\r\n`;
}
