// Reports and delivery: the báo cáo as a Doc and PDF in the office's folder, shared with its readers, emailed once per period within the mail quota.
/// <reference types="google-apps-script" />

import { aggregate } from '../core/aggregate';
import { formatDmy, lastCompleteMonth, lastCompleteWeek, vnDateOf } from '../core/dates';
import { emptyNotice, type PeriodKind, reportEmail, unitEmail } from '../core/email';
import { buildMinutes } from '../core/minutes';
import { buildReport } from '../core/report';
import type { Aggregate, Inspection } from '../core/types';
import { safe } from './cells';
import { writeDoc } from './documents';
import { HEADERS, PROPS, SHEETS } from './names';
import { outcomesFor } from './process';
import type { RowOutcome } from './projection';
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

/** The office's Drive folder for documents, created once (by setup). */
export function folderOf(s: Pick<Session, 'app'>): GoogleAppsScript.Drive.Folder {
  const props = PropertiesService.getScriptProperties();
  const id = props.getProperty(PROPS.folderId);
  if (id) {
    try {
      return DriveApp.getFolderById(id);
    } catch {
      // Deleted: make a new one.
    }
  }
  const folder = DriveApp.createFolder(s.app.settings.folderName);
  props.setProperty(PROPS.folderId, folder.getId());
  return folder;
}

/** Scored inspections of every response row, evaluated together (duplicates resolved). */
export function currentOutcomes(s: Session): RowOutcome[] {
  const { values, table } = readResponses(s);
  const context = contextFor(s.app, values[0].slice(0, table.formColumns).map(String));
  return outcomesFor(table.rows, context, new Map());
}

/** The aggregate of a period. */
export function periodAggregate(s: Session, p: ReportPeriod): Aggregate {
  const inspections = currentOutcomes(s)
    .filter((o) => o.state.status === 'ok' && o.inspection)
    .map((o) => o.inspection as Inspection);
  return aggregate(s.app.config, inspections, { from: p.from, to: p.to });
}

/** Moves a file into the folder and lets exactly these people view it (never "anyone with the link"). */
function file(s: Session, id: string, viewers: string[]): GoogleAppsScript.Drive.File {
  const f = DriveApp.getFileById(id);
  f.moveTo(folderOf(s));
  if (viewers.length) f.addViewers(viewers);
  return f;
}

/** Writes the báo cáo of a period as a Doc and its PDF; shares both with `viewers`. */
export function makeReport(s: Session, agg: Aggregate, viewers: string[]) {
  const model = buildReport(s.app.config, agg, s.app.settings, vnDateOf(Date.now()));
  const doc = writeDoc(model);
  const docFile = file(s, doc.getId(), viewers);
  // getAs names the blob by replacing what follows the last dot: name it ourselves.
  const blob = docFile.getAs(PDF).setName(`${model.name}.pdf`);
  const pdf = folderOf(s).createFile(blob);
  if (viewers.length) pdf.addViewers(viewers);
  return { url: doc.getUrl(), name: model.name, pdf: blob, pdfUrl: pdf.getUrl() };
}

/** Send-log keys already recorded. */
function sentKeys(s: Session): Set<string> {
  const sheet = s.ss.getSheetByName(SHEETS.sent);
  if (!sheet) return new Set();
  return new Set(
    sheet
      .getDataRange()
      .getValues()
      .slice(1)
      .map((r) => String(r[0])),
  );
}

function recordSent(
  s: Session,
  key: string,
  period: string,
  audience: string,
  to: string[],
  link: string,
  note: string,
) {
  let sheet = s.ss.getSheetByName(SHEETS.sent);
  if (!sheet) {
    sheet = s.ss.insertSheet(SHEETS.sent);
    sheet.appendRow([...HEADERS.sent]);
  }
  sheet.appendRow([key, period, audience, new Date(), to.join(', '), link, note].map(safe));
}

/** Sends one message to many, at most 50 recipients a message. */
function sendToAll(
  to: string[],
  content: { subject: string; html: string; text: string },
  attachments: GoogleAppsScript.Base.Blob[],
) {
  for (let k = 0; k < to.length; k += MAX_PER_MESSAGE)
    MailApp.sendEmail({
      to: to.slice(k, k + MAX_PER_MESSAGE).join(','),
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
 * Sends the committee the report of a period, once: the send log is checked first and written
 * last; when the day's mail quota cannot cover every recipient nothing is sent (the period stays
 * pending for the next run).
 */
export function sendReport(s: Session, p: ReportPeriod): SendResult {
  const key = `báo cáo|${p.from}|${p.to}`;
  const label = `${formatDmy(p.from)} – ${formatDmy(p.to)}`;
  if (sentKeys(s).has(key)) return 'already-sent';
  const to = s.app.settings.committee;
  if (to.length === 0) return 'no-recipients';
  const agg = periodAggregate(s, p);
  if (agg.inspections.length === 0 && !s.app.settings.noticeWhenEmpty) {
    recordSent(s, key, label, 'Lãnh đạo', [], '', 'Bỏ qua: kỳ không có phiếu kiểm tra');
    return 'skipped';
  }
  const quota = MailApp.getRemainingDailyQuota();
  if (quota < to.length) {
    logLine(
      'sendReport',
      `Hoãn gửi báo cáo ${label}: còn ${Math.max(0, quota)} lượt gửi thư trong ngày, cần ${to.length}. Sẽ gửi ở lần chạy sau.`,
    );
    return 'deferred';
  }
  if (agg.inspections.length === 0) {
    sendToAll(to, emptyNotice(p.kind, p.from, p.to), []);
    recordSent(s, key, label, 'Lãnh đạo', to, '', 'Thông báo: kỳ không có phiếu kiểm tra');
    return 'notice';
  }
  const report = makeReport(s, agg, to);
  sendToAll(to, reportEmail(s.app.config, agg, p.kind, report.url), [report.pdf]);
  recordSent(s, key, label, 'Lãnh đạo', to, report.url, `${agg.inspections.length} lượt kiểm tra`);
  return 'sent';
}

function pending(): ReportPeriod[] {
  try {
    return JSON.parse(
      PropertiesService.getScriptProperties().getProperty(PROPS.pending) ?? '[]',
    ) as ReportPeriod[];
  } catch {
    return [];
  }
}

/** Tries every pending period (deferred for quota or newly due); keeps those still deferred. */
export function flushPending(s: Session, add: ReportPeriod[] = []): SendResult[] {
  const list = pending();
  for (const p of add) if (!list.some((x) => x.from === p.from && x.to === p.to)) list.push(p);
  if (list.length === 0) return [];
  const results = list.map((p) => sendReport(s, p));
  const keep = list.filter((_, k) => results[k] === 'deferred');
  PropertiesService.getScriptProperties().setProperty(PROPS.pending, JSON.stringify(keep));
  return results;
}

/** The period the scheduled report covers on `today`: the last complete week or month. */
export function scheduledPeriod(s: Session, today: string): ReportPeriod | null {
  const kind = s.app.settings.schedule;
  if (kind === 'off') return null;
  const range = kind === 'weekly' ? lastCompleteWeek(today) : lastCompleteMonth(today);
  return { ...range, kind: kind === 'weekly' ? 'week' : 'month' };
}

/**
 * The biên bản of a scored inspection: created, or rewritten in place when the response was
 * edited; shared with the committee. Returns its link.
 */
export function writeMinutes(s: Session, i: Inspection, existing: string): string {
  const model = buildMinutes(s.app.config, i, s.app.settings, s.app.team);
  let id = '';
  if (existing) {
    try {
      id = DocumentApp.openByUrl(existing).getId();
    } catch {
      id = '';
    }
  }
  const doc = writeDoc(model, id || undefined);
  if (!id) file(s, doc.getId(), s.app.settings.committee);
  return doc.getUrl();
}

/** Emails a unit its own result once (when enabled and the unit has an address); returns when. */
export function mailUnit(s: Session, i: Inspection, minutesUrl: string): number | null {
  const to = s.app.unitEmails[i.unitCode];
  if (!s.app.settings.unitEmails || !to) return null;
  if (MailApp.getRemainingDailyQuota() < 1) {
    logLine('mailUnit', `Hoãn gửi kết quả cho ${i.unit}: hết lượt gửi thư trong ngày.`);
    return null;
  }
  const { fixDays, reportTo } = s.app.settings;
  sendToAll([to], unitEmail(s.app.config, i, fixDays, minutesUrl, reportTo), []);
  return Date.now();
}

/** Moves to the trash the minutes of an inspection that no longer counts (kept there, restorable). */
export function retireMinutes(url: string): void {
  if (!url) return;
  try {
    DriveApp.getFileById(DocumentApp.openByUrl(url).getId()).setTrashed(true);
  } catch {
    // Already gone.
  }
}
