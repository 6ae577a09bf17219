import * as assert from 'node:assert/strict';
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import * as vscode from 'vscode';
import { TOKENS } from '../../emulator';
import { emulator } from './environment';
import { CANCEL, fixtureGit, signInOnly, fixtureUri, LINKS, recordMessages, type ShownMessage, startBuildPosts, useStartBuildState, workspaceFolder, whenCreated } from './startBuildScript';

function startBuild(dockerfile?: vscode.Uri): Thenable<unknown> {
  return dockerfile === undefined ? vscode.commands.executeCommand('northflank.startBuild') : vscode.commands.executeCommand('northflank.startBuild', dockerfile);
}

function describeMessages(shown: ShownMessage[]): string {
  return JSON.stringify(shown.map((message) => `${message.severity}: ${message.text}`));
}

describe('Start Build refuses what Northflank could not build, and says why', () => {
  const state = useStartBuildState();
  let messages: ReturnType<typeof recordMessages>;
  beforeEach(() => (messages = recordMessages()));

  it('asks before building a HEAD that is on no remote, and sends nothing when the answer is Cancel', async () => {
    await state.deps().links.setPersonal(workspaceFolder(), [LINKS.combined]);
    writeFileSync(fixtureUri('index.js').fsPath, "console.log('not pushed');\n");
    fixtureGit('commit', '--quiet', '--all', '-m', 'Local only');
    const prompter = state.script({ 'HEAD is not pushed': CANCEL });
    const from = emulator().requests.length;

    await startBuild(fixtureUri('Dockerfile'));

    const question = prompter.question('HEAD is not pushed');
    assert.ok(question, `no question about the unpushed HEAD; asked: ${JSON.stringify(prompter.asked)}`);
    assert.match(question.title, new RegExp(`Commit ${fixtureGit('rev-parse', '--short=7', 'HEAD')} is on no remote branch`));
    assert.deepEqual(question.choices, ['Push and Build', 'Build Anyway']);
    assert.deepEqual(startBuildPosts(from), []);
  });

  it('names the character of a Dockerfile path the API would reject, and sends nothing', async () => {
    await state.deps().links.setPersonal(workspaceFolder(), [LINKS.combined]);
    const dockerfile = fixtureUri('my app/Dockerfile');
    const seen = whenCreated(['my app/Dockerfile']);
    mkdirSync(dirname(dockerfile.fsPath), { recursive: true });
    writeFileSync(dockerfile.fsPath, 'FROM alpine:3.20\n');
    await seen;
    const prompter = state.script({});
    const from = emulator().requests.length;

    await startBuild(dockerfile);

    assert.deepEqual(prompter.unanswered, []);
    const error = messages.shown.find((message) => message.severity === 'error');
    assert.ok(error, `no error shown: ${describeMessages(messages.shown)}`);
    assert.match(error.text, /"\/my app\/Dockerfile" has a space at position 4/);
    assert.match(error.text, /Nothing was sent/);
    assert.deepEqual(startBuildPosts(from), []);
  });

  it('offers a Dockerfile with a rejected path in the pick, then refuses it the same way', async () => {
    await state.deps().links.setPersonal(workspaceFolder(), [LINKS.combined]);
    const dockerfile = fixtureUri('my app/Dockerfile');
    const seen = whenCreated(['my app/Dockerfile']);
    mkdirSync(dirname(dockerfile.fsPath), { recursive: true });
    writeFileSync(dockerfile.fsPath, 'FROM alpine:3.20\n');
    await seen;
    const prompter = state.script({ ': Dockerfile': '/my app/Dockerfile' });
    const from = emulator().requests.length;

    await startBuild();

    assert.deepEqual(prompter.unanswered, []);
    assert.ok(
      messages.shown.some((message) => message.severity === 'error' && /has a space at position 4/.test(message.text)),
      describeMessages(messages.shown),
    );
    assert.deepEqual(startBuildPosts(from), []);
  });

  it('tells which permission a token without Deploy Build lacks, after exactly one attempt', async () => {
    await signInOnly(state.deps(), TOKENS.noDeploy);
    await state.deps().links.setPersonal(workspaceFolder(), [LINKS.combined]);
    const prompter = state.script({});
    const from = emulator().requests.length;

    await startBuild(fixtureUri('Dockerfile'));

    assert.deepEqual(prompter.unanswered, []);
    const posts = startBuildPosts(from);
    assert.equal(posts.length, 1, 'a refused POST is not retried');
    const error = messages.shown.find((message) => message.severity === 'error');
    assert.ok(error, `no error shown: ${describeMessages(messages.shown)}`);
    assert.match(error.text, /The build was not started/);
    assert.match(error.text, /HTTP 403/);
    assert.match(error.text, /'Project > Services > Deployment > Deploy Build'/);
    assert.deepEqual(error.actions, ['Sign In', 'Open Docs']);
  });

  it('says when the linked service no longer exists, offers Link Services, and sends nothing', async () => {
    await state.deps().links.setPersonal(workspaceFolder(), [{ ...LINKS.combined, serviceId: 'deleted-service', name: 'Deleted' }]);
    const prompter = state.script({});
    const from = emulator().requests.length;

    await startBuild(fixtureUri('Dockerfile'));

    assert.deepEqual(prompter.unanswered, []);
    const error = messages.shown.find((message) => message.severity === 'error');
    assert.ok(error, `no error shown: ${describeMessages(messages.shown)}`);
    assert.match(error.text, /deleted-service/);
    assert.deepEqual(error.actions, ['Link Services']);
    assert.deepEqual(startBuildPosts(from), []);
  });

  it('does not retry a start that failed on the server, which may have started a build anyway', async () => {
    await state.deps().links.setPersonal(workspaceFolder(), [LINKS.combined]);
    emulator().inject({ kind: 'status500', method: 'POST', path: /\/build$/ });
    const prompter = state.script({});
    const from = emulator().requests.length;
    try {
      await startBuild(fixtureUri('Dockerfile'));
    } finally {
      emulator().clearFaults();
    }

    assert.deepEqual(prompter.unanswered, []);
    assert.equal(startBuildPosts(from).length, 1);
    assert.ok(
      messages.shown.some((message) => message.severity === 'error' && /The build was not started/.test(message.text)),
      describeMessages(messages.shown),
    );
  });

  it('can start again right after a refusal, without the error being dismissed first', async () => {
    await signInOnly(state.deps(), TOKENS.noDeploy);
    await state.deps().links.setPersonal(workspaceFolder(), [LINKS.combined]);
    state.script({});
    await startBuild(fixtureUri('Dockerfile'));
    await signInOnly(state.deps(), TOKENS.full);
    const from = emulator().requests.length;

    await startBuild(fixtureUri('Dockerfile'));

    assert.equal(startBuildPosts(from).length, 1, describeMessages(messages.shown));
  });
});
