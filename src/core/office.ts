// Who the office is (a province inspecting its communes and wards, or a commune inspecting its own departments), the questions setup asks, and everything it fills from the answers.

import {
  type AdminUnit,
  findAdminUnit,
  findProvince,
  LAST_DAY_BEFORE_REFORM,
  type Province,
  provinceShortName,
  provinceUnits,
  REFORM_DATE,
  successorCodes,
  unitShortName,
} from './admin-units';
import type { Unit } from './types';
import { foldCase, normalizeText } from './vi';

/** The level of the office: `province` (Sở Nội vụ inspects communes, wards, special zones), `commune` (a commune inspects its own departments). */
export type OfficeLevel = 'province' | 'commune';

/** The office, as setup knows it from the answers. */
export interface Office {
  level: OfficeLevel;
  province: Province;
  /** The commune, ward or special zone itself (level `commune` only). */
  commune?: AdminUnit;
}

/** The settings an office fills (keys of the `Cài đặt` sheet's settings). */
export interface OfficeSettings {
  formDescription: string;
  parentBody: string;
  issuingBody: string;
  issuingShort: string;
  place: string;
  reportNumber: string;
  basis: string;
  signerAuthority: string;
  signerTitle: string;
  recipients: string;
  recommendations: string;
  unitsNoun: string;
  unitsTitle: string;
}

const LEVELS: Record<string, OfficeLevel> = {
  '1': 'province',
  tỉnh: 'province',
  'cấp tỉnh': 'province',
  'thành phố': 'province',
  'sở nội vụ': 'province',
  '2': 'commune',
  xã: 'commune',
  'cấp xã': 'commune',
  phường: 'commune',
  'đặc khu': 'commune',
};

/** Reads the level as typed (`1`, `Tỉnh`, `cấp xã`, `2`…); null when it is none of them. */
export function parseLevel(text: string): OfficeLevel | null {
  return LEVELS[foldCase(text)] ?? null;
}

/** The level as the settings sheet shows it. */
export function levelLabel(level: OfficeLevel): string {
  return level === 'province' ? 'Tỉnh' : 'Xã';
}

/** The lower-case word a province or unit uses in running text: `thành phố Hà Nội`, `xã Hồng Sơn`. */
function inText(name: string): string {
  return name.charAt(0).toLowerCase() + name.slice(1);
}

/** `xã, phường` or `xã, phường, đặc khu`: the kinds of units a province has. */
function kinds(p: Province): string {
  const types = new Set(provinceUnits(p.code).map((u) => u.type));
  return ['xã', 'phường', 'đặc khu'].filter((t) => types.has(t as AdminUnit['type'])).join(', ');
}

/** The departments a commune-level People's Committee inspects (Nghị định 150/2025/NĐ-CP). */
export function communeDepartments(commune: AdminUnit): Unit[] {
  const economy = commune.type === 'phường' ? 'Phòng Kinh tế, Hạ tầng và Đô thị' : 'Phòng Kinh tế';
  return [
    ['VP', 'Văn phòng HĐND và UBND'],
    ['KT', economy],
    ['VHXH', 'Phòng Văn hóa - Xã hội'],
    ['PVHCC', 'Trung tâm Phục vụ hành chính công'],
  ].map(([code, name]) => ({ code, name, aliases: [] }));
}

/** The units an office inspects, from the shipped list (valid from 1 July 2025). */
export function officeUnits(office: Office): Unit[] {
  if (office.level === 'commune' && office.commune) return communeDepartments(office.commune);
  // Typed names drop `Xã`/`Phường` when matched (scoring.md §7) but not `Đặc khu`: a special
  // zone gets its own name as an alias so that `Phú Quốc` finds it too.
  return provinceUnits(office.province.code).map((u) => ({
    code: u.code,
    name: u.name,
    aliases: u.type === 'đặc khu' ? [unitShortName(u)] : [],
    validFrom: REFORM_DATE,
  }));
}

/** Document headers, the date line's place, the signer's titles and the wording that names the units, for an office. */
export function officeSettings(office: Office, year: number): OfficeSettings {
  const p = office.province;
  const provinceCaps = p.name.toUpperCase();
  const common =
    'chỉ đạo cán bộ, công chức chấp hành nghiêm kỷ luật, kỷ cương hành chính và thời giờ làm việc; đeo thẻ công chức, bố trí biển tên tại bàn làm việc; niêm yết đầy đủ thủ tục hành chính, giải quyết hồ sơ đúng hạn; khắc phục ngay các tồn tại nêu trong báo cáo này.';
  if (office.level === 'commune' && office.commune) {
    const c = office.commune;
    const body = `ỦY BAN NHÂN DÂN ${c.name.toUpperCase()}`;
    const short = `UBND ${inText(c.name)}`;
    return {
      formDescription:
        'Đoàn kiểm tra công vụ điền một phiếu cho mỗi lần kiểm tra đột xuất tại các phòng chuyên môn và Trung tâm Phục vụ hành chính công. Ghi rõ người và sự việc ở phần ghi chú của từng nhóm.',
      parentBody: '',
      issuingBody: body,
      issuingShort: short,
      place: unitShortName(c),
      reportNumber: '…/BC-UBND',
      basis: `Kế hoạch số …/KH-UBND ngày …/…/${year} của ${short} về kiểm tra công vụ năm ${year}`,
      signerAuthority: 'TM. ỦY BAN NHÂN DÂN\nKT. CHỦ TỊCH',
      signerTitle: 'PHÓ CHỦ TỊCH',
      recipients: `Thường trực Đảng ủy\nThường trực HĐND ${c.type}\nChủ tịch, các PCT ${short}\nCác phòng chuyên môn, Trung tâm Phục vụ hành chính công`,
      recommendations: `Đề nghị Trưởng các phòng chuyên môn và Giám đốc Trung tâm Phục vụ hành chính công ${common}`,
      unitsNoun: 'phòng, trung tâm',
      unitsTitle: 'các phòng chuyên môn và Trung tâm Phục vụ hành chính công',
    };
  }
  const units = kinds(p);
  return {
    formDescription: `Đoàn kiểm tra công vụ điền một phiếu cho mỗi lần kiểm tra đột xuất tại UBND ${units}. Ghi rõ người và sự việc ở phần ghi chú của từng nhóm.`,
    parentBody: `UBND ${provinceCaps}`,
    issuingBody: 'SỞ NỘI VỤ',
    issuingShort: `Sở Nội vụ ${inText(p.name)}`,
    place: provinceShortName(p),
    reportNumber: '…/BC-SNV',
    basis: `Kế hoạch số …/KH-SNV ngày …/…/${year} của Sở Nội vụ ${inText(p.name)} về kiểm tra công vụ năm ${year}`,
    signerAuthority: 'KT. GIÁM ĐỐC',
    signerTitle: 'PHÓ GIÁM ĐỐC',
    recipients: `UBND ${inText(p.name)} (để báo cáo)\nGiám đốc, các Phó Giám đốc Sở\nUBND các ${units}`,
    recommendations: `Đề nghị Chủ tịch UBND các ${units} ${common}`,
    unitsNoun: units,
    unitsTitle: `UBND các ${units}`,
  };
}

/** The office's answers as text (from the settings sheet or the setup dialog). */
export interface OfficeAnswers {
  level: string;
  province: string;
  commune: string;
}

/** The office from its answers, or every problem in Vietnamese naming the field and the value. */
export function officeFrom(
  a: OfficeAnswers,
): { ok: true; office: Office } | { ok: false; errors: string[] } {
  const errors: string[] = [];
  const level = parseLevel(a.level);
  if (!level) errors.push(`"Cấp cơ quan" chỉ nhận Tỉnh hoặc Xã, nhận được "${a.level}".`);
  const province = findProvince(a.province);
  if (!province)
    errors.push(
      `Không tìm thấy tỉnh, thành phố "${normalizeText(a.province)}" trong 34 tỉnh, thành phố từ 01/7/2025.`,
    );
  let commune: AdminUnit | undefined;
  if (level === 'commune' && province) {
    const found = findAdminUnit(province.code, a.commune);
    if (found.ok) commune = found.unit;
    else
      errors.push(
        found.candidates.length
          ? `"${normalizeText(a.commune)}" khớp với nhiều đơn vị của ${province.name}: ${found.candidates.map((u) => u.name).join(', ')}; hãy ghi cả chữ Xã, Phường hoặc Đặc khu.`
          : `Không tìm thấy xã, phường, đặc khu "${normalizeText(a.commune)}" trong ${province.name}.`,
      );
  }
  if (errors.length || !level || !province) return { ok: false, errors };
  return { ok: true, office: { level, province, ...(commune ? { commune } : {}) } };
}

/** One question of the setup dialog. */
export interface OfficeQuestion {
  key: keyof OfficeAnswers;
  title: string;
  prompt: string;
}

/** The next question to ask given the answers so far, or null when the office is known. */
export function nextOfficeQuestion(a: Partial<OfficeAnswers>): OfficeQuestion | null {
  if (a.level === undefined || !parseLevel(a.level))
    return {
      key: 'level',
      title: 'Cơ quan kiểm tra (1/3)',
      prompt:
        'Cơ quan của đồng chí ở cấp nào?\n1 – Cấp tỉnh: Sở Nội vụ kiểm tra các xã, phường, đặc khu trong tỉnh, thành phố.\n2 – Cấp xã: UBND xã, phường, đặc khu kiểm tra các phòng chuyên môn và Trung tâm Phục vụ hành chính công của mình.\nNhập 1 hoặc 2.',
    };
  if (a.province === undefined || !findProvince(a.province))
    return {
      key: 'province',
      title: 'Cơ quan kiểm tra (2/3)',
      prompt: 'Tỉnh, thành phố nào? Ví dụ: Hà Nội, Cao Bằng hoặc mã 01.',
    };
  const province = findProvince(a.province) as Province;
  if (parseLevel(a.level) === 'commune' && !findAdminUnit(province.code, a.commune ?? '').ok)
    return {
      key: 'commune',
      title: 'Cơ quan kiểm tra (3/3)',
      prompt: `Xã, phường hoặc đặc khu nào của ${province.name}? Ví dụ: Xã Hồng Sơn hoặc mã đơn vị.`,
    };
  return null;
}

/**
 * Takes one typed answer: the answers with it when it is understood, else a Vietnamese message
 * saying what was typed and what is expected (the question is then asked again).
 */
export function answerOfficeQuestion(
  a: Partial<OfficeAnswers>,
  key: keyof OfficeAnswers,
  text: string,
): { ok: true; answers: Partial<OfficeAnswers> } | { ok: false; message: string } {
  const value = normalizeText(text);
  if (key === 'level' && !parseLevel(value))
    return { ok: false, message: `Chưa rõ cấp "${value}": nhập 1 (cấp tỉnh) hoặc 2 (cấp xã).` };
  if (key === 'province' && !findProvince(value))
    return {
      ok: false,
      message: `Không tìm thấy tỉnh, thành phố "${value}" trong 34 tỉnh, thành phố từ 01/7/2025.`,
    };
  if (key === 'commune') {
    const province = findProvince(a.province ?? '');
    const r = officeFrom({ level: '2', province: province?.code ?? '', commune: value });
    if (!r.ok) return { ok: false, message: r.errors.join(' ') };
  }
  const next = { ...a, [key]: value };
  // Changing the province or level invalidates a commune chosen before.
  if (key !== 'commune') delete next.commune;
  return { ok: true, answers: next };
}

/**
 * The unit list after the reform for an office that already has units: the shipped units are
 * added from 1 July 2025, and each undated unit of the old list whose code the mapping knows
 * gets `validTo` 30/06/2025 and its successors; units already dated or unknown to the mapping
 * are kept as they are. Idempotent: applying it to its own result changes nothing.
 */
export function mergeReform(
  existing: readonly Unit[],
  fresh: readonly Unit[],
  provinceCode: string,
): { units: Unit[]; added: number; ended: number; unmapped: string[] } {
  const next = successorCodes(provinceCode);
  const current = (u: Unit) => u.validFrom !== undefined && u.validFrom >= REFORM_DATE;
  const units: Unit[] = [];
  let ended = 0;
  const unmapped: string[] = [];
  for (const u of existing) {
    const successors = next.get(u.code);
    if (!current(u) && !u.validTo && successors) {
      units.push({ ...u, validTo: LAST_DAY_BEFORE_REFORM, successors });
      ended++;
    } else {
      if (!current(u) && !u.validTo && !u.validFrom) unmapped.push(u.name);
      units.push(u);
    }
  }
  const have = new Set(units.filter(current).map((u) => u.code));
  const added = fresh.filter((u) => !have.has(u.code));
  return { units: [...units, ...added], added: added.length, ended, unmapped };
}
