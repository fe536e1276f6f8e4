#!/usr/bin/env bash
# Rebuilds the third-party browser code the default theme ships, from the versions pinned in
# package-lock.json: `bash scripts/theme-assets/build.sh`, then commit what changed under
# themes/default/static/. Waymark embeds those files; nothing is fetched when a site builds.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
static="$here/../../themes/default/static"
cd "$here"
npm ci --ignore-scripts --no-audit --no-fund
version="$(node -p "require('./node_modules/mermaid/package.json').version")"
# The single-file browser build: a classic script, so it loads from file:// too.
cp node_modules/mermaid/dist/mermaid.min.js "$static/mermaid.min.js"
{
    echo "mermaid $version (https://www.npmjs.com/package/mermaid), dist/mermaid.min.js, bundled"
    echo "with waymark's default theme as themes/default/static/mermaid.min.js."
    echo
    cat node_modules/mermaid/LICENSE
    echo
    echo "The file bundles mermaid's dependencies; the packages npm installs with it and their licences:"
    node -e '
      const fs = require("fs");
      for (const d of fs.readdirSync("node_modules").flatMap(n => n.startsWith("@")
          ? fs.readdirSync("node_modules/" + n).map(m => n + "/" + m) : [n])) {
        const f = "node_modules/" + d + "/package.json";
        if (!fs.existsSync(f)) continue;
        const p = JSON.parse(fs.readFileSync(f));
        console.log(`  ${p.name} ${p.version}: ${p.license || "see package"}`);
      }'
} > "$static/mermaid.LICENSE.txt"
ls -l "$static/mermaid.min.js"
