import * as assert from 'node:assert/strict';
import {
  DOCKER_FILE_PATH_PATTERN,
  DOCKER_WORK_DIR_PATTERN,
  DOCKERFILE_TARGET_PATTERN,
  dockerfileTargetProblem,
  dockerPathProblem,
} from '../../../src/build/dockerOverrideRules';

describe('docker override rules', () => {
  it("are exactly the current documentation's stricter patterns", () => {
    assert.equal(DOCKER_FILE_PATH_PATTERN.source, String.raw`^\/((?!\.\.?\/)[a-zA-Z0-9-._]+\/)*(?!\.\.?$)[a-zA-Z0-9-._]+$`);
    assert.equal(DOCKER_WORK_DIR_PATTERN.source, String.raw`^\/((?!\.\.?\/)[a-zA-Z0-9-._]+\/)*(?!\.\.?$)[a-zA-Z0-9-._]*$`);
    assert.equal(DOCKERFILE_TARGET_PATTERN.source, '^[a-zA-Z0-9-_]+$');
  });

  describe('dockerFilePath', () => {
    for (const path of ['/Dockerfile', '/services/api/Dockerfile.prod', '/a-b/c_d/.hidden/x.Dockerfile', '/..dots/Dockerfile']) {
      it(`accepts ${path}`, () => assert.equal(dockerPathProblem(path, 'dockerFilePath'), undefined));
    }
    const refusals: [string, string][] = [
      ['/my app/Dockerfile', 'dockerFilePath "/my app/Dockerfile" has a space at position 4; Northflank accepts only letters A–Z, digits, \'-\', \'.\' and \'_\' in paths.'],
      ['/café/Dockerfile', 'has the character "é" (U+00E9) at position 5'],
      ['/a\tb/Dockerfile', 'has a tab at position 3'],
      ['/a\u00a0b/Dockerfile', 'has an invisible character (U+00A0) at position 3'],
      ['/api@v2/Dockerfile', 'has the character "@" at position 5'],
      ['/a\\b', 'has the character "\\" at position 3'],
      ['Dockerfile', 'must start with "/"'],
      ['/services/../Dockerfile', 'has a ".." folder at position 11'],
      ['/./Dockerfile', 'has a "." folder at position 2'],
      ['/services/..', 'has a ".." folder at position 11'],
      ['/a//Dockerfile', 'has an empty folder name ("//") at position 3'],
      ['/services/', 'must end with a file name, not "/"'],
      ['/', 'must end with a file name, not "/"'],
    ];
    for (const [path, expected] of refusals) {
      it(`refuses ${JSON.stringify(path)}, saying where`, () => {
        assert.equal(DOCKER_FILE_PATH_PATTERN.test(path), false);
        assert.ok(dockerPathProblem(path, 'dockerFilePath')?.includes(expected), dockerPathProblem(path, 'dockerFilePath'));
      });
    }
    it('counts positions in characters, not UTF-16 units', () => {
      assert.match(dockerPathProblem('/🐳/x y', 'dockerFilePath') ?? '', /"🐳" \(U\+1F433\) at position 2/);
    });
  });

  describe('dockerWorkDir', () => {
    for (const path of ['/', '/services/api/', '/services/api']) {
      it(`accepts ${path}`, () => assert.equal(dockerPathProblem(path, 'dockerWorkDir'), undefined));
    }
    it('refuses "..", a missing leading slash and a space', () => {
      assert.match(dockerPathProblem('/services/../', 'dockerWorkDir') ?? '', /^dockerWorkDir "\/services\/\.\.\/" has a "\.\." folder at position 11/);
      assert.match(dockerPathProblem('services/', 'dockerWorkDir') ?? '', /must start with "\/"/);
      assert.match(dockerPathProblem('/my dir/', 'dockerWorkDir') ?? '', /has a space at position 4/);
    });
  });

  describe('dockerfileTarget', () => {
    it('accepts letters, digits, "-" and "_"', () => assert.equal(dockerfileTargetProblem('Build-stage_2'), undefined));
    it('refuses a dot, which Docker allows in stage names', () => {
      assert.equal(
        dockerfileTargetProblem('tools.v2'),
        `dockerfileTarget "tools.v2" has the character "." at position 6; Northflank accepts only letters A–Z, digits, '-' and '_' in a target.`,
      );
    });
    it('refuses an empty target', () => assert.equal(dockerfileTargetProblem(''), 'dockerfileTarget must not be empty.'));
  });
});
