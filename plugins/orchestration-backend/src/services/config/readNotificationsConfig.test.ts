import { mockServices } from '@backstage/backend-test-utils';
import { readBackendConfig } from './readBackendConfig';

const read = (notifications?: unknown) =>
  readBackendConfig(
    mockServices.rootConfig({
      data:
        notifications === undefined ? {} : { orchestration: { notifications } },
    }),
  ).notifications;

describe('orchestration.notifications', () => {
  it('is on by default: 60 days before an end of support, 14 before an exemption ends, every kind', () => {
    expect(read()).toEqual({
      enabled: true,
      maxPerRefresh: 1000,
      thresholds: {
        endOfSupportDays: 60,
        exemptionExpiryDays: 14,
        kinds: {
          'obligation-critical': true,
          'end-of-support': true,
          'migration-overdue': true,
          'exemption-expiring': true,
          'exemption-expired': true,
          'recommendation-changed': true,
        },
      },
    });
  });

  it.each([
    [{ enabled: false }, { enabled: false }],
    [
      { endOfSupportDays: 90, exemptionExpiryDays: 7 },
      {
        thresholds: expect.objectContaining({
          endOfSupportDays: 90,
          exemptionExpiryDays: 7,
        }),
      },
    ],
    [{ maxPerRefresh: 50 }, { maxPerRefresh: 50 }],
    [
      { kinds: { 'recommendation-changed': false } },
      {
        thresholds: expect.objectContaining({
          kinds: expect.objectContaining({
            'recommendation-changed': false,
            'obligation-critical': true,
          }),
        }),
      },
    ],
  ])('reads %j', (given, expected) => {
    expect(read(given)).toMatchObject(expected);
  });

  it.each([
    ['yes', /orchestration\.notifications: expected an object/],
    [
      { enabled: 'no' },
      /orchestration\.notifications\.enabled: expected true or false; got "no"/,
    ],
    [
      { endOfSupportDays: 0 },
      /orchestration\.notifications\.endOfSupportDays: expected a whole number between 1 and 3650; got 0/,
    ],
    [
      { exemptionExpiryDays: 2.5 },
      /orchestration\.notifications\.exemptionExpiryDays: expected a whole number between 1 and 3650; got 2\.5/,
    ],
    [
      { maxPerRefresh: 'many' },
      /orchestration\.notifications\.maxPerRefresh: expected a whole number between 1 and 100000; got "many"/,
    ],
    [
      { emails: true },
      /orchestration\.notifications: unknown key emails; the keys are enabled, kinds, endOfSupportDays, exemptionExpiryDays, maxPerRefresh/,
    ],
    [
      { kinds: { 'cert-expiry': false } },
      /orchestration\.notifications\.kinds: unknown kind cert-expiry; the kinds are obligation-critical, end-of-support/,
    ],
    [
      { kinds: { 'end-of-support': 'off' } },
      /orchestration\.notifications\.kinds\.end-of-support: expected true or false; got "off"/,
    ],
    [
      { kinds: ['end-of-support'] },
      /orchestration\.notifications\.kinds: expected an object with a switch per kind/,
    ],
  ])('stops start-up on %j, naming the key', (given, message) => {
    expect(() => read(given)).toThrow(message);
  });
});
