// The biên bản kiểm tra công vụ (minutes of one inspection) as plain data (documents.md).

import { LABEL_FAIL, LABEL_PARTIAL, LABEL_PASS } from './answers';
import { tierOf } from './classify';
import { addDays, formatDateLine, formatDmy } from './dates';
import { annotate, cleanNote, countOf, inspectionFindings } from './findings';
import {
  type Block,
  type DocModel,
  type DocSettings,
  listItems,
  MOTTO,
  NATION,
  num1,
  ubnd,
} from './report';
import type { Config, Criterion, Inspection } from './types';

/** A team member for the minutes. */
export interface Member {
  name: string;
  position: string;
}

/** Points with a decimal comma and no useless zeros: `8`, `7,5`, `6,94`. */
const pts = (x: number): string => String(Math.round(x * 100) / 100).replace('.', ',');

/** What the team recorded: the label, or `v/b` for a count. */
function recorded(c: Criterion, i: Inspection): string {
  const item = i.items.find((x) => x.code === c.code);
  if (!item || item.answer === '') return 'Không trả lời';
  if (c.type !== 'count') return item.answer;
  const n = countOf(c, i, item);
  if (n) return `${n.v}/${n.b}`;
  return `${item.answer} (không có số liệu nền)`;
}

/** The result column: a critical failure is never shown as passed, whatever share of the base. */
function verdict(c: Criterion, credit: number | null): string {
  if (credit === null) return 'Không áp dụng';
  if (credit === 1) return LABEL_PASS;
  if (c.critical) return `${LABEL_FAIL} – vi phạm nghiêm trọng`;
  if (credit === 0.5 && c.type === 'choice3') return LABEL_PARTIAL;
  return LABEL_FAIL;
}

/** `Hồi 08 giờ 30 phút, ngày 22 tháng 02 năm 2019` from the recorded start time; the date alone without one. */
export function inspectionTime(i: Inspection): string {
  const day = formatDateLine('', i.date).replace(/^, /, '');
  if (!i.startTime) return day.replace(/^n/, 'N');
  const [h, m] = i.startTime.split(':');
  return `Hồi ${h} giờ ${m} phút, ${day}`;
}

/** `Yếu (hạ do vi phạm nghiêm trọng: A2, C7; theo điểm là Tốt)`: the tier, and the cap where it lowered it. */
export function inspectionClass(config: Config, i: Inspection): string {
  const by = tierOf(config.checklist, i.score);
  return by !== i.tier
    ? `${i.tier} (hạ do vi phạm nghiêm trọng: ${i.criticalFailures.join(', ')}; theo điểm là ${by})`
    : i.tier;
}

/** `89,7 điểm, xếp loại Yếu (hạ do vi phạm nghiêm trọng: A2, C7; theo điểm là Tốt)` for one inspection. */
export function inspectionStanding(config: Config, i: Inspection): string {
  return `${num1(i.score)} điểm, xếp loại ${inspectionClass(config, i)}`;
}

/** Builds the biên bản of one inspection; `team` gives the leader's position when the form names only the person. */
export function buildMinutes(
  config: Config,
  i: Inspection,
  s: DocSettings,
  team: readonly Member[],
): DocModel {
  const blocks: Block[] = [];
  blocks.push({
    kind: 'paragraph',
    text: `${inspectionTime(i)}, tại trụ sở ${ubnd(i.unit)}, Đoàn kiểm tra công vụ tiến hành kiểm tra đột xuất (không báo trước).`,
  });
  blocks.push({
    kind: 'paragraph',
    text: `Căn cứ ${s.basis.replace(/[.;]\s*$/, '')}.`,
  });
  blocks.push({ kind: 'subheading', text: 'I. THÀNH PHẦN' });
  blocks.push({ kind: 'paragraph', text: '1. Đoàn kiểm tra công vụ:' });
  const leader = i.inspector || '……………………………………';
  const position = team.find((t) => t.name && t.name === i.inspector)?.position;
  blocks.push({
    kind: 'item',
    text: `- Ông (bà) ${leader}${position ? `, ${position}` : ''} - Trưởng đoàn;`,
  });
  blocks.push({ kind: 'item', text: '- Thành viên: ………………………………………………………' });
  blocks.push({ kind: 'paragraph', text: `2. Đại diện ${ubnd(i.unit)}:` });
  // One short line each: a justified line that wraps would be stretched across the page.
  blocks.push({ kind: 'item', text: `- Ông (bà): ${'…'.repeat(14)}` });
  blocks.push({ kind: 'item', text: `- Chức vụ: ${'…'.repeat(14)}` });

  blocks.push({ kind: 'subheading', text: 'II. KẾT QUẢ KIỂM TRA' });
  for (const g of config.checklist.groups) {
    const crit = config.checklist.criteria.filter((c) => c.group === g.code);
    if (crit.length === 0) continue;
    blocks.push({ kind: 'paragraph', text: `${g.code}. ${g.title}` });
    blocks.push({
      kind: 'table',
      headers: ['Mã', 'Tiêu chí', 'Ghi nhận', 'Kết quả', 'Điểm'],
      rows: crit.map((c) => {
        const item = i.items.find((x) => x.code === c.code);
        const credit = item ? item.credit : null;
        return [
          c.code,
          c.text,
          recorded(c, i),
          verdict(c, credit),
          credit === null ? '–' : `${pts(c.points * credit)}/${pts(c.points)}`,
        ];
      }),
      // Sums to 466 pt: the text width of A4 with margins of 30 and 15 mm (467.7 pt).
      widths: [30, 210, 70, 100, 56],
    });
    const note = i.notes[g.code] ? cleanNote(i.notes[g.code]) : '';
    if (note) blocks.push({ kind: 'paragraph', text: `Ghi chú của Đoàn: ${note}` });
  }
  const findings = inspectionFindings(config.checklist, i);
  const critical = findings.filter((f) => f.critical);
  blocks.push({
    kind: 'paragraph',
    text: `Tổng điểm: ${num1(i.score)}/100 (đạt ${pts(i.earned)} trên ${pts(i.max)} điểm của các tiêu chí áp dụng). Xếp loại: ${inspectionClass(config, i)}.`,
  });
  if (critical.length) {
    blocks.push({ kind: 'paragraph', text: 'Vi phạm nghiêm trọng:' });
    blocks.push(...listItems(critical.map((f) => f.text)));
  }

  blocks.push({ kind: 'subheading', text: 'III. YÊU CẦU KHẮC PHỤC' });
  const deadline = formatDmy(addDays(i.date, s.fixDays));
  if (findings.length === 0)
    blocks.push({ kind: 'paragraph', text: 'Không có tồn tại phải khắc phục.' });
  else {
    blocks.push({
      kind: 'paragraph',
      text: `Đề nghị ${ubnd(i.unit)} khắc phục các tồn tại sau, hoàn thành trước ngày ${deadline} và báo cáo kết quả về ${s.reportTo}:`,
    });
    blocks.push(
      ...listItems(
        findings.map((f) => (f.critical ? annotate(f.text, 'vi phạm nghiêm trọng') : f.text)),
      ),
    );
  }
  blocks.push({ kind: 'subheading', text: 'IV. Ý KIẾN CỦA ĐƠN VỊ ĐƯỢC KIỂM TRA' });
  blocks.push({ kind: 'paragraph', text: '……………………………………………………………………………………………' });
  blocks.push({ kind: 'paragraph', text: '……………………………………………………………………………………………' });
  blocks.push({
    kind: 'paragraph',
    text: 'Biên bản kết thúc hồi …… giờ …… phút cùng ngày, được lập thành 02 bản, Đoàn kiểm tra giữ 01 bản, đơn vị được kiểm tra giữ 01 bản; các bên đã đọc lại và thống nhất ký tên.',
  });
  return {
    name: `Biên bản ${i.unit} ${formatDmy(i.date).replace(/\//g, '-')}`,
    header: {
      parent: s.issuingBody,
      body: 'ĐOÀN KIỂM TRA CÔNG VỤ',
      number: 'Số: …/BB-ĐKTCV',
      nation: NATION,
      motto: MOTTO,
      dateLine: formatDateLine(s.place, i.date),
    },
    title: 'BIÊN BẢN',
    subtitle: [`Kiểm tra công vụ đột xuất tại ${ubnd(i.unit)}`],
    blocks,
    signatures: [
      { heading: ['ĐẠI DIỆN ĐƠN VỊ ĐƯỢC KIỂM TRA'], title: '', name: '' },
      { heading: ['TRƯỞNG ĐOÀN'], title: '', name: signerName(i.inspector) },
    ],
    recipients: [],
  };
}

/**
 * The name under a signature: the leader as the form names them, without the position an
 * inspector often types after it (`Lê Đức Thắng - Phó Chánh Thanh tra huyện`), which the team
 * list already gives.
 */
export function signerName(leader: string): string {
  return leader.split(/\s+-\s+|,\s*/)[0].trim();
}
