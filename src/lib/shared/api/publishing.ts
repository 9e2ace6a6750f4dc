import type { LicenceId } from './licences.ts';

/** Where a material stands on the public site. */
export type PublicationStatus = 'draft' | 'published' | 'unpublished';

/** A document's publication as `/api/…/publication` answers it. */
export type PublicationView = {
  docId: string;
  status: PublicationStatus;
  proposed: boolean;
  proposedAt: number | null;
  version: number;
  licence: LicenceId | null;
  publishedAt: number | null;
  firstPublishedAt: number | null;
  unpublishedAt: number | null;
  /** The public address while published, else null. */
  path: string | null;
  /** True when the document changed since the version that is public; null when not published. */
  changedSincePublished: boolean | null;
};

/** A workspace's public site settings as the API answers them. */
export type SettingsView = {
  slug: string;
  title: string;
  defaultLicence: LicenceId;
  /** Whether the asking person may publish (an owner, or a member with the publisher right). */
  canPublish: boolean;
  /** Members who may publish besides the owners (shown to owners only). */
  publishers?: string[];
};
