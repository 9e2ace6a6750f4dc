import type { ru } from './publishing.ts';

/** English of `publishing.ts`: a separate module, so it loads only for English readers. */
export const en: Record<keyof typeof ru, string> = {
  'publishing.title': 'Publishing',
  'publishing.draft': 'Not published: only members can see this document.',
  'publishing.proposed': 'Proposed for publication on {date}',
  'publishing.published': 'Published on {date}',
  'publishing.changed': 'there are unpublished changes',
  'publishing.upToDate': 'the site shows the latest version',
  'publishing.unpublished': 'Unpublished on {date}: the page no longer opens.',
  'publishing.propose': 'Propose for publication',
  'publishing.withdraw': 'Withdraw the proposal',
  'publishing.publish': 'Publish',
  'publishing.republish': 'Publish the changes',
  'publishing.unpublish': 'Unpublish',
  'publishing.confirmUnpublish': 'Unpublish this material? Its page stops opening at once.',
  'publishing.licence': 'Licence',
  'publishing.publicLink': 'Public address',
  'publishing.open': 'Open',
  'publishing.proposeHint':
    'An owner of the workspace will review it and publish it on the open site.',
  'publishing.publishHint':
    'The text and fields as they are now go to the site. Comments are never published.',
  'publishing.viewerHint': 'Editors can propose documents for publication.',
  'publishing.loading': 'Loading…',
  'publishing.inBin': 'This document is in the bin: restore it to publish it.',
  'publishing.settingsLink': 'Publishing settings',

  'publishing.settings.title': 'Publishing on the web',
  'publishing.settings.hint':
    'Published materials are visible to everyone: a searchable catalogue, a feed and a widget for an institution’s site.',
  'publishing.settings.siteTitle': 'Catalogue name',
  'publishing.settings.slug': 'Catalogue address',
  'publishing.settings.slugHint': 'Latin letters, digits and dashes.',
  'publishing.settings.defaultLicence': 'Default licence',
  'publishing.settings.save': 'Save',
  'publishing.settings.saved': 'Saved',
  'publishing.settings.catalogue': 'Catalogue',
  'publishing.settings.feed': 'Feed (Atom)',
  'publishing.settings.embed': 'Code for an institution’s site',
  'publishing.settings.embedHint':
    'Paste this code into a web page: it shows the latest published materials.',
  'publishing.settings.publishers': 'Who may publish',
  'publishing.settings.publishersHint':
    'Owners can always publish. Tick the editors who may publish too.',
  'publishing.settings.queue': 'Proposals and publications',
  'publishing.settings.none': 'Nothing proposed or published yet.',
  'publishing.settings.ownersOnly': 'Only owners can change these settings.',
  'publishing.error.slug_taken': 'Another workspace already uses this address.',
  'publishing.error.in_bin': 'This document is in the bin: restore it to publish it.',

  'licence.CC-BY-4.0': 'CC BY 4.0 — attribution',
  'licence.CC-BY-SA-4.0': 'CC BY-SA 4.0 — attribution, share alike',
  'licence.CC-BY-NC-4.0': 'CC BY-NC 4.0 — attribution, non-commercial',
  'licence.CC-BY-NC-SA-4.0': 'CC BY-NC-SA 4.0 — non-commercial, share alike',
  'licence.CC-BY-ND-4.0': 'CC BY-ND 4.0 — no derivatives',
  'licence.CC0-1.0': 'CC0 — public domain'
};
