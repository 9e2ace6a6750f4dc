import sanitizeHtml from 'sanitize-html';

/**
 * The second lock behind the renderer's allow-list: whatever markup reached here, only these
 * elements and attributes leave, links only to http(s), mailto or this site, and images only from
 * this site (the page's Content-Security-Policy would block others anyway). Should the renderer
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
    'span'
  ],
  allowedAttributes: {
    a: ['href', 'rel'],
    ol: ['start'],
    li: ['class'],
    ul: ['class'],
    span: ['class']
  },
  allowedClasses: { li: ['task', 'done'], ul: ['tasks'], span: ['box'] },
  allowedSchemes: ['http', 'https', 'mailto'],
  allowedSchemesAppliedToAttributes: ['href'],
  allowProtocolRelative: false,
  disallowedTagsMode: 'discard',
  // Drop the content of these entirely, not only the tags.
  nonTextTags: ['script', 'style', 'textarea', 'option', 'noscript', 'svg', 'math', 'iframe'],
  parser: { lowerCaseTags: true, lowerCaseAttributeNames: true }
};

export function sanitizeContent(html: string): string {
  return sanitizeHtml(html, OPTIONS);
}
