// The second sample: Hà Nội's Sở Nội vụ across the 2025 reform (its June list of old communes and wards, then the 126 units).

import { findProvince } from '../../../core/admin-units';
import { DEFAULT_CONFIG } from '../../../core/config';
import { mergeReform, officeUnits } from '../../../core/office';
import type { Config, Unit } from '../../../core/types';

/**
 * The office's own list before the reform: communes of the former Mỹ Đức district and wards of
 * Ba Đình as in the catalogue of 1 March 2025, with the late-2024 mergers already dated.
 */
export const HISTORY: Unit[] = [
  ...[
    ['10441', 'Thị trấn Đại Nghĩa'],
    ['10444', 'Xã Đồng Tâm'],
    ['10447', 'Xã Thượng Lâm'],
    ['10450', 'Xã Tuy Lai'],
    ['10453', 'Xã Phúc Lâm'],
    ['10459', 'Xã Mỹ Xuyên', '2025-01-01'],
    ['10462', 'Xã An Mỹ'],
    ['10465', 'Xã Hồng Sơn'],
    ['10468', 'Xã Lê Thanh'],
    ['10471', 'Xã Xuy Xá'],
    ['10474', 'Xã Phùng Xá'],
    ['10477', 'Xã Phù Lưu Tế'],
    ['10480', 'Xã Đại Hưng'],
    ['10483', 'Xã Vạn Tín', '2025-01-01'],
    ['10489', 'Xã Hương Sơn'],
    ['10492', 'Xã Hùng Tiến'],
    ['10495', 'Xã An Tiến'],
    ['10498', 'Xã Hợp Tiến'],
    ['10501', 'Xã Hợp Thanh'],
    ['10504', 'Xã An Phú'],
    ['00004', 'Phường Trúc Bạch'],
    ['00013', 'Phường Quán Thánh'],
  ].map(([code, name, validFrom]) => ({
    code,
    name,
    aliases: [],
    ...(validFrom ? { validFrom } : {}),
  })),
  // Merged around 1 January 2025 (Xã Mỹ Xuyên, Xã Vạn Tín took the first code).
  ...[
    ['10456', 'Xã Mỹ Thành', '10459'],
    ['10459', 'Xã Bột Xuyên', '10459'],
    ['10483', 'Xã Vạn Kim', '10483'],
    ['10486', 'Xã Đốc Tín', '10483'],
  ].map(([code, name, next]) => ({
    code,
    name,
    aliases: [],
    validTo: '2024-12-31',
    successors: [next],
  })),
];

/** What the office types into `Cài đặt` (label → value). */
export const SETTINGS: Record<string, string> = {
  'Cấp cơ quan': 'Tỉnh',
  'Tỉnh, thành phố': 'Hà Nội',
  'Họ tên người ký': 'Nguyễn Thị Mai',
  'Email nhận báo cáo': 'giamdoc@snv-hanoi.example, vanphong@snv-hanoi.example',
  'Email văn phòng': 'vanphong@snv-hanoi.example',
};

/** When the office runs setup again after the reform (the afternoon of 1 July 2025, Vietnam time). */
export const SETUP_AGAIN_AT = Date.UTC(2025, 6, 1, 7, 0);

/** The configuration the bundle ends with: the history carried across the reform, the 126 units added. */
export function hanoiConfig(): Config {
  const hanoi = findProvince('01');
  if (!hanoi) throw new Error('Thiếu dữ liệu Thành phố Hà Nội.');
  const fresh = officeUnits({ level: 'province', province: hanoi });
  return { ...DEFAULT_CONFIG, units: mergeReform(HISTORY, fresh, hanoi.code).units };
}
