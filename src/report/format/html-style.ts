/**
 * The page's only styling, inline (the CSP allows nothing else). Every status has a word and a mark
 * besides its colour, so the page reads in greyscale and for colour-blind readers. Tables are laid out
 * at the page's width (`table-layout: fixed`) and long words wrap, so nothing scrolls sideways.
 */
export const HTML_CSS = `
*{box-sizing:border-box}
body{font:14px/1.4 system-ui,sans-serif;margin:1.5em 2em;color:#222;max-width:110em}
h1{font-size:1.4em;margin:0 0 .4em}h2{font-size:1.15em;margin:1.4em 0 .4em}h3{font-size:1em;margin:1em 0 .3em}h4,h5{font-size:.9em;margin:.6em 0 .2em}
.verdict{font-size:1.15em;padding:.6em .9em;border-radius:4px;margin:.4em 0;border:2px solid}
.verdict.pass{background:#e3f4e3;border-color:#2a7a2a;color:#1d5c1d}.verdict.fail{background:#fbe3e3;border-color:#b02a2a;color:#8a1c1c}
.verdict.incomplete{background:#fff3d6;border-color:#a86d00;color:#6b4500}
.facts,.note,small{color:#555}
table{border-collapse:collapse;margin:.4em 0;width:100%;table-layout:fixed}
th,td{border:1px solid #bbb;padding:4px 6px;text-align:left;vertical-align:top;overflow-wrap:anywhere}
thead th{background:#f0f0f0;font-size:.85em;overflow-wrap:normal;word-break:normal;hyphens:none}tbody th{font-weight:normal;background:#fafafa}
.matrix col.c-impl{width:16%}.matrix col.c-row{width:5.5%}
.matrix thead th.upright{vertical-align:bottom;text-align:left;padding:6px 2px}.matrix thead th.upright span{writing-mode:vertical-rl;transform:rotate(180deg);white-space:nowrap;display:inline-block}.matrix td{font-size:.92em}
.matrix th.impl{font-weight:bold}
.matrix a{color:inherit}
td.pass{background:#dcf2dc}td.partial{background:#fff1c2}td.fail{background:#f8d4d4}td.skipped,td.none{background:#eee;color:#666}
.headline tr.fail .verdict-cell{background:#f8d4d4}.headline tr.pass .verdict-cell{background:#dcf2dc}.headline tr.not-run .verdict-cell{background:#eee}
ul.causes{margin:0;padding-left:1.1em}
figure{margin:.6em 0}figcaption{font-size:.85em;color:#555}
svg.chart{max-width:100%;height:auto;font:12px system-ui,sans-serif}
.legend{font-size:.9em;color:#444}
details.entry{border:1px solid #ccc;border-left:4px solid #b02a2a;border-radius:3px;margin:4px 0;padding:2px 8px}
details.entry.errored{border-left-color:#a86d00}
summary{cursor:pointer;padding:3px 0;overflow-wrap:anywhere}.where{color:#555}.count{font-weight:bold}.msg{display:inline-block;margin-left:1.2em;overflow-wrap:anywhere}
.badge{font-weight:bold;font-size:.85em;padding:0 4px;border-radius:3px;color:#fff}.badge.failed{background:#b02a2a}.badge.errored{background:#a86d00}.badge.waived{background:#2a5fa8}
details.entry.waived{border-left-color:#2a5fa8}.waiver{color:#1d3f70}
.certification{margin:.6em 0}.certification th{width:9em;background:#f4f6fb}.waiver-notes{margin:.2em 0;padding-left:1.1em}.warning{color:#8a4b00}
.coordinate{overflow-wrap:anywhere}table.lost td{font-family:monospace;font-size:.9em}.evidence-item{margin:2px 0}
.level{font-size:.85em;border:1px solid #888;padding:0 3px;border-radius:3px}.level.MUST{border-color:#b02a2a}.mismatch{font-size:.85em;font-family:monospace}
table.affected{font-size:.9em}
dl{display:grid;grid-template-columns:max-content 1fr;gap:2px 12px;margin:.5em 0}dt{color:#555}dd{margin:0;overflow-wrap:anywhere;white-space:pre-wrap}
.pair{display:grid;grid-template-columns:1fr 1fr;gap:12px}.pair>div{min-width:0}
pre{background:#f6f6f6;border:1px solid #e2e2e2;padding:6px 8px;margin:0;overflow:auto;max-height:30em;white-space:pre-wrap;overflow-wrap:anywhere;font-size:12px}
code{overflow-wrap:anywhere}
.none{color:#777;font-style:italic;margin:0}
@media (max-width:1100px){body{margin:1em}.matrix td small,.matrix td b{display:none}.matrix td{text-align:center}.matrix col.c-impl{width:20%}.matrix col.c-row{width:8%}}
`.trim();
