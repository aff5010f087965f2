// Emulated MailApp: the four sendEmail overloads, a rolling 24-hour recipient quota on the virtual clock, an outbox.
/// <reference types="google-apps-script" />
import type { CallLog } from './calls';
import type { VirtualClock } from './clock';
import { looksLikeEmail } from './drive';
import { GAS_TYPE, gasError, gasTypeNames, isDate, signatureError } from './errors';
import { EmuBlob } from './utilities';

/*
 * Hooks that are not Apps Script (never counted):
 * - `MailApp._outbox()`: the messages sent, oldest first, with their virtual send time.
 * - `MailApp._used(at?)`: recipients counted against the quota in the 24 hours up to `at` (default now).
 * - `MailApp._setQuota(n)`: the daily recipient quota from now on.
 *
 * Limits (REF quotas) and their errors:
 * - recipients a day (to + cc + bcc): 100 consumer, 1,500 Workspace. Over what is left throws
 *   `Service invoked too many times for one day: email.` (C) and sends nothing. Google: quotas
 *   "reset 24 hours after the first request" (V, quotas page); here each send's recipients count
 *   for the 24 hours after it, a rolling window that never frees a recipient sooner than Google's
 *   reading would (U: the stricter one). Live has shown -1 remaining after exhaustion (reference
 *   §5); here it never goes below 0.
 * - 50 recipients a message: `Limit Exceeded: Email Recipients Per Message.` (U: wording).
 * - body 200 KB: `Limit Exceeded: Email Body Size.` (U: wording).
 * - attachments 25 MB in all: `Limit Exceeded: Email Total Attachments Size.` (U: wording).
 * A malformed address throws `Invalid email: <addr>` (C-weak/U); no recipient at all throws
 * `Failed to send email: no recipient` (C-weak). Addresses are split at commas outside quotes;
 * `Name <addr>` is accepted (U). Duplicate addresses each count (U). `noReply` is stored as given
 * (live honours it on Workspace accounts only).
 */

const QUOTA_ERROR = 'Service invoked too many times for one day: email.';
const PER_MESSAGE_ERROR = 'Limit Exceeded: Email Recipients Per Message.';
const BODY_SIZE_ERROR = 'Limit Exceeded: Email Body Size.';
const ATTACHMENTS_SIZE_ERROR = 'Limit Exceeded: Email Total Attachments Size.';
const NO_RECIPIENT = 'Failed to send email: no recipient';

/** REF quotas. */
export const MAX_RECIPIENTS_PER_MESSAGE = 50;
const MAX_BODY_BYTES = 200 * 1024;
const MAX_ATTACHMENT_BYTES = 25 * 1024 * 1024;
/** The quota window. */
const DAY_MS = 24 * 3600 * 1000;

/** A blob as the outbox keeps it. */
export interface SentBlob {
  name: string | null;
  contentType: string | null;
  bytes: Buffer;
}

/** One sent message. */
export interface SentMessage {
  /** Virtual send time. */
  at: Date;
  from: string;
  to: string[];
  cc: string[];
  bcc: string[];
  /** Recipients counted against the quota. */
  recipients: number;
  subject: string;
  body: string;
  htmlBody: string | null;
  name: string | null;
  replyTo: string | null;
  noReply: boolean;
  attachments: SentBlob[];
  inlineImages: Record<string, SentBlob>;
}

/** Options of the emulated MailApp. */
export interface MailOptions {
  /** Recipients a day; default 100 (a consumer account). */
  quota?: number;
  /** The sender; default owner@example.com. */
  user?: string;
}

/** The `MailAdvancedParameters` keys (DT/mail) plus the message object's to/subject/body. */
interface MessageFields {
  to?: unknown;
  subject?: unknown;
  body?: unknown;
  htmlBody?: unknown;
  cc?: unknown;
  bcc?: unknown;
  replyTo?: unknown;
  name?: unknown;
  noReply?: unknown;
  attachments?: unknown;
  inlineImages?: unknown;
}

/** Splits a comma-separated address list, keeping commas inside quotes; empty entries drop out. */
export function splitAddresses(list: string): string[] {
  const out: string[] = [];
  let current = '';
  let quoted = false;
  for (const ch of list) {
    if (ch === '"') quoted = !quoted;
    if (ch === ',' && !quoted) {
      out.push(current);
      current = '';
    } else current += ch;
  }
  out.push(current);
  return out.map((a) => a.trim()).filter((a) => a !== '');
}

/** The bare address of `Name <addr>` or `addr`. */
function bareAddress(entry: string): string {
  const m = /<([^<>]*)>\s*$/.exec(entry);
  return (m ? m[1] : entry).trim();
}

const isPlainObject = (v: unknown): v is Record<string, unknown> =>
  v !== null && typeof v === 'object' && !Array.isArray(v) && !isDate(v) && !(v instanceof EmuBlob);

/** The `MailApp` global. */
export class MailAppEmu {
  private quota: number;
  /** Every accepted send: when, and how many recipients it counted. */
  private readonly sends: { at: number; recipients: number }[] = [];
  private readonly outbox: SentMessage[] = [];

  constructor(
    private readonly log: CallLog,
    private readonly clock: VirtualClock,
    private readonly options: MailOptions = {},
  ) {
    this.quota = options.quota ?? 100;
  }

  get [GAS_TYPE](): string {
    return 'MailApp';
  }

  /**
   * `sendEmail(message)`, `sendEmail(recipient, subject, body)`,
   * `sendEmail(recipient, subject, body, options)` or `sendEmail(to, replyTo, subject, body)`.
   */
  sendEmail(...args: unknown[]): void {
    this.log.record('MailApp', 'sendEmail');
    const fields = this.fieldsOf(args);
    const str = (v: unknown): string => (v === undefined || v === null ? '' : String(v));
    const to = this.addresses(fields.to);
    const cc = this.addresses(fields.cc);
    const bcc = this.addresses(fields.bcc);
    const replyTo = str(fields.replyTo).trim() || null;
    if (replyTo !== null) this.addresses(replyTo);
    const recipients = to.length + cc.length + bcc.length;
    if (recipients === 0) throw gasError(NO_RECIPIENT);
    if (recipients > MAX_RECIPIENTS_PER_MESSAGE) throw gasError(PER_MESSAGE_ERROR);
    const body = str(fields.body);
    const htmlBody =
      fields.htmlBody === undefined || fields.htmlBody === null ? null : str(fields.htmlBody);
    if (
      Buffer.byteLength(body, 'utf8') > MAX_BODY_BYTES ||
      Buffer.byteLength(htmlBody ?? '', 'utf8') > MAX_BODY_BYTES
    )
      throw gasError(BODY_SIZE_ERROR);
    const attachments = this.attachments(fields.attachments);
    const inlineImages = this.inlineImages(fields.inlineImages);
    const size = [...attachments, ...Object.values(inlineImages)].reduce(
      (n, a) => n + a.bytes.length,
      0,
    );
    if (size > MAX_ATTACHMENT_BYTES) throw gasError(ATTACHMENTS_SIZE_ERROR);
    if (recipients > this.quota - this._used()) throw gasError(QUOTA_ERROR);
    this.sends.push({ at: this.clock.now(), recipients });
    this.outbox.push({
      at: this.clock.date(),
      from: this.options.user ?? 'owner@example.com',
      to,
      cc,
      bcc,
      recipients,
      subject: str(fields.subject),
      body,
      htmlBody,
      name: fields.name === undefined || fields.name === null ? null : str(fields.name),
      replyTo,
      noReply: fields.noReply === true,
      attachments,
      inlineImages,
    });
  }

  /** Recipients still allowed: the quota minus to + cc + bcc sent in the last 24 hours. */
  getRemainingDailyQuota(): number {
    this.log.record('MailApp', 'getRemainingDailyQuota');
    return Math.max(this.quota - this._used(), 0);
  }

  /** Non-Apps-Script: the messages sent, oldest first. */
  _outbox(): SentMessage[] {
    return this.outbox.slice();
  }

  /** Non-Apps-Script: recipients counted in the 24 hours up to `at` (epoch ms; default now). */
  _used(at: number = this.clock.now()): number {
    let n = 0;
    for (const s of this.sends) if (s.at <= at && s.at > at - DAY_MS) n += s.recipients;
    return n;
  }

  /** Non-Apps-Script: the daily recipient quota from now on. */
  _setQuota(quota: number): void {
    this.quota = quota;
  }

  /** Resolves the four overloads into one set of fields; anything else is the signature error. */
  private fieldsOf(args: unknown[]): MessageFields {
    const sig = () => signatureError(gasTypeNames(args), 'MailApp', '', 'sendEmail');
    // Java String parameters take numbers and booleans as their text; null and objects do not.
    const text = (v: unknown) =>
      typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean';
    if (args.length === 1) {
      if (!isPlainObject(args[0])) throw sig();
      return args[0] as MessageFields;
    }
    if (args.length === 3 && args.every(text)) {
      const [to, subject, body] = args;
      return { to, subject, body };
    }
    if (args.length === 4 && args.slice(0, 3).every(text)) {
      const [a, b, c, d] = args;
      if (text(d)) return { to: a, replyTo: b, subject: c, body: d };
      if (isPlainObject(d)) return { ...(d as MessageFields), to: a, subject: b, body: c };
    }
    throw sig();
  }

  /** Validated entries of a comma-separated list (`Invalid email: <entry>` for a bad one). */
  private addresses(list: unknown): string[] {
    if (list === undefined || list === null) return [];
    const entries = splitAddresses(String(list));
    for (const entry of entries)
      if (!looksLikeEmail(bareAddress(entry))) throw gasError(`Invalid email: ${entry}`);
    return entries;
  }

  private attachments(value: unknown): SentBlob[] {
    if (value === undefined || value === null) return [];
    if (!Array.isArray(value)) throw gasError('Invalid argument: attachments');
    return value.map((v) => this.blobOf(v, 'attachments'));
  }

  private inlineImages(value: unknown): Record<string, SentBlob> {
    if (value === undefined || value === null) return {};
    if (!isPlainObject(value)) throw gasError('Invalid argument: inlineImages');
    const out: Record<string, SentBlob> = {};
    for (const [k, v] of Object.entries(value)) out[k] = this.blobOf(v, 'inlineImages');
    return out;
  }

  /** A Blob, or a BlobSource (File, Document) read as Google would, uncounted. */
  private blobOf(value: unknown, option: string): SentBlob {
    let blob: unknown = value;
    const source = value as { getBlob?: () => unknown } | null;
    if (!(blob instanceof EmuBlob) && source && typeof source.getBlob === 'function')
      blob = this.log.uncounted(() => source.getBlob!());
    if (!(blob instanceof EmuBlob)) throw gasError(`Invalid argument: ${option}`);
    const b = blob;
    return {
      name: this.log.uncounted(() => b.getName()),
      contentType: this.log.uncounted(() => b.getContentType()),
      bytes: b._buffer(),
    };
  }
}

/** Builds the `MailApp` global on the shared log and clock. */
export function createMailApp(
  log: CallLog,
  clock: VirtualClock,
  options: MailOptions = {},
): MailAppEmu {
  return new MailAppEmu(log, clock, options);
}
