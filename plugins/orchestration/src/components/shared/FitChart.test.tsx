import { renderInTestApp } from '@backstage/test-utils';
import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import {
  assess,
  contentApi,
  eventsKafka,
  renderJobs,
} from '../../__testUtils__/fixtures';
import { Expandable } from './Expandable';
import { FitChart } from './FitChart';
import { LongText } from './LongText';

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

describe('FitChart, today and blocked', () => {
  it('marks where the service runs today', async () => {
    await renderInTestApp(
      <FitChart platforms={assess(renderJobs).platforms} current="ecs-ec2" />,
    );
    expect(screen.getAllByTestId('today-marker')).toHaveLength(1);
    expect(
      within(screen.getByTestId('fit-ecs-ec2')).getByTestId('today-marker'),
    ).toHaveTextContent('today');
  });

  it('draws a blocked platform as a short label with the rule, not as a bar', async () => {
    const { platforms } = assess(renderJobs);
    const fargate = platforms.find(p => p.id === 'ecs-fargate')!;
    expect(fargate.verdict).toBe('blocked');
    expect(fargate.fit).toBeGreaterThan(0);
    await renderInTestApp(<FitChart platforms={platforms} />);
    const row = screen.getByTestId('fit-ecs-fargate');
    expect(within(row).queryByRole('meter')).not.toBeInTheDocument();
    expect(row).toHaveTextContent('Blocked');
    expect(row).toHaveTextContent(
      /Fargate has no GPUs|Larger than the largest/,
    );
    expect(row).not.toHaveTextContent(`${fargate.fit}/100`);
    expect(screen.getAllByRole('meter')).toHaveLength(3);
  });
});

describe('LongText and Expandable', () => {
  it('cuts a long value and shows all of it on request', async () => {
    const text = `${'x'.repeat(200)}<script>`;
    await renderInTestApp(<LongText text={text} />);
    expect(screen.getByText(`${'x'.repeat(120)}…`)).toBeInTheDocument();
    await userEvent.click(
      screen.getByRole('button', { name: 'show more (208 characters)' }),
    );
    expect(screen.getByText(text)).toBeInTheDocument();
  });

  it('lets a value wrap between its parts before inside a word', async () => {
    const { container } = await renderInTestApp(
      <LongText code text="orchestration.io/etcd-last-backup=2026-11-28" />,
    );
    const code = screen.getByText(
      'orchestration.io/etcd-last-backup=2026-11-28',
    );
    expect(code.tagName).toBe('CODE');
    expect(code.innerHTML).toBe(
      'orchestration.<wbr>io/<wbr>etcd-<wbr>last-<wbr>backup=<wbr>2026-<wbr>11-<wbr>28',
    );
    expect(container.querySelectorAll('wbr')).toHaveLength(7);
  });

  it('leaves a short value alone', async () => {
    await renderInTestApp(<LongText code text="cpu=1" />);
    expect(screen.getByText('cpu=1').tagName).toBe('CODE');
    expect(screen.queryByRole('button')).not.toBeInTheDocument();
  });

  it('opens and closes one line', async () => {
    await renderInTestApp(
      <Expandable summary="Three things">
        <p>inside</p>
      </Expandable>,
    );
    expect(screen.queryByText('inside')).not.toBeInTheDocument();
    await userEvent.click(
      screen.getByRole('button', { name: 'Three things (show)' }),
    );
    expect(screen.getByText('inside')).toBeInTheDocument();
    await userEvent.click(
      screen.getByRole('button', { name: 'Three things (hide)' }),
    );
    expect(screen.queryByText('inside')).not.toBeInTheDocument();
  });
});
