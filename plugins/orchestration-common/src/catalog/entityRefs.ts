import {
  CompoundEntityRef,
  DEFAULT_NAMESPACE,
  Entity,
  parseEntityRef,
  stringifyEntityRef,
} from '@backstage/catalog-model';

/**
 * The one way the Orchestration plugins read entity references: as the
 * catalog does, with the kind defaulting from where the reference is written
 * and the namespace defaulting to the referring entity's own namespace.
 * Returns `kind:namespace/name` in lower case, or undefined for text that is
 * not a reference.
 *
 * @param text - the reference as written, e.g. `pay-eks` or `resource:payments/pay-eks`
 * @param defaults - the kind to assume, and the namespace of the entity that wrote it
 * @public
 */
export function resolveEntityRef(
  text: string,
  defaults: { defaultKind: string; defaultNamespace?: string },
): string | undefined {
  const trimmed = typeof text === 'string' ? text.trim() : '';
  if (trimmed === '') return undefined;
  let ref: CompoundEntityRef;
  try {
    ref = parseEntityRef(trimmed, {
      defaultKind: defaults.defaultKind,
      defaultNamespace: defaults.defaultNamespace || DEFAULT_NAMESPACE,
    });
  } catch {
    return undefined;
  }
  // Plain lower case: refs are ASCII, and it is many times faster than a locale-aware one.
  return stringifyEntityRef(ref).toLowerCase();
}

/**
 * The reference of an entity, `kind:namespace/name` in lower case, tolerant of
 * half-formed entities (a missing namespace is `default`).
 *
 * @public
 */
export function entityRefOf(entity: Entity): string {
  const kind = String(entity?.kind ?? 'component');
  const namespace = String(entity?.metadata?.namespace || DEFAULT_NAMESPACE);
  const name = String(entity?.metadata?.name ?? '');
  return `${kind}:${namespace}/${name}`.toLowerCase();
}

/**
 * The namespace of an entity, `default` when it has none.
 *
 * @public
 */
export function namespaceOf(entity: Entity): string {
  const namespace = entity?.metadata?.namespace;
  return typeof namespace === 'string' && namespace.trim() !== ''
    ? namespace.trim().toLowerCase()
    : DEFAULT_NAMESPACE;
}
