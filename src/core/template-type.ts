/**
 * What kind of email a template is: it decides which enrichment steps run.
 *
 * @example
 * ```ts
 * const kind = z.enum(TEMPLATE_TYPES); // 'research' | 'book' | 'general'
 * ```
 */
export const TEMPLATE_TYPES = ['research', 'book', 'general'] as const;

/** `research` (about the recipient's papers), `book` (about a book they wrote) or `general`. */
export type TemplateType = (typeof TEMPLATE_TYPES)[number];
