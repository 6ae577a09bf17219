// What loads on first use, from a bundle of its own (dist/onDemand.js): the flows, and with them git
// (simple-git), the request rules (yup) and the live log (ws). Activation loads none of it, so a
// window that never builds never reads it. Code it shares with dist/extension.js and dist/later.js
// lives once, in the chunks all of them require. What must be one across copies of a module
// (NorthflankError's instanceof, the output channel, BACK) is still keyed by Symbol.for: the
// integration tests hold their own compiled copies of these modules beside the bundles.
export { guarded, startBuildFlow } from './startBuild/startBuildFlow';
export { startBundleBuildFlow } from './startBuild/startBundleBuildFlow';
export { prepareStartBuild } from './startBuild/prepareStartBuild';
export { linkServices, shareLinks } from './links/linkServices';
export { validateBuildRequest } from '../build/buildRequest';
export { openBuildLogTail } from '../northflank/logTail';
