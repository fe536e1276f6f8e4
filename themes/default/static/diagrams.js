// Draws the page's Mermaid diagrams (```mermaid blocks, published as <pre class="mermaid">)
// with the mermaid.min.js the theme bundles, in the colour scheme the system asks for, and
// again when it changes. Loaded only by pages with a diagram; without JavaScript the diagram's
// source stays readable in its <pre>.
(function () {
  'use strict';
  var mermaid = window.mermaid;
  var blocks = Array.prototype.slice.call(document.querySelectorAll('pre.mermaid'));
  if (!mermaid || !blocks.length) return;
  blocks.forEach(function (b) { b.setAttribute('data-source', b.textContent); });
  var dark = window.matchMedia('(prefers-color-scheme: dark)');
  function draw() {
    mermaid.initialize({
      startOnLoad: false,
      securityLevel: 'strict',
      theme: dark.matches ? 'dark' : 'default',
      // Edge labels on the page's own surfaces, so their text keeps its contrast.
      themeVariables: dark.matches
        ? { edgeLabelBackground: '#161b22', textColor: '#e6edf3', lineColor: '#9aa5b1' }
        : { edgeLabelBackground: '#f6f8fa' },
    });
    blocks.forEach(function (b) {
      b.removeAttribute('data-processed');
      b.textContent = b.getAttribute('data-source');
    });
    return mermaid.run({ nodes: blocks }).then(function () {
      document.documentElement.setAttribute('data-diagrams', 'drawn');
    });
  }
  draw();
  if (dark.addEventListener) dark.addEventListener('change', draw);
})();
