// What a window needs soon after it starts but not to start, from a bundle of its own (dist/later.js):
// the pieces the commands share and every command's handler (core.ts), the API client, the builds'
// watcher, the Builds view and its logs, what it does when builds conclude or a push lands, the
// stages' code lenses, the status bar item and its menu, the actions on a build. It is required on
// the turn after activation (see extension.ts), or when a command runs first; activation loads none
// of it.
export { startCore } from './core';
