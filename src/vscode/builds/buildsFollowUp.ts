import vscode = require('vscode');
import type { Deps } from '../deps';
import { BuildDiagnostics } from './buildDiagnostics';
import { ConclusionAnnouncer } from './conclusionAnnouncer';
import { registerBuildLogLanguage } from './buildLogLanguage';
import { registerPushFollower } from './pushFollower';
import { registerReachabilityNotice } from './reachabilityNotice';

/**
 * What the Builds view does about builds after the window has started: the notification and the Problems
 * entries when watched builds conclude, the notice when Northflank can't be reached, the builds CI starts
 * after a push, the log's folding and links.
 */
export function registerBuildsFollowUp(deps: Deps): vscode.Disposable[] {
  const announcer = new ConclusionAnnouncer(deps);
  const diagnostics = new BuildDiagnostics(deps);
  return [
    announcer,
    diagnostics,
    registerReachabilityNotice(deps),
    registerPushFollower(deps),
    ...registerBuildLogLanguage(deps),
    deps.builds.onDidConclude((conclusion) => announcer.add(conclusion)),
    deps.builds.onDidConclude((conclusion) => diagnostics.add(conclusion)),
  ];
}
