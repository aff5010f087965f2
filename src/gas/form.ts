// The inspection Form built from the checklist, and kept in step with it in place (never a second form).
/// <reference types="google-apps-script" />

import { LABELS } from '../core/answers';
import { itemTitle } from '../core/checklist';
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

export const UNIT_TITLE = 'Đơn vị được kiểm tra';
export const DATE_TITLE = 'Ngày kiểm tra';
export const LEADER_TITLE = 'Trưởng đoàn';

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
  const note = /^Ghi chú nhóm\s+(\S+)$/.exec(title);
  if (note) return `note:${note[1]}`;
  const code = /^([A-Za-z][A-Za-z0-9]*)\./.exec(title);
  return code ? code[1] : '';
}

/** Makes the form's items match `wanted`: updates in place, adds what is missing, removes what left the checklist, orders. */
export function syncItems(
  form: GoogleAppsScript.Forms.Form,
  wanted: readonly WantedItem[],
): { added: number; removed: number; changed: number } {
  const existing = form
    .getItems()
    .map((item) => ({ item, type: String(item.getType()), title: item.getTitle() }));
  const used = new Set<GoogleAppsScript.Forms.Item>();
  let added = 0;
  let changed = 0;
  const placed: GoogleAppsScript.Forms.Item[] = [];
  for (const w of wanted) {
    const hit = existing.find(
      (e) => !used.has(e.item) && keyOf(e.title, e.type) === w.key && e.type === TYPE_OF[w.kind],
    );
    let item: GoogleAppsScript.Forms.Item;
    if (hit) {
      item = hit.item;
      if (update(item, w, hit.title)) changed++;
    } else {
      item = create(form, w);
      added++;
    }
    used.add(item);
    placed.push(item);
  }
  let removed = 0;
  for (const e of existing)
    if (!used.has(e.item)) {
      form.deleteItem(e.item);
      removed++;
    }
  // Order: only items out of place are moved.
  const ids = form.getItems().map((i) => i.getId());
  placed.forEach((item, index) => {
    const id = item.getId();
    if (ids[index] !== id) {
      form.moveItem(item, index);
      ids.splice(ids.indexOf(id), 1);
      ids.splice(index, 0, id);
    }
  });
  return { added, removed, changed };
}

function create(form: GoogleAppsScript.Forms.Form, w: WantedItem): GoogleAppsScript.Forms.Item {
  switch (w.kind) {
    case 'list': {
      const i = form.addListItem().setTitle(w.title).setHelpText(w.help).setRequired(w.required);
      if (w.choices?.length) i.setChoiceValues(w.choices);
      return i as unknown as GoogleAppsScript.Forms.Item;
    }
    case 'choice':
      return form
        .addMultipleChoiceItem()
        .setTitle(w.title)
        .setHelpText(w.help)
        .setRequired(w.required)
        .setChoiceValues(w.choices ?? []) as unknown as GoogleAppsScript.Forms.Item;
    case 'date':
      return form
        .addDateItem()
        .setTitle(w.title)
        .setHelpText(w.help)
        .setRequired(w.required) as unknown as GoogleAppsScript.Forms.Item;
    case 'text':
      return form
        .addTextItem()
        .setTitle(w.title)
        .setHelpText(w.help)
        .setRequired(w.required) as unknown as GoogleAppsScript.Forms.Item;
    case 'number':
      return form
        .addTextItem()
        .setTitle(w.title)
        .setHelpText(w.help)
        .setRequired(w.required)
        .setValidation(digitsOnly()) as unknown as GoogleAppsScript.Forms.Item;
    case 'paragraph':
      return form
        .addParagraphTextItem()
        .setTitle(w.title)
        .setHelpText(w.help)
        .setRequired(w.required) as unknown as GoogleAppsScript.Forms.Item;
    case 'page':
      return form.addPageBreakItem().setTitle(w.title) as unknown as GoogleAppsScript.Forms.Item;
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
