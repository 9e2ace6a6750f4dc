/**
 * The part of ICU MessageFormat the catalogues use: `{name}`, `{n, plural, =0 {…} one {…} other
 * {…}}` with `#`, `{x, select, yes {…} other {…}}`, and ICU's apostrophe quoting. Written here
 * because intl-messageformat (which also parses dates, number skeletons and tags) was ~8 KB gzip
 * of every page; I18N7 checks that each message of both catalogues formats exactly as it did.
 */

type Values = Record<string, string | number>;
type Node =
  | string
  | { kind: 'arg'; name: string }
  | { kind: 'pound' }
  | { kind: 'plural' | 'select'; name: string; options: Map<string, Node[]> };

export type CompiledMessage = (values?: Values) => string;

class Parser {
  #pos = 0;
  readonly #text: string;

  constructor(text: string) {
    this.#text = text;
  }

  /** Nodes up to the end or to the `}` closing the current option. */
  parse(inPlural: boolean): Node[] {
    const nodes: Node[] = [];
    let literal = '';
    const text = this.#text;
    while (this.#pos < text.length) {
      const char = text[this.#pos]!;
      if (char === '}') break;
      if (char === '{') {
        if (literal) nodes.push(literal);
        literal = '';
        nodes.push(this.#argument(inPlural));
      } else if (char === '#' && inPlural) {
        if (literal) nodes.push(literal);
        literal = '';
        nodes.push({ kind: 'pound' });
        this.#pos++;
      } else if (char === "'") {
        literal += this.#quoted(inPlural);
      } else {
        literal += char;
        this.#pos++;
      }
    }
    if (literal) nodes.push(literal);
    return nodes;
  }

  get done(): boolean {
    return this.#pos >= this.#text.length;
  }

  /** `''` is an apostrophe; `'` before a syntax character quotes up to the next `'`. */
  #quoted(inPlural: boolean): string {
    const text = this.#text;
    const next = text[this.#pos + 1];
    if (next === "'") {
      this.#pos += 2;
      return "'";
    }
    if (next === '{' || next === '}' || (next === '#' && inPlural) || next === '|') {
      let out = '';
      this.#pos++;
      while (this.#pos < text.length) {
        if (text[this.#pos] === "'") {
          if (text[this.#pos + 1] === "'") {
            out += "'";
            this.#pos += 2;
            continue;
          }
          this.#pos++;
          return out;
        }
        out += text[this.#pos++];
      }
      return out;
    }
    this.#pos++;
    return "'";
  }

  #argument(inPlural: boolean): Node {
    this.#pos++; // {
    const name = this.#until(',}').trim();
    if (this.#take('}')) return { kind: 'arg', name };
    this.#expect(',');
    const type = this.#until(',}').trim();
    if (type !== 'plural' && type !== 'select') throw new SyntaxError(`Unsupported: ${type}`);
    this.#expect(',');
    const options = new Map<string, Node[]>();
    for (;;) {
      this.#skipSpace();
      if (this.#take('}')) break;
      const selector = this.#until('{ \t\n').trim();
      this.#skipSpace();
      this.#expect('{');
      options.set(selector, this.parse(inPlural || type === 'plural'));
      this.#expect('}');
    }
    if (!options.has('other')) throw new SyntaxError(`No "other" option for ${name}`);
    return { kind: type, name, options };
  }

  #until(stops: string): string {
    const start = this.#pos;
    while (this.#pos < this.#text.length && !stops.includes(this.#text[this.#pos]!)) this.#pos++;
    return this.#text.slice(start, this.#pos);
  }

  #skipSpace(): void {
    while (/\s/.test(this.#text[this.#pos] ?? '')) this.#pos++;
  }

  #take(char: string): boolean {
    if (this.#text[this.#pos] !== char) return false;
    this.#pos++;
    return true;
  }

  #expect(char: string): void {
    if (!this.#take(char)) throw new SyntaxError(`Expected "${char}" at ${this.#pos}`);
  }
}

/** Parses `message` once; the result formats it for any values. */
export function compileMessage(message: string, locale: string): CompiledMessage {
  const parser = new Parser(message);
  const nodes = parser.parse(false);
  if (!parser.done) throw new SyntaxError(`Unexpected "}" in ${message}`);
  const plurals = new Intl.PluralRules(locale);
  const numbers = new Intl.NumberFormat(locale);

  const render = (list: Node[], values: Values, count: number | null): string => {
    let out = '';
    for (const node of list) {
      if (typeof node === 'string') out += node;
      else if (node.kind === 'pound') out += count === null ? '#' : numbers.format(count);
      else {
        const value = values[node.name];
        if (value === undefined) throw new Error(`No value for {${node.name}} in ${message}`);
        if (node.kind === 'arg') out += String(value);
        else if (node.kind === 'select') {
          out += render(
            node.options.get(String(value)) ?? node.options.get('other')!,
            values,
            count
          );
        } else {
          const n = Number(value);
          const chosen =
            node.options.get(`=${n}`) ??
            node.options.get(plurals.select(n)) ??
            node.options.get('other')!;
          out += render(chosen, values, n);
        }
      }
    }
    return out;
  };
  return (values = {}) => render(nodes, values, null);
}
