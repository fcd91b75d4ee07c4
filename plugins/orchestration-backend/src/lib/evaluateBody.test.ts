import { InputError } from '@backstage/errors';
import {
  countDocumentStarts,
  MAX_YAML_ALIAS_COUNT,
  MAX_YAML_DOCUMENTS,
  parseEvaluateJson,
  parseEvaluateYaml,
} from './evaluateBody';
import {
  aliasBomb,
  manyDocuments,
  yamlComponent,
  yamlGroup,
} from '../__fixtures__/yaml';

const component = yamlComponent;
const group = yamlGroup;

describe('parseEvaluateYaml', () => {
  it('reads a Component and its related entities', async () => {
    const input = await parseEvaluateYaml(
      `${component('web')}---\n${group('team')}`,
      undefined,
    );
    expect(input.entity.metadata.name).toBe('web');
    expect(input.related.map(e => e.metadata.name)).toEqual(['team']);
  });

  it(`accepts ${MAX_YAML_DOCUMENTS} documents and aliases within the limit`, async () => {
    const input = await parseEvaluateYaml(
      manyDocuments(MAX_YAML_DOCUMENTS),
      undefined,
    );
    expect(input.related).toHaveLength(MAX_YAML_DOCUMENTS - 1);
    const aliased = await parseEvaluateYaml(
      `${component()}  annotations: &a\n    orchestration.io/workload-type: api\nspec:\n  copy: *a\n`,
      undefined,
    );
    expect(aliased.entity.spec).toEqual({
      copy: { 'orchestration.io/workload-type': 'api' },
    });
  });

  const refused: Array<[string, () => string, RegExp]> = [
    [
      'an alias bomb',
      aliasBomb,
      new RegExp(
        `expands aliases more than the ${MAX_YAML_ALIAS_COUNT} times allowed \\(maxAliasCount\\)`,
      ),
    ],
    [
      `${MAX_YAML_DOCUMENTS + 1} documents after --- lines`,
      () => manyDocuments(MAX_YAML_DOCUMENTS + 1),
      new RegExp(`more than ${MAX_YAML_DOCUMENTS} documents`),
    ],
    [
      `${MAX_YAML_DOCUMENTS + 1} documents after ... lines`,
      () =>
        Array.from(
          { length: MAX_YAML_DOCUMENTS + 1 },
          (_, i) => `${i === 0 ? component() : group(`g${i}`)}...\n`,
        ).join(''),
      new RegExp(`more than ${MAX_YAML_DOCUMENTS} documents`),
    ],
    [
      '25,000 documents',
      () => manyDocuments(25_000),
      new RegExp(`more than ${MAX_YAML_DOCUMENTS} documents`),
    ],
    [
      'deeply nested flow lists',
      () => `${component()}spec: ${'['.repeat(100_000)}`,
      /nested too deeply; a body may nest objects and lists at most 64 levels/,
    ],
    [
      'deeply nested mappings',
      () =>
        `${component()}spec:\n${Array.from(
          { length: 100 },
          (_, i) => `${' '.repeat(i + 1)}k${i}:`,
        ).join('\n')} end\n`,
      /nested too deeply/,
    ],
    [
      'a duplicate key',
      () => `${component()}  title: a\n  title: b\n`,
      /document 1\): the key "title" appears twice in one mapping/,
    ],
    [
      'a NUL byte in the text',
      () => `${component()}  title: a\u0000b\n`,
      /The YAML body must not contain control characters \(other than tab, line feed and carriage return\); found U\+0000/,
    ],
    [
      'an escaped NUL in a value',
      () => `${component()}  title: "a\\0b"\n`,
      /metadata.title in YAML document 1 must not contain control characters.*found U\+0000 at position 2/,
    ],
    [
      'an escaped control character in a key',
      () => `${component()}  annotations:\n    "orchestration.io/\\x01": x\n`,
      /the key of metadata.annotations\["orchestration.io\/\\u0001"\] in YAML document 1 must not contain control characters/,
    ],
    [
      'broken YAML',
      () => 'kind: Component\nmetadata: [unclosed',
      /The YAML body could not be parsed \(document 1 at line \d+, column \d+\)/,
    ],
  ];

  it.each(refused)('refuses %s with a 400', async (_name, text, message) => {
    const started = performance.now();
    const result = parseEvaluateYaml(text(), undefined);
    await expect(result).rejects.toThrow(InputError);
    await expect(result).rejects.toThrow(message);
    // Every refusal stops early; generous, to stay clear of slow machines.
    expect(performance.now() - started).toBeLessThan(5_000);
  });

  it('gives the event loop turns while it parses a large document', async () => {
    const keys = Array.from(
      { length: 6_000 },
      (_, i) => `    orchestration.io/key-${i}: value ${i}`,
    ).join('\n');
    const text = `${component()}  annotations:\n${keys}\n`;
    let ticks = 0;
    let last = performance.now();
    let longest = 0;
    const timer = setInterval(() => {
      ticks++;
      longest = Math.max(longest, performance.now() - last);
      last = performance.now();
    }, 1);
    const started = performance.now();
    try {
      const input = await parseEvaluateYaml(text, undefined);
      expect(Object.keys(input.entity.metadata.annotations ?? {})).toHaveLength(
        6_000,
      );
    } finally {
      clearInterval(timer);
    }
    const elapsed = performance.now() - started;
    // eslint-disable-next-line no-console
    console.log(
      `parsed ${Math.round(text.length / 1024)} kB of YAML in ${Math.round(
        elapsed,
      )} ms; a 1 ms timer ran ${ticks} times meanwhile, at most ${Math.round(
        longest,
      )} ms apart`,
    );
    // A parse longer than a few slices gave the timer at least one turn.
    expect({
      elapsed,
      ticks,
      turns: elapsed <= 3 * 8 || ticks > 0,
    }).toMatchObject({ turns: true });
  });
});

describe('countDocumentStarts', () => {
  it.each([
    ['', 0],
    ['a: 1\n', 0],
    ['---\na: 1\n', 1],
    ['a: 1\n---\nb: 2\n--- \nc: 3\n---', 3],
    ['a: "---"\n----\n --- \n', 0],
  ])('counts %j as %i', (text, count) => {
    expect(countDocumentStarts(text, 10)).toBe(count);
  });

  it('stops just past the limit', () => {
    expect(countDocumentStarts('---\n'.repeat(100_000), 50)).toBe(51);
  });
});

describe('parseEvaluateJson', () => {
  it('keeps related entities to 500', () => {
    const entity = { kind: 'Component', metadata: { name: 'x' } };
    expect(() =>
      parseEvaluateJson({ entity, related: Array(501).fill(entity) }),
    ).toThrow('related accepts at most 500 entities');
  });
});
