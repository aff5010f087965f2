// Tests for Vietnam-time dates: parsing answers and timestamps, calendar arithmetic, formats, periods.

import fc from 'fast-check';
import {
  addDays,
  daysBetween,
  formatDateLine,
  formatDm,
  formatDmy,
  formatTime,
  isoWeek,
  isValidIsoDate,
  lastCompleteMonth,
  lastCompleteWeek,
  parseDateAnswer,
  parseTimestamp,
  vnClockOfTimeCell,
  vnDateOf,
  vnInstant,
  vnParts,
  weekdayOf,
} from '../../src/core/dates';

// Date.UTC never reads the host's zone, so it is a safe independent oracle here.
const utc = (y: number, mo: number, d: number, h = 0, mi = 0, s = 0, ms = 0): number =>
  Date.UTC(y, mo - 1, d, h, mi, s, ms);
const isoFromUtc = (ms: number): string => new Date(ms).toISOString().slice(0, 10);

/** Any date in the supported range, written by the UTC oracle. */
const anyIso = fc
  .integer({ min: utc(1900, 1, 1) / 86400000, max: utc(2999, 12, 31) / 86400000 })
  .map((d) => isoFromUtc(d * 86400000));

describe('isValidIsoDate', () => {
  it('accepts real dates in 1900–2999', () => {
    for (const s of ['2019-02-21', '2020-02-29', '2000-02-29', '1900-01-01', '2999-12-31']) {
      expect(isValidIsoDate(s)).toBe(true);
    }
  });
  it('rejects impossible dates, other shapes and years out of range', () => {
    for (const s of [
      '2019-02-29',
      '1900-02-29',
      '2019-13-01',
      '2019-00-10',
      '2019-04-31',
      '2019-01-00',
      '2019-2-1',
      '21/02/2019',
      '2019-02-21T00:00',
      ' 2019-02-21',
      '1899-12-31',
      '3000-01-01',
      '',
      'abc',
    ]) {
      expect(isValidIsoDate(s)).toBe(false);
    }
  });
});

describe('parseDateAnswer', () => {
  it('reads ISO dates in either order', () => {
    expect(parseDateAnswer('2019-02-21', 'dmy')).toBe('2019-02-21');
    expect(parseDateAnswer('2019-02-21', 'mdy')).toBe('2019-02-21');
    expect(parseDateAnswer('2019-2-1', 'dmy')).toBe('2019-02-01');
  });
  it('reads day first with /, - or .', () => {
    expect(parseDateAnswer('21/02/2019', 'dmy')).toBe('2019-02-21');
    expect(parseDateAnswer('21-02-2019', 'dmy')).toBe('2019-02-21');
    expect(parseDateAnswer('21.02.2019', 'dmy')).toBe('2019-02-21');
    expect(parseDateAnswer('5/3/2019', 'dmy')).toBe('2019-03-05');
  });
  it('reads month first only when asked', () => {
    expect(parseDateAnswer('3/5/2019', 'mdy')).toBe('2019-03-05');
    expect(parseDateAnswer('02/21/2019', 'mdy')).toBe('2019-02-21');
    expect(parseDateAnswer('02/21/2019', 'dmy')).toBeNull();
    expect(parseDateAnswer('21/02/2019', 'mdy')).toBeNull();
  });
  it('trims and ignores a trailing time', () => {
    expect(parseDateAnswer('  21/02/2019\u00a0', 'dmy')).toBe('2019-02-21');
    expect(parseDateAnswer('21/02/2019 00:00:00', 'dmy')).toBe('2019-02-21');
    expect(parseDateAnswer('2019-02-21 23:59', 'dmy')).toBe('2019-02-21');
    expect(parseDateAnswer('2019-02-21T23:30:00Z', 'dmy')).toBe('2019-02-21');
  });
  it('returns null for unparseable or impossible dates', () => {
    for (const s of [
      '',
      '   ',
      'abc',
      '3.0',
      '3',
      '31/02/2019',
      '29/02/2019',
      '2019-13-01',
      '0/02/2019',
      '21/02/19',
      '21/02-2019',
      '21/02/2019x',
      '21/02/2019 25:00',
      '21/02/2019 abc',
      'ngày 21/02/2019',
      '1/1/1899',
    ]) {
      expect(parseDateAnswer(s, 'dmy')).toBeNull();
    }
    expect(parseDateAnswer('29/02/2020', 'dmy')).toBe('2020-02-29');
  });
  it('round-trips formatDmy (property)', () => {
    fc.assert(fc.property(anyIso, (iso) => parseDateAnswer(formatDmy(iso), 'dmy') === iso));
  });
});

describe('parseTimestamp', () => {
  const at0835 = utc(2019, 2, 21, 1, 35, 12); // 08:35:12 in Vietnam

  it('reads ISO with T or a space; no offset means Vietnam time', () => {
    expect(parseTimestamp('2019-02-21T08:35:12', 'dmy')).toBe(at0835);
    expect(parseTimestamp('2019-02-21 08:35:12', 'mdy')).toBe(at0835);
    expect(parseTimestamp('2019-02-21 08:35', 'dmy')).toBe(utc(2019, 2, 21, 1, 35));
    expect(parseTimestamp('2019-02-21T08:35:12.250', 'dmy')).toBe(at0835 + 250);
    expect(parseTimestamp('2019-02-21T08:35:12.5', 'dmy')).toBe(at0835 + 500);
  });
  it('honours an explicit offset', () => {
    expect(parseTimestamp('2019-02-21T01:35:12Z', 'dmy')).toBe(at0835);
    expect(parseTimestamp('2019-02-21T08:35:12+07:00', 'dmy')).toBe(at0835);
    expect(parseTimestamp('2019-02-21T08:35:12+0700', 'dmy')).toBe(at0835);
    expect(parseTimestamp('2019-02-20T20:35:12-05:00', 'dmy')).toBe(at0835);
    expect(parseTimestamp('2019-02-21T08:35:12.123Z', 'dmy')).toBe(
      utc(2019, 2, 21, 8, 35, 12, 123),
    );
  });
  it('reads d/M/yyyy H:mm[:ss], month first for mdy', () => {
    expect(parseTimestamp('21/02/2019 8:35:12', 'dmy')).toBe(at0835);
    expect(parseTimestamp('21/2/2019 08:35', 'dmy')).toBe(utc(2019, 2, 21, 1, 35));
    expect(parseTimestamp('2/21/2019 8:35:12', 'mdy')).toBe(at0835);
    expect(parseTimestamp('2/21/2019 8:35:12', 'dmy')).toBeNull();
    // Same text, different order, different instant.
    expect(parseTimestamp('3/5/2019 10:00', 'dmy')).toBe(utc(2019, 5, 3, 3));
    expect(parseTimestamp('3/5/2019 10:00', 'mdy')).toBe(utc(2019, 3, 5, 3));
  });
  it('reads the Google Forms download form', () => {
    expect(parseTimestamp('2019/02/21 8:35:12 AM GMT+7', 'dmy')).toBe(at0835);
    expect(parseTimestamp('2019/02/21 8:35:12 AM GMT+07:00', 'mdy')).toBe(at0835);
    expect(parseTimestamp('2019/02/21 1:35:12 AM GMT', 'dmy')).toBe(at0835);
    expect(parseTimestamp('2019/02/21 3:05:00 PM GMT+7', 'dmy')).toBe(utc(2019, 2, 21, 8, 5));
    expect(parseTimestamp('2019/02/21 12:05:00 AM GMT+7', 'dmy')).toBe(utc(2019, 2, 20, 17, 5));
    expect(parseTimestamp('2019/02/21 12:05:00 PM GMT+7', 'dmy')).toBe(utc(2019, 2, 21, 5, 5));
    expect(parseTimestamp('2019/02/21 11:59:59 pm GMT+7', 'dmy')).toBe(
      utc(2019, 2, 21, 16, 59, 59),
    );
  });
  it('takes a bare date as midnight in Vietnam', () => {
    expect(parseTimestamp('21/02/2019', 'dmy')).toBe(utc(2019, 2, 20, 17));
  });
  it('returns null for anything else', () => {
    for (const s of [
      '',
      '  ',
      'abc',
      '3.0',
      '2019-02-30T08:00',
      '2019-02-21T24:00',
      '2019-02-21T08:60',
      '2019-02-21T08:35:61',
      '2019-02-21T8',
      '2019/02/21 13:05:00 PM GMT+7',
      '2019/02/21 0:05:00 AM GMT+7',
      '2019/02/21 8:35:12 AM GMT+99',
      '2019-02-21T08:35:12+7',
      '21/02/2019T08:35',
      '21/02/2019 8:35 tomorrow',
    ]) {
      expect(parseTimestamp(s, 'dmy')).toBeNull();
    }
  });
  it('agrees with the UTC oracle on ISO text (property)', () => {
    const parts = fc.tuple(
      anyIso,
      fc.integer({ min: 0, max: 23 }),
      fc.integer({ min: 0, max: 59 }),
    );
    fc.assert(
      fc.property(parts, ([iso, h, m]) => {
        const text = `${iso}T${String(h).padStart(2, '0')}:${String(m).padStart(2, '0')}:00Z`;
        return parseTimestamp(text, 'dmy') === Date.parse(text);
      }),
    );
  });
});

describe('instants in Vietnam', () => {
  it('puts an instant near midnight UTC on the Vietnamese date', () => {
    expect(vnDateOf(utc(2019, 2, 21, 16, 59, 59))).toBe('2019-02-21');
    expect(vnDateOf(utc(2019, 2, 21, 17, 0, 0))).toBe('2019-02-22');
    expect(vnDateOf(utc(2019, 12, 31, 20))).toBe('2020-01-01');
    expect(vnDateOf(utc(1969, 12, 31, 17))).toBe('1970-01-01');
    expect(vnDateOf(parseTimestamp('2019-02-21T23:30:00Z', 'dmy')!)).toBe('2019-02-22');
  });
  it('splits an instant into Vietnamese fields', () => {
    expect(vnParts(utc(2019, 2, 21, 1, 35, 12))).toEqual({
      year: 2019,
      month: 2,
      day: 21,
      hour: 8,
      minute: 35,
      second: 12,
      weekday: 4,
    });
    expect(vnParts(utc(2019, 2, 23, 17)).weekday).toBe(7); // Sunday 00:00 in Vietnam
    expect(vnParts(utc(1969, 12, 28, 17, 0, 1, 999))).toMatchObject({
      day: 29,
      second: 1,
      weekday: 1,
    });
  });
  it('builds the instant of a Vietnamese wall time', () => {
    expect(vnInstant('2019-02-21')).toBe(utc(2019, 2, 20, 17));
    expect(vnInstant('2019-02-21', 8, 35)).toBe(utc(2019, 2, 21, 1, 35));
    expect(vnInstant('2019-02-21', 23, 59)).toBe(utc(2019, 2, 21, 16, 59));
  });
  it('rejects what is not a date or an instant', () => {
    expect(() => vnInstant('2019-02-30')).toThrow(RangeError);
    expect(() => vnDateOf(Number.NaN)).toThrow(RangeError);
  });
  it('round-trips vnDateOf(vnInstant(d, h, m)) (property)', () => {
    fc.assert(
      fc.property(
        anyIso,
        fc.integer({ min: 0, max: 23 }),
        fc.integer({ min: 0, max: 59 }),
        (iso, h, m) => {
          const ms = vnInstant(iso, h, m);
          const p = vnParts(ms);
          return (
            vnDateOf(ms) === iso &&
            p.hour === h &&
            p.minute === m &&
            ms === Date.parse(`${iso}T00:00:00+07:00`) + h * 3600000 + m * 60000
          );
        },
      ),
    );
  });
});

describe('calendar arithmetic', () => {
  it('adds days across months, leap days and years', () => {
    expect(addDays('2019-02-28', 1)).toBe('2019-03-01');
    expect(addDays('2020-02-28', 1)).toBe('2020-02-29');
    expect(addDays('2019-12-31', 1)).toBe('2020-01-01');
    expect(addDays('2019-03-01', -1)).toBe('2019-02-28');
    expect(addDays('2019-02-21', 0)).toBe('2019-02-21');
    expect(addDays('2019-02-18', 6)).toBe('2019-02-24');
    expect(() => addDays('2019-02-21', 0.5)).toThrow(RangeError);
    expect(() => addDays('21/02/2019', 1)).toThrow(RangeError);
  });
  it('counts days b − a', () => {
    expect(daysBetween('2019-02-18', '2019-02-24')).toBe(6);
    expect(daysBetween('2019-02-24', '2019-02-18')).toBe(-6);
    expect(daysBetween('2019-12-31', '2020-01-01')).toBe(1);
    expect(daysBetween('2000-01-01', '2100-01-01')).toBe(36525);
  });
  it('names the weekday, Monday = 1', () => {
    expect(weekdayOf('2019-02-18')).toBe(1);
    expect(weekdayOf('2019-02-21')).toBe(4);
    expect(weekdayOf('2019-02-24')).toBe(7);
    expect(weekdayOf('2000-01-01')).toBe(6);
    expect(weekdayOf('1900-01-01')).toBe(1);
  });
  it('numbers ISO weeks, including the ones that straddle a new year', () => {
    expect(isoWeek('2019-02-18')).toEqual({ year: 2019, week: 8 });
    expect(isoWeek('2019-02-24')).toEqual({ year: 2019, week: 8 });
    expect(isoWeek('2019-12-30')).toEqual({ year: 2020, week: 1 });
    expect(isoWeek('2021-01-03')).toEqual({ year: 2020, week: 53 });
    expect(isoWeek('2021-01-04')).toEqual({ year: 2021, week: 1 });
    expect(isoWeek('2016-01-03')).toEqual({ year: 2015, week: 53 });
    expect(isoWeek('2018-01-01')).toEqual({ year: 2018, week: 1 });
  });
  it('agrees with the UTC oracle (property)', () => {
    fc.assert(
      fc.property(anyIso, fc.integer({ min: -40000, max: 40000 }), (iso, n) => {
        const shifted = isoFromUtc(Date.parse(iso) + n * 86400000);
        if (!isValidIsoDate(shifted)) return true; // fell outside 1900–2999
        return (
          addDays(iso, n) === shifted &&
          addDays(shifted, -n) === iso &&
          daysBetween(iso, shifted) === n &&
          weekdayOf(iso) === ((new Date(Date.parse(iso)).getUTCDay() + 6) % 7) + 1
        );
      }),
    );
  });
  it('gives every ISO week seven days, Monday to Sunday (property)', () => {
    // Away from the ends of the range, so the neighbouring weeks are valid dates too.
    const inner = anyIso.filter((d) => d >= '1900-01-08' && d <= '2999-12-24');
    fc.assert(
      fc.property(inner, (iso) => {
        const monday = addDays(iso, 1 - weekdayOf(iso));
        const w = isoWeek(iso);
        const sunday = addDays(monday, 6);
        const prev = isoWeek(addDays(monday, -1));
        return (
          JSON.stringify(isoWeek(monday)) === JSON.stringify(w) &&
          JSON.stringify(isoWeek(sunday)) === JSON.stringify(w) &&
          (w.week === 1 ? prev.year === w.year - 1 && prev.week >= 52 : prev.week === w.week - 1)
        );
      }),
    );
  });
});

describe('formats', () => {
  it('writes dd/MM/yyyy, dd/MM and HH:mm', () => {
    expect(formatDmy('2019-02-21')).toBe('21/02/2019');
    expect(formatDmy('2019-11-05')).toBe('05/11/2019');
    expect(formatDm('2019-02-18')).toBe('18/02');
    expect(formatTime(utc(2019, 2, 21, 1, 35, 59))).toBe('08:35');
    expect(formatTime(utc(2019, 2, 21, 17, 5))).toBe('00:05');
    expect(formatTime(utc(2019, 2, 21, 13, 0))).toBe('20:00');
  });
  it('writes the place–date line of an official document', () => {
    expect(formatDateLine('Mỹ Đức', '2019-03-05')).toBe('Mỹ Đức, ngày 05 tháng 3 năm 2019');
    expect(formatDateLine('Mỹ Đức', '2019-02-05')).toBe('Mỹ Đức, ngày 05 tháng 02 năm 2019');
    expect(formatDateLine('Mỹ Đức', '2019-01-01')).toBe('Mỹ Đức, ngày 01 tháng 01 năm 2019');
    expect(formatDateLine('Mỹ Đức', '2019-12-21')).toBe('Mỹ Đức, ngày 21 tháng 12 năm 2019');
    expect(formatDateLine('Mỹ Đức', '2019-03-10')).toBe('Mỹ Đức, ngày 10 tháng 3 năm 2019');
    expect(formatDateLine('Hà Nội', '2019-11-09')).toBe('Hà Nội, ngày 09 tháng 11 năm 2019');
  });
});

describe('reporting periods', () => {
  it('finds the last Monday–Sunday week that ended before today', () => {
    const week = { from: '2019-02-18', to: '2019-02-24' };
    expect(lastCompleteWeek('2019-02-25')).toEqual(week); // Monday: yesterday ended it
    expect(lastCompleteWeek('2019-03-03')).toEqual(week); // Sunday: this week is not over
    expect(lastCompleteWeek('2019-02-28')).toEqual(week);
    expect(lastCompleteWeek('2019-02-24')).toEqual({ from: '2019-02-11', to: '2019-02-17' });
    expect(lastCompleteWeek('2020-01-01')).toEqual({ from: '2019-12-23', to: '2019-12-29' });
  });
  it('finds the last calendar month that ended before today', () => {
    expect(lastCompleteMonth('2019-03-01')).toEqual({ from: '2019-02-01', to: '2019-02-28' });
    expect(lastCompleteMonth('2019-03-31')).toEqual({ from: '2019-02-01', to: '2019-02-28' });
    expect(lastCompleteMonth('2020-03-15')).toEqual({ from: '2020-02-01', to: '2020-02-29' });
    expect(lastCompleteMonth('2019-01-10')).toEqual({ from: '2018-12-01', to: '2018-12-31' });
    expect(lastCompleteMonth('2019-08-01')).toEqual({ from: '2019-07-01', to: '2019-07-31' });
  });
  it('always ends the week on a Sunday before today (property)', () => {
    fc.assert(
      fc.property(
        anyIso.filter((d) => d >= '1900-01-15'),
        (today) => {
          const { from, to } = lastCompleteWeek(today);
          const gap = daysBetween(to, today);
          return weekdayOf(from) === 1 && daysBetween(from, to) === 6 && gap >= 1 && gap <= 7;
        },
      ),
    );
  });
});

describe('time-only cells', () => {
  test('a start time read back from the sheet (30/12/1899 in local mean time) is the time typed', () => {
    expect(vnClockOfTimeCell(Date.UTC(1899, 11, 30, 1, 3, 30))).toBe('08:10');
    expect(vnClockOfTimeCell(Date.UTC(1899, 11, 29, 16, 53, 30))).toBe('00:00');
    expect(vnClockOfTimeCell(Date.UTC(1899, 11, 30, 7, 53, 30))).toBe('15:00');
    expect(vnClockOfTimeCell(Date.UTC(2019, 1, 21, 1, 0, 0))).toBeNull();
  });
});
