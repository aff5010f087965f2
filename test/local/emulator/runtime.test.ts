// The harness: one fresh realm per execution, Apps Script globals only, locks, call counts, trigger firing; sources in test names.
import { createWorkspace, ScriptError, type Workspace } from '../../../src/local/emulator/runtime';

/** A small bundle in the shape esbuild leaves: strict, top-level entry points. */
const BUNDLE = `"use strict";
var counter = 0;
function bump() { counter++; globalThis.leaked = (globalThis.leaked || 0) + 1; return [counter, globalThis.leaked]; }
function setup() {
  var ss = SpreadsheetApp.getActiveSpreadsheet();
  var form = FormApp.create('Phiếu kiểm tra');
  form.addTextItem().setTitle('Đơn vị').setRequired(true);
  form.addListItem().setTitle('Kết quả').setChoiceValues(['Đạt', 'Không đạt']);
  form.addDateItem().setTitle('Ngày');
  form.setAllowResponseEdits(true);
  form.setDestination(FormApp.DestinationType.SPREADSHEET, ss.getId());
  ScriptApp.newTrigger('onFormSubmitForm').forForm(form).onFormSubmit().create();
  ScriptApp.newTrigger('onFormSubmitSheet').forSpreadsheet(ss).onFormSubmit().create();
  PropertiesService.getScriptProperties().setProperty('FORM_ID', form.getId());
  return form.getId();
}
function onFormSubmitForm(e) {
  var r = e.response;
  Logger.log(JSON.stringify({
    id: r.getId(), uid: e.triggerUid, auth: String(e.authMode), title: e.source.getTitle(),
    answers: r.getItemResponses().map(function (x) { return [x.getItem().getTitle(), x.getResponse()]; })
  }));
}
function onFormSubmitSheet(e) {
  Logger.log(JSON.stringify({
    values: e.values, named: e.namedValues, a1: e.range.getA1Notation(), uid: e.triggerUid,
    auth: String(e.authMode), isArray: e.values instanceof Array
  }));
}
function tick(e) { Logger.log(JSON.stringify(e)); return e['day-of-week']; }
function onOpen(e) {
  SpreadsheetApp.getUi().createMenu('Kiểm tra').addItem('Cài đặt', 'setup').addToUi();
  Logger.log(String(e.authMode) + ' ' + (e.source.getId() === SpreadsheetApp.getActiveSpreadsheet().getId()) + ' ' + e.user.getEmail());
}
`;

function logged(ws: Workspace, index = -1): unknown {
  const run = ws.executions.at(index)!;
  return JSON.parse(run.logs[0]);
}

function setUp(): { ws: Workspace; formId: string } {
  const ws = createWorkspace();
  const formId = ws.run(BUNDLE, 'setup') as string;
  return { ws, formId };
}

describe('ws.run: one execution, as Google runs it', () => {
  test('calls a top-level function and returns its result in this realm', () => {
    const ws = createWorkspace();
    const result = ws.run('function f(e) { return { got: e, list: [1, 2] }; }', 'f', { n: 1 });
    expect(result).toEqual({ got: { n: 1 }, list: [1, 2] });
    expect(Array.isArray((result as { list: unknown }).list)).toBe(true);
  });

  test('a service object returned by the script comes back as the emulator object', () => {
    const ws = createWorkspace();
    const form = ws.run(
      'function f() { var f = FormApp.create("x"); f.addTextItem().setTitle("Q"); return f; }',
      'f',
    );
    expect(form).toBe(ws.FormApp._all()[0]);
    expect(ws.submitWithoutTrigger(form as never, { Q: 'a' }).getItemResponses()).toHaveLength(1);
  });

  test('a fresh realm per execution: globals set in one run are gone in the next (engineering doc: each run is a new process)', () => {
    const ws = createWorkspace();
    expect(ws.run(BUNDLE, 'bump')).toEqual([1, 1]);
    expect(ws.run(BUNDLE, 'bump')).toEqual([1, 1]);
    expect(ws.run('function f() { return typeof leaked + typeof counter; }', 'f')).toBe(
      'undefinedundefined',
    );
  });

  test('only Apps Script globals: no require, process, setTimeout, Buffer, fetch, TextEncoder, URL, atob (engineering doc)', () => {
    const ws = createWorkspace();
    const names = [
      'require',
      'process',
      'setTimeout',
      'setInterval',
      'Buffer',
      'fetch',
      'TextEncoder',
      'TextDecoder',
      'URL',
      'atob',
      'btoa',
      'module',
      'exports',
      'global',
    ];
    const code = `function f() { return ${JSON.stringify(names)}.filter(function (n) { return typeof globalThis[n] !== 'undefined'; }); }`;
    expect(ws.run(code, 'f')).toEqual([]);
    const services = [
      'SpreadsheetApp',
      'FormApp',
      'ScriptApp',
      'PropertiesService',
      'LockService',
      'Utilities',
      'Logger',
      'console',
    ];
    const present = `function f() { return ${JSON.stringify(services)}.filter(function (n) { return typeof globalThis[n] === 'object'; }); }`;
    expect(ws.run(present, 'f')).toEqual(services);
  });

  test('only top-level function declarations are entry points: "Script function not found: x" otherwise (engineering doc; C text)', () => {
    const ws = createWorkspace();
    expect(() => ws.run(BUNDLE, 'nothing')).toThrow('Script function not found: nothing');
    const iife =
      'var App = (function () { function onOpen() { return 1; } return { onOpen: onOpen }; })();';
    expect(() => ws.run(iife, 'onOpen')).toThrow('Script function not found: onOpen');
    expect(() => ws.run('globalThis.later = function () { return 1; };', 'later')).toThrow(
      'Script function not found: later',
    );
    // U: whether Google runs a `var f = function` entry point; refused here, as the editor does not list it.
    expect(() => ws.run('var g = function () { return 1; };', 'g')).toThrow(
      'Script function not found: g',
    );
    expect(() => ws.run(BUNDLE, 'Logger')).toThrow('Script function not found: Logger');
    expect(ws.run(`${iife}\nfunction onOpen(e) { return App.onOpen(e); }`, 'onOpen')).toBe(1);
  });

  test('a leading "use strict" stays in force (the entry-point probe goes after the prologue)', () => {
    const ws = createWorkspace();
    const code = '// header\n"use strict";\nfunction f() { undeclared = 1; }';
    expect(() => ws.run(code, 'f')).toThrow('undeclared is not defined');
  });

  test('service results belong to the script realm: Array, Date, Error named Exception (reference: general)', () => {
    const ws = createWorkspace();
    const code = `function f() {
      var sheet = SpreadsheetApp.getActiveSheet();
      sheet.getRange(1, 1).setValue(new Date(2019, 1, 25));
      var values = sheet.getRange(1, 1, 1, 2).getValues();
      var err;
      try { sheet.getRange(0, 1); } catch (e) { err = e; }
      return [values instanceof Array, values[0] instanceof Array, values[0][0] instanceof Date,
        err instanceof Error, err.name, err.message, String(err)];
    }`;
    expect(ws.run(code, 'f')).toEqual([
      true,
      true,
      true,
      true,
      'Exception',
      'The starting row of the range is too small.',
      'Exception: The starting row of the range is too small.',
    ]);
  });

  test('service objects keep their identity; enums compare == to their names (DT/forms Item example)', () => {
    const ws = createWorkspace();
    const code = `function f() {
      var a = SpreadsheetApp.getActiveSpreadsheet(), b = SpreadsheetApp.getActiveSpreadsheet();
      var t = FormApp.create('x').addTextItem().getType();
      return [a === b, t == 'TEXT', t === FormApp.ItemType.TEXT, JSON.stringify(t), Object.keys(FormApp.DestinationType)];
    }`;
    expect(ws.run(code, 'f')).toEqual([true, true, true, '"TEXT"', ['SPREADSHEET']]);
  });

  test('new Date() and Date.now() read the virtual clock; Utilities.sleep moves it (clock.ts)', () => {
    // No start-up and no JavaScript time: only the sleep moves the clock.
    const ws = createWorkspace({
      start: new Date('2019-02-25T01:00:00Z'),
      startupMs: 0,
      jsFactor: 0,
    });
    const code =
      'function f() { var a = new Date(); Utilities.sleep(1500); return [a.toISOString(), Date.now(), new Date(0) instanceof Date]; }';
    expect(ws.run(code, 'f')).toEqual([
      '2019-02-25T01:00:00.000Z',
      Date.parse('2019-02-25T01:00:01.500Z'),
      true,
    ]);
    ws.clock.advance(60000);
    expect((ws.run(code, 'f') as unknown[])[0]).toBe('2019-02-25T01:01:01.500Z');
  });

  test('locks still held at the end of an execution are released (Google does that too)', () => {
    const ws = createWorkspace();
    const take = 'function take() { return LockService.getScriptLock().tryLock(1000); }';
    expect(ws.run(take, 'take')).toBe(true);
    expect(ws.LockService._holder('script')).toBeNull();
    expect(ws.run(take, 'take')).toBe(true);
  });

  test('holdLockElsewhere: another execution holds the script lock; waitLock times out with the live text (C; GF fakelock.js)', () => {
    const ws = createWorkspace();
    ws.holdLockElsewhere(true);
    const code = `function f() {
      var lock = LockService.getScriptLock();
      var got = lock.tryLock(500);
      try { lock.waitLock(1000); } catch (e) { return [got, e.message]; }
    }`;
    expect(ws.run(code, 'f')).toEqual([
      false,
      'Lock timeout: another process was holding the lock for too long.',
    ]);
    expect(ws.LockService._holder('script')).toBe('other');
    ws.holdLockElsewhere(false);
    expect(ws.run('function f() { return LockService.getScriptLock().tryLock(0); }', 'f')).toBe(
      true,
    );
  });

  test('each execution is recorded with its calls; the log counts them all', () => {
    const ws = createWorkspace();
    ws.run(
      'function f() { var s = SpreadsheetApp.getActiveSheet(); s.getRange(1, 1).setValue(1); Logger.log("x"); console.log("y", 2); }',
      'f',
    );
    const [run] = ws.executions;
    expect(run).toMatchObject({
      fn: 'f',
      kind: 'run',
      ok: true,
      user: 'owner@example.com',
      logs: ['x'],
    });
    expect(run.calls).toEqual({
      'SpreadsheetApp.getActiveSheet': 1,
      'Sheet.getRange': 1,
      'Range.setValue': 1,
      'Logger.log': 1,
    });
    expect(run.callCount).toBe(4);
    expect(run.console.map((c) => [c.level, c.message])).toEqual([['log', 'y 2']]);
    expect(ws.log.sheetCalls()).toBe(3);
  });

  test('a script error is recorded and thrown as a ScriptError with the script’s name and message', () => {
    const ws = createWorkspace({ oauthScopes: null });
    let caught: unknown;
    try {
      ws.run('function f() { SpreadsheetApp.openById("nope"); }', 'f');
    } catch (e) {
      caught = e;
    }
    expect(caught).toBeInstanceOf(ScriptError);
    expect((caught as ScriptError).name).toBe('Exception');
    expect(ws.executions[0].ok).toBe(false);
    expect(ws.executions[0].error).toBe(
      "Exception: Document nope is missing (perhaps it was deleted, or you don't have read access?)",
    );
  });

  test('service objects behave as objects: in, assignment, defineProperty, delete; console levels are recorded; a script object passes through', () => {
    const ws = createWorkspace();
    const code = `function f() {
      var ss = SpreadsheetApp.getActiveSpreadsheet();
      var out = ['getSheets' in ss, 'nothing' in ss, Object.getPrototypeOf(ss) !== null];
      ss.note = 'x';
      Object.defineProperty(ss, 'tag', { value: 1, configurable: true });
      out.push(ss.note, ss.tag, delete ss.note, 'note' in ss);
      console.info('i'); console.warn('w'); console.error('e'); console.debug('d');
      var mine = new Map([[1, 2]]);
      Logger.log(mine);
      return out;
    }`;
    expect(ws.run(code, 'f')).toEqual([true, false, true, 'x', 1, true, false]);
    expect(ws.executions[0].console.map((c) => c.level)).toEqual([
      'info',
      'warn',
      'error',
      'debug',
    ]);
    expect(ws.executions[0].logs).toEqual(['{}']);
  });

  test('Logger lines are recorded per execution', () => {
    const ws = createWorkspace();
    const code = 'function f() { Logger.log("a %s", 1); }';
    ws.run(code, 'f');
    ws.run(code, 'f');
    expect(ws.executions.map((e) => e.logs)).toEqual([['a 1'], ['a 1']]);
  });

  test('an endless loop ends with "Exceeded maximum execution time" (C; guarded by timeoutMs)', () => {
    const ws = createWorkspace({ timeoutMs: 50 });
    expect(() => ws.run('function f() { for (;;) {} }', 'f')).toThrow(
      'Exceeded maximum execution time',
    );
  });

  test('register / extraGlobals add services (room for DocumentApp, DriveApp, MailApp)', () => {
    const mail = {
      sent: [] as string[],
      sendEmail(to: string) {
        this.sent.push(to);
      },
    };
    const ws = createWorkspace({ extraGlobals: { MailApp: mail }, mailQuota: 100 });
    ws.run('function f() { MailApp.sendEmail("a@b.vn"); }', 'f');
    expect(mail.sent).toEqual(['a@b.vn']);
    expect(ws.options.mailQuota).toBe(100);
    ws.register('DriveApp', { name: () => 'drive' });
    expect(ws.run('function f() { return DriveApp.name(); }', 'f')).toBe('drive');
  });
});

describe('ws.submit and friends: form-submit triggers with faithful events (REF:guides/triggers/events)', () => {
  test('a submit fires the form trigger with {response, source, triggerUid, authMode FULL}', () => {
    const { ws, formId } = setUp();
    const { response, runs } = ws.submit(BUNDLE, formId, {
      'Đơn vị': 'Xã An Mỹ',
      'Kết quả': 'Đạt',
      Ngày: '2019-02-25',
    });
    expect(runs.map((r) => [r.fn, r.kind, r.eventType, r.ok])).toEqual([
      ['onFormSubmitForm', 'trigger', 'ON_FORM_SUBMIT', true],
      ['onFormSubmitSheet', 'trigger', 'ON_FORM_SUBMIT', true],
    ]);
    const formTrigger = ws.ScriptApp.getProjectTriggers()[0];
    expect(logged(ws, -2)).toEqual({
      id: response.getId(),
      uid: formTrigger.getUniqueId(),
      auth: 'FULL',
      title: 'Phiếu kiểm tra',
      answers: [
        ['Đơn vị', 'Xã An Mỹ'],
        ['Kết quả', 'Đạt'],
        ['Ngày', '2019-02-25'],
      ],
    });
  });

  test('the spreadsheet trigger gets {range, values (display strings), namedValues (one-element arrays), triggerUid}', () => {
    const { ws, formId } = setUp();
    ws.submit(
      BUNDLE,
      formId,
      { 'Đơn vị': 'Xã An Mỹ', 'Kết quả': 'Đạt', Ngày: '2019-02-25' },
      { at: new Date('2019-02-25T02:03:04Z') },
    );
    const sheetTrigger = ws.ScriptApp.getProjectTriggers()[1];
    expect(logged(ws)).toEqual({
      values: ['25/2/2019 9:03:04', 'Xã An Mỹ', 'Đạt', '25/2/2019'],
      named: {
        'Dấu thời gian': ['25/2/2019 9:03:04'],
        'Đơn vị': ['Xã An Mỹ'],
        'Kết quả': ['Đạt'],
        Ngày: ['25/2/2019'],
      },
      a1: 'A2:D2',
      uid: sheetTrigger.getUniqueId(),
      auth: 'FULL',
      isArray: true,
    });
  });

  test('building and delivering events costs no calls; the trigger runs count only their own', () => {
    const { ws, formId } = setUp();
    const before = ws.log.total();
    const { runs } = ws.submit(BUNDLE, formId, { 'Đơn vị': 'A' });
    const inRuns = runs.reduce((n, r) => n + r.callCount, 0);
    expect(ws.log.total() - before).toBe(inRuns);
    expect(runs[1].calls).toEqual({ 'Range.getA1Notation': 1, 'Logger.log': 1 });
  });

  test('a trigger installed twice runs twice per submit (markfguerra/google-forms-to-slack#5)', () => {
    const { ws, formId } = setUp();
    ws.run(
      `function again() { ScriptApp.newTrigger('onFormSubmitForm').forForm(FormApp.openById('${formId}')).onFormSubmit().create(); }`,
      'again',
    );
    const { runs } = ws.submit(BUNDLE, formId, { 'Đơn vị': 'A' });
    expect(runs.map((r) => r.fn)).toEqual([
      'onFormSubmitForm',
      'onFormSubmitForm',
      'onFormSubmitSheet',
    ]);
    expect(new Set(runs.map((r) => r.triggerUid)).size).toBe(3);
  });

  test('fireFormSubmitAgain delivers the same response again (reference §3: duplicate firing)', () => {
    const { ws, formId } = setUp();
    const { response } = ws.submit(BUNDLE, formId, { 'Đơn vị': 'A' });
    const runs = ws.fireFormSubmitAgain(BUNDLE, response);
    expect(runs).toHaveLength(2);
    expect((logged(ws, -2) as { id: string }).id).toBe(response.getId());
    expect((logged(ws) as { a1: string }).a1).toBe('A2:D2');
  });

  test('fireBlankSheetSubmit: the spurious spreadsheet event with blank values (markfguerra/google-forms-to-slack#7)', () => {
    const { ws, formId } = setUp();
    ws.submit(BUNDLE, formId, { 'Đơn vị': 'A' });
    const runs = ws.fireBlankSheetSubmit(BUNDLE);
    expect(runs.map((r) => r.fn)).toEqual(['onFormSubmitSheet']);
    const e = logged(ws) as { values: string[]; named: Record<string, string[]> };
    expect(e.values).toEqual(['', '', '', '']);
    expect(Object.values(e.named)).toEqual([[''], [''], [''], ['']]);
  });

  test('submitWithoutTrigger: a response whose trigger never ran (engineering doc: reconcile)', () => {
    const { ws, formId } = setUp();
    const before = ws.executions.length;
    const response = ws.submitWithoutTrigger(formId, { 'Đơn vị': 'A' });
    expect(ws.executions.length).toBe(before);
    expect(
      ws.FormApp._open(formId)!
        .getResponses()
        .map((r) => r.getId()),
    ).toEqual([response.getId()]);
    // Google writes the row after the submission (the strict default order), trigger or none.
    ws.clock.advance(ws.google.rowDelayMs);
    expect(ws.FormApp._open(formId)!._destinationSheet()!.getLastRow()).toBe(2);
  });

  test('an edit fires again with the same id and row; the sheet event blanks unchanged answers (reference §3, U)', () => {
    const { ws, formId } = setUp();
    const { response } = ws.submit(
      BUNDLE,
      formId,
      { 'Đơn vị': 'A', 'Kết quả': 'Đạt' },
      { at: new Date('2019-02-25T02:00:00Z') },
    );
    const { runs } = ws.edit(
      BUNDLE,
      response.getId(),
      { 'Kết quả': 'Không đạt' },
      { at: new Date('2019-02-25T03:00:00Z') },
    );
    expect(runs).toHaveLength(2);
    expect((logged(ws, -2) as { id: string }).id).toBe(response.getId());
    expect(logged(ws)).toMatchObject({
      values: ['25/2/2019 10:00:00', '', 'Không đạt', ''],
      a1: 'A2:D2',
    });
  });

  test('a failing or missing handler is recorded; the respondent never sees it', () => {
    const { ws, formId } = setUp();
    ws.run(
      `function more() { ScriptApp.newTrigger('gone').forForm(FormApp.openById('${formId}')).onFormSubmit().create(); }`,
      'more',
    );
    const { runs } = ws.submit(BUNDLE, formId, { 'Đơn vị': 'A' });
    expect(runs.map((r) => [r.fn, r.ok, r.error])).toContainEqual([
      'gone',
      false,
      'Exception: Script function not found: gone',
    ]);
    expect(ws.failures().map((r) => r.fn)).toEqual(['gone']);
  });

  test('a trigger runs as its owner; getUi() is refused in a trigger (reference §3; SpreadsheetApp emulator text)', () => {
    const { ws } = setUp();
    const code = `${BUNDLE}
      function asWho(e) { try { SpreadsheetApp.getUi(); } catch (x) { Logger.log(x.message); } }`;
    ws.ScriptApp._addTrigger({
      handler: 'asWho',
      eventType: 'CLOCK',
      source: 'CLOCK',
      sourceId: null,
      owner: 'pho.phong@example.com',
      schedule: { everyMinutes: 1 },
    });
    ws.clock.advance(60_000);
    ws.fireClock(code, 'asWho');
    const run = ws.executions.at(-1)!;
    expect(run.user).toBe('pho.phong@example.com');
    expect(run.logs).toEqual(['Cannot call SpreadsheetApp.getUi() from this context.']);
    ws.run(code, 'asWho');
    expect(ws.executions.at(-1)!).toMatchObject({ user: 'owner@example.com', logs: [] });
  });
});

describe('ws.fireClock and ws.open', () => {
  test('fireClock runs time-driven triggers with the time-driven event at the virtual clock (DT/events)', () => {
    const ws = createWorkspace({ start: new Date('2019-02-25T01:00:00Z') });
    ws.run(
      "function install() { ScriptApp.newTrigger('tick').timeBased().everyDays(1).atHour(8).create(); }",
      'install',
    );
    // Installed at 08:00 Hà Nội: its first run is the next day at 08:00 (triggers.ts _nextFire).
    expect(ws.fireClock(BUNDLE)).toEqual([]);
    ws.clock.advance(24 * 3600 * 1000);
    const runs = ws.fireClock(BUNDLE);
    expect(runs.map((r) => [r.fn, r.eventType, r.ok])).toEqual([['tick', 'CLOCK', true]]);
    expect(logged(ws)).toMatchObject({
      authMode: 'FULL',
      year: 2019,
      month: 2,
      'day-of-month': 26,
      'day-of-week': 2,
      hour: 1,
      timezone: 'UTC',
    });
    expect(ws.fireClock(BUNDLE, 'other')).toEqual([]);
  });

  test('a one-off clock trigger fires once it is due, then is gone (U)', () => {
    const ws = createWorkspace();
    ws.run(
      "function install() { ScriptApp.newTrigger('tick').timeBased().after(60000).create(); }",
      'install',
    );
    expect(ws.fireClock(BUNDLE)).toEqual([]);
    ws.clock.advance(60000);
    expect(ws.fireClock(BUNDLE)).toHaveLength(1);
    expect(ws.ScriptApp.getProjectTriggers()).toEqual([]);
  });

  test('open runs the simple onOpen with {authMode LIMITED, source, user}; the menu is readable (REF:guides/triggers)', () => {
    const ws = createWorkspace();
    const runs = ws.open(BUNDLE);
    expect(runs.map((r) => [r.fn, r.kind, r.ok])).toEqual([['onOpen', 'simple', true]]);
    expect(ws.executions[0].logs).toEqual(['LIMITED true owner@example.com']);
    expect(ws.SpreadsheetApp._menus()).toEqual([
      { caption: 'Kiểm tra', addon: false, items: [{ caption: 'Cài đặt', functionName: 'setup' }] },
    ]);
  });

  test('a simple trigger cannot use services that need authorization (REF:guides/triggers restrictions; C text, U list)', () => {
    const ws = createWorkspace();
    const code =
      "function onOpen() { ScriptApp.newTrigger('x').timeBased().everyHours(1).create(); }";
    const [run] = ws.open(code);
    expect(run.ok).toBe(false);
    expect(run.error).toBe(
      'Exception: You do not have permission to call ScriptApp.newTrigger. Required permissions: https://www.googleapis.com/auth/script.scriptapp',
    );
    expect(ws.ScriptApp._all()).toEqual([]);
  });

  test('open without an onOpen runs nothing; installable ON_OPEN triggers also fire (REF:guides/triggers/installable)', () => {
    const ws = createWorkspace();
    expect(ws.open('function other() {}')).toEqual([]);
    const code = `function install() { ScriptApp.newTrigger('opened').forSpreadsheet(SpreadsheetApp.getActive()).onOpen().create(); }
      function opened(e) { Logger.log(String(e.authMode) + ' ' + (e.triggerUid !== undefined)); }`;
    ws.run(code, 'install');
    const runs = ws.open(code);
    expect(runs.map((r) => [r.fn, r.kind, r.eventType, r.logs])).toEqual([
      ['opened', 'trigger', 'ON_OPEN', ['FULL true']],
    ]);
  });
});
