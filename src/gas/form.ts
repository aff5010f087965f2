// The inspection Form built from the checklist, and kept in step with it in place (never a second form).
/// <reference types="google-apps-script" />

import { LABELS } from '../core/answers';
import { itemTitle } from '../core/checklist';
import { DATE_TITLE, LEADER_TITLE, TIME_TITLE, UNIT_TITLE } from '../core/names';
import type { Checklist, Unit } from '../core/types';
import { unitQuestion } from '../core/units';

type Kind = 'list' | 'date' | 'text' | 'number' | 'choice' | 'paragraph' | 'page';

/** One item the form should have, in order. */
export interface WantedItem {
  key: string;
  kind: Kind;
  title: string;
  help: string;
  required: boolean;
  choices?: string[];
}

/** The items of the form for a checklist and the units valid on `today`, in form order. */
export function wantedItems(
  checklist: Checklist,
  units: readonly Unit[],
  today: string,
): WantedItem[] {
  // Radio buttons for a few units, a dropdown sorted by the unit's own name for many (units.ts).
  const unit = unitQuestion(units, today);
  const items: WantedItem[] = [
    {
      key: 'unit',
      kind: unit.kind,
      title: UNIT_TITLE,
      help: unit.help,
      required: true,
      choices: unit.choices,
    },
    {
      key: 'date',
      kind: 'date',
      title: DATE_TITLE,
      help: 'Ngày đoàn đến kiểm tra.',
      required: true,
    },
    {
      key: 'leader',
      kind: 'text',
      title: LEADER_TITLE,
      help: 'Họ tên, chức vụ trưởng đoàn.',
      required: false,
    },
    {
      key: 'time',
      kind: 'text',
      title: TIME_TITLE,
      help: 'Giờ đoàn bắt đầu kiểm tra, ví dụ 08:30. Biên bản ghi giờ này; để trống thì biên bản chỉ ghi ngày.',
      required: false,
    },
  ];
  for (const g of checklist.groups) {
    items.push({
      key: `page:${g.code}`,
      kind: 'page',
      title: `${g.code}. ${g.title}`,
      help: '',
      required: false,
    });
    for (const b of checklist.bases) {
      const first = checklist.criteria.find((c) => c.base === b.code);
      if (first && first.group === g.code)
        items.push({
          key: b.code,
          kind: 'number',
          title: itemTitle(b.code, b.title),
          help: 'Chỉ nhập chữ số.',
          required: true,
        });
    }
    for (const c of checklist.criteria.filter((x) => x.group === g.code)) {
      const note = `${c.points} điểm${c.critical ? ' · tiêu chí nghiêm trọng' : ''}`;
      items.push(
        c.type === 'count'
          ? {
              key: c.code,
              kind: 'number',
              title: itemTitle(c.code, c.text),
              help: `Số người/hồ sơ vi phạm, không lớn hơn ${c.base}. ${note}.`,
              required: true,
            }
          : {
              key: c.code,
              kind: 'choice',
              title: itemTitle(c.code, c.text),
              help: note,
              required: true,
              choices: LABELS[c.type],
            },
      );
    }
    items.push({
      key: `note:${g.code}`,
      kind: 'paragraph',
      title: `Ghi chú nhóm ${g.code}`,
      help: 'Ghi rõ họ tên, chức vụ người vi phạm và sự việc cụ thể.',
      required: false,
    });
  }
  return items;
}

const TYPE_OF: Record<Kind, string> = {
  list: 'LIST',
  date: 'DATE',
  text: 'TEXT',
  number: 'TEXT',
  choice: 'MULTIPLE_CHOICE',
  paragraph: 'PARAGRAPH_TEXT',
  page: 'PAGE_BREAK',
};

/** The key an existing item stands for, from its title and type (codes, not wording). */
export function keyOf(title: string, type: string): string {
  if (type === 'PAGE_BREAK') {
    const m = /^([A-Za-z0-9]+)\.\s/.exec(title);
    return m ? `page:${m[1]}` : '';
  }
  if (title === UNIT_TITLE) return 'unit';
  if (title === DATE_TITLE) return 'date';
  if (title === LEADER_TITLE) return 'leader';
  if (title === TIME_TITLE) return 'time';
  const note = /^Ghi chú nhóm\s+(\S+)$/.exec(title);
  if (note) return `note:${note[1]}`;
  const code = /^([A-Za-z][A-Za-z0-9]*)\./.exec(title);
  return code ? code[1] : '';
}

/** What syncItems did, for setup's message. */
export interface SyncResult {
  added: number;
  removed: number;
  changed: number;
  /** Questions renamed in the Form editor (code dropped) that were recognised by their wording and given their code back, as "title → code". */
  restored: string[];
  /** Questions with no code that match nothing in the checklist: kept (they may hold answers), named for the office. */
  unknown: string[];
}

// Item types that get a column in the response sheet; an unrecognised one may hold answers.
const QUESTION_TYPES = new Set(['LIST', 'MULTIPLE_CHOICE', 'TEXT', 'PARAGRAPH_TEXT', 'DATE']);

/** Titles of the form's questions that carry no code the script knows (renamed in the Form editor, or added there). */
export function codelessQuestions(form: GoogleAppsScript.Forms.Form): string[] {
  return form
    .getItems()
    .map((item) => ({ type: String(item.getType()), title: item.getTitle() }))
    .filter((e) => QUESTION_TYPES.has(e.type) && keyOf(e.title, e.type) === '')
    .map((e) => e.title);
}

/** Title text compared loosely: case, spacing and a trailing full stop do not matter. */
const loose = (t: string): string =>
  t
    .normalize('NFC')
    .toLowerCase()
    .replace(/\s+/g, ' ')
    .replace(/[\s.:]+$/, '')
    .trim();

/** The wording of a wanted item without its code (`B2. Có biển tên…` → `Có biển tên…`). */
const wording = (w: WantedItem): string => w.title.replace(/^[A-Za-z][A-Za-z0-9]*\.\s*/, '');

/**
 * Makes the form's items match `wanted`: updates in place, adds what is missing, removes what left
 * the checklist, orders. Items are deleted and moved by index, and new items are looked up as
 * generic `Item`s, because Google refuses the typed item `addXItem()` returns in `moveItem` and
 * `deleteItem` ("The parameters (FormApp.MultipleChoiceItem,number) don't match the method
 * signature…"). A question whose code was dropped in the Form editor is recognised by its wording
 * and renamed back; one matching nothing is kept and reported, never silently deleted.
 */
export function syncItems(
  form: GoogleAppsScript.Forms.Form,
  wanted: readonly WantedItem[],
): SyncResult {
  const existing = form.getItems().map((item) => {
    const type = String(item.getType());
    const title = item.getTitle();
    return { id: item.getId(), item, type, title, key: keyOf(title, type) };
  });
  const used = new Set<number>();
  const restored: string[] = [];
  let added = 0;
  let changed = 0;
  const placed: number[] = [];
  const keys = new Set(existing.map((e) => e.key).filter((k) => k !== ''));
  for (const w of wanted) {
    let hit = existing.find(
      (e) => !used.has(e.id) && e.key === w.key && e.type === TYPE_OF[w.kind],
    );
    if (!hit && !keys.has(w.key) && w.kind !== 'page') {
      // The code was dropped from the title in the Form editor: the same wording and type is
      // the same question (its answers stand in the same column).
      const text = loose(wording(w));
      hit = existing.find(
        (e) =>
          !used.has(e.id) && e.key === '' && e.type === TYPE_OF[w.kind] && loose(e.title) === text,
      );
      if (hit) restored.push(`"${hit.title}" → ${w.key}`);
    }
    let id: number;
    if (hit) {
      id = hit.id;
      if (update(hit.item, w, hit.title)) changed++;
    } else {
      id = create(form, w).getId();
      added++;
    }
    used.add(id);
    placed.push(id);
  }
  const unknown = existing
    .filter((e) => !used.has(e.id) && e.key === '' && QUESTION_TYPES.has(e.type))
    .map((e) => e.title);
  for (const e of existing) if (QUESTION_TYPES.has(e.type) && e.key === '') used.add(e.id);
  let removed = 0;
  // Deleted by index, last first, so earlier indices stay valid.
  const ids = form.getItems().map((i) => i.getId());
  for (let i = ids.length - 1; i >= 0; i--)
    if (!used.has(ids[i])) {
      form.deleteItem(i);
      ids.splice(i, 1);
      removed++;
    }
  // Order: only items out of place are moved, by index.
  placed.forEach((id, index) => {
    const at = ids.indexOf(id);
    if (at !== index) {
      form.moveItem(at, index);
      ids.splice(at, 1);
      ids.splice(index, 0, id);
    }
  });
  return { added, removed, changed, restored, unknown };
}

/** Adds an item; the caller keeps only its id (the typed item is not accepted by moveItem). */
function create(form: GoogleAppsScript.Forms.Form, w: WantedItem): { getId(): number } {
  switch (w.kind) {
    case 'list': {
      const i = form.addListItem().setTitle(w.title).setHelpText(w.help).setRequired(w.required);
      if (w.choices?.length) i.setChoiceValues(w.choices);
      return i;
    }
    case 'choice':
      return form
        .addMultipleChoiceItem()
        .setTitle(w.title)
        .setHelpText(w.help)
        .setRequired(w.required)
        .setChoiceValues(w.choices ?? []);
    case 'date':
      return form.addDateItem().setTitle(w.title).setHelpText(w.help).setRequired(w.required);
    case 'text':
      return form.addTextItem().setTitle(w.title).setHelpText(w.help).setRequired(w.required);
    case 'number':
      return form
        .addTextItem()
        .setTitle(w.title)
        .setHelpText(w.help)
        .setRequired(w.required)
        .setValidation(digitsOnly());
    case 'paragraph':
      return form
        .addParagraphTextItem()
        .setTitle(w.title)
        .setHelpText(w.help)
        .setRequired(w.required);
    case 'page':
      return form.addPageBreakItem().setTitle(w.title);
  }
}

/** Digits only, as the contract reads counts: `3`, `03`; not `3.0`, `+3` or `-1`. */
function digitsOnly(): GoogleAppsScript.Forms.TextValidation {
  return FormApp.createTextValidation()
    .setHelpText('Chỉ nhập chữ số, ví dụ 0, 2, 15.')
    .requireTextMatchesPattern('^[0-9]+$')
    .build();
}

/** Brings an item's wording and choices up to date; true when something changed. */
function update(item: GoogleAppsScript.Forms.Item, w: WantedItem, title: string): boolean {
  let changed = false;
  if (title !== w.title) {
    item.setTitle(w.title);
    changed = true;
  }
  if (w.kind === 'page') return changed;
  if (item.getHelpText() !== w.help) {
    item.setHelpText(w.help);
    changed = true;
  }
  if (w.kind === 'list' || w.kind === 'choice') {
    const q = w.kind === 'list' ? item.asListItem() : item.asMultipleChoiceItem();
    const now = q.getChoices().map((c) => c.getValue());
    const want = w.choices ?? [];
    if (want.length && now.join('\u0001') !== want.join('\u0001')) {
      q.setChoiceValues(want);
      changed = true;
    }
  }
  return changed;
}

// FormApp's 2025 publishing model, which @types/google-apps-script does not describe yet
// (reference: Form.isPublished, Form.setPublished, FormApp.create(title, isPublished)).
type Publishable = GoogleAppsScript.Forms.Form & {
  isPublished(): boolean;
  setPublished(enabled: boolean): GoogleAppsScript.Forms.Form;
};

/**
 * A new form, published: forms made after 30 June 2026 start unpublished and accept no answers
 * unless asked otherwise.
 */
export function createPublishedForm(title: string): GoogleAppsScript.Forms.Form {
  const app = FormApp as unknown as {
    create(title: string, isPublished: boolean): GoogleAppsScript.Forms.Form;
  };
  return app.create(title, true);
}

/** Publishes the form when it is not; true when it had to (the office is told). */
export function ensurePublished(form: GoogleAppsScript.Forms.Form): boolean {
  const f = form as Publishable;
  if (f.isPublished()) return false;
  f.setPublished(true);
  return true;
}

/** Whether the form is published (accepts answers). */
export function isPublished(form: GoogleAppsScript.Forms.Form): boolean {
  return (form as Publishable).isPublished();
}
