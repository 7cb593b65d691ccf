// citation-js reads a .bib on stdin (as biblatex) and prints its CSL-JSON items; see tests/citationjs.py.
const { Cite } = require('@citation-js/core');
require('@citation-js/plugin-bibtex');
let text = '';
process.stdin.on('data', (d) => { text += d; });
process.stdin.on('end', () => {
  const items = new Cite(text, { forceType: '@biblatex/text' }).data.map(({ _graph, ...item }) => item);
  process.stdout.write(JSON.stringify(items));
});
