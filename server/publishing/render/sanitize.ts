import sanitizeHtml from 'sanitize-html';

/** The only pictures a page shows: a published file of a site, by its hash. */
export const PUBLIC_FILE_SRC = /^\/p\/[a-z0-9-]{1,64}\/files\/[0-9a-f]{64}$/;

/**
 * The second lock behind the renderer's allow-list: whatever markup reached here, only these
 * elements and attributes leave, links only to http(s), mailto or this site, and images only from
 * this site's published-file route (the page's Content-Security-Policy would block others anyway). Should the renderer
 * ever gain a bug, a `<script>`, an `on…` handler or a `javascript:` link still cannot pass.
 */
const OPTIONS: sanitizeHtml.IOptions = {
  allowedTags: [
    'p',
    'h2',
    'h3',
    'h4',
    'h5',
    'h6',
    'ul',
    'ol',
    'li',
    'blockquote',
    'pre',
    'code',
    'br',
    'hr',
    'strong',
    'em',
    's',
    'u',
    'sub',
    'sup',
    'a',
    'span',
    'figure',
    'img'
  ],
  allowedAttributes: {
    a: ['href', 'rel', 'download'],
    img: ['src', 'alt', 'width', 'height', 'loading', 'decoding'],
    p: ['class'],
    ol: ['start'],
    li: ['class'],
    ul: ['class'],
    span: ['class']
  },
  allowedClasses: { li: ['task', 'done'], ul: ['tasks'], span: ['box'], p: ['file'] },
  allowedSchemes: ['http', 'https', 'mailto'],
  allowedSchemesAppliedToAttributes: ['href', 'src'],
  allowProtocolRelative: false,
  // Whatever came in, a picture waits until it is near the screen and never holds up the text.
  transformTags: {
    img: (tagName, attribs) => ({
      tagName,
      attribs: { ...attribs, loading: 'lazy', decoding: 'async' }
    })
  },
  disallowedTagsMode: 'discard',
  // A picture from anywhere else, or with a size that is not a number, is dropped whole.
  exclusiveFilter: (frame) =>
    frame.tag === 'img' &&
    (!PUBLIC_FILE_SRC.test(frame.attribs.src ?? '') ||
      !['width', 'height'].every(
        (a) => frame.attribs[a] === undefined || /^\d{1,5}$/.test(frame.attribs[a]!)
      )),
  // Drop the content of these entirely, not only the tags.
  nonTextTags: ['script', 'style', 'textarea', 'option', 'noscript', 'svg', 'math', 'iframe'],
  parser: { lowerCaseTags: true, lowerCaseAttributeNames: true }
};

export function sanitizeContent(html: string): string {
  return sanitizeHtml(html, OPTIONS);
}
