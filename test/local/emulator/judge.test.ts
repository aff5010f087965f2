// The judge: virtual time from the cost table, Google's limits, the lock timeline, faults, scopes and strictness.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sheetCallsOf } from '../../../src/local/emulator/calls';
import { createWorkspace, ScriptError, type Workspace } from '../../../src/local/emulator/runtime';
import { manifestScopes } from '../../../src/local/emulator/scopes';

const T0 = Date.parse('2019-02-25T01:00:00Z');
const AUTH = 'https://www.googleapis.com/auth/';

/** A workspace whose virtual time depends only on the calls (no JavaScript time, no start-up). */
function exact(options: Parameters<typeof createWorkspace>[0] = {}): Workspace {
  return createWorkspace({ start: new Date(T0), jsFactor: 0, startupMs: 0, ...options });
}

function error(fn: () => unknown): Error {
  try {
    fn();
  } catch (e) {
    return e as Error;
  }
  throw new Error('expected a throw');
}

describe('virtual time: every call is charged from the cost table (google-costs.md §2)', () => {
  test('a read: first access 200 ms, getSheets a round trip, getRange local 8 ms, getValues 200 ms + 12 µs a cell', () => {
    const ws = exact();
    ws.run(
      `function f() {
        var sheet = SpreadsheetApp.getActiveSpreadsheet().getSheets()[0];
        sheet.getRange(1, 1, 100, 10).getValues();
      }`,
      'f',
    );
    const [run] = ws.executions;
    expect(run.googleMs).toBe(200 + 200 + 8 + 200 + 12);
    expect(run.cells).toBe(1000);
    expect(run.endedAt.getTime() - run.startedAt.getTime()).toBe(run.googleMs);
  });

  test('writes are queued and cost a commit at the next round trip; large writes cost 70 µs a cell', () => {
    const ws = exact();
    const code = (rows: number, columns: number) => `function f() {
      var sheet = SpreadsheetApp.getActiveSheet();
      var rows = [];
      for (var i = 0; i < ${rows}; i++) { rows.push([]); for (var j = 0; j < ${columns}; j++) rows[i].push(j); }
      sheet.getRange(1, 1, ${rows}, ${columns}).setValues(rows);
      SpreadsheetApp.flush();
    }`;
    ws.run(code(100, 2), 'f');
    // getActiveSheet (first access) + getRange + setValues (8 + 200 × 0.015) + flush + commit.
    expect(ws.executions[0].googleMs).toBe(200 + 8 + 8 + 3 + 200 + 200);
    ws.run(code(1000, 20), 'f');
    expect(ws.executions[1].googleMs).toBe(200 + 8 + 8 + 1400 + 200 + 200);
  });

  test('writes still queued at the end are committed then (charged to the execution)', () => {
    const ws = exact();
    ws.run('function f() { SpreadsheetApp.getActiveSheet().getRange(1, 1).setValue(1); }', 'f');
    expect(ws.executions[0].googleMs).toBe(200 + 8 + 8 + 200);
  });

  test('per service: DocumentApp.create 3 s, saveAndClose 3 s, sendEmail 1.5 s, Properties 40/65 ms, lock 100/50 ms', () => {
    const ws = exact();
    ws.run(
      `function f() {
        var d = DocumentApp.create('Biên bản'); d.getBody().appendParagraph('x'); d.saveAndClose();
        MailApp.sendEmail('a@example.com', 'Chủ đề', 'Nội dung');
        var p = PropertiesService.getScriptProperties(); p.setProperty('k', 'v'); p.getProperty('k');
        var l = LockService.getScriptLock(); l.tryLock(1000); l.releaseLock();
      }`,
      'f',
    );
    expect(ws.executions[0].googleMs).toBe(
      3000 + 100 + 100 + 3000 + 1500 + 8 + 65 + 40 + 8 + 100 + 50,
    );
  });

  test('FormApp: setChoiceValues grows with the choices (400 ms + 2 ms each)', () => {
    const ws = exact();
    ws.run(
      `function f() {
        var form = FormApp.create('Phiếu');
        var choices = [];
        for (var i = 0; i < 100; i++) choices.push('Xã ' + i);
        form.addListItem().setChoiceValues(choices);
      }`,
      'f',
    );
    expect(ws.executions[0].googleMs).toBe(1000 + 400 + 400 + 200);
  });

  test('JavaScript between calls is charged at jsFactor × Node time; the start-up is reported apart', () => {
    const loop =
      'function f() { var x = 0; for (var i = 0; i < 3e6; i++) x += i % 7; PropertiesService.getScriptProperties().getProperty("k"); return x; }';
    const none = exact();
    none.run(loop, 'f');
    expect(none.executions[0].googleMs).toBe(8 + 40);
    const slow = createWorkspace({ start: new Date(T0), jsFactor: 1000 });
    slow.run(loop, 'f');
    const [run] = slow.executions;
    expect(run.googleMs).toBeGreaterThan(1000);
    // The start-up (2 s) moves the clock but is not the execution's own time.
    expect(run.endedAt.getTime() - run.startedAt.getTime()).toBe(run.googleMs + 2000);
  });

  test('calls the harness makes between executions cost nothing', () => {
    const ws = exact();
    ws.spreadsheet.getSheets()[0].getRange(1, 1, 100, 26).getValues();
    expect(ws.clock.now()).toBe(T0);
  });
});

describe('execution limits: 6 minutes, 30 s for a simple trigger (quotas page), not catchable', () => {
  test('past 6 minutes every call throws the limit, and the run fails even when the script swallowed it', () => {
    const ws = exact();
    const code = `function f() {
      var seen = [];
      for (var i = 0; i < 10; i++) {
        try { Utilities.sleep(60000); PropertiesService.getScriptProperties().setProperty('step', String(i)); }
        catch (e) { seen.push(e.message); }
      }
      return seen;
    }`;
    const e = error(() => ws.run(code, 'f'));
    expect(e).toBeInstanceOf(ScriptError);
    expect(e.message).toBe('Exceeded maximum execution time');
    const [run] = ws.executions;
    expect(run.ok).toBe(false);
    expect(run.error).toBe('Exception: Exceeded maximum execution time');
    // The sixth minute's write was the last: the calls after the limit took no effect.
    expect(ws.PropertiesService.getScriptProperties().getProperty('step')).toBe('4');
    expect(run.googleMs).toBeLessThanOrEqual(6 * 60000 + 60000 + 100);
  });

  test('a time-driven trigger past 6 minutes is recorded as failed; the next one runs normally', () => {
    const ws = exact();
    // Every 10 minutes from now.
    ws.ScriptApp._addTrigger({
      handler: 'slow',
      eventType: 'CLOCK',
      source: 'CLOCK',
      sourceId: null,
      schedule: { everyMinutes: 10 },
    });
    const code =
      'function slow() { for (var i = 0; i < 7; i++) { try { Utilities.sleep(60000); } catch (e) {} } }';
    const [run] = ws.fireClock(code, 'slow', { at: T0 + 10 * 60000 });
    expect(run).toMatchObject({ ok: false, error: 'Exception: Exceeded maximum execution time' });
    const [next] = ws.fireClock('function slow() { Utilities.sleep(1000); }', 'slow', {
      at: T0 + 20 * 60000,
    });
    expect(next.ok).toBe(true);
  });

  test('a simple onOpen past 30 s is stopped', () => {
    const ws = exact();
    const [run] = ws.open(
      'function onOpen(e) { Utilities.sleep(29000); SpreadsheetApp.getActiveSpreadsheet(); }',
    );
    expect(run).toMatchObject({ kind: 'simple', ok: true });
    const [late] = ws.open(
      'function onOpen(e) { Utilities.sleep(31000); SpreadsheetApp.getActiveSpreadsheet(); }',
    );
    expect(late).toMatchObject({ ok: false, error: 'Exception: Exceeded maximum execution time' });
  });
});

describe('concurrency in virtual time: executions start at their own time; the script lock keeps a timeline', () => {
  const HOLD = `function hold() {
    var lock = LockService.getScriptLock();
    lock.waitLock(30000);
    Utilities.sleep(20000);
    lock.releaseLock();
  }
  function tryIt() {
    var lock = LockService.getScriptLock();
    var got = lock.tryLock(5000);
    PropertiesService.getScriptProperties().setProperty('got-' + Date.now(), String(got));
    return got;
  }
  function waitIt() {
    var lock = LockService.getScriptLock();
    try { lock.waitLock(10000); } catch (e) { return e.message; }
    return 'got it at ' + new Date().toISOString();
  }`;

  test('a later execution waits for a lock held by an earlier one, or times out at t + timeout', () => {
    const ws = exact();
    ws.run(HOLD, 'hold', undefined, { at: T0 });
    // getScriptLock 8 ms, then held from T0 + 8 ms (waitLock) to T0 + 20,108 ms (releaseLock).
    expect(ws.executions[0].lockMs).toBe(100 + 20000);
    expect(ws.run(HOLD, 'tryIt', undefined, { at: T0 + 5000 })).toBe(false);
    // getScriptLock, the full 5 s wait, tryLock, getScriptProperties, setProperty.
    expect(ws.executions[1].endedAt.getTime()).toBe(T0 + 5000 + 8 + 5000 + 100 + 8 + 65);
    expect(ws.run(HOLD, 'waitIt', undefined, { at: T0 + 8000 })).toBe(
      'Lock timeout: another process was holding the lock for too long.',
    );
    expect(ws.executions[2].endedAt.getTime()).toBe(T0 + 8000 + 8 + 10000 + 100);
    expect(ws.run(HOLD, 'waitIt', undefined, { at: T0 + 12000 })).toBe(
      `got it at ${new Date(T0 + 20108 + 100).toISOString()}`,
    );
  });

  test('a trigger that fires while another execution holds the lock waits, and times out', () => {
    const ws = exact();
    for (const at of [T0 + 1000, T0 + 19000])
      ws.ScriptApp._addTrigger({
        handler: 'tryIt',
        eventType: 'CLOCK',
        source: 'CLOCK',
        sourceId: null,
        schedule: { at },
      });
    ws.run(HOLD, 'hold', undefined, { at: T0 });
    const [blocked] = ws.fireClock(HOLD, 'tryIt', { at: T0 + 1000 });
    expect(blocked.ok).toBe(true);
    expect(blocked.endedAt.getTime() - blocked.startedAt.getTime()).toBeGreaterThanOrEqual(5000);
    const [free] = ws.fireClock(HOLD, 'tryIt', { at: T0 + 19000 });
    expect(free.lockMs).toBeGreaterThan(0);
    const stored = ws.PropertiesService.getScriptProperties().getProperties();
    expect(Object.values(stored).sort()).toEqual(['false', 'true']);
  });

  test('executions must be run in the order they start', () => {
    const ws = exact();
    ws.run('function f() {}', 'f', undefined, { at: T0 + 1000 });
    expect(() => ws.run('function f() {}', 'f', undefined, { at: T0 })).toThrow(
      'Executions run in the order they start',
    );
  });

  test('the stricter reading: an interval recorded by an earlier-started execution blocks a request before it', () => {
    const ws = exact();
    // A starts at T0 but takes the lock only at T0 + 60 s, for 20 s.
    ws.run(
      `function a() { Utilities.sleep(60000); var l = LockService.getScriptLock(); l.waitLock(1000); Utilities.sleep(20000); }`,
      'a',
      undefined,
      { at: T0 },
    );
    // B starts at T0 + 10 s: on Google it might slip in first; here it waits for A's release.
    const got = ws.run(
      'function b() { return LockService.getScriptLock().tryLock(100000); }',
      'b',
      undefined,
      { at: T0 + 10000 },
    );
    expect(got).toBe(true);
    expect(ws.executions[1].endedAt.getTime()).toBeGreaterThanOrEqual(T0 + 80000);
  });

  test('a submission at a chosen time has that timestamp and its trigger starts then', () => {
    const ws = exact();
    const form = ws.run(
      `function f() {
        var form = FormApp.create('Phiếu'); form.addTextItem().setTitle('Q');
        ScriptApp.newTrigger('onSubmit').forForm(form).onFormSubmit().create();
        return form.getId();
      }
      function onSubmit(e) {}`,
      'f',
    ) as string;
    const code = 'function onSubmit(e) { Logger.log(e.response.getTimestamp().toISOString()); }';
    const { response, runs } = ws.submit(code, form, { Q: 'a' }, { at: T0 + 3600000 });
    expect(response.getTimestamp().getTime()).toBe(T0 + 3600000);
    expect(runs[0].startedAt.getTime()).toBe(T0 + 3600000);
    expect(runs[0].logs).toEqual([new Date(T0 + 3600000).toISOString()]);
  });
});

describe('fault injection (faults.ts): Google texts, seeded, at the N-th call, script calls only', () => {
  const MANY = `function f() {
    var failed = [];
    var p = PropertiesService.getScriptProperties();
    for (var i = 0; i < 200; i++) {
      try { p.setProperty('k' + i, 'v'); } catch (e) { failed.push(i + ' ' + e.message); }
    }
    return failed;
  }`;

  test('seeded transient failures are reproducible, and differ with another seed', () => {
    const once = (seed: number) => {
      const ws = exact();
      ws.faults.transient({ rate: 0.1, seed });
      return ws.run(MANY, 'f') as string[];
    };
    const a = once(7);
    expect(a.length).toBeGreaterThan(5);
    expect(a.length).toBeLessThan(50);
    expect(once(7)).toEqual(a);
    expect(once(8)).not.toEqual(a);
    for (const line of a)
      expect(line).toMatch(
        / (We're sorry, a server error occurred\. Please wait a bit and try again\.|Service invoked too many times in a short time: properties\. Try Utilities\.sleep\(1000\) between calls\.)$/,
      );
  });

  test('transient failures can be limited to a method; Sheets texts name the spreadsheet', () => {
    const ws = exact();
    ws.faults.transient({ rate: 1, methods: ['Sheet.getLastRow'] });
    const result = ws.run(
      `function f() {
        var sheet = SpreadsheetApp.getActiveSheet();
        sheet.getRange(1, 1).getValue();
        try { sheet.getLastRow(); } catch (e) { return e.message; }
      }`,
      'f',
    );
    expect(result).toMatch(
      new RegExp(
        `^(Service Spreadsheets (timed out|failed) while accessing document with id ${ws.spreadsheet._id}\\.|We're sorry, a server error occurred\\. Please wait a bit and try again\\.)$`,
      ),
    );
    expect(ws.faults.injected.map((f) => `${f.service}.${f.method}`)).toEqual(['Sheet.getLastRow']);
  });

  test('local calls (getRange) never fail transiently; Utilities and Logger neither', () => {
    const ws = exact();
    ws.faults.transient({ rate: 1 });
    const code = `function f() {
      var r = SpreadsheetApp.getActiveSpreadsheet();
      try { SpreadsheetApp.getActiveSpreadsheet(); } catch (e) {}
    }
    function g() { var s = SpreadsheetApp.getActiveSheet; Utilities.sleep(1); Logger.log('x'); return 1; }`;
    expect(() => ws.run(code, 'f')).toThrow(/Spreadsheets|server error/);
    expect(ws.run(code, 'g')).toBe(1);
  });

  test('failure at the N-th call of a method, before it takes effect', () => {
    const ws = exact();
    ws.faults.failAt({ call: 2, method: 'Properties.setProperty' });
    const result = ws.run(
      `function f() {
        var p = PropertiesService.getScriptProperties();
        p.setProperty('a', '1');
        try { p.setProperty('b', '2'); } catch (e) { return e.message; }
      }`,
      'f',
    );
    expect(result).toBe("We're sorry, a server error occurred. Please wait a bit and try again.");
    expect(ws.PropertiesService.getScriptProperties().getProperties()).toEqual({ a: '1' });
  });

  test('failure after the call took effect: the script sees an error although the write happened', () => {
    const ws = exact();
    ws.faults.failAt({ call: 1, method: 'MailApp.sendEmail', after: true, message: 'Boom' });
    const code = `function f() {
      try { MailApp.sendEmail('a@example.com', 'Chủ đề', 'Nội dung'); } catch (e) { return e.message; }
    }`;
    expect(ws.run(code, 'f')).toBe('Boom');
    expect(ws.MailApp._outbox()).toHaveLength(1);
    expect(ws.faults.injected).toEqual([
      { service: 'MailApp', method: 'sendEmail', message: 'Boom', after: true },
    ]);
  });

  test('harness reads and Google-side work never consume or trigger a fault', () => {
    const ws = exact();
    ws.faults.failAt({ call: 1 });
    ws.spreadsheet.getSheets()[0].getRange(1, 1).getValue();
    ws.log.uncounted(() => ws.spreadsheet.getName());
    expect(ws.faults.injected).toEqual([]);
    expect(() => ws.run('function f() { SpreadsheetApp.getActiveSpreadsheet(); }', 'f')).toThrow(
      /server error|Spreadsheets/,
    );
  });
});

describe('strictness: members not emulated, scopes from the manifest', () => {
  test('reading a member the emulator lacks throws a clear error; then, toJSON and symbols stay undefined', () => {
    const ws = exact();
    const code = `function f() {
      var ss = SpreadsheetApp.getActiveSpreadsheet(), out = [];
      try { ss.getBandings(); } catch (e) { out.push(e.message); }
      try { FormApp.ItemType.NO_SUCH_TYPE; } catch (e) { out.push(e.message); }
      out.push(typeof ss.then, typeof ss.toJSON, typeof ss[Symbol.iterator], String(FormApp.ItemType.TEXT));
      out.push(JSON.stringify({ type: FormApp.ItemType.TEXT }));
      return out;
    }`;
    expect(ws.run(code, 'f')).toEqual([
      'SpreadsheetApp.Spreadsheet.getBandings is not emulated',
      'Enum.NO_SUCH_TYPE is not emulated',
      'undefined',
      'undefined',
      'undefined',
      'TEXT',
      '{"type":"TEXT"}',
    ]);
  });

  test('the built manifest grants spreadsheets.currentonly: openById is refused with Google’s text', () => {
    const ws = exact();
    const e = error(() =>
      ws.run(`function f() { SpreadsheetApp.openById('${ws.spreadsheet._id}'); }`, 'f'),
    );
    expect(e.message).toBe(
      `You do not have permission to call SpreadsheetApp.openById. Required permissions: ${AUTH}spreadsheets`,
    );
    expect(
      ws.run('function f() { return SpreadsheetApp.getActiveSpreadsheet().getName(); }', 'f'),
    ).toBe('Kiểm tra công vụ');
  });

  test('each method needs its scope: Drive, Mail, triggers, documents, forms', () => {
    const ws = exact({ oauthScopes: [`${AUTH}spreadsheets.currentonly`] });
    const refused = (call: string) => error(() => ws.run(`function f() { ${call}; }`, 'f')).message;
    expect(refused('DriveApp.getRootFolder()')).toBe(
      `You do not have permission to call DriveApp.getRootFolder. Required permissions: ${AUTH}drive`,
    );
    expect(refused("MailApp.sendEmail('a@example.com', 's', 'b')")).toContain(
      `Required permissions: ${AUTH}script.send_mail`,
    );
    expect(refused('ScriptApp.getProjectTriggers()')).toContain(`${AUTH}script.scriptapp`);
    expect(refused("DocumentApp.create('x')")).toContain(`${AUTH}documents`);
    expect(refused("FormApp.create('x')")).toContain(`${AUTH}forms`);
    expect(ws.run('function f() { return LockService.getScriptLock().tryLock(0); }', 'f')).toBe(
      true,
    );
  });

  test('DriveApp takes only the full drive scope (drive.readonly for reads); drive.file, the Advanced Drive scope, is refused (U)', () => {
    const perFile = exact({ oauthScopes: [`${AUTH}drive.file`, `${AUTH}documents`] });
    const refused = (call: string) =>
      error(() => perFile.run(`function f() { ${call}; }`, 'f')).message;
    // What the bundle does with Drive: make the office folder, open its own Doc, file and trash it.
    expect(refused("DriveApp.createFolder('Kiểm tra công vụ - Văn bản')")).toBe(
      `You do not have permission to call DriveApp.createFolder. Required permissions: ${AUTH}drive`,
    );
    const doc = perFile.run("function f() { return DocumentApp.create('Biên bản').getId(); }", 'f');
    expect(refused(`DriveApp.getFileById('${doc}')`)).toContain(
      `Required permissions: ${AUTH}drive`,
    );
    const reader = exact({ oauthScopes: [`${AUTH}drive.readonly`, `${AUTH}documents`] });
    const own = reader.run("function f() { return DocumentApp.create('Biên bản').getId(); }", 'f');
    expect(
      reader.run(`function f() { return DriveApp.getFileById('${own}').getName(); }`, 'f'),
    ).toBe('Biên bản');
    expect(
      error(() =>
        reader.run(`function f() { DriveApp.getFileById('${own}').setTrashed(true); }`, 'f'),
      ).message,
    ).toBe(
      `You do not have permission to call DriveApp.File.setTrashed. Required permissions: ${AUTH}drive`,
    );
  });

  test('a granted wider scope covers the narrower one; null grants everything', () => {
    const wide = exact({ oauthScopes: [`${AUTH}spreadsheets`] });
    expect(
      wide.run(
        `function f() { return SpreadsheetApp.openById('${wide.spreadsheet._id}').getName(); }`,
        'f',
      ),
    ).toBe('Kiểm tra công vụ');
    const open = exact({ oauthScopes: null });
    expect(open.run('function f() { return DriveApp.getRootFolder().getName(); }', 'f')).toBe(
      'My Drive',
    );
  });
});

describe('the judge around unusual calls, and the helpers the benchmark uses', () => {
  test('a service calling back into the script is priced once, as the outer call', () => {
    const ws = exact({ oauthScopes: null });
    const helper = {
      twice(fn: () => unknown) {
        ws.log.record('Helper', 'twice');
        ws.log.record('Helper', 'inner');
        return fn();
      },
    };
    ws.register('Helper', helper);
    ws.run(
      'function f() { return Helper.twice(function () { return PropertiesService.getScriptProperties().getProperty("k"); }); }',
      'f',
    );
    // Helper.twice is unknown to the table: a round trip (200 ms); the calls made inside it are part of it.
    expect(ws.executions[0].googleMs).toBe(200);
    expect(ws.executions[0].calls).toMatchObject({
      'Helper.twice': 1,
      'Properties.getProperty': 1,
    });
  });

  test('a mail with an attachment costs 3 s', () => {
    const ws = exact();
    ws.run(
      `function f() {
        MailApp.sendEmail({ to: 'a@example.com', subject: 's', body: 'b',
          attachments: [Utilities.newBlob('x', 'text/plain', 'x.txt')] });
      }`,
      'f',
    );
    expect(ws.executions[0].googleMs).toBe(8 + 3000);
  });

  test('fireTrigger runs one time-driven trigger at its time; a one-off is then gone', () => {
    const ws = exact();
    const t = ws.ScriptApp._addTrigger({
      handler: 'later',
      eventType: 'CLOCK',
      source: 'CLOCK',
      sourceId: null,
      schedule: { at: T0 + 60000 },
    });
    const run = ws.fireTrigger('function later(e) { Logger.log(e.minute); }', t, {
      at: T0 + 60000,
    });
    expect(run).toMatchObject({ fn: 'later', kind: 'trigger', ok: true, logs: ['1'] });
    expect(run.startedAt.getTime()).toBe(T0 + 60000);
    expect(ws.ScriptApp._matching('CLOCK', 'CLOCK')).toEqual([]);
  });

  test('the lock timeline lists who held the script lock when', () => {
    const ws = exact();
    const code =
      'function f() { var l = LockService.getScriptLock(); l.tryLock(0); Utilities.sleep(1000); }';
    ws.run(code, 'f', undefined, { at: T0 });
    ws.run(code, 'f', undefined, { at: T0 + 5000 });
    expect(ws.LockService._intervals('script')).toEqual([
      { from: T0 + 8, to: T0 + 1108, execution: 0 },
      { from: T0 + 5008, to: T0 + 6108, execution: 1 },
    ]);
    expect(ws.executions.map((e) => e.lockMs)).toEqual([1100, 1100]);
  });

  test('faults: failAt needs a positive count; clear stops every fault; a service filter narrows them', () => {
    const ws = exact();
    expect(() => ws.faults.failAt({ call: 0 })).toThrow('failAt: call must be 1 or more, not 0');
    ws.faults.failAt({ call: 1 }).transient({ rate: 1 }).clear();
    expect(
      ws.run('function f() { return SpreadsheetApp.getActiveSpreadsheet().getName(); }', 'f'),
    ).toBe('Kiểm tra công vụ');
    ws.faults.transient({ rate: 1, services: ['DriveApp'] });
    const code = `function f() {
      var name = SpreadsheetApp.getActiveSpreadsheet().getName();
      try { DriveApp.getRootFolder(); } catch (e) { return name + ' | ' + e.message; }
    }`;
    expect(ws.run(code, 'f')).toMatch(
      /^Kiểm tra công vụ \| (We're sorry|Service invoked too many times)/,
    );
    ws.faults.transient({ rate: 0 });
    expect(ws.run(code, 'f')).toBeUndefined();
  });

  test('manifestScopes: the oauthScopes list, null for a manifest without one, a clear error without a manifest', () => {
    const dir = mkdtempSync(join(tmpdir(), 'ktcv-manifest-'));
    const file = join(dir, 'appsscript.json');
    writeFileSync(file, JSON.stringify({ timeZone: 'Asia/Ho_Chi_Minh' }));
    expect(manifestScopes([file])).toBeNull();
    writeFileSync(file, JSON.stringify({ oauthScopes: [`${AUTH}forms`] }));
    expect(manifestScopes([join(dir, 'none.json'), file])).toEqual([`${AUTH}forms`]);
    expect(() => manifestScopes([join(dir, 'none.json')])).toThrow(
      'dist/appsscript.json is missing: build the bundle first (npm run build).',
    );
    expect(manifestScopes()).toContain(`${AUTH}spreadsheets.currentonly`);
  });

  test('sheetCallsOf counts the SpreadsheetApp family in an execution record', () => {
    expect(
      sheetCallsOf({ 'Range.getValues': 2, 'Sheet.getRange': 3, 'MailApp.sendEmail': 1 }),
    ).toBe(5);
  });
});
