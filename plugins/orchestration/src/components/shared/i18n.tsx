import {
  TranslationFunction,
  useTranslationRef,
} from '@backstage/frontend-plugin-api';
import { Fragment, isValidElement, ReactNode, useMemo } from 'react';
import {
  orchestrationMessages,
  orchestrationTranslationRef,
} from '../../translation';
import { browserFormatters, Formatters, useFormatters } from './format';

/** The messages of the Orchestration plugin, by flattened key. */
export type OrchestrationMessages = typeof orchestrationTranslationRef.T;

/** The translation function of the Orchestration plugin. */
export type OrchestrationT = TranslationFunction<OrchestrationMessages>;

/** What every piece of text needs: the messages and the formats of the user. */
export interface Texts {
  t: OrchestrationT;
  fmt: Formatters;
}

/** The messages in the app's language and the formats of the user's locale. */
export function useTexts(): Texts {
  const { t } = useTranslationRef(orchestrationTranslationRef);
  const fmt = useFormatters();
  return useMemo(() => ({ t, fmt }), [t, fmt]);
}

type Nested = { readonly [key: string]: string | Nested };

function lookup(key: string): string | undefined {
  let node: string | Nested | undefined = orchestrationMessages as Nested;
  for (const part of key.split('.')) {
    if (node === undefined || typeof node === 'string') return undefined;
    node = node[part];
  }
  return typeof node === 'string' ? node : undefined;
}

const englishPlurals = new Intl.PluralRules('en');

/**
 * The default messages, interpolated as the translation API does
 * (`{{value}}`, `_one`/`_other` by `count`, elements as values), for code
 * that runs outside the app: the messages are the same, only no translation
 * or override applies.
 */
function defaultT(
  key: string,
  options?: { count?: number; replace?: Record<string, unknown> } & Record<
    string,
    unknown
  >,
): ReactNode {
  const count = options?.count;
  const message =
    (typeof count === 'number'
      ? lookup(`${key}_${englishPlurals.select(count)}`) ??
        lookup(`${key}_other`)
      : undefined) ??
    lookup(key) ??
    key;
  const values: Record<string, unknown> = {
    ...options,
    ...(options?.replace ?? {}),
  };
  const parts = message.split(/\{\{\s*([^}]+?)\s*\}\}/);
  let elements = false;
  const out: ReactNode[] = parts.map((part, i) => {
    if (i % 2 === 0) return part;
    const value = values[part.split(',')[0].trim()];
    if (isValidElement(value)) {
      elements = true;
      return <Fragment key={i}>{value}</Fragment>;
    }
    return value === undefined || value === null ? '' : String(value);
  });
  return elements ? <>{out}</> : out.join('');
}

let defaults: Texts | undefined;

/**
 * The default messages with the browser's formats, for callers outside
 * React; components use {@link useTexts}.
 */
export function defaultTexts(): Texts {
  if (!defaults) {
    defaults = {
      t: defaultT as unknown as OrchestrationT,
      fmt: browserFormatters(),
    };
  }
  return defaults;
}
