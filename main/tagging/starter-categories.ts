// Runs in: the main process. Categories a new user can switch on with one click. Each is an
// ordinary category afterwards (editable, removable); the extra phrasings and negative
// prompts are the ones that separate it from its usual confusions.
export interface StarterCategory {
  name: string;
  prompts: string[];
  negativePrompts: string[];
  colour: string;
  /** Name of another starter category this one sits under. */
  parent?: string;
}

export const STARTER_CATEGORIES: readonly StarterCategory[] = [
  { name: 'people', prompts: ['a photo of people', 'a portrait of a person'], negativePrompts: ['a statue', 'a drawing of a person'], colour: '#e8a33d' },
  { name: 'pets', prompts: ['a photo of a pet dog', 'a photo of a pet cat'], negativePrompts: ['a stuffed toy animal'], colour: '#b5651d' },
  { name: 'food', prompts: ['a photo of a meal', 'a plate of food'], negativePrompts: ['a menu', 'a supermarket shelf'], colour: '#d9534f' },
  { name: 'documents and receipts', prompts: ['a photo of a document', 'a photo of a paper receipt'], negativePrompts: ['a screenshot'], colour: '#6c757d' },
  { name: 'screenshots', prompts: ['a screenshot of a phone screen', 'a screenshot of a computer screen'], negativePrompts: ['a photo of a screen taken with a camera'], colour: '#5bc0de' },
  { name: 'landscapes', prompts: ['a landscape photo', 'a photo of scenery'], negativePrompts: ['a painting of a landscape'], colour: '#5cb85c' },
  { name: 'beach', prompts: ['a photo of a sandy beach', 'a photo of the sea shore'], negativePrompts: ['a swimming pool'], colour: '#f0ad4e', parent: 'landscapes' },
  { name: 'snow', prompts: ['a photo of snow', 'a snowy landscape'], negativePrompts: ['a white wall'], colour: '#dfe9f3', parent: 'landscapes' },
  { name: 'city', prompts: ['a photo of a city street', 'a city skyline'], negativePrompts: ['a map of a city'], colour: '#777777' },
  { name: 'night', prompts: ['a photo taken at night', 'a city at night'], negativePrompts: ['a dark indoor room'], colour: '#2c3e50' },
];
