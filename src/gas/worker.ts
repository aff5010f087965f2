// The worker: slow work (queued submissions, biên bản, unit mails, reports) done outside the lock within a time budget, each item recorded as it finishes.
/// <reference types="google-apps-script" />

import { vnDateOf } from '../core/dates';
import { MAIL_MARK, PROPS } from '../core/names';
import type { Inspection } from '../core/types';
import { messageOf } from './errors';
import { isLockBusy, RECORD_WAIT_MS, withRecordLock } from './lock';
import { loopStale, refreshAfterSubmit } from './loop';
import { outcomesFor } from './process';
import {
  addForeign,
  claimLease,
  clearWorkDue,
  dropMail,
  dropMinutes,
  dropResponse,
  journalMail,
  journalMinutes,
  type Queue,
  queueResponse,
  readQueue,
  releaseLease,
  reportKey,
  workKey,
} from './queue';
import { reconcile } from './rebuild';
import {
  createMinutes,
  deliverReport,
  docIdOf,
  fillMinutes,
  minutesName,
  minutesOwned,
  type SendResult,
  sendUnitMail,
  trashMinutes,
  unitAddress,
} from './reports';
import type { IndexRow } from './response-table';
import { isTransient } from './retry';
import { scoreResponse } from './submit';
import {
  contextFor,
  logLine,
  openSession,
  type ResponseIndex,
  readIndex,
  readIndexRows,
  readRow,
  type Session,
  setResultLink,
  updateState,
} from './workbook';

// No new item is started after this much of the execution (Google stops one at 6 minutes; the
// slowest item, a biên bản, takes up to about 30 s).
const BUDGET_MS = 270000;
// A report (Doc, PDF, mail; up to about 80 s for 200 units) is started only with this much left.
const REPORT_RESERVE_MS = 30000;
// Documents made in one run at most: the daily quota is 250, and the time trigger comes back.
const MAX_DOCS_PER_RUN = 20;
// The longest wait between two tries of a queued submission that failed.
const RETRY_CAP_MS = 6 * 3600 * 1000;
// A queued submission whose row never appears (deleted in the sheet) is given up after this.
const GIVE_UP_MS = 2 * 24 * 3600 * 1000;

/** How a queued report period ended in this run: sent or settled, still queued, or failed (queued). */
export type ReportOutcome = SendResult | 'queued' | 'failed';

/** What one run of the worker did. */
export interface WorkResult {
  /** False when another worker held the lease: this run did nothing. */
  ran: boolean;
  scored: number;
  minutes: number;
  retired: number;
  mails: number;
  /** Outcome per report job key (see queue.reportKey). */
  reports: Record<string, ReportOutcome>;
}

/** What a run should do. */
export interface WorkOptions {
  /** Only the queued reports (the menu's send-now). */
  only?: 'reports';
  /**
   * Only these response rows, and the queued submissions (the run right after a submission: the
   * biên bản and unit mails of the rows it changed; the backlog and reports are the time trigger's).
   */
  focus?: number[];
  /** Read the rows even when none is marked as owing work (reconcile, rebuild). */
  full?: boolean;
}

/**
 * Runs the queue for the rest of the execution's budget (the execution started at `started`):
 * queued submissions, then per row the biên bản and the unit's email, then the report periods.
 * What is left waits for the next run (the time trigger every few minutes).
 */
export function runWorker(started: number, options: WorkOptions = {}): WorkResult {
  const result: WorkResult = {
    ran: false,
    scored: 0,
    minutes: 0,
    retired: 0,
    mails: 0,
    reports: {},
  };
  const focus = options.focus ? [...options.focus] : null;
  let queued = readQueue();
  // A config sheet was edited since anything read it: read it now, so that a change of what
  // scoring reads is noticed (and re-scored below) even when no submission comes.
  if (!focus && options.only !== 'reports' && queued.configStale) {
    try {
      openSession();
    } catch {
      // An invalid configuration: each submission and the daily reconcile report it.
    }
    queued = readQueue();
  }
  // A whole pass owed: the scoring configuration changed, or the daily reconcile met a busy lock.
  const passOwed =
    !focus &&
    options.only !== 'reports' &&
    (queued.rescoreDue !== '' || queued.reconcileDue !== '');
  let rowsDue =
    options.only !== 'reports' &&
    (options.full ||
      (focus && focus.length > 0) ||
      queued.responses.length > 0 ||
      queued.workDue !== '' ||
      queued.minutes.size > 0 ||
      queued.mails.size > 0);
  // The actions and dashboard follow the submissions scored since the last run.
  // A submission leaves it marked; a lock held elsewhere leaves it marked for the next run.
  if (!focus && loopStale()) {
    result.ran = true;
    try {
      refreshAfterSubmit();
    } catch (e) {
      logLine(
        'runQueue',
        `Chưa cập nhật được bảng điều khiển và trang Khắc phục: ${messageOf(e)} Lần chạy sau sẽ làm lại.`,
      );
    }
  }
  // An idle run reads nothing but the properties: no lock, no sheet.
  if (!rowsDue && !passOwed && (focus || queued.reports.length === 0)) return result;
  const token = claimLease();
  if (!token) return result;
  result.ran = true;
  try {
    const inTime = (reserve = 0) => Date.now() - started < BUDGET_MS - reserve;
    // The pass first (one read and one write of each sheet, as rebuildAll); the rows
    // biên bản and mails it leaves due follow in this same run.
    const passed = passOwed && wholePass(result);
    if (passed) rowsDue = true;
    const s = openSession();
    // A whole pass has just made the same check.
    if (rowsDue && !focus && queued.check && !passed) checkSheets();
    if (rowsDue) {
      const before = result.scored;
      for (const row of scoreQueued(readQueue(), inTime, result)) focus?.push(row);
      // Responses scored here (their submission failed or came before its row): the corrective
      // actions and the dashboard follow them, as they follow a submission.
      if (result.scored > before) refreshAfterSubmit();
      const q = readQueue();
      const due = options.full || focus || q.workDue || q.minutes.size || q.mails.size;
      if (due) rowWork(s, q, inTime, result, focus);
    }
    for (const job of focus ? [] : readQueue().reports) {
      const key = reportKey(job);
      if (!inTime(REPORT_RESERVE_MS)) {
        result.reports[key] = 'queued';
        continue;
      }
      try {
        result.reports[key] = deliverReport(s, job);
      } catch (e) {
        result.reports[key] = 'failed';
        logLine(
          'sendReport',
          `Chưa gửi được báo cáo ${job.from} – ${job.to}: ${messageOf(e)} Kỳ này vẫn trong hàng đợi và sẽ được thử lại ở lần chạy sau.`,
        );
      }
    }
  } finally {
    releaseLease(token);
  }
  return result;
}

/**
 * The pass a changed configuration or a locked-out reconcile left owed (every row re-scored, or
 * the missed ones scored); a busy lock leaves it owed for the next run. Returns whether it ran.
 */
function wholePass(result: WorkResult): boolean {
  try {
    const n = reconcile(RECORD_WAIT_MS);
    if (n > 0) logLine('runQueue', `Đã chấm ${n} phiếu bị lỡ.`);
    result.scored += n;
    return true;
  } catch (e) {
    if (!isLockBusy(e))
      logOncePerDay(
        PROPS.passFailedDay,
        `Chưa chấm lại được các phiếu: ${messageOf(e)} Lần chạy tự động sau sẽ thử lại.`,
      );
    return false;
  }
}

/**
 * A submission found a derived sheet not matching the states (or states on other responses'
 * rows): reconcile's checks and repairs run now. A busy lock leaves the request for the next run.
 */
function checkSheets(): void {
  try {
    const count = reconcile(RECORD_WAIT_MS, true);
    if (count > 0) logLine('runQueue', `Đã chấm ${count} phiếu bị lỡ.`);
  } catch (e) {
    if (!isLockBusy(e))
      logLine(
        'runQueue',
        `Chưa kiểm tra được các trang kết quả: ${messageOf(e)} Lần chạy sau sẽ làm lại.`,
      );
  }
}

/** Submissions the trigger could not score (row not yet written, lock busy); returns those scored. */
function scoreQueued(q: Queue, inTime: () => boolean, result: WorkResult): number[] {
  const done: number[] = [];
  for (const p of q.responses) {
    if (!inTime()) break;
    if (p.next !== undefined && p.next > Date.now()) continue;
    let scored: ReturnType<typeof scoreResponse>;
    try {
      scored = scoreResponse(p.id, p.ts, p.email, RECORD_WAIT_MS);
    } catch (e) {
      // Tried again later, less and less often (5 minutes, doubling, at most 6 hours).
      const tries = (p.tries ?? 0) + 1;
      queueResponse({
        ...p,
        tries,
        next: Date.now() + Math.min(5 * 60000 * 2 ** (tries - 1), RETRY_CAP_MS),
      });
      logLine('runQueue', `Chưa chấm được phản hồi ${p.id} (lần thử ${tries}): ${messageOf(e)}`);
      continue;
    }
    const { result: r, touched } = scored;
    if (r === 'busy') break;
    if (r === 'not-in-sheet') {
      if (Date.now() - p.since > GIVE_UP_MS) {
        dropResponse(p.id);
        logLine(
          'runQueue',
          `Sau 2 ngày vẫn không thấy dòng của phản hồi ${p.id} trong trang câu trả lời (đã bị xóa?): bỏ khỏi hàng đợi.`,
        );
      }
      continue;
    }
    if (r === 'scored' || r === 'review') {
      result.scored++;
      done.push(...touched);
    }
    dropResponse(p.id);
  }
  return done;
}

/** Per-run switches: a kind of work stops for the run after a failure that would repeat. */
interface Stops {
  docs: boolean;
  mail: boolean;
  deferred: string[];
}

/**
 * The biên bản and unit mails due, derived from the state columns and the journal (for the
 * `focus` rows only, when given). A full pass that leaves nothing due clears the work mark.
 */
function rowWork(
  s: Session,
  q: Queue,
  inTime: () => boolean,
  result: WorkResult,
  focus: number[] | null,
): void {
  // Right after a submission only its rows are read; otherwise every row's state.
  const ix = focus ? readIndexRows(s, focus) : readIndex(s);
  // Whether anything due was left for a later run.
  let left = false;
  settleMailJournal(s, ix, q, focus !== null);
  const byKey = new Map(ix.rows.map((r) => [workKey(r), r]));
  // Flags of responses that no longer count (or are gone) are dropped; a document made for one
  // but never recorded is the script's own and goes to the trash.
  for (const [id, doc] of q.minutes) {
    const r = byKey.get(id);
    // A partial read knows only its own rows.
    if (!r && focus) continue;
    if (r?.state.status === 'ok' && s.app.settings.minutes) continue;
    if (doc) trashMinutes(doc);
    dropMinutes(id);
    q.minutes.delete(id);
  }
  const context = contextFor(s.app, ix.layout.formHeaders);
  const stops: Stops = { docs: false, mail: false, deferred: [] };
  const names = new Map(s.app.config.units.map((u) => [u.code, u.name]));
  for (const r of ix.rows) {
    const st = r.state;
    if (st.status !== 'ok') {
      if (st.status === '' || !retireDue(q, r)) continue;
      if (!inTime()) {
        left = true;
        break;
      }
      if (stops.docs) continue;
      try {
        retire(s, ix, q, r);
        result.retired++;
      } catch (e) {
        stops.docs = true;
        logLine(
          'runQueue',
          `Chưa chuyển được biên bản ${st.minutes} vào thùng rác: ${messageOf(e)}`,
        );
      }
      continue;
    }
    const minutesDue = s.app.settings.minutes && (st.minutes === '' || q.minutes.has(workKey(r)));
    const mailDue = st.mail === 'due';
    if (!minutesDue && !mailDue) continue;
    if (!inTime()) {
      left = true;
      break;
    }
    // Nothing more of this kind this run: the row is not even read.
    if (minutesDue && (stops.docs || result.minutes >= MAX_DOCS_PER_RUN)) {
      left = true;
      continue;
    }
    if (!minutesDue && stops.mail) {
      stops.deferred.push(names.get(st.unitCode) ?? st.unitCode);
      continue;
    }
    const full = readRow(ix, r.row);
    if (!full) continue;
    const [o] = outcomesFor([full], context, new Map([[r.row, st.id]]));
    if (!o.inspection) {
      // Counted when scored but not by today's configuration: reconcile or a rebuild settles it.
      left = true;
      continue;
    }
    let link = st.minutes;
    if (minutesDue) {
      try {
        link = minutes(s, ix, q, r, o.inspection);
        result.minutes++;
      } catch (e) {
        stops.docs = true;
        const message = `Chưa lập được biên bản cho ${o.inspection.unit}: ${messageOf(e)} Sẽ thử lại ở lần chạy sau.`;
        // The day's document quota: said once a day, not every 5 minutes.
        if (/for one day/i.test(messageOf(e))) logOncePerDay(PROPS.docsDeferredDay, message);
        else logLine('runQueue', message);
        // The unit's email waits for its biên bản, so that it carries the link.
        continue;
      }
    }
    if (!mailDue) continue;
    if (stops.mail) stops.deferred.push(o.inspection.unit);
    else if (mail(s, ix, r, o.inspection, link, stops)) result.mails++;
  }
  if (stops.deferred.length) logDeferral(stops.deferred);
  if (!focus && !left && !stops.docs && !stops.mail && stops.deferred.length === 0)
    clearWorkDue(q.workDue);
}

/** Unit mails a stopped run left in the journal: recorded as sent, or as of unknown outcome. */
function settleMailJournal(s: Session, ix: ResponseIndex, q: Queue, partial: boolean): void {
  for (const [id, j] of q.mails) {
    const r = ix.rows.find((x) => workKey(x) === id);
    if (!r && partial) continue;
    if (r) {
      // What this run goes on with reflects it too.
      if (j === 'sending') r.state.mail = 'unknown';
      else {
        r.state.mailed = j;
        r.state.mail = '';
      }
      withRecordLock(() =>
        updateState(s, ix, r.row, r.state.id, (st) => {
          if (j === 'sending') {
            st.mail = 'unknown';
            return true;
          }
          st.mailed = j;
          st.mail = '';
          return true;
        }),
      );
      if (j === 'sending')
        logLine(
          'runQueue',
          `Không rõ thư kết quả của phản hồi ${id} (đơn vị ${r.state.unitCode}) đã đi hay chưa: lần chạy trước dừng giữa chừng. Không gửi lại; hãy kiểm tra thư đã gửi của tài khoản.`,
        );
    }
    dropMail(id);
  }
}

/** A non-counting response still links a biên bản the script may have made: it goes to the trash. */
function retireDue(q: Queue, r: IndexRow): boolean {
  const id = docIdOf(r.state.minutes);
  return id !== '' && !q.foreign.has(id);
}

/** Trashes the biên bản of a response that no longer counts, if it is the script's; clears the link. */
function retire(s: Session, ix: ResponseIndex, q: Queue, r: IndexRow): boolean {
  const link = r.state.minutes;
  const docId = docIdOf(link);
  const key = workKey(r);
  const owned = minutesOwned(docId, key);
  if (owned === false) {
    keepForeign(q, docId, link, key);
    return false;
  }
  if (owned) trashMinutes(docId);
  withRecordLock(() =>
    updateState(s, ix, r.row, r.state.id, (st) => {
      if (st.status === 'ok' || st.minutes !== link) return false;
      st.minutes = '';
      return true;
    }),
  );
  dropMinutes(key);
  return owned === true;
}

function keepForeign(q: Queue, docId: string, link: string, responseId: string): void {
  addForeign(q, docId);
  dropMinutes(responseId);
  logLine(
    'runQueue',
    `Ô [KTCV] Biên bản của phản hồi ${responseId} trỏ tới một văn bản không do tập lệnh lập (${link}): giữ nguyên văn bản đó, không ghi đè, không xóa.`,
  );
}

/**
 * Makes or rewrites the biên bản of a counting response: the id of a new document is journalled
 * the moment it exists, the link recorded in the state and on its `Kết quả` row once filled.
 */
function minutes(s: Session, ix: ResponseIndex, q: Queue, r: IndexRow, i: Inspection): string {
  const id = workKey(r);
  let docId = q.minutes.get(id) ?? '';
  if (!docId && r.state.minutes) {
    const linked = docIdOf(r.state.minutes);
    if (!linked || q.foreign.has(linked)) {
      dropMinutes(id);
      return r.state.minutes;
    }
    const owned = minutesOwned(linked, id);
    if (owned === false) {
      keepForeign(q, linked, r.state.minutes, id);
      return r.state.minutes;
    }
    if (owned) docId = linked;
  }
  const make = () => createMinutes(minutesName(s, i), (d) => journalMinutes(id, d));
  if (!docId) docId = make();
  let url = fillMinutes(s, docId, id, i);
  if (url === null) {
    // The document was deleted in Drive before it was filled: make it again.
    docId = make();
    url = fillMinutes(s, docId, id, i) as string;
  }
  const link = url;
  withRecordLock(() => {
    const same = updateState(s, ix, r.row, r.state.id, (st) => {
      if (st.minutes === link) return false;
      st.minutes = link;
      return true;
    });
    if (same) setResultLink(s, r.state.id, r.row, link);
  });
  dropMinutes(id);
  return link;
}

/** Sends a unit its result once: journalled 'sending' before the attempt, the time right after. */
function mail(
  s: Session,
  ix: ResponseIndex,
  r: IndexRow,
  i: Inspection,
  link: string,
  stops: Stops,
): boolean {
  const id = workKey(r);
  if (!unitAddress(s, i.unitCode)) {
    // Unit emails turned off, or the unit's address removed, since it was due.
    withRecordLock(() =>
      updateState(s, ix, r.row, r.state.id, (st) => {
        st.mail = '';
        return true;
      }),
    );
    return false;
  }
  if (MailApp.getRemainingDailyQuota() < 1) {
    stops.mail = true;
    stops.deferred.push(i.unit);
    return false;
  }
  journalMail(id, 'sending');
  try {
    sendUnitMail(s, i, link);
  } catch (e) {
    // Google refused it: not sent. A passing failure or the quota stops mail for this run; any
    // other refusal is recorded for the office.
    dropMail(id);
    if (isTransient(e) || /for one day/i.test(messageOf(e))) {
      stops.mail = true;
      stops.deferred.push(i.unit);
      return false;
    }
    withRecordLock(() =>
      updateState(s, ix, r.row, r.state.id, (st) => {
        st.mail = 'failed';
        return true;
      }),
    );
    logLine(
      'runQueue',
      `Không gửi được kết quả cho ${i.unit}: ${messageOf(e)} (${MAIL_MARK.failed}).`,
    );
    return false;
  }
  const at = Date.now();
  journalMail(id, at);
  withRecordLock(() =>
    updateState(s, ix, r.row, r.state.id, (st) => {
      st.mailed = at;
      st.mail = '';
      return true;
    }),
  );
  dropMail(id);
  return true;
}

/** A log line written at most once a Vietnam day (the day is kept in property `key`). */
function logOncePerDay(key: string, message: string): void {
  const props = PropertiesService.getScriptProperties();
  const today = vnDateOf(Date.now());
  if (props.getProperty(key) === today) return;
  props.setProperty(key, today);
  logLine('runQueue', message);
}

/** One log line a day for unit mails waiting for the quota. */
function logDeferral(units: string[]): void {
  logOncePerDay(
    PROPS.mailDeferredDay,
    `Hoãn gửi kết quả cho ${units.join(', ')}: hết lượt gửi thư trong ngày. Thư sẽ được gửi một lần khi có lượt (lần chạy tự động sau).`,
  );
}
