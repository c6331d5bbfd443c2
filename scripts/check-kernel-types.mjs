#!/usr/bin/env node
// Type-checks test/types/*.ts the way the tslab kernel checks a notebook cell: its own TypeScript,
// module ESNext with the old Node10 resolution (package.json `types`, no `exports` map), lib es2022
// without DOM. A public type that only compiles under NodeNext would break every notebook.
import { createRequire } from 'node:module';
import { readdirSync } from 'node:fs';
import { join, resolve } from 'node:path';

// tslab compiles cells with its own fork, @tslab/typescript-for-tslab (TypeScript 5.0).
const require = createRequire(resolve('node_modules/tslab/package.json'));
const ts = require('@tslab/typescript-for-tslab');
const files = readdirSync('test/types').filter((f) => f.endsWith('.ts')).map((f) => join('test/types', f));
const program = ts.createProgram(files, {
  module: ts.ModuleKind.ESNext,
  moduleResolution: ts.ModuleResolutionKind.Node10,
  esModuleInterop: true,
  target: ts.ScriptTarget.ES2022,
  lib: ['lib.es2022.d.ts'],
  strict: true,
  noEmit: true,
  skipLibCheck: true,
  // Resolve 'journal-lens' as a notebook does: notebooks/node_modules/journal-lens → the repo root
  // (scripts/setup makes that link), then its package.json `types`.
  baseUrl: 'notebooks/node_modules',
});
const diagnostics = ts.getPreEmitDiagnostics(program);
for (const d of diagnostics) {
  const where = d.file ? `${d.file.fileName}:${d.file.getLineAndCharacterOfPosition(d.start ?? 0).line + 1}: ` : '';
  console.error(`${where}${ts.flattenDiagnosticMessageText(d.messageText, '\n')}`);
}
if (diagnostics.length) {
  console.error(`kernel type check (TypeScript ${ts.version}, Node10 resolution): ${diagnostics.length} error(s)`);
  process.exit(1);
}
console.log(`kernel type check (TypeScript ${ts.version}, Node10 resolution): ${files.length} file(s) ok`);
