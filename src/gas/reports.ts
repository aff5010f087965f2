// Reports and delivery: the báo cáo as a Doc and PDF in the office's folder (shared once with the committee), emailed once per period; biên bản and unit mails as the worker makes them.
/// <reference types="google-apps-script" />

import type { OverdueByUnit } from '../core/actions';
import { aggregate } from '../core/aggregate';
import { formatDmy, lastCompleteMonth, lastCompleteWeek, vnDateOf } from '../core/dates';
import { emptyNotice, type PeriodKind, reportEmail, unitEmail } from '../core/email';
import { buildMinutes } from '../core/minutes';
import { HEADERS, MINUTES_MARKER, PROPS, SHEETS } from '../core/names';
import type { DocModel } from '../core/report';
import { buildReport } from '../core/report';
import type { Aggregate, Inspection } from '../core/types';
import { safe } from './cells';
import { fillDoc, writeDoc } from './documents';
import { withRecordLock } from './lock';
import { overdueActionsNow, withLoopActions } from './loop';
import { outcomesFor } from './process';
import type { RowOutcome } from './projection';
import {
  dropReport,
  keepSent,
  type ReportJob,
  readSent,
  type SentEntry,
  saveReport,
} from './queue';
import { openOrNull, withRetry } from './retry';
import { contextFor, logLine, readResponses, type Session } from './workbook';

// A message takes at most 50 recipients (quota page).
const MAX_PER_MESSAGE = 50;
const PDF = 'application/pdf';

/** A period to report on. */
export interface ReportPeriod {
  from: string;
  to: string;
  kind: PeriodKind;
}

// One folder object per execution: the folder is looked up (and its sharing checked) once.
let folderCache: GoogleAppsScript.Drive.Folder | null = null;

/**
 * The office's Drive folder for documents: opened by its id, made anew only when Google says it
 * does not exist (a passing failure is retried, then thrown). It is shared with the committee,
 * once per member (each share sends Drive's invitation email), and the files in it inherit that.
 */
export function folderOf(s: Pick<Session, 'app'>): GoogleAppsScript.Drive.Folder {
  if (folderCache) return folderCache;
  const props = PropertiesService.getScriptProperties();
  const id = props.getProperty(PROPS.folderId);
  let folder = id ? openOrNull(() => DriveApp.getFolderById(id)) : null;
  if (!folder) {
    // Never retried: a create that failed late may have made the folder (U), and a second is worse.
    folder = DriveApp.createFolder(s.app.settings.folderName);
    props.setProperty(PROPS.folderId, folder.getId());
    props.deleteProperty(PROPS.folderViewers);
  }
  const committee = s.app.settings.committee;
  let shared: string[] = [];
  try {
    shared = JSON.parse(props.getProperty(PROPS.folderViewers) ?? '[]') as string[];
  } catch {
    shared = [];
  }
  const add = committee.filter((e) => !shared.includes(e));
  const gone = shared.filter((e) => !committee.includes(e));
  if (add.length) folder.addViewers(add);
  for (const e of gone) folder.removeViewer(e);
  if (add.length || gone.length) props.setProperty(PROPS.folderViewers, JSON.stringify(committee));
  folderCache = folder;
  return folder;
}

/** Scored inspections of every response row, evaluated together (duplicates resolved). */
export function currentOutcomes(s: Session): RowOutcome[] {
  const { table } = readResponses(s);
  const context = contextFor(s.app, table.formHeaders);
  return outcomesFor(table.rows, context, new Map());
}

/** The aggregate of a period. */
export function periodAggregate(s: Session, p: { from: string; to: string }): Aggregate {
  const inspections = currentOutcomes(s)
    .filter((o) => o.state.status === 'ok' && o.inspection)
    .map((o) => o.inspection as Inspection);
  return aggregate(s.app.config, inspections, { from: p.from, to: p.to });
}

/**
 * Corrective actions past their deadline on the report's date (today), for section III; none when
 * the workbook has no corrective-action loop (no facts sheet) or it cannot be read (logged), so the
 * report is still made.
 */
function overdueForReport(s: Session): OverdueByUnit[] {
  try {
    return overdueActionsNow(s);
  } catch (e) {
    logLine('report', `Không đọc được việc khắc phục quá hạn: ${(e as Error).message}`);
    return [];
  }
}

/** The báo cáo's model for an aggregate, dated today, with today's overdue corrective actions. */
function reportModel(s: Session, agg: Aggregate): DocModel {
  const today = vnDateOf(Date.now());
  return buildReport(s.app.config, agg, s.app.settings, today, overdueForReport(s));
}

/** Menu preview: the báo cáo as a Doc in the owner's Drive, outside the shared folder (nobody else sees it). */
export function makePreview(s: Session, agg: Aggregate): string {
  const model = reportModel(s, agg);
  const doc = writeDoc(model, undefined, (line) => logLine('documents', line));
  return doc.getUrl();
}

/** Opens a document the script made, by id; null only when Google says it does not exist. */
function openDoc(id: string): GoogleAppsScript.Document.Document | null {
  return openOrNull(() => DocumentApp.openById(id));
}

/** Writes a model into a document the script made (its body replaced), and returns its link. */
function fill(doc: GoogleAppsScript.Document.Document, m: DocModel): string {
  const url = doc.getUrl();
  doc.setName(m.name);
  doc.getBody().clear();
  // Text and layout through the Docs API; what it could not do is logged, the text is there.
  for (const line of fillDoc(doc, m)) logLine('documents', line);
  return url;
}

/**
 * The report's Doc and PDF for a job, each made once: the Doc's id is saved the moment it is
 * created (before it is filled), the PDF's once it exists, so a retry reuses both.
 */
function reportFiles(s: Session, agg: Aggregate, job: ReportJob) {
  const model = reportModel(s, agg);
  let doc = job.doc ? openDoc(job.doc) : null;
  if (!doc) {
    doc = DocumentApp.create(model.name);
    job.doc = doc.getId();
    job.filled = false;
    saveReport(job);
  }
  const docId = job.doc as string;
  const url = doc.getUrl();
  if (!job.filled) {
    fill(doc, model);
    withRetry(() => DriveApp.getFileById(docId).moveTo(folderOf(s)));
    job.filled = true;
    saveReport(job);
  }
  const made = job.pdf ? openOrNull(() => DriveApp.getFileById(job.pdf as string)) : null;
  if (made) return { url, pdf: made.getBlob() };
  // getAs names the blob by replacing what follows the last dot: name it ourselves.
  const blob = withRetry(() => DriveApp.getFileById(docId).getAs(PDF)).setName(`${model.name}.pdf`);
  job.pdf = folderOf(s).createFile(blob).getId();
  saveReport(job);
  return { url, pdf: blob };
}

/**
 * Send-log keys already recorded: the sheet's and those kept in script properties. Lines missing
 * from the sheet (cleared or deleted by a user) are written back from the properties.
 */
function sentKeys(s: Session): Set<string> {
  const sheet = s.ss.getSheetByName(SHEETS.sent);
  const inSheet = new Set(
    sheet
      ? sheet
          .getDataRange()
          .getValues()
          .slice(1)
          .map((r) => String(r[0]))
      : [],
  );
  const kept = readSent();
  const missing = kept.filter((e) => !inSheet.has(e.key));
  if (missing.length) restoreSent(s, missing);
  return new Set([...inSheet, ...kept.map((e) => e.key)]);
}

/** Writes send-log lines back into the sheet (one write), holding the lock, and says so once. */
function restoreSent(s: Session, missing: SentEntry[]): void {
  withRecordLock(() => {
    let sheet = s.ss.getSheetByName(SHEETS.sent);
    if (!sheet) sheet = s.ss.insertSheet(SHEETS.sent);
    if (sheet.getLastRow() === 0) sheet.appendRow([...HEADERS.sent]);
    const rows = missing.map((e) =>
      [
        e.key,
        e.period,
        e.audience,
        new Date(e.at),
        e.to,
        e.link,
        `${e.note} (ghi lại từ bộ nhớ của tập lệnh)`,
      ].map(safe),
    );
    sheet.getRange(sheet.getLastRow() + 1, 1, rows.length, rows[0].length).setValues(rows);
  });
  logLine(
    'sendReport',
    `Trang "${SHEETS.sent}" thiếu ${missing.length} dòng (bị xóa hoặc sửa): đã ghi lại từ bộ nhớ của tập lệnh. Các kỳ này đã gửi và sẽ không được gửi lại.`,
  );
}

/** Appends a line to the send log, holding the lock (it changes the workbook). */
function recordSent(
  s: Session,
  key: string,
  period: string,
  audience: string,
  to: string[],
  link: string,
  note: string,
) {
  const at = new Date();
  // The properties first: they, not the sheet a user may clear, keep the period from a second send.
  keepSent({ key, period, audience, at: at.getTime(), to: to.join(', '), link, note });
  withRecordLock(() => {
    let sheet = s.ss.getSheetByName(SHEETS.sent);
    if (!sheet) {
      sheet = s.ss.insertSheet(SHEETS.sent);
      sheet.appendRow([...HEADERS.sent]);
    }
    sheet.appendRow([key, period, audience, at, to.join(', '), link, note].map(safe));
  });
}

/** Recipients in batches: a message takes at most 50. */
function batches(to: string[]): string[][] {
  const out: string[][] = [];
  for (let k = 0; k < to.length; k += MAX_PER_MESSAGE) out.push(to.slice(k, k + MAX_PER_MESSAGE));
  return out;
}

function send(
  to: string[],
  content: { subject: string; html: string; text: string },
  attachments: GoogleAppsScript.Base.Blob[],
) {
  MailApp.sendEmail({
    to: to.join(','),
    subject: content.subject,
    body: content.text,
    htmlBody: content.html,
    attachments,
    name: 'Kiểm tra công vụ',
  });
}

/** What sending a period's report did. */
export type SendResult =
  | 'sent'
  | 'already-sent'
  | 'deferred'
  | 'notice'
  | 'skipped'
  | 'no-recipients';

/**
 * Sends the committee the report of a queued period, once. The job is in the queue before this
 * runs and leaves it only when the period is settled: what was made (Doc, PDF) and which batches
 * of recipients were sent are saved as they happen, so a failure at any point (lock, Docs, Mail)
 * is retried by the next run without a second document or a second message. When the day's mail
 * quota cannot cover the recipients left, nothing is sent and the job waits.
 */
export function deliverReport(s: Session, job: ReportJob): SendResult {
  const key = `báo cáo|${job.from}|${job.to}`;
  const label = `${formatDmy(job.from)} – ${formatDmy(job.to)}`;
  if (sentKeys(s).has(key)) {
    dropReport(job);
    return 'already-sent';
  }
  const to = s.app.settings.committee;
  if (to.length === 0) {
    logLine(
      'sendReport',
      `Không gửi báo cáo ${label}: chưa có email nhận báo cáo trong trang Cài đặt.`,
    );
    dropReport(job);
    return 'no-recipients';
  }
  const groups = batches(to);
  if (job.trying !== undefined) {
    // The run that tried this batch stopped before it could record the outcome: never twice.
    logLine(
      'sendReport',
      `Không rõ báo cáo ${label} đã đến ${groups[job.trying]?.join(', ') ?? ''} hay chưa (lần chạy trước bị dừng giữa chừng): không gửi lại cho những người này; hãy kiểm tra thư đã gửi.`,
    );
    job.sent = job.trying + 1;
    job.trying = undefined;
    saveReport(job);
  }
  const first = job.sent ?? 0;
  const need = groups.slice(first).reduce((n, g) => n + g.length, 0);
  // The quota first: a period waiting for it costs one call a run, not a read of every response.
  const quota = MailApp.getRemainingDailyQuota();
  if (quota < need) {
    const today = vnDateOf(Date.now());
    if (job.deferredDay !== today) {
      logLine(
        'sendReport',
        `Hoãn gửi báo cáo ${label}: còn ${Math.max(0, quota)} lượt gửi thư trong ngày, cần ${need}. Sẽ gửi ở lần chạy sau.`,
      );
      job.deferredDay = today;
      saveReport(job);
    }
    return 'deferred';
  }
  const agg = periodAggregate(s, job);
  const empty = agg.inspections.length === 0;
  if (empty && !s.app.settings.noticeWhenEmpty) {
    recordSent(s, key, label, 'Lãnh đạo', [], '', 'Bỏ qua: kỳ không có phiếu kiểm tra');
    dropReport(job);
    return 'skipped';
  }
  let link = '';
  let content = emptyNotice(job.kind, job.from, job.to);
  let attachments: GoogleAppsScript.Base.Blob[] = [];
  if (!empty) {
    const files = reportFiles(s, agg, job);
    link = files.url;
    content = reportEmail(s.app.config, agg, job.kind, link);
    attachments = [files.pdf];
  }
  for (let k = first; k < groups.length; k++) {
    job.trying = k;
    saveReport(job);
    try {
      send(groups[k], content, attachments);
    } catch (e) {
      // Google refused the message: it was not sent, so it is tried again later.
      job.trying = undefined;
      saveReport(job);
      throw e;
    }
    job.sent = k + 1;
    job.trying = undefined;
    saveReport(job);
  }
  recordSent(
    s,
    key,
    label,
    'Lãnh đạo',
    to,
    link,
    empty ? 'Thông báo: kỳ không có phiếu kiểm tra' : `${agg.inspections.length} lượt kiểm tra`,
  );
  dropReport(job);
  return empty ? 'notice' : 'sent';
}

/** The period the scheduled report covers on `today`: the last complete week or month. */
export function scheduledPeriod(s: Session, today: string): ReportPeriod | null {
  const kind = s.app.settings.schedule;
  if (kind === 'off') return null;
  const range = kind === 'weekly' ? lastCompleteWeek(today) : lastCompleteMonth(today);
  return { ...range, kind: kind === 'weekly' ? 'week' : 'month' };
}

/**
 * The id in a Google Docs link (`…/document/d/<id>/…`, or `…/open?id=<id>` as `Document.getUrl`
 * may give it), or '' when the text is no such link.
 */
export function docIdOf(link: string): string {
  return (/\/document\/d\/([-\w]{20,})/.exec(link) ?? /[?&]id=([-\w]{20,})/.exec(link))?.[1] ?? '';
}

/** The description the script gives the biên bản of a response (its mark of ownership). */
const markOf = (responseId: string) => `${MINUTES_MARKER} ${responseId}`;

/**
 * Whether a linked document is the biên bản the script made for this response: null when Google
 * says it no longer exists. Anything else (a decision a clerk pasted, an old document) is not
 * the script's to rewrite or trash.
 */
export function minutesOwned(docId: string, responseId: string): boolean | null {
  const file = openOrNull(() => DriveApp.getFileById(docId));
  if (!file) return null;
  return file.getDescription() === markOf(responseId);
}

/**
 * Makes the biên bản document of a response and hands its id to `record` the moment it exists
 * (before anything can fail in filling it), so a retry reuses it.
 */
export function createMinutes(name: string, record: (docId: string) => void): string {
  const doc = DocumentApp.create(name);
  const id = doc.getId();
  record(id);
  return id;
}

/**
 * Fills the biên bản document `docId` (made by the script) for an inspection, marks it as the
 * script's and files it in the office folder; returns its link, or null when it no longer exists.
 */
export function fillMinutes(
  s: Session,
  docId: string,
  responseId: string,
  i: Inspection,
): string | null {
  const doc = openDoc(docId);
  if (!doc) return null;
  const url = fill(doc, buildMinutes(s.app.config, i, s.app.settings, s.app.team));
  const file = withRetry(() => DriveApp.getFileById(docId));
  if (file.getDescription() !== markOf(responseId)) file.setDescription(markOf(responseId));
  file.moveTo(folderOf(s));
  return url;
}

/** The document name a response's biên bản gets. */
export function minutesName(s: Session, i: Inspection): string {
  return buildMinutes(s.app.config, i, s.app.settings, s.app.team).name;
}

/** Moves to the trash a biên bản the script made (kept there, restorable). */
export function trashMinutes(docId: string): void {
  const file = openOrNull(() => DriveApp.getFileById(docId));
  if (file) file.setTrashed(true);
}

/** The address a unit's result goes to, or '' when unit emails are off or the unit has none. */
export function unitAddress(s: Session, unitCode: string): string {
  return s.app.settings.unitEmails ? (s.app.unitEmails[unitCode] ?? '') : '';
}

/** Emails a unit its own result (one recipient). */
export function sendUnitMail(s: Session, i: Inspection, minutesUrl: string): void {
  send(
    [unitAddress(s, i.unitCode)],
    withLoopActions(
      s,
      i,
      unitEmail(s.app.config, i, s.app.settings.fixDays, minutesUrl, s.app.settings.reportTo),
    ),
    [],
  );
}
