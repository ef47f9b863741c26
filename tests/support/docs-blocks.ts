/**
 * The fenced blocks of the documentation, as the docs test runs them. A block
 * may be preceded by a directive comment, `<!-- docs-test: ... -->`, saying
 * how to run it:
 *
 * - `as ADMIN` (GraphQL): signed in as that role's demo user;
 * - `expect CODE` (GraphQL): the answer carries this error or user error code;
 * - `serves` (shell): its last command starts a server, which must answer
 *   /healthz and stop cleanly on SIGTERM;
 * - `dry-run` (shell): benchmarks and long generations, run with
 *   CDP_HUB_DRY_RUN=1, so their options are checked and nothing is measured;
 * - `sketch` (GraphQL): a step of a walk-through whose `$variables` stand for
 *   the IDs earlier steps answered. It is validated against the schema (every
 *   rule but those about declaring variables and naming operations); the
 *   walk itself is the test it names, e.g. `sketch programme-year.test.ts`.
 *
 * A `json` block straight after a GraphQL block is its variables.
 */
import fs from 'node:fs';
import path from 'node:path';
import MarkdownIt from 'markdown-it';

export const ROOT = path.resolve(__dirname, '..', '..');

export interface DocBlock {
  /** Relative to the repository, e.g. `docs/api.md`. */
  file: string;
  /** 1-based line of the opening fence. */
  line: number;
  lang: string;
  text: string;
  directive: string[];
  /** For a GraphQL block: the JSON block that follows it. */
  variables?: Record<string, unknown>;
}

/** The front door and every page under docs/. */
export function documentationFiles(): string[] {
  const docs = fs.existsSync(path.join(ROOT, 'docs'))
    ? fs.readdirSync(path.join(ROOT, 'docs')).filter((f) => f.endsWith('.md')).sort().map((f) => `docs/${f}`)
    : [];
  return ['README.md', ...docs];
}

const DIRECTIVE = /^<!--\s*docs-test:\s*(.*?)\s*-->\s*$/;

export function blocksOf(file: string): DocBlock[] {
  const tokens = new MarkdownIt({ html: true }).parse(fs.readFileSync(path.join(ROOT, file), 'utf8'), {});
  const blocks: DocBlock[] = [];
  let directive: string[] = [];
  for (const token of tokens) {
    if (token.type === 'html_block') {
      const match = DIRECTIVE.exec(token.content.trim());
      directive = match ? match[1].split(/\s+/) : [];
      continue;
    }
    if (token.type !== 'fence') {
      // A directive applies to the fence right after it, and nothing further on.
      directive = [];
      continue;
    }
    const lang = token.info.trim().split(/\s+/)[0] ?? '';
    const previous = blocks[blocks.length - 1];
    const line = (token.map?.[0] ?? 0) + 1;
    if (lang === 'json' && previous?.lang === 'graphql' && previous.variables === undefined && directive.length === 0 && line - lastLine(previous) <= 2) {
      previous.variables = JSON.parse(token.content);
    } else {
      blocks.push({ file, line, lang, text: token.content, directive });
    }
    directive = [];
  }
  return blocks;
}

function lastLine(block: DocBlock): number {
  return block.line + block.text.split('\n').length;
}

/** The value after a directive word: `as ADMIN` gives `ADMIN`. */
export function directiveValue(block: DocBlock, word: string): string | undefined {
  const at = block.directive.indexOf(word);
  return at >= 0 ? block.directive[at + 1] : undefined;
}

/**
 * The commands of a shell block: continuation lines joined, comments and
 * blank lines dropped.
 */
export function commandsOf(block: DocBlock): string[] {
  const joined = block.text.replace(/\\\n\s*/g, ' ');
  return joined
    .split('\n')
    .map((line) => line.replace(/\s+#.*$/, '').trim())
    .filter((line) => line !== '' && !line.startsWith('#'));
}

/** GitHub's anchor of a heading: lower case, punctuation dropped, spaces as hyphens. */
export function anchorOf(heading: string): string {
  return heading.replace(/`/g, '').trim().toLowerCase().replace(/[^\p{L}\p{N}_\- ]/gu, '').replace(/ /g, '-');
}

/** The anchors of a Markdown file's headings. */
export function anchorsOf(file: string): Set<string> {
  const tokens = new MarkdownIt({ html: true }).parse(fs.readFileSync(path.join(ROOT, file), 'utf8'), {});
  return new Set(tokens.flatMap((t, i) => (t.type === 'heading_open' ? [anchorOf(tokens[i + 1].content)] : [])));
}

/** Every link of a Markdown file that points into the repository: its target file and anchor. */
export function localLinksOf(file: string): Array<{ target: string; anchor: string | null }> {
  const tokens = new MarkdownIt({ html: true }).parse(fs.readFileSync(path.join(ROOT, file), 'utf8'), {});
  const hrefs = tokens.flatMap((t) => (t.children ?? []).filter((c) => c.type === 'link_open').map((c) => c.attrGet('href') ?? ''));
  return hrefs
    .filter((href) => !/^[a-z]+:/i.test(href))
    .map((href) => {
      const [target, anchor] = href.split('#');
      return { target: target === '' ? file : path.posix.normalize(path.posix.join(path.posix.dirname(file), target)), anchor: anchor ?? null };
    });
}
