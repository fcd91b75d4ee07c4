import { Entity } from '@backstage/catalog-model';
import { parseComponentAnnotations } from '@orchestration/plugin-orchestration-common';
import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import {
  assess,
  contentApi,
  fakeApi,
  noWorkloadType,
} from '../../__testUtils__/fixtures';
import { renderWithApi } from '../../__testUtils__/render';
import { copyableAnnotations, whatIfProblems, WhatIf } from './WhatIf';

jest.setTimeout(30_000);

const RESOURCES = 'orchestration.io/resources';

function component(annotations: Record<string, string>): Entity {
  return {
    ...contentApi,
    metadata: { ...contentApi.metadata, name: 'what-if-test', annotations },
  };
}

async function renderWhatIf(entity: Entity) {
  const api = fakeApi();
  await renderWithApi(<WhatIf entity={entity} current={assess(entity)} />, {
    api,
  });
  return api;
}

/** The annotations sent to the backend by the last evaluation. */
function evaluated(api: ReturnType<typeof fakeApi>) {
  const calls = api.evaluate.mock.calls;
  return calls[calls.length - 1][0].entity.metadata.annotations ?? {};
}

describe('WhatIf', () => {
  it('shows the parser’s message beside a value it cannot read, and keeps the value out of the block to copy', async () => {
    const api = await renderWhatIf(contentApi);
    const resources = screen.getByLabelText('Resources');
    await userEvent.clear(resources);
    await userEvent.type(resources, 'cpu=lots,memory=banana');

    const [expected] = parseComponentAnnotations({
      [RESOURCES]: 'cpu=lots,memory=banana',
    }).problems;
    expect(expected.severity).toBe('error');
    expect(resources).toHaveAttribute('aria-invalid', 'true');
    const helper = document.getElementById(
      resources.getAttribute('aria-describedby')!,
    )!;
    expect(helper).toHaveTextContent(expected.message);
    expect(helper).toHaveTextContent('Changed: was cpu=1,memory=2Gi.');
    expect(screen.getByTestId('what-if-summary')).toHaveTextContent(
      '1 field changed. 1 value cannot be read and is left out.',
    );

    await userEvent.click(screen.getByRole('button', { name: 'Evaluate' }));
    const result = await screen.findByTestId('what-if-result');
    expect(evaluated(api)).not.toHaveProperty([RESOURCES]);
    const block = within(result).getByRole('group', {
      name: 'The annotations to copy',
    });
    // The highlighter renders the block asynchronously.
    await waitFor(() =>
      expect(block).toHaveTextContent("orchestration.io/workload-type: 'api'"),
    );
    expect(block).not.toHaveTextContent('lots');
    expect(block).not.toHaveTextContent(RESOURCES);
    expect(screen.getByTestId('what-if-left-out')).toHaveTextContent(
      `${RESOURCES}: ${expected.message}`,
    );
  });

  it('marks the changed fields and counts them; reset clears the marks', async () => {
    await renderWhatIf(contentApi);
    expect(screen.getByTestId('what-if-summary')).toHaveTextContent(
      'Nothing changed yet.',
    );
    await userEvent.selectOptions(
      screen.getByLabelText('Portability'),
      'multi-cloud',
    );
    expect(
      screen.getByTestId('changed-orchestration.io/portability'),
    ).toHaveTextContent('Changed: was aws-only.');
    await userEvent.click(screen.getByRole('checkbox', { name: 'gpu' }));
    expect(
      screen.getByTestId('changed-orchestration.io/scheduling'),
    ).toHaveTextContent('Changed: not set in the catalog.');
    // Unticking and ticking again is no change.
    await userEvent.click(screen.getByRole('checkbox', { name: 'alb' }));
    await userEvent.click(screen.getByRole('checkbox', { name: 'alb' }));
    expect(
      screen.queryByTestId('changed-orchestration.io/aws-integrations'),
    ).not.toBeInTheDocument();
    expect(screen.getByTestId('what-if-summary')).toHaveTextContent(
      '2 fields changed.',
    );
    await userEvent.click(
      screen.getByRole('button', { name: 'Reset to the catalog values' }),
    );
    expect(screen.getByTestId('what-if-summary')).toHaveTextContent(
      'Nothing changed yet.',
    );
    expect(screen.queryByTestId(/^changed-/)).not.toBeInTheDocument();
  });

  it('shows an unreadable catalog value in its field with the parser’s suggestion', async () => {
    const api = await renderWhatIf(noWorkloadType);
    const portability = screen.getByLabelText('Portability');
    expect(portability).toHaveValue('aws-olny');
    expect(
      within(portability).getByRole('option', {
        name: 'aws-olny (cannot be read)',
      }),
    ).toBeInTheDocument();
    expect(portability).toHaveAttribute('aria-invalid', 'true');
    const helper = document.getElementById(
      portability.getAttribute('aria-describedby')!,
    )!;
    expect(helper).toHaveTextContent('did you mean "aws-only"?');
    // The missing workload type is noted beside its field, as a note.
    const workload = screen.getByLabelText('Workload type');
    expect(
      document.getElementById(workload.getAttribute('aria-describedby')!),
    ).toHaveTextContent('Note: orchestration.io/workload-type is missing');

    await userEvent.selectOptions(portability, 'aws-only');
    expect(portability).toHaveAttribute('aria-invalid', 'false');
    await userEvent.click(screen.getByRole('button', { name: 'Evaluate' }));
    await screen.findByTestId('what-if-result');
    expect(evaluated(api)).toMatchObject({
      'orchestration.io/portability': 'aws-only',
    });
  });

  it('starts from the values of misspelt keys under the keys meant, and sends no misspelt key', async () => {
    const entity = component({
      'orchestration.io/workload-typ': 'worker',
      'orchestration.io/aws-integrations': 'alb, secret-manager',
    });
    const api = await renderWhatIf(entity);
    expect(screen.getByLabelText('Workload type')).toHaveValue('worker');
    expect(
      screen.getByTestId('changed-orchestration.io/workload-type'),
    ).toHaveTextContent('Changed: not set in the catalog.');
    await userEvent.click(screen.getByRole('button', { name: 'Evaluate' }));
    const result = await screen.findByTestId('what-if-result');
    const sent = evaluated(api);
    expect(sent).not.toHaveProperty(['orchestration.io/workload-typ']);
    expect(sent).toMatchObject({
      'orchestration.io/workload-type': 'worker',
      'orchestration.io/aws-integrations': 'alb',
    });
    // The list keeps its valid items; the unknown one is named, not copied.
    const block = within(result).getByRole('group', {
      name: 'The annotations to copy',
    });
    await waitFor(() =>
      expect(block).toHaveTextContent(
        "orchestration.io/aws-integrations: 'alb'",
      ),
    );
    expect(block).not.toHaveTextContent('secret-manager');
    expect(screen.getByTestId('what-if-left-out')).toHaveTextContent(
      'orchestration.io/aws-integrations: "secret-manager" is not a valid value',
    );
  });
});

describe('copyableAnnotations', () => {
  it('keeps what the parser reads and names what it leaves out', () => {
    const values = {
      'orchestration.io/workload-type': 'api',
      'orchestration.io/portability': 'everywhere',
      'orchestration.io/scheduling': 'gpu, warp-drive',
      'orchestration.io/replicas': 'three',
      'orchestration.io/current-platform': 'ecs-ec2',
    };
    const { annotations, left } = copyableAnnotations(
      values,
      whatIfProblems(contentApi, values),
    );
    expect(annotations).toEqual({
      'orchestration.io/workload-type': 'api',
      'orchestration.io/scheduling': 'gpu',
      'orchestration.io/current-platform': 'ecs-ec2',
    });
    expect(left.map(l => l.key)).toEqual([
      'orchestration.io/portability',
      'orchestration.io/scheduling',
      'orchestration.io/replicas',
    ]);
  });
});
