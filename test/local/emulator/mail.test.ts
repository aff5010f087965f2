// MailApp emulator against reference §5 (REF quotas, DT/mail), by source.
import { CallLog } from '../../../src/local/emulator/calls';
import { VirtualClock } from '../../../src/local/emulator/clock';
import { createDocumentServices } from '../../../src/local/emulator/documents';
import { createMailApp, MailAppEmu, splitAddresses } from '../../../src/local/emulator/mail';
import { UtilitiesService } from '../../../src/local/emulator/utilities';

function thrown(fn: () => unknown): Error {
  try {
    fn();
  } catch (e) {
    return e as Error;
  }
  throw new Error('expected a throw');
}

const QUOTA = 'Service invoked too many times for one day: email.';
const HOUR = 3600 * 1000;

const setup = (quota?: number) => {
  const log = new CallLog();
  const clock = new VirtualClock();
  const mail = createMailApp(log, clock, { quota });
  return { log, clock, mail, Utilities: new UtilitiesService(log, clock) };
};

/** `n` distinct addresses, comma-separated. */
const list = (n: number, prefix = 'u'): string =>
  Array.from({ length: n }, (_, i) => `${prefix}${i}@example.com`).join(',');

describe('MailApp.sendEmail overloads (reference §5; DT/mail)', () => {
  test('all four overloads send, and the outbox keeps every field with the virtual time', () => {
    const { mail, clock } = setup();
    mail.sendEmail('a@example.com', 'S1', 'B1');
    mail.sendEmail('a@example.com', 'S2', 'B2', {
      htmlBody: '<b>B2</b>',
      cc: 'c1@example.com, c2@example.com',
      bcc: 'x@example.com',
      name: 'Đoàn kiểm tra',
      replyTo: 'reply@example.com',
      noReply: true,
    });
    mail.sendEmail('a@example.com', 'reply@example.com', 'S3', 'B3');
    clock.advance(60_000);
    mail.sendEmail({
      to: 'a@example.com,b@example.com',
      subject: 'S4',
      body: 'B4',
      htmlBody: '<p>4</p>',
    });
    const out = mail._outbox();
    expect(out.map((m) => m.subject)).toEqual(['S1', 'S2', 'S3', 'S4']);
    expect(out[1]).toMatchObject({
      to: ['a@example.com'],
      cc: ['c1@example.com', 'c2@example.com'],
      bcc: ['x@example.com'],
      recipients: 4,
      body: 'B2',
      htmlBody: '<b>B2</b>',
      name: 'Đoàn kiểm tra',
      replyTo: 'reply@example.com',
      noReply: true,
    });
    expect(out[2]).toMatchObject({ replyTo: 'reply@example.com', body: 'B3', htmlBody: null });
    expect(out[3].to).toEqual(['a@example.com', 'b@example.com']);
    expect(out[3].at.getTime() - out[0].at.getTime()).toBe(60_000);
  });

  test('anything else gives the signature error for MailApp.sendEmail (C form)', () => {
    const { mail } = setup();
    expect(thrown(() => mail.sendEmail('a@example.com', 'S')).message).toBe(
      "The parameters (String,String) don't match the method signature for MailApp.sendEmail.",
    );
    expect(thrown(() => mail.sendEmail('a@example.com', null, 'B')).message).toBe(
      "The parameters (String,null,String) don't match the method signature for MailApp.sendEmail.",
    );
    expect(mail._outbox()).toHaveLength(0);
  });

  test('a malformed address throws `Invalid email: <addr>` (C-weak/U); no recipient at all throws', () => {
    const { mail } = setup();
    expect(thrown(() => mail.sendEmail('not-an-address', 'S', 'B')).message).toBe(
      'Invalid email: not-an-address',
    );
    expect(
      thrown(() => mail.sendEmail('a@example.com', 'S', 'B', { cc: 'ok@example.com, bad@' }))
        .message,
    ).toBe('Invalid email: bad@');
    expect(thrown(() => mail.sendEmail('a@example.com; b@example.com', 'S', 'B')).message).toBe(
      'Invalid email: a@example.com; b@example.com',
    );
    expect(thrown(() => mail.sendEmail('', 'S', 'B')).message).toBe(
      'Failed to send email: no recipient',
    );
    expect(mail.getRemainingDailyQuota()).toBe(100);
  });

  test('addresses split at commas outside quotes; `Name <addr>` is accepted (U)', () => {
    expect(splitAddresses('"Nguyễn, Văn A" <a@example.com>, b@example.com,,')).toEqual([
      '"Nguyễn, Văn A" <a@example.com>',
      'b@example.com',
    ]);
    const { mail } = setup();
    mail.sendEmail('"Nguyễn, Văn A" <a@example.com>, b@example.com', 'S', 'B');
    expect(mail._outbox()[0].recipients).toBe(2);
  });

  test('attachments keep name, type and bytes; a File or Document is read as its blob (DT/mail BlobSource)', () => {
    const log = new CallLog();
    const clock = new VirtualClock();
    const { DocumentApp } = createDocumentServices(log, clock);
    const Utilities = new UtilitiesService(log, clock);
    const mail = new MailAppEmu(log, clock);
    const doc = DocumentApp.create('Báo cáo tuần 08');
    doc.saveAndClose();
    const csv = Utilities.newBlob('a,b\n1,2', 'text/csv', 'bang.csv');
    mail.sendEmail('a@example.com', 'S', 'B', {
      attachments: [csv, doc],
      inlineImages: { logo: Utilities.newBlob([1, 2, 3], 'image/png', 'logo.png') },
    });
    const [m] = mail._outbox();
    expect(m.attachments.map((a) => [a.name, a.contentType])).toEqual([
      ['bang.csv', 'text/csv'],
      ['Báo cáo tuần 08.pdf', 'application/pdf'],
    ]);
    expect(m.attachments[0].bytes.toString()).toBe('a,b\n1,2');
    expect(m.attachments[1].bytes.toString('latin1').startsWith('%PDF-')).toBe(true);
    expect([...m.inlineImages.logo.bytes]).toEqual([1, 2, 3]);
    expect(
      thrown(() => mail.sendEmail('a@example.com', 'S', 'B', { attachments: 'x' })).message,
    ).toBe('Invalid argument: attachments');
  });
});

describe('MailApp daily quota (REF quotas; reference §5)', () => {
  test('recipients are to + cc + bcc; getRemainingDailyQuota counts them down from 100', () => {
    const { mail } = setup();
    expect(mail.getRemainingDailyQuota()).toBe(100);
    mail.sendEmail('a@example.com,b@example.com', 'S', 'B', {
      cc: 'c@example.com',
      bcc: 'd@example.com,e@example.com',
    });
    expect(mail.getRemainingDailyQuota()).toBe(95);
    mail.sendEmail({ to: 'a@example.com', subject: 'S', body: 'B' });
    expect(mail.getRemainingDailyQuota()).toBe(94);
    expect(mail._used()).toBe(6);
  });

  test('over what is left throws the quota error (C) and sends nothing; exactly what is left is fine', () => {
    const { mail } = setup(10);
    mail.sendEmail(list(7), 'S', 'B');
    expect(thrown(() => mail.sendEmail(list(4), 'S', 'B')).message).toBe(QUOTA);
    expect(mail.getRemainingDailyQuota()).toBe(3);
    expect(mail._outbox()).toHaveLength(1);
    mail.sendEmail(list(3), 'S', 'B');
    expect(mail.getRemainingDailyQuota()).toBe(0);
    expect(thrown(() => mail.sendEmail('a@example.com', 'S', 'B')).message).toBe(QUOTA);
  });

  test('a rolling 24 hours from each send, not a calendar day (quotas page: "reset 24 hours after the first request", V; rolling is the stricter reading, U)', () => {
    // The clock starts at 08:00 in Hà Nội; local midnight passes at 16 h, which frees nothing.
    const { mail, clock } = setup(5);
    mail.sendEmail(list(3), 'S', 'B');
    clock.advance(10 * HOUR);
    mail.sendEmail(list(2), 'S', 'B');
    expect(mail.getRemainingDailyQuota()).toBe(0);
    clock.advance(7 * HOUR);
    expect(mail.getRemainingDailyQuota()).toBe(0);
    expect(thrown(() => mail.sendEmail('a@example.com', 'S', 'B')).message).toBe(QUOTA);
    // 24 h after the first send its 3 recipients are free again; the later 2 still count.
    clock.advance(7 * HOUR - 1);
    expect(mail.getRemainingDailyQuota()).toBe(0);
    clock.advance(1);
    expect(mail.getRemainingDailyQuota()).toBe(3);
    mail.sendEmail(list(3), 'S', 'B');
    expect(mail.getRemainingDailyQuota()).toBe(0);
    clock.advance(10 * HOUR);
    expect(mail.getRemainingDailyQuota()).toBe(2);
    expect(mail._used()).toBe(3);
  });

  test('more than 50 recipients in one message throws its own error before the quota (U: wording)', () => {
    const { mail } = setup(1500);
    mail.sendEmail(list(30), 'S', 'B', { cc: list(20, 'c') });
    expect(thrown(() => mail.sendEmail(list(30), 'S', 'B', { bcc: list(21, 'b') })).message).toBe(
      'Limit Exceeded: Email Recipients Per Message.',
    );
    expect(mail.getRemainingDailyQuota()).toBe(1450);
  });

  test('the quota is an option (1,500 for Workspace) and can change (hook)', () => {
    const { mail } = setup(1500);
    expect(mail.getRemainingDailyQuota()).toBe(1500);
    mail._setQuota(100);
    expect(mail.getRemainingDailyQuota()).toBe(100);
  });
});

describe('MailApp calls counted (calls.ts)', () => {
  test('sendEmail and getRemainingDailyQuota count under MailApp, failed sends too; hooks and blob reads do not', () => {
    const { mail, log, Utilities } = setup();
    const blob = Utilities.newBlob('x', 'text/plain', 'x.txt');
    log.reset();
    mail.sendEmail('a@example.com', 'S', 'B', { attachments: [blob] });
    thrown(() => mail.sendEmail('bad', 'S', 'B'));
    mail.getRemainingDailyQuota();
    mail._outbox();
    mail._used();
    expect(Object.fromEntries(log.counts)).toEqual({
      'MailApp.sendEmail': 2,
      'MailApp.getRemainingDailyQuota': 1,
    });
  });
});
