// Runs in: the CLI process, or the app when the app holds the library. `clipfolio rate
// PHOTO... N` gives photos 0-5 stars (0 takes them away) and `clipfolio favourite PHOTO...
// [--remove]` marks favourites: the same edits as the app's keys, one undo step each.
import { MAX_RATING } from '../../library/catalog-schema';
import { ratePhotos, setFavourite } from '../../library/photo-marks';
import { libraryOf, printJson, printLine, UsageError, type CliIo } from '../cli-io';
import { photoIdOf } from '../library-access';
import { libraryOption, libraryUsage } from '../open-library';
import { parseCommandArgs } from '../parse-command-args';

export const rateUsage = `usage: clipfolio rate PHOTO... STARS ${libraryUsage} [--json]\n       (STARS 0 to ${MAX_RATING}; 0 takes the stars away)`;
export const favouriteUsage = `usage: clipfolio favourite PHOTO... [--remove] ${libraryUsage} [--json]`;

export function rateCommand(args: string[], io: CliIo): number {
  const { values, positionals } = parseCommandArgs(args, { ...libraryOption, json: { type: 'boolean' } });
  const photos = positionals.slice(0, -1);
  const stars = Number(positionals.at(-1));
  if (photos.length === 0 || !Number.isInteger(stars) || stars < 0 || stars > MAX_RATING) throw new UsageError(rateUsage);
  const { catalog } = libraryOf(io);
  const photoIds = photos.map((photo) => photoIdOf(io, catalog, photo));
  const changed = ratePhotos(catalog, photoIds, stars);
  if (values.json) printJson(io, { photoIds, rating: stars, changed });
  else printLine(io, `${stars === 0 ? 'Took the stars from' : `Gave ${stars} star${stars === 1 ? '' : 's'} to`} ${changed} photo${changed === 1 ? '' : 's'}${changed < photoIds.length ? ` (${photoIds.length - changed} had them already)` : ''}.`);
  return 0;
}

export function favouriteCommand(args: string[], io: CliIo): number {
  const { values, positionals } = parseCommandArgs(args, { ...libraryOption, json: { type: 'boolean' }, remove: { type: 'boolean' } });
  if (positionals.length === 0) throw new UsageError(favouriteUsage);
  const { catalog } = libraryOf(io);
  const photoIds = positionals.map((photo) => photoIdOf(io, catalog, photo));
  const favourite = !values.remove;
  const changed = setFavourite(catalog, photoIds, favourite);
  if (values.json) printJson(io, { photoIds, favourite, changed });
  else printLine(io, `${favourite ? 'Added' : 'Removed'} ${changed} photo${changed === 1 ? '' : 's'} ${favourite ? 'to' : 'from'} favourites.`);
  return 0;
}
