// FTS5 MATCH building (db/search/ftsQuery.ts) against a real FTS5 table: whatever the operator types is
// a literal prefix or nothing, never FTS syntax and never an error.
import Database from 'better-sqlite3';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ftsTerms, MAX_QUERY_TERMS, prefixMatch } from '../../../db/search/ftsQuery.js';
import { searchTokens } from '../../../electron/shared/text/fold.js';
import { sharedTestdata } from '../../support/paths.js';

function ftsTable() {
  const sqlite = new Database(':memory:');
  sqlite.exec(
    `CREATE VIRTUAL TABLE t USING fts5(name, notes, content='', contentless_delete=1, detail=column, prefix='1 2 3 4', tokenize='ascii')`,
  );
  const insert = sqlite.prepare('INSERT INTO t (rowid, name, notes) VALUES (?, ?, ?)');
  insert.run(1, searchTokens('Işık Yıldırım').join(' '), searchTokens('near the OR gate').join(' '));
  insert.run(2, searchTokens('Пётр Ёлкин').join(' '), searchTokens('col: value "quoted" -minus *star').join(' '));
  insert.run(3, searchTokens("O'Brien & Co").join(' '), '');
  const query = sqlite.prepare('SELECT rowid FROM t WHERE t MATCH ? ORDER BY rowid').pluck();
  return (text: string, columns?: string[]) => {
    const match = prefixMatch(searchTokens(text), columns);
    return match === undefined ? [] : (query.all(match) as number[]);
  };
}

describe('prefixMatch', () => {
  it('quotes every term and makes it a prefix', () => {
    expect(prefixMatch(['ahm', 'yil'])).toBe('"ahm"* "yil"*');
    expect(prefixMatch(['ahm'], ['name', 'company'])).toBe('{name company} : ("ahm"*)');
    expect(prefixMatch([])).toBeUndefined();
    expect(prefixMatch(['"', '*', ''])).toBeUndefined();
  });

  it('splits terms as the ascii tokenizer does, so no term is ever a phrase', () => {
    expect(ftsTerms(['a-b', 'c"d', 'ÄB'])).toEqual(['a', 'b', 'c', 'd', 'Äb']);
    expect(ftsTerms(Array.from({ length: 20 }, (_, i) => `t${i}`))).toHaveLength(MAX_QUERY_TERMS);
  });

  it('refuses a column name that is not a plain identifier', () => {
    expect(() => prefixMatch(['x'], ['name} OR {notes'])).toThrow(/not a column/);
  });

  it('finds folded prefixes and treats FTS5 operators as words', () => {
    const find = ftsTable();
    expect(find('ışık')).toEqual([1]);
    expect(find('IŞIK yıl')).toEqual([1]);
    expect(find('isik')).toEqual([1]);
    expect(find('ёлкин')).toEqual([2]);
    expect(find('елк')).toEqual([2]);
    expect(find('OR')).toEqual([1]);
    expect(find('NEAR')).toEqual([1]);
    expect(find('col:')).toEqual([2]);
    expect(find('"quoted')).toEqual([2]);
    expect(find('-minus')).toEqual([2]);
    expect(find('*star')).toEqual([2]);
    expect(find('obrien')).toEqual([3]);
    expect(find('isik', ['notes'])).toEqual([]);
  });

  it.each([
    '"',
    '""',
    '"a',
    'a"',
    'OR',
    'AND',
    'NOT',
    'NEAR',
    'NEAR(a b, 2)',
    'col:',
    'name:x',
    '{name}:x',
    '-',
    '- a',
    '*',
    'a*',
    '^',
    '^a',
    '(',
    ')',
    '+',
    'a OR b',
    "'",
    '\\',
    '\u0000',
    '%_',
  ])('hostile query %j is a literal match or empty, never an error', (text) => {
    const find = ftsTable();
    expect(() => find(text)).not.toThrow();
  });

  it('survives every string of the Big List of Naughty Strings as a query', () => {
    const find = ftsTable();
    const strings = JSON.parse(readFileSync(join(sharedTestdata, 'naughty-strings', 'blns.json'), 'utf8')) as string[];
    expect(strings.length).toBeGreaterThan(400);
    for (const text of strings) expect(() => find(text), JSON.stringify(text)).not.toThrow();
  });
});
