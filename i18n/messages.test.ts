import { describe, expect, it } from 'vitest';
import en from '@/messages/en.json';
import my from '@/messages/my.json';
import th from '@/messages/th.json';

/**
 * Thai is the complete catalogue. English must have every key Thai has. Burmese covers the citizen pages: the staff
 * pages fall back to English on purpose (loadMessages in ./messages.ts), and that is the only part allowed to be
 * missing. A translation must also use the same placeholders as the Thai text, or a figure silently drops out of a
 * sentence in one language.
 */
const FALLS_BACK_ON_PURPOSE: Record<'en' | 'my', string[]> = {
  en: [],
  my: ['staff.'],
};

type Tree = { [key: string]: string | Tree };

function flatten(tree: Tree, prefix = ''): Map<string, string> {
  const out = new Map<string, string>();
  for (const [key, value] of Object.entries(tree)) {
    if (typeof value === 'string') out.set(prefix + key, value);
    else for (const [k, v] of flatten(value, `${prefix}${key}.`)) out.set(k, v);
  }
  return out;
}

/**
 * The argument names of an ICU message ("{count, plural, =0 {none} other {# items}}" → count): only braces that open
 * an argument count, not the branches of a plural or select, whose text is parsed as a message again.
 */
function icuArguments(message: string): Set<string> {
  const names = new Set<string>();
  let i = 0;
  const parseMessage = (untilBrace: boolean) => {
    while (i < message.length) {
      const c = message[i];
      if (c === "'" && (message[i + 1] === '{' || message[i + 1] === '}' || message[i + 1] === "'")) {
        const end = message.indexOf("'", i + 1);
        i = end === -1 ? message.length : end + 1;
      } else if (c === '{') {
        i++;
        parseArgument();
      } else if (c === '}' && untilBrace) {
        i++;
        return;
      } else i++;
    }
  };
  const parseArgument = () => {
    const head = /^\s*([^\s,{}]+)\s*(?:,\s*(\w+)\s*)?/.exec(message.slice(i));
    if (!head) return;
    names.add(head[1]!);
    i += head[0].length;
    const type = head[2];
    if (type === 'plural' || type === 'select' || type === 'selectordinal') {
      i = message.indexOf(',', i) + 1; // the comma before the branches
      while (i > 0 && i < message.length) {
        const branch = /^\s*(?:offset:\d+\s*)?([^\s{}]+)\s*\{/.exec(message.slice(i));
        if (!branch) break;
        i += branch[0].length;
        parseMessage(true);
      }
    }
    const close = message.indexOf('}', i);
    i = close === -1 ? message.length : close + 1;
  };
  parseMessage(false);
  return names;
}

const catalogue = flatten(th as Tree);

describe.each([
  ['en', en as Tree],
  ['my', my as Tree],
] as const)('messages/%s.json', (locale, tree) => {
  const translated = flatten(tree);
  const allowed = (key: string) => FALLS_BACK_ON_PURPOSE[locale].some((prefix) => key.startsWith(prefix));

  it('has every key that th.json has, apart from what falls back on purpose', () => {
    const missing = [...catalogue.keys()].filter((key) => !translated.has(key) && !allowed(key));
    expect(missing).toEqual([]);
  });

  it('has no key that th.json lacks (a typo or a leftover)', () => {
    expect([...translated.keys()].filter((key) => !catalogue.has(key))).toEqual([]);
  });

  it('uses the same placeholders as the Thai text', () => {
    const differ = [...translated]
      .filter(([key]) => catalogue.has(key))
      .filter(([key, text]) => [...icuArguments(catalogue.get(key)!)].sort().join() !== [...icuArguments(text)].sort().join())
      .map(([key]) => key);
    expect(differ).toEqual([]);
  });
});

describe('icuArguments', () => {
  it('reads arguments, not the branches of a plural', () => {
    expect([...icuArguments('{count, plural, =0 {Nothing} one {# item from {place}} other {# items}}')].sort()).toEqual(['count', 'place']);
    expect([...icuArguments('ตารางที่ {n} {title}')].sort()).toEqual(['n', 'title']);
    expect([...icuArguments("a quoted '{brace}' is text")]).toEqual([]);
  });
});
