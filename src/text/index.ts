export { collapseWhitespace, normalizeText, words } from './normalize.js';
export { familyNameWords, type PersonName, parsePersonName } from './person-name.js';
export { extractPlaceholders, mergePlaceholders, placeholderKey } from './placeholders.js';
export { keywords, STOPWORDS, stemLight } from './stem.js';
export { mentionsTitle, titleMentionScore } from './title-match.js';
