import { screen } from '@testing-library/react';
import { fakeApi, notAnnotated } from './__testUtils__/fixtures';
import { renderWithApi } from './__testUtils__/render';
import {
  EntityOrchestrationGetStartedCard,
  EntityOrchestrationGetStartedContent,
  isOrchestrationGetStartedAvailable,
} from './index';

jest.setTimeout(30_000);

describe('the legacy frontend system exports', () => {
  it('render the get started tab of a Component without annotations', async () => {
    expect(isOrchestrationGetStartedAvailable(notAnnotated)).toBe(true);
    await renderWithApi(<EntityOrchestrationGetStartedContent />, {
      api: fakeApi(),
      entity: notAnnotated,
    });
    expect(
      await screen.findByRole(
        'heading',
        { name: 'Get started with Orchestration' },
        { timeout: 10_000 },
      ),
    ).toBeInTheDocument();
  });

  it('render the get started card', async () => {
    await renderWithApi(<EntityOrchestrationGetStartedCard />, {
      api: fakeApi(),
      entity: notAnnotated,
    });
    expect(
      await screen.findByRole(
        'link',
        { name: /Get started/ },
        { timeout: 10_000 },
      ),
    ).toHaveAttribute(
      'href',
      '/catalog/default/component/docs-website/orchestration',
    );
  });
});
