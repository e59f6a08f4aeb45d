import { FIXTURE_FACTS } from './facts.js';

/**
 * A one-page PDF with a correct cross-reference table, so anything that checks the structure (not just
 * the `%PDF-` magic) accepts it.
 */
function buildPdf(): Buffer {
  const text = `(${FIXTURE_FACTS.name}) Tj`;
  const stream = `BT /F1 12 Tf 72 720 Td ${text} ET`;
  const objects = [
    '<< /Type /Catalog /Pages 2 0 R >>',
    '<< /Type /Pages /Kids [3 0 R] /Count 1 >>',
    '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R /Resources << /Font << /F1 5 0 R >> >> >>',
    `<< /Length ${stream.length} >>\nstream\n${stream}\nendstream`,
    '<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>',
  ];
  let body = '%PDF-1.4\n';
  const offsets: number[] = [];
  objects.forEach((object, index) => {
    offsets.push(body.length);
    body += `${index + 1} 0 obj\n${object}\nendobj\n`;
  });
  const xrefOffset = body.length;
  body += `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n`;
  body += offsets.map((offset) => `${String(offset).padStart(10, '0')} 00000 n \n`).join('');
  body += `trailer\n<< /Size ${objects.length + 1} /Root 1 0 R >>\nstartxref\n${xrefOffset}\n%%EOF\n`;
  return Buffer.from(body, 'latin1');
}

/** `/paper.pdf`. */
export const pdfBody = buildPdf();

/** `/download`: arbitrary bytes, served as an attachment. */
export const downloadBody = Buffer.from([0x00, 0x01, 0x02, 0xff, 0xfe, 0x7f, 0x80, 0x0a]);

/** `/json`. */
export const jsonBody = JSON.stringify({
  name: FIXTURE_FACTS.name,
  title: FIXTURE_FACTS.title,
  university: FIXTURE_FACTS.university,
});
