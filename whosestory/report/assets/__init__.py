"""Inline CSS and JavaScript of the HTML report, kept as strings so they ship as code.

They are inlined into every page: the report must work offline from one file.
"""

from __future__ import annotations

REPORT_CSS = """
:root { --ink:#1d232b; --muted:#5b6670; --line:#d8dde2; --paper:#ffffff; --soft:#f4f6f8;
  --accent:#1f6feb; --speaks:#1f4e79; --present:#9cc3e6; --frame:#f6d58e; --role:#c2410c; }
* { box-sizing: border-box; }
html { -webkit-text-size-adjust: 100%; }
body { margin: 0; font: 16px/1.5 system-ui, -apple-system, "Segoe UI", Roboto, Ubuntu, sans-serif;
  color: var(--ink); background: var(--paper); }
main { max-width: 1100px; margin: 0 auto; padding: 1.2rem 1rem 3rem; }
h1 { font-size: 1.7rem; line-height: 1.2; margin: .2rem 0 .3rem; overflow-wrap: anywhere; }
h2 { font-size: 1.3rem; margin: 2.2rem 0 .6rem; border-bottom: 1px solid var(--line);
  padding-bottom: .2rem; }
h3 { font-size: 1.08rem; margin: 1.4rem 0 .4rem; }
p { margin: .4rem 0; }
.meta, .note, figcaption, .legend { color: var(--muted); font-size: .9rem; }
.meta { overflow-wrap: anywhere; }
table.figures { width: auto; min-width: min(100%, 420px); }
.verdicts { display: grid; grid-template-columns: repeat(auto-fit, minmax(220px, 1fr));
  gap: .8rem; margin: 1rem 0; }
.verdict { border: 1px solid var(--line); border-radius: 10px; padding: .8rem .9rem;
  background: var(--soft); }
.verdict .role { font-size: .8rem; text-transform: uppercase; letter-spacing: .05em;
  color: var(--muted); }
.verdict .who { font-size: 1.35rem; font-weight: 700; overflow-wrap: anywhere; }
.verdict .why { font-size: .9rem; color: var(--muted); }
.close { color: var(--role); font-weight: 600; }
.divergence { border-left: 4px solid var(--role); background: #fff7ed; padding: .7rem .9rem;
  border-radius: 0 8px 8px 0; font-size: 1.05rem; }
.agree { border-left: 4px solid var(--accent); background: #eef5ff; padding: .7rem .9rem;
  border-radius: 0 8px 8px 0; }
figure { margin: 1rem 0; break-inside: avoid; }
.scroll { overflow-x: auto; -webkit-overflow-scrolling: touch; }
svg.chart { display: block; max-width: 100%; height: auto; }
svg.network { margin: 0 auto; }
.arcs svg.chart { width: 100%; }
svg text { font: 11px system-ui, sans-serif; fill: var(--ink); }
svg .tick { fill: var(--muted); font-size: 10px; text-anchor: middle; }
svg .label { text-anchor: end; }
svg .stripe { fill: var(--soft); }
svg .speaks { fill: var(--speaks); }
svg .present { fill: var(--present); }
svg .frame { fill: var(--frame); opacity: .55; }
svg .edge { stroke: #6b7c8f; stroke-linecap: round; }
svg .node { fill: var(--speaks); stroke: #fff; stroke-width: 1.5; }
svg .node.role { fill: var(--role); }
svg .nlabel { font-size: 12px; }
svg .nlabel.role { font-weight: 700; fill: var(--role); }
svg .zero { stroke: var(--line); stroke-dasharray: 3 3; }
svg .band { fill: var(--present); opacity: .55; }
svg .mean { fill: none; stroke: var(--speaks); stroke-width: 2; }
svg .point { fill: var(--speaks); }
.key { display: inline-block; width: .9em; height: .9em; vertical-align: -.1em;
  border-radius: 2px; margin: 0 .25em 0 .8em; }
.key.speaks { background: var(--speaks); } .key.present { background: var(--present); }
.key.frame { background: var(--frame); } .key.role { background: var(--role); }
.arcs { display: grid; grid-template-columns: repeat(auto-fit, minmax(260px, 1fr)); gap: 1rem; }
.arcs figure { margin: 0; border: 1px solid var(--line); border-radius: 8px; padding: .5rem; }
.arcs h3 { margin: .1rem 0 .2rem; font-size: 1rem; overflow-wrap: anywhere; }
table { border-collapse: collapse; font-size: .88rem; width: 100%; }
th, td { padding: .3rem .5rem; border-bottom: 1px solid var(--line); text-align: right;
  white-space: nowrap; }
th:first-child, td:first-child, th.text, td.text { text-align: left; }
td:first-child { white-space: normal; overflow-wrap: normal; word-break: normal;
  hyphens: manual; min-width: 8rem; }
thead th { position: sticky; top: 0; background: var(--soft); cursor: pointer;
  white-space: normal; vertical-align: bottom; min-width: 3.5rem; }
table.names th:first-child, table.names td:first-child { position: sticky; left: 0; z-index: 1;
  background: var(--paper); box-shadow: 1px 0 0 var(--line); }
table.names thead th:first-child { z-index: 2; background: var(--soft); }
td.text { white-space: normal; min-width: 9rem; }
button.csv { font: inherit; font-size: .85rem; color: var(--accent); background: var(--paper);
  border: 1px solid var(--line); border-radius: 6px; padding: .2rem .6rem; margin: .3rem 0;
  cursor: pointer; }
.splits { display: grid; grid-template-columns: repeat(auto-fit, minmax(260px, 1fr));
  gap: 0 1.5rem; }
.split { display: flex; height: 1.1rem; border-radius: 4px; overflow: hidden;
  background: var(--soft); }
.seg0 { background: var(--speaks); } .seg1 { background: var(--present); }
.seg2 { background: var(--frame); } .seg3 { background: var(--role); }
.seg4 { background: #8b95a1; }
.split .seg0, .split .seg1, .split .seg2, .split .seg3, .split .seg4 { display: block; }
code { font-size: .9em; }
svg .count { text-anchor: middle; font-size: 10px; } svg .count.light { fill: #fff; }
td.shift { background: #fff7ed; color: var(--role); font-weight: 700; }
svg .share { fill: none; stroke-width: 2.5; }
svg polyline.line0 { stroke: var(--speaks); } svg circle.line0 { fill: var(--speaks); }
svg polyline.line1 { stroke: var(--role); } svg circle.line1 { fill: var(--role); }
svg polyline.line2 { stroke: #2f855a; } svg circle.line2 { fill: #2f855a; }
svg polyline.line3 { stroke: #9b59b6; } svg circle.line3 { fill: #9b59b6; }
svg polyline.line4 { stroke: #d69e2e; } svg circle.line4 { fill: #d69e2e; }
svg polyline.line5 { stroke: #718096; } svg circle.line5 { fill: #718096; }
tbody tr:hover { background: var(--soft); }
td.win { font-weight: 700; }
.bar { display: inline-block; height: .6em; background: var(--present); border-radius: 2px;
  margin-right: .4em; vertical-align: middle; }
ol.ranking { padding-left: 1.4rem; margin: .3rem 0; }
blockquote { margin: .4rem 0; padding: .3rem .8rem; border-left: 3px solid var(--line);
  color: #333; overflow-wrap: anywhere; }
blockquote cite { display: block; font-style: normal; font-size: .82rem; color: var(--muted); }
.counter blockquote { border-left-color: var(--role); }
details { margin: .6rem 0; }
summary { cursor: pointer; color: var(--accent); }
footer { margin-top: 3rem; color: var(--muted); font-size: .8rem; }
@media (max-width: 600px) {
  main { padding: .8rem .6rem 2rem; } h1 { font-size: 1.35rem; }
  .verdict .who { font-size: 1.15rem; } th, td { padding: .25rem .35rem; }
}
@media print {
  @page { margin: 14mm 12mm; }
  body { font-size: 10pt; } main { max-width: none; padding: 0; }
  .scroll { overflow: visible; } svg.timeline, svg.chart { min-width: 0 !important; }
  thead th, table.names th:first-child, table.names td:first-child { position: static; }
  summary, button.csv { display: none; }
  table { font-size: 8pt; width: 100%; table-layout: auto; }
  th, td { padding: .15rem .25rem; white-space: normal; }
  td:first-child, td.text, thead th { min-width: 0; }
  thead { display: table-header-group; }
  h2, h3, h4 { break-after: avoid; page-break-after: avoid; }
  figure, .verdict, tr, blockquote, .splits > div { break-inside: avoid; }
  a { color: inherit; text-decoration: none; }
  .split, .key, svg { -webkit-print-color-adjust: exact; print-color-adjust: exact; }
}
"""

REPORT_JS = """
(function () {
  function key(cell) {
    var t = cell.getAttribute('data-v') || cell.textContent;
    var n = parseFloat(t);
    return isNaN(n) ? t.toLowerCase() : n;
  }
  document.querySelectorAll('table.sortable').forEach(function (table) {
    table.querySelectorAll('thead th').forEach(function (th, col) {
      th.title = 'sort by this column';
      th.addEventListener('click', function () {
        var down = th.getAttribute('aria-sort') !== 'descending';
        table.querySelectorAll('thead th').forEach(function (h) {
          h.removeAttribute('aria-sort');
        });
        th.setAttribute('aria-sort', down ? 'descending' : 'ascending');
        table.querySelectorAll('tbody').forEach(function (body) {
          var rows = Array.prototype.slice.call(body.rows);
          rows.sort(function (a, b) {
            var x = key(a.cells[col]), y = key(b.cells[col]);
            var c = x < y ? -1 : x > y ? 1 : 0;
            return down ? -c : c;
          });
          rows.forEach(function (r) { body.appendChild(r); });
        });
      });
    });
  });
  document.querySelectorAll('button.csv').forEach(function (button) {
    button.addEventListener('click', function () {
      var name = button.getAttribute('data-csv');
      var csv = document.querySelector('textarea[data-csv-for="' + name + '"]').value;
      var link = document.createElement('a');
      link.href = URL.createObjectURL(new Blob([csv.replace(/\\r?\\n/g, '\\r\\n')],
                                               { type: 'text/csv' }));
      link.download = name + '.csv';
      document.body.appendChild(link);
      link.click();
      link.remove();
    });
  });
  window.addEventListener('beforeprint', function () {
    document.querySelectorAll('details').forEach(function (d) { d.open = true; });
  });
})();
"""
