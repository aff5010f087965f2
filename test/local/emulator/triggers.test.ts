// ScriptApp emulator: trigger builders, their checks, listing, deleting, the 20-trigger cap, clock events; sources in test names.
import { createWorkspace, type Workspace } from '../../../src/local/emulator/runtime';

const TOO_MANY =
  'This script has too many triggers. Triggers must be deleted from the script before more can be added.';

function clockBuilder(ws: Workspace) {
  return ws.ScriptApp.newTrigger('tick').timeBased();
}

describe('ScriptApp: building triggers (REF:reference/script/script-app, DT/script)', () => {
  test('forForm(form).onFormSubmit(): handler, event type, source and source id (V, DT/script Trigger)', () => {
    const ws = createWorkspace();
    const form = ws.FormApp.create('f');
    const t = ws.ScriptApp.newTrigger('onSubmit').forForm(form).onFormSubmit().create();
    expect(t.getHandlerFunction()).toBe('onSubmit');
    expect(t.getEventType()).toBe(ws.ScriptApp.EventType.ON_FORM_SUBMIT);
    expect(String(t.getEventType())).toBe('ON_FORM_SUBMIT');
    expect(String(t.getTriggerSource())).toBe('FORMS');
    expect(t.getTriggerSourceId()).toBe(form.getId());
    expect(t.getUniqueId()).toMatch(/^\d+$/);
  });

  test('forSpreadsheet by object or id: onOpen, onEdit, onChange, onFormSubmit (REF:reference/script/spreadsheet-trigger-builder)', () => {
    const ws = createWorkspace();
    const ss = ws.spreadsheet;
    const made = [
      ws.ScriptApp.newTrigger('a').forSpreadsheet(ss).onOpen().create(),
      ws.ScriptApp.newTrigger('b').forSpreadsheet(ss.getId()).onEdit().create(),
      ws.ScriptApp.newTrigger('c').forSpreadsheet(ss).onChange().create(),
      ws.ScriptApp.newTrigger('d').forSpreadsheet(ss).onFormSubmit().create(),
    ];
    expect(made.map((t) => String(t.getEventType()))).toEqual([
      'ON_OPEN',
      'ON_EDIT',
      'ON_CHANGE',
      'ON_FORM_SUBMIT',
    ]);
    expect(
      made.every(
        (t) =>
          String(t.getTriggerSource()) === 'SPREADSHEETS' && t.getTriggerSourceId() === ss.getId(),
      ),
    ).toBe(true);
    expect(new Set(made.map((t) => t.getUniqueId())).size).toBe(4);
  });

  test('an unknown spreadsheet or form id is refused with the not-found text (U)', () => {
    const ws = createWorkspace();
    expect(() => ws.ScriptApp.newTrigger('a').forSpreadsheet('nope')).toThrow(
      /^No item with the given ID could be found/,
    );
    expect(() => ws.ScriptApp.newTrigger('a').forForm('nope')).toThrow(
      /^No item with the given ID could be found/,
    );
  });

  test('create() without an event type throws (U)', () => {
    const ws = createWorkspace();
    expect(() => ws.ScriptApp.newTrigger('a').forSpreadsheet(ws.spreadsheet).create()).toThrow(
      'no event type',
    );
  });

  test('newTrigger needs a function name (signature error, C format)', () => {
    const ws = createWorkspace();
    expect(() => ws.ScriptApp.newTrigger(5 as never)).toThrow(
      "The parameters (number) don't match the method signature for ScriptApp.newTrigger.",
    );
  });
});

describe('ScriptApp: clock triggers (REF:reference/script/clock-trigger-builder)', () => {
  test('everyMinutes takes 1, 5, 10, 15 or 30; others throw (C-weak: live text quoted by one repo)', () => {
    const ws = createWorkspace();
    for (const n of [1, 5, 10, 15, 30])
      expect(() => clockBuilder(ws).everyMinutes(n)).not.toThrow();
    for (const n of [0, 2, 20, 60]) {
      expect(() => clockBuilder(ws).everyMinutes(n)).toThrow(
        'The value you passed to everyMinutes was invalid. It must be one of 1, 5, 10, 15 or 30.',
      );
    }
  });

  test('everyHours takes 1, 2, 4, 6, 8 or 12 (C-weak); atHour 0–23, onMonthDay 1–31 (U texts)', () => {
    const ws = createWorkspace();
    expect(() => clockBuilder(ws).everyHours(3)).toThrow(
      'The value you passed to everyHours was invalid.',
    );
    expect(() => clockBuilder(ws).everyHours(6)).not.toThrow();
    expect(() => clockBuilder(ws).atHour(24)).toThrow(
      'The value you passed to atHour was invalid.',
    );
    expect(() => clockBuilder(ws).atHour(-1)).toThrow(/atHour/);
    expect(() => clockBuilder(ws).onMonthDay(0)).toThrow(/onMonthDay/);
    expect(() => clockBuilder(ws).onMonthDay(32)).toThrow(/onMonthDay/);
    expect(() => clockBuilder(ws).everyDays(0)).toThrow(/everyDays/);
    expect(() => clockBuilder(ws).atHour(7.5)).toThrow(
      /match the method signature for ScriptApp.ClockTriggerBuilder.atHour/,
    );
  });

  test('daily at an hour, weekly on a weekday, monthly on a day all create (V, DT/script)', () => {
    const ws = createWorkspace();
    const daily = clockBuilder(ws).everyDays(1).atHour(7).inTimezone('Asia/Ho_Chi_Minh').create();
    const weekly = clockBuilder(ws).onWeekDay(ws.ScriptApp.WeekDay.MONDAY).atHour(8).create();
    const monthly = clockBuilder(ws).onMonthDay(1).atHour(6).create();
    for (const t of [daily, weekly, monthly]) {
      expect(String(t.getEventType())).toBe('CLOCK');
      expect(String(t.getTriggerSource())).toBe('CLOCK');
    }
    expect(daily._state.schedule).toEqual({
      everyDays: 1,
      hour: 7,
      timeZone: 'Asia/Ho_Chi_Minh',
    });
    expect(weekly._state.schedule).toEqual({ weekDay: 'MONDAY', hour: 8 });
    expect(() => clockBuilder(ws).onWeekDay('MONDAY' as never)).not.toThrow();
    expect(() => clockBuilder(ws).onWeekDay('MON' as never)).toThrow(/onWeekDay/);
  });

  test('create() needs a schedule; atHour with everyMinutes or everyHours is refused (U texts)', () => {
    const ws = createWorkspace();
    expect(() => clockBuilder(ws).create()).toThrow('The clock trigger has no schedule');
    expect(() => clockBuilder(ws).atHour(7).create()).toThrow('The clock trigger has no schedule');
    expect(() => clockBuilder(ws).everyHours(1).atHour(7).create()).toThrow(
      'atHour() needs everyDays(), onWeekDay() or onMonthDay().',
    );
    expect(() => clockBuilder(ws).everyDays(1).after(1000).create()).toThrow(
      'cannot both repeat and run once',
    );
  });

  test('after(ms) is a one-off at the virtual clock (V, DT/script)', () => {
    const ws = createWorkspace({ start: new Date('2019-02-25T01:00:00Z') });
    expect(clockBuilder(ws).after(60000).create()._state.schedule?.at).toBe(
      Date.parse('2019-02-25T01:01:00Z'),
    );
  });

  test('the time-driven event: fields, day-of-week 1 = Monday, ISO week, timezone UTC (DT/events; REF:guides/triggers/events; U for UTC)', () => {
    const ws = createWorkspace();
    const t = clockBuilder(ws).everyDays(1).atHour(8).create();
    // Monday 25 Feb 2019, 08:00 in Hà Nội = 01:00 UTC.
    const e = ws.ScriptApp._clockEvent(t._state, Date.parse('2019-02-25T01:02:03Z'));
    expect({ ...e, authMode: String(e.authMode) }).toEqual({
      authMode: 'FULL',
      year: 2019,
      month: 2,
      'day-of-month': 25,
      'day-of-week': 1,
      'week-of-year': 9,
      hour: 1,
      minute: 2,
      second: 3,
      timezone: 'UTC',
      triggerUid: t.getUniqueId(),
    });
    expect(
      ws.ScriptApp._clockEvent(t._state, Date.parse('2019-03-03T12:00:00Z'))['day-of-week'],
    ).toBe(7);
  });
});

describe('ScriptApp: listing, deleting and the cap', () => {
  test('the 21st trigger throws the exact text (C; REF quotas: 20 per user per script); deleting one makes room', () => {
    const ws = createWorkspace();
    for (let i = 0; i < 20; i++) clockBuilder(ws).everyMinutes(5).create();
    expect(() => clockBuilder(ws).everyMinutes(5).create()).toThrow(TOO_MANY);
    expect(() =>
      ws.ScriptApp.newTrigger('x').forSpreadsheet(ws.spreadsheet).onOpen().create(),
    ).toThrow(TOO_MANY);
    ws.ScriptApp.deleteTrigger(ws.ScriptApp.getProjectTriggers()[0]);
    expect(() => clockBuilder(ws).everyMinutes(5).create()).not.toThrow();
    expect(ws.ScriptApp.getProjectTriggers()).toHaveLength(20);
  });

  test('the cap text as a script sees it: an Error named Exception (C; reference general)', () => {
    const ws = createWorkspace();
    const code = `function setup() {
      for (var i = 0; i < 20; i++) ScriptApp.newTrigger('tick').timeBased().everyHours(1).create();
      try { ScriptApp.newTrigger('tick').timeBased().everyHours(1).create(); }
      catch (e) { return [e instanceof Error, e.name, e.message]; }
    }`;
    expect(ws.run(code, 'setup')).toEqual([true, 'Exception', TOO_MANY]);
  });

  test("getProjectTriggers lists only this user's triggers (REF:reference/script/script-app)", () => {
    const ws = createWorkspace();
    ws.ScriptApp.newTrigger('mine').forSpreadsheet(ws.spreadsheet).onFormSubmit().create();
    ws.ScriptApp._addTrigger({
      handler: 'theirs',
      eventType: 'ON_FORM_SUBMIT',
      source: 'SPREADSHEETS',
      sourceId: ws.spreadsheet._id,
    });
    expect(ws.ScriptApp.getProjectTriggers().map((t) => t.getHandlerFunction())).toEqual(['mine']);
    expect(ws.ScriptApp._all().map((t) => t.handler)).toEqual(['mine', 'theirs']);
  });

  test('deleteTrigger removes by unique id; deleting twice does nothing (U)', () => {
    const ws = createWorkspace();
    const t = clockBuilder(ws).everyHours(1).create();
    const again = ws.ScriptApp.getProjectTriggers()[0];
    ws.ScriptApp.deleteTrigger(again);
    ws.ScriptApp.deleteTrigger(t);
    expect(ws.ScriptApp.getProjectTriggers()).toEqual([]);
    expect(() => ws.ScriptApp.deleteTrigger('x' as never)).toThrow(/ScriptApp.deleteTrigger/);
  });

  test('an idempotent setup (look first, then create) installs one trigger however often it runs (engineering doc)', () => {
    const ws = createWorkspace();
    const code = `function setup() {
      var ss = SpreadsheetApp.getActiveSpreadsheet();
      var has = ScriptApp.getProjectTriggers().some(function (t) {
        return t.getHandlerFunction() === 'onSubmit' && t.getEventType() == ScriptApp.EventType.ON_FORM_SUBMIT;
      });
      if (!has) ScriptApp.newTrigger('onSubmit').forSpreadsheet(ss).onFormSubmit().create();
      return ScriptApp.getProjectTriggers().length;
    }`;
    expect(ws.run(code, 'setup')).toBe(1);
    expect(ws.run(code, 'setup')).toBe(1);
  });

  test('every builder and trigger call is counted', () => {
    const ws = createWorkspace();
    clockBuilder(ws).everyMinutes(15).create().getUniqueId();
    expect(Object.fromEntries(ws.log.counts)).toEqual({
      'ScriptApp.newTrigger': 1,
      'TriggerBuilder.timeBased': 1,
      'ClockTriggerBuilder.everyMinutes': 1,
      'ClockTriggerBuilder.create': 1,
      'Trigger.getUniqueId': 1,
    });
  });
});

describe('ScriptApp: clock triggers fire on their schedule (_nextFire; REF:reference/script/clock-trigger-builder)', () => {
  /** Installs one clock trigger at `start` and returns its state. */
  function installed(
    start: string,
    build: (b: ReturnType<typeof clockBuilder>, ws: Workspace) => unknown,
  ) {
    const ws = createWorkspace({ start: new Date(start) });
    build(clockBuilder(ws), ws);
    const [t] = ws.ScriptApp._all();
    const next = (after: string | number) =>
      new Date(
        ws.ScriptApp._nextFire(t, typeof after === 'number' ? after : Date.parse(after)) ?? NaN,
      ).toISOString();
    return { ws, t, next };
  }

  test('onWeekDay(MONDAY).atHour(7).inTimezone(Hà Nội): the next Monday 07:00 there, at the start of the hour (U: Google fires within the hour)', () => {
    const { ws, next } = installed('2019-02-20T03:00:00Z', (b, w) =>
      b.onWeekDay(w.ScriptApp.WeekDay.MONDAY).atHour(7).inTimezone('Asia/Ho_Chi_Minh').create(),
    );
    // Wednesday 10:00 in Hà Nội → Monday 25 Feb 07:00 there = 00:00 UTC.
    expect(next(ws.clock.now())).toBe('2019-02-25T00:00:00.000Z');
    expect(next('2019-02-25T00:00:00Z')).toBe('2019-03-04T00:00:00.000Z');
  });

  test('the zone matters: atHour(7) in UTC is 14:00 in Hà Nội', () => {
    const { next } = installed('2019-02-20T03:00:00Z', (b) =>
      b.everyDays(1).atHour(7).inTimezone('UTC').create(),
    );
    expect(next('2019-02-20T03:00:00Z')).toBe('2019-02-20T07:00:00.000Z');
    expect(next('2019-02-20T07:00:00Z')).toBe('2019-02-21T07:00:00.000Z');
  });

  test('everyDays(1).atHour(23) without inTimezone follows the script zone; everyDays(3) every third day from the install', () => {
    const daily = installed('2019-02-20T03:00:00Z', (b) => b.everyDays(1).atHour(23).create());
    expect(daily.next('2019-02-20T03:00:00Z')).toBe('2019-02-20T16:00:00.000Z');
    const third = installed('2019-02-20T03:00:00Z', (b) => b.everyDays(3).atHour(6).create());
    // 06:00 today has passed at 10:00: the rhythm counts from the install's day, so day 3 after.
    expect(third.next('2019-02-20T03:00:00Z')).toBe('2019-02-22T23:00:00.000Z');
    expect(third.next('2019-02-22T23:00:00Z')).toBe('2019-02-25T23:00:00.000Z');
  });

  test('onMonthDay(31).atHour(8): months without a 31st are skipped (U)', () => {
    const { next } = installed('2019-01-31T03:00:00Z', (b) =>
      b.onMonthDay(31).atHour(8).inTimezone('Asia/Ho_Chi_Minh').create(),
    );
    expect(next('2019-01-31T03:00:00Z')).toBe('2019-03-31T01:00:00.000Z');
  });

  test('everyMinutes(n) and everyHours(n) count from the install; after(ms) once', () => {
    const minutes = installed('2019-02-20T03:00:30Z', (b) => b.everyMinutes(15).create());
    expect(minutes.next('2019-02-20T03:00:30Z')).toBe('2019-02-20T03:15:30.000Z');
    expect(minutes.next('2019-02-20T03:50:00Z')).toBe('2019-02-20T04:00:30.000Z');
    const hours = installed('2019-02-20T03:00:00Z', (b) => b.everyHours(6).create());
    expect(hours.next('2019-02-20T09:00:00Z')).toBe('2019-02-20T15:00:00.000Z');
    const once = installed('2019-02-20T03:00:00Z', (b) => b.after(90_000).create());
    expect(once.next(0)).toBe('2019-02-20T03:01:30.000Z');
  });

  test('fireClock runs a trigger only when due, once per due time, whoever asks', () => {
    const code = "function tick(e) { Logger.log(e.hour + ':' + e.minute); }";
    const ws = createWorkspace({ start: new Date('2019-02-20T03:00:00Z') });
    ws.ScriptApp.newTrigger('tick').timeBased().everyDays(1).atHour(23).create();
    expect(ws.fireClock(code)).toEqual([]);
    ws.clock.set(new Date('2019-02-20T15:59:59Z'));
    expect(ws.fireClock(code, 'tick')).toEqual([]);
    ws.clock.advance(1000);
    expect(ws.fireClock(code, 'tick').map((r) => r.logs)).toEqual([['16:0']]);
    // Asked again at the same time, or an hour later: already ran for this day.
    expect(ws.fireClock(code, 'tick')).toEqual([]);
    ws.clock.advance(3600 * 1000);
    expect(ws.fireClock(code)).toEqual([]);
    // Missed days are not caught up: one run the next time it is due.
    ws.clock.set(new Date('2019-02-23T17:00:00Z'));
    expect(ws.fireClock(code)).toHaveLength(1);
    expect(ws.fireClock(code)).toHaveLength(0);
  });
});
