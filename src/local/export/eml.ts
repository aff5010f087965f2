// MailApp emulator outbox entry → .eml bytes (RFC 5322, built by nodemailer's MailComposer).
import { createHash } from 'node:crypto';
import MailComposer from 'nodemailer/lib/mail-composer';
import type { SentMessage } from '../emulator/mail';

/** The bare address of `Name <addr>` or `addr`. */
const bare = (entry: string): string => (/<([^<>]*)>\s*$/.exec(entry)?.[1] ?? entry).trim();

/**
 * Builds the .eml of one sent message as the recipient would get it, Bcc kept (the sender's copy).
 * `from` is the script owner's address: MailApp always sends as the user running the script,
 * under `msg.name` when given; `noReply` uses the domain's no-reply address (U: live does so on
 * Workspace accounts only).
 */
export async function messageToEml(msg: SentMessage, from: string = msg.from): Promise<Buffer> {
  const owner = bare(from);
  const domain = owner.includes('@') ? owner.slice(owner.lastIndexOf('@') + 1) : 'localhost';
  const address = msg.noReply ? `noreply@${domain}` : owner;
  // Same message, same bytes: ids and MIME boundaries come from the content, not from chance.
  const digest = createHash('sha256')
    .update(JSON.stringify([address, msg.at.getTime(), msg.to, msg.cc, msg.bcc, msg.subject]))
    .update(msg.body)
    .update(msg.htmlBody ?? '')
    .digest('hex');
  const composer = new MailComposer({
    from: msg.name ? { name: msg.name, address } : address,
    to: msg.to,
    cc: msg.cc.length > 0 ? msg.cc : undefined,
    bcc: msg.bcc.length > 0 ? msg.bcc : undefined,
    replyTo: msg.replyTo ?? undefined,
    subject: msg.subject,
    date: msg.at,
    messageId: `<${digest.slice(0, 32)}@${domain}>`,
    baseBoundary: digest.slice(32, 48),
    text: msg.body,
    html: msg.htmlBody ?? undefined,
    attachments: [
      ...msg.attachments.map((a, i) => ({
        filename: a.name ?? `attachment-${i + 1}`,
        content: a.bytes,
        contentType: a.contentType ?? 'application/octet-stream',
      })),
      // Inline images are referenced from the HTML as `cid:<key>`, as MailApp documents.
      ...Object.entries(msg.inlineImages).map(([cid, a]) => ({
        filename: a.name ?? cid,
        content: a.bytes,
        contentType: a.contentType ?? 'application/octet-stream',
        cid,
        contentDisposition: 'inline',
      })),
    ],
    // Everything is in memory; nothing should be fetched or read from disk.
    disableFileAccess: true,
    disableUrlAccess: true,
    xMailer: false,
  });
  const mime = composer.compile();
  mime.keepBcc = true;
  return mime.build();
}
