// citeproc-js driver for training/render.py: one JSON job per stdin line, one JSON answer per line.
// Job: {style: <CSL XML>, lang: "de-DE", force: bool, locales: {tag: <XML>}, items: {id: CSL-JSON},
//       notes: [[{id, locator?, label?, prefix?, suffix?}, ...], ...]}
// Answer: {notes: [text | null, ...]} or {error: message}. Notes are cited in order, one note each
// (noteIndex 1, 2, ...), so citeproc-js itself decides first / subsequent / ibid positions.
// A job with `bibliography: true` (an in-text style) gets {entries: [text, ...], ids: [id, ...]}:
// the style's reference list of all its items, in the style's own order.
"use strict";
const CSL = require("citeproc");
const readline = require("readline");

function render(job) {
  const sys = {
    retrieveLocale: (tag) => job.locales[tag] || job.locales[tag.split("-")[0]] || null,
    retrieveItem: (id) => job.items[id],
  };
  const engine = new CSL.Engine(sys, job.style, job.lang, job.force);
  engine.setOutputFormat("text");
  engine.updateItems(Object.keys(job.items));
  if (job.bibliography) {
    const [meta, entries] = engine.makeBibliography();
    return { entries: entries, ids: meta.entry_ids.map((ids) => ids[0]) };
  }
  const out = [];
  job.notes.forEach((cites, k) => {
    try {
      const citation = { citationItems: cites, properties: { noteIndex: k + 1 } };
      const res = engine.appendCitationCluster(citation, true);
      const mine = res.find((r) => r[0] === k) || res[res.length - 1];
      out.push(mine ? mine[1] : null);
    } catch (e) {
      out.push(null);
    }
  });
  return { notes: out };
}

const rl = readline.createInterface({ input: process.stdin, crlfDelay: Infinity });
rl.on("line", (line) => {
  if (!line.trim()) return;
  let answer;
  try {
    answer = render(JSON.parse(line));
  } catch (e) {
    answer = { error: String(e && e.message ? e.message : e).slice(0, 300) };
  }
  process.stdout.write(JSON.stringify(answer) + "\n");
});
