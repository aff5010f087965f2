// Google's faults injected into the bundle's own calls: nothing lost, nothing twice, whatever call fails.

import { snapshotDrive } from '../../src/local/emulator/drive';
import type { Workspace } from '../../src/local/emulator/runtime';
import {
  answers,
  CODE,
  minutesDocs,
  responseSheet,
  rows,
  runDue,
  setSetting,
  setUp,
  unitMails,
  workbook,
} from './harness';

const EMAIL = 'lan.nt@mydu.example';

/** Xã Hợp Tiến (10498) gets its result by email. */
function mailHopTien(ws: Workspace) {
  setSetting(ws, 'Gửi kết quả cho từng đơn vị', 'Có');
  ws.log.uncounted(() => {
    const sheet = ws.spreadsheet.getSheetByName('Đơn vị');
    const values = sheet?.getDataRange().getValues() ?? [];
    sheet
      ?.getRange(values.findIndex((r) => r[0] === '10498') + 1, 6)
      .setValue('hoptien@mydu.example');
  });
  ws.run(CODE, 'checkConfig');
}

/** The value of one `[KTCV]` state cell of a response, read as the office sees it (uncounted). */
function stateCell(ws: Workspace, responseId: string, header: string): unknown {
  return ws.log.uncounted(() => {
    const sheet = ws.spreadsheet.getSheetByName(responseSheet(ws));
    const values = sheet?.getDataRange().getValues() ?? [];
    const head = values[0].map(String);
    const row = values.find((r) => r[head.indexOf('[KTCV] Mã phản hồi')] === responseId);
    return row?.[head.indexOf(header)];
  });
}

describe('a failure in the middle of a submission', () => {
  test('the derived sheets written, then the state write fails: scored again later, once, equal to a rebuild', () => {
    const { ws, formId } = setUp();
    ws.submit(CODE, formId, answers({ unit: 'Xã An Mỹ' }), { email: EMAIL });
    ws.clock.advance(60_000);
    // The submission's writes: derived sheets first, the state columns last. Fail the last one.
    ws.faults.failAt({ call: 1, method: 'Range.setValues' });
    const calls: string[] = [];
    ws.faults.clear();
    // Count the writes of one clean submission to know which is the state write.
    const probe = setUp();
    probe.ws.submit(CODE, probe.formId, answers({ unit: 'Xã An Mỹ' }), { email: EMAIL });
    probe.ws.clock.advance(60_000);
    probe.ws.log.reset();
    probe.ws.submit(CODE, probe.formId, answers({ B2: 'Không đạt' }), { email: EMAIL });
    const writes = probe.ws.log.counts.get('Range.setValues') ?? 0;
    expect(writes).toBeGreaterThan(1);
    calls.push(String(writes));
    // Now the real run: every write but the state's succeeds... then the state's fails.
    for (let k = 1; k <= writes; k++) {
      const { ws: w, formId: f } = setUp();
      w.submit(CODE, f, answers({ unit: 'Xã An Mỹ' }), { email: EMAIL });
      w.clock.advance(60_000);
      w.faults.failAt({ call: k, method: 'Range.setValues' });
      const { response } = w.submit(CODE, f, answers({ B2: 'Không đạt' }), { email: EMAIL });
      w.faults.clear();
      // The queue's worker and the nightly reconcile repair whatever the failure left.
      runDue(w, 'runQueue');
      runDue(w, 'reconcile');
      const results = rows(w, 'Kết quả');
      expect(results.filter((r) => r[0] === response.getId())).toHaveLength(1);
      expect(results.map((r) => r[5])).toEqual(['Xã An Mỹ', 'Xã Hợp Tiến']);
      expect(rows(w, 'Tồn tại').map((r) => [r[0], r[4]])).toEqual([[response.getId(), 'B2']]);
      // The sheets the state promise is about equal what a full rebuild gives.
      const derived = () => {
        const all = workbook(w);
        return ['Kết quả', 'Tồn tại', 'Cần xem lại', 'Tổng hợp'].map((n) => [k, n, all[n]]);
      };
      const incremental = derived();
      w.run(CODE, 'rebuildAll');
      expect(derived()).toEqual(incremental);
    }
  });
});

describe('a run Google stops in the middle of slow work', () => {
  test('Google stops the run right after the unit mail went out: never sent again, the cell says it is unknown', () => {
    const { ws, formId } = setUp();
    mailHopTien(ws);
    // The mail leaves, then the execution passes its 6 minutes before it can record the send.
    const send = ws.MailApp.sendEmail.bind(ws.MailApp) as (...a: unknown[]) => unknown;
    let stopped = false;
    (ws.MailApp as unknown as { sendEmail: (...a: unknown[]) => unknown }).sendEmail = (
      ...a: unknown[]
    ) => {
      const r = send(...a);
      if (!stopped) {
        stopped = true;
        ws.clock.advance(7 * 60_000);
      }
      return r;
    };
    const { response } = ws.submit(CODE, formId, answers(), { email: EMAIL });
    runDue(ws, 'runQueue');
    expect(ws.executions.some((e) => /Exceeded maximum execution time/.test(e.error ?? ''))).toBe(
      true,
    );
    expect(unitMails(ws)).toHaveLength(1);
    for (let k = 0; k < 3; k++) runDue(ws, 'runQueue');
    runDue(ws, 'reconcile');
    // The worker cannot know whether Google delivered it: it says so, and never sends it again.
    expect(unitMails(ws)).toHaveLength(1);
    expect(stateCell(ws, response.getId(), '[KTCV] Đã gửi đơn vị lúc')).toBe('Chưa rõ đã gửi');
    expect(rows(ws, 'Nhật ký').some((r) => String(r[2]).startsWith('Không rõ thư kết quả'))).toBe(
      true,
    );
  });

  test('the biên bản was created and the run then failed before filling it: the next run fills that document, no second', () => {
    const { ws, formId } = setUp();
    const { response } = ws.submit(CODE, formId, answers(), { email: EMAIL });
    // Every Google Doc in Drive, trashed or not.
    const docs = () =>
      snapshotDrive(ws.DriveApp)
        .files.filter((f) => f.mimeType === 'application/vnd.google-apps.document')
        .map((f) => f.id);
    const before = docs().length;
    // The worker's first run: DocumentApp.create returns, then filling it fails.
    ws.faults.failAt({ call: 1, method: 'Document.getBody' });
    runDue(ws, 'runQueue');
    expect(ws.faults.injected.map((f) => `${f.service}.${f.method}`)).toEqual(['Document.getBody']);
    ws.faults.clear();
    const made = docs();
    expect(made).toHaveLength(before + 1);
    for (let k = 0; k < 3; k++) runDue(ws, 'runQueue');
    // The same document, now filled and linked; no second one.
    expect(docs()).toEqual(made);
    const minutes = minutesDocs(ws).filter((d) => !d.trashed);
    expect(minutes).toHaveLength(1);
    expect(minutes[0].name).toContain('Xã Hợp Tiến');
    expect(String(rows(ws, 'Kết quả').find((r) => r[0] === response.getId())?.[15])).toContain(
      minutes[0].id,
    );
  });
});
