/**
 * The partner network's records, kept in the workspace index Y.Doc. Importing from here makes
 * sure every kind's network source is registered (deletion checks, the map and the report rely
 * on it).
 */
export * from './fields.ts';
export * from './records.ts';
export * from './institutions.ts';
export * from './cooperation.ts';
export * from './graph.ts';
export * from './report.ts';
export * from './agreements.ts';
export * from './projects.ts';
export * from './tasks.ts';
export * from './events.ts';

import { registerNetworkSource } from './cooperation.ts';
import { agreementItems } from './agreements.ts';
import { eventItems } from './events.ts';
import { projectItems } from './projects.ts';

// Each kind that ties institutions together registers here (projects and events add theirs).
registerNetworkSource('agreement', agreementItems);
registerNetworkSource('project', projectItems);
registerNetworkSource('event', eventItems);
