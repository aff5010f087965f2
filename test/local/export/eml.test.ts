// The .eml exporter: a message from the MailApp emulator's outbox, exported and parsed with mailparser.
import { type AddressObject, simpleParser } from 'mailparser';
import { CallLog } from '../../../src/local/emulator/calls';
import { VirtualClock } from '../../../src/local/emulator/clock';
import { createDocumentServices } from '../../../src/local/emulator/documents';
import { createMailApp, type SentMessage } from '../../../src/local/emulator/mail';
import { messageToEml } from '../../../src/local/export/eml';

const OWNER = 'thanhtra@ninhbinh.gov.vn';
const SUBJECT = '[Kiểm tra công vụ] Biên bản kiểm tra đột xuất — UBND xã Hòa Bình';
const TEXT = 'Kính gửi Chủ tịch UBND xã,\nĐoàn kiểm tra gửi kèm biên bản.';
const HTML = '<p>Kính gửi <b>Chủ tịch UBND xã</b>,</p><p>Đoàn kiểm tra gửi kèm biên bản.</p>';

function send(options: Record<string, unknown> = {}): SentMessage {
  const log = new CallLog();
  const clock = new VirtualClock(Date.UTC(2025, 2, 14, 3, 15));
  const { DocumentApp } = createDocumentServices(log, clock);
  const doc = DocumentApp.create('Biên bản kiểm tra');
  doc.getBody().appendParagraph('Biên bản');
  doc.saveAndClose();
  const pdf = DocumentApp.openById(doc.getId()).getAs('application/pdf');
  const mail = createMailApp(log, clock, { user: OWNER });
  mail.sendEmail('chutich@hoabinh.gov.vn', SUBJECT, TEXT, {
    htmlBody: HTML,
    cc: 'vanphong@hoabinh.gov.vn, "Nguyễn Văn B" <nvb@hoabinh.gov.vn>',
    bcc: 'luu@ninhbinh.gov.vn',
    name: 'Đoàn kiểm tra công vụ',
    attachments: [pdf],
    ...options,
  });
  return mail._outbox()[0];
}

const addresses = (a: AddressObject | AddressObject[] | undefined): string[] =>
  (Array.isArray(a) ? a : a ? [a] : []).flatMap((x) => x.value.map((v) => v.address ?? ''));

describe('messageToEml', () => {
  test('headers: From the owner under the sender name, To/Cc/Bcc, Date, UTF-8 subject', async () => {
    const msg = send();
    const eml = await messageToEml(msg, OWNER);
    const parsed = await simpleParser(eml);
    expect(parsed.from?.value).toEqual([{ name: 'Đoàn kiểm tra công vụ', address: OWNER }]);
    expect(addresses(parsed.to)).toEqual(['chutich@hoabinh.gov.vn']);
    expect(addresses(parsed.cc)).toEqual(['vanphong@hoabinh.gov.vn', 'nvb@hoabinh.gov.vn']);
    expect(addresses(parsed.bcc)).toEqual(['luu@ninhbinh.gov.vn']);
    expect(parsed.subject).toBe(msg.subject);
    expect(parsed.subject).toBe(SUBJECT);
    expect(parsed.date).toEqual(msg.at);
    // Headers stay 7-bit: the subject travels as encoded words.
    const head = eml.toString('latin1').split('\r\n\r\n')[0];
    expect(head).toMatch(/^Subject: =\?UTF-8\?[BQ]\?/m);
    expect(head).not.toMatch(/[^\x20-\x7e\r\n\t]/);
  });

  test('both alternatives, and the PDF attachment with its name and type', async () => {
    const msg = send();
    const eml = await messageToEml(msg, OWNER);
    const parsed = await simpleParser(eml);
    expect(parsed.text?.trim()).toBe(msg.body);
    expect(parsed.html).toBe(msg.htmlBody);
    expect(eml.toString('latin1')).toMatch(/Content-Type: multipart\/alternative/);
    expect(parsed.attachments).toHaveLength(1);
    const [att] = parsed.attachments;
    const [sent] = msg.attachments;
    expect(att.filename).toBe(sent.name);
    expect(att.filename).toBe('Biên bản kiểm tra.pdf');
    expect(att.contentType).toBe('application/pdf');
    expect(att.content.equals(sent.bytes)).toBe(true);
    expect(att.content.subarray(0, 5).toString('latin1')).toBe('%PDF-');
  });

  test('a plain message has only its text; the same message gives the same bytes', async () => {
    const msg = send({
      htmlBody: undefined,
      attachments: undefined,
      cc: undefined,
      bcc: undefined,
    });
    const eml = await messageToEml(msg, OWNER);
    const parsed = await simpleParser(eml);
    expect(parsed.html).toBe(false);
    expect(parsed.text?.trim()).toBe(TEXT);
    expect(parsed.attachments).toHaveLength(0);
    expect(parsed.cc).toBeUndefined();
    expect((await messageToEml(msg, OWNER)).equals(eml)).toBe(true);
  });

  test('replyTo and noReply: the Reply-To header, and the domain’s no-reply sender', async () => {
    const msg = send({ replyTo: 'hopthu@ninhbinh.gov.vn', noReply: true });
    const parsed = await simpleParser(await messageToEml(msg, OWNER));
    expect(addresses(parsed.replyTo)).toEqual(['hopthu@ninhbinh.gov.vn']);
    expect(parsed.from?.value[0].address).toBe('noreply@ninhbinh.gov.vn');
  });
});
