// node scripts/release-notes.mjs <version> <notes file>: the notes of the release at HEAD, written
// to <notes file>, from one of two sources, and `source=git` or `source=changelog` on stdout (the
// release workflow appends stdout to $GITHUB_OUTPUT, states the source and checks it):
// 1. git history: the conventional commits since the previous version tag (feat, fix, perf and
//    anything marked breaking; chores, docs, tests and the like are left out);
// 2. when the history has none of those (a shallow clone, a first release from commits written
//    before the convention): the CHANGELOG.md section of <version>, which release-please writes.
// Exits 1 when neither gives any notes. Runs in the current folder's repository.
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';

const [version, notesFile] = process.argv.slice(2);
if (!version || !notesFile) {
  console.error('usage: node scripts/release-notes.mjs <version> <notes file>');
  process.exit(2);
}
const git = (...args) => execFileSync('git', args, { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] });

/** The previous version tag before HEAD, or undefined when this is the first. */
function previousTag() {
  try {
    return git('describe', '--tags', '--abbrev=0', '--match', 'v[0-9]*', 'HEAD^').trim();
  } catch {
    return undefined;
  }
}

const SECTIONS = [
  ['breaking', 'Breaking changes'],
  ['feat', 'Features'],
  ['fix', 'Fixes'],
  ['perf', 'Performance'],
];
const CONVENTIONAL = /^(?<type>[a-z]+)(?:\((?<scope>[^)]*)\))?(?<bang>!)?: (?<subject>.+)$/;

/** Notes from the conventional commits in `range`, or undefined when there are none that matter. */
function notesFromHistory(range) {
  const log = git('log', '--format=%s%x1f%b%x1e', ...(range ? [range] : ['HEAD']));
  const entries = new Map(SECTIONS.map(([key]) => [key, []]));
  for (const commit of log.split('\x1e')) {
    const [subject = '', body = ''] = commit.trim().split('\x1f');
    const match = CONVENTIONAL.exec(subject);
    if (!match) continue;
    const { type, scope, bang, subject: text } = match.groups;
    const line = `- ${scope ? `**${scope}:** ` : ''}${text}`;
    if (bang || /^BREAKING[ -]CHANGE:/m.test(body)) entries.get('breaking').push(line);
    else entries.get(type)?.push(line);
  }
  const sections = SECTIONS.filter(([key]) => entries.get(key).length > 0).map(([key, title]) => `### ${title}\n\n${entries.get(key).join('\n')}`);
  return sections.length > 0 ? sections.join('\n\n') : undefined;
}

/** The body of CHANGELOG.md's section for `version` (`## 1.2.3` or `## [1.2.3](...)`), or undefined. */
function notesFromChangelog() {
  if (!existsSync('CHANGELOG.md')) return undefined;
  const lines = readFileSync('CHANGELOG.md', 'utf8').split('\n');
  const heading = new RegExp(`^## \\[?${version.replaceAll('.', '\\.')}[\\] (]`);
  const start = lines.findIndex((line) => heading.test(`${line} `));
  if (start === -1) return undefined;
  const end = lines.findIndex((line, index) => index > start && line.startsWith('## '));
  const body = lines.slice(start + 1, end === -1 ? undefined : end).join('\n').trim();
  return body === '' ? undefined : body;
}

const since = previousTag();
const fromHistory = notesFromHistory(since && `${since}..HEAD`);
const notes = fromHistory ?? notesFromChangelog();
if (notes === undefined) {
  console.error(`no release notes for ${version}: no feat, fix, perf or breaking commit since ${since ?? 'the first commit'}, and no CHANGELOG.md section`);
  process.exit(1);
}
writeFileSync(notesFile, `${notes}\n`);
console.log(`source=${fromHistory ? 'git' : 'changelog'}`);
