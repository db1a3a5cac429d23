// Where a file needs the reference reading: the constructs js-yaml forgives or reads otherwise than YAML 1.2.

/** Anchors and tags, explicit keys, collections as keys, directives, tab indentation, byte order marks. */
const NEEDS_REFERENCE = /(?:^|[\s,[{])(?:[&!]|\?(?:[ \t\r\n]|$))|[\]}]\s*:|^%|^[ ]*\t|\ufeff/gm;

/**
 * Where the text first has a construct js-yaml forgives where YAML 1.2 does not, or reads
 * differently: directives, tags and anchors, byte order marks, document markers with anything but a
 * comment after them, explicit `?` keys, tab indentation, comments glued to a closing bracket or
 * quote, collections as keys (`]:`, `}:`, or an entry of a flow map), flow collections or quoted
 * scalars that span lines, block scalars with an indentation indicator or keep chomping, and block
 * scalars whose leading blank lines hold spaces (js-yaml reads an empty text where YAML 1.2 wants an
 * indentation indicator). Such files are rare in governance; the reference reads them. One pass
 * over the text, and a pattern.
 */
export function needsReference(text: string): number | undefined {
  NEEDS_REFERENCE.lastIndex = 0;
  for (let match; (match = NEEDS_REFERENCE.exec(text)) !== null;) {
    // The match may start with the space or bracket before an indicator; the indicator is the place.
    const at = match.index + Math.max(0, match[0].search(/[&!?]/));
    // `&` then a space is text (`R & D`), unless it starts a node: an anchor with no name.
    if (text[at] !== '&' || !/^[ \t\r\n]?$/.test(text[at + 1] ?? '') || /^$|[-?:,[{]/.test(previousChar(text, text.lastIndexOf('\n', at) + 1, at))) return at;
  }
  // The flow collections open on this line, innermost last: `{` or `[`.
  const flow: string[] = [];
  let opened = 0;
  let lineStart = 0;
  // After a line that may be a block scalar's header, until the first line with text.
  let afterHeader = false;
  // The indentation of the last line with text when it ends in a key or entry with no value yet.
  let emptyValueIndent = -1;
  while (lineStart < text.length) {
    let end = text.indexOf('\n', lineStart);
    if (end === -1) end = text.length;
    if (text.charCodeAt(end - 1) === 13) end--;
    if (isMarker(text, lineStart) && !onlyComment(text, lineStart + 3, end)) return lineStart;
    // Where the line's content ends: before a comment or trailing spaces.
    let contentEnd = end;
    for (let i = lineStart; i < end; i++) {
      const c = text[i];
      if (c === '[' || c === '{') {
        // A collection as an entry of a flow map is a key, which js-yaml turns into text ("a,b").
        if (flow[flow.length - 1] === '{' && /[{,]/.test(previousChar(text, lineStart, i))) return i;
        if (flow.push(c) === 1) opened = i;
      } else if ((c === ']' || c === '}') && flow.length > 0) flow.pop();
      else if ((c === '"' || c === "'") && startsScalar(text, lineStart, i)) {
        const close = closingQuote(text, i, end);
        if (close === -1) return i;
        i = close;
      } else if (c === '#') {
        if (i === lineStart || text[i - 1] === ' ' || text[i - 1] === '\t') {
          contentEnd = i;
          break;
        }
        // `#` glued to text is part of a plain scalar in YAML, but js-yaml may take it as a comment.
        if (text[i - 1] === ']' || text[i - 1] === '}' || text[i - 1] === '"' || text[i - 1] === "'") return i;
      }
    }
    if (flow.length > 0) return opened;
    while (contentEnd > lineStart && (text[contentEnd - 1] === ' ' || text[contentEnd - 1] === '\t')) contentEnd--;
    let first = lineStart;
    while (first < end && (text[first] === ' ' || text[first] === '\t')) first++;
    if (contentEnd > lineStart) {
      const header = blockHeader(text, lineStart, contentEnd);
      // js-yaml and YAML 1.2 part ways on an explicit indentation indicator (`|2`) in many places,
      // and on keep chomping (`|+`) when the file ends in spaces.
      if (header === 'indicated') return lineStart;
      afterHeader = header === 'plain';
      // A list entry left empty (`- -`, `-`): js-yaml may take the next entry, less indented, as its own.
      if (emptyEntry(text, first, contentEnd)) return lineStart;
      emptyValueIndent = text[contentEnd - 1] === ':' ? first - lineStart : -1;
    } else if (afterHeader && end > lineStart) return lineStart;
    // A comment no further in than a key with no value yet, before that value: for `yaml` it ends
    // the key's map; js-yaml reads on.
    else if (first < end && text[first] === '#' && emptyValueIndent >= 0 && first - lineStart <= emptyValueIndent) return lineStart;
    lineStart = text.indexOf('\n', end) + 1 || text.length;
  }
  return undefined;
}

/** Whether a line starts with a document marker, `---` or `...`. */
function isMarker(text: string, lineStart: number): boolean {
  const c = text[lineStart];
  return (c === '-' || c === '.') && text[lineStart + 1] === c && text[lineStart + 2] === c;
}

/** Whether text[from, end) is nothing, or spaces and tabs, or a comment after them. */
function onlyComment(text: string, from: number, end: number): boolean {
  let i = from;
  while (i < end && (text[i] === ' ' || text[i] === '\t')) i++;
  return i === end || (i > from && text[i] === '#');
}

/**
 * Whether a line's content, without its comment, ends in a block scalar header: `|` or `>`, then at
 * most two indicators; 'indicated' when one of them is a digit (explicit indentation) or `+` (keep).
 */
function blockHeader(text: string, lineStart: number, contentEnd: number): 'plain' | 'indicated' | undefined {
  let i = contentEnd - 1;
  let indicated = false;
  for (let n = 0; n < 2 && i > lineStart && isIndicator(text.charCodeAt(i)); n++, i--) {
    if (text[i] !== '-') indicated = true;
  }
  if (text[i] !== '|' && text[i] !== '>') return undefined;
  if (i !== lineStart && text[i - 1] !== ' ' && text[i - 1] !== '\t') return undefined;
  return indicated ? 'indicated' : 'plain';
}

/** Whether a line's content, from its first character, is list entries ending in an empty one: `-`, `- -`. */
function emptyEntry(text: string, first: number, contentEnd: number): boolean {
  if (text[contentEnd - 1] !== '-') return false;
  for (let i = first; i < contentEnd - 1; i++) {
    if (text[i] === '-' ? text[i + 1] !== ' ' && text[i + 1] !== '\t' : text[i] !== ' ' && text[i] !== '\t') return false;
  }
  return true;
}

/** The last character before `i` on its line that is not a space or tab; '' if none. */
function previousChar(text: string, lineStart: number, i: number): string {
  for (let j = i - 1; j >= lineStart; j--) if (text[j] !== ' ' && text[j] !== '\t') return text[j]!;
  return '';
}

/** A quote starts a quoted scalar when only indentation or an indicator (`:`, `-`, `[`, `{`, `,`, `?`) precedes it. */
function startsScalar(text: string, lineStart: number, i: number): boolean {
  for (let j = i - 1; j >= lineStart; j--) {
    const c = text[j];
    if (c === ' ' || c === '\t') continue;
    return c === ':' || c === '-' || c === '[' || c === '{' || c === ',' || c === '?';
  }
  return true;
}

/** The index of the quote that closes the scalar opened at `open`, on the same line; -1 if none. */
function closingQuote(text: string, open: number, end: number): number {
  const quote = text[open];
  for (let i = open + 1; i < end; i++) {
    if (quote === '"' && text[i] === '\\') i++;
    else if (text[i] === quote) {
      if (quote === "'" && text[i + 1] === "'") i++;
      else return i;
    }
  }
  return -1;
}

/** `-`, `+` or a digit: a block scalar's chomping or indentation indicator. */
function isIndicator(c: number): boolean {
  return c === 45 || c === 43 || (c >= 48 && c <= 57);
}
