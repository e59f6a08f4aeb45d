/** The few DOM members {@link blockTextOf} reads; linkedom's and a browser's nodes both have them. */
export interface DomNodeLike {
  nodeType: number;
  nodeValue: string | null;
  nodeName: string;
  firstChild: DomNodeLike | null;
  nextSibling: DomNodeLike | null;
  getAttribute?: (name: string) => string | null;
}

/**
 * The visible text under `root` with block structure kept: a blank line around paragraphs,
 * headings, list items' lists and sections, a line break for `<br>`, list items and table rows.
 * Skips scripts, styles, templates, embedded objects and form controls, and anything marked
 * hidden (`hidden`, `aria-hidden="true"`, inline `display:none` / `visibility:hidden`), so text a
 * page hides from people does not reach the summariser either.
 *
 * `textContent` runs adjoining blocks together (`</p><p>` gives "end.Start"), which is why
 * extraction uses this instead. Iterative, so a hostile page nested 100,000 deep cannot overflow
 * the stack. It uses no imports and no outer variables, so its source can be evaluated in a page.
 */
export function blockTextOf(root: DomNodeLike): string {
  const skipped = new Set(
    [
      'SCRIPT STYLE NOSCRIPT TEMPLATE HEAD TITLE META LINK SVG MATH CANVAS',
      'IFRAME OBJECT EMBED VIDEO AUDIO SELECT OPTION TEXTAREA INPUT BUTTON',
    ]
      .join(' ')
      .split(' '),
  );
  const paragraphs = new Set(
    [
      'P H1 H2 H3 H4 H5 H6 UL OL DL TABLE BLOCKQUOTE PRE SECTION ARTICLE',
      'ASIDE HEADER FOOTER NAV MAIN FIGURE ADDRESS HR FORM FIELDSET',
    ]
      .join(' ')
      .split(' '),
  );
  const lines = new Set('DIV LI TR DT DD FIGCAPTION CAPTION BODY CENTER DETAILS SUMMARY'.split(' '));
  const cells = new Set(['TD', 'TH']);
  const hiddenStyle = /(?:^|;)\s*(?:display\s*:\s*none|visibility\s*:\s*hidden)\s*(?:!important\s*)?(?:;|$)/i;

  const out: string[] = [];
  // Strings on the stack are separators to emit once an element's children are done.
  const stack: (DomNodeLike | string)[] = [root];
  while (stack.length > 0) {
    const item = stack.pop() as DomNodeLike | string;
    if (typeof item === 'string') {
      out.push(item);
      continue;
    }
    if (item.nodeType === 3) {
      out.push((item.nodeValue ?? '').replace(/\s+/g, ' '));
      continue;
    }
    // Elements (1), documents (9) and fragments (11) have children worth reading; comments do not.
    if (item.nodeType !== 1 && item.nodeType !== 9 && item.nodeType !== 11) continue;
    const name = item.nodeName.toUpperCase();
    if (item.nodeType === 1) {
      if (skipped.has(name)) continue;
      const attribute = (attributeName: string) => item.getAttribute?.(attributeName) ?? null;
      if (attribute('hidden') !== null || attribute('aria-hidden') === 'true') continue;
      if (hiddenStyle.test(attribute('style') ?? '')) continue;
      if (name === 'BR') {
        out.push('\n');
        continue;
      }
    }
    const separator = paragraphs.has(name) ? '\n\n' : lines.has(name) ? '\n' : cells.has(name) ? ' ' : '';
    out.push(separator);
    stack.push(separator);
    // Sibling links, not `childNodes`: linkedom rebuilds `childNodes` on every access, which made
    // a 2 MB page take minutes.
    const children: DomNodeLike[] = [];
    for (let child = item.firstChild; child !== null; child = child.nextSibling) children.push(child);
    for (let index = children.length - 1; index >= 0; index -= 1) stack.push(children[index] as DomNodeLike);
  }
  return out.join('');
}
