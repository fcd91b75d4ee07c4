/** YAML request bodies of the evaluate endpoint, ordinary and hostile. */

/** A Component document named `name`. */
export const yamlComponent = (name = 'x') =>
  `kind: Component\nmetadata:\n  name: ${name}\n`;

/** A Group document named `name`. */
export const yamlGroup = (name: string) =>
  `kind: Group\nmetadata:\n  name: ${name}\n`;

/** YAML's "billion laughs" in a Component: nine levels of nine aliases each. */
export function aliasBomb(): string {
  const lines = ['kind: Component', 'metadata:', '  name: bomb', 'spec:'];
  lines.push(`  l0: &l0 [${Array(9).fill('"lol"').join(', ')}]`);
  for (let level = 1; level < 9; level++) {
    lines.push(
      `  l${level}: &l${level} [${Array(9)
        .fill(`*l${level - 1}`)
        .join(', ')}]`,
    );
  }
  return `${lines.join('\n')}\n`;
}

/** A Component and `count - 1` Groups, separated by `---` lines. */
export function manyDocuments(count: number): string {
  return Array.from({ length: count }, (_, i) =>
    i === 0 ? yamlComponent() : `---\n${yamlGroup(`g${i}`)}`,
  ).join('');
}
