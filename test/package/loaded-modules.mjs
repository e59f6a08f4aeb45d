// Run as: node --import tsx test/package/loaded-modules.mjs <entry file>
// Prints, as JSON, every package and node: built-in that importing the entry loaded.
import { registerHooks } from 'node:module';

const loaded = new Set();
registerHooks({
  resolve(specifier, context, nextResolve) {
    const result = nextResolve(specifier, context);
    const match = /\/node_modules\/((?:@[^/]+\/)?[^/]+)\//.exec(result.url);
    if (match) loaded.add(match[1]);
    else if (result.url.startsWith('node:')) loaded.add(result.url);
    return result;
  },
});
await import(new URL(process.argv[2], `file://${process.cwd()}/`).href);
console.log(JSON.stringify([...loaded].sort()));
