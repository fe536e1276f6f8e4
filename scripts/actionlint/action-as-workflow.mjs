// Prints a composite action (action.yml) as an equivalent workflow, so actionlint, which lints
// workflows only, checks its steps: the action's inputs become workflow_dispatch inputs (so
// `inputs.*` is typed), its outputs job outputs, its steps one job's steps.
// Usage: node action-as-workflow.mjs action.yml > action-as-workflow.yml
import fs from 'node:fs';
import { parse, stringify } from 'yaml';

const file = process.argv[2];
const action = parse(fs.readFileSync(file, 'utf8'));
if (action?.runs?.using !== 'composite' || !Array.isArray(action.runs.steps)) {
  console.error(`${file}: not a composite action (runs.using: composite with steps)`);
  process.exit(1);
}
const inputs = {};
for (const [name, input] of Object.entries(action.inputs ?? {})) {
  if (!input?.description) {
    console.error(`${file}: input ${name} has no description`);
    process.exit(1);
  }
  inputs[name] = { description: input.description, required: Boolean(input.required), default: input.default ?? '', type: 'string' };
}
const outputs = {};
for (const [name, output] of Object.entries(action.outputs ?? {})) {
  if (!output?.value) {
    console.error(`${file}: output ${name} has no value`);
    process.exit(1);
  }
  outputs[name] = output.value;
}
for (const [i, step] of action.runs.steps.entries()) {
  if (step.run && !step.shell) {
    console.error(`${file}: step ${i + 1} runs a script without \`shell:\`, which composite actions require`);
    process.exit(1);
  }
}
const workflow = {
  name: `${action.name} (action.yml as a workflow)`,
  on: { workflow_dispatch: { inputs } },
  permissions: { contents: 'read', pages: 'write' },
  jobs: { action: { 'runs-on': 'ubuntu-latest', outputs, steps: action.runs.steps } },
};
process.stdout.write(`# Generated from ${file} for actionlint.\n${stringify(workflow)}`);
