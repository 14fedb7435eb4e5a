import { expect, it } from 'vitest';
import { mergeReadKeywords } from '../../../main/library/read-keywords';

it('replaces the keywords read from a re-indexed photo and keeps the ones the user added', () => {
  const rows = [
    { photoId: 'a', keyword: 'Old read' },
    { photoId: 'a', keyword: 'Holiday', origin: 'manual' as const },
    { photoId: 'b', keyword: 'Untouched' },
  ];
  const read = [
    { photoId: 'a', keyword: 'New read' },
    { photoId: 'a', keyword: 'holiday' },
  ];
  expect(mergeReadKeywords(rows, new Set(['a']), read)).toEqual([
    { photoId: 'a', keyword: 'Holiday', origin: 'manual' },
    { photoId: 'b', keyword: 'Untouched' },
    { photoId: 'a', keyword: 'New read' },
  ]);
});

it('adds the keywords of a photo indexed for the first time', () => {
  expect(mergeReadKeywords([], new Set(['c']), [{ photoId: 'c', keyword: 'Beach' }])).toEqual([{ photoId: 'c', keyword: 'Beach' }]);
});
