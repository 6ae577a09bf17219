// What a window needs soon after it starts but not to start, from a bundle of its own (dist/later.js):
// the API client, the builds' watcher, what the Builds view does when builds conclude or a push lands,
// the stages' code lenses, the status bar item and its menu, the actions on a build, what draws the
// Builds view and reads the logs. It is required just after activation (see afterActivation.ts), or at the
// first request or look at the builds; activation loads none of it.
export { NorthflankClient } from '../northflank/client';
export { LinkedBuilds } from '../watch/linkedBuilds';
export { registerBuildsFollowUp } from './builds/buildsFollowUp';
export { registerStageLenses } from './codeLens/stageLensProvider';
export { startStatusBar } from './statusBar';
export { statusBarClick } from './builds/runningBuilds';
export { abortBuild, openInNorthflank, rerun, unlink, viewLogs } from './builds/buildActions';
export { apiUnreachable, BuildsTreeProvider } from './builds/buildsTreeProvider';
export { LinkNode } from './builds/buildTreeItems';
export { BuildLogDocuments } from './builds/buildLogDocuments';
