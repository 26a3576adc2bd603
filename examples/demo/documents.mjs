// The documents the demo's support app sends as system prompts, at the sizes such documents have
// in a real app: a triage guide, a support policy and a FAQ, each written once per product line.
// At about 4 characters per token, their sizes are the token counts the demo's fixtures report
// (test/fixtures/demo/).

const PRODUCT_LINES = [
  'laptops', 'phones', 'tablets', 'monitors', 'keyboards', 'mice',
  'headphones', 'speakers', 'printers', 'routers', 'cameras', 'smartwatches',
];

/** `clauses`, each a function of a product line, written out for every product line under its heading. */
function perProductLine(title, clauses) {
  const sections = PRODUCT_LINES.map((line) => [`## ${line[0].toUpperCase()}${line.slice(1)}`, ...clauses.map((clause) => clause(line))].join('\n'));
  return [`# ${title}`, ...sections].join('\n\n');
}

export const TRIAGE_GUIDE = perProductLine('ACME support: how to triage a ticket', [
  (line) => `Category: a ticket about ${line} goes to the ${line} queue unless it is about a payment, which goes to billing.`,
  (line) => `Priority: urgent when ${line} bought in the last 7 days do not start, high when a business customer reports it, normal otherwise.`,
  (line) => `Escalate to a human when the customer mentions a safety issue, a legal threat, or a third contact about the same ${line.slice(0, -1)}.`,
  (line) => `Answer in one line: the queue, the priority, and a reason of at most ten words, e.g. "${line}, high, business customer, device dead on arrival".`,
]);

export const SUPPORT_POLICY = perProductLine('ACME support policy', [
  (line) => `Returns: ${line} may be returned within 30 days of delivery in their original condition, with every accessory and the original packaging.`,
  (line) => `Refunds: a returned item is refunded to the original payment method within 5 business days of its arrival at our warehouse; ${line} returned damaged are refunded less the repair cost.`,
  (line) => `Warranty: ${line} carry a 2-year warranty against manufacturing defects; a defect found in the first 30 days is replaced, not repaired.`,
  (line) => `Shipping: we pay return shipping for defective ${line}; for other returns the customer pays it, unless they are a member of ACME Plus.`,
  (line) => `Tone: thank the customer, restate the problem with their ${line.slice(0, -1)} in one sentence, give the next step and its date, and sign as "ACME Support".`,
]);

export const FAQ = perProductLine('ACME frequently asked questions', [
  (line) => `Q: Can I return ${line} I have used? A: Yes, within 30 days, if they are in their original condition and complete.`,
  (line) => `Q: How long does a refund for ${line} take? A: 5 business days from the day the return reaches our warehouse.`,
  (line) => `Q: Are ${line} bought with a gift card refundable? A: Yes, to a new gift card of the same amount.`,
  (line) => `Q: Can I exchange ${line} for another model? A: Yes, within 30 days; we charge or refund the difference in price.`,
  (line) => `Q: Who pays return shipping for ${line}? A: We do for defective ones and for ACME Plus members; otherwise the customer does.`,
  (line) => `Q: What does the warranty on ${line} cover? A: Manufacturing defects for 2 years; not drops, spills or wear.`,
  (line) => `Q: My ${line.slice(0, -1)} arrived damaged. A: Send us a photo of it and of the box within 48 hours and we ship a replacement.`,
  (line) => `Q: Can I cancel an order of ${line}? A: Until it ships; after that, return it when it arrives.`,
  (line) => `Q: Do you price-match ${line}? A: Yes, against major retailers' prices for the same model, within 14 days of purchase.`,
  (line) => `Q: Where is my order of ${line}? A: The tracking link is in the shipping e-mail; it updates within 24 hours of dispatch.`,
  (line) => `Q: Can I buy ${line} for a business? A: Yes; business accounts get invoices, volume prices and priority support.`,
  (line) => `Q: Do ${line} come with a charger or cable? A: Every accessory listed on the product page is in the box.`,
]);

/** The ticket the demo's requests are about, as a customer wrote it. */
export const TICKET =
  'Ticket #1042 from Dana Whitfield (business account): the laptops we received on Monday (order 88-2231) ' +
  'do not power on. Two of the five units show a black screen and a blinking amber light. We need working ' +
  'replacements before our team onboarding on Friday.';

/** Questions to the FAQ bot, each about the same length. */
export const FAQ_QUESTIONS = [
  'Can I return headphones I have already opened?',
  'How long will my refund for a printer take?',
  'My phone arrived with a cracked screen. Help?',
  'Is a tablet bought with a gift card refundable?',
  'Can I exchange my keyboard for another model?',
];
