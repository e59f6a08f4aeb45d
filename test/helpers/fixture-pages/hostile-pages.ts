import { FIXTURE_FACTS } from './facts.js';
import { htmlDocument } from './html-document.js';

/**
 * `/hostile/subresources`: real readable text, plus a reference to the canary through every channel a
 * page has to make the browser connect somewhere: subresources, preconnect/prefetch hints, an iframe,
 * CSS, fetch, WebSocket and sendBeacon. Built per start because the URLs carry the canary's real port.
 */
export function hostileSubresourcesPage(canaryOrigin: string): string {
  const webSocketOrigin = canaryOrigin.replace(/^http:/, 'ws:');
  // Each call sits in its own try, so one refused channel does not stop the script before the others.
  const script = `const canary = ${JSON.stringify(canaryOrigin)};
try { fetch(canary + '/fetch').catch(() => {}); } catch {}
try { new WebSocket(${JSON.stringify(`${webSocketOrigin}/ws`)}); } catch {}
try { navigator.sendBeacon(canary + '/beacon', 'leak'); } catch {}`;
  return htmlDocument({
    title: 'A short history of calculating machines',
    head: `<link rel="preconnect" href="${canaryOrigin}">
<link rel="prefetch" href="${canaryOrigin}/prefetch">
<link rel="icon" href="${canaryOrigin}/favicon.ico">
<link rel="stylesheet" href="${canaryOrigin}/style.css">
<script src="${canaryOrigin}/script.js"></script>
<style>.hero{min-height:40px;background-image:url(${canaryOrigin}/background.png)}</style>`,
    body: `<main>
<div class="hero"><h1>A short history of calculating machines</h1></div>
<img src="${canaryOrigin}/image.png" alt="An engine" width="40" height="40">
<p>This essay traces the ${FIXTURE_FACTS.hostileMarker}, from the abacus and Napier's bones to the
stepped reckoner, the arithmometer and the difference engine. Each machine automated a little more of
the work that human computers did by hand: first the carrying of digits, then whole additions, then
the tabulation of polynomials by the method of finite differences.</p>
<p>The analytical engine went further. It separated the store, which held numbers, from the mill,
which operated on them, and it read its instructions from punched cards, so the same machine could
follow different programs. Commentators at the time saw that such an engine might act on any objects
whose relations could be expressed symbolically, not only on numbers.</p>
<iframe src="${canaryOrigin}/frame" title="Related reading" width="40" height="40"></iframe>
</main>
<script>${script}</script>`,
  });
}

/** `/hostile/meta-refresh`: an immediate meta refresh to the canary, with almost no text. */
export function hostileMetaRefreshPage(canaryOrigin: string): string {
  return htmlDocument({
    title: 'Moved',
    head: `<meta http-equiv="refresh" content="0;url=${canaryOrigin}/refresh">`,
    body: '<p>Redirecting.</p>',
  });
}

/** `/hostile/js-redirect`: a script that navigates to the canary after 10 ms. */
export function hostileJsRedirectPage(canaryOrigin: string): string {
  return htmlDocument({
    title: 'Loading',
    body: `<p>Loading the page.</p>
<script>setTimeout(() => { location.href = ${JSON.stringify(`${canaryOrigin}/js-redirect`)}; }, 10);</script>`,
  });
}
