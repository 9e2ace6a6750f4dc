import { strToU8, zipSync } from 'fflate';

/** A minimal Word document: the parts mammoth needs, built in the test. */
export function docx(bodyXml: string, media: Record<string, Uint8Array> = {}): Uint8Array {
  const W = 'http://schemas.openxmlformats.org/wordprocessingml/2006/main';
  return zipSync({
    '[Content_Types].xml': strToU8(
      '<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">' +
        '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>' +
        '<Default Extension="xml" ContentType="application/xml"/>' +
        '<Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>'
    ),
    '_rels/.rels': strToU8(
      '<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">' +
        '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/></Relationships>'
    ),
    'word/_rels/document.xml.rels': strToU8(
      '<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">' +
        Object.keys(media)
          .map(
            (name, i) =>
              `<Relationship Id="rImg${i}" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/image" Target="media/${name}"/>`
          )
          .join('') +
        '</Relationships>'
    ),
    ...Object.fromEntries(
      Object.entries(media).map(([name, bytes]) => [`word/media/${name}`, bytes])
    ),
    'word/document.xml': strToU8(
      `<?xml version="1.0" encoding="UTF-8"?><w:document xmlns:w="${W}" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships" xmlns:wp="http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing" xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main" xmlns:pic="http://schemas.openxmlformats.org/drawingml/2006/picture"><w:body>${bodyXml}</w:body></w:document>`
    )
  });
}

export const para = (text: string, style?: string, run = '') =>
  `<w:p>${style ? `<w:pPr><w:pStyle w:val="${style}"/></w:pPr>` : ''}<w:r>${run}<w:t xml:space="preserve">${text}</w:t></w:r></w:p>`;

/** A paragraph holding picture `i` of the media (relationship `rImg<i>`), described «Барыня». */
export const picture = (i: number) =>
  `<w:p><w:r><w:drawing><wp:inline><wp:docPr id="${i}" name="Рисунок ${i}" descr="Барыня"/>` +
  '<a:graphic><a:graphicData uri="http://schemas.openxmlformats.org/drawingml/2006/picture"><pic:pic>' +
  `<pic:blipFill><a:blip r:embed="rImg${i}"/></pic:blipFill></pic:pic></a:graphicData></a:graphic>` +
  '</wp:inline></w:drawing></w:r></w:p>';

/** A real 48×32 PNG (terracotta), small enough to read here and decodable by a browser. */
export const png = Uint8Array.from(
  atob(
    'iVBORw0KGgoAAAANSUhEUgAAADAAAAAgCAIAAADbtmxLAAAAMUlEQVR42u3OQQkAAAgEsItjCPtjLFuIj8ECLNP1SoSEhISEhISEhISEhISEhISELi0OYAhqyqxAPAAAAABJRU5ErkJggg=='
  ),
  (c) => c.charCodeAt(0)
);
