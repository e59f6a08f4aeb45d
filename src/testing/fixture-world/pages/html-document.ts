/** The pieces of one fixture HTML page. */
export interface HtmlDocumentParts {
  title: string;
  /** Extra markup inside <head> (meta tags, styles, links). */
  head?: string;
  body: string;
}

/** Wraps a page's parts in a full HTML5 document, so every fixture page parses the same way. */
export function htmlDocument({ title, head = '', body }: HtmlDocumentParts): string {
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${title}</title>
${head}
</head>
<body>
${body}
</body>
</html>
`;
}
