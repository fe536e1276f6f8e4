// Writes a 200-node roadmap with requirement edges into <dir>/content (and its waymark.yaml):
// 4 sections × 5 groups × 9 topics. Within a group each topic requires the one before now
// and then; each group's first topic requires the last of the group before; every section
// but the first requires a topic of the previous section. Statuses follow a fixed pattern,
// so the map shows done, in-progress, blocked and unlocked boxes, with reviews on.
// Usage: node gen-paths.mjs <dir>
import fs from 'node:fs';
import path from 'node:path';

const dir = process.argv[2];
if (!dir) { console.error('usage: node gen-paths.mjs <dir>'); process.exit(2); }
const content = path.join(dir, 'content');
const names = ['Basics', 'Data', 'Services', 'Operations'];
const groups = ['Core ideas', 'Tools', 'Practice', 'Patterns', 'Going deeper'];
const write = (file, text) => {
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, text);
};
write(path.join(dir, 'waymark.yaml'), 'title: Paths at 200 nodes\nreview: { intervals: [3, 7, 21, 60, 180] }\n');
names.forEach((section, s) => {
  const sid = section.toLowerCase();
  write(path.join(content, `${s + 1}-${sid}`, '_index.md'), `---\ntitle: ${section}\n---\n`);
  groups.forEach((group, g) => {
    const gid = group.toLowerCase().replace(/ /g, '-');
    write(path.join(content, `${s + 1}-${sid}`, `${g + 1}-${gid}`, '_index.md'), `---\ntitle: ${group}\n---\n`);
    for (let t = 0; t < 9; t++) {
      const n = (s * 5 + g) * 9 + t;
      const status = n < 40 ? 'done' : n % 7 === 0 ? 'in-progress' : n % 11 === 0 ? 'skipped' : 'not-started';
      const reqs = [];
      if (t > 0 && t % 3 !== 0) reqs.push(`${sid}/${gid}/topic-${s}-${g}-${t - 1}`);
      if (t === 0 && g > 0) reqs.push(`${sid}/${groups[g - 1].toLowerCase().replace(/ /g, '-')}/topic-${s}-${g - 1}-8`);
      if (t === 4 && g === 0 && s > 0) reqs.push(`${names[s - 1].toLowerCase()}/core-ideas/topic-${s - 1}-0-4`);
      const done = status === 'done' ? `completed: 2026-11-${String(1 + (n % 28)).padStart(2, '0')}\n` : '';
      const title = t === 5 ? `Topic ${s}.${g}.${t} with a longer title that wraps` : `Topic ${s}.${g}.${t}`;
      write(path.join(content, `${s + 1}-${sid}`, `${g + 1}-${gid}`, `${t + 1}-topic-${s}-${g}-${t}.md`),
        `---\ntitle: "${title}"\nstatus: ${status}\n${done}${reqs.length ? `requires: [${reqs.join(', ')}]\n` : ''}---\n`);
    }
  });
});
