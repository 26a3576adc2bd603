import type { PricedModel } from './pricing-table.js';

/**
 * How the model id on a span finds its pricing entry. The table lists, per model, every id that
 * names it exactly: the alias, the dated snapshots, the Bedrock (`anthropic.<model>-v1:0`) and
 * Vertex AI (`<model>@<date>`) forms. What a platform or a router puts around such an id is
 * stripped by the rules below, so that the table need not list it once per region or router.
 */
const DECORATIONS: readonly RegExp[] = [
  // A router's provider prefix (LiteLLM and the like): `bedrock/anthropic.claude-…`.
  /^(?:bedrock|vertex_ai|anthropic|openai|azure)\//,
  // A Bedrock cross-region inference profile: `us.anthropic.claude-…-v1:0`.
  /^(?:us|us-gov|eu|apac|au|ca|jp|global)\.(?=anthropic\.)/,
];

/**
 * Model ids resolved so far, found or not, so that the rules run once per distinct id. Bounded:
 * an application that names many ids (deployment names, say) evicts the oldest.
 */
const RESOLVED_CAPACITY = 1024;

/** No model's id is longer: a longer one (a malformed response's) names no model, and is kept nowhere. */
export const MAX_MODEL_ID_CHARS = 256;

export class ModelIds {
  private readonly byId: ReadonlyMap<string, PricedModel>;
  private readonly resolved = new Map<string, PricedModel | null>();

  /** `byId`: every id the table lists, to the model it names. */
  constructor(byId: ReadonlyMap<string, PricedModel>) {
    this.byId = byId;
  }

  /** The model that `modelId` names, or `undefined` when the table has none. */
  resolve(modelId: string): PricedModel | undefined {
    if (modelId.length > MAX_MODEL_ID_CHARS) return undefined;
    const known = this.resolved.get(modelId);
    if (known !== undefined) return known ?? undefined;
    const model = this.byId.get(modelId) ?? this.byId.get(undecorated(modelId)) ?? null;
    if (this.resolved.size >= RESOLVED_CAPACITY) this.resolved.delete(this.resolved.keys().next().value as string);
    this.resolved.set(modelId, model);
    return model ?? undefined;
  }
}

function undecorated(modelId: string): string {
  let id = modelId;
  for (const decoration of DECORATIONS) id = id.replace(decoration, '');
  return id;
}
