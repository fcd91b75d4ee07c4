/** Quotes a YAML scalar so that any annotation value stays a string. */
function quote(value: string): string {
  return `'${value.replace(/'/g, "''")}'`;
}

/**
 * A `catalog-info.yaml` fragment setting the given annotations, ready to
 * paste under the entity's `metadata`.
 */
export function annotationsYaml(annotations: Record<string, string>): string {
  const lines = ['metadata:', '  annotations:'];
  for (const [key, value] of Object.entries(annotations)) {
    lines.push(`    ${key}: ${quote(value)}`);
  }
  return `${lines.join('\n')}\n`;
}
