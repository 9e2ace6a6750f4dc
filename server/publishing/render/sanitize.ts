import sanitizeHtml from 'sanitize-html';
import {
  DROPPED_WITH_CONTENT,
  LINK_SCHEMES,
  PUBLIC_PAGE_ALLOW_LIST as ALLOW
} from '../../../src/lib/shared/richText/allowList.ts';

/** The only pictures a page shows: a published file of a site, by its hash. */
export const PUBLIC_FILE_SRC = /^\/p\/[a-z0-9-]{1,64}\/files\/[0-9a-f]{64}$/;

/**
 * The second lock behind the renderer's allow-list: whatever markup reached here, only the public
 * page's elements and attributes (src/lib/shared/richText/allowList.ts) leave, links only to http(s),
 * mailto or this site, and images only from this site's published-file route (the page's
 * Content-Security-Policy would block others anyway). Should the renderer ever gain a bug, a
 * `<script>`, an `on…` handler or a `javascript:` link still cannot pass.
 */
const OPTIONS: sanitizeHtml.IOptions = {
  allowedTags: [...ALLOW.tags],
  allowedAttributes: mutable(ALLOW.attributes),
  allowedClasses: mutable(ALLOW.classes),
  allowedSchemes: [...LINK_SCHEMES],
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
  nonTextTags: [...DROPPED_WITH_CONTENT],
  parser: { lowerCaseTags: true, lowerCaseAttributeNames: true }
};

function mutable(byTag: Readonly<Record<string, readonly string[]>>): Record<string, string[]> {
  return Object.fromEntries(Object.entries(byTag).map(([tag, names]) => [tag, [...names]]));
}

export function sanitizeContent(html: string): string {
  return sanitizeHtml(html, OPTIONS);
}
