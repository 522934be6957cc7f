// Every text of the product exists in both languages, and Russian is Russian: the test reads
// the source of every package (TypeScript's parser, not a regex) and checks each object literal
// that holds an `en` text: it must hold `ru` too, with the same keys when they are
// dictionaries, and no Russian text may equal its English one unless it is a name or an
// abbreviation read the same in both (the allow-list).
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';

const root = path.resolve(import.meta.dirname, '../..');
const packages = ['contracts', 'bot', 'server', 'miniapp', 'ml'];

/** Read the same in both languages: brands, abbreviations, symbols. */
const sameInBoth = new Set([
  'LTV',
  'ARPU',
  'NRR',
  'GRR',
  'AOV',
  'RFM',
  'ROI',
  'CLV',
  'OK',
  'Telegram',
  'E-mail',
  'DAU/MAU',
]);

const pluralCategories = new Set(['zero', 'one', 'two', 'few', 'many', 'other']);

function sources(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const full = path.join(dir, e.name);
    if (e.isDirectory()) return e.name === 'node_modules' ? [] : sources(full);
    return /\.tsx?$/.test(e.name) && !e.name.endsWith('.d.ts') ? [full] : [];
  });
}

interface Found {
  where: string;
  problem: string;
}

function property(o: ts.ObjectLiteralExpression, name: string) {
  return o.properties.find(
    (p): p is ts.PropertyAssignment => ts.isPropertyAssignment(p) && p.name.getText() === name,
  );
}

const keysOf = (o: ts.ObjectLiteralExpression) =>
  o.properties.map((p) => p.name?.getText() ?? '…').sort();

const textOf = (e: ts.Expression) =>
  ts.isStringLiteral(e) || ts.isNoSubstitutionTemplateLiteral(e) ? e.text : null;

/** The problems of one file's bilingual object literals. */
function check(file: string): Found[] {
  const text = readFileSync(file, 'utf8');
  const source = ts.createSourceFile(file, text, ts.ScriptTarget.Latest, true);
  const found: Found[] = [];
  const at = (node: ts.Node) =>
    `${path.relative(root, file)}:${source.getLineAndCharacterOfPosition(node.getStart()).line + 1}`;
  const compare = (en: ts.Expression, ru: ts.Expression, node: ts.Node) => {
    const [e, r] = [textOf(en), textOf(ru)];
    if (e !== null && r !== null && e === r && !sameInBoth.has(e) && /[A-Za-z]/.test(e)) {
      found.push({ where: at(node), problem: `Russian equals English: '${e}'` });
    }
    if (ts.isObjectLiteralExpression(en) && ts.isObjectLiteralExpression(ru)) {
      const [ek, rk] = [keysOf(en), keysOf(ru)];
      // A word's plural forms: each language has its own categories (one/other; one/few/many).
      if ([...ek, ...rk].every((k) => pluralCategories.has(k))) return;
      const missing = ek.filter((k) => !rk.includes(k));
      const extra = rk.filter((k) => !ek.includes(k));
      if (missing.length > 0)
        found.push({ where: at(node), problem: `missing in ru: ${missing.join(', ')}` });
      if (extra.length > 0)
        found.push({ where: at(node), problem: `missing in en: ${extra.join(', ')}` });
      for (const p of en.properties) {
        if (!ts.isPropertyAssignment(p)) continue;
        const other = property(ru, p.name.getText());
        if (other) compare(p.initializer, other.initializer, p);
      }
    }
  };
  const visit = (node: ts.Node) => {
    if (ts.isObjectLiteralExpression(node)) {
      const en = property(node, 'en');
      const ru = property(node, 'ru');
      const textual = (p: ts.PropertyAssignment | undefined) =>
        p !== undefined &&
        (textOf(p.initializer) !== null || ts.isObjectLiteralExpression(p.initializer));
      if (textual(en) && !ru) found.push({ where: at(node), problem: 'has en but no ru' });
      if (textual(ru) && !en) found.push({ where: at(node), problem: 'has ru but no en' });
      if (en && ru) compare(en.initializer, ru.initializer, node);
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
  return found;
}

describe('the product speaks both languages', () => {
  const files = packages.flatMap((p) => sources(path.join(root, p, 'src')));

  it('finds the dictionaries it checks', () => {
    // The Mini App's, the bot's, the digests', the churn reasons', the KPIs' and definitions'.
    const withBoth = files.filter((f) => /\bru: /.test(readFileSync(f, 'utf8')));
    expect(withBoth.map((f) => path.relative(root, f))).toEqual(
      expect.arrayContaining([
        'miniapp/src/lib/i18n.ts',
        'bot/src/i18n.ts',
        'server/src/alerts/texts.ts',
        'ml/src/churn/reasons.ts',
        'contracts/src/kpis.ts',
        'contracts/src/definitions.ts',
        'contracts/src/vocabulary.ts',
      ]),
    );
  });

  it('has every key in both languages and no Russian text left in English', () => {
    expect(files.flatMap(check)).toEqual([]);
  });

  it('catches a missing key and an untranslated text (the checker itself)', () => {
    const dir = path.join(import.meta.dirname, 'fixtures');
    const problems = check(path.join(dir, 'bad-dictionary.ts')).map((f) => f.problem);
    expect(problems).toEqual([
      'missing in ru: later',
      "Russian equals English: 'Save'",
      'has en but no ru',
    ]);
  });
});
