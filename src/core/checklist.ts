// The default checklist (scoring.md §2, §3, §5) and validation of an office's own.

import type { AnswerType, Checklist, Criterion, CriticalCap, Group, Tier } from './types';

const c = (
  code: string,
  text: string,
  type: AnswerType,
  points: number,
  critical: boolean,
  finding: string,
  base?: string,
): Criterion => ({
  code,
  group: code[0],
  text,
  type,
  points,
  critical,
  finding,
  ...(base ? { base } : {}),
});

/** The default checklist: 22 criteria, 100 points, with their finding wordings, as scoring.md §3. */
export const DEFAULT_CHECKLIST: Checklist = {
  groups: [
    { code: 'A', title: 'Chấp hành thời giờ làm việc, kỷ luật, kỷ cương' },
    { code: 'B', title: 'Văn hóa công sở' },
    { code: 'C', title: 'Bộ phận Một cửa' },
    { code: 'D', title: 'Dịch vụ công trực tuyến, chuyển đổi số' },
    { code: 'E', title: 'Cam kết và khắc phục' },
  ],
  bases: [
    { code: 'N1', title: 'Tổng số cán bộ, công chức theo danh sách' },
    { code: 'N2', title: 'Số hồ sơ thủ tục hành chính được kiểm tra xác suất' },
  ],
  criteria: [
    c(
      'A1',
      'Số cán bộ, công chức đi muộn so với giờ làm việc',
      'count',
      8,
      false,
      'cán bộ, công chức đi muộn',
      'N1',
    ),
    c(
      'A2',
      'Số cán bộ, công chức vắng mặt không có lý do',
      'count',
      7,
      true,
      'cán bộ, công chức vắng mặt không có lý do',
      'N1',
    ),
    c(
      'A3',
      'Trường hợp vắng mặt có lý do được lãnh đạo đồng ý, có sổ theo dõi',
      'yesno',
      3,
      false,
      'Vắng mặt có lý do nhưng không được lãnh đạo đồng ý hoặc không có sổ theo dõi',
    ),
    c(
      'A4',
      'Không uống rượu, bia; không làm việc riêng trong giờ làm việc',
      'yesno',
      4,
      true,
      'Uống rượu, bia hoặc làm việc riêng trong giờ làm việc',
    ),
    c(
      'A5',
      'Có lịch trực, lịch công tác và bố trí cán bộ trực',
      'yesno',
      3,
      false,
      'Không có lịch trực, lịch công tác hoặc không bố trí cán bộ trực',
    ),
    c(
      'B1',
      'Số cán bộ, công chức không đeo thẻ công chức',
      'count',
      5,
      false,
      'cán bộ, công chức không đeo thẻ công chức',
      'N1',
    ),
    c(
      'B2',
      'Có biển tên, chức danh tại bàn làm việc',
      'yesno',
      3,
      false,
      'Không có biển tên, chức danh tại bàn làm việc',
    ),
    c('B3', 'Trang phục gọn gàng, lịch sự', 'yesno', 3, false, 'Trang phục chưa gọn gàng, lịch sự'),
    c(
      'B4',
      'Tác phong, thái độ giao tiếp với người dân chuyên nghiệp',
      'choice3',
      4,
      false,
      'Tác phong, thái độ giao tiếp với người dân chưa chuyên nghiệp',
    ),
    c(
      'C1',
      'Có quyết định kiện toàn Bộ phận Một cửa và phân công nhiệm vụ cụ thể',
      'yesno',
      5,
      true,
      'Chưa kiện toàn Bộ phận Một cửa hoặc chưa phân công nhiệm vụ cụ thể',
    ),
    c(
      'C2',
      'Bộ phận Một cửa bố trí gọn gàng, sạch đẹp, đủ trang thiết bị',
      'choice3',
      5,
      false,
      'Bộ phận Một cửa chưa gọn gàng, sạch đẹp hoặc thiếu trang thiết bị',
    ),
    c(
      'C3',
      'Niêm yết công khai đầy đủ, đúng quy định các thủ tục hành chính',
      'choice3',
      6,
      true,
      'Niêm yết thủ tục hành chính chưa đầy đủ, chưa đúng quy định',
    ),
    c(
      'C4',
      'Niêm yết mức thu phí, lệ phí',
      'yesno',
      3,
      false,
      'Không niêm yết mức thu phí, lệ phí',
    ),
    c(
      'C5',
      'Niêm yết quy trình nội bộ giải quyết thủ tục hành chính, nội quy, số điện thoại đường dây nóng',
      'yesno',
      3,
      false,
      'Không niêm yết quy trình nội bộ, nội quy hoặc số điện thoại đường dây nóng',
    ),
    c(
      'C6',
      'Sổ theo dõi, phiếu kiểm soát quá trình, giấy tiếp nhận và hẹn trả kết quả đầy đủ',
      'choice3',
      5,
      false,
      'Sổ theo dõi, phiếu kiểm soát, giấy tiếp nhận và hẹn trả kết quả chưa đầy đủ',
    ),
    c(
      'C7',
      'Số hồ sơ giải quyết chậm hoặc sai quy trình trong số hồ sơ được kiểm tra',
      'count',
      8,
      true,
      'hồ sơ giải quyết chậm hoặc sai quy trình',
      'N2',
    ),
    c(
      'C8',
      'Công chức Bộ phận Một cửa có mặt tại vị trí làm việc',
      'yesno',
      5,
      true,
      'Công chức Bộ phận Một cửa không có mặt tại vị trí làm việc',
    ),
    c(
      'D1',
      'Triển khai dịch vụ công trực tuyến mức độ 3, 4 có hồ sơ phát sinh',
      'choice3',
      6,
      false,
      'Dịch vụ công trực tuyến mức độ 3, 4 chưa có hồ sơ phát sinh',
    ),
    c(
      'D2',
      'Số hóa hồ sơ, kết quả giải quyết thủ tục hành chính',
      'choice3',
      4,
      false,
      'Chưa số hóa hồ sơ, kết quả giải quyết thủ tục hành chính',
    ),
    c(
      'E1',
      'Cán bộ, công chức đã ký cam kết thực hiện nhiệm vụ năm',
      'yesno',
      4,
      false,
      'Cán bộ, công chức chưa ký cam kết thực hiện nhiệm vụ năm',
    ),
    c(
      'E2',
      'Khắc phục các tồn tại, kiến nghị của đợt kiểm tra trước',
      'choice3',
      3,
      false,
      'Chưa khắc phục tồn tại, kiến nghị của đợt kiểm tra trước',
    ),
    c(
      'E3',
      'Duy trì hòm thư góp ý, kênh tiếp nhận phản ánh, kiến nghị',
      'yesno',
      3,
      false,
      'Không duy trì hòm thư góp ý, kênh tiếp nhận phản ánh, kiến nghị',
    ),
  ],
  tiers: [
    { label: 'Xuất sắc', min: 90 },
    { label: 'Tốt', min: 80 },
    { label: 'Khá', min: 70 },
    { label: 'Trung bình', min: 50 },
    { label: 'Yếu', min: 0 },
  ],
  caps: [
    { failures: 1, maxTier: 'Trung bình' },
    { failures: 2, maxTier: 'Yếu' },
  ],
};

const TYPES: AnswerType[] = ['yesno', 'choice3', 'count'];
const CODE = /^[A-Za-z][A-Za-z0-9]*$/;

/** Result of validating configuration: the value, or every problem found (in Vietnamese). */
export type Validated<T> = { ok: true; value: T } | { ok: false; errors: string[] };

const isObj = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);
const str = (v: unknown): string => (typeof v === 'string' ? v.trim() : '');
const show = (v: unknown): string => (v === undefined ? '(trống)' : JSON.stringify(v));

/**
 * Validates a checklist given as plain data (from JSON or config sheets).
 * Every problem is listed, each naming the field and the value.
 */
export function validateChecklist(input: unknown): Validated<Checklist> {
  const errors: string[] = [];
  if (!isObj(input)) return { ok: false, errors: ['Danh mục tiêu chí phải là một đối tượng.'] };
  const arr = (key: string): unknown[] => {
    const v = input[key];
    if (!Array.isArray(v)) {
      errors.push(`Thiếu danh sách "${key}" trong danh mục tiêu chí.`);
      return [];
    }
    return v;
  };

  const groups: Group[] = [];
  for (const [i, g] of arr('groups').entries()) {
    const code = isObj(g) ? str(g.code) : '';
    const title = isObj(g) ? str(g.title) : '';
    if (!CODE.test(code))
      errors.push(`Nhóm thứ ${i + 1}: mã nhóm không hợp lệ: ${show(isObj(g) ? g.code : g)}.`);
    else if (groups.some((x) => x.code === code)) errors.push(`Mã nhóm bị trùng: ${code}.`);
    else groups.push({ code, title: title || code });
  }

  const bases: { code: string; title: string }[] = [];
  for (const [i, b] of arr('bases').entries()) {
    const code = isObj(b) ? str(b.code) : '';
    if (!CODE.test(code))
      errors.push(`Số liệu nền thứ ${i + 1}: mã không hợp lệ: ${show(isObj(b) ? b.code : b)}.`);
    else if (bases.some((x) => x.code === code)) errors.push(`Mã số liệu nền bị trùng: ${code}.`);
    else bases.push({ code, title: str(isObj(b) ? b.title : '') || code });
  }

  const criteria: Criterion[] = [];
  const seen = new Set(bases.map((b) => b.code));
  for (const [i, raw] of arr('criteria').entries()) {
    const where = `Tiêu chí thứ ${i + 1}`;
    if (!isObj(raw)) {
      errors.push(`${where}: không phải một đối tượng.`);
      continue;
    }
    const code = str(raw.code);
    const label = code ? `Tiêu chí ${code}` : where;
    let bad = false;
    if (!CODE.test(code)) {
      errors.push(`${where}: mã tiêu chí không hợp lệ: ${show(raw.code)}.`);
      bad = true;
    } else if (seen.has(code)) {
      errors.push(`Mã tiêu chí bị trùng: ${code}.`);
      bad = true;
    }
    seen.add(code);
    const type = str(raw.type) as AnswerType;
    if (!TYPES.includes(type)) {
      errors.push(
        `${label}: loại câu trả lời không hợp lệ: ${show(raw.type)} (chỉ nhận yesno, choice3, count).`,
      );
      bad = true;
    }
    const points =
      typeof raw.points === 'string' ? Number(raw.points.replace(',', '.')) : raw.points;
    if (typeof points !== 'number' || !Number.isFinite(points) || points <= 0) {
      errors.push(`${label}: số điểm phải là số dương, nhận được ${show(raw.points)}.`);
      bad = true;
    }
    const group = str(raw.group) || code.charAt(0);
    if (!groups.some((g) => g.code === group)) {
      errors.push(`${label}: nhóm không tồn tại: ${show(raw.group ?? group)}.`);
      bad = true;
    }
    const base = str(raw.base);
    if (type === 'count' && !base) {
      errors.push(`${label}: tiêu chí loại count phải có số liệu nền (base).`);
      bad = true;
    } else if (base && !bases.some((b) => b.code === base)) {
      errors.push(`${label}: số liệu nền không tồn tại: ${show(raw.base)}.`);
      bad = true;
    } else if (base && type !== 'count') {
      errors.push(
        `${label}: chỉ tiêu chí loại count mới có số liệu nền, nhận được ${show(raw.base)}.`,
      );
      bad = true;
    }
    const critical = raw.critical;
    if (critical !== undefined && typeof critical !== 'boolean') {
      errors.push(`${label}: "critical" phải là true hoặc false, nhận được ${show(critical)}.`);
      bad = true;
    }
    const text = str(raw.text);
    if (!text) {
      errors.push(`${label}: thiếu nội dung tiêu chí.`);
      bad = true;
    }
    // The finding wording is optional: documents fall back to `Không đạt: ` + the text.
    if (raw.finding !== undefined && raw.finding !== null && typeof raw.finding !== 'string') {
      errors.push(
        `${label}: "finding" (cách ghi tồn tại) phải là một câu chữ, nhận được ${show(raw.finding)}.`,
      );
      bad = true;
    }
    const finding = str(raw.finding);
    if (!bad) {
      criteria.push({
        code,
        group,
        text,
        type,
        points: points as number,
        critical: critical === true,
        finding,
        ...(base ? { base } : {}),
      });
    }
  }
  if (criteria.length === 0 && errors.length === 0) errors.push('Danh mục không có tiêu chí nào.');

  const tiers = validateTiers(input.tiers, errors);
  const caps: CriticalCap[] = [];
  for (const [i, cap] of arr('caps').entries()) {
    const failures = isObj(cap) ? cap.failures : undefined;
    const maxTier = isObj(cap) ? str(cap.maxTier) : '';
    if (typeof failures !== 'number' || !Number.isInteger(failures) || failures < 1)
      errors.push(
        `Mức trần thứ ${i + 1}: số vi phạm nghiêm trọng phải là số nguyên dương, nhận được ${show(failures)}.`,
      );
    else if (!tiers.some((t) => t.label === maxTier))
      errors.push(`Mức trần thứ ${i + 1}: xếp loại không tồn tại: ${show(maxTier)}.`);
    else caps.push({ failures, maxTier });
  }

  if (errors.length > 0) return { ok: false, errors };
  return { ok: true, value: { groups, bases, criteria, tiers, caps } };
}

function validateTiers(input: unknown, errors: string[]): Tier[] {
  if (!Array.isArray(input) || input.length === 0) {
    errors.push('Thiếu danh sách xếp loại "tiers".');
    return [];
  }
  const tiers: Tier[] = [];
  for (const [i, t] of input.entries()) {
    const label = isObj(t) ? str(t.label) : '';
    const min = isObj(t) ? t.min : undefined;
    if (!label) errors.push(`Xếp loại thứ ${i + 1}: thiếu tên.`);
    else if (typeof min !== 'number' || !Number.isFinite(min) || min < 0 || min > 100)
      errors.push(`Xếp loại ${label}: điểm tối thiểu phải từ 0 đến 100, nhận được ${show(min)}.`);
    else if (tiers.some((x) => x.label === label)) errors.push(`Xếp loại bị trùng: ${label}.`);
    else {
      const prev = tiers[tiers.length - 1];
      if (prev && min >= prev.min)
        errors.push(
          `Xếp loại phải theo thứ tự điểm giảm dần: ${label} (${min}) đứng sau ${prev.label} (${prev.min}).`,
        );
      tiers.push({ label, min });
    }
  }
  const last = tiers[tiers.length - 1];
  if (last && last.min !== 0)
    errors.push(
      `Xếp loại thấp nhất (${last.label}) phải có điểm tối thiểu 0, nhận được ${last.min}.`,
    );
  return tiers;
}

/** Title of a criterion or base number as the form shows it: `CODE. text`. */
export function itemTitle(code: string, text: string): string {
  return `${code}. ${text}`;
}
