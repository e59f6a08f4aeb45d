// Starts the test kit's fixture world and keeps it up until Ctrl-C, for trying the CLI offline.
// Usage: bash scripts/run-example.sh scripts/fixture-world.ts [port] [template file]
import { writeFileSync } from 'node:fs';
import { startFixtureWorld } from 'scribe-pipeline/testing';

const [port = '8400', templateFile = 'fixture-template.txt'] = process.argv.slice(2);
const world = await startFixtureWorld({ port: Number(port) });
writeFileSync(templateFile, world.template);
console.log(`fixture world at ${world.origin}; its template is in ${templateFile}; Ctrl-C stops it`);
process.on('SIGINT', () => void world.close().then(() => process.exit(0)));
