// Builders for responses against the default checklist, shared by the core tests.

import { DEFAULT_CONFIG } from '../../src/core/config';
import { makeContext } from '../../src/core/evaluate';
import type { RawResponse } from '../../src/core/types';

/** All-pass answers of the default checklist: every label `Đạt`, no violations, N1 = 20, N2 = 10. */
export function allPass(): Record<string, string> {
  const answers: Record<string, string> = { N1: '20', N2: '10' };
  for (const c of DEFAULT_CONFIG.checklist.criteria)
    answers[c.code] = c.type === 'count' ? '0' : 'Đạt';
  return answers;
}

/** A response for Xã Hợp Tiến on 21/02/2019 with all-pass answers, overridden by `over`. */
export function response(
  over: Partial<RawResponse> & { set?: Record<string, string> } = {},
): RawResponse {
  const { set, ...rest } = over;
  return {
    row: 2,
    timestamp: '2019/02/21 8:35:12 AM GMT+7',
    email: 'lan.nt@mydu.example.vn',
    unit: 'Xã Hợp Tiến',
    date: '21/02/2019',
    inspector: 'Nguyễn Thị Lan',
    answers: { ...allPass(), ...(set ?? {}) },
    notes: {},
    extras: [],
    ...rest,
  };
}

export const ctx = makeContext(DEFAULT_CONFIG);
