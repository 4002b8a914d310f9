/**
 * Shortens text (with "…") so that it stays inside a node of the graph.
 * The graph lays nodes out with the size they are given and only lays them
 * out again when one measures larger, so text that sticks out of its box
 * costs a second layout of the whole graph as well as looking broken.
 * Widths are estimated from the characters, generously (wide letters, capitals,
 * and a bold weight count for more), because measuring text in the browser
 * would force a layout per node.
 */

/** Estimated width of a character in ems, a little above common sans-serif fonts. */
function charWidth(char: string): number {
  if (/[mwMW@%]/.test(char)) return 0.92;
  if (/[A-Z]/.test(char)) return 0.74;
  if (/[ijlI.,:;'|!\s]/.test(char)) return 0.34;
  if (/[ftr\-()/]/.test(char)) return 0.45;
  return 0.62;
}

/** Estimated width in pixels of text at this font size (bold text is wider). */
export function estimatedWidth(text: string, fontSize: number, bold = false): number {
  let ems = 0;
  for (const char of text) ems += charWidth(char);
  return ems * fontSize * (bold ? 1.06 : 1);
}

/** The text, or its longest beginning that fits with an ellipsis. */
export function fitText(text: string, maxWidth: number, fontSize: number, bold = false): string {
  if (estimatedWidth(text, fontSize, bold) <= maxWidth) return text;
  const room = maxWidth - estimatedWidth('…', fontSize, bold);
  let width = 0;
  let end = 0;
  for (const char of text) {
    const next = width + charWidth(char) * fontSize * (bold ? 1.06 : 1);
    if (next > room) break;
    width = next;
    end += char.length;
  }
  return `${text.slice(0, end)}…`;
}
