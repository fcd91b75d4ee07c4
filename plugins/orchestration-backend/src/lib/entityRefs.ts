import { InputError } from '@backstage/errors';

const PART = /^[A-Za-z0-9][A-Za-z0-9._-]{0,62}$/;
const KIND = /^[A-Za-z][A-Za-z0-9]{0,62}$/;

/** The entity ref named by `{kind}/{namespace}/{name}` path parameters, lower case. */
export function entityRefFromPath(params: {
  kind?: string;
  namespace?: string;
  name?: string;
}): string {
  const { kind = '', namespace = '', name = '' } = params;
  if (!KIND.test(kind)) {
    throw new InputError(
      `Malformed entity ref: kind '${kind}' must be letters and digits, e.g. component`,
    );
  }
  if (!PART.test(namespace)) {
    throw new InputError(
      `Malformed entity ref: namespace '${namespace}' must be 1-63 letters, digits, '-', '_' or '.', e.g. default`,
    );
  }
  if (!PART.test(name)) {
    throw new InputError(
      `Malformed entity ref: name '${name}' must be 1-63 letters, digits, '-', '_' or '.'`,
    );
  }
  // ASCII only (checked above): toLowerCase is exact, and far cheaper than a
  // locale-aware lower-casing on every request.
  return `${kind}:${namespace}/${name}`.toLowerCase();
}

/** Like {@link entityRefFromPath}, for routes about Components only. */
export function componentRefFromPath(params: {
  kind?: string;
  namespace?: string;
  name?: string;
}): string {
  const ref = entityRefFromPath(params);
  if (!ref.startsWith('component:')) {
    throw new InputError(
      `Assessments are made for Components; got kind '${params.kind}'`,
    );
  }
  return ref;
}
