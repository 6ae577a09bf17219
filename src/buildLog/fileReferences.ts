/** A path the log names, where it says it: `services/api/Dockerfile:12` on one line. */
export interface FileReference {
  /** 0-based columns of the reference on its line, end exclusive. */
  start: number;
  end: number;
  /** Relative to the repository root, forward slashes, no leading `./` or `/`. */
  path: string;
  /** 1-based, when the log gives one. */
  line?: number;
}

// A path of word characters, dots and dashes, in segments, ending in neither a dot nor a slash (the end
// of a sentence); then optionally `:line` and `:column`. Not inside a URL or a longer word.
const CANDIDATE = /(?<![\w.@/:~-])(\.\/|\/)?((?:[\w@+-][\w.@+-]*\/)*[\w@+-](?:[\w.@+-]*[\w@+-])?)(?::(\d+)(?::\d+)?)?(?![\w/-]|\.\w|:\/\/|:\w)/g;
const DOCKERFILE_NAME = /^(?:Dockerfile(?:\.[\w.-]+)?|[\w.-]+\.[Dd]ockerfile|Containerfile)$/;
const WITH_EXTENSION = /\.[A-Za-z]\w*$/;

/**
 * The paths a log line names that could be files of the repository: any path with a folder
 * (`services/api/Dockerfile`, `src/index.ts`), or a Dockerfile or file name with a line
 * (`Dockerfile:12`, `index.ts:7`). Whether the file exists is for the caller to check; host names and image
 * references (`docker.io/library/node:20-alpine`) only match when such a file exists.
 */
export function fileReferences(line: string): FileReference[] {
  const found: FileReference[] = [];
  for (const match of line.matchAll(CANDIDATE)) {
    const [text, rooted, path, lineNumber] = match;
    const name = path.slice(path.lastIndexOf('/') + 1);
    // A bare "Dockerfile" is mostly prose ("load build definition from Dockerfile"): only with its line is it a place.
    const plausible = rooted !== undefined || path.includes('/') || (lineNumber !== undefined && (DOCKERFILE_NAME.test(name) || WITH_EXTENSION.test(name)));
    if (!plausible || path.split('/').some((segment) => segment === '..' || segment === '.')) continue;
    const start = match.index;
    found.push({ start, end: start + text.length, path, ...(lineNumber !== undefined ? { line: Number(lineNumber) } : {}) });
  }
  return found;
}
