// The biên bản kiểm tra công vụ (minutes of one inspection) as plain data (documents.md).

import { LABEL_FAIL, LABEL_PARTIAL, LABEL_PASS } from './answers';
import { addDays, formatDateLine, formatDmy, vnParts } from './dates';
import { type Block, type DocModel, type DocSettings, MOTTO, NATION, num1, ubnd } from './report';
import type { Config, Inspection } from './types';

/** A team member for the minutes. */
export interface Member {
  name: string;
  position: string;
}

/** The answer as the minutes print it: a label, or `3/20` for a count. */
function answerText(config: Config, i: Inspection, code: string): string {
  const c = config.checklist.criteria.find((x) => x.code === code);
  const item = i.items.find((x) => x.code === code);
  if (!c || !item) return '';
  if (item.answer === '') return 'Không trả lời';
  if (c.type !== 'count') return item.answer;
  return item.credit === null ? `${item.answer} (không áp dụng)` : `${item.answer} vi phạm`;
}

/** A verdict for the minutes' result column. */
function verdict(credit: number | null): string {
  if (credit === null) return 'Không áp dụng';
  if (credit === 1) return LABEL_PASS;
  if (credit === 0) return LABEL_FAIL;
  return credit === 0.5 ? LABEL_PARTIAL : `Đạt ${Math.round(credit * 100)}%`;
}

/** Builds the biên bản of one inspection. */
export function buildMinutes(
  config: Config,
  i: Inspection,
  s: DocSettings,
  team: readonly Member[],
): DocModel {
  const blocks: Block[] = [];
  const at = i.timestamp !== null ? vnParts(i.timestamp) : null;
  const when = at
    ? `Hồi ${String(at.hour).padStart(2, '0')} giờ ${String(at.minute).padStart(2, '0')} phút, ${formatDateLine('', i.date).replace(/^, /, '')}`
    : formatDateLine('', i.date).replace(/^, /, '').replace(/^n/, 'N');
  blocks.push({
    kind: 'paragraph',
    text: `${when}, tại trụ sở ${ubnd(i.unit)}, Đoàn kiểm tra công vụ tiến hành kiểm tra đột xuất (không báo trước).`,
  });
  blocks.push({ kind: 'subheading', text: 'I. THÀNH PHẦN' });
  blocks.push({ kind: 'paragraph', text: '1. Đoàn kiểm tra công vụ:' });
  blocks.push({ kind: 'item', text: `- ${i.inspector || 'Trưởng đoàn'} - Trưởng đoàn;` });
  for (const m of team.filter((t) => t.name && t.name !== i.inspector))
    blocks.push({ kind: 'item', text: `- ${m.name}${m.position ? ` - ${m.position}` : ''};` });
  blocks.push({ kind: 'paragraph', text: `2. Đại diện ${ubnd(i.unit)}: ……………………………………` });

  blocks.push({ kind: 'subheading', text: 'II. KẾT QUẢ KIỂM TRA' });
  for (const g of config.checklist.groups) {
    const crit = config.checklist.criteria.filter((c) => c.group === g.code);
    if (crit.length === 0) continue;
    blocks.push({ kind: 'paragraph', text: `${g.code}. ${g.title}` });
    blocks.push({
      kind: 'table',
      headers: ['Mã', 'Tiêu chí', 'Ghi nhận', 'Kết quả'],
      rows: crit.map((c) => {
        const item = i.items.find((x) => x.code === c.code);
        return [c.code, c.text, answerText(config, i, c.code), verdict(item ? item.credit : null)];
      }),
      widths: [35, 260, 95, 95],
    });
    if (i.notes[g.code])
      blocks.push({ kind: 'paragraph', text: `Ghi chú của đoàn: ${i.notes[g.code]}` });
  }
  blocks.push({
    kind: 'paragraph',
    text: `Tổng điểm: ${num1(i.score)}/100 (đạt ${num1(i.earned)} trên ${num1(i.max)} điểm của các tiêu chí áp dụng). Xếp loại: ${i.tier}.${
      i.criticalFailures.length
        ? ` Vi phạm tiêu chí nghiêm trọng: ${i.criticalFailures.join(', ')}.`
        : ''
    }`,
  });

  blocks.push({ kind: 'subheading', text: 'III. YÊU CẦU KHẮC PHỤC' });
  const deadline = formatDmy(addDays(i.date, s.fixDays));
  if (i.findings.length === 0)
    blocks.push({ kind: 'paragraph', text: 'Không có tồn tại phải khắc phục.' });
  for (const code of i.findings) {
    const c = config.checklist.criteria.find((x) => x.code === code);
    blocks.push({
      kind: 'item',
      text: `- ${code}. ${c?.text ?? ''}: khắc phục trước ngày ${deadline};`,
    });
  }
  blocks.push({ kind: 'subheading', text: 'IV. Ý KIẾN CỦA ĐƠN VỊ ĐƯỢC KIỂM TRA' });
  blocks.push({ kind: 'paragraph', text: '……………………………………………………………………………………………' });
  blocks.push({
    kind: 'paragraph',
    text: 'Biên bản được lập thành 02 bản, Đoàn kiểm tra giữ 01 bản, đơn vị được kiểm tra giữ 01 bản; các bên đã đọc lại và thống nhất ký tên.',
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
      { heading: ['TRƯỞNG ĐOÀN'], title: '', name: i.inspector },
    ],
    recipients: [],
  };
}
