// How failures are written (scoring.md §3): finding wordings, numbers per inspection and over a period, clean notes.

import { DEFAULT_CONFIG } from '../../src/core/config';
import { evaluate } from '../../src/core/evaluate';
import {
  annotate,
  cleanNote,
  findingWording,
  inspectionFindings,
  totalFinding,
} from '../../src/core/findings';
import type { Criterion, Inspection } from '../../src/core/types';
import { ctx, response } from './fixtures';

const crit = (code: string) =>
  DEFAULT_CONFIG.checklist.criteria.find((c) => c.code === code) as Criterion;
const insp = (set: Record<string, string>): Inspection => {
  const o = evaluate(response({ set }), ctx);
  if (!o.ok) throw new Error(o.review.reason);
  return o.inspection;
};

describe('finding wordings', () => {
  test('one inspection: counts over the base, partial answers marked, the wording never the requirement', () => {
    const i = insp({ N1: '16', A1: '3', B2: 'Không đạt', C3: 'Đạt một phần', N2: '12', C7: '1' });
    expect(inspectionFindings(DEFAULT_CONFIG.checklist, i)).toEqual([
      { criterion: crit('A1'), text: '3/16 cán bộ, công chức đi muộn', critical: false },
      {
        criterion: crit('B2'),
        text: 'Không có biển tên, chức danh tại bàn làm việc',
        critical: false,
      },
      {
        criterion: crit('C3'),
        text: 'Niêm yết thủ tục hành chính chưa đầy đủ, chưa đúng quy định (đạt một phần)',
        critical: true,
      },
      {
        criterion: crit('C7'),
        text: '1/12 hồ sơ giải quyết chậm hoặc sai quy trình',
        critical: true,
      },
    ]);
  });

  test('over a period both sides add up over the inspections where the item applies', () => {
    const list = [
      insp({ N1: '16', A1: '3' }),
      insp({ N1: '20', A1: '0' }),
      insp({ N1: '', A1: '5' }), // no base: not applicable, not counted
    ];
    expect(totalFinding(crit('A1'), list)).toBe('3/36 lượt cán bộ, công chức đi muộn');
    expect(totalFinding(crit('A1'), list.slice(0, 1))).toBe('3/16 cán bộ, công chức đi muộn');
  });

  test('an office that leaves the wording empty gets `Không đạt: ` and the requirement', () => {
    const c = { ...crit('B2'), finding: '' };
    expect(findingWording(c)).toBe('Không đạt: Có biển tên, chức danh tại bàn làm việc');
    const count = { ...crit('A1'), finding: '' };
    expect(totalFinding(count, [insp({ N1: '16', A1: '3' })])).toBe(
      'Không đạt: Số cán bộ, công chức đi muộn so với giờ làm việc (3/16)',
    );
  });

  test('remarks join a closing parenthesis; notes become one clean sentence', () => {
    expect(annotate('Niêm yết chưa đầy đủ (đạt một phần)', 'vi phạm nghiêm trọng')).toBe(
      'Niêm yết chưa đầy đủ (đạt một phần; vi phạm nghiêm trọng)',
    );
    expect(annotate('Không có biển tên', 'vi phạm nghiêm trọng')).toBe(
      'Không có biển tên (vi phạm nghiêm trọng)',
    );
    expect(cleanNote('Đ/c Hùng đi muộn.\r\n\r\nĐ/c Lan không đeo thẻ;  \n')).toBe(
      'Đ/c Hùng đi muộn; Đ/c Lan không đeo thẻ.',
    );
    expect(cleanNote('  \n ')).toBe('');
  });
});
