import type { Role } from './types.ts';

const RANK: Record<Role, number> = { viewer: 0, editor: 1, owner: 2 };

/** The weaker of two roles: what a sync token may do when the membership has since changed. */
export function lowerRole(a: Role, b: Role): Role {
  return RANK[a] <= RANK[b] ? a : b;
}

export function higherRole(a: Role, b: Role): Role {
  return RANK[a] >= RANK[b] ? a : b;
}

export function outranks(a: Role, b: Role): boolean {
  return RANK[a] > RANK[b];
}
