import type { ServerResponse } from 'node:http';
import { downloadBody, jsonBody, pdfBody } from './binary-bodies.js';
import { endlessJsPage } from './endless-js-page.js';
import { facultyPage } from './faculty-page.js';
import { hostileJsRedirectPage, hostileMetaRefreshPage, hostileSubresourcesPage } from './hostile-pages.js';
import { streamHugePage } from './huge-page.js';
import { labPage } from './lab-page.js';
import { missingPage } from './missing-page.js';
import { newsAwardPage } from './news-award-page.js';
import { privateNotesPage } from './private-notes-page.js';
import { tinyPage } from './tiny-page.js';

/** What a route needs to know about the running fixture. */
export interface RouteContext {
  canaryOrigin: string;
  /** Called with each chunk size `/huge` hands to the socket. */
  onHugeBytesSent: (bytes: number) => void;
}

/** Answers one request to a known path. */
export type RouteHandler = (response: ServerResponse, context: RouteContext) => void;

const HTML = 'text/html; charset=utf-8';

function send(status: number, contentType: string, body: string | Buffer, headers = {}): RouteHandler {
  return (response) => {
    response.writeHead(status, { 'content-type': contentType, ...headers });
    response.end(body);
  };
}

function redirect(location: (context: RouteContext) => string): RouteHandler {
  return (response, context) => {
    response.writeHead(302, { location: location(context), 'content-type': HTML });
    response.end('<p>Found</p>');
  };
}

function perStart(page: (canaryOrigin: string) => string): RouteHandler {
  return (response, context) => send(200, HTML, page(context.canaryOrigin))(response, context);
}

/** Every path the fixture site serves; anything else gets {@link notFound}. */
export const routes: ReadonlyMap<string, RouteHandler> = new Map<string, RouteHandler>([
  ['/robots.txt', send(200, 'text/plain; charset=utf-8', 'User-agent: *\nDisallow: /private/\n')],
  ['/faculty/ada-lovelace', send(200, HTML, facultyPage)],
  ['/lab', send(200, HTML, labPage)],
  ['/news/award', send(200, HTML, newsAwardPage)],
  ['/private/notes', send(200, HTML, privateNotesPage)],
  [
    '/slow',
    (response) => {
      // Headers and a first fragment go out now; the body never ends, so only close() frees the socket.
      response.writeHead(200, { 'content-type': HTML });
      response.write('<!doctype html>\n<html><head><title>Slow</title></head><body><p>Loading');
    },
  ],
  ['/missing', send(404, HTML, missingPage)],
  ['/paper.pdf', send(200, 'application/pdf', pdfBody)],
  [
    '/download',
    send(200, 'application/octet-stream', downloadBody, {
      'content-disposition': 'attachment; filename="data.bin"',
    }),
  ],
  ['/redirect/chain', redirect(() => '/redirect/hop2')],
  ['/redirect/hop2', redirect(() => '/news/award')],
  ['/redirect/to-canary', redirect(({ canaryOrigin }) => `${canaryOrigin}/stolen`)],
  ['/redirect/to-canary-late', redirect(() => '/redirect/to-canary')],
  // Link-local cloud metadata: never reachable here, and the guard must refuse before any connect.
  ['/redirect/to-metadata', redirect(() => 'http://169.254.169.254/latest/meta-data/')],
  ['/hostile/subresources', perStart(hostileSubresourcesPage)],
  ['/hostile/meta-refresh', perStart(hostileMetaRefreshPage)],
  ['/hostile/js-redirect', perStart(hostileJsRedirectPage)],
  [
    '/huge',
    (response, { onHugeBytesSent }) => {
      void streamHugePage(response, onHugeBytesSent);
    },
  ],
  ['/endless-js', send(200, HTML, endlessJsPage)],
  ['/json', send(200, 'application/json; charset=utf-8', jsonBody)],
  ['/tiny', send(200, HTML, tinyPage)],
]);

/** The answer to any path not in {@link routes}. */
export const notFound: RouteHandler = send(404, HTML, missingPage);
