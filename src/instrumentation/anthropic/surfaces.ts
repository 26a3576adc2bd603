import { anthropicMessagesApi } from '../formats/anthropic/lazy-messages-api.js';
import type { SurfacePatch } from '../provider-contract.js';

const { MESSAGES, COMPLETIONS } = anthropicMessagesApi();

/**
 * The resource classes whose `create` is wrapped, by their path from the `Anthropic` class. The
 * helpers (`messages.stream()`, `messages.parse()`, `beta.messages.stream()`, `.parse()`,
 * `.toolRunner()`) call these `create`s, so each of their API calls has its span from here.
 */
export const ANTHROPIC_SURFACES: readonly SurfacePatch[] = [
  { resourcePath: ['Messages'], surface: MESSAGES },
  { resourcePath: ['Beta', 'Messages'], surface: MESSAGES },
  { resourcePath: ['Completions'], surface: COMPLETIONS },
];
