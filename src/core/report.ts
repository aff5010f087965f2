// The báo cáo (summary report over a period) as plain data: header block, sections, ranking table, signature (documents.md).

import { formatDateLine, formatDm, formatDmy } from './dates';
import type { Aggregate, Checklist, Config, Inspection } from './types';
import { compareCodes } from './units';

/** The office's settings that shape documents (Nghị định 30/2020 header, signature, recipients). */
export interface DocSettings {
  /** Cơ quan chủ quản, in capitals, upright above the issuing body ('' for none). */
  parentBody: string;
  /** Cơ quan ban hành, in capitals, bold. */
  issuingBody: string;
  /** The same body as a sentence names it: `UBND huyện Mỹ Đức`. */
  issuingShort: string;
  /** Place in the date line: `Mỹ Đức, ngày 05 tháng 3 năm 2019`. */
  place: string;
  /** Document number after `Số: `, e.g. `…/BC-UBND` (the clerk fills the number when signing). */
  reportNumber: string;
  /** Căn cứ: the plan the inspections implement. */
  basis: string;
  /** Signing authority lines, e.g. `TM. ỦY BAN NHÂN DÂN`, `KT. CHỦ TỊCH`. */
  signerAuthority: string[];
  /** `PHÓ CHỦ TỊCH`. */
  signerTitle: string;
  signerName: string;
  /** Nơi nhận, without the leading dash and trailing semicolon; `Lưu: VT, NV.` is added last. */
  recipients: string[];
  /** Standard text of III. Kiến nghị, đề xuất. */
  recommendations: string;
  /** Days given to fix a finding (biên bản). */
  fixDays: number;
  /** What the inspected units are called after a count: `xã, thị trấn` (default), `xã, phường`. */
  unitsNoun?: string;
  /** Who was inspected, in the report's title: `UBND các xã, thị trấn` (default). */
  unitsTitle?: string;
}

/** One block of a document body, in order. */
export type Block =
  | { kind: 'heading'; text: string }
  | { kind: 'subheading'; text: string }
  | { kind: 'paragraph'; text: string }
  | { kind: 'item'; text: string }
  | { kind: 'table'; headers: string[]; rows: string[][]; widths: number[] };

/** The NĐ 30/2020 header block (two columns). */
export interface HeaderBlock {
  parent: string;
  body: string;
  number: string;
  nation: string;
  motto: string;
  dateLine: string;
}

/** A whole document: header, title lines, body blocks, signature and recipients. */
export interface DocModel {
  name: string;
  header: HeaderBlock;
  title: string;
  subtitle: string[];
  blocks: Block[];
  /** Signature columns: one for a report; two (unit | team leader) for a biên bản. */
  signatures: { heading: string[]; title: string; name: string }[];
  recipients: string[];
}

// Notes quoted per shortcoming; the workbook's findings sheet has them all.
const NOTES_SHOWN = 6;
// Beyond this many critical failures, kiến nghị groups them by unit and criterion.
const MAX_FAILURE_LINES = 30;

export const NATION = 'CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM';
export const MOTTO = 'Độc lập - Tự do - Hạnh phúc';

/** `1,5`: Vietnamese decimal comma, one decimal. */
export const num1 = (x: number): string => x.toFixed(1).replace('.', ',');

/** `(từ ngày 18/02/2019 đến ngày 24/02/2019)` */
export function periodPhrase(from: string, to: string): string {
  return from === to
    ? `(ngày ${formatDmy(from)})`
    : `(từ ngày ${formatDmy(from)} đến ngày ${formatDmy(to)})`;
}

/** The Nơi nhận lines as printed: `- …;` each, the last `- Lưu: VT, NV.` */
export function recipientLines(list: readonly string[]): string[] {
  return [...list.map((r) => `- ${r.replace(/[;.]\s*$/, '')};`), '- Lưu: VT, NV.'];
}

const lowerFirst = (s: string): string => s.charAt(0).toLowerCase() + s.slice(1);

/**
 * `UBND xã Hợp Tiến`, `UBND thị trấn Đại Nghĩa`, `UBND đặc khu Phú Quốc`: the committee of a unit
 * as a sentence names it; a unit that is not a commune-level area (a commune's own department,
 * `Phòng Kinh tế`) is named as it is.
 */
export function ubnd(unit: string): string {
  if (!/^(Xã|Thị trấn|Phường|Đặc khu)\s/.test(unit)) return unit;
  return `UBND ${unit.replace(/^(Xã|Thị trấn|Phường|Đặc khu)\s/, (p) => p.toLowerCase())}`;
}

/** The dates of a unit's inspections for the table: a few listed, many as a range with a count. */
function datesCell(dates: string[]): string {
  const unique = [...new Set(dates)].sort();
  if (unique.length <= 4) return unique.map(formatDm).join(', ');
  return `${formatDm(unique[0])}–${formatDm(unique[unique.length - 1])} (${dates.length} lượt)`;
}

/** Findings of the period grouped by criterion, most frequent first: units and the notes behind them. */
export function shortcomings(checklist: Checklist, inspections: readonly Inspection[]) {
  const out = checklist.criteria
    .map((c, order) => {
      const hits = inspections.filter((i) => i.findings.includes(c.code));
      const units = [...new Set(hits.map((i) => i.unit))];
      const notes = hits
        .filter((i) => i.notes[c.group])
        .map((i) => ({ unit: i.unit, note: i.notes[c.group] }));
      return { criterion: c, order, count: hits.length, units, notes };
    })
    .filter((x) => x.count > 0);
  return out.sort((a, b) => b.count - a.count || a.order - b.order);
}

/** Builds the báo cáo for an aggregate (scored inspections in the period), dated `today`. */
export function buildReport(
  config: Config,
  agg: Aggregate,
  s: DocSettings,
  today: string,
): DocModel {
  const { checklist } = config;
  const from = agg.period.from ?? today;
  const to = agg.period.to ?? today;
  const inspected = agg.units.length;
  const total = inspected + agg.notInspected.length;
  const blocks: Block[] = [];

  blocks.push({ kind: 'paragraph', text: `Căn cứ ${s.basis.replace(/[.;]\s*$/, '')};` });
  blocks.push({
    kind: 'paragraph',
    text: `${s.issuingShort} báo cáo kết quả kiểm tra công vụ đột xuất ${periodPhrase(from, to).slice(1, -1)} như sau:`,
  });

  blocks.push({ kind: 'heading', text: 'I. PHẠM VI, HÌNH THỨC KIỂM TRA' });
  const dates = [...new Set(agg.inspections.map((i) => i.date))].sort();
  blocks.push({
    kind: 'paragraph',
    text:
      inspected === 0
        ? `Trong kỳ, Đoàn kiểm tra công vụ chưa kiểm tra đơn vị nào.`
        : `Đoàn kiểm tra công vụ đã kiểm tra đột xuất, không báo trước ${agg.inspections.length} lượt tại ${inspected}/${total} ${s.unitsNoun || 'xã, thị trấn'}, vào các ngày ${dates.map(formatDm).join(', ')}. Nội dung kiểm tra: chấp hành thời giờ làm việc, kỷ luật, kỷ cương hành chính; văn hóa công sở; hoạt động của Bộ phận Một cửa; dịch vụ công trực tuyến; việc ký cam kết và khắc phục tồn tại.`,
  });

  blocks.push({ kind: 'heading', text: 'II. KẾT QUẢ KIỂM TRA' });
  blocks.push({ kind: 'subheading', text: '1. Ưu điểm' });
  const strong = agg.criteria
    .filter(
      (c) =>
        c.passRate !== null &&
        c.passRate >= 90 &&
        c.applicable >= Math.max(1, Math.ceil(inspected / 2)),
    )
    .sort((a, b) => (b.passRate ?? 0) - (a.passRate ?? 0));
  const critByCode = new Map(checklist.criteria.map((c) => [c.code, c]));
  if (strong.length === 0)
    blocks.push({
      kind: 'paragraph',
      text: 'Chưa có tiêu chí nào được hầu hết các đơn vị thực hiện tốt.',
    });
  else {
    blocks.push({
      kind: 'paragraph',
      text: `Các đơn vị được kiểm tra cơ bản chấp hành nghiêm quy định; ${strong.length} tiêu chí được tất cả hoặc hầu hết các đơn vị thực hiện tốt:`,
    });
    for (const c of strong) {
      const crit = critByCode.get(c.code);
      if (!crit) continue;
      const share =
        c.compliant === c.applicable
          ? `${c.compliant}/${c.applicable} lượt kiểm tra đạt`
          : `${c.compliant}/${c.applicable} lượt kiểm tra đạt (${num1(c.passRate ?? 0)}%)`;
      const what =
        crit.type === 'count'
          ? `không có vi phạm về ${lowerFirst(crit.text).replace(/^số /, '')}`
          : lowerFirst(crit.text);
      blocks.push({
        kind: 'item',
        text: `- ${what.charAt(0).toUpperCase()}${what.slice(1)}: ${share};`,
      });
    }
  }

  blocks.push({ kind: 'subheading', text: '2. Tồn tại, hạn chế' });
  const weak = shortcomings(checklist, agg.inspections);
  if (weak.length === 0)
    blocks.push({ kind: 'paragraph', text: 'Qua kiểm tra, chưa phát hiện tồn tại, hạn chế.' });
  for (const w of weak) {
    const c = w.criterion;
    // The people and facts behind a finding, each once; a long period lists the first few.
    const distinct = [...new Set(w.notes.map((n) => `${n.unit}: ${n.note}`))];
    const shown = distinct.slice(0, NOTES_SHOWN);
    const more = distinct.length - shown.length;
    const notes =
      shown.join('; ') + (more > 0 ? `; và ${more} ghi chú khác (xem trang Tồn tại)` : '');
    blocks.push({
      kind: 'item',
      text: `- ${c.text}${c.critical ? ' (tiêu chí nghiêm trọng)' : ''}: ${w.count} lượt, tại ${w.units.join(', ')}${notes ? `. Cụ thể: ${notes}` : ''}.`,
    });
  }

  blocks.push({ kind: 'subheading', text: '3. Bảng tổng hợp kết quả' });
  const byUnit = new Map<string, Inspection[]>();
  for (const i of agg.inspections) {
    const list = byUnit.get(i.unitCode);
    if (list) list.push(i);
    else byUnit.set(i.unitCode, [i]);
  }
  const rows: string[][] = agg.units.map((u, k) => {
    const list = byUnit.get(u.unitCode) ?? [];
    const freq = new Map<string, number>();
    for (const i of list) for (const f of i.findings) freq.set(f, (freq.get(f) ?? 0) + 1);
    const main = [...freq]
      .sort((a, b) => b[1] - a[1] || compareCodes(a[0], b[0]))
      .slice(0, 4)
      .map(([code]) => code);
    return [
      String(k + 1),
      u.unit,
      datesCell(list.map((i) => i.date)),
      num1(u.mean),
      u.tier,
      main.join(', ') || 'Không',
    ];
  });
  agg.notInspected.forEach((u, k) => {
    rows.push([String(agg.units.length + k + 1), u.unit, '', '', 'Chưa kiểm tra', '']);
  });
  blocks.push({
    kind: 'table',
    headers: ['STT', 'Đơn vị', 'Ngày kiểm tra', 'Điểm', 'Xếp loại', 'Tồn tại chính'],
    rows,
    widths: [35, 140, 80, 45, 75, 110],
  });

  blocks.push({ kind: 'heading', text: 'III. KIẾN NGHỊ, ĐỀ XUẤT' });
  blocks.push({ kind: 'paragraph', text: s.recommendations });
  const lowTiers = new Set(checklist.tiers.slice(-2).map((t) => t.label));
  for (const u of agg.units.filter((x) => lowTiers.has(x.tier)))
    blocks.push({
      kind: 'item',
      text: `- ${ubnd(u.unit)} (xếp loại ${u.tier}, ${num1(u.mean)} điểm): tổ chức kiểm điểm, khắc phục ngay các tồn tại và báo cáo kết quả về Phòng Nội vụ.`,
    });
  // A line per critical failure; over a long period, a line per unit and criterion with its dates.
  const failures = agg.inspections.flatMap((i) => i.criticalFailures.map((code) => ({ i, code })));
  const grouped = new Map<string, { unit: string; code: string; dates: string[] }>();
  for (const { i, code } of failures) {
    const key = failures.length <= MAX_FAILURE_LINES ? `${i.row}|${code}` : `${i.unitCode}|${code}`;
    const g = grouped.get(key) ?? { unit: i.unit, code, dates: [] };
    g.dates.push(formatDmy(i.date));
    grouped.set(key, g);
  }
  for (const g of grouped.values()) {
    const dates =
      g.dates.length > 5
        ? `${g.dates.slice(0, 5).join(', ')} và ${g.dates.length - 5} lần khác`
        : g.dates.join(', ');
    blocks.push({
      kind: 'item',
      text: `- ${g.unit}, ngày ${dates}: vi phạm tiêu chí nghiêm trọng ${g.code} (${critByCode.get(g.code)?.text ?? ''}); đề nghị xem xét trách nhiệm cá nhân liên quan.`,
    });
  }

  return {
    name: `Báo cáo kiểm tra công vụ ${formatDmy(from).replace(/\//g, '-')} đến ${formatDmy(to).replace(/\//g, '-')}`,
    header: {
      parent: s.parentBody,
      body: s.issuingBody,
      number: `Số: ${s.reportNumber}`,
      nation: NATION,
      motto: MOTTO,
      dateLine: formatDateLine(s.place, today),
    },
    title: 'BÁO CÁO',
    subtitle: [
      `Kết quả kiểm tra công vụ đột xuất tại ${s.unitsTitle || 'UBND các xã, thị trấn'}`,
      periodPhrase(from, to),
    ],
    blocks,
    signatures: [{ heading: s.signerAuthority, title: s.signerTitle, name: s.signerName }],
    recipients: recipientLines(s.recipients),
  };
}
