import { parseGroupAnnotations } from './group';

describe('parseGroupAnnotations', () => {
  it.each([
    [
      { 'orchestration.io/platform-team': 'TRUE' },
      { facts: { platformTeam: true }, problems: [] },
    ],
    [
      { 'orchestration.io/platform-team': 'false' },
      { facts: { platformTeam: false }, problems: [] },
    ],
    [
      { 'orchestration.io/platform-team': 'yes' },
      {
        facts: {},
        problems: [
          {
            severity: 'error',
            code: 'unknown-value',
            key: 'orchestration.io/platform-team',
            value: 'yes',
            message:
              '"yes" is not a valid value for orchestration.io/platform-team; write one of: true, false',
            allowed: ['true', 'false'],
          },
        ],
      },
    ],
    [
      { 'orchestration.io/platform-team': true },
      {
        facts: {},
        problems: [
          {
            severity: 'error',
            code: 'invalid-value',
            key: 'orchestration.io/platform-team',
            value: 'true',
            message:
              'orchestration.io/platform-team is the boolean true, not text: YAML reads an unquoted true as a boolean; quote it: "true"',
          },
        ],
      },
    ],
  ])('%j', (annotations, expected) => {
    expect(parseGroupAnnotations(annotations)).toEqual(expected);
  });
});
