// What the launchers (runIntegration.ts, runElectron.ts) and the suite in the extension host agree on.

/**
 * The launchers write `northflank.apiUrl: http://127.0.0.1:PORT` into the user settings
 * and pass PORT in this variable, so the suite starts the emulator in the extension host's
 * own process and tests can read the requests it received.
 */
export const EMULATOR_PORT_VARIABLE = 'NORTHFLANK_TEST_EMULATOR_PORT';

/** Printed by the suite before mocha starts; code-server's launcher forwards the page console from here on. */
export const SUITE_START_MARKER = 'vscode: starting the integration suite';
