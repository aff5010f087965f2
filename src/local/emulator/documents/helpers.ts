// Constants, enums and text styles shared by the DocumentApp emulator classes.
import { type GasEnumValue, gasEnum } from '../utilities';

export const CLOSED = 'Document is closed, its contents cannot be updated.';
export const LAST_PARAGRAPH = "Can't remove the last paragraph in a document section.";
export const NOT_DETACHED = 'Element must be detached.';

// ---------------------------------------------------------------------------------------------
// Enums (DT/document).

const HEADINGS = [
  'NORMAL',
  'HEADING1',
  'HEADING2',
  'HEADING3',
  'HEADING4',
  'HEADING5',
  'HEADING6',
  'TITLE',
  'SUBTITLE',
] as const;
const H_ALIGN = ['LEFT', 'CENTER', 'RIGHT', 'JUSTIFY'] as const;
const V_ALIGN = ['BOTTOM', 'CENTER', 'TOP'] as const;
const GLYPHS = [
  'BULLET',
  'HOLLOW_BULLET',
  'SQUARE_BULLET',
  'NUMBER',
  'LATIN_UPPER',
  'LATIN_LOWER',
  'ROMAN_UPPER',
  'ROMAN_LOWER',
] as const;
export const ATTRIBUTES = [
  'BACKGROUND_COLOR',
  'BOLD',
  'BORDER_COLOR',
  'BORDER_WIDTH',
  'CODE',
  'FONT_FAMILY',
  'FONT_SIZE',
  'FOREGROUND_COLOR',
  'HEADING',
  'HEIGHT',
  'HORIZONTAL_ALIGNMENT',
  'INDENT_END',
  'INDENT_FIRST_LINE',
  'INDENT_START',
  'ITALIC',
  'GLYPH_TYPE',
  'LEFT_TO_RIGHT',
  'LINE_SPACING',
  'LINK_URL',
  'LIST_ID',
  'MARGIN_BOTTOM',
  'MARGIN_LEFT',
  'MARGIN_RIGHT',
  'MARGIN_TOP',
  'NESTING_LEVEL',
  'MINIMUM_HEIGHT',
  'PADDING_BOTTOM',
  'PADDING_LEFT',
  'PADDING_RIGHT',
  'PADDING_TOP',
  'PAGE_HEIGHT',
  'PAGE_WIDTH',
  'SPACING_AFTER',
  'SPACING_BEFORE',
  'STRIKETHROUGH',
  'UNDERLINE',
  'VERTICAL_ALIGNMENT',
  'WIDTH',
] as const;
const ELEMENT_TYPES = [
  'BODY_SECTION',
  'COMMENT_SECTION',
  'DATE',
  'DOCUMENT',
  'EQUATION',
  'EQUATION_FUNCTION',
  'EQUATION_FUNCTION_ARGUMENT_SEPARATOR',
  'EQUATION_SYMBOL',
  'FOOTER_SECTION',
  'FOOTNOTE',
  'FOOTNOTE_SECTION',
  'HEADER_SECTION',
  'HORIZONTAL_RULE',
  'INLINE_DRAWING',
  'INLINE_IMAGE',
  'LIST_ITEM',
  'PAGE_BREAK',
  'PARAGRAPH',
  'PERSON',
  'RICH_LINK',
  'TABLE',
  'TABLE_CELL',
  'TABLE_OF_CONTENTS',
  'TABLE_ROW',
  'TEXT',
  'UNSUPPORTED',
] as const;
const TEXT_ALIGN = ['NORMAL', 'SUPERSCRIPT', 'SUBSCRIPT'] as const;

/** One `DocumentApp.Attribute` name. */
export type AttributeName = (typeof ATTRIBUTES)[number];

export const ENUMS = {
  ParagraphHeading: gasEnum(HEADINGS),
  HorizontalAlignment: gasEnum(H_ALIGN),
  VerticalAlignment: gasEnum(V_ALIGN),
  GlyphType: gasEnum(GLYPHS),
  Attribute: gasEnum(ATTRIBUTES),
  ElementType: gasEnum(ELEMENT_TYPES),
  TextAlignment: gasEnum(TEXT_ALIGN),
};

export type EnumTable = Readonly<Record<string, GasEnumValue>>;

/** Attributes whose values are enum values. */
export const ENUM_ATTRS: Record<string, EnumTable> = {
  HEADING: ENUMS.ParagraphHeading,
  HORIZONTAL_ALIGNMENT: ENUMS.HorizontalAlignment,
  VERTICAL_ALIGNMENT: ENUMS.VerticalAlignment,
  GLYPH_TYPE: ENUMS.GlyphType,
};

/** The value named `name` (the model stores enum values by name). */
export const lookup = (table: EnumTable, name: string): GasEnumValue => table[name];

/** The enum value's name, when `value` is one of `table`'s values (identity, as Java enums). */
export function enumValueName(table: EnumTable, value: unknown): string | undefined {
  return Object.values(table).includes(value as GasEnumValue) ? String(value) : undefined;
}

// ---------------------------------------------------------------------------------------------
// The model: plain data, enum values stored by name, so it clones and snapshots trivially.

export type Value = string | number | boolean;
/** Attribute name → value. Style objects are never mutated, only replaced. */
export type Style = Readonly<Record<string, Value>>;
export const EMPTY: Style = Object.freeze({});

export const TEXT_KEYS = new Set([
  'BACKGROUND_COLOR',
  'BOLD',
  'CODE',
  'FONT_FAMILY',
  'FONT_SIZE',
  'FOREGROUND_COLOR',
  'ITALIC',
  'LINK_URL',
  'STRIKETHROUGH',
  'UNDERLINE',
]);
const PARAGRAPH_KEYS = [
  'HEADING',
  'HORIZONTAL_ALIGNMENT',
  'INDENT_END',
  'INDENT_FIRST_LINE',
  'INDENT_START',
  'LEFT_TO_RIGHT',
  'LINE_SPACING',
  'SPACING_AFTER',
  'SPACING_BEFORE',
];
export const OWN_KEYS: Record<string, Set<string>> = {
  PARAGRAPH: new Set(PARAGRAPH_KEYS),
  LIST_ITEM: new Set([...PARAGRAPH_KEYS, 'GLYPH_TYPE', 'NESTING_LEVEL', 'LIST_ID']),
  TABLE: new Set(['BORDER_COLOR', 'BORDER_WIDTH']),
  TABLE_ROW: new Set(['MINIMUM_HEIGHT']),
  TABLE_CELL: new Set([
    'BACKGROUND_COLOR',
    'VERTICAL_ALIGNMENT',
    'PADDING_BOTTOM',
    'PADDING_LEFT',
    'PADDING_RIGHT',
    'PADDING_TOP',
    'WIDTH',
  ]),
  BODY_SECTION: new Set([
    'MARGIN_BOTTOM',
    'MARGIN_LEFT',
    'MARGIN_RIGHT',
    'MARGIN_TOP',
    'PAGE_HEIGHT',
    'PAGE_WIDTH',
  ]),
  HEADER_SECTION: new Set(),
  FOOTER_SECTION: new Set(),
  TEXT: new Set(),
  PAGE_BREAK: new Set(),
  HORIZONTAL_RULE: new Set(),
};
