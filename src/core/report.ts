// The báo cáo (summary report over a period) as plain data: header block, sections, ranking table, signature (documents.md).

import type { OverdueByUnit } from './actions';
import { standing } from './aggregate';
import { tierRank } from './classify';
import { addDays, formatDateLine, formatDm, formatDmy } from './dates';
import { annotate, cleanNote, findingWording, totalFinding } from './findings';
import { roundRatio1 } from './round';
import type {
  Aggregate,
  Checklist,
  Config,
  Criterion,
  Inspection,
  Unit,
  UnitSummary,
} from './types';
import { continuingUnit, unitIdentity, unitLabelOn, unitLookup } from './units';

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
  /** Days given to fix a finding: from the inspection (biên bản), from the report date (báo cáo). */
  fixDays: number;
  /** The body a unit reports its corrections to (`Phòng Nội vụ`). */
  reportTo: string;
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
const upperFirst = (s: string): string => s.charAt(0).toUpperCase() + s.slice(1);

/**
 * `UBND xã Hợp Tiến`, `UBND thị trấn Đại Nghĩa`, `UBND đặc khu Phú Quốc`: the committee of a unit
 * as a sentence names it; a unit that is not a commune-level area (a commune's own department,
 * `Phòng Kinh tế`) is named as it is.
 */
export function ubnd(unit: string): string {
  if (!/^(Xã|Thị trấn|Phường|Đặc khu)\s/.test(unit)) return unit;
  return `UBND ${unit.replace(/^(Xã|Thị trấn|Phường|Đặc khu)\s/, (p) => p.toLowerCase())}`;
}

/** `các xã, thị trấn` (or `các xã, phường`, …) from the kinds of units the office lists; `các đơn vị` otherwise. */
export function unitKinds(names: readonly string[]): string {
  const kinds = ['xã', 'phường', 'thị trấn'].filter((k) =>
    names.some((n) => n.toLowerCase().startsWith(`${k} `)),
  );
  const known = names.every((n) => /^(xã|phường|thị trấn)\s/i.test(n));
  return kinds.length && known ? `các ${kinds.join(', ')}` : 'các đơn vị';
}

/** Items as a list: `- …;` each, the last ending with a full stop. */
export function listItems(lines: readonly string[]): Block[] {
  return lines.map((l, k) => ({
    kind: 'item',
    text: `- ${l.replace(/[\s.;,]+$/, '')}${k === lines.length - 1 ? '.' : ';'}`,
  }));
}

/** The inspections of each unit, by `UnitSummary.key` (a reused code is another unit). */
export function byUnit(
  inspections: readonly Inspection[],
  units: readonly Unit[],
): Map<string, Inspection[]> {
  const lookup = unitLookup(units);
  const out = new Map<string, Inspection[]>();
  for (const i of inspections) {
    const key = lookup.keyAt(i.unitCode, i.date);
    const list = out.get(key);
    if (list) list.push(i);
    else out.set(key, [i]);
  }
  return out;
}

/** `hạ do vi phạm nghiêm trọng: C8 ngày 20/02/2019` (every critical failure of the unit, by date). */
export function capReason(list: readonly Inspection[]): string {
  const parts = [...list]
    .filter((i) => i.criticalFailures.length > 0)
    .sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : a.row - b.row))
    .map((i) => `${i.criticalFailures.join(', ')} ngày ${formatDmy(i.date)}`);
  return `hạ do vi phạm nghiêm trọng: ${parts.join('; ')}`;
}

/** `94,6 điểm, xếp loại Yếu (hạ do vi phạm nghiêm trọng: A2, C7 ngày 20/02/2019)`. */
export function unitStanding(u: UnitSummary, list: readonly Inspection[]): string {
  const capped = u.tier !== u.uncappedTier;
  return `${num1(u.mean)} điểm, xếp loại ${u.tier}${capped ? ` (${capReason(list)})` : ''}`;
}

/** Mean of the rounded scores of inspections, half up to one decimal; null for none. */
export function meanScore(list: readonly Inspection[]): number | null {
  if (list.length === 0) return null;
  let tenths = 0;
  for (const i of list) tenths += Math.round(i.score * 10);
  return roundRatio1(1, tenths, list.length * 10);
}

// People named in notes: `Đ/c Nguyễn Văn Hùng`, `đồng chí Lê Thị Hoa`, `ông …`, `bà …`.
const PERSON =
  /(?<!\p{L})(?:Đ\/c|đ\/c|[Đđ]ồng chí|[Ôô]ng|[Bb]à)\s+(\p{Lu}\p{Ll}*(?:\s+\p{Lu}\p{Ll}*){1,4})/gu;

/** The people the notes name (`đ/c Nguyễn Văn Hùng`), each once, in order of appearance. */
export function peopleNamed(notes: readonly string[]): string[] {
  const out: string[] = [];
  for (const n of notes) {
    PERSON.lastIndex = 0;
    for (let m = PERSON.exec(n); m !== null; m = PERSON.exec(n)) {
      const who = `đ/c ${m[1]}`;
      if (!out.includes(who)) out.push(who);
    }
  }
  return out;
}

/** Findings of the period by criterion: critical ones first, then the most frequent. */
export function shortcomings(checklist: Checklist, inspections: readonly Inspection[]) {
  const out = checklist.criteria
    .map((c, order) => {
      const hits = inspections.filter((i) => i.findings.includes(c.code));
      const applicable = inspections.filter(
        (i) => i.items.find((x) => x.code === c.code)?.credit != null,
      );
      const critical = hits.some((i) => i.criticalFailures.includes(c.code));
      return { criterion: c, order, count: hits.length, hits, applicable, critical };
    })
    .filter((x) => x.count > 0);
  return out.sort(
    (a, b) => Number(b.critical) - Number(a.critical) || b.count - a.count || a.order - b.order,
  );
}

/** `Xã Đại Hưng (18/02: 2/16; 25/02: 1/16)`: a unit and the dates (with numbers for counts) of its findings. */
function unitDates(c: Criterion, hits: readonly Inspection[], all: readonly Unit[]): string[] {
  const units = byUnit(hits, all);
  return [...units.values()].map((list) => {
    const dates = [...list]
      .sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : 0))
      .map((i) => {
        const item = i.items.find((x) => x.code === c.code);
        if (c.type === 'count' && c.base && item) {
          const b = i.bases?.[c.base];
          return `${formatDm(i.date)}: ${item.answer}/${b ?? '?'}`;
        }
        return item?.credit === 0.5 ? `${formatDm(i.date)}, đạt một phần` : formatDm(i.date);
      });
    return `${list[0].unit} (${dates.join('; ')})`;
  });
}

/** What a unit must correct: its findings worded with its own totals, critical first, then by frequency. */
export function unitFindings(
  checklist: Checklist,
  list: readonly Inspection[],
): { criterion: Criterion; text: string; critical: boolean; count: number }[] {
  return shortcomings(checklist, list).map((w) => ({
    criterion: w.criterion,
    text: totalFinding(w.criterion, w.applicable),
    critical: w.critical,
    count: w.count,
  }));
}

/**
 * Section III's part on corrective actions past their deadline on `today`: a lead line, one
 * sentence per unit (the units with the most first) and a short table; nothing when there are none.
 */
export function overdueBlocks(
  overdue: readonly OverdueByUnit[],
  s: Pick<DocSettings, 'reportTo'>,
  today: string,
): Block[] {
  const units = overdue
    .filter((u) => u.actions.length > 0)
    .map((u) => ({
      ...u,
      actions: [...u.actions].sort(
        (a, b) => a.deadline.localeCompare(b.deadline) || a.criterion.localeCompare(b.criterion),
      ),
    }))
    .sort((a, b) => b.actions.length - a.actions.length);
  if (!units.length) return [];
  const blocks: Block[] = [
    {
      kind: 'paragraph',
      text: `Đến ngày ${formatDmy(today)}, ${units.length === 1 ? 'một đơn vị' : `${units.length} đơn vị`} còn việc khắc phục đã quá hạn:`,
    },
  ];
  for (const u of units) {
    const list = u.actions
      .map((a) => `${a.finding} (hạn ${formatDmy(a.deadline)}, quá ${a.days} ngày)`)
      .join('; ');
    blocks.push({
      kind: 'item',
      text: `- ${ubnd(u.unit)} còn ${u.actions.length} việc khắc phục quá hạn: ${list}; đề nghị hoàn thành ngay và báo cáo về ${s.reportTo}.`,
    });
  }
  let n = 0;
  blocks.push({
    kind: 'table',
    headers: ['STT', 'Đơn vị', 'Tồn tại quá hạn', 'Hạn khắc phục', 'Số ngày quá hạn'],
    rows: units.flatMap((u) =>
      u.actions.map((a) => [String(++n), u.unit, a.finding, formatDmy(a.deadline), String(a.days)]),
    ),
    // Sums to 466 pt, the text width, like the summary table.
    widths: [28, 100, 200, 72, 66],
  });
  return blocks;
}

/**
 * Builds the báo cáo for an aggregate (scored inspections in the period and, in
 * `agg.previous`, the previous period), dated `today` (the day it is written); `overdue`, the
 * corrective actions past their deadline on that day, goes into section III.
 */
export function buildReport(
  config: Config,
  agg: Aggregate,
  s: DocSettings,
  today: string,
  overdue: readonly OverdueByUnit[] = [],
): DocModel {
  const { checklist } = config;
  const from = agg.period.from ?? today;
  const to = agg.period.to ?? today;
  const inspected = agg.units.length;
  const total = inspected + agg.notInspected.length;
  const kinds = unitKinds(config.units.map((u) => u.name));
  const units = byUnit(agg.inspections, config.units);
  const blocks: Block[] = [];

  blocks.push({ kind: 'paragraph', text: `Căn cứ ${s.basis.replace(/[.;]\s*$/, '')};` });
  blocks.push({
    kind: 'paragraph',
    text: `${s.issuingShort} báo cáo kết quả kiểm tra công vụ đột xuất ${periodPhrase(from, to).slice(1, -1)} như sau:`,
  });

  // I. Scope: inspections, units, dates, surprise, the base numbers summed.
  blocks.push({ kind: 'heading', text: 'I. PHẠM VI, HÌNH THỨC KIỂM TRA' });
  const dates = [...new Set(agg.inspections.map((i) => i.date))].sort();
  const dateText =
    dates.length <= 8
      ? `vào các ngày ${dates.map(formatDmy).join(', ')}`
      : `trong ${dates.length} ngày, từ ngày ${formatDmy(dates[0])} đến ngày ${formatDmy(dates[dates.length - 1])}`;
  const content = checklist.groups
    .filter((g) => checklist.criteria.some((c) => c.group === g.code))
    .map((g) => lowerFirst(g.title))
    .join('; ');
  if (inspected === 0)
    blocks.push({
      kind: 'paragraph',
      text: 'Trong kỳ, Đoàn kiểm tra công vụ chưa kiểm tra đơn vị nào.',
    });
  else {
    blocks.push({
      kind: 'paragraph',
      text: `Đoàn kiểm tra công vụ đã kiểm tra đột xuất, không báo trước ${agg.inspections.length} lượt tại ${inspected}/${total} đơn vị (${s.unitsNoun ? `các ${s.unitsNoun}` : kinds}), ${dates.length === 1 ? `vào ngày ${formatDmy(dates[0])}` : dateText}. Nội dung kiểm tra: ${content}.`,
    });
    const sums = checklist.bases
      .filter((b) => checklist.criteria.some((c) => c.base === b.code))
      .map((b) => {
        let sum = 0;
        let n = 0;
        for (const i of agg.inspections) {
          const v = i.bases?.[b.code];
          if (typeof v === 'number') {
            sum += v;
            n++;
          }
        }
        return n ? `${lowerFirst(b.title)}: ${sum} (cộng ${n} lượt kiểm tra có số liệu)` : '';
      })
      .filter((x) => x);
    if (sums.length)
      blocks.push({
        kind: 'paragraph',
        text: `Số liệu tại các đơn vị được kiểm tra: ${sums.join('; ')}.`,
      });
  }

  blocks.push({ kind: 'heading', text: 'II. KẾT QUẢ KIỂM TRA' });

  // 1. Strengths: passed by every inspection, or at least 95% with no critical failure.
  blocks.push({ kind: 'subheading', text: '1. Ưu điểm' });
  const weak = shortcomings(checklist, agg.inspections);
  const criticalCodes = new Set(weak.filter((w) => w.critical).map((w) => w.criterion.code));
  const critByCode = new Map(checklist.criteria.map((c) => [c.code, c]));
  const strong = agg.criteria
    .filter(
      (c) =>
        c.passRate !== null &&
        c.applicable > 0 &&
        (c.compliant === c.applicable || (c.passRate >= 95 && !criticalCodes.has(c.code))),
    )
    .sort((a, b) => (b.passRate ?? 0) - (a.passRate ?? 0));
  if (strong.length === 0)
    blocks.push({
      kind: 'paragraph',
      text: 'Không có tiêu chí nào đạt ở ít nhất 95% số lượt kiểm tra.',
    });
  else {
    const every = strong.filter((c) => c.compliant === c.applicable).length;
    blocks.push({
      kind: 'paragraph',
      text: `${strong.length} tiêu chí đạt ở ít nhất 95% số lượt kiểm tra (${every} tiêu chí đạt ở tất cả các lượt áp dụng):`,
    });
    blocks.push(
      ...listItems(
        strong.flatMap((c) => {
          const crit = critByCode.get(c.code);
          if (!crit) return [];
          const what =
            crit.type === 'count'
              ? crit.finding
                ? `Không có ${crit.finding}`
                : crit.text
              : crit.text;
          const share =
            c.compliant === c.applicable
              ? `${c.compliant}/${c.applicable} lượt kiểm tra đạt`
              : `${c.compliant}/${c.applicable} lượt kiểm tra đạt (${num1(c.passRate ?? 0)}%)`;
          return [`${upperFirst(what)}: ${share}`];
        }),
      ),
    );
  }

  // 2. Shortcomings: finding wording and totals, the units and dates, each note once.
  blocks.push({ kind: 'subheading', text: '2. Tồn tại, hạn chế' });
  if (weak.length === 0)
    blocks.push({ kind: 'paragraph', text: 'Qua kiểm tra, chưa phát hiện tồn tại, hạn chế.' });
  const quoted = new Set<string>();
  weak.forEach((w, k) => {
    const c = w.criterion;
    const wording = totalFinding(c, w.applicable);

    const last = k === weak.length - 1;
    blocks.push({
      kind: 'item',
      text: `- ${upperFirst(w.critical ? annotate(wording, 'vi phạm nghiêm trọng') : wording)}: ${w.count}/${w.applicable.length} lượt kiểm tra, tại ${unitDates(c, w.hits, config.units).join(', ')}${last ? '.' : ';'}`,
    });
    for (const i of w.hits) {
      const note = i.notes[c.group];
      if (!note) continue;
      const key = `${i.unitCode}|${c.group}|${note}`;
      if (quoted.has(key)) continue;
      quoted.add(key);
      const text = cleanNote(note);
      if (text)
        blocks.push({
          kind: 'item',
          text: `+ Ghi chú của Đoàn tại ${i.unit} (${formatDmy(i.date)}): ${text}`,
        });
    }
  });

  // 3. Classification: counts per tier that add up, then each unit the cap lowered.
  blocks.push({ kind: 'subheading', text: '3. Xếp loại' });
  if (inspected === 0)
    blocks.push({ kind: 'paragraph', text: 'Chưa có đơn vị được xếp loại trong kỳ.' });
  else {
    const counts = checklist.tiers
      .map((t) => ({ label: t.label, n: agg.units.filter((u) => u.tier === t.label).length }))
      .filter((x) => x.n > 0);
    blocks.push({
      kind: 'paragraph',
      text: `Trong ${inspected} đơn vị được kiểm tra: ${counts.map((x) => `${x.label}: ${x.n} đơn vị`).join('; ')}.`,
    });
    const lowered = agg.units.filter((u) => u.tier !== u.uncappedTier);
    if (lowered.length) {
      blocks.push({
        kind: 'paragraph',
        text: `Đơn vị bị hạ xếp loại do có vi phạm nghiêm trọng (${checklist.caps.map((k) => `từ ${k.failures} vi phạm trong một lượt kiểm tra: tối đa ${k.maxTier}`).join('; ')}):`,
      });
      blocks.push(
        ...listItems(
          lowered.map(
            (u) =>
              `${u.unit}: ${unitStanding(u, units.get(u.key) ?? [])}; theo điểm là ${u.uncappedTier}`,
          ),
        ),
      );
    }
  }

  // 4. Against the previous period of the same length.
  blocks.push({ kind: 'subheading', text: '4. So với kỳ trước' });
  const prev = agg.previous;
  // The previous period's inspections follow their unit into the one it continues in at this
  // period's end (Xã Hợp Tiến's June into Xã Hồng Sơn's July), and the comparison says so.
  const lookup = unitLookup(config.units);
  const continuing = (code: string, date: string): string => {
    const u = lookup.unitAt(code, date);
    return u ? unitIdentity(continuingUnit(lookup.index, u, to)) : code;
  };
  const prevByNow = new Map<string, Inspection[]>();
  for (const i of prev?.inspections ?? []) {
    const key = continuing(i.unitCode, i.date);
    prevByNow.set(key, [...(prevByNow.get(key) ?? []), i]);
  }
  const previousOf = (u: { key: string }) => {
    const unit = config.units.find((x) => unitIdentity(x) === u.key);
    const now = unit ? unitIdentity(continuingUnit(lookup.index, unit, to)) : u.key;
    const list = prevByNow.get(now) ?? [];
    if (!list.length) return null;
    const tier = standing(
      config,
      list.map((i) => ({ ...i, timestamp: null, criticalCount: i.criticalFailures.length })),
    ).tier;
    // The units the previous inspections were made at, named when another unit's are among them.
    const then = [...new Set(list.map((i) => lookup.unitAt(i.unitCode, i.date)))].filter(
      (x): x is Unit => x !== undefined,
    );
    const via = then.some((x) => unitIdentity(x) !== u.key)
      ? `kỳ trước gồm ${then.map((x) => unitLabelOn(lookup.index, x, to)).join(', ')}`
      : '';
    return { list, tier, via };
  };
  if (!prev || prev.inspections.length === 0 || !prev.period.from || !prev.period.to)
    blocks.push({
      kind: 'paragraph',
      text:
        prev?.period.from && prev.period.to
          ? `Kỳ trước ${periodPhrase(prev.period.from, prev.period.to)} không có lượt kiểm tra nào nên chưa có số liệu để so sánh.`
          : 'Không có kỳ trước để so sánh.',
    });
  else {
    const now = meanScore(agg.inspections) ?? 0;
    const then = meanScore(prev.inspections) ?? 0;
    const diff = Math.round((now - then) * 10) / 10;
    blocks.push({
      kind: 'paragraph',
      text: `Điểm trung bình của các lượt kiểm tra: kỳ này ${num1(now)} điểm (${agg.inspections.length} lượt), kỳ trước ${periodPhrase(prev.period.from, prev.period.to)} ${num1(then)} điểm (${prev.inspections.length} lượt), ${diff === 0 ? 'không đổi' : `${diff > 0 ? 'tăng' : 'giảm'} ${num1(Math.abs(diff))} điểm`}.`,
    });
    const rose: string[] = [];
    const fell: string[] = [];
    for (const u of agg.units) {
      const p = previousOf(u);
      if (!p || p.tier === u.tier) continue;
      const line = `${u.unit} (${p.tier} → ${u.tier}${p.via ? `; ${p.via}` : ''})`;
      if (tierRank(checklist, u.tier) < tierRank(checklist, p.tier)) rose.push(line);
      else fell.push(line);
    }
    blocks.push({
      kind: 'paragraph',
      text:
        rose.length || fell.length
          ? `${rose.length ? `Đơn vị nâng xếp loại: ${rose.join(', ')}. ` : ''}${fell.length ? `Đơn vị bị hạ xếp loại: ${fell.join(', ')}.` : ''}`.trim()
          : 'Không có đơn vị nào được kiểm tra ở cả hai kỳ thay đổi xếp loại.',
    });
    const repeats: string[] = [];
    for (const u of agg.units) {
      const p = previousOf(u);
      if (!p) continue;
      const before = p.list;
      const failedBefore = new Set(before.flatMap((i) => i.findings));
      const again = checklist.criteria.filter(
        (c) =>
          failedBefore.has(c.code) &&
          (units.get(u.key) ?? []).some((i) => i.findings.includes(c.code)),
      );
      const nowList = units.get(u.key) ?? [];
      const worded = again.map((c) =>
        c.type === 'count'
          ? `${totalFinding(c, nowList)} (kỳ trước: ${totalFinding(c, before)})`
          : findingWording(c),
      );
      if (worded.length)
        repeats.push(`${u.unit}${p.via ? ` (${p.via})` : ''}: ${worded.join('; ')}`);
    }
    if (repeats.length) {
      blocks.push({
        kind: 'paragraph',
        text: 'Tồn tại lặp lại (cùng đơn vị, cùng tiêu chí ở cả hai kỳ):',
      });
      blocks.push(...listItems(repeats));
    } else
      blocks.push({
        kind: 'paragraph',
        text: 'Không có tồn tại nào lặp lại ở cùng đơn vị so với kỳ trước.',
      });
  }

  // 5. The table, in rank order, units not inspected after.
  blocks.push({ kind: 'subheading', text: '5. Bảng tổng hợp kết quả' });
  const change = (u: UnitSummary): string => {
    if (!prev || prev.inspections.length === 0) return 'Chưa có số liệu';
    const p = previousOf(u);
    if (!p) return 'Kỳ trước chưa kiểm tra';
    const via = p.via ? `; ${p.via}` : '';
    if (p.tier === u.tier) return `Giữ nguyên (${p.tier}${via})`;
    return tierRank(checklist, u.tier) < tierRank(checklist, p.tier)
      ? `Tăng (từ ${p.tier}${via})`
      : `Giảm (từ ${p.tier}${via})`;
  };
  const rows: string[][] = agg.units.map((u, k) => {
    const main = unitFindings(checklist, units.get(u.key) ?? []);
    const shown = main.slice(0, 3).map((f) => upperFirst(f.text));
    const more = main.length - shown.length;
    return [
      String(k + 1),
      u.unit,
      String(u.inspections),
      num1(u.mean),
      u.tier !== u.uncappedTier ? `${u.tier} (hạ do vi phạm nghiêm trọng)` : u.tier,
      change(u),
      shown.length
        ? `${shown.join('; ')}${more > 0 ? `; và ${more} tồn tại khác` : ''}`
        : 'Không có',
    ];
  });
  agg.notInspected.forEach((u, k) => {
    const p = previousOf(u);
    rows.push([
      String(agg.units.length + k + 1),
      u.unit,
      '0',
      '',
      'Chưa kiểm tra',
      p ? `Kỳ trước: ${p.tier}${p.via ? `; ${p.via}` : ''}` : '',
      '',
    ]);
  });
  blocks.push({
    kind: 'table',
    headers: [
      'STT',
      'Đơn vị',
      'Số lần kiểm tra',
      'Điểm TB',
      'Xếp loại',
      'Thay đổi so với kỳ trước',
      'Tồn tại chính',
    ],
    rows,
    // Sums to 466 pt: the text width of A4 with margins of 30 and 15 mm (467.7 pt).
    widths: [28, 92, 44, 40, 70, 70, 122],
  });

  // III. Recommendations: the standard text, then one item per unit with findings.
  blocks.push({ kind: 'heading', text: 'III. KIẾN NGHỊ, ĐỀ XUẤT' });
  blocks.push({ kind: 'paragraph', text: s.recommendations });
  blocks.push(...overdueBlocks(overdue, s, today));
  const deadline = formatDmy(addDays(today, s.fixDays));
  const lowest = checklist.tiers[checklist.tiers.length - 1]?.label;
  const withFindings = agg.units.filter((u) =>
    (units.get(u.key) ?? []).some((i) => i.findings.length > 0),
  );
  if (withFindings.length)
    blocks.push({
      kind: 'paragraph',
      text: `Đề nghị Chủ tịch UBND ${withFindings.length === 1 ? 'đơn vị' : `${withFindings.length} đơn vị`} sau chỉ đạo khắc phục các tồn tại, hoàn thành trước ngày ${deadline} và báo cáo kết quả về ${s.reportTo}:`,
    });
  // Each unit is one sentence: its findings are separated by semicolons inside it.
  for (const u of withFindings) {
    const list = units.get(u.key) ?? [];
    const f = unitFindings(checklist, list);
    const critical = f.filter((x) => x.critical);
    let line = `- ${ubnd(u.unit)}: ${unitStanding(u, list)}; khắc phục: ${f.map((x) => x.text).join('; ')}`;
    if (u.tier === lowest || critical.length) {
      const groups = new Set((critical.length ? critical : f).map((x) => x.criterion.group));
      const notes = list.flatMap((i) => [...groups].map((g) => i.notes[g] ?? '').filter((n) => n));
      const people = peopleNamed(notes);
      line += `; tổ chức kiểm điểm trách nhiệm ${people.length ? `của ${people.join(', ')}` : 'của tập thể, cá nhân có liên quan'} ${critical.length ? 'về vi phạm nghiêm trọng' : `do đơn vị xếp loại ${u.tier}`}`;
    }
    blocks.push({ kind: 'item', text: `${line}.` });
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
      `Kết quả kiểm tra công vụ đột xuất tại ${s.unitsTitle || `UBND ${kinds}`}`,
      periodPhrase(from, to),
    ],
    blocks,
    signatures: [{ heading: s.signerAuthority, title: s.signerTitle, name: s.signerName }],
    recipients: recipientLines(s.recipients),
  };
}
