// Every visible string goes through i18n (architecture §7): a TypeScript-AST scan of renderer/src/**/*.tsx
// fails on literal JSX text and literal aria-label/title/placeholder/alt values. The scanner is tested on
// known-bad and known-good snippets first, so a broken scanner cannot pass the real scan silently.
import { describe, expect, it } from 'vitest';
import {
  findForbiddenJsxAttributes,
  findUntranslatedJsx,
  readSource,
  relativeToRenderer,
  rendererSourceDir,
  sourceFiles,
} from './support/sourceScan.js';

const scan = (jsx: string) =>
  findUntranslatedJsx('fixture.tsx', `const view = () => (${jsx});`).map((f) =>
    f.attribute ? `${f.attribute}=${f.text}` : f.text,
  );

describe('untranslated JSX scanner', () => {
  it.each([
    ['<p>No active call</p>', ['No active call']],
    ["<p>{'Dial'}</p>", ['Dial']],
    ['<p>{`Line ${n}`}</p>', ['Line']],
    ["<p>{busy ? 'Saving' : t('settings.save')}</p>", ['Saving']],
    ["<p>{error && 'Failed'}</p>", ['Failed']],
    ["<p>{name ?? 'Unknown caller'}</p>", ['Unknown caller']],
    ['<button aria-label="Close" />', ['aria-label=Close']],
    ["<input placeholder={'Phone number'} />", ['placeholder=Phone number']],
    ['<img alt="Logo" />', ['alt=Logo']],
    ['<span title={`Locked: ${reason}`} />', ['title=Locked:']],
    ['<Region name="Softphone"><i /></Region>', ['name=Softphone']],
    ["<Dialog title={'Settings'} onClose={close}><i /></Dialog>", ['title=Settings']],
    ['<>Text in a fragment</>', ['Text in a fragment']],
    ['<td>42</td>', ['42']],
  ])('flags %s', (jsx, expected) => {
    expect(scan(jsx)).toEqual(expected);
  });

  it.each([
    "<p>{t('callerCard.emptyTitle')}</p>",
    '<p>   </p>',
    '<span className="keys-plus">+</span>',
    '<input id={id} name="user" type="tel" className="dial-input" />',
    "<p className={state === 'ready' ? 'ok' : 'idle'}>{count}</p>",
    "<p>{state === 'ready' ? t('line.ready') : t('line.notRegistered')}</p>",
    "<button aria-label={t('dialog.close')} />",
    '<Region name={t(\'softphone.region\')} className="bar"><i /></Region>',
    '<p>{formatTime(now, locale)}</p>',
    '<svg viewBox="0 0 24 24"><path d="M4 21a8 8 0 0 1 16 0" /></svg>',
  ])('accepts %s', (jsx) => {
    expect(scan(jsx)).toEqual([]);
  });
});

describe('renderer source', () => {
  const files = sourceFiles(rendererSourceDir, ['.tsx']);

  it('has components to scan', () => {
    expect(files.length).toBeGreaterThan(10);
  });

  it('contains no literal visible text in JSX', () => {
    const findings = files.flatMap((file) => findUntranslatedJsx(relativeToRenderer(file), readSource(file)));
    expect(findings).toEqual([]);
  });

  it('never uses dangerouslySetInnerHTML or style= (the CSP forbids inline styles)', () => {
    expect(
      findForbiddenJsxAttributes('fixture.tsx', '<p style={{ color: "red" }} dangerouslySetInnerHTML={{ __html: x }} />'),
    ).toHaveLength(2);
    const findings = files.flatMap((file) => findForbiddenJsxAttributes(relativeToRenderer(file), readSource(file)));
    expect(findings).toEqual([]);
  });
});
