import type { Attributes } from '@opentelemetry/api';
import {
  ATTR_GEN_AI_OUTPUT_TYPE,
  ATTR_GEN_AI_REQUEST_CHOICE_COUNT,
  ATTR_GEN_AI_REQUEST_MODEL,
  ATTR_GEN_AI_REQUEST_STREAM,
  ATTR_GEN_AI_USAGE_INPUT_TOKENS,
  ATTR_GEN_AI_USAGE_OUTPUT_TOKENS,
  ATTR_OPENAI_REQUEST_IMAGE_QUALITY,
  ATTR_OPENAI_USAGE_INPUT_TOKENS_DETAILS_IMAGE_TOKENS,
  ATTR_OPENAI_USAGE_OUTPUT_TOKENS_DETAILS_IMAGE_TOKENS,
} from '../../semconv.js';
import { fields } from '../api-fields.js';
import { oneOf, readAllOrNone, type AttributeTable } from '../attribute-table.js';
import type { ObservedCall, Surface } from '../provider-contract.js';
import { openaiApiFormat } from '../formats/openai/lazy-openai-api.js';

const { IMAGES_CONTENT, OPENAI_ERROR_CODES } = openaiApiFormat();

/**
 * The Images API as the `openai` SDK calls it: `images.generate` (POST /images/generations) and
 * `images.edit` (POST /images/edits, a multipart upload), whole or streamed (`stream: true`, the
 * GPT image models: `partial_image` events, then one `completed` event with the usage). The API
 * reference's `ImagesResponse` and stream events name no model and no id: the request's model
 * prices the call. The images themselves (`b64_json`, `url`) are never read.
 */

/** The qualities the API reference documents (`quality`): GPT image models' `low` to `max` and `auto`, DALL·E 3's `standard` and `hd`. */
const IMAGE_QUALITIES = oneOf('low', 'medium', 'high', 'xhigh', 'max', 'auto', 'standard', 'hd');

const IMAGES_REQUEST: AttributeTable = [
  [ATTR_GEN_AI_REQUEST_MODEL, ['model'], 'model'],
  [ATTR_GEN_AI_REQUEST_CHOICE_COUNT, ['n'], 'count'],
  [ATTR_OPENAI_REQUEST_IMAGE_QUALITY, ['quality'], IMAGE_QUALITIES],
  [ATTR_GEN_AI_REQUEST_STREAM, ['stream'], 'boolean'],
];

/**
 * The usage of the GPT image models (`ImagesResponse.usage`, and the `completed` event's): input
 * tokens of text and images, of which `input_tokens_details.image_tokens` are images; output
 * tokens, split by `output_tokens_details` where the model writes text too.
 */
const IMAGES_USAGE: AttributeTable = [
  [ATTR_GEN_AI_USAGE_INPUT_TOKENS, ['input_tokens'], 'count'],
  [ATTR_GEN_AI_USAGE_OUTPUT_TOKENS, ['output_tokens'], 'count'],
  [ATTR_OPENAI_USAGE_INPUT_TOKENS_DETAILS_IMAGE_TOKENS, ['input_tokens_details', 'image_tokens'], 'count'],
  [ATTR_OPENAI_USAGE_OUTPUT_TOKENS_DETAILS_IMAGE_TOKENS, ['output_tokens_details', 'image_tokens'], 'count'],
];

/** Every image call asks for images: the conventions' `gen_ai.output.type` says so. */
function readImagesRequest(_body: unknown, attributes: Attributes): void {
  attributes[ATTR_GEN_AI_OUTPUT_TYPE] = 'image';
}

/**
 * Writes an image call's usage, whole or not at all. A usage that does not split its output
 * (`output_tokens_details` absent, as in GPT Image 1's, whose reference says the output tokens are
 * "the number of image tokens in the output image") counts every output token as an image token.
 * DALL·E's responses carry no usage: nothing is written.
 */
function readImagesUsage(call: ObservedCall, usage: unknown): void {
  const attributes: Attributes = {};
  if (!readAllOrNone(IMAGES_USAGE, usage, attributes)) return;
  const output = attributes[ATTR_GEN_AI_USAGE_OUTPUT_TOKENS];
  const split = fields(usage).output_tokens_details;
  if (output !== undefined && (typeof split !== 'object' || split === null)) attributes[ATTR_OPENAI_USAGE_OUTPUT_TOKENS_DETAILS_IMAGE_TOKENS] = output;
  call.setAttributes(attributes);
}

function readImagesResponse(call: ObservedCall, body: unknown): void {
  readImagesUsage(call, fields(body).usage);
}

/** An event of a streamed image call: only the `completed` one carries the usage; the partial images are never read. */
function readImagesEvent(call: ObservedCall, event: unknown): void {
  const { type, usage } = fields(event);
  if (type === 'image_generation.completed' || type === 'image_edit.completed') readImagesUsage(call, usage);
}

export const IMAGES: Surface = {
  operation: 'generate_content',
  request: IMAGES_REQUEST,
  readRequest: readImagesRequest,
  errorCodes: OPENAI_ERROR_CODES,
  readResponse: readImagesResponse,
  readStreamEvent: readImagesEvent,
  content: IMAGES_CONTENT,
};
