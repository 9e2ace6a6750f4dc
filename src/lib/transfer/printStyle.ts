/**
 * The exported file's style, for reading on a screen and for printing to PDF on A4: Russian
 * hyphenation (the document says lang="ru"), «ёлочки» quotes for <q>, no orphaned headings.
 */
export const PRINT_STYLE = `
:root { color: #1d1d1f; background: #fff; }
body { margin: 0 auto; max-width: 42rem; padding: 2rem 1.25rem;
  font: 12pt/1.5 "PT Serif", Georgia, "Times New Roman", serif; }
article { hyphens: auto; -webkit-hyphens: auto; overflow-wrap: break-word; text-align: justify; }
h1, h2, h3, h4, h5, h6 { font-family: "PT Sans", Arial, sans-serif; line-height: 1.2;
  hyphens: manual; text-align: left; break-after: avoid; page-break-after: avoid; }
h1 { font-size: 20pt; margin: 0 0 1rem; }
q { quotes: "«" "»" "„" "“"; }
p, li { orphans: 3; widows: 3; }
blockquote { margin: 1rem 0; padding-left: 1rem; border-left: 3px solid #bbb; color: #444; }
pre { white-space: pre-wrap; background: #f4f4f4; padding: 0.75rem; border-radius: 4px;
  text-align: left; hyphens: none; break-inside: avoid; }
code { font-family: "PT Mono", Consolas, monospace; font-size: 0.92em; }
ul.tasks { list-style: none; padding-left: 0.5rem; }
.box { font-family: "DejaVu Sans", sans-serif; }
img { max-width: 100%; height: auto; break-inside: avoid; }
.missing { color: #666; font-style: italic; }
a { color: #0b57d0; }
table { width: 100%; border-collapse: collapse; margin: 1rem 0; text-align: left;
  hyphens: manual; break-inside: auto; }
th, td { border: 1px solid #999; padding: 0.3rem 0.5rem; vertical-align: top; }
th { background: #f0f0f0; }
th > p, td > p { margin: 0; }
table.fields th { width: 35%; font-weight: normal; color: #444; }
table.fields td { white-space: pre-line; }
tr { break-inside: avoid; }
hr { border: none; border-top: 1px solid #bbb; margin: 1.5rem 0; }
@page { size: A4; margin: 20mm 18mm 22mm; }
@media print {
  body { max-width: none; padding: 0; }
  a { color: inherit; text-decoration: underline; }
}
`;
