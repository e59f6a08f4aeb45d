import { htmlDocument } from './html-document.js';

/** `/tiny`: valid HTML whose visible text is well under 100 characters (too thin to be worth keeping). */
export const tinyPage = htmlDocument({ title: 'Soon', body: '<p>Coming soon.</p>' });
