import {
  AppLanguageApi,
  appLanguageApiRef,
  TranslationApi,
  translationApiRef,
} from '@backstage/frontend-plugin-api';
import { TestApiProvider } from '@backstage/test-utils';
import { MockTranslationApi } from '@backstage/test-utils/alpha';
import { screen, within } from '@testing-library/react';
import { ReactNode } from 'react';
import { contentApi, fakeApi } from '../../__testUtils__/fixtures';
import { renderWithApi } from '../../__testUtils__/render';
import { orchestrationTranslationRef } from '../../translation';
import { EntityOrchestrationContent } from './EntityOrchestrationContent';

jest.setTimeout(30_000);

/** An observable that never emits: nothing changes during a test. */
function silent<T>(): T {
  const observable = {
    subscribe: () => ({ unsubscribe: () => {}, closed: false }),
    [Symbol.observable ?? '@@observable']() {
      return observable;
    },
  };
  return observable as unknown as T;
}

/**
 * A translation API with some messages overridden, as an app does with
 * `createTranslationMessages`: the others keep their default.
 */
function overriding(messages: Record<string, string>): TranslationApi {
  const base = MockTranslationApi.create();
  return {
    getTranslation(ref) {
      const snapshot = base.getTranslation(ref);
      if (ref.id !== orchestrationTranslationRef.id) return snapshot;
      const t = ((key: string, options?: Record<string, unknown>) =>
        key in messages
          ? messages[key].replace(/\{\{(\w+)\}\}/g, (_, name) =>
              String(options?.[name] ?? ''),
            )
          : (snapshot.t as (k: string, o?: unknown) => ReactNode)(
              key,
              options,
            )) as unknown as typeof snapshot.t;
      return { ready: true, t };
    },
    translation$() {
      return silent();
    },
  };
}

function languageApi(language: string): AppLanguageApi {
  return {
    getAvailableLanguages: () => ({ languages: [language] }),
    setLanguage: () => {},
    getLanguage: () => ({ language }),
    language$: () => silent(),
  };
}

describe('the Orchestration tab in other words', () => {
  it('shows the messages an app overrides, through the translation API', async () => {
    await renderWithApi(
      <TestApiProvider
        apis={[
          [
            translationApiRef,
            overriding({
              'strip.today': 'Heute',
              'content.fitTitle': 'Eignung der Plattformen',
              'content.whatIfSummary': 'Was wäre, wenn?',
              'fitChart.meterLabel': 'Eignung von {{platform}}',
            }),
          ],
        ]}
      >
        <EntityOrchestrationContent />
      </TestApiProvider>,
      { api: fakeApi(), entity: contentApi },
    );
    const strip = await screen.findByTestId('strip-today');
    expect(strip).toHaveTextContent(/^Heute/);
    expect(screen.getByText('Eignung der Plattformen')).toBeInTheDocument();
    expect(
      screen.getByRole('button', { name: 'Was wäre, wenn? (show)' }),
    ).toBeInTheDocument();
    expect(
      screen.getByRole('meter', { name: 'Eignung von ecs-fargate' }),
    ).toBeInTheDocument();
    // The messages not overridden keep their default.
    expect(screen.getByTestId('strip-next')).toHaveTextContent('Keep as is');
  });

  it('formats dates in the app language, with the machine-readable value kept', async () => {
    await renderWithApi(
      <TestApiProvider apis={[[appLanguageApiRef, languageApi('de')]]}>
        <EntityOrchestrationContent />
      </TestApiProvider>,
      { api: fakeApi(), entity: contentApi },
    );
    const decision = await screen.findByTestId('strip-decision');
    const date = await within(decision).findByText('27. Nov. 2026');
    expect(date.tagName).toBe('TIME');
    expect(date).toHaveAttribute('datetime', '2026-11-27T10:00:00Z');
    // No ISO string is shown as text anywhere on the tab.
    expect(document.body.textContent).not.toMatch(
      /\d{4}-\d{2}-\d{2}T\d{2}:\d{2}/,
    );
  });
});
