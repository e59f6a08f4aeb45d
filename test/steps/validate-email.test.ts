import { describe, expect, it } from 'vitest';
import { type EmailValidationInput, validateEmail } from '../../src/index.js';
import { goodLovelaceEmail, lovelacePapers, researchTemplate } from '../helpers/steps.js';

const base: EmailValidationInput = {
  email: goodLovelaceEmail,
  recipientName: 'Dr. Ada Lovelace',
  emailTemplate: researchTemplate,
  templateType: 'research',
  placeholders: ['{{professor_name}}', '{{research_area}}', '{{paper_reference}}', '[Your Name]'],
  papers: lovelacePapers,
  scrapedContent: '[PAGE 1] Ada Lovelace wrote "Notes on the Engine: A Translation" in 1843.',
};

const filler =
  'I have followed the field for two years and built small prototypes in my own time, which taught me how much careful design matters for machines that manipulate symbols.';

/** The good email with `text` swapped in for the sentence about the paper. */
function withSentence(text: string): string {
  return goodLovelaceEmail.replace(
    'your paper "Symbolic Computation on Analytical Engines" shaped how I think about my own project',
    text,
  );
}

/** Each row's whole verdict: the issues and warnings expected, in order; an omitted list means none. */
type Case = [
  name: string,
  overrides: Partial<EmailValidationInput>,
  expected: { issues?: RegExp[]; warnings?: RegExp[] },
];

const cases: Case[] = [
  ['a good email passes clean', {}, { issues: [], warnings: [] }],
  [
    'too short',
    { email: 'Dear Professor Lovelace, I liked "Symbolic Computation on Analytical Engines". Thanks.' },
    { issues: [/too short: 11 words/] },
  ],
  [
    'exactly long enough at 50 words',
    { email: `Dear Professor Lovelace, ${'word '.repeat(48)}`.trim(), templateType: 'general' },
    { issues: [] },
  ],
  [
    'too long',
    { email: `${goodLovelaceEmail} ${'x'.repeat(10_001)}` },
    { issues: [/too long: \d+ characters/] },
  ],
  [
    'mustache placeholder left',
    { email: `${goodLovelaceEmail} {{signature}}` },
    { issues: [/unfilled placeholder: \{\{signature\}\}/] },
  ],
  [
    '[INSERT ...] left',
    { email: `${goodLovelaceEmail} [INSERT university]` },
    { issues: [/unfilled placeholder: \[INSERT university\]/] },
  ],
  [
    '[YOUR ...] left, any case',
    { email: `${goodLovelaceEmail} [your phone number]` },
    { issues: [/unfilled placeholder: \[your phone number\]/] },
  ],
  [
    '[...] left',
    { email: `${goodLovelaceEmail} See [...] for details.` },
    { issues: [/unfilled placeholder: \[\.\.\.\]/] },
  ],
  [
    'the template’s own bracket placeholder left verbatim',
    { email: goodLovelaceEmail.replace('Sam Student', '[Your Name]') },
    { issues: [/unfilled placeholder: \[Your Name\]/] },
  ],
  [
    'a parser-listed placeholder left verbatim',
    { email: `${goodLovelaceEmail} RECIPIENT_UNI`, placeholders: ['RECIPIENT_UNI'] },
    { issues: [/unfilled placeholder: RECIPIENT_UNI/] },
  ],
  [
    'recipient not named',
    { email: goodLovelaceEmail.replace('Professor Lovelace', 'Professor') },
    { issues: [/does not name the recipient \(Dr\. Ada Lovelace\)/] },
  ],
  [
    'recipient named with a Dr. prefix in the input and Prof. in the email',
    {
      recipientName: 'Dr. Ada Lovelace',
      email: goodLovelaceEmail.replace('Professor Lovelace', 'Prof. Lovelace'),
    },
    { issues: [] },
  ],
  ['recipient given as "Last, First"', { recipientName: 'Lovelace, Ada' }, { issues: [] }],
  [
    'accented name written without accents',
    {
      recipientName: 'José García-López',
      email: goodLovelaceEmail.replace('Professor Lovelace', 'Professor Garcia'),
    },
    { issues: [] },
  ],
  [
    'unaccented name written with accents',
    {
      recipientName: 'Zoe Angstrom',
      email: goodLovelaceEmail.replace('Professor Lovelace', 'Professor Ångström'),
    },
    { issues: [] },
  ],
  [
    'CJK name',
    {
      recipientName: '张伟',
      email: goodLovelaceEmail.replace('Professor Lovelace', '张伟教授 (Professor 张伟)'),
    },
    { issues: [] },
  ],
  [
    'a name that only appears inside another word does not count',
    { recipientName: 'Ada Love', email: goodLovelaceEmail.replace('Professor Lovelace', 'Professor') },
    { issues: [/does not name the recipient/] },
  ],
  [
    'no provided paper mentioned',
    { email: withSentence(filler) },
    { issues: [/mentions none of the provided papers/] },
  ],
  [
    'paper mentioned in lower case without quotes',
    { email: withSentence('your paper on symbolic computation on analytical engines shaped my project') },
    { issues: [] },
  ],
  [
    'paper mentioned with a plural variant',
    {
      email: withSentence(
        'your work on symbolic computations for analytical engine design shaped my project',
      ),
    },
    { issues: [] },
  ],
  [
    'a short paper title mentioned as a phrase',
    { email: withSentence('your note Bernoulli Numbers by Machine shaped my project') },
    { issues: [] },
  ],
  [
    'papers not required for a general template',
    { templateType: 'general', email: withSentence(filler) },
    { issues: [] },
  ],
  [
    'papers not required when none were provided',
    { papers: [], email: withSentence(filler) },
    { issues: [] },
  ],
  [
    'an invented title in quotes',
    {
      email: withSentence(
        'your paper "Quantum Looms and the Future of Weaving" shaped my project, as did "Symbolic Computation on Analytical Engines"',
      ),
    },
    { issues: [/possibly invented\): "Quantum Looms and the Future of Weaving"/] },
  ],
  [
    'an invented title in curly quotes',
    {
      email: withSentence(
        'your paper “Neural Engines: A Survey of Everything” shaped my project, as did “Symbolic Computation on Analytical Engines”',
      ),
    },
    { issues: [/possibly invented/] },
  ],
  [
    'a quoted title found in the research summary is not invented',
    {
      email: withSentence(
        'your "Notes on the Engine: A Translation" and "Symbolic Computation on Analytical Engines" shaped my project',
      ),
    },
    { issues: [] },
  ],
  [
    'a quoted title with small changes from a provided paper is not invented',
    { email: withSentence('your paper "Symbolic Computations on Analytical Engines" shaped my project') },
    { issues: [] },
  ],
  [
    'quoted ordinary speech is not taken for a title',
    {
      email: withSentence(
        'your advice "start with the simplest thing that could work" shaped my project, like Symbolic Computation on Analytical Engines',
      ),
    },
    { issues: [] },
  ],
  [
    'two generic phrases are tolerated',
    { email: `${goodLovelaceEmail} I came across your profile and admire your impressive work.` },
    { issues: [], warnings: [] },
  ],
  [
    'three generic phrases warn',
    {
      email: `${goodLovelaceEmail} I came across your profile, admire your impressive work and your groundbreaking research.`,
    },
    { issues: [], warnings: [/3 generic phrases/] },
  ],
  [
    'em dashes warn when the template has none',
    { email: goodLovelaceEmail.replace('project, which', 'project — which') },
    { warnings: [/em dashes/] },
  ],
  [
    'em dashes allowed when the template uses them',
    {
      emailTemplate: `${researchTemplate} — P.S.`,
      email: goodLovelaceEmail.replace('project, which', 'project — which'),
    },
    { warnings: [] },
  ],
  [
    'an AI tell warns',
    { email: `${goodLovelaceEmail} I would love to delve deeper.` },
    { warnings: [/"delve"/] },
  ],
  [
    'issues and warnings together',
    { email: `${goodLovelaceEmail.replace('Professor Lovelace', 'Professor')} {{x}} — let us delve.` },
    { issues: [/unfilled placeholder/, /does not name/], warnings: [/em dashes/, /"delve"/] },
  ],
];

describe('validateEmail', () => {
  // Every row is checked in full: a row about issues also fails on a stray warning, and the reverse.
  it.each(cases)('%s', (_name, overrides, { issues = [], warnings = [] }) => {
    const result = validateEmail({ ...base, ...overrides });
    expect(result.issues).toHaveLength(issues.length);
    for (const [index, pattern] of issues.entries()) expect(result.issues[index]).toMatch(pattern);
    expect(result.warnings).toHaveLength(warnings.length);
    for (const [index, pattern] of warnings.entries()) expect(result.warnings[index]).toMatch(pattern);
  });

  it('reports word count and the papers mentioned', () => {
    const result = validateEmail(base);
    expect(result.mentionedPaperTitles).toEqual(['Symbolic Computation on Analytical Engines']);
    expect(result.wordCount).toBe(goodLovelaceEmail.split(/\s+/).length);
  });
});
