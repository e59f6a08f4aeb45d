/** Phrases that make an outreach email read like a mail merge. More than two is a warning. */
export const GENERIC_PHRASES: readonly string[] = [
  'your impressive work',
  'your impressive research',
  'i came across your profile',
  'i came across your work',
  'i came across your research',
  'your groundbreaking work',
  'your groundbreaking research',
  'your fascinating work',
  'your fascinating research',
  'your work is truly inspiring',
  'your esteemed',
  'cutting edge research',
  'i am writing to express my interest',
  'i have always been passionate',
  'i hope this email finds you well',
  'i am deeply fascinated',
  'renowned expert',
  'your valuable time',
];

/** Words and habits that give away generated text; flagged only when the template does not use them itself. */
export const AI_TELLS: readonly string[] = [
  'delve',
  'tapestry',
  'testament to',
  'in today s fast paced',
  'navigate the complexities',
  'ever evolving',
  'rich tapestry',
  'i am thrilled',
  'game changer',
];
