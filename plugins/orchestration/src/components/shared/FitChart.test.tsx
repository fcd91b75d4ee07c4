import { renderInTestApp } from '@backstage/test-utils';
import { screen } from '@testing-library/react';
import { assess, contentApi, eventsKafka } from '../../__testUtils__/fixtures';
import { FitChart } from './FitChart';

describe('FitChart', () => {
  it('shows each fit with its verdict in words', async () => {
    await renderInTestApp(
      <FitChart platforms={assess(contentApi).platforms} />,
    );
    const fargate = screen
      .getByText('ECS on Fargate (ecs-fargate)')
      .closest('li');
    expect(fargate).toHaveTextContent('/100 · Recommended');
    expect(fargate).not.toHaveTextContent('score');
  });

  it('shows the uncapped score where the rules put a platform past 100', async () => {
    const { platforms } = assess(eventsKafka);
    const eks = platforms.find(p => p.id === 'eks')!;
    expect(eks.score).toBeGreaterThan(100);
    await renderInTestApp(<FitChart platforms={platforms} />);
    expect(
      screen.getByText('Amazon EKS (eks)').closest('li'),
    ).toHaveTextContent(
      `100/100 · Recommended (score ${eks.score} before the 0-100 cap)`,
    );
  });
});
