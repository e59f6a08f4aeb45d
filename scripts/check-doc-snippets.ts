// Type-checks every ```ts block of README.md and docs/*.md, so a snippet cannot drift from the
// API (a wrong signature once sent a user's emails to the default table). Each block becomes a
// module; names it uses without importing or declaring them come from a prelude: the library's
// exports (from the entry that has them) and a few values the prose stands for (`model`,
// `input`, `steps`...), declared with their real types. A block that is only part of a statement
// is marked `<!-- snippet: fragment -->` on the line before and left out, as is one that needs
// packages the project does not install (`<!-- snippet: unchecked, needs ... -->`).
//
//   node --import tsx scripts/check-doc-snippets.ts
import { mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const out = join(root, 'node_modules/.cache/doc-snippets');

// The entry that holds each exported name: the first entry listed wins.
const ENTRIES: Record<string, string> = {
  'scribe-pipeline': 'src/index.ts',
  'scribe-pipeline/search': 'src/search/index.ts',
  'scribe-pipeline/papers': 'src/papers/index.ts',
  'scribe-pipeline/web': 'src/web/index.ts',
  'scribe-pipeline/llm': 'src/llm/index.ts',
  'scribe-pipeline/telemetry': 'src/core/telemetry/index.ts',
  'scribe-pipeline/testing': 'src/testing/index.ts',
  'scribe-pipeline/postgres': 'src/persistence/postgres/index.ts',
  'scribe-pipeline/bullmq': 'src/queue/index.ts',
};
// Values the prose stands for, with the types a host would have.
const AMBIENT: Record<string, string> = {
  model: "import('ai').LanguageModel",
  fastModel: "import('ai').LanguageModel",
  strongModel: "import('ai').LanguageModel",
  input: "import('scribe-pipeline').PipelineInput",
  steps: "import('scribe-pipeline').PipelineStage[]",
  persistence: "import('scribe-pipeline').PersistenceAdapter",
  data: "import('scribe-pipeline').PipelineData",
  search: "import('scribe-pipeline/search').SearchProvider",
  apiKey: 'string',
  signal: 'AbortSignal',
  connectionString: 'string',
  connection: "import('bullmq').ConnectionOptions",
  logger: '{ info(...args: unknown[]): void; error(...args: unknown[]): void }',
  request: '{ body: { taskId: string; name: string; interest: string; template: string } }',
  myAdapter: "() => import('scribe-pipeline').PersistenceAdapter",
  myCheckpointStore: "() => import('scribe-pipeline').CheckpointStore",
  myStep: "import('scribe-pipeline').PipelineStep",
  wordCount: "import('scribe-pipeline').PipelineStep<{ wordCount: number }>",
  expect: "typeof import('vitest').expect",
  it: "typeof import('vitest').it",
  openai: "typeof import('@ai-sdk/openai').openai",
};

const typeOnly = new Map<string, boolean>();

function exportedNames(): Map<string, string> {
  const program = ts.createProgram(
    Object.values(ENTRIES).map((file) => join(root, file)),
    {
      module: ts.ModuleKind.NodeNext,
      moduleResolution: ts.ModuleResolutionKind.NodeNext,
      target: ts.ScriptTarget.ES2023,
      skipLibCheck: true,
    },
  );
  const checker = program.getTypeChecker();
  const names = new Map<string, string>();
  for (const [specifier, file] of Object.entries(ENTRIES)) {
    const source = program.getSourceFile(join(root, file));
    const symbol = source && checker.getSymbolAtLocation(source);
    for (const exported of symbol ? checker.getExportsOfModule(symbol) : []) {
      const target = exported.flags & ts.SymbolFlags.Alias ? checker.getAliasedSymbol(exported) : exported;
      if (!names.has(exported.name)) typeOnly.set(exported.name, (target.flags & ts.SymbolFlags.Value) === 0);
      if (!names.has(exported.name)) names.set(exported.name, specifier);
    }
  }
  return names;
}

interface Snippet {
  file: string;
  line: number;
  code: string;
}

function snippets(): Snippet[] {
  const files = [
    'README.md',
    ...readdirSync(join(root, 'docs'))
      .filter((name) => name.endsWith('.md'))
      .map((name) => `docs/${name}`),
  ];
  return files.flatMap((file) => {
    const text = readFileSync(join(root, file), 'utf8');
    return [...text.matchAll(/(^|\n)(<!-- snippet: [^>]*-->\n)?```ts\n([\s\S]*?)```/g)].flatMap((match) => {
      if (match[2]) return [];
      const line = text.slice(0, (match.index ?? 0) + (match[1]?.length ?? 0)).split('\n').length + 1;
      return [{ file, line, code: match[3] as string }];
    });
  });
}

function prelude(code: string, exported: Map<string, string>): string {
  const declared = new Set<string>();
  for (const match of code.matchAll(
    /\b(?:const|let|var|using|function|class|interface|type|enum)\s+([A-Za-z_$][\w$]*)/g,
  )) {
    declared.add(match[1] as string);
  }
  for (const match of code.matchAll(/import\s+(?:type\s+)?\{([^}]*)\}/g)) {
    for (const part of (match[1] as string).split(',')) {
      const name = part
        .trim()
        .replace(/^type\s+/, '')
        .split(/\s+as\s+/)
        .pop()
        ?.trim();
      if (name) declared.add(name);
    }
  }
  for (const match of code.matchAll(/import\s+(?:\*\s+as\s+)?([A-Za-z_$][\w$]*)\s+from/g))
    declared.add(match[1] as string);
  for (const match of code.matchAll(/\{([^}]*)\}\s*=/g)) {
    for (const part of (match[1] as string).split(',')) {
      const name = part.split(':').pop()?.trim().replace(/=.*$/, '').trim();
      if (name && /^[A-Za-z_$][\w$]*$/.test(name)) declared.add(name);
    }
  }
  const used = new Set(code.match(/[A-Za-z_$][\w$]*/g) ?? []);
  const bySpecifier = new Map<string, string[]>();
  for (const name of used) {
    if (declared.has(name)) continue;
    const specifier = exported.get(name);
    if (specifier !== undefined) bySpecifier.set(specifier, [...(bySpecifier.get(specifier) ?? []), name]);
  }
  const lines = [...bySpecifier].map(
    ([specifier, names]) =>
      `import { ${names.map((name) => (typeOnly.get(name) ? `type ${name}` : name)).join(', ')} } from '${specifier}';`,
  );
  for (const [name, type] of Object.entries(AMBIENT)) {
    if (used.has(name) && !declared.has(name) && !exported.has(name))
      lines.push(`declare const ${name}: ${type};`);
  }
  return `${lines.join('\n')}\n`;
}

rmSync(out, { recursive: true, force: true });
mkdirSync(out, { recursive: true });
const exported = exportedNames();
const written = new Map<string, Snippet>();
for (const [index, snippet] of snippets().entries()) {
  const name = `${snippet.file.replace(/[/.]/g, '_')}_${snippet.line}.ts`;
  const head = prelude(snippet.code, exported);
  written.set(name, snippet);
  writeFileSync(join(out, name), `${head}export {};\n// ${snippet.file}:${snippet.line}\n${snippet.code}`);
  void index;
}
writeFileSync(
  join(out, 'tsconfig.json'),
  JSON.stringify({ extends: '../../../tsconfig.json', include: ['*.ts'] }),
);

const config = ts.getParsedCommandLineOfConfigFile(
  join(out, 'tsconfig.json'),
  {},
  { ...ts.sys, onUnRecoverableConfigFileDiagnostic: () => {} },
);
if (!config) throw new Error('could not read the snippets tsconfig');
const program = ts.createProgram(config.fileNames, config.options);
const problems = ts.getPreEmitDiagnostics(program).flatMap((diagnostic) => {
  const file = diagnostic.file;
  if (!file?.fileName.startsWith(out)) return [];
  const snippet = written.get(file.fileName.slice(out.length + 1));
  const { line } = file.getLineAndCharacterOfPosition(diagnostic.start ?? 0);
  const headLines =
    file.text.split('\n').findIndex((text) => text.startsWith('// ') && text.includes('.md:')) + 1;
  const where = snippet ? `${snippet.file}:${snippet.line + line - headLines}` : file.fileName;
  return [`${where}: ${ts.flattenDiagnosticMessageText(diagnostic.messageText, '\n')}`];
});
if (problems.length > 0) {
  console.error(`${problems.length} problem(s) in the docs' code blocks:\n${problems.join('\n')}`);
  process.exit(1);
}
console.log(`${written.size} code blocks in README.md and docs/ type-check`);
