import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { ALL_PERMISSIONS } from './permissions';
import { defaultSeed, type Seed } from './seed';
import { DEMO_PACE, FAST_PACE } from './timeline';
import { startEmulator } from './index';

const USAGE = 'Usage: node out/test/emulator/cli.js [--port 4010] [--token TOKEN] [--seed seed.json] [--pace demo|fast] [--ci-push-hook]';

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      port: { type: 'string', default: '4010' },
      token: { type: 'string' },
      seed: { type: 'string' },
      pace: { type: 'string', default: 'demo' },
      'ci-push-hook': { type: 'boolean', default: false },
      help: { type: 'boolean', short: 'h' },
    },
  });
  if (values.help) {
    console.log(USAGE);
    return;
  }
  const port = Number(values.port);
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new Error(`--port must be a port number, got '${values.port}'`);
  if (values.pace !== 'demo' && values.pace !== 'fast') throw new Error(`--pace must be 'demo' or 'fast', got '${values.pace}'`);

  const seed: Seed = values.seed ? (JSON.parse(readFileSync(values.seed, 'utf8')) as Seed) : defaultSeed();
  if (values.token) {
    seed.tokens = [{ token: values.token, name: 'Token from --token', role: 'Admin', permissions: [...ALL_PERMISSIONS] }, ...seed.tokens];
  }
  // Loopback only: the emulator accepts well-known tokens and must not be reachable from the network.
  const emulator = await startEmulator({ port, host: '127.0.0.1', seed, pace: values.pace === 'demo' ? DEMO_PACE : FAST_PACE, ciPushHook: values['ci-push-hook'] });

  const shutdown = (): void => {
    void emulator.stop().then(() => process.exit(0));
  };
  process.once('SIGINT', shutdown);
  process.once('SIGTERM', shutdown);

  console.log(`Northflank API emulator listening on ${emulator.url} (build pace: ${values.pace})`);
  if (values['ci-push-hook']) console.log(`CI on push: a fixture's post-receive hook may POST to ${emulator.url}/__test/push`);
  console.log('Accepted tokens:');
  for (const token of seed.tokens) {
    const missing = ALL_PERMISSIONS.filter((permission) => !token.permissions.includes(permission));
    console.log(`  ${token.token}  ${token.name}, team ${token.teamId ?? seed.team.id}${missing.length > 0 ? ` (lacks ${missing.join(', ')})` : ''}`);
  }
  console.log('Stop with Ctrl-C.');
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : String(error));
  console.error(USAGE);
  process.exit(1);
});
