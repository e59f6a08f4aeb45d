import { htmlDocument } from './html-document.js';

/** The body of `/missing` and of any path the site does not know, served with status 404. */
export const missingPage = htmlDocument({
  title: 'Page not found',
  body: '<h1>Page not found</h1>\n<p>The page you asked for does not exist.</p>',
});
