// Runs in: the main process. Default prompts of a category: its name put through a small
// ensemble of templates taken verbatim from the CLIP paper's 80 ImageNet templates
// (openai/CLIP prompt-engineering notebook). Averaging several phrasings is what the paper
// found better than the bare name; these ten are the ones that describe ordinary photos
// (no "tattoo of", "origami", "video game"), so a personal library is not pulled towards art.
export const CATEGORY_TEMPLATES: readonly string[] = [
  'a photo of a {}.',
  'a bad photo of a {}.',
  'a good photo of a {}.',
  'a photo of many {}.',
  'a photo of my {}.',
  'a close-up photo of a {}.',
  'a bright photo of a {}.',
  'a dark photo of the {}.',
  'a cropped photo of the {}.',
  'a blurry photo of a {}.',
];

/**
 * Generic captions any photo matches about equally; a category is judged by how much better
 * it fits a photo than these do (see the "tag calibration" note in calibration.ts).
 */
export const BACKGROUND_PROMPTS: readonly string[] = ['a photo.', 'a picture.', 'an image.', 'a photo of something.'];

/** The name's template ensemble followed by the user's own phrasings, used as written, without repeats. */
export function categoryPrompts(name: string, userPrompts: readonly string[]): string[] {
  const fromName = CATEGORY_TEMPLATES.map((template) => template.replace('{}', name.trim()));
  return [...new Set([...fromName, ...userPrompts.map((p) => p.trim()).filter((p) => p.length > 0)])];
}
