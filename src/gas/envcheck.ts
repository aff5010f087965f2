// "Kiểm tra môi trường": checks on the office's own account what the emulator assumes (the U items) and times a few calls, with throw-away objects.
/// <reference types="google-apps-script" />

import { HANDLERS, HEADERS, PROPS, SHEETS } from '../core/names';
import { safe } from './cells';
import { bodyRun, runRequests } from './documents';
import { isPublished } from './form';
import { readStore } from './store';

/** One line of the findings sheet. */
export interface Finding {
  /** Stable key the local command reads (`form.published`, `time.getValues`, …). */
  key: string;
  item: string;
  /** What the emulator assumes, or the cost-table figure (`212 ms`) for a timing. */
  expected: string;
  found: string;
  verdict: string;
  ms: number | '';
}

/** Verdicts as the sheet shows them (the local command reads the same words). */
export const VERDICT = {
  match: 'Khớp',
  differ: 'Khác',
  failed: 'Không kiểm tra được',
  measured: 'Đã đo',
  pending: 'Đang chờ',
  manual: 'Cần xem thủ công',
  noted: 'Ghi nhận',
} as const;

// Names of the throw-away objects, so that anyone who sees one knows what it is and may delete it.
const TEST_TITLE = '[KTCV] Kiểm tra môi trường (tạm, xoá được)';
const QUESTION_1 = 'Câu hỏi thử 1';
const QUESTION_2 = 'Câu hỏi thử 2';
const SCRIPT_COLUMN = '[KTCV] Cột thử';

// Forms made after this day start unpublished unless created with `create(title, true)` (V:
// the Forms API change notice); the emulator follows the same rule.
const UNPUBLISHED_FROM = Date.UTC(2026, 5, 30, 17); // 1 July 2026 00:00 in Vietnam

// Cost-table figures (shared/reference/google-costs.md, the emulator's charges) for the timed calls.
const FIGURES = {
  getValues: 212, // 200 ms round trip + 12 µs × 1,000 cells
  docCreateSave: 6000, // DocumentApp.create 3 s + saveAndClose 3 s
  pdf: 5000, // getAs('application/pdf'), 1–10 pages
  formOpen: 1000, // FormApp.openById
  formCreate: 1000, // FormApp.create
  tryLock: 100, // uncontended tryLock
  docsBatchUpdate: 1000, // Docs.Documents.batchUpdate (the advanced Docs service)
} as const;

const messageOf = (e: unknown): string => (e instanceof Error ? e.message : String(e));

/** Runs `fn` and returns its result with the milliseconds it took. */
function timed<T>(fn: () => T): [T, number] {
  const start = Date.now();
  const value = fn();
  return [value, Date.now() - start];
}

/** A check whose result is compared with the emulator's assumption. */
function compared(
  key: string,
  item: string,
  expected: string,
  found: string,
  ms: number | '' = '',
  matches: (found: string) => boolean = (f) => f === expected,
): Finding {
  return {
    key,
    item,
    expected,
    found,
    verdict: matches(found) ? VERDICT.match : VERDICT.differ,
    ms,
  };
}

const failed = (key: string, item: string, expected: string, e: unknown): Finding => ({
  key,
  item,
  expected,
  found: `Lỗi: ${messageOf(e)}`,
  verdict: VERDICT.failed,
  ms: '',
});

const measured = (
  key: string,
  item: string,
  figure: number,
  found: string,
  ms: number,
): Finding => ({
  key,
  item,
  expected: `${figure} ms`,
  found,
  verdict: VERDICT.measured,
  ms,
});

/** Runs a check; an error becomes a "could not check" line naming Google's message. */
function attempt(key: string, item: string, expected: string, body: () => Finding): Finding {
  try {
    return body();
  } catch (e) {
    return failed(key, item, expected, e);
  }
}

const EMAIL_ITEM =
  'Loại thu thập email: setCollectEmail(true) cho loại nào; setEmailCollectionType(VERIFIED) có dùng được không';
// The emulator's reading (forms.ts): the legacy switch collects typed addresses; VERIFIED works.
const EMAIL_EXPECTED = 'setCollectEmail(true) → RESPONDER_INPUT; VERIFIED → VERIFIED';

/** What the legacy email switch gives, and whether verified collection can be set (setup relies on it). */
function emailTypeCheck(form: GoogleAppsScript.Forms.Form): Finding {
  return attempt('form.emailType', EMAIL_ITEM, EMAIL_EXPECTED, () => {
    const f = form as GoogleAppsScript.Forms.Form & {
      setEmailCollectionType: (type: unknown) => unknown;
      getEmailCollectionType: () => unknown;
    };
    const types = (FormApp as unknown as { EmailCollectionType: Record<string, unknown> })
      .EmailCollectionType;
    form.setCollectEmail(true);
    const legacy = String(f.getEmailCollectionType());
    f.setEmailCollectionType(types.VERIFIED);
    const verified = String(f.getEmailCollectionType());
    return compared(
      'form.emailType',
      EMAIL_ITEM,
      EMAIL_EXPECTED,
      `setCollectEmail(true) → ${legacy}; VERIFIED → ${verified}`,
    );
  });
}

/**
 * Checks the behaviours the bundle relies on that cannot be verified without a live account
 * (publish state of a new form, when the linked sheet appears, where a new question's column goes,
 * the sheet's localised name, the body's first paragraph before a table, timestamps, the active
 * spreadsheet in a trigger, share notifications, the Docs API's indexes, errors and view of unsaved
 * edits) and times representative calls, using objects it
 * creates and then trashes. Writes the findings to the sheet "Kiểm tra môi trường" and returns a
 * one-line summary. Each expected value states what src/local/emulator assumes: when the emulator
 * changes a U behaviour, change the expectation here with it.
 */
export function checkEnvironment(): string {
  const ss = SpreadsheetApp.getActiveSpreadsheet();
  const findings: Finding[] = [];
  const leftovers: string[] = [];
  const locale = ss.getSpreadsheetLocale();
  findings.push({
    key: 'account.locale',
    item: 'Ngôn ngữ và múi giờ của bảng tính',
    expected: 'vi_VN, Asia/Ho_Chi_Minh',
    found: `${locale}, ${ss.getSpreadsheetTimeZone()}`,
    verdict: VERDICT.noted,
    ms: '',
  });

  // A throw-away form: publish state, opening time, link, sheet name, new-question column.
  let form: GoogleAppsScript.Forms.Form | null = null;
  let createMs = 0;
  const publishExpected = Date.now() >= UNPUBLISHED_FROM ? 'Chưa xuất bản' : 'Đã xuất bản';
  findings.push(
    attempt(
      'form.published',
      'Biểu mẫu mới tạo bằng FormApp.create(tiêu đề) có nhận câu trả lời ngay không',
      publishExpected,
      () => {
        const [made, ms] = timed(() => FormApp.create(TEST_TITLE));
        form = made;
        createMs = ms;
        made.addTextItem().setTitle(QUESTION_1);
        return compared(
          'form.published',
          'Biểu mẫu mới tạo bằng FormApp.create(tiêu đề) có nhận câu trả lời ngay không',
          publishExpected,
          isPublished(made) ? 'Đã xuất bản' : 'Chưa xuất bản',
          ms,
        );
      },
    ),
  );
  const testForm = form as GoogleAppsScript.Forms.Form | null;
  if (testForm) {
    findings.push(
      measured(
        'time.formCreate',
        'Thời gian FormApp.create',
        FIGURES.formCreate,
        'Tạo một biểu mẫu',
        createMs,
      ),
    );
    findings.push(
      attempt('time.formOpen', 'Thời gian FormApp.openById', `${FIGURES.formOpen} ms`, () => {
        const [, ms] = timed(() => FormApp.openById(testForm.getId()));
        return measured(
          'time.formOpen',
          'Thời gian FormApp.openById',
          FIGURES.formOpen,
          'Mở biểu mẫu thử',
          ms,
        );
      }),
    );
    findings.push(...linkChecks(ss, testForm, locale));
    findings.push(emailTypeCheck(testForm));
  }

  findings.push(timestampCheck(ss));
  findings.push(
    attempt('time.getValues', 'Thời gian getValues của 1.000 ô', `${FIGURES.getValues} ms`, () => {
      const sheet = ss.getSheets().find((s) => s.getMaxRows() >= 100 && s.getMaxColumns() >= 10);
      if (!sheet) throw new Error('không có trang nào đủ 100 dòng × 10 cột');
      const [, ms] = timed(() => sheet.getRange(1, 1, 100, 10).getValues());
      return measured(
        'time.getValues',
        'Thời gian getValues của 1.000 ô',
        FIGURES.getValues,
        `Trang "${sheet.getName()}", 100 dòng × 10 cột`,
        ms,
      );
    }),
  );
  findings.push(
    attempt(
      'time.tryLock',
      'Thời gian tryLock khi không ai giữ khoá',
      `${FIGURES.tryLock} ms`,
      () => {
        const lock = LockService.getScriptLock();
        const [got, ms] = timed(() => lock.tryLock(1000));
        if (got) lock.releaseLock();
        return measured(
          'time.tryLock',
          'Thời gian tryLock khi không ai giữ khoá',
          FIGURES.tryLock,
          got ? 'Lấy được khoá' : 'Không lấy được khoá (có lần chạy khác đang giữ)',
          ms,
        );
      },
    ),
  );
  findings.push(...documentChecks(leftovers));
  findings.push(triggerCheck());

  if (testForm) {
    try {
      DriveApp.getFileById(testForm.getId()).setTrashed(true);
    } catch (e) {
      leftovers.push(`biểu mẫu "${TEST_TITLE}" (${messageOf(e)})`);
    }
  }
  findings.push({
    key: 'cleanup',
    item: 'Dọn các đối tượng thử (biểu mẫu, trang, tài liệu)',
    expected: 'Đã bỏ vào thùng rác',
    found: leftovers.length
      ? `Còn lại, hãy xoá tay: ${leftovers.join('; ')}`
      : 'Đã bỏ vào thùng rác',
    verdict: leftovers.length ? VERDICT.manual : VERDICT.match,
    ms: '',
  });
  writeFindings(ss, findings);
  const count = (v: string) => findings.filter((f) => f.verdict === v).length;
  return (
    `Đã kiểm tra môi trường: ${count(VERDICT.match)} mục khớp, ${count(VERDICT.differ)} mục khác, ` +
    `${count(VERDICT.failed)} mục không kiểm tra được, ${count(VERDICT.measured)} phép đo thời gian. ` +
    `Kết quả ở trang "${SHEETS.envCheck}".`
  );
}

/** Links the throw-away form to this workbook and watches what Google does; unlinks and deletes the sheet after. */
function linkChecks(
  ss: GoogleAppsScript.Spreadsheet.Spreadsheet,
  form: GoogleAppsScript.Forms.Form,
  locale: string,
): Finding[] {
  const out: Finding[] = [];
  const visibleItem = 'Trang câu trả lời mới nối có hiện ngay trong cùng lần chạy không';
  const visibleExpected = 'Thấy sau SpreadsheetApp.flush()';
  let sheet: GoogleAppsScript.Spreadsheet.Sheet | null = null;
  try {
    const before = new Set(ss.getSheets().map((s) => s.getSheetId()));
    const fresh = () => ss.getSheets().filter((s) => !before.has(s.getSheetId()));
    form.setDestination(FormApp.DestinationType.SPREADSHEET, ss.getId());
    const at = Date.now();
    const early = fresh();
    SpreadsheetApp.flush();
    const late = fresh();
    sheet = late[0] ?? null;
    const found = early.length
      ? 'Thấy ngay, không cần flush'
      : late.length
        ? visibleExpected
        : 'Chưa thấy trong lần chạy này';
    out.push(compared('sheet.visible', visibleItem, visibleExpected, found, Date.now() - at));
  } catch (e) {
    out.push(failed('sheet.visible', visibleItem, visibleExpected, e));
  }

  const nameExpected = /^vi/i.test(locale) ? 'Câu trả lời biểu mẫu <số>' : 'Form Responses <số>';
  const nameItem = 'Tên Google đặt cho trang câu trả lời (theo ngôn ngữ tài khoản)';
  const urlItem = 'Sheet.getFormUrl() trả về đường dẫn nào';
  const urlExpected = 'Đường dẫn công khai (/forms/d/e/…/viewform)';
  const placeItem =
    'Câu hỏi thêm sau khi đã nối: cột mới đặt ở đâu so với cột tập lệnh ghi bên phải';
  const placeExpected = 'Chèn trước hoặc đặt sau cột của tập lệnh, không ghi đè';
  if (!sheet) {
    const why = new Error('trang câu trả lời thử chưa hiện trong lần chạy này');
    out.push(
      failed('sheet.name', nameItem, nameExpected, why),
      failed('sheet.formUrl', urlItem, urlExpected, why),
      failed('column.placement', placeItem, placeExpected, why),
    );
  } else {
    const linked = sheet;
    const name = linked.getName();
    out.push(
      compared('sheet.name', nameItem, nameExpected, name, '', (f) =>
        new RegExp(`^${nameExpected.replace(/ <số>$/, '')} \\d+$`).test(f),
      ),
    );
    out.push(
      attempt('sheet.formUrl', urlItem, urlExpected, () => {
        const url = linked.getFormUrl() ?? '';
        const found = !url
          ? 'Không có (null)'
          : /\/forms\/d\/e\//.test(url)
            ? urlExpected
            : url.includes(form.getId())
              ? 'Đường dẫn chứa mã biểu mẫu (/forms/d/<mã>/…)'
              : `Dạng khác: ${url}`;
        return compared('sheet.formUrl', urlItem, urlExpected, found);
      }),
    );
    out.push(attempt('column.placement', placeItem, placeExpected, () => placement(linked, form)));
  }

  // Unlink first (Google keeps a linked sheet), then delete the sheet. A sheet Google has not
  // shown yet is left linked, so the one-off trigger can find it by its link and remove it.
  try {
    if (sheet) {
      form.removeDestination();
      ss.deleteSheet(sheet);
    } else {
      PropertiesService.getScriptProperties().setProperty(
        LATE_SHEET,
        JSON.stringify({ id: form.getId(), url: form.getPublishedUrl() }),
      );
      scheduleLater();
    }
  } catch (e) {
    out.push(failed('cleanup.sheet', 'Gỡ và xoá trang câu trả lời thử', 'Đã xoá', e));
  }
  return out;
}

/** Writes a column of the script's own right of Google's, adds a question, and sees where Google puts it. */
function placement(
  sheet: GoogleAppsScript.Spreadsheet.Sheet,
  form: GoogleAppsScript.Forms.Form,
): Finding {
  const expected = 'Chèn trước hoặc đặt sau cột của tập lệnh, không ghi đè';
  const width = sheet.getLastColumn();
  if (sheet.getMaxColumns() <= width) sheet.insertColumnsAfter(sheet.getMaxColumns(), 1);
  sheet.getRange(1, width + 1).setValue(SCRIPT_COLUMN);
  SpreadsheetApp.flush();
  const [, ms] = timed(() => form.addTextItem().setTitle(QUESTION_2));
  SpreadsheetApp.flush();
  const header = sheet
    .getRange(1, 1, 1, sheet.getLastColumn())
    .getValues()[0]
    .map((v) => String(v));
  const q = header.indexOf(QUESTION_2);
  const own = header.indexOf(SCRIPT_COLUMN);
  const found =
    own < 0
      ? 'Ghi đè cột của tập lệnh'
      : q < 0
        ? 'Chưa có cột cho câu hỏi mới (có thể chỉ hiện khi có phiếu)'
        : q < own
          ? 'Chèn trước cột của tập lệnh'
          : 'Đặt sau cột của tập lệnh';
  return compared(
    'column.placement',
    'Câu hỏi thêm sau khi đã nối: cột mới đặt ở đâu so với cột tập lệnh ghi bên phải',
    expected,
    found,
    ms,
    (f) => f === 'Chèn trước cột của tập lệnh' || f === 'Đặt sau cột của tập lệnh',
  );
}

/** Whether the form's timestamps in the real response sheet carry milliseconds. */
function timestampCheck(ss: GoogleAppsScript.Spreadsheet.Spreadsheet): Finding {
  const item = 'Dấu thời gian Google ghi vào trang câu trả lời có phần nghìn giây không';
  const expected = 'Có phần nghìn giây';
  return attempt('timestamp.ms', item, expected, () => {
    const name = readStore().responseSheet;
    const sheet = name ? ss.getSheetByName(name) : null;
    if (!sheet) throw new Error('chưa có trang câu trả lời: hãy chạy "Thiết lập" trước');
    const rows = Math.min(sheet.getLastRow() - 1, 100);
    if (rows < 1) throw new Error('chưa có phiếu nào để xem');
    const stamps = sheet
      .getRange(2, 1, rows, 1)
      .getValues()
      .map((r) => r[0])
      .filter((v): v is Date => v instanceof Date);
    const withMs = stamps.filter((d) => d.getTime() % 1000 !== 0).length;
    // Whole seconds on a few rows can be chance; on five or more they are Google's rounding.
    if (!withMs && stamps.length < 5)
      throw new Error(`cần ít nhất 5 phiếu có ngày giờ, mới có ${stamps.length}`);
    return compared(
      'timestamp.ms',
      item,
      expected,
      withMs ? 'Có phần nghìn giây' : `Không có phần nghìn giây (xét ${stamps.length} phiếu)`,
    );
  });
}

/** A throw-away Doc: the first paragraph before a table, create + save time, PDF time, share notice. */
function documentChecks(leftovers: string[]): Finding[] {
  const out: Finding[] = [];
  const removeItem = 'Xoá đoạn văn đầu tiên của tài liệu khi ngay sau nó là một bảng';
  const removeExpected = 'Được phép';
  let docId = '';
  try {
    const [doc, createMs] = timed(() => DocumentApp.create(TEST_TITLE));
    docId = doc.getId();
    const body = doc.getBody();
    body.appendTable([['Ô thử']]);
    let removal: string;
    try {
      body.removeChild(body.getChild(0));
      removal = removeExpected;
    } catch (e) {
      removal = `Bị từ chối: ${messageOf(e)}`;
    }
    out.push(compared('doc.removeFirst', removeItem, removeExpected, removal));
    const [, saveMs] = timed(() => doc.saveAndClose());
    out.push(
      measured(
        'time.docCreateSave',
        'Thời gian DocumentApp.create và saveAndClose',
        FIGURES.docCreateSave,
        `Tạo ${createMs} ms, lưu ${saveMs} ms`,
        createMs + saveMs,
      ),
    );
  } catch (e) {
    out.push(failed('doc.removeFirst', removeItem, removeExpected, e));
  }
  if (!docId) return out;
  let file: GoogleAppsScript.Drive.File | null = null;
  out.push(
    attempt('time.pdf', "Thời gian getAs('application/pdf')", `${FIGURES.pdf} ms`, () => {
      const f = DriveApp.getFileById(docId);
      file = f;
      const [blob, ms] = timed(() => f.getAs('application/pdf'));
      return measured(
        'time.pdf',
        "Thời gian getAs('application/pdf')",
        FIGURES.pdf,
        `PDF ${blob.getBytes().length} byte`,
        ms,
      );
    }),
  );
  out.push(...docsApiChecks(docId));
  const shareItem = 'File.addViewers có gửi thư báo chia sẻ cho người được thêm không';
  const shareExpected = 'Có: mỗi người được thêm nhận một thư của Google Drive';
  const office = readStore().app?.settings.officeEmail ?? '';
  if (office)
    out.push(
      attempt('share.notify', shareItem, shareExpected, () => {
        (file ?? DriveApp.getFileById(docId)).addViewers([office]);
        return {
          key: 'share.notify',
          item: shareItem,
          expected: shareExpected,
          found: `Đã chia sẻ tài liệu thử với ${office}: nếu hộp thư này nhận thư "${TEST_TITLE}" của Google Drive trong vài phút thì Google có gửi thư báo.`,
          verdict: VERDICT.manual,
          ms: '',
        };
      }),
    );
  try {
    (file ?? DriveApp.getFileById(docId)).setTrashed(true);
  } catch (e) {
    leftovers.push(`tài liệu "${TEST_TITLE}" (${messageOf(e)})`);
  }
  return out;
}

/** A pinTableHeaderRows request for the table starting at `index`. */
const pinAt = (index: number) => ({
  requests: [{ pinTableHeaderRows: { tableStartLocation: { index }, pinnedHeaderRowsCount: 1 } }],
});

/**
 * The advanced Docs service on the throw-away Doc (its body: the one-cell table, then a
 * paragraph): what src/local/emulator/docs-api assumes of indexes, errors and saving, and the time
 * of one batchUpdate.
 */
function docsApiChecks(docId: string): Finding[] {
  const endItem = 'Docs API: endIndex của bảng trừ endIndex của hàng cuối';
  const endExpected = '1';
  if (typeof Docs === 'undefined' || !Docs?.Documents)
    return [
      failed(
        'docs.tableEnd',
        endItem,
        endExpected,
        new Error('dịch vụ nâng cao Docs chưa được bật trong appsscript.json'),
      ),
    ];
  const api = Docs.Documents;
  const send = (index: number) =>
    api.batchUpdate(
      pinAt(index) as unknown as GoogleAppsScript.Docs.Schema.BatchUpdateDocumentRequest,
      docId,
    );
  const out: Finding[] = [];
  let start = -1;
  out.push(
    attempt('docs.tableEnd', endItem, endExpected, () => {
      const [doc, ms] = timed(() => api.get(docId));
      const table = (doc.body?.content ?? []).find((e) => e.table);
      const rows = table?.table?.tableRows ?? [];
      if (!table || rows.length === 0) throw new Error('không thấy bảng trong tài liệu thử');
      start = table.startIndex ?? 0;
      const found = String((table.endIndex ?? 0) - (rows[rows.length - 1].endIndex ?? 0));
      return compared('docs.tableEnd', endItem, endExpected, found, ms);
    }),
  );
  if (start < 0) return out;
  const badItem = 'Docs API: lỗi khi ghim dòng tiêu đề ở chỗ không phải đầu bảng';
  const badExpected = 'Invalid table start location. Must specify the start index of the table.';
  out.push(
    attempt('docs.badTableLocation', badItem, badExpected, () => {
      let found = 'Không lỗi';
      try {
        send(start + 1);
      } catch (e) {
        found = messageOf(e);
      }
      return compared('docs.badTableLocation', badItem, badExpected, found, '', (f) =>
        f.includes(badExpected),
      );
    }),
  );
  const timeItem = 'Thời gian Docs.Documents.batchUpdate (ghim dòng tiêu đề bảng)';
  out.push(
    attempt('time.docsBatchUpdate', timeItem, `${FIGURES.docsBatchUpdate} ms`, () => {
      const [, ms] = timed(() => send(start));
      return measured('time.docsBatchUpdate', timeItem, FIGURES.docsBatchUpdate, 'Đã ghim', ms);
    }),
  );
  const unsavedItem = 'Docs API có thấy đoạn DocumentApp vừa thêm mà chưa saveAndClose không';
  const unsavedExpected = 'Không thấy';
  out.push(
    attempt('docs.unsaved', unsavedItem, unsavedExpected, () => {
      const doc = DocumentApp.openById(docId);
      const mark = `${TEST_TITLE} – chưa lưu`;
      doc.getBody().appendParagraph(mark);
      const seen = JSON.stringify(api.get(docId)).includes(mark);
      doc.saveAndClose();
      return compared('docs.unsaved', unsavedItem, unsavedExpected, seen ? 'Thấy' : 'Không thấy');
    }),
  );
  // How documents are written: a token paragraph replaced by lines in one batchUpdate. Google
  // strips control and private-use characters, makes a paragraph of each newline and a line break
  // of \u000b (documents.ts counts indexes on this).
  const insertItem =
    'Docs API: thay một đoạn bằng nhiều dòng (ký tự điều khiển bị bỏ, \\n tách đoạn, \\u000b xuống dòng)';
  const insertExpected = 'Một|Hai↵ba';
  out.push(
    attempt('docs.insertText', insertItem, insertExpected, () => {
      const token = `${TEST_TITLE} – thay`;
      const doc = DocumentApp.openById(docId);
      doc.getBody().appendParagraph(token);
      doc.saveAndClose();
      const content = (api.get(docId).body?.content ?? []) as {
        startIndex?: number;
        paragraph?: { elements?: { textRun?: { content?: string } }[] };
      }[];
      const text = (e: (typeof content)[number]) =>
        (e.paragraph?.elements ?? []).map((x) => x.textRun?.content ?? '').join('');
      const at = content.find((e) => text(e) === `${token}\n`)?.startIndex;
      if (typeof at !== 'number') throw new Error('không thấy đoạn thử trong tài liệu');
      const requests = runRequests(bodyRun(token, ['Một\u0007\ue000', 'Hai\nba']), at);
      const [, ms] = timed(() =>
        api.batchUpdate(
          { requests } as unknown as GoogleAppsScript.Docs.Schema.BatchUpdateDocumentRequest,
          docId,
        ),
      );
      const after = (api.get(docId).body?.content ?? []) as typeof content;
      const k = after.findIndex((e) => e.startIndex === at);
      const found = after
        .slice(k, k + 2)
        .map((e) => text(e).replace(/\n$/, '').split('\u000b').join('↵'))
        .join('|');
      return compared('docs.insertText', insertItem, insertExpected, found, ms);
    }),
  );
  return out;
}

// Script property naming a test form whose sheet Google had not shown when the check ended.
const LATE_SHEET = `${PROPS.envTrigger}.form`;

/** One one-off run of the trigger handler in about a minute, unless one is pending. */
function scheduleLater(): void {
  const pending = ScriptApp.getProjectTriggers().some(
    (t) => t.getHandlerFunction() === HANDLERS.envCheck,
  );
  if (!pending)
    ScriptApp.newTrigger(HANDLERS.envCheck)
      .timeBased()
      .after(60 * 1000)
      .create();
}

const TRIGGER_ITEM = 'SpreadsheetApp.getActiveSpreadsheet() trong trình kích hoạt theo giờ';
const TRIGGER_EXPECTED = 'Có: trả về bảng tính gắn với tập lệnh';

/** The finding a previous one-off trigger recorded, or a pending line and a trigger to find out. */
function triggerCheck(): Finding {
  return attempt('trigger.activeSpreadsheet', TRIGGER_ITEM, TRIGGER_EXPECTED, () => {
    const recorded = PropertiesService.getScriptProperties().getProperty(PROPS.envTrigger);
    if (recorded)
      return compared('trigger.activeSpreadsheet', TRIGGER_ITEM, TRIGGER_EXPECTED, recorded);
    scheduleLater();
    return {
      key: 'trigger.activeSpreadsheet',
      item: TRIGGER_ITEM,
      expected: TRIGGER_EXPECTED,
      found:
        'Đã đặt một trình kích hoạt chạy một lần sau khoảng 1 phút; nó sẽ ghi kết quả vào dòng này.',
      verdict: VERDICT.pending,
      ms: '',
    };
  });
}

/**
 * The one-off trigger: records whether a time-driven run sees the bound spreadsheet, fills in the
 * pending line when it can, deletes a test sheet Google showed late, and removes itself.
 */
export function environmentTrigger(): void {
  const props = PropertiesService.getScriptProperties();
  let ss: GoogleAppsScript.Spreadsheet.Spreadsheet | null = null;
  let found: string;
  try {
    ss = SpreadsheetApp.getActiveSpreadsheet();
    found = ss ? TRIGGER_EXPECTED : 'Không: trả về null';
  } catch (e) {
    found = `Lỗi: ${messageOf(e)}`;
  }
  props.setProperty(PROPS.envTrigger, found);
  for (const t of ScriptApp.getProjectTriggers())
    if (t.getHandlerFunction() === HANDLERS.envCheck) ScriptApp.deleteTrigger(t);
  if (!ss) return;
  const late = props.getProperty(LATE_SHEET);
  if (late) {
    const { id, url } = JSON.parse(late) as { id: string; url: string };
    const sheets = ss.getSheets().filter((s) => s.getFormUrl() === url);
    if (sheets.length) {
      try {
        FormApp.openById(id).removeDestination();
      } catch {
        // The form is already in the trash; the sheet can go all the same.
      }
      for (const sheet of sheets) ss.deleteSheet(sheet);
      props.deleteProperty(LATE_SHEET);
    }
  }
  const sheet = ss.getSheetByName(SHEETS.envCheck);
  if (!sheet || sheet.getLastRow() < 2) return;
  const keys = sheet.getRange(2, 1, sheet.getLastRow() - 1, 1).getValues();
  const at = keys.findIndex((r) => r[0] === 'trigger.activeSpreadsheet');
  if (at < 0) return;
  const line = compared('trigger.activeSpreadsheet', TRIGGER_ITEM, TRIGGER_EXPECTED, found);
  sheet.getRange(at + 2, 4, 1, 2).setValues([[String(safe(line.found)), line.verdict]]);
}

/** Replaces the findings sheet's content with these findings (one write). */
function writeFindings(ss: GoogleAppsScript.Spreadsheet.Spreadsheet, findings: Finding[]): void {
  const header = HEADERS.envCheck;
  let sheet = ss.getSheetByName(SHEETS.envCheck);
  if (!sheet) {
    // Last, after the sheets the office works with.
    sheet = ss.insertSheet(SHEETS.envCheck, ss.getSheets().length);
    if (sheet.getMaxColumns() > header.length)
      sheet.deleteColumns(header.length + 1, sheet.getMaxColumns() - header.length);
    sheet.getRange(1, 1, 1, header.length).setFontWeight('bold').setBackground('#e8eaed');
    sheet.setFrozenRows(1);
    [190, 360, 260, 360, 130, 90].forEach((w, i) => {
      sheet?.setColumnWidth(i + 1, w);
    });
  } else sheet.clearContents();
  const rows = [
    [...header],
    ...findings.map((f) => [f.key, f.item, f.expected, f.found, f.verdict, f.ms].map(safeCell)),
  ];
  if (sheet.getMaxRows() < rows.length)
    sheet.insertRowsAfter(sheet.getMaxRows(), rows.length - sheet.getMaxRows());
  sheet.getRange(1, 1, rows.length, header.length).setValues(rows);
}

/** Text from Google's messages never becomes a formula; numbers stay numbers. */
const safeCell = (v: string | number): string | number =>
  typeof v === 'number' ? v : String(safe(v));
