// Period picker: each choice on a given day, two dates, and a period written in the settings.

import {
  PERIOD_CHOICES,
  parsePeriodSetting,
  periodTitle,
  resolveChoice,
  weekStart,
} from '../../src/core/periods';

const on = (choice: (typeof PERIOD_CHOICES)[number], today: string) => {
  const p = resolveChoice(choice, today);
  return [p.from, p.to];
};

describe('resolveChoice', () => {
  test('weeks run Monday to Sunday; on a Sunday "this week" is the week ending today', () => {
    expect(on('Tuần này', '2019-02-21')).toEqual(['2019-02-18', '2019-02-24']);
    expect(on('Tuần này', '2019-02-24')).toEqual(['2019-02-18', '2019-02-24']);
    expect(on('Tuần trước', '2019-02-18')).toEqual(['2019-02-11', '2019-02-17']);
    expect(on('Tuần trước', '2019-01-02')).toEqual(['2018-12-24', '2018-12-30']);
  });

  test('months, quarters and years, across a year end and a leap February', () => {
    expect(on('Tháng này', '2020-02-10')).toEqual(['2020-02-01', '2020-02-29']);
    expect(on('Tháng trước', '2019-01-15')).toEqual(['2018-12-01', '2018-12-31']);
    expect(on('Quý này', '2019-02-21')).toEqual(['2019-01-01', '2019-03-31']);
    expect(on('Quý này', '2019-12-31')).toEqual(['2019-10-01', '2019-12-31']);
    expect(on('Năm nay', '2019-07-01')).toEqual(['2019-01-01', '2019-12-31']);
    expect(on('Tất cả', '2019-07-01')).toEqual([null, null]);
  });

  test('labels say the choice and its dates', () => {
    expect(resolveChoice('Quý này', '2019-02-21').label).toBe('Quý này (01/01/2019 – 31/03/2019)');
    expect(resolveChoice('Tất cả', '2019-02-21').label).toBe('Tất cả các lần kiểm tra');
    expect(resolveChoice('Khoảng ngày', '2019-02-21', '2019-02-01', '2019-02-10').label).toBe(
      '01/02/2019 – 10/02/2019',
    );
    expect(resolveChoice('Khoảng ngày', '2019-02-21', '2019-02-01', null).label).toBe(
      'từ 01/02/2019',
    );
  });

  test('two dates the wrong way round: a message naming both cells and dates', () => {
    expect(() => resolveChoice('Khoảng ngày', '2019-02-21', '2019-03-01', '2019-02-01')).toThrow(
      'Khoảng ngày không hợp lệ: "Từ ngày" 01/03/2019 sau "Đến ngày" 01/02/2019.',
    );
  });

  test('every choice resolves on every day of a year without error, from ≤ to', () => {
    for (let d = 0; d < 366; d++) {
      const today = new Date(Date.UTC(2024, 0, 1 + d)).toISOString().slice(0, 10);
      for (const c of PERIOD_CHOICES) {
        const p = resolveChoice(c, today);
        if (p.from && p.to) expect(p.from <= p.to).toBe(true);
        if (c !== 'Tất cả' && c !== 'Khoảng ngày' && c !== 'Tuần trước' && c !== 'Tháng trước')
          expect(p.from! <= today && today <= p.to!).toBe(true);
      }
    }
    expect(weekStart('2019-02-24')).toBe('2019-02-18');
  });
});

describe('parsePeriodSetting', () => {
  test('a choice in any case, or two dates', () => {
    expect(parsePeriodSetting('quý NÀY', '2019-05-05')).toMatchObject({
      from: '2019-04-01',
      to: '2019-06-30',
    });
    expect(parsePeriodSetting('01/01/2019 - 31/03/2019', '2019-05-05')).toMatchObject({
      from: '2019-01-01',
      to: '2019-03-31',
    });
    expect(parsePeriodSetting('2019-01-01 đến 2019-02-01', '2019-05-05')?.to).toBe('2019-02-01');
    expect(parsePeriodSetting('quý sau', '2019-05-05')).toBeNull();
    expect(parsePeriodSetting('31/03/2019 - 01/01/2019', '2019-05-05')).toBeNull();
  });
});

describe('periodTitle', () => {
  test('a period named so it stays true whatever day it is read', () => {
    const on = (c: Parameters<typeof resolveChoice>[0], from?: string, to?: string) =>
      periodTitle(resolveChoice(c, '2026-11-18', from ?? null, to ?? null));
    expect(on('Quý này')).toBe('Quý IV/2026 (01/10/2026 – 31/12/2026)');
    expect(on('Tháng trước')).toBe('Tháng 10/2026 (01/10/2026 – 31/10/2026)');
    expect(on('Năm nay')).toBe('Năm 2026 (01/01/2026 – 31/12/2026)');
    expect(on('Tuần này')).toBe('Tuần 16/11/2026 – 22/11/2026');
    expect(on('Tất cả')).toBe('Tất cả các lần kiểm tra');
    expect(on('Khoảng ngày', '2026-02-03', '2026-05-04')).toBe('03/02/2026 – 04/05/2026');
    expect(on('Khoảng ngày', '2026-02-03')).toBe('từ 03/02/2026');
  });
});
