// What loads on first use, from a bundle of its own (dist/onDemand.js): the flows, and with them git
// (simple-git), the request rules (yup) and the live log (ws). Activation loads none of it, so a
// window that never builds never reads it. Code that both bundles hold is duplicated: what must be one
// across them (NorthflankError's instanceof, the output channel, BACK) is keyed by Symbol.for.
export { guarded, startBuildFlow } from './startBuild/startBuildFlow';
export { startBundleBuildFlow } from './startBuild/startBundleBuildFlow';
export { prepareStartBuild } from './startBuild/prepareStartBuild';
export { linkServices, shareLinks } from './links/linkServices';
export { validateBuildRequest } from '../build/buildRequest';
export { openBuildLogTail } from '../northflank/logTail';
