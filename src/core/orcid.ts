// An ORCID iD is 16 characters in four groups of four; the last is an ISO 7064 MOD 11-2 check
// character (0-9 or X). People paste it bare or as a URL, so both forms are accepted.
const ORCID_PATTERN = /^(?:https?:\/\/orcid\.org\/)?(\d{4})-?(\d{4})-?(\d{4})-?(\d{3}[\dXx])$/;

/**
 * The bare ORCID iD (`0000-0002-1825-0097`) from a bare or URL form, or `undefined` when the
 * text is not shaped like one or its check character is wrong.
 *
 * @example
 * ```ts
 * normalizeOrcid('https://orcid.org/0000-0002-1825-0097'); // '0000-0002-1825-0097'
 * normalizeOrcid('0000-0002-1825-0098'); // undefined (bad checksum)
 * ```
 */
export function normalizeOrcid(text: string): string | undefined {
  const match = ORCID_PATTERN.exec(text.trim());
  if (!match) return undefined;
  const digits = match.slice(1, 5).join('').toUpperCase();
  return orcidCheckCharacter(digits.slice(0, 15)) === digits[15]
    ? `${digits.slice(0, 4)}-${digits.slice(4, 8)}-${digits.slice(8, 12)}-${digits.slice(12)}`
    : undefined;
}

// ISO 7064 MOD 11-2 as ORCID documents it.
function orcidCheckCharacter(baseDigits: string): string {
  let total = 0;
  for (const digit of baseDigits) total = (total + Number(digit)) * 2;
  const result = (12 - (total % 11)) % 11;
  return result === 10 ? 'X' : String(result);
}
