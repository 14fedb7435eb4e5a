// Unit tests for folder paths typed in the UI: `~` is the home folder, a full path is kept
// (normalised), and a relative one is refused with an example rather than joined to
// whatever folder the app or the bridge started in.
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { typedPath } from '../../../main/app/typed-path';

const home = join('/', 'home', 'ana');

describe('typed folder paths', () => {
  it('expand ~ to the home folder and keep full paths', () => {
    expect(typedPath('~', home)).toBe(home);
    expect(typedPath(' ~/Pictures/2023 ', home)).toBe(join(home, 'Pictures', '2023'));
    expect(typedPath('/srv/photos/../photos/', home)).toBe(join('/', 'srv', 'photos'));
  });

  it('refuse a relative path, saying what to type instead', () => {
    for (const typed of ['Pictures', './Pictures', '~ana/Pictures', '']) {
      expect(() => typedPath(typed, home), typed).toThrow(/full path \(for example \/home\/ana\/Pictures\)/);
    }
  });
});
