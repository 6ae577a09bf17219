/**
 * The API's rules for the docker overrides of a build, from Northflank's current documentation
 * (the stricter patterns, which also refuse "." and ".." folders). Everything else that checks a
 * Dockerfile path, work dir or target (the request schema, the path conversion, the stage list)
 * uses these, so a rule changes in one place.
 */
const PATH_CHARACTERS = 'a-zA-Z0-9-._';
const TARGET_CHARACTERS = 'a-zA-Z0-9-_';

export const DOCKER_FILE_PATH_PATTERN = new RegExp(
  `^\\/((?!\\.\\.?\\/)[${PATH_CHARACTERS}]+\\/)*(?!\\.\\.?$)[${PATH_CHARACTERS}]+$`,
);
export const DOCKER_WORK_DIR_PATTERN = new RegExp(
  `^\\/((?!\\.\\.?\\/)[${PATH_CHARACTERS}]+\\/)*(?!\\.\\.?$)[${PATH_CHARACTERS}]*$`,
);
export const DOCKERFILE_TARGET_PATTERN = new RegExp(`^[${TARGET_CHARACTERS}]+$`);

const PATH_CHARACTER = new RegExp(`^[${PATH_CHARACTERS}/]$`);
const TARGET_CHARACTER = new RegExp(`^[${TARGET_CHARACTERS}]$`);
const PATH_RULE = "Northflank accepts only letters A–Z, digits, '-', '.' and '_' in paths";
const TARGET_RULE = "Northflank accepts only letters A–Z, digits, '-' and '_' in a target";

export type DockerPathKind = 'dockerFilePath' | 'dockerWorkDir';

/**
 * Why the API would refuse this path, or undefined when it is accepted.
 * `subject` starts the sentence, e.g. `dockerFilePath` or `The Dockerfile path`.
 */
export function dockerPathProblem(path: string, kind: DockerPathKind, subject: string = kind): string | undefined {
  const pattern = kind === 'dockerFilePath' ? DOCKER_FILE_PATH_PATTERN : DOCKER_WORK_DIR_PATTERN;
  if (pattern.test(path)) return undefined;
  const quoted = JSON.stringify(path);
  const characters = Array.from(path);
  const bad = characters.findIndex((character) => !PATH_CHARACTER.test(character));
  if (bad >= 0) return `${subject} ${quoted} has ${describeCharacter(characters[bad])} at position ${bad + 1}; ${PATH_RULE}.`;
  if (!path.startsWith('/')) {
    return `${subject} ${quoted} must start with "/": paths are relative to the repository root, e.g. "/Dockerfile".`;
  }
  const segments = path.slice(1).split('/');
  let position = 2;
  for (const [i, segment] of segments.entries()) {
    const last = i === segments.length - 1;
    if (segment === '.' || segment === '..') {
      return `${subject} ${quoted} has a "${segment}" folder at position ${position}; Northflank does not accept "." or ".." in paths.`;
    }
    if (segment === '' && !last) return `${subject} ${quoted} has an empty folder name ("//") at position ${position - 1}.`;
    if (segment === '' && kind === 'dockerFilePath') return `${subject} ${quoted} must end with a file name, not "/".`;
    position += Array.from(segment).length + 1;
  }
  return `${subject} ${quoted} does not match the pattern ${pattern.source}.`;
}

/** Why the API would refuse this Dockerfile target (stage name), or undefined when it is accepted. */
export function dockerfileTargetProblem(target: string, subject = 'dockerfileTarget'): string | undefined {
  if (DOCKERFILE_TARGET_PATTERN.test(target)) return undefined;
  if (target === '') return `${subject} must not be empty.`;
  const characters = Array.from(target);
  const bad = characters.findIndex((character) => !TARGET_CHARACTER.test(character));
  return `${subject} ${JSON.stringify(target)} has ${describeCharacter(characters[bad])} at position ${bad + 1}; ${TARGET_RULE}.`;
}

function describeCharacter(character: string): string {
  if (character === ' ') return 'a space';
  if (character === '\t') return 'a tab';
  const code = character.codePointAt(0) ?? 0;
  const hex = `U+${code.toString(16).toUpperCase().padStart(4, '0')}`;
  if (code < 0x20 || (code >= 0x7f && code <= 0xa0) || /\s/.test(character)) return `an invisible character (${hex})`;
  if (code > 0x7f) return `the character "${character}" (${hex})`;
  return `the character "${character}"`;
}
